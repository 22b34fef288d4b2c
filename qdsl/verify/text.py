"""A verification report as text (for the terminal) and as JSON-ready data."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from .results import NOT_FOR_ENGINE, RAISES, UNVERIFIED, WRONG, Report, RuleReport, Run


def format_report(report: Report, verbose: bool = False) -> str:
    """One line per rule and engine; details (counterexamples, guard and assumption checks)
    for wrong rules, or for every rule with `verbose`."""
    lines = [f"verified {len({r.rule for r in report.rules})} rules on {', '.join(report.engines)} "
             f"({report.samples} samples each, seed {report.seed}, tolerance {_plural(report.tolerance, 'step')})"]
    for rule_report in report.rules:
        lines.append(_summary(rule_report))
        if verbose or rule_report.verdict == WRONG or rule_report.verdict in UNVERIFIED:
            lines.extend("    " + line for line in _details(rule_report))
    if report.kernels:
        lines.append("")
        lines.append("kernel bugs (not rule bugs):")
        for finding in report.kernels:
            lines.append(f"  {finding.engine}: {finding.summary} (rules {', '.join(finding.rules)})")
            lines.extend(f"      {line}" for line in finding.detail)
    wrong = report.wrong_rules
    kernel_wrong = [r for r in report.rules if r.verdict == WRONG and r.cause == "kernel"]
    raising = [r for r in report.rules if r.verdict == RAISES]
    lines.append("")
    lines.append(f"{len(wrong)} wrong rule verdict{'s' if len(wrong) != 1 else ''}"
                 + (f", {len(report.unverified)} unverified (no sample ran the rule)" if report.unverified else "")
                 + (f", {len(raising)} raising where the pattern runs" if raising else "")
                 + (f", {len(kernel_wrong)} wrong because of a kernel" if kernel_wrong else "")
                 + (f", {len(report.kernels)} kernel finding{'s' if len(report.kernels) != 1 else ''}"
                    if report.kernels else ""))
    return "\n".join(lines) + "\n"


def _summary(report: RuleReport) -> str:
    head = f"{report.location}: {report.rule} [{report.engine}] {report.verdict}"
    if report.run is None:
        return head
    run = report.run
    parts = [f"{run.samples} samples"]
    if run.samples:
        parts.append(f"max {_steps(run.max_steps)}, mean {run.mean_steps:.3g} steps, "
                     f"{100 * run.differing:.1f}% of elements differ")
    if report.cause == "kernel":
        parts.append("a kernel bug (see the counterexample)" if run.cause == "kernel"
                     else "engine-specific: the rule is right on another engine")
    if report.crashes:
        parts.append(f"{report.crashes} crashed the process (kernel bug)")
    return f"{head} ({'; '.join(parts)})"


def _steps(steps: float) -> str:
    return "mismatch" if math.isinf(steps) else _plural(steps, "step", ".3g")


def _plural(count: float, word: str, spec: str = "g") -> str:
    return f"{count:{spec}} {word}{'' if count == 1 else 's'}"


def _details(report: RuleReport) -> list[str]:
    lines: list[str] = []
    if report.run is not None:
        lines.extend(_run_details(report.run))
    for check in report.guards:
        lines.append(f"guard conjunct `{check.conjunct}` ({check.location}): {check.finding}"
                     f" ({check.run.samples} samples violating it, verdict {check.run.verdict})")
        if check.finding == "needed" and check.run.counterexample is not None:
            lines.extend("  " + line for line in _counterexample(check.run))
    for check in report.assumptions:
        lines.append(f"assumption {check.key} ({check.reason}): {check.finding} without it"
                     f" (verdict {check.run.verdict})")
    return lines


def _run_details(run: Run) -> list[str]:
    lines = [f"note: {note}" for note in run.notes]
    if run.counterexample is not None:
        lines.append("counterexample (shrunk):")
        lines.extend("  " + line for line in _counterexample(run))
    return lines


def _counterexample(run: Run) -> list[str]:
    example = run.counterexample
    lines = [f"{name} = {value}" for name, value in example.captures]
    lines.extend(example.packings)
    lines.append(f"pattern     -> {example.pattern}")
    lines.append(f"replacement -> {example.replacement}")
    lines.append(f"difference: {example.difference}")
    return lines


def to_data(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data (infinite differences as the string `inf`)."""
    return _plain(dataclasses.asdict(report)) | {"ok": report.ok, "not_for_engine": NOT_FOR_ENGINE}


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, float) and math.isinf(value):
        return "inf"
    return value
