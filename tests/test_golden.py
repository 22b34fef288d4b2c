"""Golden files: each tests/golden/NAME.qpat with the expected dump of every stage.

Regenerate with `QDSL_UPDATE_GOLDEN=1 pytest tests/test_golden.py`, then review the diff.
"""

import os
from pathlib import Path

import pytest

from qdsl.compiler import dump

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden"
CASES = sorted(p.stem for p in GOLDEN.glob("*.qpat"))


@pytest.mark.parametrize("stage", ["ast", "expand", "ir"])
@pytest.mark.parametrize("case", CASES)
def test_stage_dump_matches_golden(case, stage, monkeypatch):
    monkeypatch.chdir(REPO)
    actual = dump(f"tests/golden/{case}.qpat", stage)
    expected_path = GOLDEN / f"{case}.{stage}"
    if os.environ.get("QDSL_UPDATE_GOLDEN") == "1":
        expected_path.write_text(actual)
    assert actual == expected_path.read_text()


def test_golden_cases_exist():
    assert {"conv", "misc", "shared"} <= set(CASES)
