"""The rewriter: guards as upstream's C++ filters, placement, provenance, safety, cost."""

from __future__ import annotations

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.ao.quantization import default_qconfig, convert_jit, prepare_jit

import qdsl.rewriter
from qdsl.errors import QdslError
from qdsl.predicates import register_predicate
from qdsl.rewriter import GraphIndex, apply_rules, explain_rule

from random_graphs import (
    ADD, LINEAR, QUANTIZED_ADD, QUANTIZED_LINEAR, QUANTIZED_LINEAR_PATTERN_RELU,
    QUANTIZED_LINEAR_RELU_REPLACEMENT, QUANTIZED_UPSAMPLE_NEAREST1D,
    QUANTIZED_UPSAMPLE_NEAREST2D, UPSAMPLE_NEAREST1D, UPSAMPLE_NEAREST2D, make_rule,
)

ALPHA_IS_ONE = ("eq", "alpha", "int", 1)

MUL_SCALAR = """
graph(%a_quant, %b_scalar):
          %a_dequant = aten::dequantize(%a_quant)
          %r = aten::mul(%a_dequant, %b_scalar)
          %r_scale : float = aten::q_scale(%a_quant)
          %r_zero_point : int = aten::q_zero_point(%a_quant)
          %r_dtype : int = prim::dtype(%a_quant)
          %r_quant = aten::quantize_per_tensor(%r, %r_scale, %r_zero_point, %r_dtype)
          return (%r_quant) """

QUANTIZED_MUL_SCALAR = """
graph(%a_quant, %b_scalar):
          %r = quantized::mul_scalar(%a_quant, %b_scalar)
          return (%r) """

def kinds(block) -> list[str]:
    """Node kinds in order, nested blocks bracketed."""
    result = []
    for node in block.nodes():
        result.append(node.kind())
        for inner in node.blocks():
            result.append("{")
            result.extend(kinds(inner))
            result.append("}")
    return result


def upstream_quant_fusion(graph: torch._C.Graph) -> torch._C.Graph:
    copy = graph.copy()
    torch._C._jit_pass_quant_fusion(copy)
    return copy


def add_ir_graph(alpha: str) -> torch._C.Graph:
    return torch._C.parse_ir(f"""
graph(%x : Tensor, %y : Tensor, %s : float, %z : int, %t : int):
  %alpha : {alpha}
  %dx : Tensor = aten::dequantize(%x)
  %dy : Tensor = aten::dequantize(%y)
  %sum : Tensor = aten::add(%dx, %dy, %alpha)
  %q : Tensor = aten::quantize_per_tensor(%sum, %s, %z, %t)
  return (%q)""")


@pytest.mark.parametrize("alpha, fuses", [
    ("int = prim::Constant[value=1]()", True),
    ("int = prim::Constant[value=2]()", False),
    ("float = prim::Constant[value=1.]()", False),
])
def test_add_alpha_guard_agrees_with_upstream_filter(alpha, fuses):
    graph = add_ir_graph(alpha)
    upstream = upstream_quant_fusion(graph)
    assert ("quantized::add" in kinds(upstream)) is fuses
    rule = make_rule("add", ADD, QUANTIZED_ADD, guard=ALPHA_IS_ONE)
    apply_rules(graph, [rule])
    assert kinds(graph) == kinds(upstream)


class AddModel(nn.Module):
    __constants__ = ["alpha"]
    """Scripted as a constant, as a literal in forward would be."""

    def __init__(self, alpha):
        super().__init__()
        self.alpha = alpha
        self.a = nn.Conv2d(2, 2, 1)
        self.b = nn.Conv2d(2, 2, 1)

    def forward(self, x):
        return torch.add(self.a(x), self.b(x), alpha=self.alpha)


def debug_graph(model: nn.Module, *shape) -> torch._C.Graph:
    """The forward graph convert_jit(debug=True) hands to finalize, prepack/unpack inserted."""
    torch.manual_seed(0)
    prepared = prepare_jit(torch.jit.script(model.eval()), {"": default_qconfig})
    prepared(torch.randn(*shape))
    graph = convert_jit(prepared, debug=True).graph.copy()
    torch._C._jit_pass_insert_prepack_unpack(graph)
    return graph


@pytest.mark.parametrize("alpha, fuses", [(1, True), (2, False)])
def test_add_alpha_guard_on_a_converted_model(alpha, fuses):
    graph = debug_graph(AddModel(alpha), 1, 2, 4, 4)
    upstream = upstream_quant_fusion(graph)
    assert ("quantized::add" in kinds(upstream)) is fuses
    rule = make_rule("add", ADD, QUANTIZED_ADD, guard=ALPHA_IS_ONE)
    fusions = apply_rules(graph, [rule])
    assert len(fusions) == int(fuses)
    assert ("quantized::add" in kinds(graph)) is fuses


