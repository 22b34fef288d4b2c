"""explain_module on real quantized modules built to miss: what fired, the near misses with
the failing `.qpat` part taken from the rule itself, the unfused chains, the hints.

(That explain's fired list is what finalize rewrites, on every zoo model:
tests/test_neutral_model.py; the `qdsl explain` command around it: tests/test_cli_explain.py.)
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest
import torch
import torch.nn as nn
from torch.ao.quantization import convert_jit, default_dynamic_qconfig, default_qconfig, prepare_jit
from torch.ao.quantization import quantize_dynamic_jit

import qdsl
from qdsl.backends.torchscript.explain import explain_module
from tests.support.harness import assert_same_snapshot, snapshot
from tests.support.modules import Misses, TwoConsumers
from tests.support.rule_sources import column_of, line_of

STATIC = Path(__file__).resolve().parents[1] / "patterns" / "fusion_static.qpat"
MODULES = Path(inspect.getsourcefile(Misses)).resolve()
"""Where `Misses` and `TwoConsumers` are written (explain points at their lines)."""


@pytest.fixture(scope="module")
def misses() -> torch.jit.ScriptModule:
    torch.manual_seed(0)
    prepared = prepare_jit(torch.jit.script(Misses().eval()), {"": default_qconfig})
    for _ in range(3):
        prepared(torch.randn(1, 2, 5, 5))
    return convert_jit(prepared, debug=True)


@pytest.fixture(scope="module")
def misses_report(misses):
    before = snapshot(misses)
    report = explain_module(misses, None, "static")
    assert_same_snapshot(before, snapshot(misses))
    return json.loads(report.format_json())


def near_miss(report: dict, kind: str) -> dict:
    found = [m for m in report["near_misses"] if m["place"]["kind"] == kind]
    assert len(found) == 1, report["near_misses"]
    return found[0]


def test_add_with_alpha_2_misses_on_the_guard_of_rule_add(misses_report):
    miss = near_miss(misses_report, "aten::add")
    assert (miss["rule"], miss["part"], miss["macro"], miss["part_text"]) == ("add", "guard", "", "alpha == 1")
    guard_line = line_of(STATIC, "q(add(dq(a), dq(b), alpha)) where alpha == 1")
    assert miss["part_location"] == f"patterns/fusion_static.qpat:{guard_line}:{column_of(STATIC, 'alpha == 1', guard_line)}"
    assert miss["reason"] == "false with alpha = 2"
    assert miss["matched"] == miss["pattern_nodes"]
    assert (miss["place"]["file"], miss["place"]["line"]) == (str(MODULES), line_of(MODULES, "torch.add(y, y, alpha=2)"))


def test_hardtanh_misses_in_the_macro_where_the_pattern_expects_a_scalar_tensor(misses_report):
    miss = near_miss(misses_report, "aten::hardtanh")
    assert (miss["rule"], miss["part"], miss["macro"]) == ("hardtanh", "sub-expression", "scalar_q")
    assert miss["part_line"] == line_of(STATIC, "def scalar_q(")
    assert miss["part_text"] == "scalar_tensor(x, float32, none, none, none)"
    assert miss["reason"] == "op kind differs: expected aten::scalar_tensor, found prim::Constant"
    assert 2 <= miss["matched"] < miss["pattern_nodes"]


def test_unfused_chains_and_fired_rules_are_listed(misses_report):
    chains = [tuple(c["kinds"]) for c in misses_report["unfused"]]
    assert chains == [("aten::dequantize", "aten::add", "aten::quantize_per_tensor"),
                      ("aten::dequantize", "aten::hardtanh", "aten::quantize_per_tensor")]
    fired = {f["rule"]: f["count"] for f in misses_report["fired"]}
    assert fired == {"conv2d_prepack_unpack": 2, "conv2d": 2}
    assert [len(f["places"]) for f in misses_report["fired"]] == [2, 2]


def test_a_conv_whose_output_feeds_two_consumers_misses_on_the_use_count():
    report = json.loads(explain_module(torch.jit.script(TwoConsumers().eval()), None, "static").format_json())
    (miss,) = report["near_misses"]
    assert (miss["rule"], miss["part"]) == ("conv2d_relu", "sub-expression")
    conv_line = line_of(STATIC, "q(act(conv{d}(dq(a), dq(w)")
    assert miss["part_location"] == f"patterns/fusion_static.qpat:{conv_line}:{column_of(STATIC, 'conv{d}(dq(a)', conv_line)}"
    assert miss["reason"].startswith("value used outside the match: %conv2d_out has 2 uses in the graph "
                                     "(users: aten::mean, aten::relu), 1 in the pattern")
    assert miss["place"]["line"] == line_of(MODULES, "y = F.conv2d(xq.dequantize()")
    assert "conv1d_relu" not in miss["others"]
    assert [tuple(c["kinds"]) for c in report["unfused"]] == [
        ("aten::dequantize", "aten::conv2d", "aten::relu", "aten::quantize_per_tensor")]


def test_text_report_has_one_line_per_near_miss(misses):
    text = explain_module(misses, None, "static").format_text()
    section = text.split("near misses: ")[1].split("\n\n")[0].splitlines()
    assert section[0] == "2" and len(section) == 3
    add_line = next(line for line in section if "rule add " in line)
    assert f"{MODULES}:{line_of(MODULES, 'torch.add(y, y, alpha=2)')}" in add_line
    assert "guard `alpha == 1`" in add_line and "false with alpha = 2" in add_line


BOUNDS_RULE = """stage fusion static

