"""`qdsl finalize` on real saved modules, and the README's "Writing your first rule" walk-through."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.ao.quantization import (convert_jit, default_dynamic_qconfig, default_qconfig, prepare_jit,
                                   quantize_dynamic_jit)
from torch.ao.quantization.quant_type import QuantType
from torch.jit._recursive import wrap_cpp_module

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"


def qdsl(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qdsl", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=300)


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.fc = nn.Linear(4, 2)
        self.scale_factor = 2
        """Unused by forward: freezing drops it unless preserved."""

    def forward(self, x):
        y = F.relu(self.conv(x))
        y = y + y
        return self.fc(F.adaptive_avg_pool2d(y, 1).flatten(1))


def quantized_kinds(module: torch.jit.ScriptModule) -> list[str]:
    return sorted(n.kind() for n in module.graph.nodes() if n.kind().startswith("quantized::"))


@pytest.fixture(scope="module")
def static_model(tmp_path_factory):
    """The saved debug module, torch's own finalized module of the same model, and an input."""
    torch.manual_seed(0)
    prepared = prepare_jit(torch.jit.script(Block().eval()), {"": default_qconfig})
    for _ in range(3):
        prepared(torch.randn(2, 3, 6, 6))
    path = tmp_path_factory.mktemp("finalize") / "block_debug.pt"
    debug = convert_jit(prepared, debug=True)
    torch.jit.save(debug, str(path))
    return path, torch_finalize(debug, QuantType.STATIC), torch.randn(2, 3, 6, 6)


def torch_finalize(debug: torch.jit.ScriptModule, quant_type: QuantType) -> torch.jit.ScriptModule:
    """torch's own C++ finalize of a clone: the standard of truth."""
    clone = torch._C._hack_do_not_use_clone_module_with_class(debug._c, [], [])
    return wrap_cpp_module(torch._C._jit_pass_quant_finalize(clone, int(quant_type), []))


def test_finalize_saves_what_torch_makes_and_prints_what_fused(static_model, tmp_path):
    source, reference, x = static_model
    before = source.read_bytes()
    output = tmp_path / "block.pt"
    result = qdsl("finalize", str(source), "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert source.read_bytes() == before
    finalized = torch.jit.load(str(output))
    assert quantized_kinds(finalized) == quantized_kinds(reference)
    assert torch.equal(finalized(x), reference(x))
    assert f"finalized module saved to {output}" in result.stdout
    assert "    conv2d_prepack_unpack: 1\n" in result.stdout and "    linear_prepack_unpack: 1\n" in result.stdout
    assert "    conv2d_relu: 1\n" in result.stdout and "    add: 1\n" in result.stdout
    assert "    linear: 1\n" in result.stdout


def test_dynamic_quant_type(tmp_path):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(8, 4), nn.ReLU(), nn.Linear(4, 2)).eval()
    scripted = torch.jit.script(model)
    debug = quantize_dynamic_jit(scripted, {"": default_dynamic_qconfig}, debug=True)
    reference = torch_finalize(debug, QuantType.DYNAMIC)
    source, output = tmp_path / "mlp_debug.pt", tmp_path / "mlp.pt"
    torch.jit.save(debug, str(source))
    result = qdsl("finalize", str(source), "-o", str(output), "--quant-type", "dynamic")
    assert result.returncode == 0, result.stderr
    assert "    linear_dynamic: 2\n" in result.stdout
    finalized = torch.jit.load(str(output))
    x = torch.randn(3, 8)
    assert quantized_kinds(finalized) == quantized_kinds(reference)
    assert torch.equal(finalized(x), reference(x))


def test_preserved_attributes_survive_freezing(static_model, tmp_path):
    source, _, _ = static_model
    plain, kept = tmp_path / "plain.pt", tmp_path / "kept.pt"
    assert qdsl("finalize", str(source), "-o", str(plain)).returncode == 0
    assert qdsl("finalize", str(source), "-o", str(kept), "--preserve", "scale_factor").returncode == 0
    assert not torch.jit.load(str(plain))._c.hasattr("scale_factor")
    assert torch.jit.load(str(kept)).scale_factor == 2


