"""The rule-set analysis of `qdsl check` against its definition: every earlier rule
compared with every later one (docs/tooling.md, "Shadowing" and "Order").

`analyze` compares only the pairs its index admits; these tests run the pairwise
definition below on generated rule sets and require the same warnings in the same
order, and they count the analysis's work to show it grows linearly with the rule
count where the pairwise definition grows quadratically.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

import qdsl
from qdsl.core.analysis import analyze, shadowing_embedding
from qdsl.core.backend import all_backends
from qdsl.core.rules import Rule
from qdsl.diagnostics import Diagnostic, source_line
from tests.support.fuzzing import fuzz_settings
from tests.support.cli import REPO
from tests.support.rule_sources import generated_source

EXTRA_SOURCE = """\
stage fusion static
rule relu_scalar:
    q(relu(dq(a))) where is_scalar(a) -> quantized::relu6(a, false)
rule relu_scalar_constant:
    q(relu(dq(a))) where is_scalar(a) and is_constant(a) -> quantized::relu6(a, false)
rule relu_constant:
    q(relu(dq(a))) where is_constant(a) -> quantized::relu6(a, false)
rule hardswish_bound:
    x = hardswish(dq(a))
    q(x) -> quantized::hardswish(a, scale, zero_point)
rule add_alpha_two:
    q(add(dq(a), dq(b), alpha)) where alpha == 2 -> quantized::add(a, b, scale, zero_point)
rule sigmoid_fixed:
    q(sigmoid(dq(a)), 0.00390625, 0, quint8) -> sigmoid(a)
rule sigmoid_fixed_other:
    q(sigmoid(dq(a)), 0.00390625, 5, quint8) -> sigmoid(a)
rule relu_remade:
    q(relu(dq(a))) -> relu(a)
rule relu_scalar_again:
    q(relu(dq(a))) where is_scalar(a) -> quantized::relu6(a, false)
rule relu_inner:
    relu(dq(a)) -> quantized::relu6(a, false)
rule relu_of_relu:
    q(relu(relu(dq(a)))) -> quantized::relu6(a, false)
