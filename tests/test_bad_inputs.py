"""Bad modules, arguments and rules at finalize: each a clear error of its kind (a
`RuleRuntimeError` naming the rule and its .qpat location where a rule is at fault) or
a documented no-op, and the caller's module left as it was. tests/test_finalize.py
covers the arguments of the API (no forward, unknown quant type, float nn.Module,
missing rule file, rules of the wrong type or stage, preserved_attrs).
"""

from __future__ import annotations

import dataclasses
import re

import pytest
import torch

import qdsl
from qdsl.backends.torchscript.compiled import rendered
from qdsl.core.guards import Call
from tests.support.graphs import node_kinds
from tests.support.harness import assert_same_snapshot, finalized_by_torch, outputs_equal, snapshot
from tests.support.models import BY_NAME, clone, debug_copies, seeded_inputs
from tests.support.rules import fusion_rules


def test_finalizing_a_finalized_module_is_what_torch_does_twice():
    """Documented no-op apart from re-freezing: nothing is left to fuse."""
    ours_input, theirs_input = debug_copies("nested")
    once = qdsl.finalize(ours_input)
    report = qdsl.finalize_with_report(once)
    assert report.fusion == () and report.prepack == ()
    theirs = finalized_by_torch(finalized_by_torch(theirs_input, 1), 1)
    assert node_kinds(report.module.graph) == node_kinds(theirs.graph)
    inputs = seeded_inputs(BY_NAME["nested"], 1)
    assert outputs_equal(report.module(*inputs), theirs(*inputs))
    assert outputs_equal(report.module(*inputs), once(*inputs))


def test_a_module_without_quantized_ops_is_only_frozen_like_torch():
    torch.manual_seed(0)
    float_module = torch.jit.script(torch.nn.Sequential(torch.nn.Linear(3, 3), torch.nn.ReLU()).eval())
    before = snapshot(float_module)
    report = qdsl.finalize_with_report(float_module)
    assert report.fusion == () and report.prepack == ()
    theirs = finalized_by_torch(clone(float_module), 1)
    assert node_kinds(report.module.graph) == node_kinds(theirs.graph)
    x = torch.randn(2, 3)
    assert torch.equal(report.module(x), float_module(x))
    assert_same_snapshot(before, snapshot(float_module))


def test_an_empty_rule_set_only_freezes():
    """Documented no-op: no rules, nothing fused; the result is torch's freeze of the module."""
    module, = debug_copies("linear_relu", 1)
    report = qdsl.finalize_with_report(module, rules=qdsl.RuleSet())
    assert report.fusion == () and report.prepack == ()
    frozen = torch._C._freeze_module(clone(module)._c, [])
    assert node_kinds(report.module.graph) == node_kinds(frozen._get_method("forward").graph)


def test_script_functions_and_graph_apis_reject_wrong_objects():
    @torch.jit.script
    def function(x):
        return x + 1

    with pytest.raises(qdsl.InputError, match="expects a torch.jit.ScriptModule"):
        qdsl.finalize(function)
    with pytest.raises(qdsl.InputError, match="expects a torch._C.Graph"):
        qdsl.quant_fusion(debug_copies("linear", 1)[0])
    with pytest.raises(qdsl.InputError, match="expects a torch.jit.ScriptModule"):
        qdsl.insert_prepack_unpack("graph")
    with pytest.raises(qdsl.InputError, match="unknown quant type"):
        qdsl.quant_fusion(debug_copies("linear", 1)[0].graph, 7)
    with pytest.raises(qdsl.InputError, match="expects a ScriptModule"):
        qdsl.fold_quantized_prepacking_ops(debug_copies("linear", 1)[0].graph)


def test_a_directory_without_rule_files_is_an_error(tmp_path):
    (tmp_path / "notes.txt").write_text("rule r: relu(a) -> relu(a)")
    with pytest.raises(qdsl.InputError, match="no .qpat files in directory") as raised:
        qdsl.load_rules(tmp_path)
    assert raised.value.path == str(tmp_path)
    module, = debug_copies("linear", 1)
    with pytest.raises(qdsl.InputError, match="no .qpat files"):
        qdsl.finalize(module, rules=tmp_path)
    assert len(qdsl.load_rules([])) == 0


def test_a_rules_file_with_an_error_fails_finalize_located_and_keeps_the_module(tmp_path):
    path = tmp_path / "mine.qpat"
    path.write_bytes(b"stage fusion static\nrule r: relu(a) -> relu(a)\nrule s: q(\xe9(dq(a))) -> relu(a)\n")
    module, = debug_copies("linear_relu", 1)
    before = snapshot(module)
    with pytest.raises(qdsl.RuleError, match="not UTF-8") as raised:
        qdsl.finalize(module, rules=path)
    assert (raised.value.line, raised.value.column) == (3, 11)
    path.write_text("stage fusion static\nrule r: relu(a) -> relux(a)\n")
    with pytest.raises(qdsl.RuleError, match="unknown operator 'aten::relux'") as raised:
        qdsl.finalize(module, rules=path)
    assert (raised.value.line, raised.value.column) == (2, 20)
    assert_same_snapshot(before, snapshot(module))


# ---- rules that compile but fail on a real model: reported before torch fails ----

def rule_error_keeps_module(model: str, rules: qdsl.RuleSet, message: str) -> qdsl.RuleRuntimeError:
    """finalize of zoo `model` with `rules` fails at the rule of line 2 of user.qpat, and the
    module is unchanged and still runs."""
    module, = debug_copies(model, 1)
    before = snapshot(module)
    inputs = seeded_inputs(BY_NAME[model], 1)
    expected = module(*inputs)
    with pytest.raises(qdsl.RuleRuntimeError, match=message) as raised:
        qdsl.finalize(module, rules=rules)
    assert (raised.value.location.filename, raised.value.location.line) == ("user.qpat", 2)
    assert str(raised.value).startswith(f"{raised.value.location}: error: rule {raised.value.rule_name}: ")
    assert_same_snapshot(before, snapshot(module))
    assert outputs_equal(module(*inputs), expected)
    return raised.value


