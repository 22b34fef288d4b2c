"""Rules and calls that silently take no effect: warned about, with what to do instead.

At compile time (and so in `qdsl check`): a file without rules, a fusion pattern that
the graphs of its stage cannot hold. (At finalize time, a graph of the other quant type
than the one asked for: tests/test_finalize.py.)
"""

from __future__ import annotations

import warnings

import pytest

import qdsl
from qdsl.tooling.check import check_files

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
