"""The matcher: upstream SubgraphMatcher semantics, and the reasons it gives for a miss.

Where a test states upstream behaviour, it checks it against torch's own rewriter
(`torch._C._jit_pass_custom_pattern_based_rewrite_graph`) on the same graph.
"""

from __future__ import annotations

import pytest
import torch

from qdsl.errors import QdslError
from qdsl.matcher import match_at
from qdsl.pattern import compile_rule, compiled_pattern
from qdsl.predicates import NOT_CONSTANT, constant_value, is_none, is_scalar, literal_equals
from qdsl.rewriter import apply_rules, explain_rule, find_matches

from random_graphs import ADD, LINEAR, QUANTIZED_ADD, QUANTIZED_LINEAR, make_rule

ADD_ONE = """
graph(%a_quant, %b_quant, %scale, %zero_point, %dtype):
         %alpha = prim::Constant[value=1]()
         %a_dequant = aten::dequantize(%a_quant)
         %b_dequant = aten::dequantize(%b_quant)
         %r_add = aten::add(%a_dequant, %b_dequant, %alpha)
         %r = aten::quantize_per_tensor(%r_add, %scale, %zero_point, %dtype)
         return (%r) """

QUANTIZED_ADD_ONE = """
graph(%a_quant, %b_quant, %scale, %zero_point, %dtype):
         %r = quantized::add(%a_quant, %b_quant, %scale, %zero_point)
         return (%r) """

SQUARE = """
graph(%x):
  %y = aten::mul(%x, %x)
  return (%y) """

SQUARE_REPLACEMENT = """
graph(%x):
  %y = aten::pow(%x, %x)
  return (%y) """

PRODUCT = """
graph(%x, %z):
  %y = aten::mul(%x, %z)
  return (%y) """

PRODUCT_REPLACEMENT = """
graph(%x, %z):
  %y = aten::pow(%x, %z)
  return (%y) """


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


def kinds(graph: torch._C.Graph) -> list[str]:
    return [n.kind() for n in graph.nodes()]


def upstream_rewrite(pattern: str, replacement: str, graph: torch._C.Graph) -> torch._C.Graph:
    copy = graph.copy()
    torch._C._jit_pass_custom_pattern_based_rewrite_graph(pattern, replacement, copy)
    return copy


def qdsl_rewrite(rule, graph: torch._C.Graph) -> torch._C.Graph:
    copy = graph.copy()
    apply_rules(copy, [rule])
    return copy


def test_anchor_is_the_producer_of_the_first_output_and_index_key_lists_its_producers():
    pattern = compiled_pattern(LINEAR)
    assert pattern.anchor_kind == "aten::quantize_per_tensor"
    assert pattern.producer_kinds == ((0, "aten::linear"),)
    assert [pattern.values[i].name for i in pattern.inputs] == [
        "a_quant", "packed_params", "r_scale", "r_zero_point", "r_dtype"]
    assert "w_quant" in pattern.value_index and "b" in pattern.value_index


def test_pattern_is_parsed_once_per_ir_string():
    assert compiled_pattern(LINEAR) is compiled_pattern(LINEAR)
    first = compile_rule(make_rule("linear", LINEAR, QUANTIZED_LINEAR))
    second = compile_rule(make_rule("linear_again", LINEAR, QUANTIZED_LINEAR))
    assert first.pattern is second.pattern and first.replacement is second.replacement


def test_pattern_with_blocks_is_rejected_naming_the_rule():
    nested = """
graph(%c : bool, %x):
  %y = prim::If(%c)
    block0():
      -> (%x)
    block1():
      -> (%x)
  return (%y) """
    with pytest.raises(QdslError, match="rule nested: .*nested blocks"):
        compile_rule(make_rule("nested", nested, nested))


@pytest.mark.parametrize("alpha_line, fuses", [
    ("%alpha : int = prim::Constant[value=1]()", True),
    ("%alpha : int = prim::Constant[value=2]()", False),
    ("%alpha : float = prim::Constant[value=1.]()", False),
])
def test_pattern_constant_matches_by_value_and_attribute_kind_like_upstream(alpha_line, fuses):
    graph = add_graph(alpha_line)
    rule = make_rule("add_one", ADD_ONE, QUANTIZED_ADD_ONE)
    ours = qdsl_rewrite(rule, graph)
    assert str(ours) == str(upstream_rewrite(ADD_ONE, QUANTIZED_ADD_ONE, graph))
    assert ("quantized::add" in kinds(ours)) is fuses


