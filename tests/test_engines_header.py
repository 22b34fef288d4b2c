"""`engines` headers: the quantized engines a rule is valid for, from source to finalize."""

from __future__ import annotations

import warnings

import pytest
import torch
from torch.ao.quantization import convert_jit, default_qconfig, prepare_jit

import qdsl

from qdsl.core.artifact import rule_from_record, rule_record
from qdsl.core.loading import compile_source, default_rules
from qdsl.diagnostics import RuleError
from qdsl.verify.api import active_engine
from tests.support.cli import run_qdsl

SOURCE = """\
stage fusion static
engines onednn, x86

rule hardswish_fused:
    q(hardswish(dq(a))) -> quantized::hardswish(a, scale, zero_point)

stage fusion dynamic

rule linear_fp16:
    w, b = quantized::linear_unpack_fp16(packed)
    linear(a, w, b)
    -> quantized::linear_dynamic_fp16(a, packed)

engines all
stage fusion static

rule hardswish_inplace_fused:
    q(hardswish_(dq(a))) -> quantized::hardswish(a, scale, zero_point)
"""


def test_a_header_restricts_the_rules_below_it_until_the_next_header():
    rules = compile_source(SOURCE, "engines.qpat")
    assert [(rule.name, rule.engines) for rule in rules] == [
        ("hardswish_fused", ("onednn", "x86")),
        ("linear_fp16", ("onednn", "x86")),
        ("hardswish_inplace_fused", ()),
    ]
    assert rules.for_engine("x86").names() == rules.names()
    assert rules.for_engine("fbgemm").names() == ("hardswish_inplace_fused",)
    assert "engines onednn, x86" in rules["hardswish_fused"].provenance.expansion


@pytest.mark.parametrize(("header", "column", "message"), [
    ("engines onedn", 9, "unknown quantized engine 'onedn'; did you mean 'onednn'?"),
    ("engines fbgemm, gpu", 17,
     "unknown quantized engine 'gpu' (the engines are fbgemm, qnnpack, onednn, x86, or all)"),
    ("engines x86, x86", 14, "engine 'x86' is listed twice"),
    ("engines all, x86", 9, "'all' stands alone in an engines header"),
])
def test_bad_engine_names_are_errors_at_the_name(header, column, message):
    with pytest.raises(RuleError) as raised:
        compile_source(SOURCE.replace("engines onednn, x86", header), "engines.qpat")
    diagnostic = raised.value.diagnostics[0]
    assert (diagnostic.location.line, diagnostic.location.column) == (2, column)
    assert message in diagnostic.message
    assert diagnostic.source_line == header


def test_engines_is_a_keyword():
    with pytest.raises(RuleError, match="'engines' is a keyword"):
        compile_source("stage fusion static\nrule r:\n    q(relu(dq(engines))) -> quantized::relu(engines)\n",
                       "keyword.qpat")


def test_the_artifact_record_keeps_the_engines():
    rule = compile_source(SOURCE, "engines.qpat")["hardswish_fused"]
    assert rule_from_record(rule_record(rule)).engines == ("onednn", "x86")


def test_the_shipped_onednn_rules_load_with_their_engine():
    rules = default_rules()
    restricted = {rule.name: rule.engines for rule in rules if rule.engines}
    assert restricted == {name: ("onednn",) for name in
                          ("linear_leaky_relu", "linear_leaky_relu_", "linear_tanh", "linear_tanh_")}
    assert not set(restricted) & set(rules.for_engine("fbgemm").names())


def test_check_reports_an_unknown_engine_and_fmt_lays_the_header_out(tmp_path):
    bad = tmp_path / "bad.qpat"
    bad.write_text(SOURCE.replace("engines onednn, x86", "engines onedn,x86"), encoding="utf-8")
    check = run_qdsl("check", bad, cwd=tmp_path)
    assert check.returncode == 1
    assert "bad.qpat:2:9: error: unknown quantized engine 'onedn'; did you mean 'onednn'?" in check.stdout
    messy = tmp_path / "messy.qpat"
    messy.write_text(SOURCE.replace("engines onednn, x86", "engines   onednn ,x86"), encoding="utf-8")
    assert run_qdsl("fmt", messy, cwd=tmp_path).returncode == 0
    assert messy.read_text(encoding="utf-8") == SOURCE


def test_finalize_applies_a_rule_only_on_its_engines(tmp_path):
    rules = tmp_path / "hardswish_onednn.qpat"
    rules.write_text("stage fusion static\nengines onednn\n\nrule hardswish_fused:\n"
                     "    q(hardswish(dq(a))) -> quantized::hardswish(a, scale, zero_point)\n", encoding="utf-8")
    kinds = {}
    for engine in ("fbgemm", "onednn"):
        with active_engine(engine):
            finalized = qdsl.finalize(_quantized_hardswish(), rules=str(rules))
            kinds[engine] = {node.kind() for node in finalized.graph.nodes()}
    assert "quantized::hardswish" in kinds["onednn"]
    assert "quantized::hardswish" not in kinds["fbgemm"] and "aten::hardswish" in kinds["fbgemm"]


def _quantized_hardswish() -> torch.jit.ScriptModule:
    """A scripted hardswish as graph-mode quantization hands it to finalize."""
    model = torch.jit.script(torch.nn.Sequential(torch.nn.Hardswish()).eval())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        prepared = prepare_jit(model, {"": default_qconfig})
        prepared(torch.randn(2, 3))
        return convert_jit(prepared, debug=True)
