"""Rules and calls that silently take no effect: warned about, with what to do instead.

At compile time (and so in `qdsl check`): a file without rules, a fusion pattern that
the graphs of its stage cannot hold. At finalize time: a graph of the other quant type
than the one asked for (`QuantType.STATIC` is 1, `DYNAMIC` 0), whose result stays
torch's (its pass accepts the mismatch as well).
"""

from __future__ import annotations

import re
import warnings

import pytest
import torch

import qdsl
from conftest import node_kinds, outputs_equal, zoo_debug_copies
from qdsl.quant_marks import dynamic_evidence, static_evidence
from qdsl.tooling.check import check_files
from zoo import ZOO, ZOO_BY_NAME, seeded_inputs

STATIC_RELU = "rule relu: q(relu(dq(a))) -> quantized::relu6(a, false)\n"
DYNAMIC_LINEAR = ("rule linear_dynamic:\n"
                  "    s, z = _choose_qparams_per_tensor(a, true)\n"
                  "    w, b = quantized::linear_unpack(packed)\n"
                  "    linear(dq(quantize_per_tensor(a, s, z, quint8)), dq(w), b)\n"
                  "    -> quantized::linear_dynamic(a, packed, true)\n")


def compile_warnings(text: str) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        qdsl.compile_source(text, "w.qpat")
    return [str(w.message) for w in caught if "w.qpat" in str(w.message)]


def test_a_static_pattern_in_the_dynamic_stage_is_warned_at_its_dequantize():
    (message,) = compile_warnings("stage fusion dynamic\n" + STATIC_RELU)
    assert message.startswith("w.qpat:2:19: warning: this pattern never occurs in a dynamically quantized graph: "
                              "a dequantize feeds aten::relu here")
    assert "write the rule under 'stage fusion static'" in message
    assert compile_warnings("stage fusion static\n" + STATIC_RELU) == []


def test_a_dynamic_pattern_in_the_static_stage_is_warned_at_its_dynamic_op():
    (message,) = compile_warnings("stage fusion static\n" + DYNAMIC_LINEAR)
    assert message.startswith("w.qpat:3:12: warning: this pattern never occurs in a statically quantized graph: "
                              "only dynamic quantization makes aten::_choose_qparams_per_tensor")
    assert compile_warnings("stage fusion dynamic\n" + DYNAMIC_LINEAR) == []


def test_a_dynamic_pattern_on_a_float_activation_is_not_warned():
    """Weight-only dynamic linear (the shipped linear_dynamic_float_input): a dequantize feeding linear."""
    assert compile_warnings("stage fusion dynamic\nrule f:\n    w, b = quantized::linear_unpack(packed)\n"
                            "    linear(a, dq(w), b) -> quantized::linear_dynamic(a, packed, true)") == []


@pytest.mark.parametrize("text, note", [("", ""), ("# only a comment\nstage fusion static\n", ""),
                                        ("stage prepack\ndef m(x) = relu(x)\n", " (only macros)")])
def test_a_file_without_rules_is_warned(text, note, tmp_path):
    (message,) = compile_warnings(text)
    assert message.startswith(f"w.qpat:1:1: warning: the file defines no rules{note}: as rules it changes nothing")
    (tmp_path / "empty.qpat").write_text(text)
    report = check_files([tmp_path / "empty.qpat"])
    assert report.exit_status == 0
    assert [d.message for d in report.warnings] == [f"the file defines no rules{note}: as rules it changes nothing"]


def test_qdsl_check_reports_the_stage_warnings(tmp_path):
    (tmp_path / "dynamic.qpat").write_text("stage fusion dynamic\n" + STATIC_RELU)
    report = check_files([tmp_path / "dynamic.qpat"])
    assert report.exit_status == 0 and report.errors == ()
    assert [(d.location.line, d.location.column) for d in report.warnings] == [(2, 19)]


@pytest.mark.parametrize("model", ZOO, ids=lambda m: m.name)
def test_every_zoo_graph_shows_the_marks_of_its_own_quant_type_only(model):
    module, = zoo_debug_copies(model.name, 1)
    dynamic, static = dynamic_evidence(module.graph), static_evidence(module.graph)
    if model.mode == "static":
        assert dynamic is None and static is not None
    else:
        assert dynamic is not None and static is None


@pytest.mark.parametrize("name, wrong, mark, advice", [
    ("dynamic_linear", 1, "aten::_choose_qparams_per_tensor", "pass QuantType.DYNAMIC (0)"),
    ("fp16_linear", torch.ao.quantization.QuantType.STATIC, "aten::_saturate_weight_to_fp16",
     "pass QuantType.DYNAMIC (0)"),
    ("conv2d_relu", 0, "a dequantize feeds aten::conv2d", "pass QuantType.STATIC (1)"),
    ("linear", 0, "a dequantize feeds", "pass QuantType.STATIC (1)"),
])
def test_finalizing_a_graph_as_the_other_quant_type_warns_and_does_what_torch_does(name, wrong, mark, advice):
    ours, theirs = zoo_debug_copies(name)
    with pytest.warns(UserWarning, match=re.escape(mark)) as record:
        finalized = qdsl.finalize(ours, wrong)
    (warning,) = [w for w in record if "quant_type" in str(w.message)]
    assert advice in str(warning.message) and warning.filename == __file__
    by_torch = torch._C._jit_pass_quant_finalize(theirs._c, int(wrong), [])
    assert node_kinds(finalized.graph) == node_kinds(by_torch._get_method("forward").graph)
    inputs = seeded_inputs(ZOO_BY_NAME[name], 1)
    assert outputs_equal(finalized(*inputs), by_torch._get_method("forward")(*inputs))


@pytest.mark.parametrize("name", ["dynamic_linear", "conv2d_relu", "nested", "if_branch"])
def test_finalizing_with_the_right_quant_type_does_not_warn(name):
    module, = zoo_debug_copies(name, 1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        qdsl.finalize(module, ZOO_BY_NAME[name].quant_type)
    assert [str(w.message) for w in caught if "quant_type" in str(w.message)] == []


def test_quant_fusion_on_a_graph_warns_too():
    module, = zoo_debug_copies("dynamic_linear", 1)
    with pytest.warns(UserWarning, match="the graph is dynamically quantized") as record:
        qdsl.quant_fusion(module.graph, 1)
    assert any(w.filename == __file__ for w in record)


def test_finalize_with_an_empty_rule_file_says_so(tmp_path):
    (tmp_path / "mine.qpat").write_text("# rules to come\nstage fusion static\n")
    module, = zoo_debug_copies("conv2d_relu", 1)
    with pytest.warns(UserWarning, match="mine.qpat:1:1: warning: the file defines no rules"):
        report = qdsl.finalize_with_report(module, rules=tmp_path / "mine.qpat")
    assert report.fusion == () and report.prepack == ()
