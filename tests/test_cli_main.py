"""The `qdsl` command line as a whole: help, version, what starting it imports, its two
entry points, a positional argument after a list option's values, and where `show` and
`explain` find a rule's source text. Everything runs in-process but the cold start and
the entry-point smoke tests, which need a fresh interpreter."""

from __future__ import annotations

import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import importlib.metadata
from pathlib import Path

import pytest
import torch
from torch.ao.quantization import convert_jit, default_qconfig, prepare_jit

import qdsl
from qdsl.backends.torchscript.explain import explain_module
from qdsl.core.backend import BUILTIN_BACKENDS, BackendCommands, all_backends
from qdsl.core.saved_models import SavedKind
from qdsl.tooling import show_rules
from qdsl.tooling.common import backend_commands
from tests.support.cli import CONSOLE_SCRIPT, REPO, run_fresh, run_qdsl
from tests.support.modules import Misses

FIRST_RULE = "tests/fixtures/first_rule.qpat"
DECOY = """\
stage fusion static
# Not the shipped file: a working copy someone is editing.
rule conv2d:
    q(hardswish(dq(a))) -> quantized::hardswish(a, scale, zero_point)
rule add:
    q(add(dq(a), dq(b), alpha)) where alpha == 7 -> quantized::add(a, b, scale, zero_point)
"""
MESSY = "stage fusion static\nrule r: q(relu(dq(a)))   -> quantized::relu6(a, false)\n"


def test_help_describes_qdsl_its_commands_and_exit_statuses():
    result = run_qdsl("--help")
    assert result.returncode == 0
    assert "finalize pass" in result.stdout
    for command in ("compile", "check", "fmt", "explain", "show", "finalize"):
        assert re.search(rf"^    {command} +\S", result.stdout, re.M), command
    statuses = result.stdout.split("exit status:\n")[1]
    assert re.findall(r"^  (\d)  \w", statuses, re.M) == ["0", "1", "2"]


def test_version_names_qdsl_torch_and_python():
    result = run_qdsl("--version")
    installed = importlib.metadata.version("qdsl")
    python = ".".join(map(str, sys.version_info[:3]))
    assert installed == qdsl.__version__, "the installed metadata is the package's own version (pyproject: dynamic)"
    assert (result.returncode, result.stdout) == (0, f"qdsl {installed} (torch {torch.__version__}, "
                                                     f"Python {python})\n")


_IMPORTS_AFTER = """\
import json, sys
from qdsl.tooling.cli import main
loaded = {}
for arguments in (["--help"], ["--version"], ["fmt", "--check", "r.qpat"]):
    try:
        status = main(arguments)
    except SystemExit as exit:
        status = exit.code
    loaded[arguments[0]] = (status, sorted({name.split(".")[0] for name in sys.modules}))
print(json.dumps(loaded), file=sys.stderr)
"""


def test_help_version_and_fmt_start_without_torch(tmp_path):
    """In a fresh interpreter, the top-level packages loaded after each command."""
    (tmp_path / "r.qpat").write_text("stage fusion static\nrule r:\n    q(relu(dq(a))) -> quantized::relu6(a, false)\n")
    result = run_fresh([sys.executable, "-c", _IMPORTS_AFTER], cwd=tmp_path)
    loaded = json.loads(result.stderr.strip().splitlines()[-1])
    assert {command: status for command, (status, _) in loaded.items()} == {"--help": 0, "--version": 0, "fmt": 0}
    for command in ("--help", "--version"):
        assert not {"torch", "lark", "jinja2"} & set(loaded[command][1]), command
    assert "lark" in loaded["fmt"][1] and not {"torch", "jinja2"} & set(loaded["fmt"][1])


def test_python_dash_m_qdsl_runs_a_command_and_returns_its_exit_status(tmp_path):
    result = run_fresh([sys.executable, "-m", "qdsl", "fmt", "--check", "absent.qpat"], cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "qdsl: error: no such rule file or directory: absent.qpat\n")


def test_the_console_script_runs_a_command_and_returns_its_exit_status(tmp_path):
    (tmp_path / "messy.qpat").write_text(MESSY)
    result = run_fresh([CONSOLE_SCRIPT, "fmt", "--check", "messy.qpat"], cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, "would reformat messy.qpat\n")


