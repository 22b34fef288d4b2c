"""`qdsl check` on real rule files, run in-process."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.support.cli import REPO, run_qdsl
from tests.support.rule_sources import column_of, line_of
INVALID = REPO / "tests" / "fixtures" / "invalid"
FIRST_RULE = REPO / "tests" / "fixtures" / "first_rule.qpat"


def test_shipped_rules_check_clean():
    result = run_qdsl("check", "patterns", "patterns/optional/add_alpha_float.qpat")
    assert result.returncode == 0, result.stdout + result.stderr
    files = len(list((REPO / "patterns").glob("*.qpat"))) + 1
    assert result.stdout == f"0 errors, 0 warnings in {files} files\n"
    assert "warning:" not in result.stdout


def test_every_invalid_fixture_reports_its_expected_diagnostics_in_one_run():
    fixtures = sorted(INVALID.glob("*.qpat"))
    result = run_qdsl("check", *(f.name for f in fixtures), cwd=INVALID)
    assert result.returncode == 1, result.stderr
    errors_part = result.stdout.split("\nwarnings:\n")[0]
    for fixture in fixtures:
        expected = fixture.with_suffix(".expected").read_text()
        blocks = re.split(r"\n(?=\S+\.qpat:\d+:\d+: )", expected.strip("\n"))
        for block in blocks:
            section = errors_part if ": error: " in block.splitlines()[0] else result.stdout
            assert block in section, f"{fixture.name}: missing\n{block}"


def test_errors_and_warnings_are_separated_and_json_lists_both(tmp_path):
    source = tmp_path / "mixed.qpat"
    source.write_text(
        "stage fusion static\n"
        "rule guarded:\n"
        "    q(relu(dq(a))) where scale == 1 -> relu(a)\n"
        "rule broken:\n"
        "    q(not_an_op(dq(a))) -> relu(a)\n")
    text_result = run_qdsl("check", str(source))
    assert text_result.returncode == 1
    errors, warnings = text_result.stdout.split("\nwarnings:\n")
    assert errors.startswith("errors:\n") and "unknown operator 'aten::not_an_op'" in errors
    assert "`scale == 1` never holds" in warnings and "error:" not in warnings
    assert text_result.stdout.strip().endswith("1 error, 1 warning in 1 file")

    json_result = run_qdsl("check", "--format", "json", str(source))
    assert json_result.returncode == 1
    records = json.loads(json_result.stdout)
    assert {r["severity"] for r in records} == {"error", "warning"}
    assert all(set(r) == {"file", "line", "column", "end_line", "end_column", "severity", "kind", "message"}
               for r in records)
    assert {r["kind"] for r in records} == {"rule"}
    error = next(r for r in records if r["severity"] == "error")
    assert (error["line"], error["column"]) == (line_of(source, "not_an_op"), column_of(source, "not_an_op"))
    warning = next(r for r in records if r["severity"] == "warning")
    assert (warning["line"], warning["column"]) == (line_of(source, "scale == 1"), column_of(source, "scale == 1"))
    assert warning["end_column"] == warning["column"] + len("scale == 1")


def test_a_rule_after_one_that_consumes_its_matches_is_reported_as_shadowed():
    result = run_qdsl("check", "patterns", str(FIRST_RULE.relative_to(REPO)))
    assert result.returncode == 0, result.stdout
    header = f"tests/fixtures/first_rule.qpat:{line_of(FIRST_RULE, 'rule linear_dynamic_')}:6: warning:"
    dynamic = REPO / "patterns" / "fusion_dynamic.qpat"
    earlier = f"patterns/fusion_dynamic.qpat:{line_of(dynamic, 'rule linear_dynamic:')}:6"
    for name in ("linear_dynamic_relu", "linear_dynamic_relu_"):
        assert f"{header} rule '{name}' can never fire" in result.stdout
        assert f"earlier rule 'linear_dynamic' ({earlier})" in result.stdout

    before = run_qdsl("check", str(FIRST_RULE.relative_to(REPO)), "patterns")
    assert before.returncode == 0
    assert "0 errors, 0 warnings" in before.stdout


SHADOWING = """\
stage fusion static
rule plain:
    q(hardswish(dq(a))){guard_plain}
    -> quantized::hardswish(a, scale, zero_point)
