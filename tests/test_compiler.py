"""The compiler end to end, against real torch: the neutral rule model, the TorchScript IR
rendered from it (accepted by torch's parser and applied by torch's own rewriter as
torch's passes do), guards, names, diagnostics and the loading API."""

import dataclasses
import re
import warnings
from functools import cache
from pathlib import Path

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import qdsl
from qdsl import RuleError
from qdsl.backends.torchscript import FUSION_STATIC, PREPACK, RENDERED_PATTERN, RENDERED_REPLACEMENT
from qdsl.backends.torchscript.compiled import rendered
from qdsl.backends.torchscript.rewriter import apply_rules
from qdsl.core.backend import compiler_hooks
from qdsl.core.guards import And, Call, Compare, Not, Or
from qdsl.core.patterns import Constant
from tests.support.cli import REPO
from tests.support.fuzzing import fuzz_settings
from tests.support.graphs import canonical_form

INVALID = REPO / "tests" / "fixtures" / "invalid"
HEADER = Path(torch.__file__).parent / "include/torch/csrc/jit/passes/quantization/quantization_patterns.h"


@cache
def golden_rules() -> qdsl.RuleSet:
    return qdsl.load_rules(sorted((REPO / "tests" / "golden").glob("*.qpat")))


def golden_rule(name: str) -> qdsl.Rule:
    return golden_rules()[name]


def ir(rule: qdsl.Rule, side: int) -> torch._C.Graph:
    """The rule's pattern (0) or replacement (1) as torch's IR parser reads it."""
    return torch._C.parse_ir(rendered(rule)[side])


def rewrite(pattern: str, replacement: str, graph: torch._C.Graph) -> torch._C.Graph:
    torch._C._jit_pass_custom_pattern_based_rewrite_graph(pattern, replacement, graph)
    return graph


def upstream(name: str) -> str:
    """One IR string of torch's quantization_patterns.h, by its C++ variable name."""
    match = re.search(r"std::string " + name + r' = R"\((.*?)\)";', HEADER.read_text(), re.S)
    return match.group(1)


GOLDEN_NAMES = ("conv1d", "conv2d_relu_", "conv3d_relu", "clamp", "upsample_nearest2d_vec", "sigmoid", "sigmoid_",
                "add_scalar", "interpolate_like", "dynamic_linear", "conv1d_prepack", "conv3d_prepack",
                "linear_folded", "mul_either_scalar", "mul_either_scalar_swap1")


@pytest.mark.parametrize("name", GOLDEN_NAMES)
def test_the_rendered_rule_is_accepted_by_torch_and_rewrites_its_own_pattern(name):
    rule = golden_rule(name)
    pattern, replacement = ir(rule, 0), ir(rule, 1)
    assert [node.kind() for node in pattern.nodes()] == [node.op or "prim::Constant" for node in rule.pattern.nodes]
    assert len(list(pattern.inputs())) == len(list(replacement.inputs())) == len(rule.pattern.inputs)
    rewritten = rewrite(*rendered(rule), ir(rule, 0))
    assert canonical_form(rewritten) == canonical_form(replacement)


@pytest.mark.parametrize("name", [f"conv{d}d{act}" for d in (1, 2, 3) for act in ("", "_relu", "_relu_")])
def test_conv_fusion_rules_do_what_torch_quant_fusion_does(name):
    rule = golden_rule(name)
    by_torch = ir(rule, 0)
    torch._C._jit_pass_quant_fusion(by_torch)
    assert canonical_form(rewrite(*rendered(rule), ir(rule, 0))) == canonical_form(by_torch)
    assert f"quantized::{name.rstrip('_')}(" in str(by_torch)


@pytest.mark.parametrize("name", ["conv1d_prepack", "conv2d_prepack", "conv3d_prepack"])
def test_prepack_rules_do_what_torch_insert_prepack_unpack_does(name):
    rule = golden_rule(name)
    by_torch = ir(rule, 0)
    torch._C._jit_pass_insert_prepack_unpack(by_torch)
    assert canonical_form(rewrite(*rendered(rule), ir(rule, 0))) == canonical_form(by_torch)
    assert "_prepack(" in str(by_torch)


