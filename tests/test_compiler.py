"""The compiler facade end to end, against real torch: IR accepted by torch's parser and
SubgraphRewriter, equivalence with torch's own fusion passes, diagnostics, CLI, generated/."""

import contextlib
import io
import os
import re
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qdsl
from qdsl import QdslError
from qdsl.cli import main
from qdsl.compiler import compile_source, load_rules
from qdsl.rules import RuleSet

REPO = Path(__file__).resolve().parent.parent
INVALID = REPO / "tests" / "fixtures" / "invalid"
HEADER = Path(torch.__file__).parent / "include/torch/csrc/jit/passes/quantization/quantization_patterns.h"
GOLDEN_RULES = load_rules(sorted((REPO / "tests" / "golden").glob("*.qpat")))


def canonical(graph: torch._C.Graph) -> str:
    """The graph's text with value names replaced by their order of appearance."""
    names: dict[str, str] = {}
    return re.sub(r"%[A-Za-z0-9_.]+", lambda m: names.setdefault(m.group(0), f"%v{len(names)}"), str(graph))


def rewrite(pattern: str, replacement: str, graph: torch._C.Graph) -> torch._C.Graph:
    torch._C._jit_pass_custom_pattern_based_rewrite_graph(pattern, replacement, graph)
    return graph


def upstream(name: str) -> str:
    """One IR string of torch's quantization_patterns.h, by its C++ variable name."""
    match = re.search(r"std::string " + name + r' = R"\((.*?)\)";', HEADER.read_text(), re.S)
    return match.group(1)


@pytest.mark.parametrize("rule", list(GOLDEN_RULES), ids=lambda r: r.name)
def test_rule_is_accepted_by_torch_and_rewrites_its_own_pattern(rule):
    pattern, replacement = torch._C.parse_ir(rule.pattern), torch._C.parse_ir(rule.replacement)
    assert [v.debugName() for v in pattern.inputs()] == [v.debugName() for v in replacement.inputs()]
    rewritten = rewrite(rule.pattern, rule.replacement, torch._C.parse_ir(rule.pattern))
    assert canonical(rewritten) == canonical(replacement)


@pytest.mark.parametrize("path", sorted((REPO / "patterns").glob("*.qpat")), ids=lambda p: p.name)
def test_every_shipped_rule_is_accepted_by_torch_and_rewrites_its_own_pattern(path):
    for rule in load_rules(path):
        rewritten = rewrite(rule.pattern, rule.replacement, torch._C.parse_ir(rule.pattern))
        assert canonical(rewritten) == canonical(torch._C.parse_ir(rule.replacement)), rule.name


@pytest.mark.parametrize("name", [f"conv{d}d{act}" for d in (1, 2, 3) for act in ("", "_relu", "_relu_")])
def test_conv_fusion_rules_do_what_torch_quant_fusion_does(name):
    rule = GOLDEN_RULES[name]
    by_torch = torch._C.parse_ir(rule.pattern)
    torch._C._jit_pass_quant_fusion(by_torch)
    by_qdsl = rewrite(rule.pattern, rule.replacement, torch._C.parse_ir(rule.pattern))
    assert canonical(by_qdsl) == canonical(by_torch)
    assert f"quantized::{name.rstrip('_')}(" in str(by_torch)


@pytest.mark.parametrize("name", ["conv1d_prepack", "conv2d_prepack", "conv3d_prepack"])
def test_prepack_rules_do_what_torch_insert_prepack_unpack_does(name):
    rule = GOLDEN_RULES[name]
    by_torch = torch._C.parse_ir(rule.pattern)
    torch._C._jit_pass_insert_prepack_unpack(by_torch)
    by_qdsl = rewrite(rule.pattern, rule.replacement, torch._C.parse_ir(rule.pattern))
    assert canonical(by_qdsl) == canonical(by_torch)
    assert "_prepack(" in str(by_torch)


