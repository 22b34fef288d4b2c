"""The finalize driver: API contract, safety, bad inputs, and the stages against torch's."""

from __future__ import annotations

import pytest
import torch

import qdsl
from conftest import (assert_same_snapshot, node_kinds, outputs_equal, snapshot, typed_nodes,
                      zoo_debug_copies)
from qdsl.rules import Rule, RuleSet, SourceLocation
from zoo import ZOO_BY_NAME, seeded_inputs


def test_returns_the_kind_it_was_given():
    script_module, _ = zoo_debug_copies("linear")
    assert isinstance(qdsl.finalize(script_module), torch.jit.ScriptModule)
    c_module = zoo_debug_copies("linear", 1)[0]._c
    result = qdsl.finalize(c_module)
    assert isinstance(result, torch._C.ScriptModule) and not isinstance(result, torch.jit.ScriptModule)


@pytest.mark.parametrize("quant_type", [qdsl.QuantType.DYNAMIC, 0, torch.ao.quantization.QuantType.DYNAMIC])
def test_quant_type_as_enum_or_int(quant_type):
    ours_in, theirs_in = zoo_debug_copies("dynamic_linear")
    ours = qdsl.finalize(ours_in, quant_type)
    theirs = torch._C._jit_pass_quant_finalize(theirs_in._c, 0, [])
    assert node_kinds(ours.graph) == node_kinds(theirs._get_method("forward").graph)


@pytest.mark.parametrize("quant_type", [2, 3, -1, "static", True, None, 1.0])
def test_unknown_quant_type(quant_type):
    module, = zoo_debug_copies("linear", 1)
    with pytest.raises(qdsl.QdslError, match="unknown quant type"):
        qdsl.finalize(module, quant_type)


def test_float_module_is_rejected_with_a_hint():
    with pytest.raises(qdsl.QdslError, match="script or trace it first"):
        qdsl.finalize(torch.nn.Linear(2, 2))
    with pytest.raises(qdsl.QdslError, match="got str"):
        qdsl.finalize("model.pt")


def test_module_without_forward():
    empty = torch._C.ScriptModule("Empty", torch._C.CompilationUnit(), True)
    with pytest.raises(qdsl.QdslError, match="has no forward method"):
        qdsl.finalize(empty)


def test_missing_rule_file():
    module, = zoo_debug_copies("linear", 1)
    with pytest.raises(qdsl.QdslError, match="no such rule file") as raised:
        qdsl.finalize(module, rules="/nonexistent/rules.qpat")
    assert raised.value.filename == "/nonexistent/rules.qpat"


def test_rules_of_the_wrong_type():
    module, = zoo_debug_copies("linear", 1)
    with pytest.raises(qdsl.QdslError, match="rules must be"):
        qdsl.finalize(module, rules=42)


def test_rule_set_for_the_wrong_stage(shipped_rules):
    prepack_only = RuleSet(shipped_rules.for_stage("prepack"))
    dynamic_only = RuleSet(shipped_rules.for_stage("fusion", "dynamic"))
    graph = zoo_debug_copies("linear", 1)[0].graph
    with pytest.raises(qdsl.QdslError, match="no rules for stage fusion static"):
        qdsl.quant_fusion(graph, qdsl.QuantType.STATIC, prepack_only)
    with pytest.raises(qdsl.QdslError, match="no rules for stage prepack"):
        qdsl.insert_prepack_unpack(graph, dynamic_only)
    with pytest.raises(qdsl.QdslError, match="no prepack rules and no fusion rules for static"):
        qdsl.finalize(zoo_debug_copies("linear", 1)[0], 1, rules=dynamic_only)


def test_preserved_attrs_errors():
    module, = zoo_debug_copies("preserved_attr", 1)
    with pytest.raises(qdsl.QdslError, match="sequence of attribute names"):
        qdsl.finalize(module, 1, "steps")
    with pytest.raises(qdsl.QdslError, match="freezing failed"):
        qdsl.finalize(module, 1, ["no_such_attribute"])


def test_input_is_unchanged_unless_inplace():
    module, = zoo_debug_copies("nested", 1)
    before = snapshot(module)
    qdsl.finalize(module)
    assert_same_snapshot(before, snapshot(module))
    qdsl.finalize(module, inplace=True)
    assert "quantized::conv2d_relu" in node_kinds(module.graph)


def test_shape_information_is_erased_like_upstream():
    ours_in, theirs_in = zoo_debug_copies("conv3d_relu")
    assert any(value.isCompleteTensor() for node in ours_in.graph.nodes() for value in node.outputs()
               if node.kind() != "prim::Constant")
    ours = qdsl.finalize(ours_in)
    theirs = torch._C._jit_pass_quant_finalize(theirs_in._c, 1, [])
    assert typed_nodes(ours.graph) == typed_nodes(theirs._get_method("forward").graph)


