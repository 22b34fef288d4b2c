"""The matcher: upstream SubgraphMatcher semantics, and the reasons it gives for a miss.

Where a test states upstream behaviour, it checks it against torch's own rewriter
(`torch._C._jit_pass_custom_pattern_based_rewrite_graph`) applying the rule's rendered
IR to the same graph. The reasons are read from the decisions the pass gives a tracer.
"""

from __future__ import annotations

import pytest
import torch

from qdsl.backends.torchscript.compiled import compile_rule, indexed_pattern, rendered
from qdsl.backends.torchscript.matcher import match_at
from qdsl.backends.torchscript.rewriter import apply_rules
from qdsl.backends.torchscript.values import VIEW, NOT_CONSTANT, constant_value, is_none, is_scalar
from qdsl.core.engine import MatchStatus
from qdsl.core.patterns import Constant
from tests.support.graphs import node_kinds
from tests.support.rules import fusion_rules, traced

RULES = fusion_rules("""
rule add_one: q(add(dq(a), dq(b), 1)) -> quantized::add(a, b, scale, zero_point)
rule add: q(add(dq(a), dq(b), alpha)) -> quantized::add(a, b, scale, zero_point)
rule add_relu: q(relu(add(dq(a), dq(b), alpha))) -> quantized::add_relu(a, b, scale, zero_point)
rule square: mul(x, x) -> pow(x, x)
rule product: mul(x, z) -> pow(x, z)
rule linear:
    w, b = quantized::linear_unpack(packed)
    q(linear(dq(a), dq(w), b)) -> quantized::linear(a, packed, scale, zero_point)
rule linear_again:
    w, b = quantized::linear_unpack(packed)
    q(linear(dq(a), dq(w), b)) -> quantized::linear(a, packed, scale, zero_point)
""", "matcher.qpat")


def add_graph(alpha_line: str, extra: str = "") -> torch._C.Graph:
    """A dequantize -> add -> quantize graph whose alpha comes from `alpha_line`."""
    return torch._C.parse_ir(f"""
graph(%x : Tensor, %y : Tensor, %s : float, %z : int, %t : int):
  {alpha_line}
  %dx : Tensor = aten::dequantize(%x)
  %dy : Tensor = aten::dequantize(%y)
  %sum : Tensor = aten::add(%dx, %dy, %alpha)
  %q : Tensor = aten::quantize_per_tensor(%sum, %s, %z, %t)
  {extra}
  return (%q)""")


def upstream_rewrite(rule, graph: torch._C.Graph) -> torch._C.Graph:
    copy = graph.copy()
    torch._C._jit_pass_custom_pattern_based_rewrite_graph(*rendered(rule), copy)
    return copy


def qdsl_rewrite(rule, graph: torch._C.Graph) -> torch._C.Graph:
    copy = graph.copy()
    apply_rules(copy, [rule])
    return copy


def test_anchor_is_the_producer_of_the_first_output_and_index_key_lists_its_producers():
    pattern = compile_rule(RULES["linear"]).pattern
    assert pattern.anchor_kind == "aten::quantize_per_tensor"
    assert pattern.producer_kinds == ((0, "aten::linear"),)
    assert [pattern.values[i].name for i in pattern.inputs] == ["a", "packed", "scale", "zero_point", "dtype"]
    assert {"w", "b", "linear_out"} <= pattern.value_index.keys()


def test_a_rule_is_prepared_once_and_equal_replacements_share_their_parsed_graph():
    first = compile_rule(RULES["linear"])
    assert compile_rule(RULES["linear"]) is first
    assert indexed_pattern(RULES["linear"].pattern) is first.pattern
    second = compile_rule(RULES["linear_again"])
    assert rendered(RULES["linear"])[1] == rendered(RULES["linear_again"])[1]
    assert first.replacement is second.replacement


