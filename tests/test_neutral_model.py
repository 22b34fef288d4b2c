"""The neutral rule model carries everything a backend needs, and everything explain shows.

- Rendering: for every shipped rule, its `PatternGraph` rendered to TorchScript IR and
  applied by torch's own C++ rewriter gives the very graph qdsl's engine makes, on a
  real zoo graph where the rule fires (the graph as the rule's pass receives it, every
  earlier rule applied), or, for the few rules no zoo model reaches, on the rule's
  pattern instantiated as a graph.
- Provenance: the rules loaded from `generated/` are the rules a fresh compile of the
  packaged sources makes, with the same provenance and spans on values, nodes and
  guard parts.
- One pass: what explain reports as fired is exactly what finalize rewrote, on every
  zoo model.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from collections import Counter
from functools import cache

import pytest
import torch

import qdsl
from qdsl.backends.torchscript import FUSION_DYNAMIC, FUSION_STATIC, PREPACK
from qdsl.backends.torchscript.compiled import rendered
from qdsl.backends.torchscript.explain import explain_module
from qdsl.backends.torchscript.rewriter import apply_rules
from qdsl.core.artifact import rules_of_module
from qdsl.core.engine import MatchStatus
from qdsl.core.loading import shipped_source
from qdsl.core.pipeline import compile_text
from tests.support.instances import instantiate
from tests.support.models import SMALL, ZOO, cases, debug_copies
from tests.support.rules import RecordingTracer

NOT_IN_THE_ZOO = {"linear_dynamic_float_input", "clamp", "hardtanh", "hardtanh_", "linear_leaky_relu",
                  "linear_leaky_relu_", "linear_tanh", "linear_tanh_"}
"""Shipped rules no zoo model reaches: convert_jit makes their patterns for models the zoo
does not hold (a dynamic linear on a float activation, clamp bounds quantized from tensors);
the onednn-only rules match FX's reference graphs (tests/test_onednn_rules.py), not
convert_jit's."""


@cache
def real_graphs() -> dict[str, torch._C.Graph]:
    """Per shipped rule, the first small zoo model's forward graph as the rule's pass
    receives it (every earlier rule of the stages applied) where the rule fires and its
    guard holds at every candidate the pattern matches (torch's rewriter takes no guard)."""
    rules = qdsl.default_rules()
    found: dict[str, torch._C.Graph] = {}
    for model in SMALL:
        graph = debug_copies(model.name, 1)[0].graph
        for stage in (PREPACK, FUSION_STATIC if model.mode == "static" else FUSION_DYNAMIC):
            for rule in rules.for_stage(stage):
                before = graph.copy() if rule.name not in found else None
                tracer = RecordingTracer()
                rewrites = apply_rules(graph, [rule], tracer=tracer)
                if before is not None and rewrites and all(s.status is not MatchStatus.GUARD_FALSE
                                                           for s in tracer.seen):
                    found[rule.name] = before
    return found


TORCHSCRIPT_RULES = tuple(rule for rule in qdsl.default_rules() if rule.stage.backend == "torchscript")
"""The shipped rules of the TorchScript backend (the PT2E rules are tested against torchao)."""


@pytest.mark.parametrize("rule", TORCHSCRIPT_RULES, ids=lambda rule: rule.name)
def test_torchs_rewriter_applies_the_rendered_rule_as_qdsls_engine_does(rule):
    graph = real_graphs().get(rule.name)
    assert (graph is None) == (rule.name in NOT_IN_THE_ZOO)
    if graph is None:
        graph = instantiate(rendered(rule)[0], rule.guard)
    by_torch, by_qdsl = graph.copy(), graph.copy()
    torch._C._jit_pass_custom_pattern_based_rewrite_graph(*rendered(rule), by_torch)
    assert apply_rules(by_qdsl, [rule], hoist_like_upstream=True)
    assert str(by_qdsl) == str(by_torch)


def generated_modules() -> list:
    package = importlib.import_module("qdsl._generated")
    return [importlib.import_module(f"qdsl._generated.{info.name}")
            for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name)]


@pytest.mark.parametrize("module", generated_modules(), ids=lambda module: module.SOURCE)
def test_generated_rules_are_a_fresh_compile_of_the_packaged_source_provenance_and_spans_included(module):
    text = shipped_source(module.SOURCE)
    generated = rules_of_module(module, text, shipped=True)
    assert generated is not None, f"generated/ is stale for {module.SOURCE}"
    fresh = compile_text(text, module.SOURCE).rules_or_raise()
    assert generated.names() == fresh.names()
    for loaded, compiled in zip(generated, fresh):
        shipped = dataclasses.replace(compiled, provenance=dataclasses.replace(compiled.provenance, shipped=True))
        assert loaded == shipped  # name, stage, both pattern graphs with every span, guard with its spans, ...
        assert loaded.renderings == compiled.renderings
        assert [v.span for v in loaded.pattern.values] == [v.span for v in compiled.pattern.values]
        assert [(n.span, n.macro) for n in loaded.pattern.nodes] == [(n.span, n.macro) for n in compiled.pattern.nodes]
        assert loaded.provenance.location.filename == module.SOURCE
    assert {rule.name for rule in generated} <= set(qdsl.default_rules().names())


def test_provenance_reaches_the_macro_and_the_guard_parts():
    """What explain reads from a shipped rule instead of its source file."""
    rules = qdsl.default_rules()
    hardtanh = rules["hardtanh"].pattern
    assert {node.macro for node in hardtanh.nodes if node.op == "aten::scalar_tensor"} == {"scalar_q"}
    assert {node.macro for node in hardtanh.nodes if node.op == "aten::hardtanh"} == {""}
    guard = rules["add_scalar"].guard
    text = shipped_source(rules["add_scalar"].location.filename).split("\n")
    for part in guard.items:
        line = text[part.span.line - 1]
        assert line[part.span.column - 1:part.span.end_column - 1] == str(part)


@pytest.mark.parametrize("model", cases(ZOO))
def test_explain_reports_as_fired_exactly_what_finalize_rewrote(model):
    explain_in, finalize_in = debug_copies(model.name)
    explanation = explain_module(explain_in, None, "static" if model.mode == "static" else "dynamic")
    report = qdsl.finalize_with_report(finalize_in, model.quant_type, model.preserved_attrs)
    rewrites = report.prepack + report.fusion
    assert [(f.rule, f.count) for f in explanation.fired] == list(Counter(r.rule.name for r in rewrites).items())
    assert [len(f.places) for f in explanation.fired] == [f.count for f in explanation.fired]
    assert all(place.kind for f in explanation.fired for place in f.places)