def test_a_reader_that_stops_early_ends_the_command_quietly():
    """`qdsl compile --dump ast patterns | head -1`: no error message, the status of a command
    SIGPIPE ended. The dump (about 250 kB) outgrows the pipe's buffer (64 kB), so some write
    meets the closed pipe however late the reader closes it."""
    process = subprocess.Popen([str(CONSOLE_SCRIPT), "compile", "--dump", "ast", "patterns"], cwd=REPO,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout.readline() == b"Module\n"
    process.stdout.close()
    assert (process.wait(timeout=300), process.stderr.read()) == (141, b"")


def test_a_reader_gone_before_a_short_output_is_flushed_ends_the_command_quietly():
    """`qdsl show linear_relu | true`: the output fits stdout's buffer, so without
    PYTHONUNBUFFERED it reaches the closed pipe only when flushed, not while printed."""
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    process = subprocess.Popen([str(CONSOLE_SCRIPT), "show", "linear_relu"], cwd=REPO, env=environment,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # before the command, still importing torch, prints anything
    assert (process.wait(timeout=300), process.stderr.read()) == (141, b"")


@pytest.fixture(scope="module")
def debug_module_path(tmp_path_factory) -> Path:
    """A module saved right before finalize, with near misses (`Misses`)."""
    torch.manual_seed(0)
    prepared = prepare_jit(torch.jit.script(Misses().eval()), {"": default_qconfig})
    prepared(torch.randn(1, 2, 5, 5))
    path = tmp_path_factory.mktemp("cli_main") / "misses.pt"
    torch.jit.save(convert_jit(prepared, debug=True), str(path))
    return path


def test_the_module_may_follow_the_rules_files(debug_module_path, tmp_path):
    module = str(debug_module_path)
    first = run_qdsl("finalize", module, "-o", tmp_path / "first.pt", "--rules", FIRST_RULE, "patterns")
    after = run_qdsl("finalize", "--rules", FIRST_RULE, "patterns", module, "-o", tmp_path / "after.pt")
    assert first.returncode == after.returncode == 0, first.stderr + after.stderr
    assert after.stdout == first.stdout.replace("first.pt", "after.pt")
    assert "fusion: " in first.stdout and "conv2d" in first.stdout

    plain = run_qdsl("finalize", module, "-o", tmp_path / "plain.pt")
    preserved = run_qdsl("finalize", "--preserve", "conv2", module, "-o", tmp_path / "preserved.pt")
    assert plain.returncode == preserved.returncode == 0, preserved.stderr
    assert not torch.jit.load(str(tmp_path / "plain.pt"))._c.hasattr("conv2")
    assert torch.jit.load(str(tmp_path / "preserved.pt"))._c.hasattr("conv2")

    explained = run_qdsl("explain", module, "--rules", "patterns", "--format", "json")
    explained_after = run_qdsl("explain", "--rules", "patterns", module, "--format", "json")
    assert explained.returncode == 0 and explained_after.stdout == explained.stdout

    shown = run_qdsl("show", "conv2d", "--rules", "patterns/fusion_static.qpat")
    shown_after = run_qdsl("show", "--rules", "patterns/fusion_static.qpat", "conv2d")
    assert shown.returncode == 0 and shown_after.stdout == shown.stdout


@pytest.mark.parametrize("arguments, message", [
    (["finalize", "--rules", "no_such_dir", "IN.pt", "-o", "OUT.pt"],
     "argument --rules: 'no_such_dir' is not a .qpat file or a directory, and only the last value may be IN.pt"),
    (["finalize", "--rules", "patterns", "-o", "OUT.pt"], "the following arguments are required: IN.pt"),
    (["finalize", "--rules", "IN.pt", "-o", "OUT.pt"],
     "argument --rules: 'IN.pt' is not a .qpat file or a directory (if it is IN.pt, the --rules values are "
     "missing)"),
    (["finalize", "--preserve", "weight", "IN.pt", "extra.pt", "-o", "OUT.pt"],
     "argument --preserve: 'IN.pt' is not an attribute name, and only the last value may be IN.pt"),
    (["explain", "--rules", "patterns"], "the following arguments are required: MODULE.pt"),
    (["show", "--rules", "patterns", "conv2d", "conv3d"],
     "argument --rules: 'conv2d' is not a .qpat file or a directory, and only the last value may be RULE"),
    (["explain", "IN.pt", "--backend", "fx"],
     f"argument --backend: invalid choice: 'fx' (choose from {', '.join(map(repr, BUILTIN_BACKENDS))})"),
])
def test_an_ambiguous_command_line_is_a_usage_error(arguments, message):
    result = run_qdsl(*arguments)
    assert result.returncode == 2
    assert result.stderr.startswith(f"usage: qdsl {arguments[0]} ")
    assert result.stderr.endswith(f"qdsl {arguments[0]}: error: {message}\n")


def test_show_and_explain_read_shipped_rules_from_the_package_not_the_working_directory(debug_module_path,
                                                                                         tmp_path):
    (tmp_path / "patterns").mkdir()
    (tmp_path / "patterns" / "fusion_static.qpat").write_text(DECOY)
    for arguments in (["show", "conv2d"], ["show", "add"], ["explain", str(debug_module_path), "--format", "json"]):
        here = run_qdsl(*arguments, cwd=REPO)
        elsewhere = run_qdsl(*arguments, cwd=tmp_path)
        assert here.returncode == elsewhere.returncode == 0
        assert elsewhere.stdout == here.stdout
    shown = run_qdsl("show", "conv2d", cwd=tmp_path).stdout
    assert "hardswish" not in shown and shown.startswith("rule conv2d  # stage fusion static, family conv{d}{act:_}{act}")
    report = json.loads(here.stdout)
    guard_miss = next(m for m in report["near_misses"] if m["part"] == "guard")
    assert guard_miss["part_text"] == "alpha == 1"

    local = run_qdsl("show", "add", "--rules", "patterns", cwd=tmp_path)
    assert "where alpha == 7" in local.stdout.split("pattern:")[0]


def test_a_rule_file_edited_since_loading_changes_nothing_the_tools_report(debug_module_path, tmp_path):
    """The expansion and the guard travel with the rule; the source is read only while its
    sha256 is the rule's, for the excerpt of a failed sub-expression."""
    source = tmp_path / "mine.qpat"
    shutil.copy(REPO / "patterns" / "fusion_static.qpat", source)
    rules = qdsl.load_rules([REPO / "patterns" / "prepack.qpat", source])
    shown_before = show_rules("add", rules)[0].format_text()
    misses_before = {m.rule: m for m in explain_module(str(debug_module_path), rules, "static").near_misses}
    assert (misses_before["add"].part, misses_before["add"].part_text) == ("guard", "alpha == 1")
    assert misses_before["hardtanh"].part_text.startswith("scalar_tensor(")

    source.write_text("# a new first line moves every rule down\n" + source.read_text())
    assert show_rules("add", rules)[0].format_text() == shown_before
    misses_after = {m.rule: m for m in explain_module(str(debug_module_path), rules, "static").near_misses}
    assert misses_after["add"] == misses_before["add"]
    assert misses_after["hardtanh"].part_text == "aten::scalar_tensor(...)"
    assert misses_after["hardtanh"].part_location == misses_before["hardtanh"].part_location


def test_a_user_rule_named_like_a_shipped_one_is_a_located_error():
    source = "stage fusion static\nrule add:\n    q(relu(dq(a))) -> quantized::relu6(a, false)\n"
    with pytest.raises(qdsl.RuleError) as raised:
        qdsl.default_rules() + qdsl.compile_source(source, "mine.qpat")
    shipped = qdsl.default_rules()["add"].location
    assert (raised.value.filename, raised.value.line, raised.value.column) == ("mine.qpat", 2, 6)
    assert str(raised.value) == f"mine.qpat:2:6: error: rule 'add' is already defined (first at {shipped})"


def test_each_backend_with_commands_implements_the_protocol():
    """The functions `explain` and `finalize` call, with the protocol's parameters."""
    for info in all_backends():
        if not info.commands:
            continue
        module = backend_commands(info.name)
        for name in ("load_input", "finalize_file", "explain"):
            expected = list(inspect.signature(getattr(BackendCommands, name)).parameters)[1:]
            assert list(inspect.signature(getattr(module, name)).parameters) == expected, (info.name, name)


def test_each_backend_with_commands_names_the_kind_of_file_it_loads():
    """`check_saved_model` and `cannot_load` look the kind up: without one they would crash."""
    for info in all_backends():
        if info.commands:
            assert info.saved_model in SavedKind.__members__, info.name