@pytest.mark.parametrize("alpha_line, fuses", [
    ("%alpha : int = prim::Constant[value=1]()", True),
    ("%alpha : int = prim::Constant[value=2]()", False),
    ("%alpha : float = prim::Constant[value=1.]()", False),
])
def test_pattern_constant_matches_by_value_and_attribute_kind_like_upstream(alpha_line, fuses):
    graph = add_graph(alpha_line)
    ours = qdsl_rewrite(RULES["add_one"], graph)
    assert str(ours) == str(upstream_rewrite(RULES["add_one"], graph))
    assert ("quantized::add" in node_kinds(ours)) is fuses


def test_constant_value_mismatch_is_explained_with_both_values():
    (seen,) = traced(add_graph("%alpha : int = prim::Constant[value=2]()"), [RULES["add_one"]])
    assert seen.status is MatchStatus.NO_MATCH
    assert seen.reason == "constant value differs: expected 1, found 2"
    assert (seen.pattern_value, seen.failure_kind) == ("alpha", "prim::Constant")


class ScalarOperands(torch.nn.Module):
    def forward(self, x):
        return x + 2, x * 0.5


def scalar_operands(frontend) -> list[torch._C.Value]:
    """The second operands of `x + 2` and `x * 0.5`, as the frontend records them."""
    module = torch.jit.trace(ScalarOperands(), torch.randn(2)) if frontend == "trace" else torch.jit.script(
        ScalarOperands())
    return [n.inputsAt(1) for n in module.graph.nodes() if n.kind() in ("aten::add", "aten::mul")]


def test_traced_scalar_operand_is_read_as_the_0_dim_tensor_torchs_passes_see():
    two, half = scalar_operands("trace")
    # The Python binding unwraps the wrapped-number tensor; C++ toIValue does not.
    assert (two.toIValue(), half.toIValue()) == (2, 0.5)
    for value, number in ((two, 2), (half, 0.5)):
        constant = constant_value(value)
        assert isinstance(constant, torch.Tensor) and constant.dim() == 0 and constant.item() == number
        assert is_scalar(value)
        assert VIEW.constant(value) is None  # no literal equals it: `== 2` guards do not hold


def test_scripted_scalar_operand_is_a_number_constant():
    two, half = scalar_operands("script")
    assert (constant_value(two), constant_value(half)) == (2, 0.5)
    assert is_scalar(two) and is_scalar(half)
    assert (VIEW.constant(two), VIEW.constant(half)) == (Constant("int", 2), Constant("float", 0.5))


def plus_one(x: torch.Tensor) -> torch.Tensor:
    return x + 1


class CallsAFunction(torch.nn.Module):
    def forward(self, x):
        return plus_one(x)


def test_a_function_constant_has_no_value_as_in_cpp():
    graph = torch.jit.script(CallsAFunction()).graph
    function = next(n for n in graph.nodes() if n.kind() == "prim::Constant").output()
    assert function.type().kind() == "FunctionType"
    assert function.toIValue() is None  # the binding's None stands for C++'s "no value"
    assert constant_value(function) is NOT_CONSTANT
    assert not is_none(function)


def test_pooled_constant_used_elsewhere_does_not_match():
    graph = add_graph("%alpha : int = prim::Constant[value=1]()", extra="%other : Tensor = aten::add(%x, %y, %alpha)")
    rule = RULES["add_one"]
    assert str(qdsl_rewrite(rule, graph)) == str(upstream_rewrite(rule, graph))
    (seen,) = [s for s in traced(graph, [rule]) if s.anchor_kind == "aten::quantize_per_tensor"]
    assert seen.pattern_value == "alpha"
    assert seen.reason.startswith("value used outside the match: %alpha has 2 uses")
    assert "users: aten::add" in seen.reason


def test_intermediate_value_with_a_second_consumer_does_not_match():
    graph = add_graph("%alpha : int = prim::Constant[value=1]()", extra="%other : Tensor = aten::relu(%sum)")
    rule = RULES["add"]
    assert "quantized::add" not in node_kinds(upstream_rewrite(rule, graph))
    assert "quantized::add" not in node_kinds(qdsl_rewrite(rule, graph))
    (seen,) = traced(graph, [rule])
    assert seen.pattern_value == "add_out"
    assert "users: aten::quantize_per_tensor, aten::relu" in seen.reason