@pytest.mark.parametrize("qdsl_name, upstream_name", [
    ("conv2d", "conv2d"), ("conv2d_relu", "conv2d_relu"), ("conv2d_relu_", "conv2d_inplace_relu"),
    ("conv3d_relu", "conv3d_relu"),
])
def test_conv_pattern_and_upstream_pattern_match_each_other(qdsl_name, upstream_name):
    ours = rendered(golden_rule(qdsl_name))
    theirs = (upstream(upstream_name), upstream("quantized_" + qdsl_name.rstrip("_")))
    on_theirs = rewrite(*ours, torch._C.parse_ir(theirs[0]))
    assert canonical_form(on_theirs) == canonical_form(rewrite(*theirs, torch._C.parse_ir(theirs[0])))
    on_ours = rewrite(*theirs, torch._C.parse_ir(ours[0]))
    assert canonical_form(on_ours) == canonical_form(torch._C.parse_ir(ours[1]))


def _output_types(graph: torch._C.Graph) -> dict[str, list[str]]:
    return {n.kind(): [str(o.type()) for o in n.outputs()] for n in graph.nodes()}


def test_output_types_come_from_schemas():
    upsample = _output_types(ir(golden_rule("upsample_nearest2d_vec"), 0))
    assert upsample["aten::q_scale"] == ["float"]
    assert upsample["aten::q_zero_point"] == ["int"]
    assert upsample["prim::dtype"] == ["int"]
    assert _output_types(ir(golden_rule("conv2d"), 0))["quantized::conv2d_unpack"] == ["Tensor", "Optional[Tensor]"]
    prepack = _output_types(ir(golden_rule("conv3d_prepack"), 1))
    assert prepack["quantized::conv3d_prepack"] == ["__torch__.torch.classes.quantized.Conv3dPackedParamsBase"]
    assert _output_types(ir(golden_rule("dynamic_linear"), 0))["aten::_choose_qparams_per_tensor"] == [
        "float", "int"]
    unpack = next(n for n in golden_rule("conv2d").pattern.nodes if n.op == "quantized::conv2d_unpack")
    assert [golden_rule("conv2d").pattern.values[v].type for v in unpack.outputs] == ["Tensor", "Tensor?"]


def test_constants_are_typed_by_literal():
    rule = qdsl.compile_source("stage fusion static\nrule c: q(relu(dq(a)), 0.5, 3, quint8) -> "
                               "upsample_nearest2d.vec(a, None, None)")["c"]
    constants = [(str(n.output().type()), n.output().toIValue()) for n in ir(rule, 0).nodes()
                 if n.kind() == "prim::Constant"]
    assert constants == [("float", 0.5), ("int", 3), ("int", 13)]
    assert [node.constant for node in rule.pattern.nodes if node.constant is not None] == [
        Constant("float", 0.5), Constant("int", 3), Constant("int", 13)]


