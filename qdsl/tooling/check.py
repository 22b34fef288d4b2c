"""`qdsl check`: every diagnostic of every rule file, plus the rule-set analysis.

The files are checked like `load_rules` would load them, in the order given: each on
its own (syntax, expansion, operator checks), then their rules together (names unique
across files, shadowing and order within each stage).
"""

from __future__ import annotations

import gc
import json
from contextlib import contextmanager
from dataclasses import dataclass

from ..compiler import compile as compile_text
from ..compiler import display_path, read_source, rule_files
from ..errors import Diagnostic, QdslError, source_line
from ..rules import Rule, SourceLocation
from .analysis import analyze


@dataclass(frozen=True)
class CheckReport:
    """What `check_files` found."""

    files: tuple[str, ...]
    """The rule files named, in order (directories expanded), as shown in diagnostics,
    those that could not be read included."""
    diagnostics: tuple[Diagnostic, ...]
    """Errors and warnings, file by file in order, each file's sorted by position."""
    io_errors: tuple[Diagnostic, ...]
    """The diagnostics (also in `diagnostics`) of paths that could not be read: missing,
    unreadable, not UTF-8, a directory without rule files; any makes the exit status 2."""

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
                parts.append(f"{title}:\n" + "".join(_format(d) + "\n" for d in group))
        unread = f" ({len(self.io_errors)} could not be read)" if self.io_errors else ""
        parts.append(f"{_count(len(self.errors), 'error')}, {_count(len(self.warnings), 'warning')} "
                     f"in {_count(len(self.files), 'file')}{unread}\n")
        return "\n".join(parts)

    def format_json(self) -> str:
        """A JSON list of {file, line, column, end_line, end_column, severity, kind, message};
        kind is `io` for a path that could not be read (line and column 0 when the problem
        has no position), `rule` for everything else."""
        io_errors = set(self.io_errors)
        records = [
            {"file": d.location.filename, "line": d.location.line, "column": d.location.column,
             "end_line": d.location.end_line, "end_column": d.location.end_column,
             "severity": d.severity, "kind": "io" if d in io_errors else "rule", "message": d.message}
            for d in self.diagnostics
        ]
        return json.dumps(records, indent=2) + "\n"


def _format(diagnostic: Diagnostic) -> str:
    """A diagnostic with its position; one without (a missing file) as the CLI's other
    I/O errors are shown, its message naming the path."""
    if diagnostic.location.line == 0:
        return f"qdsl: {diagnostic.severity}: {diagnostic.message}"
    return diagnostic.format()


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def check_files(paths) -> CheckReport:
    """Check rule files or directories (a directory: its *.qpat in sorted order)."""
    with _collector_paused():
        return _check_files(paths)


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


def _check_files(paths) -> CheckReport:
    files: list[str] = []
    io_errors: list[Diagnostic] = []
    diagnostics: list[Diagnostic] = []
    all_rules: list[Rule] = []
    sources: dict[str, str] = {}
    defined: dict[str, Rule] = {}
    for path in paths:
        shown_path = display_path(str(path))
        try:
            found = rule_files(path)
        except QdslError as error:
            files.append(shown_path)
            io_errors.append(Diagnostic(SourceLocation(shown_path, 0, 0, 0, 0), error.diagnostics[0].message))
            diagnostics.append(io_errors[-1])
            continue
        if not found:
            io_errors.append(Diagnostic(SourceLocation(shown_path, 0, 0, 0, 0), f"no .qpat files in directory {path}"))
            diagnostics.append(io_errors[-1])
        for filename in found:
            shown = display_path(filename)
            files.append(shown)
            try:
                text = read_source(filename)
            except QdslError as error:
                io_errors.append(error.diagnostics[0])
                diagnostics.append(error.diagnostics[0])
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
    if not any(d.severity == "error" and d not in io_errors for d in diagnostics):
        analysis = analyze(all_rules, sources)
        by_file: dict[str, list[Diagnostic]] = {f: [] for f in files}
        for diagnostic in [*diagnostics, *analysis]:
            by_file.setdefault(diagnostic.location.filename, []).append(diagnostic)
        diagnostics = [d for f in by_file for d in sorted(by_file[f], key=_position)]
    return CheckReport(tuple(files), tuple(diagnostics), tuple(io_errors))


def check_source(text: str, filename: str) -> tuple[list[Diagnostic], tuple[Rule, ...]]:
    """One file's own diagnostics (all of them, warnings included) and, if it has no
    errors, its compiled rules."""
    try:
        compiled = compile_text(text, filename)
    except QdslError as error:
        return _diagnostics_of_failed_compile(text, filename, error), ()
    return list(compiled.warnings), tuple(compiled.rules)


def _diagnostics_of_failed_compile(text: str, filename: str, error: QdslError) -> list[Diagnostic]:
    """The errors `compile` raised together with the file's warnings, which it drops."""
    from ..check import check
    from ..expand import expand
    from ..macros import load_imports
    from ..parser import parse
    from ..resolve import Resolver

    try:
        module = parse(text, filename)
    except QdslError as syntax_error:
        return list(syntax_error.diagnostics)
    imported = load_imports(module)
    if imported.diagnostics:
        return list(imported.diagnostics)
    concrete, diagnostics = expand(module, imported)
    resolver = Resolver(text)
    resolved = [resolver.resolve(rule) for rule in concrete]
    diagnostics = imported.with_source_lines(list(diagnostics) + list(check(module, resolved)))
    if any(d.severity == "error" for d in diagnostics):
        return diagnostics
    return diagnostics + list(error.diagnostics)


def _position(diagnostic: Diagnostic) -> tuple[int, int]:
    return (diagnostic.location.line, diagnostic.location.column)


def run_check(args) -> int:
    import sys

    report = check_files(args.files)
    sys.stdout.write(report.format_json() if args.format == "json" else report.format_text())
    return report.exit_status