def test_same_pattern_value_must_meet_the_same_graph_value():
    graph = torch._C.parse_ir("""
graph(%a : Tensor, %b : Tensor):
  %p : Tensor = aten::mul(%a, %b)
  %s : Tensor = aten::mul(%a, %a)
  return (%p, %s)""")
    rule = RULES["square"]
    ours = qdsl_rewrite(rule, graph)
    assert str(ours) == str(upstream_rewrite(rule, graph))
    # only mul(%a, %a) fused; placed right after its last-defined input, the graph input
    assert node_kinds(ours) == ["aten::pow", "aten::mul"]
    first, second = traced(graph, [rule])
    assert first.reason.startswith("capture inconsistent: %x is already %")
    assert second.ok


def test_two_pattern_inputs_may_bind_one_graph_value_as_upstream_allows():
    graph = torch._C.parse_ir("""
graph(%a : Tensor):
  %s : Tensor = aten::mul(%a, %a)
  return (%s)""")
    rule = RULES["product"]
    assert node_kinds(upstream_rewrite(rule, graph)) == ["aten::pow"]
    assert str(qdsl_rewrite(rule, graph)) == str(upstream_rewrite(rule, graph))


LINEAR_GRAPH = """
graph(%x : Tensor, %packed : __torch__.torch.classes.quantized.LinearPackedParamsBase, %s : float, %z : int, %t : int):
  %w : Tensor, %b : Tensor? = quantized::linear_unpack(%packed)
  %dx : Tensor = aten::dequantize(%x)
  %dw : Tensor = aten::dequantize({weight})
  %y : Tensor = aten::linear(%dx, %dw, {bias})
  %q : Tensor = aten::quantize_per_tensor(%y, %s, %z, %t)
  return (%q)"""


def test_multi_output_node_matches_outputs_by_offset():
    rule = RULES["linear"]
    straight = torch._C.parse_ir(LINEAR_GRAPH.format(weight="%w", bias="%b"))
    swapped = torch._C.parse_ir(LINEAR_GRAPH.format(weight="%b", bias="%w"))
    assert node_kinds(qdsl_rewrite(rule, straight)) == ["quantized::linear"]
    assert str(qdsl_rewrite(rule, straight)) == str(upstream_rewrite(rule, straight))
    assert "quantized::linear" not in node_kinds(qdsl_rewrite(rule, swapped))
    assert "quantized::linear" not in node_kinds(upstream_rewrite(rule, swapped))
    (seen,) = traced(swapped, [rule])
    assert seen.reason.startswith("capture inconsistent")


def test_op_kind_difference_names_the_pattern_value_and_both_node_kinds():
    graph = torch._C.parse_ir(LINEAR_GRAPH.format(weight="%w", bias="%b").replace("aten::linear", "aten::matmul_like"))
    (seen,) = traced(graph, [RULES["linear"]])
    assert seen.reason == "op kind differs: expected aten::linear, found aten::matmul_like"
    assert seen.pattern_value == "linear_out"
    assert not seen.near_miss


def test_op_between_the_matched_part_and_the_anchor_gives_a_partial_decision():
    graph = torch._C.parse_ir("""
graph(%x : Tensor, %y : Tensor, %s : float, %z : int, %t : int):
  %alpha : int = prim::Constant[value=1]()
  %dx : Tensor = aten::dequantize(%x)
  %dy : Tensor = aten::dequantize(%y)
  %sum : Tensor = aten::add(%dx, %dy, %alpha)
  %r : Tensor = aten::relu(%sum)
  %q : Tensor = aten::quantize_per_tensor(%r, %s, %z, %t)
  return (%q)""")
    partial, anchored = traced(graph, [RULES["add"]], partials=True)
    assert [s.anchor_kind for s in (partial, anchored)] == ["aten::add", "aten::quantize_per_tensor"]
    assert partial.start is not None and anchored.start is None
    # explain's definition: one op (and its dequantizes) matched below the anchor is no near miss
    assert not partial.near_miss and not anchored.near_miss
    assert partial.reason == "op kind differs: expected aten::quantize_per_tensor, found aten::relu"
    assert partial.pattern_value == "quantize_per_tensor_out"


