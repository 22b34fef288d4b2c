"""Every shipped rule (TorchScript and PT2E) verified on every engine this torch has, with
the seed of the docs table: none is wrong by its own fault, none is left unverified.

Kernel bugs (crashes, stateful kernels, kernels whose result depends on memory layout or
that another engine's kernels contradict on the same sample) are reported apart and do
not fail a rule; docs/verification.md lists them with their reproductions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from qdsl.core.loading import default_rules
from qdsl.verify import available_engines, verify
from qdsl.verify.results import (EXACT, NEVER_VALID, NO_KERNEL, NOT_FOR_ENGINE, PATTERN_NO_KERNEL, WITHIN_TOLERANCE,
                                 WRONG)
from qdsl.verify.table import render_table, with_table

pytestmark = pytest.mark.slow
"""About 80 s: every rule on four engines (CI runs it; `-m 'not slow'` deselects it)."""

DOC = Path(__file__).resolve().parent.parent / "docs" / "verification.md"


@pytest.fixture(scope="module")
def report():
    return verify(default_rules(), engines="all", seed=0)


def test_every_shipped_rule_is_verified_on_every_engine(report):
    engines = available_engines()
    assert set(engines) >= {"fbgemm", "qnnpack"}
    verdicts = {(r.rule, r.engine): r.verdict for r in report.rules}
    backends = set()
    for rule in default_rules():
        backends.add(rule.stage.backend)
        for engine in engines:
            assert (rule.name, engine) in verdicts
        ran = [engine for engine in engines
               if verdicts[rule.name, engine] not in (NEVER_VALID, PATTERN_NO_KERNEL, NO_KERNEL, NOT_FOR_ENGINE)]
        assert ran, f"{rule.name} ran on no engine"
    assert backends == {"torchscript", "pt2e"}


def test_the_shipped_rules_pass(report):
    assert report.wrong_rules == () and report.unverified == ()
    assert report.ok


def test_no_rule_is_wrong_by_its_own_samples_on_fbgemm_and_qnnpack(report):
    """Not even before another engine's verdict makes a wrong verdict the kernel's: each
    wrong sample there was blamed on a kernel by a check of the sample itself."""
    for r in report.rules:
        if r.engine in ("fbgemm", "qnnpack") and r.verdict == WRONG:
            assert r.run.cause == "kernel", (r.rule, r.engine, r.run.counterexample)


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
        "docs/verification.md is stale: run `qdsl verify --doc docs/verification.md`"
