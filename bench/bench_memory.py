"""Peak memory of finalize: qdsl `finalize` vs `torch._C._jit_pass_quant_finalize`.

tracemalloc sees only Python allocations, and most of finalize's memory is C++
(graphs, cloned modules, packed weights). So each measurement runs in its own fresh
subprocess, which loads the model, clones it, runs one warm-up finalize of the 10-block
model of the same shape (one-time costs such as qdsl's rule loading or torch's operator
tables are not per-call costs), returns freed heap to the kernel (`malloc_trim`), then
resets the kernel's peak-RSS counter
(`/proc/self/clear_refs`, "5") and reads

    peak = VmHWM after finalize - VmRSS before finalize

from /proc/self/status. Where clear_refs is not writable the peak counter cannot be
reset and the child says so (the row is then left empty).

Writes results/memory.csv: shape, blocks, nodes, torch_peak_mib, qdsl_peak_mib, ratio.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import re
import statistics
import subprocess
import sys
from pathlib import Path

import harness
import models

COLUMNS = ("shape", "blocks", "nodes", "torch_peak_mib", "qdsl_peak_mib", "ratio")


def _status_kib(field: str) -> int:
    """A field of /proc/self/status, in KiB."""
    text = Path("/proc/self/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", text, re.MULTILINE).group(1))


def child(shape: str, blocks: int, implementation: str, cache_dir: Path | None) -> dict:
    """Measure one finalize in this (fresh) process."""
    import torch

    model = models.build(shape, blocks, cache_dir)
    warm_up = models.build(shape, 10, cache_dir)
    if implementation == "torch":
        def run(c_module):
            return torch._C._jit_pass_quant_finalize(c_module, model.quant_type, [])
    else:
        qdsl = harness.QdslSide()
        if qdsl.unavailable:
            return {"error": f"qdsl not available: {qdsl.unavailable}"}

        def run(c_module):
            return qdsl.finalize(c_module, model.quant_type)
    run(harness.clone_module(warm_up.module._c))
    work = harness.clone_module(model.module._c)
    del warm_up
    gc.collect()
    # Hand freed heap pages back to the kernel, so that RSS before is what is live
    # and finalize cannot hide its peak in pages the loading and warm-up left behind.
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError as error:
        return {"error": f"cannot reset the peak RSS counter: {error}"}
    before = _status_kib("VmRSS")
    result = run(work)
    peak = _status_kib("VmHWM")
    del result
    return {"peak_mib": (peak - before) / 1024, "nodes": models.node_count(harness.forward_graph(model.module._c))}


def measure_in_subprocess(shape: str, blocks: int, implementation: str, cache_dir: Path | None,
                          threads: int) -> dict:
    """Run `child` in a fresh interpreter; its JSON result."""
    command = [sys.executable, "-W", "ignore", str(Path(__file__).resolve()), "--child", implementation,
               "--shapes", shape, "--blocks", str(blocks), "--threads", str(threads)]
    command += ["--no-cache"] if cache_dir is None else ["--cache-dir", str(cache_dir)]
    completed = subprocess.run(command, capture_output=True, text=True)
    lines = [line for line in completed.stdout.splitlines() if line.startswith("{")]
    if completed.returncode != 0 or not lines:
        tail = (completed.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"child exited with {completed.returncode}: {tail}"}
    return json.loads(lines[-1])


def main() -> None:
    parser = harness.common_arguments(__doc__.splitlines()[0])
    parser.set_defaults(repeats=1)
    parser.add_argument("--child", choices=("torch", "qdsl"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    harness.apply_threads(args)
    cache_dir = None if args.no_cache else args.cache_dir
    if args.child:
        print(json.dumps(child(args.shapes[0], args.blocks[0], args.child, cache_dir)))
        return
    print(f"finalize peak memory above the RSS before it (MiB), median of {args.repeats} fresh processes")
    print(f"{'shape':<12} {'blocks':>6} {'nodes':>7} {'torch':>9} {'qdsl':>9} {'qdsl/torch':>10}")
    rows = []
    for shape in args.shapes:
        for blocks in args.blocks:
            models.build(shape, blocks, cache_dir)  # build once here, so children only load
            row = {"shape": shape, "blocks": blocks}
            for implementation in ("torch", "qdsl"):
                peaks = []
                for _ in range(harness.repeats_for(args, blocks)):
                    measured = measure_in_subprocess(shape, blocks, implementation, cache_dir, args.threads)
                    if "error" in measured:
                        print(f"  {shape} {blocks} {implementation}: {measured['error']}")
                        break
                    row["nodes"] = measured["nodes"]
                    peaks.append(measured["peak_mib"])
                row[f"{implementation}_peak_mib"] = statistics.median(peaks) if peaks else None
            row["ratio"] = harness.ratio(row["qdsl_peak_mib"], row["torch_peak_mib"])
            rows.append(row)
            print(f"{shape:<12} {blocks:>6} {row.get('nodes', '-'):>7} "
                  f"{_mib(row['torch_peak_mib']):>9} {_mib(row['qdsl_peak_mib']):>9} "
                  f"{harness.format_ratio(row['ratio']):>10}", flush=True)
    harness.write_csv(args.results_dir / "memory.csv", COLUMNS, rows)
    print(f"wrote {args.results_dir / 'memory.csv'}")


def _mib(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


if __name__ == "__main__":
    main()
