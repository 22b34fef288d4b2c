"""`qdsl finalize` on real saved modules, and the README's "Writing your first rule"
walk-through, run in-process."""

from __future__ import annotations

import contextlib
import io
import os
import re
import runpy
import shlex

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.ao.quantization import (convert_jit, default_dynamic_qconfig, default_qconfig, prepare_jit,
                                   quantize_dynamic_jit)
from torch.ao.quantization.quant_type import QuantType

from tests.support.cli import CONSOLE_SCRIPT, REPO, run_fresh, run_qdsl
from tests.support.harness import finalized_by_torch
from tests.support.models import clone

README = REPO / "README.md"


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
    return path, finalized_by_torch(clone(debug), int(QuantType.STATIC)), torch.randn(2, 3, 6, 6)


def test_finalize_saves_what_torch_makes_and_prints_what_fused(static_model, tmp_path):
    source, reference, x = static_model
    before = source.read_bytes()
    output = tmp_path / "block.pt"
    result = run_qdsl("finalize", str(source), "-o", str(output))
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
    reference = finalized_by_torch(clone(debug), int(QuantType.DYNAMIC))
    source, output = tmp_path / "mlp_debug.pt", tmp_path / "mlp.pt"
    torch.jit.save(debug, str(source))
    result = run_qdsl("finalize", str(source), "-o", str(output), "--quant-type", "dynamic")
    assert result.returncode == 0, result.stderr
    assert "    linear_dynamic: 2\n" in result.stdout
    finalized = torch.jit.load(str(output))
    x = torch.randn(3, 8)
    assert quantized_kinds(finalized) == quantized_kinds(reference)
    assert torch.equal(finalized(x), reference(x))


def test_the_other_quant_type_is_a_qdsl_warning_not_a_python_one(static_model, tmp_path):
    source, _, _ = static_model
    result = run_fresh([CONSOLE_SCRIPT, "finalize", source, "-o", tmp_path / "out.pt", "--quant-type", "dynamic"])
    assert result.returncode == 0, result.stderr
    ours = [line for line in result.stderr.splitlines() if "statically quantized" in line]
    # in the command line's terms: the option, not the Python API's QuantType
    assert ours == ["qdsl: warning: the graph is statically quantized (a dequantize feeds aten::conv2d), but "
                    "--quant-type dynamic asks for dynamic quantization, so the dynamic fusion rules run; for static "
                    "quantization pass --quant-type static"], result.stderr
    assert "qdsl/backends" not in result.stderr and "QuantType" not in result.stderr


def test_a_dynamic_model_finalized_as_static_is_told_the_option_for_dynamic(tmp_path):
    torch.manual_seed(0)
    model = torch.jit.script(nn.Sequential(nn.Linear(8, 4), nn.ReLU()).eval())
    source = tmp_path / "mlp_debug.pt"
    torch.jit.save(quantize_dynamic_jit(model, {"": default_dynamic_qconfig}, debug=True), str(source))
    result = run_qdsl("finalize", source, "-o", tmp_path / "out.pt")
    assert result.returncode == 0, result.stderr
    ours = [line for line in result.stderr.splitlines() if line.startswith("qdsl: warning:")]
    assert len(ours) == 1 and ours[0].startswith("qdsl: warning: the graph is dynamically quantized ("), ours
    assert ours[0].endswith("), but --quant-type static asks for static quantization, so the static fusion rules "
                            "run; for dynamic quantization pass --quant-type dynamic"), ours


def test_preserved_attributes_survive_freezing(static_model, tmp_path):
    source, _, _ = static_model
    plain, kept = tmp_path / "plain.pt", tmp_path / "kept.pt"
    assert run_qdsl("finalize", str(source), "-o", str(plain)).returncode == 0
    assert run_qdsl("finalize", str(source), "-o", str(kept), "--preserve", "scale_factor").returncode == 0
    assert not torch.jit.load(str(plain))._c.hasattr("scale_factor")
    assert torch.jit.load(str(kept)).scale_factor == 2