@pytest.mark.parametrize("qdsl_name, upstream_name", [
    ("conv2d", "conv2d"), ("conv2d_relu", "conv2d_relu"), ("conv2d_relu_", "conv2d_inplace_relu"),
    ("conv3d_relu", "conv3d_relu"),
])
def test_conv_pattern_and_upstream_pattern_match_each_other(qdsl_name, upstream_name):
    ours = GOLDEN_RULES[qdsl_name]
    theirs = upstream(upstream_name)
    theirs_replacement = upstream("quantized_" + qdsl_name.rstrip("_"))
    on_theirs = rewrite(ours.pattern, ours.replacement, torch._C.parse_ir(theirs))
    assert canonical(on_theirs) == canonical(
        rewrite(theirs, theirs_replacement, torch._C.parse_ir(theirs)))
    on_ours = rewrite(theirs, theirs_replacement, torch._C.parse_ir(ours.pattern))
    assert canonical(on_ours) == canonical(torch._C.parse_ir(ours.replacement))


def _output_types(ir: str) -> dict[str, str]:
    graph = torch._C.parse_ir(ir)
    return {n.kind(): [str(o.type()) for o in n.outputs()] for n in graph.nodes()}


def test_output_types_come_from_schemas():
    upsample = _output_types(GOLDEN_RULES["upsample_nearest2d_vec"].pattern)
    assert upsample["aten::q_scale"] == ["float"]
    assert upsample["aten::q_zero_point"] == ["int"]
    assert upsample["prim::dtype"] == ["int"]
    assert _output_types(GOLDEN_RULES["conv2d"].pattern)["quantized::conv2d_unpack"] == ["Tensor", "Optional[Tensor]"]
    prepack = _output_types(GOLDEN_RULES["conv3d_prepack"].replacement)
    assert prepack["quantized::conv3d_prepack"] == ["__torch__.torch.classes.quantized.Conv3dPackedParamsBase"]
    assert _output_types(GOLDEN_RULES["dynamic_linear"].pattern)["aten::_choose_qparams_per_tensor"] == [
        "float", "int"]


def test_constants_are_typed_by_literal():
    rules = compile_source("stage fusion static\nrule c: q(relu(dq(a)), 0.5, 3, quint8) -> "
                           "upsample_nearest2d.vec(a, None, None)")
    graph = torch._C.parse_ir(rules["c"].pattern)
    constants = [(str(n.output().type()), n.output().toIValue()) for n in graph.nodes()
                 if n.kind() == "prim::Constant"]
    assert constants == [("float", 0.5), ("int", 3), ("int", 13)]


def test_guard_descriptors():
    with pytest.warns(UserWarning, match=re.escape("`b == None` never holds: 'b' is Tensor or int or float")):
        rules = compile_source(
            "stage fusion static\n"
            "rule a: add(dq(x), b, alpha) where alpha == 1 -> quantized::add_scalar(x, b)\n"
            "rule f: add(dq(x), b, alpha) where alpha == 1.0 -> quantized::add_scalar(x, b)\n"
            "rule s: add(dq(x), b, alpha) where is_scalar(b) -> quantized::add_scalar(x, b)\n"
            "rule c: add(dq(x), b, alpha) where not (alpha != 1 or b == None) and is_constant(alpha) "
            "-> quantized::add_scalar(x, b)\n")
    assert rules["a"].guard == ("eq", "alpha", "int", 1)
    assert rules["f"].guard == ("eq", "alpha", "float", 1.0)
    assert rules["s"].guard == ("pred", "is_scalar", ("b",))
    assert rules["c"].guard == ("and", ("not", ("or", ("ne", "alpha", "int", 1), ("eq", "b", "none", None))),
                                ("pred", "is_constant", ("alpha",)))


def test_value_names_never_collide_with_torchscript_keywords():
    rule = compile_source("stage fusion static\nrule k: q(relu(dq(if))) -> relu(if)")["k"]
    graph = torch._C.parse_ir(rule.pattern)
    assert [v.debugName() for v in graph.inputs()] == ["if_", "scale", "zero_point", "dtype"]
    assert rule.value_location("if_").column == 19


def test_rest_arguments_are_fresh_captures_renamed_on_collision():
    rule = compile_source("stage fusion static\nrule u: quantize_per_tensor(upsample_nearest2d(dq(output_size), "
                          "...), q_scale(output_size), q_zero_point(output_size), prim::dtype(output_size)) "
                          "-> upsample_nearest2d(output_size, ...)")["u"]
    inputs = [v.debugName() for v in torch._C.parse_ir(rule.pattern).inputs()]
    assert inputs == ["output_size", "output_size_1", "scales_h", "scales_w"]


