"""`qdsl explain` on real saved modules built to miss, run in-process."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest
import torch
import torch.nn as nn
from torch.ao.quantization import convert_jit, default_qconfig, prepare_jit

from tests.support.cli import REPO, run_qdsl
from tests.support.modules import Misses, TwoConsumers
from tests.support.rule_sources import column_of, line_of

STATIC = REPO / "patterns" / "fusion_static.qpat"
MODULES = Path(inspect.getsourcefile(Misses)).resolve()
"""Where `Misses` and `TwoConsumers` are written (explain points at their lines)."""


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> dict[str, Path]:
    directory = tmp_path_factory.mktemp("explain")
    torch.manual_seed(0)
    prepared = prepare_jit(torch.jit.script(Misses().eval()), {"": default_qconfig})
    for _ in range(3):
        prepared(torch.randn(1, 2, 5, 5))
    paths = {"misses": directory / "misses.pt", "two_consumers": directory / "two_consumers.pt"}
    torch.jit.save(convert_jit(prepared, debug=True), str(paths["misses"]))
    torch.jit.save(torch.jit.script(TwoConsumers().eval()), str(paths["two_consumers"]))
    return paths


@pytest.fixture
def misses_report(saved) -> dict:
    before = saved["misses"].read_bytes()
    result = run_qdsl("explain", str(saved["misses"]), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert saved["misses"].read_bytes() == before
    return json.loads(result.stdout)


def near_miss(report: dict, kind: str) -> dict:
    found = [m for m in report["near_misses"] if m["place"]["kind"] == kind]
    assert len(found) == 1, report["near_misses"]
    return found[0]


def test_add_with_alpha_2_misses_on_the_guard_of_rule_add(misses_report):
    miss = near_miss(misses_report, "aten::add")
    assert miss["rule"] == "add"
    assert miss["part"] == "guard"
    assert miss["macro"] == ""
    assert miss["part_text"] == "alpha == 1"
    guard_line = line_of(STATIC, "q(add(dq(a), dq(b), alpha)) where alpha == 1")
    assert miss["part_location"] == f"patterns/fusion_static.qpat:{guard_line}:{column_of(STATIC, 'alpha == 1', guard_line)}"
    assert miss["reason"] == "false with alpha = 2"
    assert miss["matched"] == miss["pattern_nodes"]
    assert miss["place"]["file"] == str(MODULES)
    assert miss["place"]["line"] == line_of(MODULES, "torch.add(y, y, alpha=2)")


def test_hardtanh_before_relu_misses_where_the_pattern_expects_a_scalar_tensor(misses_report):
    miss = near_miss(misses_report, "aten::hardtanh")
    assert miss["rule"] == "hardtanh"
    assert miss["part"] == "sub-expression"
    assert miss["part_line"] == line_of(STATIC, "def scalar_q(")
    assert miss["part_text"].startswith("scalar_tensor(")
    assert miss["macro"] == "scalar_q"
    assert miss["reason"] == "op kind differs: expected aten::scalar_tensor, found prim::Constant"
    assert 2 <= miss["matched"] < miss["pattern_nodes"]


def test_unfused_chains_and_fired_rules_are_listed(misses_report):
    chains = [tuple(c["kinds"]) for c in misses_report["unfused"]]
    assert ("aten::dequantize", "aten::add", "aten::quantize_per_tensor") in chains
    assert ("aten::dequantize", "aten::hardtanh", "aten::quantize_per_tensor") in chains
    fired = {f["rule"]: f["count"] for f in misses_report["fired"]}
    assert fired == {"conv2d_prepack_unpack": 2, "conv2d": 2}
    assert all(len(f["places"]) == f["count"] for f in misses_report["fired"])


def test_a_conv_whose_output_feeds_two_consumers_misses_on_the_use_count(saved):
    result = run_qdsl("explain", str(saved["two_consumers"]), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert len(report["near_misses"]) == 1
    miss = report["near_misses"][0]
    assert miss["rule"] == "conv2d_relu"
    assert miss["part"] == "sub-expression"
    conv_line = line_of(STATIC, "q(act(conv{d}(dq(a), dq(w)")
    assert miss["part_location"] == f"patterns/fusion_static.qpat:{conv_line}:{column_of(STATIC, 'conv{d}(dq(a)', conv_line)}"
    assert miss["reason"].startswith("value used outside the match: %conv2d_out has 2 uses in the graph "
                                     "(users: aten::mean, aten::relu), 1 in the pattern")
    assert miss["place"]["line"] == line_of(MODULES, "y = F.conv2d(xq.dequantize()")
    assert "conv1d_relu" not in miss["others"]
    assert [tuple(c["kinds"]) for c in report["unfused"]] == [
        ("aten::dequantize", "aten::conv2d", "aten::relu", "aten::quantize_per_tensor")]


def test_text_report_has_one_line_per_near_miss(saved):
    result = run_qdsl("explain", str(saved["misses"]))
    assert result.returncode == 0
    text = result.stdout
    section = text.split("near misses: ")[1].split("\n\n")[0].splitlines()
    assert section[0] == "2"
    assert len(section) == 3
    add_line = next(line for line in section if "rule add " in line)
    assert f"{MODULES}:{line_of(MODULES, 'torch.add(y, y, alpha=2)')}" in add_line
    assert "guard `alpha == 1`" in add_line and "false with alpha = 2" in add_line


def test_explaining_with_a_rule_file_that_fuses_the_miss(saved, tmp_path):
    rules = tmp_path / "hardtanh_constant.qpat"
    rules.write_text(
        "stage fusion static\n\n"
        "# hardtanh whose bounds convert_jit quantized from constant tensors: run it on the\n"
        "# quantized input, which keeps its qparams (the pattern requantizes with them).\n"
        "def bound(t, s, z, d) = item(dq(quantize_per_tensor(t, s, z, d)))\n\n"
        "rule hardtanh_constant_bounds:\n"
        "    quantize_per_tensor(hardtanh(dq(a), bound(lo, lo_s, lo_z, lo_d), bound(hi, hi_s, hi_z, hi_d)),\n"
        "                        q_scale(a), q_zero_point(a), prim::dtype(a))\n"
        "    where is_constant(lo) and is_constant(hi)\n"
        "    -> hardtanh(a, bound(lo, lo_s, lo_z, lo_d), bound(hi, hi_s, hi_z, hi_d))\n")
    result = run_qdsl("explain", str(saved["misses"]), "--format", "json", "--rules", "patterns", str(rules))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {f["rule"] for f in report["fired"]} >= {"hardtanh_constant_bounds"}
    assert all(m["place"]["kind"] != "aten::hardtanh" for m in report["near_misses"])


def test_failure_paths(tmp_path, saved):
    missing = run_qdsl("explain", str(tmp_path / "absent.pt"))
    assert missing.returncode == 2
    assert "no such file" in missing.stderr
    garbage = tmp_path / "garbage.pt"
    garbage.write_bytes(b"not a zip archive")
    unreadable = run_qdsl("explain", str(garbage))
    assert unreadable.returncode == 2
    assert "cannot load" in unreadable.stderr and "Traceback" not in unreadable.stderr
    bad_rules = tmp_path / "bad.qpat"
    bad_rules.write_text("stage fusion static\nrule r: q(nope(dq(a))) -> relu(a)\n")
    broken = run_qdsl("explain", str(saved["misses"]), "--rules", str(bad_rules))
    assert broken.returncode == 1
    assert "bad.qpat:2:11: error: unknown operator 'aten::nope'" in broken.stderr


def test_a_dynamic_module_explained_as_static_gets_a_hint(tmp_path):
    from torch.ao.quantization import default_dynamic_qconfig, quantize_dynamic_jit

    torch.manual_seed(0)
    scripted = torch.jit.script(nn.Sequential(nn.Linear(4, 4)).eval())
    path = tmp_path / "dynamic.pt"
    torch.jit.save(quantize_dynamic_jit(scripted, {"": default_dynamic_qconfig}, debug=True), str(path))
    as_static = json.loads(run_qdsl("explain", str(path), "--format", "json").stdout)
    assert as_static["hints"] == ["the graph is dynamically quantized (it has aten::_choose_qparams_per_tensor): "
                                  "try --quant-type dynamic"]
    assert [f["rule"] for f in as_static["fired"]] == ["linear_prepack_unpack"]
    as_dynamic = json.loads(run_qdsl("explain", str(path), "--quant-type", "dynamic", "--format", "json").stdout)
    assert as_dynamic["hints"] == []
    assert [f["rule"] for f in as_dynamic["fired"]] == ["linear_prepack_unpack", "linear_dynamic"]
