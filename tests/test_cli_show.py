"""`qdsl show`: expansions, graphs and DOT of real rules, run in-process."""

from __future__ import annotations

import dataclasses
import re

import pytest
import torch

import qdsl
from qdsl.backends.torchscript import RENDERED_PATTERN, RENDERED_REPLACEMENT
from qdsl.tooling import show_rules
from tests.support.cli import run_qdsl


def indented(text: str) -> str:
    return "".join(f"    {line}\n" for line in text.splitlines())


def test_a_rule_shows_its_expansion_and_ir():
    result = run_qdsl("show", "add_scalar")
    assert result.returncode == 0, result.stderr
    rule = qdsl.default_rules()["add_scalar"]
    assert result.stdout.startswith(f"rule add_scalar  # stage fusion static, family add_scalar, at {rule.location}\n")
    assert "    where alpha == 1 and is_scalar(b_scalar)\n    -> quantized::add_scalar(a, b_scalar)\n" in result.stdout
    assert result.stdout.endswith(f"pattern:\n{indented(rule.rendering(RENDERED_PATTERN))}"
                                  f"replacement:\n{indented(rule.rendering(RENDERED_REPLACEMENT))}")
    assert "%add_out = aten::add(%dequantize_out, %b_scalar, %alpha)" in result.stdout


def test_the_rules_stage_shows_the_neutral_graphs_with_overloads_and_types():
    result = run_qdsl("show", "add_scalar", "--stage", "rules")
    assert result.returncode == 0, result.stderr
    rule = qdsl.default_rules()["add_scalar"]
    assert result.stdout == (f"{rule.provenance.expansion}pattern:\n{indented(rule.pattern.format('graph'))}"
                             f"replacement:\n{indented(rule.replacement.format('graph'))}")
    assert "%add_out : Tensor = aten::add.Tensor(%dequantize_out, %b_scalar, %alpha)" in result.stdout


def test_a_family_name_shows_every_expansion_in_order():
    result = run_qdsl("show", "conv{d}{act:_}{act}")
    assert result.returncode == 0, result.stderr
    headers = re.findall(r"^rule (\S+)  #", result.stdout, flags=re.M)
    assert headers == [f"conv{d}{act}" for d in ("1d", "2d", "3d") for act in ("", "_relu", "_relu_")]


def test_dot_has_one_cluster_per_graph_and_the_graphs_nodes_and_edges():
    result = run_qdsl("show", "linear_relu", "--dot")
    assert result.returncode == 0, result.stderr
    dot = result.stdout
    assert dot.startswith('digraph "linear_relu" {') and dot.rstrip().endswith("}")
    clusters = re.findall(r'subgraph "cluster_(\w+)" \{', dot)
    assert clusters == ["r0_pattern", "r0_replacement"]
    rule = qdsl.default_rules()["linear_relu"]
    for side, key in (("pattern", RENDERED_PATTERN), ("replacement", RENDERED_REPLACEMENT)):
        graph = torch._C.parse_ir(rule.rendering(key))
        boxes = re.findall(rf'"r0_{side}_node\d+" \[label="([^"]+)", shape=box\]', dot)
        assert [label.split(".")[0].replace("constant", "prim::Constant").split(" ")[0] for label in boxes] == [
            node.kind() for node in graph.nodes()]
        inputs = re.findall(rf'"r0_{side}_input\d+" \[label="%([^"]+)", shape=ellipse\]', dot)
        assert inputs == [value.debugName() for value in graph.inputs()]
        edges = re.findall(rf'"(r0_{side}_\w+)" -> "(r0_{side}_\w+)"', dot)
        uses = sum(len(list(node.inputs())) for node in graph.nodes()) + len(list(graph.outputs()))
        assert len(edges) == uses
    kinds = [node.op for node in rule.pattern.nodes]
    relu, quantize = kinds.index("aten::relu"), kinds.index("aten::quantize_per_tensor")
    assert f'"r0_pattern_node{relu}" -> "r0_pattern_node{quantize}" [label="relu_out"]' in dot
    assert '[label="quantized::linear_relu", shape=box]' in dot


def test_dot_labels_constants_with_their_values():
    result = run_qdsl("show", "{op}", "--rules", "patterns/fusion_static.qpat", "--dot")
    assert result.returncode == 0, result.stderr
    assert '[label="constant 0.00390625", shape=box]' in result.stdout
    assert '[label="constant 13", shape=box]' in result.stdout


def test_rules_from_a_given_file(tmp_path):
    source = tmp_path / "mine.qpat"
    source.write_text("stage fusion static\n\nrule my_tanh:\n    q(tanh(dq(a)), 0.0078125, 128, quint8) -> tanh(a)\n")
    result = run_qdsl("show", "my_tanh", "--rules", str(source))
    assert result.returncode == 0, result.stderr
    assert "aten::quantize_per_tensor(aten::tanh(aten::dequantize(a)), 0.0078125, 128, quint8)" in result.stdout
    assert "prim::Constant[value=0.0078125]()" in result.stdout