def test_refuses_to_overwrite_its_input_unless_forced(static_model, tmp_path):
    source = tmp_path / "copy.pt"
    source.write_bytes(static_model[0].read_bytes())
    before = source.read_bytes()
    refused = run_qdsl("finalize", str(source), "-o", str(source))
    assert refused.returncode == 2
    assert "refusing to overwrite the input" in refused.stderr and "--force" in refused.stderr
    assert source.read_bytes() == before
    forced = run_qdsl("finalize", str(source), "-o", str(source), "--force")
    assert forced.returncode == 0, forced.stderr
    assert quantized_kinds(torch.jit.load(str(source)))


def test_missing_or_unloadable_input_exits_2(tmp_path):
    missing = run_qdsl("finalize", str(tmp_path / "absent.pt"), "-o", str(tmp_path / "out.pt"))
    assert missing.returncode == 2
    assert "no such file" in missing.stderr
    garbage = tmp_path / "garbage.pt"
    garbage.write_text("hello")
    unloadable = run_qdsl("finalize", str(garbage), "-o", str(tmp_path / "out.pt"))
    assert unloadable.returncode == 2
    assert "cannot load" in unloadable.stderr and "Traceback" not in unloadable.stderr
    assert not (tmp_path / "out.pt").exists()


@pytest.mark.parametrize("backend", ["torchscript", "pt2e"])
def test_a_path_naming_no_regular_file_says_what_it_names(tmp_path, backend):
    """The same words as for a rule path (`qdsl.lang.sources.regular_file`); a fifo is not
    opened, which would wait for a writer."""
    fifo = tmp_path / "model.pt"
    os.mkfifo(fifo)
    for path, message in [("", "the path is empty; name a saved model file"),
                          (tmp_path, f"{tmp_path} is a directory, not a saved model file"),
                          ("/dev/null", "/dev/null is a device, fifo or socket, not a saved model file"),
                          (fifo, f"{fifo} is a device, fifo or socket, not a saved model file")]:
        result = run_qdsl("finalize", "--backend", backend, path, "-o", tmp_path / "out.pt")
        assert (result.returncode, result.stdout, result.stderr) == (2, "", f"qdsl: error: {message}\n")
    assert not (tmp_path / "out.pt").exists()


EXPECTED = {"torchscript": "a TorchScript module saved with torch.jit.save",
            "pt2e": "a program saved with torch.export.save"}
"""What each backend's finalize loads, as its messages say it."""


@pytest.fixture(scope="module")
def saved_files(static_model, tmp_path_factory):
    """File kind -> a file of that kind: what each backend loads, torch.save's pickles and
    files no torch function wrote."""
    pytest.importorskip("torchao", reason="the PT2E flow lives in torchao")
    from tests.support.pt2e_models import converted_module

    folder = tmp_path_factory.mktemp("kinds")
    converted, inputs = converted_module("linear")
    files = {"torchscript": static_model[0], "program": folder / "linear.pt2", "state_dict": folder / "weights.pt",
             "module_pickle": folder / "block.pt", "legacy_pickle": folder / "legacy.pt",
             "damaged": folder / "truncated.pt", "empty": folder / "empty.pt", "text": folder / "notes.pt"}
    torch.export.save(torch.export.export(converted, inputs, strict=False), files["program"])
    torch.save(Block().state_dict(), files["state_dict"])
    torch.save(Block(), files["module_pickle"])
    torch.save(Block().state_dict(), files["legacy_pickle"], _use_new_zipfile_serialization=False)
    files["damaged"].write_bytes(static_model[0].read_bytes()[:1000])
    files["empty"].write_bytes(b"")
    files["text"].write_text("hello")
    return files


