"""Bad modules, arguments and rules: each a clear QdslError (naming the rule and its
.qpat location where a rule is at fault) or a documented no-op, and the caller's module
left as it was. tests/test_finalize.py covers the rest (no forward, unknown quant type,
float nn.Module, missing rule file, rules of the wrong type or stage, preserved_attrs,
a rewrite torch's lint rejects)."""

from __future__ import annotations

import re

import pytest
import torch

import qdsl
from conftest import assert_same_snapshot, node_kinds, outputs_equal, snapshot, zoo_debug_copies
from qdsl.rules import Rule, RuleSet, SourceLocation
from zoo import ZOO_BY_NAME, seeded_inputs

LOCATION = SourceLocation("user_rules.qpat", 7, 6, 7, 18)
RELU = "graph(%a):\n  %r = aten::relu(%a)\n  return (%r)\n"


def user_rule(name: str, replacement: str = RELU, guard=None, pattern: str = RELU) -> Rule:
    return Rule(name=name, stage="fusion", quant_type="static", pattern=pattern, replacement=replacement,
                guard=guard, location=LOCATION, family=name)


def assert_rule_error_keeps_module(rule: Rule, message: str) -> qdsl.QdslError:
    """finalize with `rule` fails naming it at its location, and the module is unchanged."""
    module, = zoo_debug_copies("linear_relu", 1)
    assert "aten::relu" in node_kinds(module.graph)
    before = snapshot(module)
    with pytest.raises(qdsl.QdslError, match=message) as raised:
        qdsl.finalize(module, rules=RuleSet((rule,)))
    assert rule.name in str(raised.value)
    assert (raised.value.filename, raised.value.line, raised.value.column) == ("user_rules.qpat", 7, 6)
    assert_same_snapshot(before, snapshot(module))
    return raised.value


def test_finalizing_a_finalized_module_is_what_torch_does_twice():
    """Documented no-op apart from re-freezing: nothing is left to fuse."""
    ours_input, theirs_input = zoo_debug_copies("nested")
    once = qdsl.finalize(ours_input)
    report = qdsl.finalize_with_report(once)
    assert report.fusion == () and report.prepack == ()
    theirs = torch._C._jit_pass_quant_finalize(torch._C._jit_pass_quant_finalize(theirs_input._c, 1, []), 1, [])
    assert node_kinds(report.module.graph) == node_kinds(theirs._get_method("forward").graph)
    inputs = seeded_inputs(ZOO_BY_NAME["nested"], 1)
    assert outputs_equal(report.module(*inputs), theirs._get_method("forward")(*inputs))
    assert outputs_equal(report.module(*inputs), once(*inputs))


def test_a_module_without_quantized_ops_is_only_frozen_like_torch():
    torch.manual_seed(0)
    float_module = torch.jit.script(torch.nn.Sequential(torch.nn.Linear(3, 3), torch.nn.ReLU()).eval())
    before = snapshot(float_module)
    report = qdsl.finalize_with_report(float_module)
    assert report.fusion == () and report.prepack == ()
    theirs = torch._C._jit_pass_quant_finalize(
        torch._C._hack_do_not_use_clone_module_with_class(float_module._c, [], []), 1, [])
    assert node_kinds(report.module.graph) == node_kinds(theirs._get_method("forward").graph)
    x = torch.randn(2, 3)
    assert torch.equal(report.module(x), float_module(x))
    assert_same_snapshot(before, snapshot(float_module))


def test_script_functions_and_graph_apis_reject_wrong_objects():
    @torch.jit.script
    def function(x):
        return x + 1

    with pytest.raises(qdsl.QdslError, match="expects a torch.jit.ScriptModule"):
        qdsl.finalize(function)
    with pytest.raises(qdsl.QdslError, match="expects a torch._C.Graph"):
        qdsl.quant_fusion(zoo_debug_copies("linear", 1)[0])
    with pytest.raises(qdsl.QdslError, match="expects a torch.jit.ScriptModule"):
        qdsl.insert_prepack_unpack("graph")
    with pytest.raises(qdsl.QdslError, match="unknown quant type"):
        qdsl.quant_fusion(zoo_debug_copies("linear", 1)[0].graph, 7)
    with pytest.raises(qdsl.QdslError, match="expects a ScriptModule"):
        qdsl.fold_quantized_prepacking_ops(zoo_debug_copies("linear", 1)[0].graph)


