"""Time compiling all patterns/*.qpat: cold (fresh process) and warm (cached / from generated/).

Cold = in a fresh interpreter that has already imported torch (every qdsl user has),
the time to import the compiler and compile every rule file: grammar construction,
template loading, schema lookups. Warm = the same load again in that process (the
in-process cache), and `qdsl.default_rules()` in a fresh process (plain-data modules).
Prints milliseconds and writes bench/results/compile.csv.

The children run with bytecode caching on (PYTHONDONTWRITEBYTECODE removed) after one
unmeasured warm-up run, as in any installed environment; with it off every import
recompiles its source, which measures CPython's compiler, not qdsl.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUNS = 5

_CHILD = r"""
import json, time
t0 = time.perf_counter()
import torch
t1, c1 = time.perf_counter(), time.process_time()
import qdsl
from qdsl import load_rules
rules = load_rules("patterns")
t2, c2 = time.perf_counter(), time.process_time()
again = load_rules("patterns")
t3 = time.perf_counter()
print(json.dumps({"torch_import_ms": (t1 - t0) * 1e3, "cold_ms": (t2 - t1) * 1e3, "cold_cpu_ms": (c2 - c1) * 1e3,
                  "warm_cached_ms": (t3 - t2) * 1e3, "rules": len(rules)}))
"""

_GENERATED_CHILD = r"""
import json, time
import torch
t0 = time.perf_counter()
import qdsl
rules = qdsl.default_rules()
t1 = time.perf_counter()
print(json.dumps({"warm_generated_ms": (t1 - t0) * 1e3, "rules": len(rules)}))
"""


def _child(code: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True,
                         env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    _child(_CHILD)
    _child(_GENERATED_CHILD)
    samples = [_child(_CHILD) for _ in range(RUNS)]
    generated = [_child(_GENERATED_CHILD) for _ in range(RUNS)]
    rows = [
        ("torch_import", statistics.median(s["torch_import_ms"] for s in samples), "", ""),
        ("cold_import_and_compile", statistics.median(s["cold_ms"] for s in samples), 300, samples[0]["rules"]),
        ("cold_import_and_compile_cpu", statistics.median(s["cold_cpu_ms"] for s in samples), 300,
         samples[0]["rules"]),
        ("warm_cached_load_rules", statistics.median(s["warm_cached_ms"] for s in samples), 20, samples[0]["rules"]),
        ("warm_default_rules_from_generated", statistics.median(g["warm_generated_ms"] for g in generated), 20,
         generated[0]["rules"]),
    ]
    files = len(list((REPO / "patterns").glob("*.qpat")))
    print(f"{files} rule files, {samples[0]['rules']} rules, median of {RUNS} fresh processes, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for name, ms, target, rules in rows:
        verdict = "" if target == "" else ("ok" if ms < target else "OVER TARGET")
        print(f"{name:36s} {ms:8.1f} ms  {'target < ' + str(target) + ' ms' if target != '' else '':18s} {verdict}")
    results = REPO / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    with open(results / "compile.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["measure", "median_ms", "target_ms", "rules"])
        for name, ms, target, rules in rows:
            writer.writerow([name, f"{ms:.1f}", target, rules])


if __name__ == "__main__":
    main()