def bound(t, s, z, d) = item(dq(quantize_per_tensor(t, s, z, d)))

rule hardtanh_constant_bounds:
    quantize_per_tensor(hardtanh(dq(a), bound(lo, lo_s, lo_z, lo_d), bound(hi, hi_s, hi_z, hi_d)),
                        q_scale(a), q_zero_point(a), prim::dtype(a))
    where is_constant(lo) and is_constant(hi)
    -> hardtanh(a, bound(lo, lo_s, lo_z, lo_d), bound(hi, hi_s, hi_z, hi_d))
"""


def test_a_user_rule_that_fuses_the_miss_fires_instead(misses, tmp_path):
    path = tmp_path / "bounds.qpat"
    path.write_text(BOUNDS_RULE)
    report = explain_module(misses, qdsl.default_rules() + qdsl.load_rules(path), "static")
    assert "hardtanh_constant_bounds" in {f.rule for f in report.fired}
    assert all(m.place.kind != "aten::hardtanh" for m in report.near_misses)


def test_the_failing_part_is_shown_from_the_rules_source_only_while_it_is_the_compiled_text(misses, tmp_path,
                                                                                           monkeypatch):
    """The location comes from the rule; the excerpt from its file only if the file's hash is
    the rule's (an edited file is not re-read to guess what the rule said)."""
    monkeypatch.chdir(tmp_path)
    Path("add.qpat").write_text("stage fusion static\nrule add2: q(add(dq(a), dq(b), alpha)) where alpha==3\n"
                                "    -> quantized::add(a, b, scale, zero_point)\n")
    rules = qdsl.load_rules("add.qpat")

    def add_miss():
        report = explain_module(misses, rules, "static")
        (miss,) = [m for m in report.near_misses if m.rule == "add2"]
        return miss

    miss = add_miss()
    assert (miss.part, miss.part_text, miss.part_location) == ("guard", "alpha==3", "add.qpat:2:46")  # as written
    Path("add.qpat").write_text("stage fusion static\nrule add2: q(add(dq(a), dq(b), alpha)) where alpha==7\n")
    miss = add_miss()
    assert (miss.part_text, miss.part_location) == ("alpha == 3", "add.qpat:2:46")  # the rule's own guard part
    assert miss.reason == "false with alpha = 2"


def test_a_dynamic_module_explained_as_static_gets_a_hint():
    torch.manual_seed(0)
    module = quantize_dynamic_jit(torch.jit.script(nn.Sequential(nn.Linear(4, 4)).eval()),
                                  {"": default_dynamic_qconfig}, debug=True)
    as_static = explain_module(module, None, "static")
    assert as_static.hints == ("the graph is dynamically quantized (it has aten::_choose_qparams_per_tensor): "
                               "try --quant-type dynamic",)
    assert [f.rule for f in as_static.fired] == ["linear_prepack_unpack"]
    as_dynamic = explain_module(module, None, "dynamic")
    assert as_dynamic.hints == ()
    assert [f.rule for f in as_dynamic.fired] == ["linear_prepack_unpack", "linear_dynamic"]


def test_bad_arguments_are_input_errors(misses, tmp_path):
    with pytest.raises(qdsl.InputError, match="unknown quant type 'fp16': expected static or dynamic"):
        explain_module(misses, None, "fp16")
    with pytest.raises(qdsl.InputError, match="no such file"):
        explain_module(tmp_path / "absent.pt", None, "static")
    (tmp_path / "garbage.pt").write_bytes(b"not a zip archive")
    with pytest.raises(qdsl.InputError, match="cannot load .*garbage.pt as a TorchScript module"):
        explain_module(tmp_path / "garbage.pt", None, "static")