def test_a_guard_predicate_that_raises_names_the_rule():
    def raises(value):
        raise ValueError("no such thing")

    rules = fusion_rules("rule raising_guard: relu(a) where raises(a) -> relu(a)", "user.qpat",
                         predicates={"raises": raises})
    error = rule_error_keeps_module("linear_relu", rules, "guard raised ValueError: no such thing")
    assert error.rule_name == "raising_guard"


def test_a_hand_built_rule_calling_an_unknown_predicate_names_the_rule():
    rule, = fusion_rules("rule bad_guard: relu(a) -> relu(a)", "user.qpat")
    broken = dataclasses.replace(rule, guard=Call("no_such_predicate", ("a",), rule.location))
    rule_error_keeps_module("linear_relu", qdsl.RuleSet((broken,)), "guard raised KeyError: 'no_such_predicate'")


def test_a_rewrite_that_breaks_the_graph_is_reported_and_the_module_kept():
    """A predicate with a side effect moves the input's quantize to the end; lint catches it."""

    def reorder_and_accept(value: torch._C.Value) -> bool:
        nodes = list(value.node().owningBlock().nodes())
        quantize = next(node for node in nodes if node.kind() == "aten::quantize_per_tensor")
        quantize.moveAfter(nodes[-1])
        return True

    rules = fusion_rules("rule break_relu: relu(a) where reorder(a) -> relu(a)", "user.qpat",
                         predicates={"reorder": reorder_and_accept})
    rule_error_keeps_module("linear_relu", rules, "rule break_relu: left an invalid graph")


def test_a_replacement_that_changes_an_output_type_names_the_rule():
    rules = fusion_rules("rule relu_to_scale: relu(a) -> q_scale(a)", "user.qpat")
    rule_error_keeps_module("linear_relu", rules, "changes the type of output 0 from Tensor to float")


Q_LIKE = "def q_like(x, a) = quantize_per_tensor(x, q_scale(a), q_zero_point(a), prim::dtype(a))"


def test_a_replacement_node_no_overload_takes_names_the_rule_before_freezing():
    """quantized::add needs a tensor; the scripted `x + 0.5` gives it a float (torch's freezing
    would fail with "INTERNAL ASSERT FAILED ... please report a bug to PyTorch")."""
    rules = fusion_rules("rule add_as_tensors: q_like(add(dq(a), b, alpha), a) where alpha == 1\n"
                         f"    -> quantized::add(a, b, 0.5, 0)\n{Q_LIKE}", "user.qpat")
    error = rule_error_keeps_module("add_scalar", rules, re.escape(
        "rule add_as_tensors: made a node torch cannot run: no overload of quantized::add takes "
        "(Tensor, float, float, int)"))
    assert "functions.py:" in str(error) and "return x + 0.5" in str(error)


def test_a_replacement_node_typed_unlike_its_overload_names_the_rule():
    """`mul(b, 2.0)` is a Tensor where `b` is one, a float where the model adds a float."""
    rules = fusion_rules("rule add_twice: q_like(add(dq(a), b, alpha), a) where alpha == 1\n"
                         f"    -> quantized::add_scalar(a, mul(b, 2.0))\n{Q_LIKE}", "user.qpat")
    rule_error_keeps_module("add_scalar", rules, re.escape(
        "aten::mul(float, float) returns float as output 0, but the replacement's IR types it Tensor"))


def test_a_prepack_op_a_user_rule_made_that_torch_cannot_run_names_the_rule():
    rules = qdsl.compile_source(
        "stage prepack\nrule conv2d_no_groups: conv2d(a, dq(w), b, stride, padding, dilation, groups)\n"
        "    -> packed = fold quantized::conv2d_prepack(w, b, stride, padding, dilation, 0)\n"
        "       w2, b2 = quantized::conv2d_unpack(packed)\n"
        "       conv2d(a, dq(w2), b2, stride, padding, dilation, groups)", "user.qpat")
    rule_error_keeps_module("conv2d", rules, "rule conv2d_no_groups: made a prepack op that torch cannot run on "
                            r"this model: cannot pack the weight .* with quantized::conv2d_prepack")


def test_a_replacement_computing_with_scalar_captures_runs_as_torchs_rewriter_makes_it():
    """`mul(scale, 2.0)` is a float: the replacement's inputs are typed so that torch's IR
    parser types the inserted nodes as they are (untyped, the float would be a Tensor)."""
    ours = fusion_rules("rule double_scale: q(relu(x)) -> quantize_per_tensor(relu(x), mul(scale, 2.0), "
                        "zero_point, dtype)", "user.qpat")
    pattern, replacement = rendered(ours["double_scale"])
    assert "%scale : float" in replacement and "%mul_out : float = aten::mul(" in replacement
    by_qdsl, by_torch = debug_copies("conv2d_relu")
    torch._C._jit_pass_custom_pattern_based_rewrite_graph(pattern, replacement, by_torch.graph)
    torch_module = finalized_by_torch(by_torch, 1)
    qdsl_module = qdsl.finalize(by_qdsl, rules=ours + qdsl.default_rules())
    assert node_kinds(qdsl_module.graph) == node_kinds(torch_module.graph)
    inputs = seeded_inputs(BY_NAME["conv2d_relu"], 1)
    assert outputs_equal(qdsl_module(*inputs), torch_module(*inputs))