def test_guards_lower_to_the_guard_algebra_with_their_spans():
    with pytest.warns(UserWarning, match=re.escape("`b == None` never holds: 'b' is Tensor or int or float")):
        rules = qdsl.compile_source(
            "stage fusion static\n"
            "rule a: add(dq(x), b, alpha) where alpha == 1 -> quantized::add_scalar(x, b)\n"
            "rule f: add(dq(x), b, alpha) where alpha == 1.0 -> quantized::add_scalar(x, b)\n"
            "rule s: add(dq(x), b, alpha) where is_scalar(b) -> quantized::add_scalar(x, b)\n"
            "rule c: add(dq(x), b, alpha) where not (alpha != 1 or b == None) and is_constant(alpha) "
            "-> quantized::add_scalar(x, b)\n", "g.qpat")
    assert (rules["a"].guard.op, rules["a"].guard.var, rules["a"].guard.literal) == ("eq", "alpha", Constant("int", 1))
    assert rules["f"].guard.literal == Constant("float", 1.0)
    assert (rules["s"].guard.name, rules["s"].guard.args) == ("is_scalar", ("b",))
    guard = rules["c"].guard
    assert isinstance(guard, And) and isinstance(guard.items[0], Not) and isinstance(guard.items[1], Call)
    either = guard.items[0].item
    assert isinstance(either, Or) and all(isinstance(item, Compare) for item in either.items)
    assert [item.literal for item in either.items] == [Constant("int", 1), Constant("none", None)]
    assert str(guard) == "not (alpha != 1 or b == None) and is_constant(alpha)"
    line = "rule c: add(dq(x), b, alpha) where not (alpha != 1 or b == None) and is_constant(alpha) "
    assert (guard.span.line, guard.span.column) == (5, line.index("not (") + 1)
    assert (either.items[1].span.line, either.items[1].span.column) == (5, line.index("b == None") + 1)


def test_value_names_never_collide_with_torchscript_keywords():
    rule = qdsl.compile_source("stage fusion static\nrule k: q(relu(dq(if))) -> relu(if)")["k"]
    assert [v.debugName() for v in ir(rule, 0).inputs()] == ["if_", "scale", "zero_point", "dtype"]
    assert rule.pattern.value("if").span.column == 19


def test_rest_arguments_are_fresh_captures_renamed_on_collision():
    rule = qdsl.compile_source(
        "stage fusion static\nrule u: quantize_per_tensor(upsample_nearest2d(dq(output_size), ...), "
        "q_scale(output_size), q_zero_point(output_size), prim::dtype(output_size)) "
        "-> upsample_nearest2d(output_size, ...)")["u"]
    names = ["output_size", "output_size_1", "scales_h", "scales_w"]
    assert [rule.pattern.values[i].name for i in rule.pattern.inputs] == names
    assert [v.debugName() for v in ir(rule, 0).inputs()] == names


def test_macro_uses_get_distinct_fresh_captures():
    rule = golden_rule("clamp")
    assert [v.debugName() for v in ir(rule, 0).inputs()] == [
        "a", "min", "scalar_q_1_s", "scalar_q_1_z", "scalar_q_1_d", "max", "scalar_q_2_s", "scalar_q_2_z",
        "scalar_q_2_d", "scale", "zero_point", "dtype"]


@pytest.mark.parametrize("case", sorted(p.stem for p in INVALID.glob("*.qpat")))
def test_invalid_rule_file_gives_the_expected_diagnostics(case, monkeypatch):
    # Imports resolve relative to the file name given: run where that name is the fixture.
    monkeypatch.chdir(INVALID)
    with pytest.raises(RuleError) as info:
        qdsl.compile_source((INVALID / f"{case}.qpat").read_text(), f"{case}.qpat")
    assert str(info.value) + "\n" == (INVALID / f"{case}.expected").read_text()
    # An error inside an imported file is reported there (fixtures import from imported/).
    assert info.value.filename in (f"{case}.qpat", *(f"imported/{p.name}" for p in (INVALID / "imported").iterdir()))
    assert info.value.line >= 1 and info.value.column >= 1


def test_all_errors_of_a_file_are_reported_together():
    with pytest.raises(RuleError) as info:
        qdsl.compile_source((INVALID / "several_errors.qpat").read_text(), "several_errors.qpat")
    assert [(d.location.line, d.severity) for d in info.value.diagnostics] == [
        (2, "error"), (2, "error"), (3, "error"), (4, "error")]


def test_warnings_are_separate_from_errors():
    with pytest.warns(UserWarning) as record:
        rules = qdsl.compile_source("stage fusion static\nrule p: max_pool2d(dq(a), [2, 2])\n"
                                    "    -> max_pool2d(a, [2, 2], [2, 2], [0, 0], [1, 1], false)", "w.qpat")
    assert rules.names() == ("p",)
    assert [str(w.message).split(";")[0].split(":")[:4] for w in record] == [
        ["w.qpat", "2", "9", " warning"], ["w.qpat", "2", "27", " warning"]]
    assert "an int list literal in a pattern never matches" in str(record[1].message)
    assert {w.filename for w in record} == {__file__}


