"""`qdsl compile`: the generated modules (deterministic, checked, loaded without the
compiler) and the stage dumps, run in-process."""

from __future__ import annotations

import json
import re
import sys
from types import SimpleNamespace

import qdsl
from qdsl.backends.pt2e import X86
from qdsl.backends.torchscript import FUSION_DYNAMIC, FUSION_STATIC, PREPACK
from qdsl.core import loading
from qdsl.core.artifact import FORMAT, rules_of_module, source_sha256
from qdsl.core.loading import default_rules_for, modules_for
from tests.support.cli import REPO, run_fresh, run_qdsl


def module_namespace(path) -> dict:
    namespace: dict = {}
    exec(path.read_text(), namespace)
    return namespace


def test_compile_writes_deterministic_data_modules_and_checks_them(tmp_path):
    src = tmp_path / "patterns"
    src.mkdir()
    conv = (REPO / "tests" / "golden" / "conv.qpat").read_text()
    (src / "conv.qpat").write_text(conv)
    out = tmp_path / "generated"
    out.mkdir()
    (out / "__init__.py").write_text('"""replaced by the index"""\n')
    (out / "stale_leftover.py").write_text("RULES = ()\n")

    first = run_qdsl("compile", "patterns", "-o", "generated", cwd=tmp_path)
    assert (first.returncode, first.stdout) == (0, "compiled 1 file into generated\n"), first.stderr
    text = (out / "conv.py").read_text()
    assert not (out / "stale_leftover.py").exists() and (out / "__init__.py").exists()
    assert "import" not in text and str(tmp_path) not in text
    index = module_namespace(out / "__init__.py")["INDEX"]
    assert index == {"conv": ("patterns/conv.qpat", source_sha256(conv),
                              (("torchscript", ("fusion", "static")), ("torchscript", ("prepack",))))}
    module = SimpleNamespace(**module_namespace(out / "conv.py"))
    assert (module.FORMAT, module.SOURCE) == (FORMAT, "patterns/conv.qpat")
    loaded = rules_of_module(module, conv, shipped=False)
    compiled = qdsl.compile_source(conv, "patterns/conv.qpat")
    assert loaded == compiled
    assert [r.provenance for r in loaded] == [r.provenance for r in compiled]
    assert [r.renderings for r in loaded] == [r.renderings for r in compiled]
    assert rules_of_module(module, conv + "\n", shipped=False) is None

    assert run_qdsl("compile", "patterns", "-o", "generated", cwd=tmp_path).returncode == 0
    assert (out / "conv.py").read_text() == text
    assert run_qdsl("compile", "--check", cwd=tmp_path).returncode == 0

    (out / "conv.py").write_text(text.replace("conv2d_relu", "conv2d_rel"))
    (out / "extra.py").write_text("RULES = ()\n")
    (src / "more.qpat").write_text("stage prepack\nrule more: relu(a) -> relu(a)")
    check = run_qdsl("compile", "--check", cwd=tmp_path)
    assert check.returncode == 1
    assert check.stdout.splitlines() == ["stale: generated/__init__.py", "stale: generated/conv.py",
                                         "extra: generated/extra.py has no source in patterns",
                                         "missing: generated/more.py"]
    assert check.stderr == "run: python -m qdsl compile patterns -o generated\n"
    assert (out / "extra.py").exists() and not (out / "more.py").exists()


def test_the_shipped_generated_modules_are_current():
    result = run_qdsl("compile", "patterns", "-o", "generated", "--check")
    assert (result.returncode, result.stdout) == (0, ""), result.stdout


def test_compile_of_an_empty_source_directory_succeeds(tmp_path):
    (tmp_path / "patterns").mkdir()
    (tmp_path / "generated").mkdir()
    result = run_qdsl("compile", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "compiled 0 files into generated\n")
    assert run_qdsl("compile", "--check", cwd=tmp_path).returncode == 0


