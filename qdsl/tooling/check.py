"""`qdsl check`: every diagnostic of every rule file, plus the rule-set analysis.

The files are checked as `load_rules` loads them, in the order given: each on its own
(every diagnostic of every compiler stage, from one compile of the file), then their
rules together (a name defined twice, shadowing and order within each stage).
"""

from __future__ import annotations

import gc
import json
import sys
from contextlib import contextmanager
from dataclasses import dataclass, replace

from ..core.analysis import analyze
from ..core.pipeline import compile_text
from ..core.rules import RuleSet
from ..diagnostics import Diagnostic, InputError, RuleError, source_line
from ..lang.sources import display_path, read_source, rule_files, unseen


@dataclass(frozen=True)
class Unreadable:
    """A path that could not be read as a whole (missing, unreadable, a directory without
    rule files): an error at no position of any file."""

    path: str
    """The path as given (shown relative to the working directory)."""
    message: str
    """What is wrong, naming the path."""
    severity = "error"

    def format(self) -> str:
        return f"qdsl: error: {self.message}"


Finding = Diagnostic | Unreadable
"""What `qdsl check` reports."""


@dataclass(frozen=True)
class CheckReport:
    """What `check_files` found."""

    files: tuple[str, ...]
    """The rule files named, in order (directories expanded), as shown in diagnostics,
    those that could not be read included."""
    findings: tuple[Finding, ...]
    """Errors and warnings, file by file in order, each file's sorted by position."""
    io_errors: tuple[Finding, ...]
    """The findings (also in `findings`) about paths that could not be read: missing,
    unreadable, not UTF-8, a directory without rule files; any makes the exit status 2."""

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def exit_status(self) -> int:
        """0: no errors (warnings allowed); 1: rule errors; 2: a file could not be read."""
        if self.io_errors:
            return InputError.exit_status
        return RuleError.exit_status if self.errors else 0

    def format_text(self) -> str:
        """Errors, then warnings, each with file:line:col, source line and caret; a summary."""
        parts = []
        for title, group in (("errors", self.errors), ("warnings", self.warnings)):
            if group:
                parts.append(f"{title}:\n" + "".join(finding.format() + "\n" for finding in group))
        unread = f" ({len(self.io_errors)} could not be read)" if self.io_errors else ""
        parts.append(f"{_count(len(self.errors), 'error')}, {_count(len(self.warnings), 'warning')} "
                     f"in {_count(len(self.files), 'file')}{unread}\n")
        return "\n".join(parts)

    def format_json(self) -> str:
        """A JSON list of {file, line, column, end_line, end_column, severity, kind, message};
        kind is `io` for a path that could not be read (line and column 0 when the problem
        has no position), `rule` for everything else."""
        io_errors = set(self.io_errors)
        records = []
        for finding in self.findings:
            if isinstance(finding, Unreadable):
                place = {"file": finding.path, "line": 0, "column": 0, "end_line": 0, "end_column": 0}
            else:
                location = finding.location
                place = {"file": location.filename, "line": location.line, "column": location.column,
                         "end_line": location.end_line, "end_column": location.end_column}
            records.append({**place, "severity": finding.severity, "kind": "io" if finding in io_errors else "rule",
                            "message": finding.message})
        return json.dumps(records, indent=2) + "\n"


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def check_files(paths) -> CheckReport:
    """Check rule files or directories (a directory: its *.qpat in sorted order)."""
    with _collector_paused():
        return _Checker().run(paths)


@contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector. Compiling a large rule file keeps millions
    of objects alive, and the full collections CPython runs while they pile up took ~40%
    of the time of checking 5,000 rules; the cycles are collected after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _Checker:
    """One `check_files` run: the files met so far, their findings, their rules and texts."""

    def __init__(self):
        self.files: list[str] = []
        self.findings: list[Finding] = []
        self.io_errors: list[Finding] = []
        self.rules = RuleSet()
        self.sources: dict[str, str] = {}
        self.real_paths: set[str] = set()
        """The files met so far, resolved (see `unseen`)."""

    def run(self, paths) -> CheckReport:
        for path in paths:
            self._path(path)
        findings = self.findings
        if not any(f.severity == "error" and f not in self.io_errors for f in findings):
            findings = self._with_analysis()
        return CheckReport(tuple(self.files), tuple(findings), tuple(self.io_errors))

    def _unreadable(self, finding: Finding) -> None:
        self.io_errors.append(finding)
        self.findings.append(finding)

    def _path(self, path) -> None:
        shown_path = display_path(str(path))
        try:
            found = rule_files(path)
        except InputError as error:
            self.files.append(shown_path)
            self._unreadable(Unreadable(shown_path, error.message))
            return
        if not found:
            self._unreadable(Unreadable(shown_path, f"no .qpat files in directory {path}"))
        for filename in unseen(found, self.real_paths):
            self._file(filename)

    def _file(self, filename: str) -> None:
        shown = display_path(filename)
        self.files.append(shown)
        try:
            text = read_source(filename)
        except InputError as error:
            self._unreadable(Unreadable(shown, error.message))
            return
        except RuleError as error:
            self._unreadable(error.diagnostics[0])
            return
        self.sources[shown] = text
        compiled = compile_text(text, shown)
        clashes = self._add(compiled.rules) if compiled.rules is not None else []
        self.findings.extend(sorted([*compiled.diagnostics, *clashes], key=lambda d: (
            d.location.filename != shown, d.location.filename, d.location.line, d.location.column)))

    def _add(self, rules: RuleSet) -> list[Diagnostic]:
        """Add a file's rules; a name an earlier file defined is an error (as `load_rules`
        reports it), and the earlier rule stays."""
        try:
            self.rules = self.rules + rules
            return []
        except RuleError as error:
            taken = set(self.rules.names())
            self.rules = self.rules + RuleSet(tuple(rule for rule in rules if rule.name not in taken))
            return [replace(d, source_line=source_line(self.sources[d.location.filename], d.location.line))
                    for d in error.diagnostics]

    def _with_analysis(self) -> list[Finding]:
        """The findings with the analysis's warnings, regrouped: file by file in order, each
        file's by position."""
        by_file: dict[str, list[Finding]] = {f: [] for f in self.files}
        for finding in [*self.findings, *analyze(self.rules.rules, self.sources)]:
            by_file.setdefault(_file_of(finding), []).append(finding)
        return [f for name in by_file for f in sorted(by_file[name], key=_position)]


def _file_of(finding: Finding) -> str:
    return finding.path if isinstance(finding, Unreadable) else finding.location.filename


def _position(finding: Finding) -> tuple[int, int]:
    return (0, 0) if isinstance(finding, Unreadable) else (finding.location.line, finding.location.column)


def run_check(args) -> int:
    report = check_files(args.files)
    sys.stdout.write(report.format_json() if args.format == "json" else report.format_text())
    return report.exit_status