rule bound:
    x = hardswish(dq(a))
    q(x){guard_bound}
    -> quantized::hardswish(a, scale, zero_point)
"""


@pytest.mark.parametrize("guard_plain, guard_bound, shadowed", [
    ("", "", True),
    ("", " where is_scalar(a)", True),
    (" where is_scalar(a)", " where is_scalar(a) and is_constant(a)", True),
    (" where is_scalar(a)", "", False),
    (" where is_constant(a)", " where is_scalar(a)", False),
])
def test_a_guarded_earlier_rule_shadows_only_when_the_later_guard_implies_it(
        tmp_path, guard_plain, guard_bound, shadowed):
    source = tmp_path / "shadow.qpat"
    source.write_text(SHADOWING.format(guard_plain=guard_plain, guard_bound=guard_bound))
    result = run_qdsl("check", "--format", "json", str(source))
    assert result.returncode == 0
    messages = [(r["line"], r["message"]) for r in json.loads(result.stdout)]
    expected = [(line_of(source, "rule bound"), "rule 'bound' can never fire")] if shadowed else []
    assert [(line, message.split(":")[0]) for line, message in messages] == expected


def test_a_rule_matching_an_op_only_a_later_rule_makes_is_reported(tmp_path):
    static = (REPO / "patterns" / "fusion_static.qpat").read_text()
    start = static.index("rule add_scalar:")
    end = static.index("rule add_scalar_out:")
    relu_start = static.index("rule add_scalar_{relu}")
    relu_end = static.index("# The fused kernel leaves relu(a + b) in `a`")
    source = tmp_path / "order.qpat"
    source.write_text(static[:static.index("rule conv{d}")] + static[relu_start:relu_end] + static[start:end])
    result = run_qdsl("check", str(source))
    assert result.returncode == 0, result.stdout
    use = line_of(source, "relu(quantized::add_scalar(")
    column = column_of(source, "quantized::add_scalar(")
    shown = os.path.relpath(source, REPO)
    maker = f"{shown}:{line_of(source, 'rule add_scalar:')}:6"
    for name in ("add_scalar_relu", "add_scalar_relu_"):
        assert (f"{shown}:{use}:{column}: warning: rule '{name}' matches quantized::add_scalar, which only "
                f"the later rule 'add_scalar' ({maker}) makes in this stage") in result.stdout


def test_missing_file_is_an_io_error_but_the_other_files_are_still_checked():
    result = run_qdsl("check", "no/such/file.qpat", "tests/fixtures/invalid/unknown_operator.qpat")
    assert result.returncode == 2
    errors = result.stdout.split("\nwarnings:\n")[0]
    assert "qdsl: error: no such rule file or directory: no/such/file.qpat\n" in errors
    assert "unknown operator" in errors
    assert result.stdout.endswith(" in 2 files (1 could not be read)\n")


BINARY = b"stage fusion static\nrule r:\n    q(relu(dq(a))) -> relu(a)  # caf\xe9\n"
GOOD = "stage fusion static\nrule g:\n    q(hardswish(dq(a))) -> quantized::hardswish(a, scale, zero_point)\n"


def test_a_file_that_is_not_utf8_is_an_error_naming_it_in_text_and_json(tmp_path):
    (tmp_path / "binary.qpat").write_bytes(BINARY)
    (tmp_path / "good.qpat").write_text(GOOD)
    text = run_qdsl("check", "binary.qpat", "good.qpat", cwd=tmp_path)
    assert text.returncode == 2
    column = BINARY.split(b"\n")[2].index(b"\xe9") + 1
    assert text.stdout.startswith(f"errors:\nbinary.qpat:3:{column}: error: the file is not UTF-8: byte 0xe9 ")
    assert "    q(relu(dq(a))) -> relu(a)  # caf\n" in text.stdout
    assert text.stdout.endswith("\n1 error, 0 warnings in 2 files (1 could not be read)\n")
    assert text.stderr == ""

    records = json.loads(run_qdsl("check", "--format", "json", "binary.qpat", "good.qpat", "gone.qpat",
                                 cwd=tmp_path).stdout)
    assert [(r["file"], r["line"], r["column"], r["severity"], r["kind"]) for r in records] == [
        ("binary.qpat", 3, column, "error", "io"), ("gone.qpat", 0, 0, "error", "io")]
    assert records[1]["message"] == "no such rule file or directory: gone.qpat"


def test_the_rules_of_the_readable_files_are_still_analysed(tmp_path):
    (tmp_path / "binary.qpat").write_bytes(BINARY)
    (tmp_path / "good.qpat").write_text(GOOD + GOOD.replace("rule g:", "rule h:").split("\n", 1)[1])
    result = run_qdsl("check", "--format", "json", "binary.qpat", "good.qpat", cwd=tmp_path)
    records = json.loads(result.stdout)
    assert [(r["file"], r["kind"], r["severity"]) for r in records] == [
        ("binary.qpat", "io", "error"), ("good.qpat", "rule", "warning")]
    assert records[1]["message"].startswith("rule 'h' can never fire")


def test_a_byte_order_mark_is_skipped_and_columns_count_after_it(tmp_path):
    plain, marked = tmp_path / "plain.qpat", tmp_path / "marked.qpat"
    for text in ("stage fusion static\nrule g: q(relu(dq(a))) -> relu(b)\n", "stage fusion statik\nrule g: x\n",
                 "stage fusion static\nrule g:\n    q(relu(dq(a))) -> relu(a)\n"):
        plain.write_text(text)
        marked.write_bytes(b"\xef\xbb\xbf" + text.encode())
        expected = run_qdsl("check", "--format", "json", "plain.qpat", cwd=tmp_path)
        result = run_qdsl("check", "--format", "json", "marked.qpat", cwd=tmp_path)
        assert result.returncode == expected.returncode
        assert result.stdout == expected.stdout.replace('"plain.qpat"', '"marked.qpat"')
    assert result.returncode == 0
    plain.write_text("stage fusion statik\n")
    marked.write_bytes(b"\xef\xbb\xbfstage fusion statik\n")
    records = json.loads(run_qdsl("check", "--format", "json", "marked.qpat", cwd=tmp_path).stdout)
    (record,) = [r for r in records if r["message"].startswith("unknown stage")]
    assert (record["line"], record["column"]) == (1, len("stage ") + 1)


def test_a_rule_name_defined_by_two_files_is_an_error(tmp_path):
    source = tmp_path / "again.qpat"
    source.write_text("stage fusion static\nrule cat:\n    q(cat(dq(input), dim)) -> quantized::cat(input, dim, scale, zero_point)\n")
    result = run_qdsl("check", "patterns", str(source))
    assert result.returncode == 1
    first = f"patterns/fusion_static.qpat:{line_of(REPO / 'patterns' / 'fusion_static.qpat', 'rule cat:')}:6"
    assert f"again.qpat:2:6: error: rule 'cat' is already defined (first at {first})\n" in result.stdout


def test_usage_error_exits_2():
    result = run_qdsl("check")
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_a_directory_without_rule_files_is_an_io_error(tmp_path):
    result = run_qdsl("check", str(tmp_path))
    assert result.returncode == 2
    assert f"qdsl: error: no .qpat files in directory {tmp_path}\n" in result.stdout


def test_a_file_named_twice_is_checked_once(tmp_path):
    """Named itself and through its directory: without that, its rules would clash with themselves."""
    (tmp_path / "once.qpat").write_text("stage prepack\nrule only: relu(a) -> relu(a)\n")
    result = run_qdsl("check", "once.qpat", ".", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "0 errors, 0 warnings in 1 file\n")