def test_refuses_to_overwrite_its_input_unless_forced(static_model, tmp_path):
    source = tmp_path / "copy.pt"
    source.write_bytes(static_model[0].read_bytes())
    before = source.read_bytes()
    refused = qdsl("finalize", str(source), "-o", str(source))
    assert refused.returncode == 2
    assert "refusing to overwrite the input" in refused.stderr and "--force" in refused.stderr
    assert source.read_bytes() == before
    forced = qdsl("finalize", str(source), "-o", str(source), "--force")
    assert forced.returncode == 0, forced.stderr
    assert quantized_kinds(torch.jit.load(str(source)))


def test_missing_or_unloadable_input_exits_2(tmp_path):
    missing = qdsl("finalize", str(tmp_path / "absent.pt"), "-o", str(tmp_path / "out.pt"))
    assert missing.returncode == 2
    assert "no such module file" in missing.stderr
    garbage = tmp_path / "garbage.pt"
    garbage.write_text("hello")
    unloadable = qdsl("finalize", str(garbage), "-o", str(tmp_path / "out.pt"))
    assert unloadable.returncode == 2
    assert "cannot load" in unloadable.stderr and "Traceback" not in unloadable.stderr
    assert not (tmp_path / "out.pt").exists()


def test_an_unwritable_output_exits_2(static_model, tmp_path):
    result = qdsl("finalize", str(static_model[0]), "-o", str(tmp_path / "no" / "such" / "dir" / "out.pt"))
    assert result.returncode == 2
    assert "cannot save" in result.stderr and "Traceback" not in result.stderr


class NoForward(nn.Module):
    @torch.jit.export
    def double(self, x):
        return x * 2


def test_a_module_without_forward_exits_2_with_a_clear_message(tmp_path):
    source = tmp_path / "no_forward.pt"
    torch.jit.save(torch.jit.script(NoForward()), str(source))
    result = qdsl("finalize", str(source), "-o", str(tmp_path / "out.pt"))
    assert result.returncode == 2
    assert "has no forward method" in result.stderr and "Traceback" not in result.stderr


def test_rule_errors_exit_1(static_model, tmp_path):
    rules = tmp_path / "bad.qpat"
    rule = "rule r: q(relu(dq(a))) -> relu(c)"
    rules.write_text(f"stage fusion static\n{rule}\n")
    result = qdsl("finalize", str(static_model[0]), "-o", str(tmp_path / "out.pt"), "--rules", str(rules))
    assert result.returncode == 1
    assert f"bad.qpat:2:{rule.index('c)') + 1}: error: unbound variable 'c'" in result.stderr
    assert not (tmp_path / "out.pt").exists()


def walk_through() -> str:
    text = README.read_text()
    start = text.index("## Writing your first rule")
    following = text.find("\n## ", start + 1)
    return text[start:following if following != -1 else len(text)]


def fenced(section: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", section, flags=re.S)


def test_the_walk_through_rule_is_the_fixture():
    assert fenced(walk_through(), "qpat") == [(REPO / "tests" / "fixtures" / "first_rule.qpat").read_text()]


def test_the_walk_through_runs_as_written(tmp_path):
    section = walk_through()
    script = "set -euo pipefail\n" + "\n".join(fenced(section, "sh"))
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
                   "TMPDIR": str(tmp_path)}
    result = subprocess.run(["bash", "-c", script], cwd=REPO, env=environment, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    output = [line.rstrip() for line in result.stdout.splitlines()]
    for block in fenced(section, "text"):
        position = 0
        for expected in block.splitlines():
            if expected == "...":
                continue
            assert expected in output[position:], f"not in the output after line {position}: {expected}"
            position = output.index(expected, position) + 1
