"""Golden files: each tests/golden/NAME.qpat with the expected dump of every compiler
stage (`qdsl compile --dump STAGE`): the AST, the expanded rules, the neutral rule model
and the TorchScript IR.

Regenerate with `QDSL_UPDATE_GOLDEN=1 pytest tests/test_golden.py`, then review the diff.
"""

import os

import pytest

from qdsl.tooling.compile import DUMP_STAGES, dump
from tests.support.cli import REPO

GOLDEN = REPO / "tests" / "golden"
CASES = ("conv", "misc", "shared")
"""The golden sources: the shipped conv family, every construct of the language, imports."""


@pytest.mark.parametrize("stage", DUMP_STAGES)
@pytest.mark.parametrize("case", CASES)
def test_stage_dump_matches_golden(case, stage, monkeypatch):
    monkeypatch.chdir(REPO)
    actual = dump(f"tests/golden/{case}.qpat", stage)
    expected_path = GOLDEN / f"{case}.{stage}"
    if os.environ.get("QDSL_UPDATE_GOLDEN") == "1":
        expected_path.write_text(actual)
    assert actual == expected_path.read_text()