def test_report_names_the_rules_that_made_each_fused_node():
    module, = zoo_debug_copies("nested", 1)
    report = qdsl.finalize_with_report(module)
    made = {node.kind(): fusion.rule.name for fusion in report.fusion for node in fusion.nodes}
    assert {"quantized::conv2d_relu", "quantized::add", "quantized::linear"} <= made.keys()
    assert all(isinstance(fusion.rule, Rule) for fusion in report.fusion)
    # the unpack/dequantize/op nodes of a prepack insertion are consumed by fusion
    # (torch then raises on access); the prepack node itself, the first made, lives on
    prepacked = {fusion.nodes[0].kind() for fusion in report.prepack}
    assert {"quantized::conv2d_prepack", "quantized::linear_prepack"} <= prepacked
    assert node_kinds(report.module.graph) == node_kinds(qdsl.finalize(zoo_debug_copies("nested", 1)[0]).graph)


@pytest.mark.parametrize("name", ["nested", "shared_types", "two_methods", "if_branch"])
def test_insert_prepack_unpack_on_a_module_visits_all_methods_and_children(name):
    ours, theirs = zoo_debug_copies(name)
    fusions = qdsl.insert_prepack_unpack(ours)
    torch._C._jit_pass_insert_prepack_unpack(theirs._c)
    assert fusions
    ours_modules = [("", ours._c), *torch._C._jit_debug_module_iterators(ours._c)["named_modules"]]
    theirs_modules = [("", theirs._c), *torch._C._jit_debug_module_iterators(theirs._c)["named_modules"]]
    assert [n for n, _ in ours_modules] == [n for n, _ in theirs_modules]
    for (_, our_module), (_, their_module) in zip(ours_modules, theirs_modules):
        for method in their_module._method_names():
            assert node_kinds(our_module._get_method(method).graph) == \
                node_kinds(their_module._get_method(method).graph)


@pytest.mark.parametrize("name", ["conv2d_relu", "add_scalar_relu", "cat", "hardswish", "layer_norm"])
def test_quant_fusion_on_a_graph_matches_torch(name):
    ours, theirs = zoo_debug_copies(name)
    for module in (ours, theirs):
        torch._C._jit_pass_insert_prepack_unpack(module.graph)
    fusions = qdsl.quant_fusion(ours.graph)
    torch._C._jit_pass_quant_fusion(theirs.graph)
    assert fusions
    assert node_kinds(ours.graph) == node_kinds(theirs.graph)
    inputs = seeded_inputs(ZOO_BY_NAME[name], 1)
    assert outputs_equal(ours(*inputs), theirs(*inputs))


def test_a_rewrite_that_breaks_the_graph_is_reported_and_the_module_kept():
    """A user predicate with a side effect moves the input's quantize to the end; lint catches it."""

    def reorder_and_accept(value: torch._C.Value) -> bool:
        nodes = list(value.node().owningBlock().nodes())
        quantize = next(node for node in nodes if node.kind() == "aten::quantize_per_tensor")
        quantize.moveAfter(nodes[-1])
        return True

    qdsl.register_predicate("test_finalize_reorder", reorder_and_accept)
    location = SourceLocation("user_rules.qpat", 3, 5, 3, 20)
    rule = Rule(
        name="break_relu", stage="fusion", quant_type="static",
        pattern="graph(%a):\n  %r = aten::relu(%a)\n  return (%r)\n",
        replacement="graph(%a):\n  %r = aten::relu(%a)\n  return (%r)\n",
        guard=("pred", "test_finalize_reorder", ("a",)), location=location, family="break_relu")
    module, = zoo_debug_copies("linear_relu", 1)
    assert "aten::relu" in node_kinds(module.graph)
    before = snapshot(module)
    with pytest.raises(qdsl.QdslError, match="rule break_relu left an invalid graph") as raised:
        qdsl.finalize(module, rules=RuleSet((rule,)))
    assert (raised.value.filename, raised.value.line, raised.value.column) == ("user_rules.qpat", 3, 5)
    assert_same_snapshot(before, snapshot(module))


def test_timings_are_added_per_stage():
    module, = zoo_debug_copies("conv2d_relu", 1)
    timings = {"fusion": 1.0}
    qdsl.finalize(module, timings=timings)
    assert set(timings) == {"clear", "prepack", "fusion", "freeze", "fold"}
    assert all(seconds >= 0 for seconds in timings.values()) and timings["fusion"] > 1.0
