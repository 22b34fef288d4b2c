"""Preparing the shipped rules is lazy, counted in work done (never timed).

Loading the generated modules decodes no pattern graph; a finalize decodes the patterns
of the rules of the stages it runs, and parses a rule's replacement only when the rule
rewrites. The results stay torch's: the differential tests compare every zoo model;
here one model is compared too, with the counts.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest
import torch

import qdsl
from qdsl.backends.torchscript import FUSION_STATIC, PREPACK, compiled
from qdsl.core import patterns
from qdsl.core.artifact import rules_of_module
from qdsl.core.loading import shipped_source
from qdsl.core.rules import RuleSet
from tests.support.graphs import node_kinds
from tests.support.harness import finalized_by_torch
from tests.support.models import BY_NAME, debug_copies, seeded_inputs


def fresh_shipped_rules() -> RuleSet:
    """The shipped rules read again from the generated modules: new objects, so no cache
    of an earlier test has prepared any of them."""
    package = importlib.import_module("qdsl._generated")
    found = RuleSet()
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"qdsl._generated.{info.name}")
        rules = rules_of_module(module, shipped_source(module.SOURCE), shipped=True)
        assert rules is not None, f"generated/{info.name}.py is stale"
        found = found + rules
    return found


@pytest.fixture
def decodings(monkeypatch) -> list[tuple]:
    """Every pattern graph decoded from its record while the test runs."""
    seen: list[tuple] = []
    original = patterns._decoded

    def counting(record, filename):
        seen.append(record)
        return original(record, filename)

    monkeypatch.setattr(patterns, "_decoded", counting)
    return seen


def test_loading_the_shipped_rules_decodes_no_pattern_graph(decodings):
    rules = fresh_shipped_rules()
    assert len(rules) > 100
    assert decodings == []
    rule = rules["conv2d_relu"]
    assert rule.pattern.op_kinds() == {"aten::dequantize", "quantized::conv2d_unpack", "aten::conv2d", "aten::relu",
                                       "aten::quantize_per_tensor"}
    assert len(decodings) == 1  # that graph alone, all its fields at once
    assert [node.op for node in rule.pattern.nodes][-1] == "aten::quantize_per_tensor"
    assert len(decodings) == 1


def test_a_decoded_graph_equals_the_compilers(decodings):
    module = importlib.import_module("qdsl._generated.fusion_static")
    lazy = rules_of_module(module, None, shipped=True)
    compiled_now = qdsl.compile_source(shipped_source(module.SOURCE), module.SOURCE)
    assert len(lazy) == len(compiled_now)
    for ours, compilers in zip(lazy, compiled_now):
        assert (ours.pattern, ours.replacement) == (compilers.pattern, compilers.replacement), ours.name
        assert hash(ours.pattern) == hash(compilers.pattern)
    assert len(decodings) == 2 * len(lazy)  # each graph once, on first read


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The replacement IR texts parsed while the test runs."""
    seen: list[str] = []
    parse = compiled._parsed_replacement

    def counting(ir):
        seen.append(ir)
        return parse(ir)

    monkeypatch.setattr(compiled, "_parsed_replacement", counting)
    return seen


def test_finalize_parses_only_the_replacements_of_rules_that_rewrite(parses, decodings):
    model = BY_NAME["conv2d_relu"]
    ours_in, theirs_in = debug_copies(model.name)
    rules = fresh_shipped_rules()
    report = qdsl.finalize_with_report(ours_in, rules=rules)
    theirs = finalized_by_torch(theirs_in, model.quant_type, model.preserved_attrs)
    assert node_kinds(report.module.graph) == node_kinds(theirs.graph)
    inputs = seeded_inputs(model)
    assert torch.equal(report.module(*inputs), theirs(*inputs))

    fired = {rewrite.rule.name for rewrite in (*report.prepack, *report.fusion)}
    assert fired == {"conv2d_prepack_unpack", "conv2d_relu"}
    assert len(parses) == len(fired)  # of ~80 rules tried, each rule that fired once
    # Only the patterns of the two stages run were decoded (replacements are read as
    # rendered IR), none of the other stages' or backends'.
    applied = rules.for_engine(torch.backends.quantized.engine)
    assert len(decodings) == len(applied.for_stage(PREPACK) + applied.for_stage(FUSION_STATIC)) < len(rules)


def test_the_rules_of_an_engine_are_selected_once_per_rule_set():
    rules = fresh_shipped_rules()
    engine = torch.backends.quantized.engine
    selected = rules.for_engine(engine)
    assert rules.for_engine(engine) is selected  # each finalize asks again
    assert [rule for rule in rules if rule.valid_on(engine)] == list(selected)
    assert len(selected) < len(rules) or engine == "onednn"  # the onednn-only rules are left out