OTHER_KINDS = {
    "program": "a program saved with torch.export.save, which the pt2e backend loads (--backend pt2e)",
    "torchscript": "a TorchScript module saved with torch.jit.save, which the torchscript backend loads "
                   "(--backend torchscript)",
    "state_dict": "an object pickled with torch.save (a state_dict or a whole module)",
    "module_pickle": "an object pickled with torch.save (a state_dict or a whole module)",
    "legacy_pickle": "an object pickled with torch.save (a state_dict or a whole module)",
    "damaged": "a damaged zip archive (truncated, or not saved completely)",
    "empty": "an empty file",
    "text": "neither a zip archive nor a pickle, the formats torch saves models in",
}
"""File kind of `saved_files` -> how the messages describe it."""
LOADED = {"torchscript": "torchscript", "pt2e": "program"}
"""Backend -> the kind of `saved_files` it loads."""


@pytest.mark.parametrize("backend, kind", [(backend, kind) for backend in LOADED for kind in OTHER_KINDS
                                           if kind != LOADED[backend]])
def test_a_file_of_another_kind_is_named_with_what_the_backend_loads(saved_files, tmp_path, backend, kind):
    source = saved_files[kind]
    before = source.read_bytes()
    result = run_qdsl("finalize", "--backend", backend, source, "-o", tmp_path / "out.pt")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"qdsl: error: cannot load {source} as {EXPECTED[backend]}: it is {OTHER_KINDS[kind]}\n"
    assert source.read_bytes() == before and not (tmp_path / "out.pt").exists()


@pytest.mark.parametrize("kind, backend", [("torchscript", "pt2e"), ("program", "torchscript")])
def test_the_other_backends_file_is_one_error_line_without_torchs_log(saved_files, tmp_path, kind, backend):
    """Told apart by its bytes before torch's loader runs: torch.export.load would log a
    traceback (through torch's own handler, which only a fresh process has) before failing on
    a TorchScript file, torch.jit.load call a .pt2 file a corrupted archive."""
    source = saved_files[kind]
    result = run_fresh([CONSOLE_SCRIPT, "finalize", "--backend", backend, source, "-o", tmp_path / "out.pt"])
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"qdsl: error: cannot load {source} as {EXPECTED[backend]}: it is {OTHER_KINDS[kind]}\n"


def test_a_damaged_program_is_torchs_reason_on_one_line_without_the_traceback_it_logs(saved_files, tmp_path):
    """A program archive missing an entry passes the kind check, so torch.export.load runs:
    it logs a traceback through torch's own handler (which only a fresh process has), then
    raises an error pointing at that log. One line with torch's reason is printed instead."""
    from tests.support.pt2e_models import without_archive_version

    damaged = without_archive_version(saved_files["program"], tmp_path / "damaged.pt2")
    result = run_fresh([CONSOLE_SCRIPT, "finalize", "--backend", "pt2e", damaged, "-o", tmp_path / "out.pt2"])
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"qdsl: error: cannot load {damaged} as {EXPECTED['pt2e']}: PytorchStreamReader "
                                    "failed locating file archive_version"), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr


def test_an_unwritable_output_exits_2(static_model, tmp_path):
    result = run_qdsl("finalize", str(static_model[0]), "-o", str(tmp_path / "no" / "such" / "dir" / "out.pt"))
    assert result.returncode == 2
    assert "cannot save" in result.stderr and "Traceback" not in result.stderr


class NoForward(nn.Module):
    @torch.jit.export
    def double(self, x):
        return x * 2


def test_a_module_without_forward_exits_2_with_a_clear_message(tmp_path):
    source = tmp_path / "no_forward.pt"
    torch.jit.save(torch.jit.script(NoForward()), str(source))
    result = run_qdsl("finalize", str(source), "-o", str(tmp_path / "out.pt"))
    assert result.returncode == 2
    assert "has no forward method" in result.stderr and "Traceback" not in result.stderr