def test_constant_value_mismatch_is_explained_with_both_values():
    graph = add_graph("%alpha : int = prim::Constant[value=2]()")
    (result,) = explain_rule(graph, make_rule("add_one", ADD_ONE, QUANTIZED_ADD_ONE))
    assert not result.ok
    assert result.reason == "constant value differs: expected 1, found 2"
    assert result.pattern_value == "alpha"
    assert result.graph_node.kind() == "prim::Constant"


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
    assert not literal_equals(two, "int", 2)
    assert not literal_equals(half, "float", 0.5)


def test_scripted_scalar_operand_is_a_number_constant():
    two, half = scalar_operands("script")
    assert (constant_value(two), constant_value(half)) == (2, 0.5)
    assert is_scalar(two) and is_scalar(half)
    assert literal_equals(two, "int", 2) and literal_equals(half, "float", 0.5)


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
    graph = add_graph("%alpha : int = prim::Constant[value=1]()",
                      extra="%other : Tensor = aten::add(%x, %y, %alpha)")
    rule = make_rule("add_one", ADD_ONE, QUANTIZED_ADD_ONE)
    assert str(qdsl_rewrite(rule, graph)) == str(upstream_rewrite(ADD_ONE, QUANTIZED_ADD_ONE, graph))
    (result,) = [r for r in explain_rule(graph, rule) if r.anchor.kind() == "aten::quantize_per_tensor"]
    assert result.pattern_value == "alpha"
    assert result.reason.startswith("value used outside the match: %alpha has 2 uses")
    assert "users: aten::add" in result.reason


def test_intermediate_value_with_a_second_consumer_does_not_match():
    graph = add_graph("%alpha : int = prim::Constant[value=1]()",
                      extra="%other : Tensor = aten::relu(%sum)")
    rule = make_rule("add", ADD, QUANTIZED_ADD)
    assert "quantized::add" not in kinds(upstream_rewrite(ADD, QUANTIZED_ADD, graph))
    assert "quantized::add" not in kinds(qdsl_rewrite(rule, graph))
    (result,) = explain_rule(graph, rule)
    assert result.pattern_value == "r_add"
    assert "users: aten::quantize_per_tensor, aten::relu" in result.reason


def test_same_pattern_value_must_meet_the_same_graph_value():
    graph = torch._C.parse_ir("""
graph(%a : Tensor, %b : Tensor):
  %p : Tensor = aten::mul(%a, %b)
  %s : Tensor = aten::mul(%a, %a)
  return (%p, %s)""")
    rule = make_rule("square", SQUARE, SQUARE_REPLACEMENT)
    ours = qdsl_rewrite(rule, graph)
    assert str(ours) == str(upstream_rewrite(SQUARE, SQUARE_REPLACEMENT, graph))
    # only mul(%a, %a) fused; placed right after its last-defined input, the graph input
    assert kinds(ours) == ["aten::pow", "aten::mul"]
    first, second = explain_rule(graph, rule)
    assert first.reason.startswith("capture inconsistent: %x is already %")
    assert second.ok


def test_two_pattern_inputs_may_bind_one_graph_value_as_upstream_allows():
    graph = torch._C.parse_ir("""
graph(%a : Tensor):
  %s : Tensor = aten::mul(%a, %a)
  return (%s)""")
    rule = make_rule("product", PRODUCT, PRODUCT_REPLACEMENT)
    ours = qdsl_rewrite(rule, graph)
    assert kinds(upstream_rewrite(PRODUCT, PRODUCT_REPLACEMENT, graph)) == ["aten::pow"]
    assert str(ours) == str(upstream_rewrite(PRODUCT, PRODUCT_REPLACEMENT, graph))


LINEAR_GRAPH = """
graph(%x : Tensor, %packed : __torch__.torch.classes.quantized.LinearPackedParamsBase, %s : float, %z : int, %t : int):
  %w : Tensor, %b : Tensor? = quantized::linear_unpack(%packed)
  %dx : Tensor = aten::dequantize(%x)
  %dw : Tensor = aten::dequantize({weight})
  %y : Tensor = aten::linear(%dx, %dw, {bias})
  %q : Tensor = aten::quantize_per_tensor(%y, %s, %z, %t)
  return (%q)"""


def test_multi_output_node_matches_outputs_by_offset():
    rule = make_rule("linear", LINEAR, QUANTIZED_LINEAR)
    straight = torch._C.parse_ir(LINEAR_GRAPH.format(weight="%w", bias="%b"))
    swapped = torch._C.parse_ir(LINEAR_GRAPH.format(weight="%b", bias="%w"))
    assert kinds(qdsl_rewrite(rule, straight)) == ["quantized::linear"]
    assert str(qdsl_rewrite(rule, straight)) == str(upstream_rewrite(LINEAR, QUANTIZED_LINEAR, straight))
    assert "quantized::linear" not in kinds(qdsl_rewrite(rule, swapped))
    assert "quantized::linear" not in kinds(upstream_rewrite(LINEAR, QUANTIZED_LINEAR, swapped))
    (result,) = explain_rule(swapped, rule)
    assert result.reason.startswith("capture inconsistent")


