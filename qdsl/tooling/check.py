"""`qdsl check`: every diagnostic of every rule file, plus the rule-set analysis.

The files are checked like `load_rules` would load them, in the order given: each on
its own (syntax, expansion, operator checks), then their rules together (names unique
across files, shadowing and order within each stage).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..compiler import compile as compile_text
from ..compiler import display_path, read_source, rule_files
from ..errors import Diagnostic, QdslError, source_line
from ..rules import Rule
from .analysis import analyze


@dataclass(frozen=True)
class CheckReport:
    """What `check_files` found."""

    files: tuple[str, ...]
    """The rule files checked, in order (directories expanded), as shown in diagnostics."""
    diagnostics: tuple[Diagnostic, ...]
    """Errors and warnings, file by file in order, each file's sorted by position."""
    io_errors: tuple[str, ...]
    """Paths that could not be read, with the reason; any makes the exit status 2."""

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "warning")

    @property
    def exit_status(self) -> int:
        """0: no errors (warnings allowed); 1: rule errors; 2: a file could not be read."""
        if self.io_errors:
            return 2
        return 1 if self.errors else 0

    def format_text(self) -> str:
        """Errors, then warnings, each with file:line:col, source line and caret; a summary."""
        parts = []
        for title, group in (("errors", self.errors), ("warnings", self.warnings)):
            if group:
                parts.append(f"{title}:\n" + "".join(d.format() + "\n" for d in group))
        parts.append(f"{_count(len(self.errors), 'error')}, {_count(len(self.warnings), 'warning')} "
                     f"in {_count(len(self.files), 'file')}\n")
        return "\n".join(parts)

    def format_json(self) -> str:
        """A JSON list of {file, line, column, end_line, end_column, severity, message}."""
        records = [
            {"file": d.location.filename, "line": d.location.line, "column": d.location.column,
             "end_line": d.location.end_line, "end_column": d.location.end_column,
             "severity": d.severity, "message": d.message}
            for d in self.diagnostics
        ]
        return json.dumps(records, indent=2) + "\n"


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def check_files(paths) -> CheckReport:
    """Check rule files or directories (a directory: its *.qpat in sorted order)."""
    files: list[str] = []
    io_errors: list[str] = []
    for path in paths:
        try:
            found = rule_files(path)
        except QdslError as error:
            io_errors.append(error.diagnostics[0].message)
            continue
        if not found:
            io_errors.append(f"no .qpat files in directory {path}")
        files.extend(found)
    diagnostics: list[Diagnostic] = []
    all_rules: list[Rule] = []
    sources: dict[str, str] = {}
    defined: dict[str, Rule] = {}
    shown_files = []
    for filename in files:
        shown = display_path(filename)
        shown_files.append(shown)
        try:
            text = read_source(filename)
        except QdslError as error:
            io_errors.append(error.diagnostics[0].message)
            continue
        sources[shown] = text
        file_diagnostics, rules = check_source(text, shown)
        for rule in rules:
            if rule.name in defined:
                file_diagnostics.append(Diagnostic(
                    rule.location, f"rule '{rule.name}' is already defined by an earlier file "
                    f"({defined[rule.name].location})", "error", source_line(text, rule.location.line)))
            else:
                defined[rule.name] = rule
                all_rules.append(rule)
        diagnostics.extend(sorted(file_diagnostics, key=_position))
    if not any(d.severity == "error" for d in diagnostics):
        analysis = analyze(all_rules, sources)
        by_file = {f: [d for d in diagnostics if d.location.filename == f] for f in shown_files}
        for warning in analysis:
            by_file.setdefault(warning.location.filename, []).append(warning)
        diagnostics = [d for f in by_file for d in sorted(by_file[f], key=_position)]
    return CheckReport(tuple(shown_files), tuple(diagnostics), tuple(io_errors))


def check_source(text: str, filename: str) -> tuple[list[Diagnostic], tuple[Rule, ...]]:
    """One file's own diagnostics (all of them, warnings included) and, if it has no
    errors, its compiled rules."""
    from ..check import check
    from ..expand import expand
    from ..parser import parse
    from ..resolve import Resolver

    try:
        module = parse(text, filename)
    except QdslError as error:
        return list(error.diagnostics), ()
    concrete, diagnostics = expand(module)
    resolver = Resolver(text)
    diagnostics = list(diagnostics) + list(check(module, [resolver.resolve(rule) for rule in concrete]))
    if any(d.severity == "error" for d in diagnostics):
        return diagnostics, ()
    try:
        compiled = compile_text(text, filename)
    except QdslError as error:
        return diagnostics + list(error.diagnostics), ()
    return diagnostics, tuple(compiled.rules)


def _position(diagnostic: Diagnostic) -> tuple[int, int]:
    return (diagnostic.location.line, diagnostic.location.column)


def add_check_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "check", help="report every diagnostic of rule files, with shadowing and order warnings",
        description="Check .qpat files (or directories of them) as one rule set, in the order given. "
                    "Exit status: 0 no errors (warnings allowed), 1 rule errors, 2 a file could not be read.")
    parser.add_argument("files", nargs="+", metavar="FILE", help="a .qpat file or a directory of them")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.set_defaults(run=run_check)


def run_check(args) -> int:
    import sys

    report = check_files(args.files)
    for message in report.io_errors:
        print(f"qdsl: error: {message}", file=sys.stderr)
    sys.stdout.write(report.format_json() if args.format == "json" else report.format_text())
    return report.exit_status