def test_dtype_arguments_show_as_dtype_names():
    result = run_qdsl("show", "x86_conv2d", "--backend", "pt2e")
    assert result.returncode == 0, result.stderr
    expansion = result.stdout.split("pattern:")[0]
    assert "dequantize_per_tensor(x, xs, xz, dq_u8_1_qmin, dq_u8_1_qmax, uint8, None)" in expansion
    assert "dequantize_per_channel(w, ws, wz, 0, dq_w_2_qmin, dq_w_2_qmax, int8, None)" in expansion
    assert 'b, st, pad, dil, g, 1.0, 0, float32, "none", [], "")' in expansion
    # a MemoryFormat has no name in the language: it stays a number
    added = run_qdsl("show", "x86_conv2d_add", "--backend", "pt2e").stdout.split("pattern:")[0]
    assert "acc_min, acc_max, uint8, None), 2)" in added


def test_a_dtype_is_named_where_the_schema_takes_one_and_nowhere_else():
    rules = qdsl.compile_source(
        "stage fusion static\n"
        "rule r:\n    k = 13\n    q(hardswish(dq(a)), s, 13, k)\n"
        "    -> quantize_per_tensor(to(dequantize(quantized::hardswish(a, s, 13)), float, false, false, None), "
        "s, 13, quint8)\n"
        "rule g:\n    q(hardswish(dq(a)), s, z, d) where d == quint8 and z != 13\n"
        "    -> quantized::hardswish(a, s, z)\n", "dtypes.qpat")
    expansion = rules["r"].provenance.expansion
    # the alias `float` as its first spelling; the zero point 13 and the literal binding stay
    # numbers (a binding cannot name a dtype: `k = quint8` would not parse)
    assert "    k = 13\n    aten::quantize_per_tensor(aten::hardswish(aten::dequantize(a)), s, 13, k)\n" in expansion
    assert "aten::to(aten::dequantize(quantized::hardswish(a, s, 13)), float32, false, false, None), s, 13, quint8)" \
        in expansion
    assert "    where d == quint8 and z != 13\n" in rules["g"].provenance.expansion


def _reparsed(rule: qdsl.Rule) -> qdsl.Rule:
    """A rule compiled again from its expansion (the header made a rule header again)."""
    body = re.sub(r"^rule (\S+)  #.*", r"rule \1:", rule.provenance.expansion)
    engines = f"engines {', '.join(rule.engines)}\n" if rule.engines else ""
    (again,) = qdsl.compile_source(f"stage {rule.stage}\n{engines}{body}", "again.qpat")
    return again


def test_every_shipped_expansion_reads_back_as_its_rule():
    """The expansion is `.qpat` text: dtype names included, it compiles to the same graphs."""
    for rule in qdsl.default_rules():
        again = _reparsed(rule)
        assert (again.pattern.format("p"), again.replacement.format("r")) == (
            rule.pattern.format("p"), rule.replacement.format("r")), rule.name


def test_the_expansion_is_the_rules_own_even_when_its_file_changed_since(tmp_path):
    """Provenance travels with the rule: nothing is re-read from the rule's file."""
    source = tmp_path / "mine.qpat"
    source.write_text("stage fusion static\nrule mine:\n    q(tanh(dq(a))) where is_scalar(a) -> tanh(a)\n")
    (rule,) = qdsl.load_rules(source)
    source.write_text("# moved down\nstage fusion static\nrule mine:\n    q(sigmoid(dq(a))) -> sigmoid(a)\n")
    (shown,) = show_rules("mine", qdsl.RuleSet((rule,)))
    assert shown.format_text().startswith(rule.provenance.expansion)
    assert "where is_scalar(a)" in shown.format_text() and "sigmoid" not in shown.format_text()


def test_unknown_rule_exits_2_with_suggestions_and_a_bad_rule_file_exits_1(tmp_path):
    unknown = run_qdsl("show", "conv2d_rel")
    assert unknown.returncode == 2
    assert "no rule or family named 'conv2d_rel'" in unknown.stderr and "'conv2d_relu'" in unknown.stderr
    bad = tmp_path / "bad.qpat"
    bad.write_text("stage fusion static\nrule r: q(relu(dq(a))) -> relu(c)\n")
    broken = run_qdsl("show", "r", "--rules", str(bad))
    assert broken.returncode == 1
    assert "unbound variable 'c'" in broken.stderr
    usage = run_qdsl("show", "conv2d", "--backend", "nonesuch")
    assert usage.returncode == 2 and "argument --backend: invalid choice: 'nonesuch'" in usage.stderr


def test_a_rule_of_another_backend_is_named_with_the_option_that_shows_it():
    rule = qdsl.default_rules()["add_scalar"]
    elsewhere = dataclasses.replace(rule, stage=qdsl.Stage("other", ("lowering",)))
    with pytest.raises(qdsl.InputError) as raised:
        show_rules("add_scalar", qdsl.RuleSet((elsewhere,)))
    assert raised.value.message == ("no rule or family named 'add_scalar' among the torchscript rules; the other "
                                    "backend has one (pass --backend other)")


@pytest.mark.parametrize("backend", ["bogus", ["pt2e"]])
def test_an_unknown_backend_is_an_input_error_naming_the_known_ones(backend):
    with pytest.raises(qdsl.InputError) as raised:
        show_rules("add", backend=backend)
    assert raised.value.message == f"unknown backend {backend!r}: expected one of torchscript, pt2e"
