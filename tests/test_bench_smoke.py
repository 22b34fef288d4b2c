"""Smoke test of the benchmark scripts: each runs at the smallest size, one repeat, in a
subprocess, and writes its CSV with the documented columns and a row per model in which
both sides were measured and gave the same graph.

Not a timing test: only that the scripts work. Slow (minutes): `make test` runs them,
`pytest -m "not slow"` does not.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

BENCH = Path(__file__).resolve().parent.parent / "bench"
SHAPES = ("resnet", "mlp_dynamic")
"""One static and one dynamic shape (the scripts run every shape the same way)."""
BLOCKS = "2"

EXPECTED = {
    "bench_fusion.py": ("fusion.csv", ["shape", "blocks", "nodes", "torch_s", "qdsl_s", "ratio", "identical"],
                        ("torch_s", "qdsl_s")),
    "bench_finalize.py": ("finalize.csv", ["shape", "blocks", "nodes", "torch_s", "qdsl_s", "ratio", "identical",
                                           "outputs_equal", "torch_us_per_node", "qdsl_us_per_node",
                                           "qdsl_clear_s", "qdsl_prepack_s", "qdsl_fusion_s", "qdsl_freeze_s",
                                           "qdsl_fold_s", "torch_prepack_s", "torch_fusion_s", "torch_freeze_s"],
                          ("torch_s", "qdsl_s", "qdsl_fusion_s", "torch_freeze_s")),
    "bench_memory.py": ("memory.csv", ["shape", "blocks", "nodes", "torch_peak_mib", "qdsl_peak_mib", "ratio"], ()),
}
"""Per script: its CSV, the CSV's columns, and the timed columns (each > 0 in every row)."""


@pytest.fixture(scope="module")
def model_cache(tmp_path_factory) -> Path:
    """One cache of the small models for all three scripts."""
    return tmp_path_factory.mktemp("bench_cache")


@pytest.mark.parametrize("script", sorted(EXPECTED))
def test_bench_script_writes_its_csv(script: str, model_cache: Path, tmp_path: Path) -> None:
    csv_name, columns, measured = EXPECTED[script]
    completed = subprocess.run(
        [sys.executable, str(BENCH / script), "--blocks", BLOCKS, "--repeats", "1", "--shapes", *SHAPES,
         "--results-dir", str(tmp_path), "--cache-dir", str(model_cache)],
        capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr[-3000:]
    with (tmp_path / csv_name).open(newline="") as stream:
        reader = csv.DictReader(stream)
        assert reader.fieldnames == columns
        rows = list(reader)
    assert [(row["shape"], row["blocks"]) for row in rows] == [(shape, BLOCKS) for shape in SHAPES]
    for row in rows:
        assert int(row["nodes"]) > 50, row
        assert all(float(row[column]) > 0.0 for column in measured), row
        assert row.get("identical", "True") == "True" and row.get("outputs_equal", "True") == "True", row
        if script == "bench_memory.py":
            # both children measured (a failed child leaves its cell empty); the peak of a
            # 2-block finalize may round to no new page at all, so no bound below
            torch_peak, qdsl_peak = float(row["torch_peak_mib"]), float(row["qdsl_peak_mib"])
            assert row["ratio"] == "" if torch_peak == 0 else float(row["ratio"]) == pytest.approx(
                qdsl_peak / torch_peak, rel=1e-3), row


def test_bench_check_writes_its_csv_and_agrees_with_the_pairwise_analysis(tmp_path: Path) -> None:
    completed = subprocess.run([sys.executable, str(BENCH / "bench_check.py"), "--rules", "30", "60",
                                "--pairwise-up-to", "60", "--results-dir", str(tmp_path)],
                               capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr[-3000:]
    with (tmp_path / "check.csv").open(newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [row["rules"] for row in rows] == ["30", "60"]
    assert all(row["same"] == "True" and float(row["check_cpu_s"]) > 0 for row in rows)
    assert all(row["summary"].startswith("0 errors, ") and row["summary"].endswith(" in 1 file") for row in rows)


def test_bench_architectures_writes_its_csv(tmp_path: Path) -> None:
    """One small architecture, one steady run, one fresh process per side and first-call scenario."""
    completed = subprocess.run(
        [sys.executable, str(BENCH / "bench_architectures.py"), "--models", "distilbert", "--repeats", "1",
         "--cold-repeats", "1", "--loaded-repeats", "1", "--results-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr[-3000:]
    with (tmp_path / "architectures.csv").open(newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [row["model"] for row in rows] == ["distilbert"]
    row = rows[0]
    assert int(row["nodes"]) > 500, row
    assert row["identical"] == "True" and row["outputs_equal"] == "True", row
    for column in ("torch_s", "qdsl_s", "qdsl_inplace_s", "cold_torch_s", "cold_qdsl_s", "cold_qdsl_import_s",
                   "loaded_torch_s", "loaded_qdsl_s", "torch_freeze_s", "qdsl_fusion_s"):
        assert float(row[column]) > 0.0, (column, row)
    for column in ("torch_peak_mib", "qdsl_peak_mib"):
        assert float(row[column]) > 0.0, (column, row)