def test_rule_errors_exit_1(static_model, tmp_path):
    rules = tmp_path / "bad.qpat"
    rule = "rule r: q(relu(dq(a))) -> relu(c)"
    rules.write_text(f"stage fusion static\n{rule}\n")
    result = run_qdsl("finalize", str(static_model[0]), "-o", str(tmp_path / "out.pt"), "--rules", str(rules))
    assert result.returncode == 1
    assert f"bad.qpat:2:{rule.index('c)') + 1}: error: unbound variable 'c'" in result.stderr
    assert not (tmp_path / "out.pt").exists()


def test_a_rule_that_fails_on_the_model_exits_1_naming_it(static_model, tmp_path):
    rules = tmp_path / "user.qpat"
    rules.write_text("stage fusion static\nrule relu_to_scale: relu(a) -> q_scale(a)\n")
    result = run_qdsl("finalize", str(static_model[0]), "-o", str(tmp_path / "out.pt"), "--rules", str(rules))
    assert result.returncode == 1
    assert re.match(r"\S*user\.qpat:2:6: error: rule relu_to_scale: .*changes the type of output 0 from Tensor "
                    r"to float", result.stderr), result.stderr
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


def test_the_walk_through_runs_as_written(tmp_path, monkeypatch):
    """Each command of the shell blocks, in order: `qdsl` commands through the CLI runner,
    the Python scripts in this interpreter; their output holds the text blocks in order."""
    monkeypatch.chdir(REPO)
    output = []
    for command, here_document in shell_commands(walk_through()):
        output.extend(verdict_without_statistics(line.rstrip())
                      for line in run_shell_command(command, here_document, tmp_path, monkeypatch))
    for block in fenced(walk_through(), "text"):
        position = 0
        for expected in map(verdict_without_statistics, block.splitlines()):
            if expected == "...":
                continue
            assert expected in output[position:], f"not in the output after line {position}: {expected}"
            position = output.index(expected, position) + 1


def verdict_without_statistics(line: str) -> str:
    """A `qdsl verify` verdict line with its error statistics left out: how far a kernel's
    float rounding lands from the reference's depends on the CPU (fbgemm and oneDNN pick
    their kernels by its instruction set), the verdict does not."""
    return re.sub(r"\((\d+) samples; [^)]*\)$", r"(\1 samples; ...)", line)


def shell_commands(section: str) -> list[tuple[str, str | None]]:
    """(command line, its here-document or None) of every `sh` block, in order."""
    commands = []
    for block in fenced(section, "sh"):
        lines = iter(block.splitlines())
        for line in lines:
            document = None
            found = re.search(r"<<'(\w+)'$", line)
            if found:
                body = []
                for body_line in lines:
                    if body_line == found.group(1):
                        break
                    body.append(body_line)
                document, line = "\n".join(body) + "\n", line[:found.start()].strip()
            if line.strip():
                commands.append((line, document))
    return commands


def run_shell_command(command: str, document: str | None, tmp_path, monkeypatch) -> list[str]:
    """Run one walk-through command the way the shell would; its output lines. A `qdsl`
    command must exit 0, or with the status its `# exits N` comment names."""
    if command == "export WORK=$(mktemp -d)":
        monkeypatch.setenv("WORK", str(tmp_path))
        return []
    status = re.search(r"# exits (\d+)$", command)
    words = [os.path.expandvars(word) for word in shlex.split(command, comments=True)]
    if words[0] == "qdsl":
        result = run_qdsl(*words[1:])
        expected = int(status.group(1)) if status else 0
        assert result.returncode == expected, f"{command}\n{result.stdout}{result.stderr}"
        return result.stdout.splitlines()
    if words[:2] == ["cat", ">"] and document is not None:
        with open(words[2], "w") as file:
            file.write(document)
        return []
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        if words == ["python", "-"] and document is not None:
            exec(compile(document, "<stdin>", "exec"), {"__name__": "__main__"})
        elif words[0] == "python" and len(words) == 2:
            runpy.run_path(words[1], run_name="__main__")
        else:
            pytest.fail(f"the walk-through test does not know how to run: {command}")
    return printed.getvalue().splitlines()
