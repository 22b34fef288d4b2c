"""One error type for every stage: a diagnostic that points into a source file."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .rules import SourceLocation

NO_FILE = "<qdsl>"
"""The file name of a diagnostic about no file (a module, an argument): not shown."""


@dataclass(frozen=True)
class Diagnostic:
    """One message about one place in a source file."""

    location: SourceLocation
    """Where the problem is; its line and column are 1-based."""
    message: str
    """What is wrong and what was expected."""
    severity: str = "error"
    """`error` or `warning`."""
    source_line: str = ""
    """The text of the offending line, shown with a caret under the column."""

    def format(self) -> str:
        """`file:line:col: severity: message` with the line and a caret; without a
        line (line 0), `file: severity: message`, or just `severity: message` when the
        problem is in no file at all."""
        loc = self.location
        if loc.line == 0:
            place = "" if loc.filename == NO_FILE else f"{loc.filename}: "
            return f"{place}{self.severity}: {self.message}"
        head = f"{loc.filename}:{loc.line}:{loc.column}: {self.severity}: {self.message}"
        if not self.source_line:
            return head
        line = self.source_line.rstrip("\n")
        width = max(1, (loc.end_column - loc.column) if loc.end_line == loc.line else 1)
        caret = " " * (loc.column - 1) + "^" + "~" * (width - 1)
        return f"{head}\n    {line}\n    {caret}"


class QdslError(Exception):
    """Raised for every bad input: rule files, modules, arguments.

    Carries the first diagnostic's `filename`, `line` and `column`, and all of them in
    `diagnostics` (a file's errors are reported together).
    """

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic | str, *, filename: str = NO_FILE):
        if isinstance(diagnostics, str):
            diagnostics = Diagnostic(SourceLocation(filename, 0, 0, 0, 0), diagnostics)
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
        first = self.diagnostics[0].location
        self.filename = first.filename
        self.line = first.line
        self.column = first.column
        super().__init__("\n".join(d.format() for d in self.diagnostics))


def source_line(text: str, line: int) -> str:
    """The 1-based `line` of `text`, or '' when out of range.

    Lines end at `\n` only, as the parser counts them (`str.splitlines` would also
    split at `\r`, form feeds and Unicode separators and so show another line).
    """
    lines = _lines(text)
    return lines[line - 1].rstrip("\r") if 1 <= line <= len(lines) else ""


@lru_cache(maxsize=4)
def _lines(text: str) -> tuple[str, ...]:
    """A file's lines, split once however many diagnostics it has."""
    return tuple(text.split("\n"))
