"""`from "FILE" import NAME`: macros shared between rule files."""

from __future__ import annotations

from pathlib import Path

import pytest

import qdsl
from qdsl import RuleError, compile_source, load_rules
from qdsl.backends.torchscript import FUSION_STATIC
from tests.support.cli import REPO, run_qdsl
from tests.support.rule_sources import meaning

SHIPPED_STATIC = (REPO / "patterns" / "fusion_static.qpat").read_text()
MACROS = ("def q_like(", "def scalar_q(")


def split_shipped_static(directory: Path) -> Path:
    """The shipped static rules with their macros moved to `lib/macros.qpat`; returns the rule file."""
    lines = SHIPPED_STATIC.split("\n")
    definitions = [line for line in lines if line.startswith(MACROS)]
    assert len(definitions) == 2
    (directory / "lib").mkdir(parents=True)
    (directory / "lib" / "macros.qpat").write_text("\n".join(definitions) + "\n")
    rules = [line for line in lines if not line.startswith(MACROS)]
    rules.insert(0, 'from "lib/macros.qpat" import q_like, scalar_q')
    path = directory / "fusion_static.qpat"
    path.write_text("\n".join(rules))
    return path


def ir_of(rules) -> list[tuple]:
    return [(rule.name, rule.stage, meaning(rule)) for rule in rules]


def ops(graph) -> list[str]:
    return [node.op for node in graph.nodes if node.op]


def test_the_shipped_static_rules_with_imported_macros_compile_to_the_same_ir(tmp_path, monkeypatch):
    path = split_shipped_static(tmp_path / "rules")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # resolved from the importing file, not from here
    imported = load_rules(str(path))
    shipped = [rule for rule in qdsl.default_rules().for_stage(FUSION_STATIC)
               if rule.location.filename == "patterns/fusion_static.qpat"]
    assert ir_of(imported) == ir_of(shipped)
    # Nodes made inside an imported macro point into the file that defines it.
    files = {item.span.filename for rule in imported for graph in (rule.pattern, rule.replacement)
             for item in (*graph.values, *graph.nodes)}
    assert files == {"../rules/fusion_static.qpat", "../rules/lib/macros.qpat"}


def test_without_a_file_name_imports_are_relative_to_the_current_directory(tmp_path, monkeypatch):
    (tmp_path / "macros.qpat").write_text("def q_like(x, a) = quantize_per_tensor(x, q_scale(a), q_zero_point(a), "
                                          "prim::dtype(a))\n")
    text = ('from "macros.qpat" import q_like\nstage fusion static\n'
            "rule mean: q_like(mean(dq(a), dtype), a) -> mean(a, dtype)\n")
    monkeypatch.chdir(tmp_path)
    assert ir_of(compile_source(text)) == ir_of([qdsl.default_rules()["mean"]])
    monkeypatch.chdir(tmp_path.parent)
    with pytest.raises(RuleError, match='cannot import from "macros.qpat": there is no file macros.qpat'):
        compile_source(text)


def test_rules_of_an_imported_file_are_not_imported(tmp_path):
    (tmp_path / "lib.qpat").write_text("stage fusion static\ndef act(x) = relu(x)\n"
                                       "rule lib_rule: q(hardswish(dq(a))) -> quantized::hardswish(a, scale, zero_point)\n")
    (tmp_path / "main.qpat").write_text('from "lib.qpat" import act\nstage fusion static\n'
                                        "rule main_rule: q(act(dq(a))) -> relu(a)\n")
    assert load_rules(str(tmp_path / "main.qpat")).names() == ("main_rule",)


def test_an_imported_macro_uses_the_helpers_of_its_own_file(tmp_path):
    (tmp_path / "lib.qpat").write_text("def q_like(x, a) = quantize_per_tensor(x, scale_of(a), q_zero_point(a), "
                                       "prim::dtype(a))\ndef scale_of(a) = q_scale(a)\n")
    (tmp_path / "main.qpat").write_text('from "lib.qpat" import q_like\ndef scale_of(a) = relu(a)\n'
                                        "stage fusion static\nrule mean: q_like(mean(dq(a), dtype), a) -> mean(a, dtype)\n")
    (rule,) = load_rules(str(tmp_path / "main.qpat"))
    assert ir_of([rule]) == ir_of([qdsl.default_rules()["mean"]])