def test_op_kind_difference_names_the_pattern_value_and_both_kinds():
    graph = torch._C.parse_ir(LINEAR_GRAPH.format(weight="%w", bias="%b").replace(
        "aten::linear", "aten::matmul_like"))
    rule = make_rule("linear", LINEAR, QUANTIZED_LINEAR)
    results = explain_rule(graph, rule)
    assert results[0].reason == "op kind differs: expected aten::linear, found aten::matmul_like"
    assert results[0].pattern_value == "r"
    assert not results[0].near_miss
    assert find_matches(graph, rule) == []


def test_op_between_the_matched_part_and_the_anchor_is_a_near_miss():
    graph = torch._C.parse_ir("""
graph(%x : Tensor, %y : Tensor, %s : float, %z : int, %t : int):
  %alpha : int = prim::Constant[value=1]()
  %dx : Tensor = aten::dequantize(%x)
  %dy : Tensor = aten::dequantize(%y)
  %sum : Tensor = aten::add(%dx, %dy, %alpha)
  %r : Tensor = aten::relu(%sum)
  %q : Tensor = aten::quantize_per_tensor(%r, %s, %z, %t)
  return (%q)""")
    results = explain_rule(graph, make_rule("add", ADD, QUANTIZED_ADD))
    assert [(r.anchor.kind(), r.near_miss) for r in results] == [
        ("aten::quantize_per_tensor", False), ("aten::add", True)]
    assert results[1].reason == "op kind differs: expected aten::quantize_per_tensor, found aten::relu"
    assert results[1].pattern_value == "r"


def test_candidate_whose_anchor_producer_differs_is_not_a_near_miss():
    graph = torch._C.parse_ir("""
graph(%x : Tensor, %s : float, %z : int, %t : int):
  %q : Tensor = aten::quantize_per_tensor(%x, %s, %z, %t)
  return (%q)""")
    (result,) = explain_rule(graph, make_rule("linear", LINEAR, QUANTIZED_LINEAR))
    assert result.reason == "op kind differs: expected aten::linear, found prim::Param"
    assert not result.near_miss


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
    rule = make_rule("add", ADD, QUANTIZED_ADD)
    assert str(qdsl_rewrite(rule, graph)) == str(upstream_rewrite(ADD, QUANTIZED_ADD, graph))
    (result,) = explain_rule(graph, rule)
    assert result.reason.startswith("different block: the aten::add producing %r_add")


def test_partial_chain_without_the_anchor_is_reported_as_a_near_miss():
    graph = torch._C.parse_ir("""
graph(%x : Tensor, %y : Tensor):
  %alpha : int = prim::Constant[value=1]()
  %dx : Tensor = aten::dequantize(%x)
  %dy : Tensor = aten::dequantize(%y)
  %sum : Tensor = aten::add(%dx, %dy, %alpha)
  %out : Tensor = aten::sigmoid(%sum)
  return (%out)""")
    results = explain_rule(graph, make_rule("add", ADD, QUANTIZED_ADD))
    near = [r for r in results if r.anchor.kind() == "aten::add"]
    assert len(near) == 1 and near[0].near_miss
    assert [r for r in results if r.anchor.kind() == "aten::dequantize"] == []
    assert near[0].reason == "op kind differs: expected aten::quantize_per_tensor, found aten::sigmoid"
    assert near[0].pattern_value == "r"


def test_match_result_maps_pattern_names_to_graph_values_and_rule_locations():
    graph = add_graph("%alpha : int = prim::Constant[value=1]()")
    rule = make_rule("add", ADD, QUANTIZED_ADD)
    anchor = next(n for n in graph.nodes() if n.kind() == "aten::quantize_per_tensor")
    result = match_at(compile_rule(rule), anchor)
    assert result.ok
    assert result.values["alpha"].toIValue() == 1
    assert result.values["a_quant"].debugName() == "x"
    assert result.values["r_add"].node().kind() == "aten::add"
    failed = result.fail("guard false", "alpha")
    assert (failed.ok, failed.reason, failed.location) == (False, "guard false", None)


def test_deep_graph_matches_without_recursion_limits():
    graph = torch._C.Graph()
    value = graph.addInput("x")
    for _ in range(20_000):
        node = graph.create("aten::mul", [value, value], 1)
        graph.appendNode(node)
        value = node.output()
    graph.registerOutput(value)
    rule = make_rule("square", SQUARE, SQUARE_REPLACEMENT)
    expected = upstream_rewrite(SQUARE, SQUARE_REPLACEMENT, graph)
    fusions = apply_rules(graph, [rule], validate=True)
    assert len(fusions) == 20_000
    assert str(graph) == str(expected)
