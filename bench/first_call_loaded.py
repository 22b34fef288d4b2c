"""One first finalize of a saved debug module in this fresh process, imports as a user's.

    python bench/first_call_loaded.py MODULE.pt QUANT_TYPE torch|qdsl cpu|wall THREADS

A script that loads a model and finalizes it (`qdsl finalize model.pt` does the same)
has imported torch and little else: `import torch` leaves ~165,000 objects that no full
collection of Python's garbage collector has examined, and the first few thousand
allocations after it start one (~50 ms here), whoever makes them. bench_architectures.py
(columns `loaded_*`) runs this per side and repetition, and reads the JSON line it prints:
the CPU (or wall) seconds of the first finalize, qdsl's including `import qdsl`. Nothing
else is imported here, so that the heap is the user's; the arguments are parsed after
`import torch`, which has imported argparse already (as a user's script parses its own).
"""

import argparse
import json
import time

import torch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("module", metavar="MODULE.pt", help="a module saved right before finalize")
    parser.add_argument("quant_type", metavar="QUANT_TYPE", type=int, help="torch's QuantType as an int")
    parser.add_argument("side", choices=("torch", "qdsl"), help="whose finalize runs")
    parser.add_argument("clock", choices=("cpu", "wall"), help="CPU seconds or the stopwatch")
    parser.add_argument("threads", metavar="THREADS", type=int, help="torch intra-op threads")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    module = torch.jit.load(args.module)
    start = clock()
    if args.side == "torch":
        torch._C._jit_pass_quant_finalize(module._c, args.quant_type, [])
    else:
        import qdsl

        qdsl.finalize(module._c, args.quant_type)
    print(json.dumps({"cold_s": clock() - start}))


if __name__ == "__main__":
    main()
