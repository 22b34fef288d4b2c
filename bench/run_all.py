"""Run the compiler and finalize benchmarks (`make bench`), each in its own process, CSVs under bench/results/.

In order: build/cache the models, then compile, check, fusion, finalize, memory and the
real architectures. bench_pt2e.py, bench_verify.py, profile_finalize.py and
pt2e_torchao_survey.py are run on their own.

Options given here (sizes, shapes, repeats, clock) go to the synthetic-model benchmarks;
bench_compile.py and bench_check.py run with their defaults, bench_architectures.py with
its defaults (and --clock, --threads). A benchmark that fails is reported and the others still
run; the exit status is 1 if any failed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent

MODEL_BENCHMARKS = ("bench_fusion.py", "bench_finalize.py", "bench_memory.py")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blocks", nargs="+", help="model sizes (default: 10 50 200 400)")
    parser.add_argument("--shapes", nargs="+", help="model shapes (default: all)")
    parser.add_argument("--repeats", help="timed runs per contender")
    parser.add_argument("--large-repeats", help="timed runs for models of 200 blocks or more")
    parser.add_argument("--clock", choices=("cpu", "wall"))
    parser.add_argument("--threads", help="torch intra-op threads (benchmarks default to 1)")
    args = parser.parse_args()
    forwarded = []
    for option in ("blocks", "shapes"):
        if getattr(args, option):
            forwarded += [f"--{option}", *getattr(args, option)]
    for option in ("repeats", "large_repeats", "clock", "threads"):
        if getattr(args, option):
            forwarded += [f"--{option.replace('_', '-')}", getattr(args, option)]
    model_options = forwarded
    for option in ("--repeats", "--large-repeats", "--clock", "--threads"):
        model_options = _drop_option(model_options, option)
    steps = [("models.py", model_options), ("bench_compile.py", []), ("bench_check.py", [])]
    steps += [(script, forwarded) for script in MODEL_BENCHMARKS]
    architecture_options = [argument for option in ("clock", "threads") if getattr(args, option)
                            for argument in (f"--{option}", getattr(args, option))]
    steps.append(("bench_architectures.py", architecture_options))
    failed = []
    for script, options in steps:
        print(f"\n=== {script} {' '.join(options)}", flush=True)
        start = time.perf_counter()
        completed = subprocess.run([sys.executable, str(BENCH_DIR / script), *options], cwd=BENCH_DIR.parent)
        print(f"=== {script}: exit {completed.returncode}, {time.perf_counter() - start:.0f} s", flush=True)
        if completed.returncode != 0:
            failed.append(script)
    if failed:
        print(f"failed: {', '.join(failed)}")
        return 1
    return 0


def _drop_option(arguments: list[str], option: str) -> list[str]:
    """`arguments` without `option` and the values that follow it."""
    kept, skipping = [], False
    for argument in arguments:
        if argument.startswith("--"):
            skipping = argument == option
        if not skipping:
            kept.append(argument)
    return kept


if __name__ == "__main__":
    sys.exit(main())
