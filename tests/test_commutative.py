"""`commutative` calls: one rule per operand order, as if each were written by hand."""

from __future__ import annotations

import pytest
import torch
import torch.nn as nn
from torch.ao.quantization import convert_jit, default_qconfig, prepare_jit

import qdsl
from qdsl import compile_source
from tests.support.graphs import node_kinds
from tests.support.harness import finalized_by_torch
from tests.support.models import clone
from tests.support.rule_sources import meaning

# A float branch (a layer kept in float) added to a quantized one: the float operand is
# quantized with the sum's qparams and added in the quantized domain. Torch leaves
# these adds in float, in either order.
COMMUTATIVE = """\
stage fusion static

rule add_float_branch:
    q(commutative add(dq(a), b, alpha)) where alpha == 1
    -> quantized::add(a, quantize_per_tensor(b, scale, zero_point, dtype), scale, zero_point)
"""

BY_HAND = """\
stage fusion static

rule add_float_branch:
    q(add(dq(a), b, alpha)) where alpha == 1
    -> quantized::add(a, quantize_per_tensor(b, scale, zero_point, dtype), scale, zero_point)

rule add_float_branch_swap1:
    q(add(b, dq(a), alpha)) where alpha == 1
    -> quantized::add(a, quantize_per_tensor(b, scale, zero_point, dtype), scale, zero_point)
"""


class QuantizedFirst(nn.Module):
    """A quantized conv plus a conv left in float, then a quantized conv (so the sum is quantized)."""

    def __init__(self):
        super().__init__()
        self.quantized = nn.Conv2d(2, 2, 3, padding=1)
        self.float_branch = nn.Conv2d(2, 2, 3, padding=1)
        self.after = nn.Conv2d(2, 2, 3, padding=1)

    def forward(self, x):
        return self.after(self.quantized(x) + self.float_branch(x))


class FloatFirst(QuantizedFirst):
    def forward(self, x):
        return self.after(self.float_branch(x) + self.quantized(x))


def seeded(seed: int) -> torch.Tensor:
    return torch.randn(1, 2, 5, 5, generator=torch.Generator().manual_seed(seed))


def debug_module(float_first: bool, frontend: str) -> torch.jit.ScriptModule:
    torch.manual_seed(0)
    model = (FloatFirst if float_first else QuantizedFirst)().eval()
    scripted = torch.jit.trace(model, (seeded(0),)) if frontend == "trace" else torch.jit.script(model)
    prepared = prepare_jit(scripted, {"": default_qconfig, "float_branch": None})
    for seed in range(3):
        prepared(seeded(seed))
    return convert_jit(prepared, debug=True)


def test_the_orders_are_the_hand_written_rules():
    written, by_hand = compile_source(COMMUTATIVE), compile_source(BY_HAND)
    assert written.names() == by_hand.names() == ("add_float_branch", "add_float_branch_swap1")
    for ours, theirs in zip(written, by_hand):
        assert meaning(ours) == meaning(theirs)
        assert ours.family == "add_float_branch"
        assert ours.location == written[0].location


@pytest.mark.parametrize("frontend", ["script", "trace"])
@pytest.mark.parametrize("float_first", [False, True], ids=["quantized_first", "float_first"])
def test_a_commutative_rule_fuses_both_orders_like_two_hand_written_rules(float_first, frontend):
    debug = debug_module(float_first, frontend)
    (add,) = [n for n in debug.graph.nodes() if n.kind() == "aten::add"]
    operands = [add.inputsAt(i).node().kind() for i in (0, 1)]
    assert operands == (["aten::conv2d", "aten::dequantize"] if float_first else ["aten::dequantize", "aten::conv2d"])
    upstream = finalized_by_torch(clone(debug), 1)
    written = qdsl.finalize(clone(debug), rules=qdsl.default_rules() + compile_source(COMMUTATIVE))
    by_hand = qdsl.finalize(clone(debug), rules=qdsl.default_rules() + compile_source(BY_HAND))
    # Torch leaves the add in float; the rule fuses it, whichever operand comes first.
    assert "aten::add" in node_kinds(upstream.graph)
    assert "aten::add" not in node_kinds(written.graph)
    assert node_kinds(written.graph).count("quantized::add") == 1
    assert node_kinds(written.graph) == node_kinds(by_hand.graph)
    fired = qdsl.finalize_with_report(clone(debug), rules=qdsl.default_rules() + compile_source(COMMUTATIVE))
    assert [f.rule.name for f in fired.fusion if f.rule.family == "add_float_branch"] == [
        "add_float_branch_swap1" if float_first else "add_float_branch"]
    for seed in (1, 2):
        assert torch.equal(written(seeded(seed)), by_hand(seeded(seed)))