@pytest.mark.parametrize("b_type, fuses", [("float", True), ("Tensor", False)])
def test_mul_scalar_guard_agrees_with_upstream_is_scalar(b_type, fuses):
    graph = torch._C.parse_ir(f"""
graph(%x : Tensor, %b : {b_type}):
  %dx : Tensor = aten::dequantize(%x)
  %m : Tensor = aten::mul(%dx, %b)
  %s : float = aten::q_scale(%x)
  %z : int = aten::q_zero_point(%x)
  %t : int = prim::dtype(%x)
  %q : Tensor = aten::quantize_per_tensor(%m, %s, %z, %t)
  return (%q)""")
    upstream = upstream_quant_fusion(graph)
    assert ("quantized::mul_scalar" in kinds(upstream)) is fuses
    rule = make_rule("mul_scalar", MUL_SCALAR, QUANTIZED_MUL_SCALAR, guard=("pred", "is_scalar", ("b_scalar",)))
    apply_rules(graph, [rule])
    assert kinds(graph) == kinds(upstream)
    assert str(graph) == str(upstream)


def test_false_guard_is_explained_with_the_offending_constant():
    graph = add_ir_graph("int = prim::Constant[value=2]()")
    (result,) = explain_rule(graph, make_rule("add", ADD, QUANTIZED_ADD, guard=ALPHA_IS_ONE))
    assert result.reason == "guard false with alpha = 2"
    assert result.pattern_value == "alpha"


def test_predicate_that_raises_is_reported_against_the_rule():
    def broken(value):
        raise ZeroDivisionError("division by zero")

    register_predicate("test_broken_predicate", broken)
    rule = make_rule("add_broken", ADD, QUANTIZED_ADD, guard=("pred", "test_broken_predicate", ("alpha",)))
    with pytest.raises(QdslError, match="rule add_broken: guard raised ZeroDivisionError") as caught:
        apply_rules(add_ir_graph("int = prim::Constant[value=1]()"), [rule])
    assert caught.value.filename == "<test:add_broken>"


class UpsampleInIf(nn.Module):
    """F.interpolate scripts to `if dim == 3: upsample_nearest1d ... elif dim == 4: ...`."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 2, 1)

    def forward(self, x):
        return F.interpolate(self.conv(x), scale_factor=2.0, mode="nearest")


def upsample_debug_module():
    torch.manual_seed(0)
    prepared = prepare_jit(torch.jit.script(UpsampleInIf().eval()), {"": default_qconfig})
    prepared(torch.randn(1, 2, 4, 4))
    return convert_jit(prepared, debug=True)


def fused_upsample_blocks(graph: torch._C.Graph) -> dict[str, torch._C.Block]:
    """Owning block of each quantized upsample (input straight from a quantize, no dequantize)."""
    found = {}
    for kind in ("aten::upsample_nearest1d", "aten::upsample_nearest2d"):
        for node in graph.findAllNodes(kind, True):
            if node.inputsAt(0).node().kind() != "aten::dequantize":
                found[kind] = node.owningBlock()
    return found


UPSAMPLE_RULES = [
    make_rule("upsample_nearest1d", UPSAMPLE_NEAREST1D, QUANTIZED_UPSAMPLE_NEAREST1D),
    make_rule("upsample_nearest2d", UPSAMPLE_NEAREST2D, QUANTIZED_UPSAMPLE_NEAREST2D),
]


def test_upstream_hoists_fused_upsample_out_of_its_branch_and_the_model_raises():
    module = upsample_debug_module()
    graph = module.graph
    for rule in UPSAMPLE_RULES:
        torch._C._jit_pass_custom_pattern_based_rewrite_graph(rule.pattern, rule.replacement, graph)
    blocks = fused_upsample_blocks(graph)
    assert set(blocks) == {"aten::upsample_nearest1d", "aten::upsample_nearest2d"}
    assert all(block == graph.block() for block in blocks.values())
    with pytest.raises(RuntimeError):
        module(torch.randn(1, 2, 4, 4))


def test_qdsl_keeps_fused_upsample_in_its_branch_and_the_model_runs():
    reference = upsample_debug_module()
    module = upsample_debug_module()
    graph = module.graph
    fusions = apply_rules(graph, UPSAMPLE_RULES, validate=True)
    assert [f.rule.name for f in fusions] == ["upsample_nearest1d", "upsample_nearest2d"]
    blocks = fused_upsample_blocks(graph)
    assert all(block != graph.block() for block in blocks.values())
    for fusion in fusions:
        (node,) = fusion.nodes
        anchor_block = node.owningBlock()
        assert anchor_block.owningNode().kind() == "prim::If"
        assert "functional.py" in fusion.anchor_source
    x = torch.randn(1, 2, 4, 4)
    assert torch.equal(module(x), reference(x))


def test_later_rule_sees_what_an_earlier_rule_made():
    graph = torch._C.parse_ir("""
