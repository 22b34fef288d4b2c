"""Every shipped TorchScript rule verified on every engine this torch has, with the seed of the
docs table (the PT2E rules' kernels do not depend on the quantized engine: see
docs/verification.md, "PT2E rules").

Wrong verdicts of the shipped rules are findings, not tolerated noise: each is listed in
`KNOWN_RULE_DEFECTS` and explained in docs/verification.md ("Findings in the shipped
rules"); a new one fails here. Kernel bugs (crashes, stateful kernels, kernels whose
result depends on memory layout) are reported apart and do not fail a rule.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from qdsl.core.loading import default_rules
from qdsl.verify import available_engines, verify
from qdsl.verify.results import EXACT, NEVER_VALID, NO_KERNEL, NOT_FOR_ENGINE, WITHIN_TOLERANCE, WRONG
from qdsl.verify.table import render_table, with_table

pytestmark = pytest.mark.slow
"""About 45 s: every rule on four engines (CI runs it; `-m 'not slow'` deselects it)."""

DOC = Path(__file__).resolve().parent.parent / "docs" / "verification.md"

KNOWN_RULE_DEFECTS = {
    "linear_dynamic_float_input": "quantizes an activation the pattern multiplies in float (upstream's choice)",
    "add_scalar_out_relu": "leaves relu(a + b) in `a`, where the pattern leaves a + b",
    "mul_scalar_out_relu": "leaves relu(a * b) in `a`, where the pattern leaves a * b",
    "mul_scalar_out_relu_": "mul_scalar_relu_out leaves `a` with its old qparams, mul_scalar_out requantizes it",
}
"""Shipped rules (upstream's patterns) that verify shows compute something else."""


@pytest.fixture(scope="module")
def report():
    return verify(default_rules(), engines="all", seed=0, backend="torchscript")


def test_every_shipped_rule_is_verified_on_every_engine(report):
    engines = available_engines()
    assert set(engines) >= {"fbgemm", "qnnpack"}
    verdicts = {(r.rule, r.engine): r.verdict for r in report.rules}
    for rule in default_rules():
        if rule.stage.backend != "torchscript":
            continue
        for engine in engines:
            assert (rule.name, engine) in verdicts
        ran = [engine for engine in engines if verdicts[rule.name, engine] not in (NEVER_VALID, NO_KERNEL,
                                                                                     NOT_FOR_ENGINE)]
        assert ran, f"{rule.name} ran on no engine"


def test_the_only_wrong_shipped_rules_are_the_known_defects(report):
    assert {r.rule for r in report.wrong_rules} == set(KNOWN_RULE_DEFECTS)
    for wrong in report.wrong_rules:
        assert wrong.run.counterexample is not None


def test_engine_only_rules_run_on_their_engine_only(report):
    for r in report.rules:
        if r.rule in ("linear_leaky_relu", "linear_tanh"):
            assert r.verdict in (EXACT, WITHIN_TOLERANCE) if r.engine == "onednn" else r.verdict == NOT_FOR_ENGINE


def test_the_onednn_primitive_cache_bug_is_a_kernel_bug(report):
    stateful = [k for k in report.kernels if k.kind == "stateful"]
    for engine in ("onednn", "x86"):
        assert any(k.engine == engine and "quantized::conv2d_relu after quantized::conv2d" in k.summary
                   and "(equal output qparams)" in k.summary for k in stateful)
    assert not any(k.engine == "fbgemm" for k in stateful)
    for r in report.rules:
        if r.rule in ("conv2d", "conv2d_relu") and r.engine in ("fbgemm", "x86"):
            assert r.verdict != WRONG or r.cause == "kernel"


def test_the_docs_table_is_up_to_date(report):
    document = DOC.read_text(encoding="utf-8")
    assert with_table(document, render_table(report)) == document, \
        "docs/verification.md is stale: run `qdsl verify --backend torchscript --doc docs/verification.md`"
