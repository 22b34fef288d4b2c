"""`qdsl verify` flags each deliberately wrong rule with a shrunk counterexample, and passes
the shipped rules they were made from."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from qdsl.core.loading import default_rules, load_rules
from qdsl.core.rules import RuleSet
from qdsl.verify import verify
from qdsl.verify.results import EXACT, RAISES, WITHIN_TOLERANCE, WRONG

FIXTURES = Path(__file__).parent / "fixtures" / "verify" / "wrong_rules.qpat"
SAMPLES = 12
MAX_ELEMENTS = 8
"""A shrunk counterexample's tensors are this small (each wrong rule here fails on tiny inputs)."""

WHAT_DIFFERS = {
    "conv2d_relu_dropped": "steps at output 0",
    "leaky_relu_other_slope": "steps at output 0",
    "elu_scales_swapped": "scale",
    "hardsigmoid_wrong_dtype": "dtype torch.qint8 vs torch.quint8",
    "leaky_relu_in_place": "capture 'a' ends as",
    "conv2d_add_swapped": "(output 0)",
    "linear_dynamic_relu_dropped": "steps at output 0",
}
"""Fixture rule -> what its counterexample's difference says."""


@pytest.fixture(scope="module")
def report():
    return verify(load_rules(FIXTURES), engines=["qnnpack", "onednn"], samples=SAMPLES, seed=0)


def test_every_fixture_is_flagged_with_a_shrunk_counterexample(report):
    flagged = {}
    for rule in report.rules:
        if rule.verdict == WRONG:
            assert rule.cause == "rule"
            flagged.setdefault(rule.rule, rule)
    assert set(flagged) == set(WHAT_DIFFERS)
    for name, rule in flagged.items():
        example = rule.run.counterexample
        assert example is not None
        assert WHAT_DIFFERS[name] in example.difference
        assert f"{FIXTURES.name}:" in rule.location
        captured = {capture for capture, _ in example.captures}
        assert "a" in captured
        for _, value in example.captures:
            assert _elements(value) <= MAX_ELEMENTS, (name, value)


def test_counterexamples_name_how_packed_weights_were_made(report):
    rule = next(r for r in report.rules if r.rule == "conv2d_relu_dropped")
    example = rule.run.counterexample
    assert any(line.startswith("packed = quantized::conv2d_prepack(packed.w, packed.b, stride, padding, dilation, "
                               "groups)") and "conv2d_prepack_unpack" in line for line in example.packings)
    assert {"packed.w", "packed.b", "stride", "groups"} <= {capture for capture, _ in example.captures}


def test_the_relu_drop_shows_negative_results_the_pattern_clamps(report):
    rule = next(r for r in report.rules if r.rule == "linear_dynamic_relu_dropped")
    example = rule.run.counterexample
    assert "-" in example.replacement and "-" not in example.pattern


def test_guards_are_checked_both_ways(report):
    rule = next(r for r in report.rules if r.rule == "conv2d_add_swapped" and r.engine == "onednn")
    assert [(check.conjunct, check.finding) for check in rule.guards] == [("alpha == 1", "needed")]


def test_the_rules_the_fixtures_were_made_from_are_right():
    shipped = default_rules()
    names = ("conv2d_relu", "leaky_relu", "elu", "hardsigmoid", "leaky_relu_", "linear_dynamic", "x86_conv_hardtanh",
             "x86_linear_relu", "x86_linear_int8")
    report = verify(RuleSet(tuple(shipped[name] for name in names)), engines=["qnnpack"], samples=SAMPLES, seed=0)
    assert {(r.rule, r.verdict) for r in report.rules} <= {(name, verdict) for name in names
                                                          for verdict in (EXACT, WITHIN_TOLERANCE)}
    assert len(report.rules) == len(names)


PT2E_FIXTURES = FIXTURES.with_name("wrong_pt2e_rules.qpat")
PT2E_FLAGGED = {
    "conv_hardtanh_any_rank": (RAISES, "Unsupported post op hardtanh for quantized pointwise conv1d"),
    "linear_relu_as_gelu": (WRONG, "steps at output 0"),
    "linear_int8_input_scale": (WRONG, "steps at output 0"),
}
"""PT2E fixture rule -> its verdict and what its counterexample says."""


def test_every_pt2e_fixture_is_flagged_with_a_shrunk_counterexample():
    report = verify(load_rules(PT2E_FIXTURES), engines=["fbgemm"], samples=SAMPLES, seed=0)
    assert {rule.rule: rule.verdict for rule in report.rules} == {name: v for name, (v, _) in PT2E_FLAGGED.items()}
    for rule in report.rules:
        example = rule.run.counterexample
        verdict, says = PT2E_FLAGGED[rule.rule]
        assert says in example.replacement + example.difference
        assert any("made as rule 'x86_" in packing for packing in example.packings)
        for _, value in example.captures:
            assert _elements(value) <= MAX_ELEMENTS, (rule.rule, value)
    assert {rule.rule for rule in report.wrong_rules} == {"linear_relu_as_gelu", "linear_int8_input_scale"}


def _elements(text: str) -> int:
    """Elements of a described tensor, `quint8 1x2x3, ...` (1 for other values)."""
    shape = re.match(r"\w+ (\d+(?:x\d+)*),", text)
    return math.prod(int(size) for size in shape.group(1).split("x")) if shape else 1