def test_candidate_whose_anchor_producer_differs_is_not_a_near_miss():
    graph = torch._C.parse_ir("""
graph(%x : Tensor, %s : float, %z : int, %t : int):
  %q : Tensor = aten::quantize_per_tensor(%x, %s, %z, %t)
  return (%q)""")
    (seen,) = traced(graph, [RULES["linear"]], partials=True)
    assert seen.reason == "op kind differs: expected aten::linear, found prim::Param"
    assert not seen.near_miss


def test_node_outside_the_anchor_block_does_not_match():
    graph = torch._C.parse_ir("""
graph(%x : Tensor, %y : Tensor, %c : bool, %s : float, %z : int, %t : int):
  %alpha : int = prim::Constant[value=1]()
  %dx : Tensor = aten::dequantize(%x)
  %dy : Tensor = aten::dequantize(%y)
  %sum : Tensor = aten::add(%dx, %dy, %alpha)
  %r : Tensor = prim::If(%c)
    block0():
      %q : Tensor = aten::quantize_per_tensor(%sum, %s, %z, %t)
      -> (%q)
    block1():
      -> (%x)
  return (%r)""")
    rule = RULES["add"]
    assert str(qdsl_rewrite(rule, graph)) == str(upstream_rewrite(rule, graph))
    (seen,) = traced(graph, [rule])
    assert seen.reason.startswith("different block: the aten::add producing %add_out")


def test_partial_chain_of_two_ops_without_the_anchor_is_a_near_miss():
    graph = torch._C.parse_ir("""
graph(%x : Tensor, %y : Tensor):
  %alpha : int = prim::Constant[value=1]()
  %dx : Tensor = aten::dequantize(%x)
  %dy : Tensor = aten::dequantize(%y)
  %sum : Tensor = aten::add(%dx, %dy, %alpha)
  %r : Tensor = aten::relu(%sum)
  %out : Tensor = aten::sigmoid(%r)
  return (%out)""")
    # one candidate: the add, already part of the relu's, gets none of its own
    (below_relu,) = traced(graph, [RULES["add_relu"]], partials=True)
    assert (below_relu.anchor_kind, below_relu.near_miss, below_relu.matched) == ("aten::relu", True, 4)
    assert below_relu.reason == "op kind differs: expected aten::quantize_per_tensor, found aten::sigmoid"
    assert below_relu.pattern_value == "quantize_per_tensor_out"


def test_match_maps_pattern_names_to_graph_values():
    graph = add_graph("%alpha : int = prim::Constant[value=1]()")
    compiled = compile_rule(RULES["add"])
    anchor = next(n for n in graph.nodes() if n.kind() == "aten::quantize_per_tensor")
    node_map, value_map, failure = match_at(compiled, anchor, True)
    assert failure is None and None not in node_map
    values = {compiled.pattern.values[i].name: value for i, value in enumerate(value_map)}
    assert values["alpha"].toIValue() == 1
    assert values["a"].debugName() == "x"
    assert values["add_out"].node().kind() == "aten::add"


def test_deep_graph_matches_without_recursion_limits():
    graph = torch._C.Graph()
    value = graph.addInput("x")
    for _ in range(20_000):
        node = graph.create("aten::mul", [value, value], 1)
        graph.appendNode(node)
        value = node.output()
    graph.registerOutput(value)
    rule = RULES["square"]
    expected = upstream_rewrite(rule, graph)
    assert len(apply_rules(graph, [rule], validate=True)) == 20_000
    assert str(graph) == str(expected)

