"""The `qdsl` command line as a whole, in-process through `qdsl.cli.main`: help, version,
what a command imports, a positional argument after a list option's values, and where
`show` and `explain` find a rule's source text."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import torch
from torch.ao.quantization import convert_jit, default_qconfig, prepare_jit

import qdsl
from qdsl.tooling import explain_module, show_rules
from test_cli_explain import Misses

REPO = Path(__file__).resolve().parent.parent
FIRST_RULE = "tests/fixtures/first_rule.qpat"
DECOY = """\
stage fusion static
# Not the shipped file: a working copy someone is editing.
rule conv2d:
    q(hardswish(dq(a))) -> quantized::hardswish(a, scale, zero_point)
rule add:
    q(add(dq(a), dq(b), alpha)) where alpha == 7 -> quantized::add(a, b, scale, zero_point)
"""


def test_help_describes_qdsl_its_commands_and_exit_statuses(run_cli):
    result = run_cli("--help")
    assert result.returncode == 0
    assert "SUBCOMMANDS" not in result.stdout and "one function per subcommand" not in result.stdout
    assert "finalize pass" in result.stdout
    for command in ("compile", "check", "fmt", "explain", "show", "finalize"):
        assert re.search(rf"^    {command} +\S", result.stdout, re.M), command
    statuses = result.stdout.split("exit status:\n")[1]
    assert re.findall(r"^  (\d)  \w", statuses, re.M) == ["0", "1", "2"]


def test_version_names_qdsl_torch_and_python(run_cli):
    result = run_cli("--version")
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    python = ".".join(map(str, sys.version_info[:3]))
    assert (result.returncode, result.stdout) == (0, f"qdsl {project['version']} (torch {torch.__version__}, "
                                                     f"Python {python})\n")


_IMPORTS_AFTER = """\
import sys
from qdsl.cli import main
try:
    status = main(sys.argv[1:])
except SystemExit as exit:
    status = exit.code