def test_exit_statuses_for_input_and_rule_errors(tmp_path):
    missing = run_qdsl("compile", "nowhere", cwd=tmp_path)
    assert (missing.returncode, missing.stderr) == (2, "qdsl: error: not a directory: nowhere\n")
    (tmp_path / "patterns").mkdir()
    (tmp_path / "patterns" / "bad.qpat").write_text("stage fusion static\nrule r: q(relu(dq(a))) -> relu(c)\n"
                                                    "rule s: q(relu(dq(a))) -> relu(d)\n")
    bad = run_qdsl("compile", cwd=tmp_path)
    assert bad.returncode == 1
    assert bad.stderr.count("patterns/bad.qpat:") == 2 and "Traceback" not in bad.stderr
    assert not (tmp_path / "generated").exists()
    usage = run_qdsl("compile", "--dump", "nonsense", cwd=tmp_path)
    assert usage.returncode == 2 and "invalid choice" in usage.stderr


def test_dump_prints_each_stage_as_the_goldens_hold_it():
    for stage in ("ast", "expand", "rules", "ir"):
        result = run_qdsl("compile", "--dump", stage, "tests/golden/conv.qpat")
        assert result.returncode == 0, result.stderr
        assert result.stdout == (REPO / "tests" / "golden" / f"conv.{stage}").read_text()


_LOADED_AFTER = """\
import json, sys
import qdsl
rules = qdsl.default_rules()
print(json.dumps([len(rules), sorted({name.split(".")[0] for name in sys.modules})]))
"""


def test_default_rules_load_from_the_generated_modules_without_the_compiler():
    """In a fresh interpreter: every generated record, and neither lark, jinja nor torch."""
    result = run_fresh([sys.executable, "-c", _LOADED_AFTER])
    count, loaded = json.loads(result.stdout)
    assert not {"lark", "jinja2", "torch"} & set(loaded)
    assert count == sum(len(module_namespace(path)["RULES"]) for path in (REPO / "generated").glob("*.py")
                        if path.name != "__init__.py")
    assert re.search(r"^SOURCE_SHA256 = '[0-9a-f]{64}'$", (REPO / "generated" / "prepack.py").read_text(), re.M)


def test_the_rules_of_some_stages_are_the_shipped_rules_of_those_stages_read_from_their_modules_only():
    everything = qdsl.default_rules()
    for stages in ((PREPACK, FUSION_STATIC), (PREPACK, FUSION_DYNAMIC), (FUSION_DYNAMIC,), (X86,)):
        subset = default_rules_for(stages)
        for stage in stages:
            assert subset.for_stage(stage) and all(
                ours is theirs for ours, theirs in zip(subset.for_stage(stage), everything.for_stage(stage), strict=True))
    assert modules_for((PREPACK, FUSION_DYNAMIC)) == ("fusion_dynamic", "prepack")
    assert modules_for((X86,)) == ("pt2e_x86",)


def test_a_module_whose_source_changed_is_read_whatever_stages_its_index_entry_names(monkeypatch):
    """Its rules are compiled from the new source, whose stage headers the index cannot know."""
    packaged = loading.shipped_source

    def edited(filename: str) -> str | None:
        text = packaged(filename)
        return text + "\n" if filename == "patterns/fusion_static.qpat" else text

    monkeypatch.setattr(loading, "shipped_source", edited)
    assert modules_for((PREPACK, FUSION_DYNAMIC)) == ("fusion_dynamic", "fusion_static", "prepack")


def test_finalizing_a_dynamic_model_does_not_load_the_static_rules():
    result = run_fresh([sys.executable, "-c",
        "import sys, torch, qdsl\n"
        "from tests.support.models import debug_copies\n"
        "module, = debug_copies('dynamic_linear', 1)\n"
        "qdsl.finalize(module, 0)\n"
        "print(sorted(name for name in sys.modules if name.startswith('qdsl._generated.')))\n"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "['qdsl._generated.fusion_dynamic', 'qdsl._generated.prepack']"
