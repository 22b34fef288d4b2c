"""Time `qdsl verify` on the shipped rules, as a user runs it, and what it spends the time on.

For each engine set (default: fbgemm + qnnpack, the acceptance case, and all engines):

- `wall_s`, `cpu_s`: `python -m qdsl verify patterns --engine ...` in a fresh process
  (torch import, loading the rules, forked children, printing), wall and CPU seconds
  (children included);
- `rules`, `samples`: rule verdicts made and samples run (guard and assumption checks
  included), from the command's JSON output;
- `per_sample_ms`: wall time per sample.

Side by side, the floor: `floor_s` is each rule's pattern and replacement run once on
one drawn sample, in this process (no children, no checks, no shrinking), and `ratio` the
command's wall time over it.

Writes bench/results/verify.csv. Target: fbgemm + qnnpack in under 60 s on the project's
2-core machine.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 60.0
"""`qdsl verify patterns --engine fbgemm qnnpack` must finish within this."""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def command(engines: list[str], samples: int) -> dict:
    argv = [sys.executable, "-m", "qdsl", "verify", "patterns", "--engine", *engines, "--samples", str(samples),
            "--format", "json"]
    cpu_before, started = _children_cpu(), time.perf_counter()
    finished = subprocess.run(argv, cwd=REPO, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - started, _children_cpu() - cpu_before
    if finished.returncode not in (0, 1):
        raise SystemExit(f"qdsl verify failed ({finished.returncode}):\n{finished.stderr}")
    report = json.loads(finished.stdout)
    runs = [rule["run"] for rule in report["rules"] if rule["run"]]
    runs += [check["run"] for rule in report["rules"] for check in rule["guards"] + rule["assumptions"]]
    samples_run = sum(run["samples"] for run in runs)
    return {"wall_s": wall, "cpu_s": cpu, "rules": len(report["rules"]), "samples": samples_run,
            "per_sample_ms": 1000 * wall / max(samples_run, 1)}


def floor(engines: list[str]) -> float:
    """Each rule's two sides once on one sample, in this process."""
    import warnings

    from qdsl.core.backend import load_operators
    from qdsl.core.loading import default_rules
    from qdsl.verify.api import active_engine
    from qdsl.verify.closure import close
    from qdsl.verify.draws import Draws
    from qdsl.verify.guarding import GuardMode
    from qdsl.verify.sampler import Rejected, Sampler
    from qdsl.verify.trial import may_write, run_trial

    warnings.filterwarnings("ignore")
    rules = default_rules()
    load_operators({rule.stage.words for rule in rules})
    closed = [close(rule, tuple(rules)) for rule in rules]
    started = time.perf_counter()
    for engine in engines:
        with active_engine(engine):
            for rule in closed:
                if not rule.rule.valid_on(engine):
                    continue
                sampler = Sampler(rule, engine)
                for seed in range(20):
                    try:
                        sample = sampler.sample(Draws(seed=seed), GuardMode())
                    except Rejected:
                        continue
                    run_trial(rule, sample, may_write(rule))
                    break
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--results-dir", default=str(REPO / "bench" / "results"))
    args = parser.parse_args()
    rows = []
    floor(["fbgemm"])  # the first run pays for imports and kernel set-up
    for engines in (["fbgemm", "qnnpack"], ["all"]):
        measured = command(engines, args.samples)
        base = floor(["fbgemm", "qnnpack", "onednn", "x86"] if engines == ["all"] else engines)
        row = {"engines": " ".join(engines), **measured, "floor_s": base, "ratio": measured["wall_s"] / base}
        rows.append(row)
        print(f"{row['engines']:16s} {row['wall_s']:6.1f} s wall, {row['cpu_s']:6.1f} s cpu, {row['rules']} verdicts, "
              f"{row['samples']} samples ({row['per_sample_ms']:.1f} ms each); floor {base:.2f} s, "
              f"ratio {row['ratio']:.0f}")
    results = Path(args.results_dir)
    results.mkdir(parents=True, exist_ok=True)
    with open(results / "verify.csv", "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    target = rows[0]["wall_s"]
    print(f"fbgemm + qnnpack: {target:.1f} s ({'within' if target < TARGET_SECONDS else 'OVER'} the "
          f"{TARGET_SECONDS:.0f} s target)")


if __name__ == "__main__":
    main()