def test_load_rules_attributes_warnings_to_its_caller_or_hands_them_to_on_warning(tmp_path):
    (tmp_path / "w.qpat").write_text("stage fusion static\nrule p: max_pool2d(dq(a), k) -> relu(a)")
    with pytest.warns(UserWarning, match="is given 2 of its 6 arguments") as record:
        qdsl.load_rules(tmp_path)
    assert {w.filename for w in record} == {__file__}
    handed = []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        qdsl.load_rules(tmp_path, on_warning=handed.append)
    assert [(d.severity, d.location.line) for d in handed] == [("warning", 2)]


def test_compile_source_is_cached_by_filename_and_content():
    text = "stage fusion static\nrule cached: q(relu(dq(a))) -> relu(a)"
    assert qdsl.compile_source(text, "a.qpat") is qdsl.compile_source(text, "a.qpat")
    assert qdsl.compile_source(text, "b.qpat")["cached"].location.filename == "b.qpat"


def test_load_rules_reads_a_directory_in_sorted_order(tmp_path):
    (tmp_path / "b.qpat").write_text("stage fusion static\nrule second: q(relu(dq(a))) -> relu(a)")
    (tmp_path / "a.qpat").write_text("stage prepack\nrule first: q(relu(dq(a))) -> relu(a)")
    (tmp_path / "notes.txt").write_text("rule ignored")
    rules = qdsl.load_rules(tmp_path)
    assert rules.names() == ("first", "second")
    assert [rule.name for rule in rules.for_stage(FUSION_STATIC)] == ["second"]
    assert [rule.name for rule in rules.for_stage(PREPACK)] == ["first"]


def test_load_rules_errors_by_kind(tmp_path):
    with pytest.raises(qdsl.InputError, match="no such rule file or directory"):
        qdsl.load_rules(tmp_path / "missing.qpat")
    (tmp_path / "a.qpat").write_text("stage prepack\nrule same: relu(a) -> relu(a)")
    (tmp_path / "b.qpat").write_text("stage prepack\nrule same: relu(a) -> relu(a)")
    with pytest.raises(RuleError, match=r"rule 'same' is already defined \(first at .*a\.qpat:2:6\)") as info:
        qdsl.load_rules(tmp_path)
    assert info.value.filename.endswith("b.qpat") and info.value.line == 2


def test_load_rules_refuses_paths_that_name_no_rule_file(tmp_path):
    with pytest.raises(qdsl.InputError, match="^the path is empty; name a .qpat file or a directory of them$"):
        qdsl.load_rules("")
    with pytest.raises(qdsl.InputError, match="^/dev/null is a device, fifo or socket, not a .qpat file or a "
                                              "directory of them$"):
        qdsl.load_rules("/dev/null")


def test_load_rules_reads_a_file_named_twice_once_and_skips_subdirectories(tmp_path):
    (tmp_path / "a.qpat").write_text("stage prepack\nrule only: relu(a) -> relu(a)")
    (tmp_path / "sub.qpat").mkdir()
    assert qdsl.load_rules([tmp_path / "a.qpat", tmp_path]).names() == ("only",)


def test_a_macro_named_like_an_aten_operator_is_warned_about_and_the_operator_stays_reachable():
    text = ("stage fusion static\ndef hardswish(x) = relu(x)\n"
            "rule macro: q(hardswish(dq(a))) -> relu(a)\n"
            "rule operator: q(aten::hardswish(dq(a))) -> quantized::hardswish(a, scale, zero_point)")
    with pytest.warns(UserWarning, match=r"2:5: warning: macro 'hardswish' hides the operator aten::hardswish"):
        rules = qdsl.compile_source(text, "shadow.qpat")
    assert "aten::relu" in rules["macro"].pattern.format("pattern")
    assert "aten::hardswish" in rules["operator"].pattern.format("pattern")