def test_two_files_may_import_one_file_and_chains_of_imports_resolve_per_file(tmp_path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "base.qpat").write_text("def act(x) = relu(x)\n")
    (tmp_path / "lib" / "left.qpat").write_text('from "base.qpat" import act\ndef left(x) = act(x)\n')
    (tmp_path / "lib" / "right.qpat").write_text('from "base.qpat" import act\ndef right(x) = act(act(x))\n')
    (tmp_path / "main.qpat").write_text('from "lib/left.qpat" import left\nfrom "lib/right.qpat" import right\n'
                                        "stage fusion static\nrule r: q(left(right(dq(a)))) -> relu(relu(relu(a)))\n")
    (rule,) = load_rules(str(tmp_path / "main.qpat"))
    assert ops(rule.pattern).count("aten::relu") == 3


def test_a_changed_imported_file_is_compiled_again(tmp_path):
    lib = tmp_path / "lib.qpat"
    lib.write_text("def act(x) = relu(x)\n")
    main = tmp_path / "main.qpat"
    main.write_text('from "lib.qpat" import act\nstage fusion static\nrule r: q(act(dq(a))) -> relu(a)\n')
    first = load_rules(str(main))
    assert load_rules(str(main))["r"] is first["r"]  # nothing changed: the cached result
    lib.write_text("def act(x) = hardswish(x)\n")
    changed = load_rules(str(main))
    assert "aten::hardswish" in ops(changed["r"].pattern) and "aten::relu" not in ops(changed["r"].pattern)
    lib.unlink()
    with pytest.raises(RuleError, match="there is no file"):
        load_rules(str(main))


def test_generated_modules_go_stale_when_an_imported_file_changes(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (tmp_path / "lib.qpat").write_text("def act(x) = relu(relu(x))\n")
    (rules / "main.qpat").write_text('from "../lib.qpat" import act\nstage fusion static\n'
                                     "rule r: q(act(dq(a))) -> relu(relu(a))\n")
    assert run_qdsl("compile", "rules", "-o", "out", cwd=tmp_path).returncode == 0
    written = (tmp_path / "out" / "main.py").read_text()
    assert "('lib.qpat', 1, 19, 1, 26)" in written  # the macro's inner relu, in the file that defines it
    assert run_qdsl("compile", "rules", "-o", "again", cwd=tmp_path).returncode == 0
    assert (tmp_path / "again" / "main.py").read_text() == written
    assert run_qdsl("compile", "rules", "-o", "out", "--check", cwd=tmp_path).returncode == 0
    (tmp_path / "lib.qpat").write_text("def act(x) = relu(hardswish(x))\n")
    stale = run_qdsl("compile", "rules", "-o", "out", "--check", cwd=tmp_path)
    assert stale.returncode == 1 and "stale: out/main.py" in stale.stdout


def test_check_reports_an_error_inside_an_imported_macro_at_its_line(tmp_path):
    (tmp_path / "lib.qpat").write_text("# helpers\ndef q_like(x, a) = quantize_per_tensor(x, q_scal(a), "
                                       "q_zero_point(a), prim::dtype(a))\n")
    (tmp_path / "main.qpat").write_text('from "lib.qpat" import q_like\nstage fusion static\n'
                                        "rule mean: q_like(mean(dq(a), dtype), a) -> mean(a, dtype)\n")
    result = run_qdsl("check", "main.qpat", cwd=tmp_path)
    assert result.returncode == 1
    assert "lib.qpat:2:43: error: unknown operator 'aten::q_scal'" in result.stdout
    assert "    def q_like(x, a) = quantize_per_tensor(x, q_scal(a), q_zero_point(a), prim::dtype(a))\n" \
           "                                              ^~~~~~~~~" in result.stdout