def test_a_guard_predicate_that_raises_names_the_rule():
    def raises(value):
        raise ValueError("no such thing")

    qdsl.register_predicate("test_bad_inputs_raises", raises)
    error = assert_rule_error_keeps_module(user_rule("raising_guard", guard=("pred", "test_bad_inputs_raises", ("a",))),
                                           "guard raised ValueError: no such thing")
    assert "rule raising_guard" in str(error)


def test_a_replacement_torch_cannot_parse_names_the_rule():
    broken = "graph(%a):\n  %r = aten::relu(%b)\n  return (%r)\n"
    assert_rule_error_keeps_module(user_rule("unparsable", broken), "Cannot find a variable with name 'b'")


def test_a_replacement_that_changes_an_output_type_names_the_rule():
    to_float = "graph(%a):\n  %r : float = aten::q_scale(%a)\n  return (%r)\n"
    assert_rule_error_keeps_module(user_rule("relu_to_scale", to_float), "changes the type of output 0")


def test_a_replacement_with_another_number_of_outputs_names_the_rule():
    two = "graph(%a):\n  %r = aten::relu(%a)\n  return (%r, %r)\n"
    assert_rule_error_keeps_module(user_rule("two_outputs", two), "2 outputs, but its pattern 1")


@pytest.mark.parametrize("guard, message", [
    (("pred", "no_such_predicate", ("a",)), "unknown predicate 'no_such_predicate'"),
    (("eq", "no_such_value", "int", 1), "names 'no_such_value', which is not a value of its pattern"),
    (("xor", ("eq", "a", "int", 1)), "malformed guard"),
])
def test_a_hand_built_rule_with_a_bad_guard_names_the_rule(guard, message):
    assert_rule_error_keeps_module(user_rule("bad_guard", guard=guard), message)


def test_a_directory_without_rule_files_is_an_error(tmp_path):
    (tmp_path / "notes.txt").write_text("rule r: relu(a) -> relu(a)")
    with pytest.raises(qdsl.QdslError, match="no .qpat files in directory") as raised:
        qdsl.load_rules(tmp_path)
    assert raised.value.filename == str(tmp_path)
    module, = zoo_debug_copies("linear", 1)
    with pytest.raises(qdsl.QdslError, match="no .qpat files"):
        qdsl.finalize(module, rules=tmp_path)
    assert len(qdsl.load_rules([])) == 0


def test_a_rules_file_with_an_error_fails_finalize_located_and_keeps_the_module(tmp_path):
    path = tmp_path / "mine.qpat"
    path.write_bytes(b"stage fusion static\nrule r: relu(a) -> relu(a)\nrule s: q(\xe9(dq(a))) -> relu(a)\n")
    module, = zoo_debug_copies("linear_relu", 1)
    before = snapshot(module)
    with pytest.raises(qdsl.QdslError, match="not UTF-8") as raised:
        qdsl.finalize(module, rules=path)
    assert (raised.value.line, raised.value.column) == (3, 11)
    path.write_text("stage fusion static\nrule r: relu(a) -> relux(a)\n")
    with pytest.raises(qdsl.QdslError, match="unknown operator 'aten::relux'") as raised:
        qdsl.finalize(module, rules=path)
    assert (raised.value.line, raised.value.column) == (2, 20)
    assert_same_snapshot(before, snapshot(module))


@pytest.mark.parametrize("name, fn, message", [
    ("not a name", lambda v: True, "must be an identifier"),
    (None, lambda v: True, "must be an identifier"),
    ("test_bad_inputs_not_callable", 42, "must be callable"),
    ("is_scalar", lambda v: True, "is a builtin predicate"),
])
def test_register_predicate_rejects_bad_arguments(name, fn, message):
    with pytest.raises(qdsl.QdslError, match=message):
        qdsl.register_predicate(name, fn)


def test_an_empty_rule_set_only_freezes():
    """Documented no-op: no rules, nothing fused; the result is torch's freeze of the module."""
    module, = zoo_debug_copies("linear_relu", 1)
    report = qdsl.finalize_with_report(module, rules=RuleSet())
    assert report.fusion == () and report.prepack == ()
    frozen = torch._C._freeze_module(torch._C._hack_do_not_use_clone_module_with_class(module._c, [], []), [])
    assert node_kinds(report.module.graph) == node_kinds(frozen._get_method("forward").graph)


# ---- rules that compile but break a real model's graph: reported before torch fails ----

