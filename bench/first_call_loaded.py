"""One first finalize of a saved debug module in this fresh process, imports as a user's.

    python bench/first_call_loaded.py MODULE.pt QUANT_TYPE torch|qdsl cpu|wall THREADS

A script that loads a model and finalizes it (`qdsl finalize model.pt` does the same)
has imported torch and little else: `import torch` leaves ~165,000 objects that no full
collection of Python's garbage collector has examined, and the first few thousand
allocations after it start one (~50 ms here), whoever makes them. bench_architectures.py
(columns `loaded_*`) runs this per side and repetition, and reads the JSON line it prints:
the CPU (or wall) seconds of the first finalize, qdsl's including `import qdsl`. Nothing
else is imported here, so that the heap is the user's.
"""

import json
import sys
import time

import torch


def main() -> None:
    path, quant_type, side, clock_name, threads = sys.argv[1:]
    torch.set_num_threads(int(threads))
    clock = time.process_time if clock_name == "cpu" else time.perf_counter
    module = torch.jit.load(path)
    start = clock()
    if side == "torch":
        torch._C._jit_pass_quant_finalize(module._c, int(quant_type), [])
    else:
        import qdsl

        qdsl.finalize(module._c, int(quant_type))
    print(json.dumps({"cold_s": clock() - start}))


if __name__ == "__main__":
    main()
