"""`qdsl show`: expansions, IR and DOT of real rules, run in-process through `qdsl.cli.main`."""

from __future__ import annotations

import re
from pathlib import Path

import torch

import qdsl

REPO = Path(__file__).resolve().parent.parent


def indented(ir: str) -> str:
    return "".join(f"    {line}\n" for line in ir.splitlines())


def test_a_rule_shows_its_expansion_guard_and_ir(run_cli):
    result = run_cli("show", "add_scalar")
    assert result.returncode == 0, result.stderr
    rule = qdsl.default_rules()["add_scalar"]
    assert result.stdout.startswith(f"rule add_scalar  # fusion static, family add_scalar, at {rule.location}\n")
    assert "    where alpha == 1 and is_scalar(b_scalar)\n    -> quantized::add_scalar(a, b_scalar)\n" in result.stdout
    assert f"pattern:\n{indented(rule.pattern)}replacement:\n{indented(rule.replacement)}" in result.stdout


def test_a_family_name_shows_every_expansion_in_order(run_cli):
    result = run_cli("show", "conv{d}{act:_}{act}")
    assert result.returncode == 0, result.stderr
    headers = re.findall(r"^rule (\S+)  #", result.stdout, flags=re.M)
    assert headers == [f"conv{d}{act}" for d in ("1d", "2d", "3d") for act in ("", "_relu", "_relu_")]


def test_dot_has_one_cluster_per_graph_and_the_graphs_nodes_and_edges(run_cli):
    result = run_cli("show", "linear_relu", "--dot")
    assert result.returncode == 0, result.stderr
    dot = result.stdout
    assert dot.startswith('digraph "linear_relu" {') and dot.rstrip().endswith("}")
    clusters = re.findall(r'subgraph "cluster_(\w+)" \{', dot)
    assert clusters == ["r0_pattern", "r0_replacement"]
    rule = qdsl.default_rules()["linear_relu"]
    for side, ir in (("pattern", rule.pattern), ("replacement", rule.replacement)):
        graph = torch._C.parse_ir(ir)
        boxes = re.findall(rf'"r0_{side}_node\d+" \[label="([^"]+)", shape=box\]', dot)
        assert boxes == [node.kind() for node in graph.nodes()]
        inputs = re.findall(rf'"r0_{side}_input\d+" \[label="%([^"]+)", shape=ellipse\]', dot)
        assert len(inputs) == len(list(graph.inputs()))
        edges = re.findall(rf'"(r0_{side}_\w+)" -> "(r0_{side}_\w+)"', dot)
        uses = sum(len(list(node.inputs())) for node in graph.nodes()) + len(list(graph.outputs()))
        assert len(edges) == uses
    kinds = [node.kind() for node in torch._C.parse_ir(rule.pattern).nodes()]
    relu, quantize = kinds.index("aten::relu"), kinds.index("aten::quantize_per_tensor")
    assert f'"r0_pattern_node{relu}" -> "r0_pattern_node{quantize}" [label="relu_out"]' in dot
    assert '[label="quantized::linear_relu", shape=box]' in dot


def test_dot_labels_constants_with_their_values(run_cli):
    result = run_cli("show", "{op}", "--rules", "patterns/fusion_static.qpat", "--dot")
    assert result.returncode == 0, result.stderr
    assert '[label="prim::Constant 0.00390625", shape=box]' in result.stdout
    assert '[label="prim::Constant 13", shape=box]' in result.stdout


def test_rules_from_a_given_file(tmp_path, run_cli):
    source = tmp_path / "mine.qpat"
    source.write_text("stage fusion static\n\nrule my_tanh:\n    q(tanh(dq(a)), 0.0078125, 128, quint8) -> tanh(a)\n")
    result = run_cli("show", "my_tanh", "--rules", str(source))
    assert result.returncode == 0, result.stderr
    assert "aten::quantize_per_tensor(aten::tanh(aten::dequantize(a)), 0.0078125, 128, 13)" in result.stdout
    assert "prim::Constant[value=0.0078125]()" in result.stdout


def test_unknown_rule_exits_2_with_suggestions_and_a_bad_rule_file_exits_1(tmp_path, run_cli):
    unknown = run_cli("show", "conv2d_rel")
    assert unknown.returncode == 2
    assert "no rule or family named 'conv2d_rel'" in unknown.stderr and "'conv2d_relu'" in unknown.stderr
    bad = tmp_path / "bad.qpat"
    bad.write_text("stage fusion static\nrule r: q(relu(dq(a))) -> relu(c)\n")
    broken = run_cli("show", "r", "--rules", str(bad))
    assert broken.returncode == 1
    assert "unbound variable 'c'" in broken.stderr