print(status, sorted(name for name in sys.modules if name.split(".")[0] in ("torch", "lark", "qdsl")), file=sys.stderr)
"""


def test_help_and_fmt_do_not_import_torch(tmp_path):
    """In a fresh interpreter: the modules loaded once `main` returns."""
    (tmp_path / "r.qpat").write_text("stage fusion static\nrule r:\n    q(relu(dq(a))) -> quantized::relu6(a, false)\n")
    for arguments, needed in ((["--help"], "qdsl.cli"), (["fmt", "--check", "r.qpat"], "qdsl.tooling.fmt")):
        result = subprocess.run([sys.executable, "-c", _IMPORTS_AFTER, *arguments], cwd=tmp_path,
                                capture_output=True, text=True)
        status, modules = result.stderr.strip().splitlines()[-1].split(" ", 1)
        assert status == "0" and f"'{needed}'" in modules, result.stderr
        assert "'torch" not in modules, arguments


@pytest.fixture(scope="module")
def debug_module_path(tmp_path_factory) -> Path:
    """A module saved right before finalize, with near misses (`Misses`)."""
    torch.manual_seed(0)
    prepared = prepare_jit(torch.jit.script(Misses().eval()), {"": default_qconfig})
    prepared(torch.randn(1, 2, 5, 5))
    path = tmp_path_factory.mktemp("cli_main") / "misses.pt"
    torch.jit.save(convert_jit(prepared, debug=True), str(path))
    return path


def test_the_module_may_follow_the_rules_files(run_cli, debug_module_path, tmp_path):
    module = str(debug_module_path)
    first = run_cli("finalize", module, "-o", tmp_path / "first.pt", "--rules", FIRST_RULE, "patterns")
    after = run_cli("finalize", "--rules", FIRST_RULE, "patterns", module, "-o", tmp_path / "after.pt")
    assert first.returncode == after.returncode == 0, first.stderr + after.stderr
    assert after.stdout == first.stdout.replace("first.pt", "after.pt")
    assert "fusion: " in first.stdout and "conv2d" in first.stdout

    plain = run_cli("finalize", module, "-o", tmp_path / "plain.pt")
    preserved = run_cli("finalize", "--preserve", "conv2", module, "-o", tmp_path / "preserved.pt")
    assert plain.returncode == preserved.returncode == 0, preserved.stderr
    assert not torch.jit.load(str(tmp_path / "plain.pt"))._c.hasattr("conv2")
    assert torch.jit.load(str(tmp_path / "preserved.pt"))._c.hasattr("conv2")

    explained = run_cli("explain", module, "--rules", "patterns", "--format", "json")
    explained_after = run_cli("explain", "--rules", "patterns", module, "--format", "json")
    assert explained.returncode == 0 and explained_after.stdout == explained.stdout

    shown = run_cli("show", "conv2d", "--rules", "patterns/fusion_static.qpat")
    shown_after = run_cli("show", "--rules", "patterns/fusion_static.qpat", "conv2d")
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
])
def test_an_ambiguous_command_line_is_a_usage_error(run_cli, arguments, message):
    result = run_cli(*arguments)
    assert result.returncode == 2
    assert result.stderr.startswith(f"usage: qdsl {arguments[0]} ")
    assert result.stderr.endswith(f"qdsl {arguments[0]}: error: {message}\n")


def test_show_and_explain_read_shipped_rules_from_the_package_not_the_working_directory(
        run_cli, debug_module_path, tmp_path):
    (tmp_path / "patterns").mkdir()
    (tmp_path / "patterns" / "fusion_static.qpat").write_text(DECOY)
    for arguments in (["show", "conv2d"], ["show", "add"], ["explain", str(debug_module_path), "--format", "json"]):
        here = run_cli(*arguments, cwd=REPO)
        elsewhere = run_cli(*arguments, cwd=tmp_path)
        assert here.returncode == elsewhere.returncode == 0
        assert elsewhere.stdout == here.stdout
    shown = run_cli("show", "conv2d", cwd=tmp_path).stdout
    assert "hardswish" not in shown and shown.startswith("rule conv2d  # fusion static, family conv{d}{act:_}{act}")
    report = json.loads(here.stdout)
    guard_miss = next(m for m in report["near_misses"] if m["part"] == "guard")
    assert guard_miss["part_text"] == "alpha == 1"

    local = run_cli("show", "add", "--rules", "patterns", cwd=tmp_path)
    assert "where alpha == 7" in local.stdout.split("pattern:")[0]


def test_a_rule_file_edited_since_loading_is_not_shown_as_the_rules_source(debug_module_path, tmp_path):
    source = tmp_path / "mine.qpat"
    shutil.copy(REPO / "patterns" / "fusion_static.qpat", source)
    rules = qdsl.load_rules([REPO / "patterns" / "prepack.qpat", source])
    (shown,) = show_rules("add", rules)
    assert shown.expansion is not None and "where alpha == 1" in shown.expansion
    guard_miss = next(m for m in explain_module(str(debug_module_path), rules).near_misses if m.part == "guard")
    assert (guard_miss.rule, guard_miss.part_text) == ("add", "alpha == 1")

    source.write_text("# a new first line moves every rule down\n" + source.read_text())
    (shown,) = show_rules("add", rules)
    assert shown.expansion is None
    assert shown.format_text().startswith(f"rule add  # fusion static, at {rules['add'].location}\n")
    guard_miss = next(m for m in explain_module(str(debug_module_path), rules).near_misses if m.part == "guard")
    assert (guard_miss.part_text, guard_miss.part_location) == ("?", str(rules["add"].location))


def test_a_user_rule_named_like_a_shipped_one_is_a_located_error():
    source = "stage fusion static\nrule add:\n    q(relu(dq(a))) -> quantized::relu6(a, false)\n"
    with pytest.raises(qdsl.QdslError) as raised:
        qdsl.default_rules() + qdsl.compile_source(source, "mine.qpat")
    shipped = qdsl.default_rules()["add"].location
    assert (raised.value.filename, raised.value.line, raised.value.column) == ("mine.qpat", 2, 6)
    assert str(raised.value) == (f"mine.qpat:2:6: error: rule 'add' is already defined at {shipped}; "
                                 "rule names must be unique in a rule set")