graph(%x : Tensor, %packed : __torch__.torch.classes.quantized.LinearPackedParamsBase, %s : float, %z : int, %t : int):
  %w : Tensor, %b : Tensor? = quantized::linear_unpack(%packed)
  %dx : Tensor = aten::dequantize(%x)
  %dw : Tensor = aten::dequantize(%w)
  %y : Tensor = aten::linear(%dx, %dw, %b)
  %q : Tensor = aten::quantize_per_tensor(%y, %s, %z, %t)
  %r : Tensor = aten::relu(%q)
  return (%r)""")
    rules = [make_rule("linear", LINEAR, QUANTIZED_LINEAR),
             make_rule("linear_relu_q", QUANTIZED_LINEAR_PATTERN_RELU, QUANTIZED_LINEAR_RELU_REPLACEMENT)]
    upstream = graph.copy()
    for rule in rules:
        torch._C._jit_pass_custom_pattern_based_rewrite_graph(rule.pattern, rule.replacement, upstream)
    fusions = apply_rules(graph, rules, validate=True)
    assert [(f.rule.name, f.kinds) for f in fusions] == [
        ("linear", ("quantized::linear",)), ("linear_relu_q", ("quantized::linear_relu",))]
    assert str(graph) == str(upstream)


def test_rule_whose_anchor_kind_is_absent_tries_no_match(monkeypatch):
    calls = []
    real = qdsl.rewriter.match_bindings
    monkeypatch.setattr(qdsl.rewriter, "match_bindings", lambda *a, **k: calls.append(a[1]) or real(*a, **k))
    graph = add_ir_graph("int = prim::Constant[value=1]()")
    absent = make_rule("linear", LINEAR, QUANTIZED_LINEAR)
    assert apply_rules(graph, [absent]) == []
    assert calls == []
    assert GraphIndex(graph).candidates("aten::quantize_per_tensor", (0, "aten::linear")) == []


def test_first_producer_kind_rejects_before_matching(monkeypatch):
    calls = []
    real = qdsl.rewriter.match_bindings
    monkeypatch.setattr(qdsl.rewriter, "match_bindings", lambda *a, **k: calls.append(a[1]) or real(*a, **k))
    graph = add_ir_graph("int = prim::Constant[value=1]()")
    anchor_kind_only = make_rule("linear", LINEAR.replace("aten::linear", "aten::sub"), QUANTIZED_LINEAR)
    assert apply_rules(graph, [anchor_kind_only]) == []
    assert calls == []


BREAKS_GRAPH = """
graph(%x):
  %y = aten::relu(%x)
  return (%y, %x) """

BREAKS_GRAPH_REPLACEMENT = """
graph(%x):
  %y = aten::sigmoid(%x)
  %z = aten::neg(%x)
  return (%y, %z) """


def test_invalid_result_raises_naming_the_rule_and_graph_location():
    graph = torch._C.parse_ir("""
graph(%a : Tensor):
  %b : Tensor = aten::relu(%a)
  %c : Tensor = aten::mul(%a, %b)
  return (%c)""")
    rule = make_rule("breaks", BREAKS_GRAPH, BREAKS_GRAPH_REPLACEMENT)
    with pytest.raises(QdslError, match=r"(?s)rule breaks left an invalid graph \(first rewrite at .*aten::relu.*not in scope"):
        apply_rules(graph, [rule], validate=True)


def test_fusions_record_rule_and_created_nodes_in_graph_order():
    graph = add_ir_graph("int = prim::Constant[value=1]()")
    rule = make_rule("add", ADD, QUANTIZED_ADD)
    (fusion,) = apply_rules(graph, [rule])
    assert fusion.rule is rule
    assert [n.kind() for n in fusion.nodes] == ["quantized::add"]
    assert fusion.nodes[0] == next(n for n in graph.nodes() if n.kind() == "quantized::add")
    assert "aten::quantize_per_tensor" in fusion.anchor_source
