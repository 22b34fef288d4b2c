"""`qdsl verify` on the command line (in-process, through the one CLI runner): reports, exit
statuses, JSON, the doc table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qdsl.verify.table import BEGIN, END
from tests.support.cli import run_qdsl

FIXTURES = Path(__file__).parent / "fixtures"
WRONG_RULES = str(FIXTURES / "verify" / "wrong_rules.qpat")
FIRST_RULE = str(FIXTURES / "first_rule.qpat")
QUICK = ["--engine", "qnnpack", "--samples", "6"]


def test_wrong_rules_exit_1_with_counterexamples():
    run = run_qdsl("verify", WRONG_RULES, *QUICK)
    assert run.returncode == 1
    out = run.stdout
    assert "wrong_rules.qpat:9:6: conv2d_relu_dropped [qnnpack] wrong" in out
    assert "counterexample (shrunk):" in out and "pattern     ->" in out and "replacement ->" in out
    assert "conv2d_add_swapped [qnnpack] not for this engine" in out


def test_a_right_rule_exits_0():
    run = run_qdsl("verify", FIRST_RULE, *QUICK)
    assert run.returncode == 0
    out = run.stdout
    assert "linear_dynamic_relu [qnnpack] within tolerance" in out
    assert out.rstrip().endswith("0 wrong rule verdicts")


def test_a_rule_no_drawn_input_runs_exits_1_as_unverified(tmp_path):
    dead = tmp_path / "dead.qpat"
    dead.write_text("stage fusion static\nrule never_runs:\n    q(hardswish(dq(a))) where zero_point == 999\n"
                    "    -> quantized::hardswish(a, scale, zero_point)\n", encoding="utf-8")
    run = run_qdsl("verify", str(dead), *QUICK)
    assert run.returncode == 1
    assert "never_runs [qnnpack] pattern never valid (0 samples)" in run.stdout
    assert "note: no draw ran the pattern in" in run.stdout
    assert run.stdout.rstrip().endswith("0 wrong rule verdicts, 1 unverified (no sample ran the rule)")


def test_json_output():
    run = run_qdsl("verify", WRONG_RULES, *QUICK, "--format", "json")
    assert run.returncode == 1
    data = json.loads(run.stdout)
    assert data["ok"] is False and data["engines"] == ["qnnpack"] and data["seed"] == 0
    wrong = {rule["rule"] for rule in data["rules"] if rule["verdict"] == "wrong"}
    assert "hardsigmoid_wrong_dtype" in wrong
    example = next(rule for rule in data["rules"] if rule["rule"] == "hardsigmoid_wrong_dtype")["run"]["counterexample"]
    assert example["difference"].startswith("dtype torch.qint8 vs torch.quint8")


@pytest.mark.parametrize(("arguments", "message"), [
    (["verify", "missing.qpat"], "missing.qpat"),
    (["verify", FIRST_RULE, "--engine", "all", "qnnpack"], "engine 'all' stands alone"),
])
def test_input_errors_exit_2(arguments, message):
    run = run_qdsl(*arguments)
    assert run.returncode == 2
    assert message in run.stderr


WRONG_SLOPE = "stage fusion static\nrule leaky_relu_other_slope:\n    quantize_per_tensor(leaky_relu(dq(a), slope), " \
              "q_scale(a), q_zero_point(a), prim::dtype(a)) -> leaky_relu(a, 0.2)\n"
"""A wrong rule: any option that let it pass would make the exit status 0."""


@pytest.mark.parametrize(("options", "message"), [
    (["--tolerance", "nan"], "argument --tolerance: must be a number of steps of at least 0, not 'nan'"),
    (["--tolerance", "-1"], "argument --tolerance: must be a number of steps of at least 0, not '-1'"),
    (["--tolerance", "one"], "argument --tolerance: not a number: 'one'"),
    (["--samples", "0"], "argument --samples: must be at least 1, not '0'"),
    (["--samples", "-1"], "argument --samples: must be at least 1, not '-1'"),
    (["--samples", "2.5"], "argument --samples: not a whole number: '2.5'"),
    (["--seed", "x"], "argument --seed: not a whole number: 'x'"),
    (["--backend", "bogus"], "argument --backend: invalid choice: 'bogus' (choose from "),
    (["--check"], "argument --check: only applies with --doc FILE.md"),
])
def test_bad_options_are_usage_errors_before_any_rule_runs(tmp_path, options, message):
    wrong = tmp_path / "wrong.qpat"
    wrong.write_text(WRONG_SLOPE, encoding="utf-8")
    run = run_qdsl("verify", wrong, "--engine", "qnnpack", "--samples", "3", *options)
    assert (run.returncode, run.stdout) == (2, "")
    assert "usage: qdsl verify" in run.stderr and f"qdsl verify: error: {message}" in run.stderr


TORCHSCRIPT_ONLY = "stage fusion static\n\nrule my_hardswish:\n    q(hardswish(dq(a)))\n" \
                   "    -> quantized::hardswish(a, scale, zero_point)\n"


def test_a_backend_none_of_the_files_rules_are_for_is_a_usage_error(tmp_path):
    ts_only = tmp_path / "ts_only.qpat"
    ts_only.write_text(TORCHSCRIPT_ONLY, encoding="utf-8")
    run = run_qdsl("verify", "--backend", "pt2e", ts_only, *QUICK)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == (f"qdsl: error: no rules to verify for --backend pt2e: the 1 rule of {ts_only} is for the "
                          "torchscript backend (pass --backend torchscript, or leave --backend out for every "
                          "backend's rules)\n")


def test_files_without_rules_are_a_usage_error(tmp_path):
    empty = tmp_path / "empty.qpat"
    empty.write_text("stage fusion static\n", encoding="utf-8")
    comments = tmp_path / "comments.qpat"
    comments.write_text("# nothing yet\n", encoding="utf-8")
    run = run_qdsl("verify", empty, comments, *QUICK)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.splitlines()[-1] == f"qdsl: error: no rules to verify: there are none in {empty}, {comments}"


def test_an_unknown_engine_is_a_usage_error():
    run = run_qdsl("verify", FIRST_RULE, "--engine", "cuda")
    assert run.returncode == 2
    assert "invalid choice: 'cuda'" in run.stderr


def test_the_doc_table_is_written_and_checked(tmp_path):
    doc = tmp_path / "verdicts.md"
    doc.write_text(f"# Verdicts\n\n{BEGIN}\nold\n{END}\n", encoding="utf-8")
    before = doc.read_text(encoding="utf-8")
    stale = run_qdsl("verify", FIRST_RULE, *QUICK, "--doc", doc, "--check")
    assert stale.returncode == 1 and "is stale" in stale.stderr
    assert doc.read_text(encoding="utf-8") == before
    assert run_qdsl("verify", FIRST_RULE, *QUICK, "--doc", doc).returncode == 0
    written = doc.read_text(encoding="utf-8")
    assert "| `linear_dynamic_relu` | " in written and "| rule | file | qnnpack |" in written
    assert run_qdsl("verify", FIRST_RULE, *QUICK, "--doc", doc, "--check").returncode == 0
    assert doc.read_text(encoding="utf-8") == written


def test_a_doc_without_a_generated_section_is_an_input_error(tmp_path):
    doc = tmp_path / "plain.md"
    doc.write_text("# Nothing generated here\n", encoding="utf-8")
    run = run_qdsl("verify", FIRST_RULE, *QUICK, "--doc", doc)
    assert run.returncode == 2 and "no generated section" in run.stderr