def test_macro_uses_get_distinct_fresh_captures():
    inputs = [v.debugName() for v in torch._C.parse_ir(GOLDEN_RULES["clamp"].pattern).inputs()]
    assert inputs == ["a", "min", "scalar_q_1_s", "scalar_q_1_z", "scalar_q_1_d", "max", "scalar_q_2_s",
                      "scalar_q_2_z", "scalar_q_2_d", "scale", "zero_point", "dtype"]


INVALID_CASES = sorted(p.stem for p in INVALID.glob("*.qpat"))


def test_there_are_at_least_25_invalid_cases_each_with_its_expected_text():
    assert len(INVALID_CASES) >= 25
    assert all((INVALID / f"{case}.expected").is_file() for case in INVALID_CASES)


@pytest.mark.parametrize("case", INVALID_CASES)
def test_invalid_rule_file_gives_the_expected_diagnostics(case, monkeypatch):
    # Imports resolve relative to the file name given: run where that name is the fixture.
    monkeypatch.chdir(INVALID)
    with pytest.raises(QdslError) as info:
        compile_source((INVALID / f"{case}.qpat").read_text(), f"{case}.qpat")
    assert str(info.value) + "\n" == (INVALID / f"{case}.expected").read_text()
    # An error inside an imported file is reported there (fixtures import from imported/).
    assert info.value.filename in (f"{case}.qpat", *(f"imported/{p.name}" for p in (INVALID / "imported").iterdir()))
    assert info.value.line >= 1 and info.value.column >= 1


def test_all_errors_of_a_file_are_reported_together():
    with pytest.raises(QdslError) as info:
        compile_source((INVALID / "several_errors.qpat").read_text(), "several_errors.qpat")
    assert [(d.location.line, d.severity) for d in info.value.diagnostics] == [
        (2, "error"), (2, "error"), (3, "error"), (4, "error")]


def test_warnings_are_separate_from_errors():
    with pytest.warns(UserWarning) as record:
        rules = compile_source("stage fusion static\nrule p: max_pool2d(dq(a), [2, 2])\n"
                               "    -> max_pool2d(a, [2, 2], [2, 2], [0, 0], [1, 1], false)", "w.qpat")
    assert rules.names() == ("p",)
    assert [str(w.message).split(";")[0].split(":")[:4] for w in record] == [
        ["w.qpat", "2", "9", " warning"], ["w.qpat", "2", "27", " warning"]]
    assert "an int list literal in a pattern never matches" in str(record[1].message)
    assert {w.filename for w in record} == {__file__}


def test_load_rules_attributes_warnings_to_its_caller(tmp_path):
    (tmp_path / "w.qpat").write_text("stage fusion static\nrule p: max_pool2d(dq(a), k) -> relu(a)")
    with pytest.warns(UserWarning, match="is given 2 of its 6 arguments") as record:
        load_rules(tmp_path)
    assert {w.filename for w in record} == {__file__}


def test_compile_source_is_cached_by_filename_and_content():
    text = "stage fusion static\nrule cached: q(relu(dq(a))) -> relu(a)"
    assert compile_source(text, "a.qpat") is compile_source(text, "a.qpat")
    assert compile_source(text, "b.qpat")["cached"].location.filename == "b.qpat"


def test_load_rules_reads_a_directory_in_sorted_order(tmp_path):
    (tmp_path / "b.qpat").write_text("stage fusion static\nrule second: q(relu(dq(a))) -> relu(a)")
    (tmp_path / "a.qpat").write_text("stage prepack\nrule first: q(relu(dq(a))) -> relu(a)")
    (tmp_path / "notes.txt").write_text("rule ignored")
    rules = load_rules(tmp_path)
    assert rules.names() == ("first", "second")
    assert rules.for_stage("fusion", "static")[0].name == "second"