def test_the_public_api():
    assert set(qdsl.__all__) == {
        "Diagnostic", "InputError", "QdslError", "RuleError", "RuleRuntimeError", "SourceLocation", "Rule", "RuleSet",
        "Stage", "compile_source", "load_rules", "default_rules", "QuantType", "finalize", "finalize_with_report",
        "insert_prepack_unpack", "quant_fusion", "finalize_on_device_ptq", "fold_quantized_prepacking_ops",
        "patch_torch", "pt2e", "verify"}
    assert all(getattr(qdsl, name) is not None for name in qdsl.__all__)
    assert issubclass(RuleError, qdsl.QdslError) and issubclass(qdsl.InputError, qdsl.QdslError)


def test_the_language_reference_example_compiles():
    text = (REPO / "docs" / "language.md").read_text()
    example = text.split("```")[1]
    rules = qdsl.compile_source(example, "language.md")
    assert rules.names() == ("conv1d", "conv1d_relu", "conv1d_relu_", "conv2d", "conv2d_relu", "conv2d_relu_",
                             "conv3d", "conv3d_relu", "conv3d_relu_", "add", "add_")


def test_a_dropped_call_in_a_binding_is_an_alias():
    rules = qdsl.compile_source("stage fusion static\nrule r{act} for act in [none, relu]:\n"
                                "    x = act(dq(a))\n    q(sigmoid(x)) -> sigmoid(a)")
    assert [n.op for n in rules["r"].pattern.nodes] == ["aten::dequantize", "aten::sigmoid",
                                                        "aten::quantize_per_tensor"]
    assert [n.op for n in rules["rrelu"].pattern.nodes][:3] == ["aten::dequantize", "aten::relu", "aten::sigmoid"]


_FRAGMENTS = ["(", ")", ",", "...", "->", "where", "=", "none", "{d}", "{x:y}", "q(", "dq(", "1", '"s"', "[1]",
              "rule r:", "stage prepack", "def m(x) = relu(x)", "if", "a", "::", ".vec", "not", "and", "#"]


@fuzz_settings(60)
@given(st.lists(st.tuples(st.floats(0, 1), st.sampled_from(_FRAGMENTS), st.integers(0, 6)), min_size=1, max_size=3))
def test_mangled_sources_give_a_located_error_or_ir_torch_accepts(edits):
    text = (REPO / "tests" / "golden" / "misc.qpat").read_text()
    for where, fragment, cut in edits:
        at = int(where * len(text))
        text = text[:at] + f" {fragment} " + text[at + cut:]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rules = qdsl.compile_source(text, "mangled.qpat")
    except RuleError as error:
        assert error.filename == "mangled.qpat" and error.line >= 1 and error.column >= 1
        return
    for rule in rules:
        ir(rule, 0)
        ir(rule, 1)


def _constants(graph: torch._C.Graph) -> list[torch._C.Node]:
    return [n for n in graph.nodes() if n.kind() == "prim::Constant"]


def test_a_literal_binding_is_one_constant_shared_by_every_use():
    rule = qdsl.compile_source("stage fusion static\nrule s:\n    n = None\n"
                               "    q(add(dq(a), scalar_tensor(m, float32, n, n, n), alpha))\n"
                               "    -> k = 2\n       quantized::add_scalar(a, mul(m, k))")["s"]
    pattern, replacement = ir(rule, 0), ir(rule, 1)
    nones = [n for n in _constants(pattern) if n.output().type().kind() == "NoneType"]
    assert len(nones) == 1 and "%n : NoneType = prim::Constant()" in rendered(rule)[0]
    assert [u.user.kind() for u in nones[0].output().uses()] == ["aten::scalar_tensor"] * 3
    assert rule.pattern.value("n").span.line == 3 and rule.pattern.use_counts[rule.pattern.index_of["n"]] == 3
    assert [n.output().toIValue() for n in _constants(replacement)] == [2]
    assert "n" not in [rule.pattern.values[i].name for i in rule.pattern.inputs]