def test_an_order_that_matches_the_same_graphs_is_not_made():
    # add(dq(a), dq(b)) swapped is the same pattern up to capture names: one rule, the
    # shipped `add` rule's IR exactly.
    rules = compile_source("stage fusion static\nrule add:\n    q(commutative add(dq(a), dq(b), alpha)) "
                           "where alpha == 1\n    -> quantized::add(a, b, scale, zero_point)\n")
    assert rules.names() == ("add",)
    shipped = qdsl.default_rules()["add"]
    assert meaning(rules["add"]) == meaning(shipped)
    # A guard on one operand tells the orders apart: both are made.
    guarded = compile_source("stage fusion static\nrule mul_scalar:\n    q(commutative mul(dq(a), b)) "
                             "where is_scalar(b)\n    -> quantized::mul_scalar(a, b)\n")
    assert guarded.names() == ("mul_scalar", "mul_scalar_swap1")


def test_several_commutative_calls_make_the_product_of_orders_named_by_the_swapped_calls():
    text = ("stage fusion static\n"
            "rule r for act in [relu, relu_]:\n"
            "    q(act(commutative add(commutative mul(dq(a), b), c, alpha)))\n"
            "    -> quantized::add_relu(quantized::mul_scalar(a, b), c, scale, zero_point)\n")
    rules = compile_source(text.replace("rule r for", "rule r{act} for"))
    assert rules.names() == ("rrelu", "rrelu_swap2", "rrelu_swap1", "rrelu_swap1_2",
                             "rrelu_", "rrelu__swap2", "rrelu__swap1", "rrelu__swap1_2")

    def operands(rule_name, op):
        """The first two inputs of the pattern's `op` call: producers' ops, captures' names."""
        graph = rules[rule_name].pattern
        node = next(n for n in graph.nodes if n.op == op)
        producers = [graph.producers[v] for v in node.inputs[:2]]
        return [graph.values[v].name if p is None else graph.nodes[p].op for v, p in zip(node.inputs, producers)]

    assert operands("rrelu", "aten::add") == ["aten::mul", "c"]
    assert operands("rrelu", "aten::mul") == ["aten::dequantize", "b"]
    assert operands("rrelu_swap2", "aten::mul") == ["b", "aten::dequantize"]
    assert operands("rrelu_swap1", "aten::add") == ["c", "aten::mul"]
    assert operands("rrelu_swap1", "aten::mul") == ["aten::dequantize", "b"]
    assert operands("rrelu_swap1_2", "aten::add") == ["c", "aten::mul"]
    assert operands("rrelu_swap1_2", "aten::mul") == ["b", "aten::dequantize"]


def test_a_commutative_call_in_a_macro_is_one_more_call_at_each_use():
    rules = compile_source("stage fusion static\n"
                           "def either_add(x, y, alpha) = commutative add(x, y, alpha)\n"
                           "rule add_float_branch: q(either_add(dq(a), b, alpha)) where alpha == 1\n"
                           "    -> quantized::add(a, quantize_per_tensor(b, scale, zero_point, dtype), scale, zero_point)\n"
                           "rule twice: q(either_add(either_add(dq(a), b, alpha), c, alpha)) where alpha == 1\n"
                           "    -> quantized::add(a, a, scale, zero_point)\n")
    by_hand = compile_source(BY_HAND)
    assert rules.names() == ("add_float_branch", "add_float_branch_swap1",
                             "twice", "twice_swap2", "twice_swap1", "twice_swap1_2")
    for ours, theirs in zip(rules, by_hand):
        assert meaning(ours) == meaning(theirs)