"""


def _pool() -> tuple[Rule, ...]:
    """The shipped rules, the optional ones, the walk-through's rule and a few made to
    shadow each other (sub-patterns, implied guards, equal and unequal constants)."""
    extra = qdsl.compile_source(EXTRA_SOURCE, "extra.qpat")
    optional = qdsl.load_rules([REPO / "patterns" / "optional", REPO / "tests" / "fixtures" / "first_rule.qpat"])
    return (*qdsl.default_rules(), *optional, *extra)


POOL = _pool()


def renamed_copies(picks: list[int]) -> list[Rule]:
    """The pool rules at `picks`, in that order, each renamed to be unique."""
    return [dataclasses.replace(POOL[pick], name=f"{POOL[pick].name}_{number}") for number, pick in enumerate(picks)]


def pairwise_analysis(rules: list[Rule]) -> list[Diagnostic]:
    """The definition: per stage, each rule against every earlier one for shadowing, and
    each node kind only rules make against every rule that makes it for order."""
    made = {rule.name: frozenset(node.kind for node in rule.replacement.nodes) for rule in rules}
    warnings = []
    for backend in all_backends():
        for stage in backend.stages:
            stage_rules = [r for r in rules if r.stage == stage]
            for later_index, later in enumerate(stage_rules):
                kinds = {node.kind for node in later.pattern.nodes}
                for earlier_index, earlier in enumerate(stage_rules[:later_index]):
                    if shadowing_embedding(earlier, later) is None:
                        continue
                    if any(made[r.name] & kinds for r in stage_rules[earlier_index:later_index]):
                        continue
                    warnings.append(Diagnostic(later.location, (
                        f"rule '{later.name}' can never fire: every match of it contains a match of the earlier "
                        f"rule '{earlier.name}' ({earlier.location})"
                        f"{' whose guard it implies' if earlier.guard is not None else ', which has no guard'}, "
                        f"and that rule rewrites it first; move '{later.name}' above '{earlier.name}' or drop it"),
                        "warning", ""))
                    break
            earlier_stages = backend.stages_before(stage)
            made_before = {kind for r in rules if r.stage in earlier_stages for kind in made[r.name]}
            for index, rule in enumerate(stage_rules):
                reported = set()
                for node in rule.pattern.nodes:
                    makers = [i for i, r in enumerate(stage_rules) if node.kind in made[r.name]]
                    if (not node.op or not backend.makes_only_by_rules(node.op) or node.kind in made_before
                            or node.kind in reported or not makers or any(i < index for i in makers)):
                        continue
                    later_makers = [stage_rules[i] for i in makers if i > index]
                    if not later_makers:
                        continue
                    reported.add(node.kind)
                    maker = later_makers[0]
                    warnings.append(Diagnostic(node.span, (
                        f"rule '{rule.name}' matches {node.kind}, which only the later rule '{maker.name}' "
                        f"({maker.location}) makes in this stage; rules run in order, so move '{rule.name}' "
                        f"below '{maker.name}'"), "warning", ""))
    return warnings


def test_the_pool_has_every_kind_of_finding():
    """The pool in order, reversed and twice gives shadowing by equal patterns, by
    sub-patterns and by implied guards, shadowing cut off by a rule recreating a node
    kind, and order warnings, so the comparison below is not of empty lists."""
    forward = [d.message for d in pairwise_analysis(renamed_copies(list(range(len(POOL)))))]
    backward = [d.message for d in pairwise_analysis(renamed_copies(list(reversed(range(len(POOL))))))]
    twice = [d.message for d in pairwise_analysis(renamed_copies(list(range(len(POOL))) * 2))]
    assert any(re.match(r"rule 'conv2d_\d+' can never fire: .* earlier rule 'conv2d_\d+' .* which has no guard", m)
               for m in twice)
    assert any(m.startswith("rule 'relu_scalar_constant_") and "'relu_scalar_" in m and "whose guard it implies" in m
               for m in forward)
    assert not any(m.startswith("rule 'relu_scalar_again_") for m in forward)
    assert any(m.startswith("rule 'relu_of_relu_") and "'relu_inner_" in m for m in forward)
    assert any(m.startswith("rule 'add_scalar_relu_") and "'add_scalar_" in m and "which only the later rule" in m
               for m in backward)
    assert not any(m.startswith("rule 'sigmoid_fixed_other_") and "'sigmoid_fixed_" in m for m in twice)


@fuzz_settings(40)
@given(st.lists(st.integers(0, len(POOL) - 1), min_size=30, max_size=80))
def test_the_indexed_analysis_finds_exactly_what_the_pairwise_definition_finds(picks):
    rules = renamed_copies(picks)
    found = analyze(rules, {})
    expected = pairwise_analysis(rules)
    assert [(d.location, d.message) for d in found] == [(d.location, d.message) for d in expected]


def test_the_warnings_carry_their_source_lines():
    rules = renamed_copies([POOL.index(next(r for r in POOL if r.name == "relu_inner"))] * 2)
    assert rules[0].location.filename == "extra.qpat"
    (warning,) = analyze(rules, {"extra.qpat": EXTRA_SOURCE})
    assert warning.source_line == source_line(EXTRA_SOURCE, rules[1].location.line)


def _work(rules: list[Rule]) -> Counter:
    work = Counter()
    analyze(rules, {}, work)
    return work


def test_the_analysis_work_grows_linearly_with_the_rule_count():
    """Four times the rules, about four times the work, where the pairwise definition
    does sixteen times the comparisons: on copies of the pool (every copy shadowed by the
    first) and on the scale test's generated files (distinct constants and guards, so the
    number of distinct patterns grows with the file)."""
    pool_small, pool_large = _work(renamed_copies(list(range(len(POOL))) * 4)), \
        _work(renamed_copies(list(range(len(POOL))) * 16))
    assert 0 < pool_large["embeddings"] <= 4 * pool_small["embeddings"]
    assert 0 < pool_large["index_probes"] <= 4 * pool_small["index_probes"]

    small = _work(list(qdsl.compile_source(generated_source(300), "small.qpat")))
    large = _work(list(qdsl.compile_source(generated_source(1200), "large.qpat")))
    assert small["index_probes"] > 300 and small["embeddings"] > 0
    # per distinct signature set, min(its subsets, the indexed sets): linear once the
    # index holds more sets than a pattern has subsets
    assert large["index_probes"] <= 5 * small["index_probes"]
    assert large["embeddings"] <= 5 * small["embeddings"]
    assert large["embeddings"] + large["index_probes"] < 1200 * 1199 / 2 / 10


def test_calls_of_another_overload_do_not_embed():
    """Overloads are compared (a backend whose matcher tells them apart must not be told
    that a rule shadows what it never matches)."""
    rules = qdsl.compile_source("stage fusion static\n"
                                "rule by_tensor: q(mul.Tensor(dq(a), b)) -> quantized::mul_scalar.Tensor(a, b)\n"
                                "rule by_scalar: q(mul.Scalar(dq(a), b)) -> quantized::mul_scalar(a, b)\n"
                                "rule by_tensor_again: q(mul.Tensor(dq(a), b)) -> quantized::mul_scalar.Tensor(a, b)\n",
                                "overloads.qpat")
    assert [(d.location.line, d.message.split(":")[0]) for d in analyze(rules.rules, {})] == [
        (4, "rule 'by_tensor_again' can never fire")]
    assert shadowing_embedding(rules["by_tensor"], rules["by_scalar"]) is None
