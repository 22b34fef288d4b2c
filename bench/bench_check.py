"""Time `qdsl check` on generated rule files of growing size (default up to 5,000 rules).

Each file is made by the tests' generator (`tests/support/rule_sources.py`: conv families,
guarded adds, `...`, macros, literal constants; many rules repeat an earlier pattern,
and about a third are reported shadowed). For each size:

- `check_wall_s`, `check_cpu_s`: `python -m qdsl check FILE` in a fresh process, as a
  user runs it (torch import, compile, analysis, printing), wall and CPU seconds;
- `analysis_s`: the rule-set analysis alone, in this process, on the compiled rules;
  `embeddings` and `index_probes`: the work it counted;
- `pairwise_s`: the analysis's pairwise definition (every earlier rule against every
  later one, `tests/test_check_analysis.py`) on the same rules, side by side, for the
  sizes up to `--pairwise-up-to` (it is quadratic), and `same` whether it found the same
  warnings.

Writes bench/results/check.csv. Target: 5,000 rules checked in under 15 s.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TARGET_SECONDS = 15.0
"""The 5,000-rule check must finish within this on the project's 2-core machine."""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(rules: int, directory: Path, pairwise_up_to: int) -> dict:
    from qdsl.core.analysis import analyze
    from qdsl.core.pipeline import compile_text
    from tests.support.rule_sources import generated_source
    from tests.test_check_analysis import pairwise_analysis

    path = directory / f"generated_{rules}.qpat"
    text = generated_source(rules)
    path.write_text(text)
    cpu, wall = _children_cpu(), time.perf_counter()
    completed = subprocess.run([sys.executable, "-m", "qdsl", "check", str(path)], capture_output=True, text=True)
    wall, cpu = time.perf_counter() - wall, _children_cpu() - cpu
    if completed.returncode != 0:
        raise SystemExit(f"qdsl check failed on {path}:\n{completed.stdout[-2000:]}{completed.stderr[-2000:]}")
    summary = completed.stdout.strip().splitlines()[-1]

    compiled = list(compile_text(text, path.name).rules_or_raise())
    work: Counter = Counter()
    start = time.process_time()
    found = analyze(compiled, {path.name: text}, work)
    analysis = time.process_time() - start
    pairwise, same = "", ""
    if rules <= pairwise_up_to:
        start = time.process_time()
        expected = pairwise_analysis(compiled)
        pairwise = f"{time.process_time() - start:.2f}"
        same = [(d.location, d.message) for d in found] == [(d.location, d.message) for d in expected]
    return {"rules": len(compiled), "lines": text.count("\n"), "check_wall_s": f"{wall:.2f}",
            "check_cpu_s": f"{cpu:.2f}", "analysis_s": f"{analysis:.2f}", "embeddings": work["embeddings"],
            "index_probes": work["index_probes"], "pairwise_s": pairwise, "same": same, "summary": summary}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", nargs="+", type=int, default=[625, 1250, 2500, 5000], help="file sizes in rules")
    parser.add_argument("--pairwise-up-to", type=int, default=625,
                        help="run the quadratic pairwise definition for sizes up to this (default: 625)")
    parser.add_argument("--results-dir", default=str(REPO / "bench" / "results"))
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    rows = []
    with tempfile.TemporaryDirectory() as directory:
        for rules in args.rules:
            row = measure(rules, Path(directory), args.pairwise_up_to)
            rows.append(row)
            print(" ".join(f"{key}={value}" for key, value in row.items()), flush=True)
    results = Path(args.results_dir)
    results.mkdir(parents=True, exist_ok=True)
    with open(results / "check.csv", "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    largest = max(rows, key=lambda row: row["rules"])
    verdict = "ok" if float(largest["check_wall_s"]) < TARGET_SECONDS else "OVER TARGET"
    print(f"{largest['rules']} rules: qdsl check {largest['check_wall_s']} s wall, {largest['check_cpu_s']} s CPU "
          f"(target < {TARGET_SECONDS:.0f} s): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