def test_load_rules_errors(tmp_path):
    with pytest.raises(QdslError, match="no such rule file or directory"):
        load_rules(tmp_path / "missing.qpat")
    (tmp_path / "a.qpat").write_text("stage prepack\nrule same: relu(a) -> relu(a)")
    (tmp_path / "b.qpat").write_text("stage prepack\nrule same: relu(a) -> relu(a)")
    with pytest.raises(QdslError, match="rule 'same' is already defined by an earlier file") as info:
        load_rules(tmp_path)
    assert info.value.filename.endswith("b.qpat") and info.value.line == 2


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def run_qdsl(*args, cwd) -> Run:
    """`qdsl ARGS` in `cwd`, in-process (a fresh interpreter per call costs seconds of torch import)."""
    out, err = io.StringIO(), io.StringIO()
    before = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exit:
                code = exit.code
    finally:
        os.chdir(before)
    return Run(code, out.getvalue(), err.getvalue())


def test_python_dash_m_qdsl_compile_check_runs_from_a_repo_root(tmp_path):
    (tmp_path / "patterns").mkdir()
    (tmp_path / "generated").mkdir()
    (tmp_path / "patterns" / "r.qpat").write_text("stage prepack\nrule r: relu(a) -> relu(a)")
    result = subprocess.run([sys.executable, "-m", "qdsl", "compile", "--check"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (1, "missing: generated/r.py\n")


def test_default_rules_import_neither_lark_nor_jinja():
    code = ("import sys, qdsl; rules = qdsl.default_rules(); "
            "print(len(rules), sorted(m for m in sys.modules if m.split('.')[0] in ('lark', 'jinja2')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    count, loaded = result.stdout.split(" ", 1)
    assert loaded.strip() == "[]"
    expected = sum(len(RuleSet.from_records(_module_rules(p))) for p in (REPO / "generated").glob("*.py")
                   if p.name != "__init__.py")
    assert int(count) == expected


def _module_rules(path: Path):
    namespace: dict = {}
    exec(path.read_text(), namespace)
    return namespace["RULES"]


def test_cli_compile_writes_deterministic_data_modules_and_checks_them(tmp_path):
    src = tmp_path / "patterns"
    src.mkdir()
    conv = (REPO / "tests" / "golden" / "conv.qpat").read_text()
    (src / "conv.qpat").write_text(conv)
    out = tmp_path / "generated"
    out.mkdir()
    (out / "__init__.py").write_text('"""keep me"""\n')
    (out / "stale_leftover.py").write_text("RULES = ()\n")

    first = run_qdsl("compile", "patterns", "-o", "generated", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    text = (out / "conv.py").read_text()
    assert not (out / "stale_leftover.py").exists() and (out / "__init__.py").exists()
    assert "import" not in text and str(tmp_path) not in text
    records = _module_rules(out / "conv.py")
    assert RuleSet.from_records(records) == compile_source(conv, "patterns/conv.qpat")
    assert re.search(r"^SOURCE = 'patterns/conv.qpat'$", text, re.M)

    assert run_qdsl("compile", "patterns", "-o", "generated", cwd=tmp_path).returncode == 0
    assert (out / "conv.py").read_text() == text
    assert run_qdsl("compile", "--check", cwd=tmp_path).returncode == 0

    (out / "conv.py").write_text(text.replace("conv2d_relu", "conv2d_rel"))
    (out / "extra.py").write_text("RULES = ()\n")
    (src / "more.qpat").write_text("stage prepack\nrule more: relu(a) -> relu(a)")
    check = run_qdsl("compile", "--check", cwd=tmp_path)
    assert check.returncode == 1
    assert check.stdout.splitlines() == ["stale: generated/conv.py", "extra: generated/extra.py has no "
                                         "source in patterns", "missing: generated/more.py"]
    assert (out / "extra.py").exists() and not (out / "more.py").exists()


def test_cli_compile_of_an_empty_source_directory_succeeds(tmp_path):
    (tmp_path / "patterns").mkdir()
    (tmp_path / "generated").mkdir()
    result = run_qdsl("compile", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "compiled 0 files into generated\n")
    assert run_qdsl("compile", "--check", cwd=tmp_path).returncode == 0


def test_cli_exit_codes_for_io_and_rule_errors(tmp_path):
    missing = run_qdsl("compile", "nowhere", cwd=tmp_path)
    assert (missing.returncode, missing.stderr) == (2, "qdsl: error: not a directory: nowhere\n")
    (tmp_path / "patterns").mkdir()
    (tmp_path / "patterns" / "bad.qpat").write_text("stage fusion static\nrule r: q(relu(dq(a))) -> relu(c)\n"
                                                    "rule s: q(relu(dq(a))) -> relu(d)\n")
    bad = run_qdsl("compile", cwd=tmp_path)
    assert bad.returncode == 1
    assert bad.stderr.count("patterns/bad.qpat:") == 2 and "Traceback" not in bad.stderr
    assert not (tmp_path / "generated").exists()
    usage = run_qdsl("compile", "--dump", "nonsense", cwd=tmp_path)
    assert usage.returncode == 2 and "invalid choice" in usage.stderr


def test_cli_dump_prints_each_stage(tmp_path):
    result = run_qdsl("compile", "--dump", "ir", "tests/golden/conv.qpat", cwd=REPO)
    assert result.returncode == 0
    assert result.stdout == (REPO / "tests" / "golden" / "conv.ir").read_text()


def test_public_api_exports():
    assert {"QdslError", "compile_source", "load_rules", "default_rules", "register_predicate", "Rule",
            "RuleSet"} <= set(qdsl.__all__)
    assert qdsl.compile_source is compile_source


def test_the_language_reference_example_compiles():
    text = (REPO / "docs" / "language.md").read_text()
    example = text.split("```")[1]
    rules = compile_source(example, "language.md")
    assert rules.names() == ("conv1d", "conv1d_relu", "conv1d_relu_", "conv2d", "conv2d_relu", "conv2d_relu_",
                             "conv3d", "conv3d_relu", "conv3d_relu_", "add", "add_")


def test_a_dropped_call_in_a_binding_is_an_alias():
    rules = compile_source("stage fusion static\nrule r{act} for act in [none, relu]:\n"
                           "    x = act(dq(a))\n    q(sigmoid(x)) -> sigmoid(a)")
    plain = torch._C.parse_ir(rules["r"].pattern)
    assert [n.kind() for n in plain.nodes()] == ["aten::dequantize", "aten::sigmoid", "aten::quantize_per_tensor"]
    relu = torch._C.parse_ir(rules["rrelu"].pattern)
    assert [n.kind() for n in relu.nodes()][:3] == ["aten::dequantize", "aten::relu", "aten::sigmoid"]


_FRAGMENTS = ["(", ")", ",", "...", "->", "where", "=", "none", "{d}", "{x:y}", "q(", "dq(", "1", '"s"', "[1]",
              "rule r:", "stage prepack", "def m(x) = relu(x)", "if", "a", "::", ".vec", "not", "and", "#"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.floats(0, 1), st.sampled_from(_FRAGMENTS), st.integers(0, 6)), min_size=1, max_size=3))
def test_mangled_sources_give_a_located_error_or_ir_torch_accepts(edits):
    text = (REPO / "tests" / "golden" / "misc.qpat").read_text()
    for where, fragment, cut in edits:
        at = int(where * len(text))
        text = text[:at] + f" {fragment} " + text[at + cut:]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rules = compile_source(text, "mangled.qpat")
    except QdslError as error:
        assert error.filename == "mangled.qpat" and error.line >= 1 and error.column >= 1
        return
    for rule in rules:
        torch._C.parse_ir(rule.pattern)
        torch._C.parse_ir(rule.replacement)


# ---- literal bindings and overload-dependent types (docs/requests.md) ------------------

def _constants(graph: torch._C.Graph) -> list[torch._C.Node]:
    return [n for n in graph.nodes() if n.kind() == "prim::Constant"]


def test_a_literal_binding_is_one_constant_shared_by_every_use():
    rule = compile_source("stage fusion static\nrule s:\n    n = None\n"
                          "    q(add(dq(a), scalar_tensor(m, float32, n, n, n), alpha))\n"
                          "    -> k = 2\n       quantized::add_scalar(a, mul(m, k))")["s"]
    pattern, replacement = torch._C.parse_ir(rule.pattern), torch._C.parse_ir(rule.replacement)
    nones = [n for n in _constants(pattern) if n.output().type().kind() == "NoneType"]
    assert len(nones) == 1 and "%n : NoneType = prim::Constant()" in rule.pattern
    assert [u.user.kind() for u in nones[0].output().uses()] == ["aten::scalar_tensor"] * 3
    assert rule.value_location("n").line == 3
    assert [n.output().toIValue() for n in _constants(replacement)] == [2]
    assert "n" not in [v.debugName() for v in pattern.inputs()]


def test_a_literal_binding_in_a_pattern_must_be_used_and_names_one_value():
    with pytest.raises(QdslError, match="'n' is bound but never used"):
        compile_source("stage fusion static\nrule u:\n    n = None\n    relu(a) -> relu(a)")
    with pytest.raises(QdslError, match="2 names bound to a single value") as raised:
        compile_source("stage fusion static\nrule u:\n    n, m = None\n    gelu(a, n) -> gelu(a, m)")
    assert (raised.value.line, raised.value.column) == (3, 5)


def _clamp_graph(shared_none: bool) -> torch._C.Graph:
    graph = torch._C.parse_ir(load_rules(REPO / "patterns")["clamp"].pattern)
    if shared_none:
        first, second = [n for n in _constants(graph) if n.output().type().kind() == "NoneType"]
        second.output().replaceAllUsesWith(first.output())
        second.destroy()
    return graph


@pytest.mark.parametrize("shared_none, fuses", [(False, True), (True, False)])
def test_clamp_none_needs_exactly_the_patterns_uses(shared_none, fuses):
    """Upstream's None is an inner pattern value: a None with six uses (both bounds) must not match."""
    from qdsl.rewriter import apply_rules

    by_torch = _clamp_graph(shared_none)
    torch._C._jit_pass_quant_fusion(by_torch)
    by_qdsl = _clamp_graph(shared_none)
    apply_rules(by_qdsl, load_rules(REPO / "patterns").for_stage("fusion", "static"))
    kinds = [n.kind() for n in by_torch.nodes()]
    assert kinds == [n.kind() for n in by_qdsl.nodes()]
    assert ("aten::item" not in kinds) == fuses


def test_a_capture_passed_for_a_tensor_list_is_annotated_in_both_headers():
    rule = compile_source("stage fusion static\nrule cat: q(cat(dequantize.tensors(input), dim))\n"
                          "    -> quantized::cat(input, dim, scale, zero_point)")["cat"]
    pattern = torch._C.parse_ir(rule.pattern)
    assert [str(v.type()) for v in pattern.inputs()][0] == "List[Tensor]"
    assert str(next(iter(torch._C.parse_ir(rule.replacement).inputs())).type()) == "List[Tensor]"
    rewritten = rewrite(rule.pattern, rule.replacement, torch._C.parse_ir(rule.pattern))
    assert canonical(rewritten) == canonical(torch._C.parse_ir(rule.replacement))


def test_a_result_is_typed_by_the_overload_torch_resolves_from_the_inputs():
    rules = compile_source("stage fusion static\nrule m: q(mul(dq(a), b)) -> quantized::mul_scalar(a, b)\n"
                           "rule i: add(dq(x), mul(2, 3), alpha) -> quantized::add_scalar(x, mul(2, 3))")
    mul_node = next(n for n in torch._C.parse_ir(rules["m"].pattern).nodes() if n.kind() == "aten::mul")
    assert str(mul_node.output().type()) == "Tensor"
    assert "%mul_out = aten::mul(" in rules["m"].pattern
    int_mul = next(n for n in torch._C.parse_ir(rules["i"].pattern).nodes() if n.kind() == "aten::mul")
    assert str(int_mul.output().type()) == "int"


def test_ir_torch_cannot_parse_is_a_compile_error_at_the_rule():
    with pytest.raises(QdslError, match="torch cannot parse the pattern IR made for rule 'r'") as raised:
        compile_source("stage fusion static\n\nrule r: add(dq(x), mul.int(m, n), alpha)\n"
                       "    -> quantized::add_scalar(x, m)", "typed.qpat")
    assert (raised.value.filename, raised.value.line, raised.value.column) == ("typed.qpat", 3, 6)