def compiled_rules_error_keeps_module(model: str, text: str, message: str) -> qdsl.QdslError:
    """finalize of zoo `model` with the rules of `text` (file user.qpat) fails at the rule
    named in line 2, and the module is unchanged and still runs."""
    rules = qdsl.compile_source(text, "user.qpat")
    module, = zoo_debug_copies(model, 1)
    before = snapshot(module)
    inputs = seeded_inputs(ZOO_BY_NAME[model], 1)
    expected = module(*inputs)
    with pytest.raises(qdsl.QdslError, match=message) as raised:
        qdsl.finalize(module, rules=rules)
    assert (raised.value.filename, raised.value.line) == ("user.qpat", 2)
    assert_same_snapshot(before, snapshot(module))
    assert outputs_equal(module(*inputs), expected)
    return raised.value


def test_a_replacement_node_no_overload_takes_names_the_rule_before_freezing():
    """quantized::add needs a tensor; the scripted `x + 0.5` gives it a float (torch's freezing
    would fail with "INTERNAL ASSERT FAILED ... please report a bug to PyTorch")."""
    error = compiled_rules_error_keeps_module(
        "add_scalar", "stage fusion static\nrule add_as_tensors: q_like(add(dq(a), b, alpha), a) where alpha == 1\n"
        "    -> quantized::add(a, b, 0.5, 0)\n"
        "def q_like(x, a) = quantize_per_tensor(x, q_scale(a), q_zero_point(a), prim::dtype(a))",
        re.escape("rule add_as_tensors made a node torch cannot run: no overload of quantized::add takes "
                  "(Tensor, float, float, int)"))
    assert "zoo.py:" in str(error) and "return x + 0.5" in str(error)


def test_a_replacement_node_typed_unlike_its_overload_names_the_rule():
    """`mul(b, 2.0)` is a Tensor where `b` is one, a float where the model adds a float."""
    compiled_rules_error_keeps_module(
        "add_scalar", "stage fusion static\nrule add_twice: q_like(add(dq(a), b, alpha), a) where alpha == 1\n"
        "    -> quantized::add_scalar(a, mul(b, 2.0))\n"
        "def q_like(x, a) = quantize_per_tensor(x, q_scale(a), q_zero_point(a), prim::dtype(a))",
        re.escape("aten::mul(float, float) returns float as output 0, but the replacement's IR types it Tensor"))


def test_a_prepack_op_a_user_rule_made_that_torch_cannot_run_names_the_rule():
    compiled_rules_error_keeps_module(
        "conv2d", "stage prepack\nrule conv2d_no_groups: conv2d(a, dq(w), b, stride, padding, dilation, groups)\n"
        "    -> packed = fold quantized::conv2d_prepack(w, b, stride, padding, dilation, 0)\n"
        "       w2, b2 = quantized::conv2d_unpack(packed)\n"
        "       conv2d(a, dq(w2), b2, stride, padding, dilation, groups)",
        "rule conv2d_no_groups made a prepack op that torch cannot run on this model: "
        r"cannot pack the weight .* with quantized::conv2d_prepack")


def test_a_replacement_computing_with_scalar_captures_runs_as_torchs_rewriter_makes_it():
    """`mul(scale, 2.0)` is a float: the replacement's inputs are typed so that torch's IR
    parser types the inserted nodes as they are (untyped, the float would be a Tensor)."""
    ours = qdsl.compile_source("stage fusion static\n"
                               "rule double_scale: q(relu(x)) -> quantize_per_tensor(relu(x), mul(scale, 2.0), "
                               "zero_point, dtype)", "user.qpat")
    rule = ours["double_scale"]
    assert "%scale : float" in rule.replacement and "%mul_out : float = aten::mul(" in rule.replacement
    by_qdsl, by_torch = zoo_debug_copies("conv2d_relu")
    torch._C._jit_pass_custom_pattern_based_rewrite_graph(rule.pattern, rule.replacement, by_torch.graph)
    torch_module = torch._C._jit_pass_quant_finalize(by_torch._c, 1, [])
    qdsl_module = qdsl.finalize(by_qdsl, rules=ours + qdsl.default_rules())
    assert node_kinds(qdsl_module.graph) == node_kinds(torch_module._get_method("forward").graph)
    inputs = seeded_inputs(ZOO_BY_NAME["conv2d_relu"], 1)
    assert outputs_equal(qdsl_module(*inputs), torch_module._get_method("forward")(*inputs))