def test_a_literal_binding_in_a_pattern_must_be_used_and_names_one_value():
    with pytest.raises(RuleError, match="'n' is bound but never used"):
        qdsl.compile_source("stage fusion static\nrule u:\n    n = None\n    relu(a) -> relu(a)")
    with pytest.raises(RuleError, match="2 names bound to a single value") as raised:
        qdsl.compile_source("stage fusion static\nrule u:\n    n, m = None\n    gelu(a, n) -> gelu(a, m)")
    assert (raised.value.line, raised.value.column) == (3, 5)


def _clamp_graph(shared_none: bool) -> torch._C.Graph:
    graph = ir(qdsl.default_rules()["clamp"], 0)
    if shared_none:
        first, second = [n for n in _constants(graph) if n.output().type().kind() == "NoneType"]
        second.output().replaceAllUsesWith(first.output())
        second.destroy()
    return graph


@pytest.mark.parametrize("shared_none, fuses", [(False, True), (True, False)])
def test_clamp_none_needs_exactly_the_patterns_uses(shared_none, fuses):
    """Upstream's None is an inner pattern value: a None with six uses (both bounds) must not match."""
    by_torch = _clamp_graph(shared_none)
    torch._C._jit_pass_quant_fusion(by_torch)
    by_qdsl = _clamp_graph(shared_none)
    apply_rules(by_qdsl, qdsl.default_rules().for_stage(FUSION_STATIC))
    kinds = [n.kind() for n in by_torch.nodes()]
    assert kinds == [n.kind() for n in by_qdsl.nodes()]
    assert ("aten::item" not in kinds) == fuses


def test_a_capture_passed_for_a_tensor_list_is_typed_in_both_headers():
    rule = qdsl.compile_source("stage fusion static\nrule cat: q(cat(dequantize.tensors(input), dim))\n"
                               "    -> quantized::cat(input, dim, scale, zero_point)")["cat"]
    assert rule.pattern.value("input").type == "Tensor[]"
    assert [str(v.type()) for v in ir(rule, 0).inputs()][0] == "List[Tensor]"
    assert str(next(iter(ir(rule, 1).inputs())).type()) == "List[Tensor]"
    assert canonical_form(rewrite(*rendered(rule), ir(rule, 0))) == canonical_form(ir(rule, 1))


def test_a_result_is_typed_by_the_overload_torch_resolves_from_the_inputs():
    rules = qdsl.compile_source("stage fusion static\nrule m: q(mul(dq(a), b)) -> quantized::mul_scalar(a, b)\n"
                                "rule i: add(dq(x), mul(2, 3), alpha) -> quantized::add_scalar(x, mul(2, 3))")
    mul_node = next(n for n in ir(rules["m"], 0).nodes() if n.kind() == "aten::mul")
    assert str(mul_node.output().type()) == "Tensor"
    assert "%mul_out = aten::mul(" in rendered(rules["m"])[0]
    int_mul = next(n for n in ir(rules["i"], 0).nodes() if n.kind() == "aten::mul")
    assert str(int_mul.output().type()) == "int"


def test_ir_torch_cannot_parse_is_what_the_backend_refuses():
    """The TorchScript hook the compiler runs last (a rule its checks let through but whose
    IR torch refuses is reported at the rule, not met at finalize)."""
    rule = qdsl.compile_source("stage fusion static\nrule r: q(relu(dq(a))) -> relu(a)", "typed.qpat")["r"]
    assert compiler_hooks("torchscript").validate(rule) is None
    broken = dataclasses.replace(rule, renderings=((RENDERED_PATTERN, "graph(%a):\n  return (%b)\n"),
                                                   (RENDERED_REPLACEMENT, rendered(rule)[1])))
    assert compiler_hooks("torchscript").validate(broken).startswith(
        "torch cannot parse the pattern IR made for rule 'r': ")
