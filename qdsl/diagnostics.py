"""Where a problem is and what it is: source spans, diagnostics, and qdsl's errors by kind.

Every error qdsl raises on bad input is a `QdslError`; its subclass says whose input
was wrong, and the command line maps that to its exit status:

- `RuleError`: a rule file or rule is wrong (diagnostics with real spans);
- `InputError`: anything else the caller passed (paths, modules, arguments);
- `RuleRuntimeError`: a rule failed while rewriting a graph (it broke the graph, or
  its guard raised), reported with the rule's name and `.qpat` location.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class SourceLocation:
    """A span in a source file, 1-based, end exclusive."""

    filename: str
    """The file as shown to users (relative to the working directory, `/`-separated)."""
    line: int
    """First line of the span."""
    column: int
    """First column of the span."""
    end_line: int
    """Line of the span's end."""
    end_column: int
    """Column just after the span's last character."""

    def __str__(self) -> str:
        return f"{self.filename}:{self.line}:{self.column}"

    def as_tuple(self) -> tuple[str, int, int, int, int]:
        return (self.filename, self.line, self.column, self.end_line, self.end_column)


@dataclass(frozen=True)
class Diagnostic:
    """One message about one place in a source file."""

    location: SourceLocation
    """Where the problem is."""
    message: str
    """What is wrong and what was expected."""
    severity: str = "error"
    """`error` or `warning`."""
    source_line: str = ""
    """The text of the offending line, shown with a caret under the span."""

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def format(self) -> str:
        loc = self.location
        head = f"{loc.filename}:{loc.line}:{loc.column}: {self.severity}: {self.message}"
        if not self.source_line:
            return head
        line = self.source_line.rstrip("\n")
        width = max(1, (loc.end_column - loc.column) if loc.end_line == loc.line else 1)
        # Tabs before the span stay tabs, so that the caret lines up wherever the terminal's tab stops are.
        indent = "".join(c if c == "\t" else " " for c in line[:loc.column - 1])
        caret = indent + " " * (loc.column - 1 - len(indent)) + "^" + "~" * (width - 1)
        return f"{head}\n    {line}\n    {caret}"


class QdslError(Exception):
    """The base of every error qdsl raises on bad input."""

    exit_status = 1
    """The command line's exit status for this kind of error."""


class RuleError(QdslError):
    """A rule file or rule is wrong; carries every diagnostic of the file, sorted."""

    def __init__(self, diagnostics: list[Diagnostic] | tuple[Diagnostic, ...] | Diagnostic):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
        """The diagnostics, first one first."""
        first = self.diagnostics[0].location
        self.filename, self.line, self.column = first.filename, first.line, first.column
        super().__init__("\n".join(d.format() for d in self.diagnostics))


class InputError(QdslError):
    """A path, module or argument that qdsl cannot use."""

    exit_status = 2

    def __init__(self, message: str, path: str | None = None):
        self.message = message
        """What is wrong and what was expected."""
        self.path = path
        """The file or directory concerned, if any."""
        super().__init__(message)


class RuleRuntimeError(QdslError):
    """A rule failed while rewriting a graph: the graph is left as it was before the stage."""

    def __init__(self, rule_name: str, location: SourceLocation, message: str):
        self.rule_name = rule_name
        """The rule that failed."""
        self.location = location
        """Its header in the `.qpat` file."""
        self.message = message
        """What went wrong, and where in the model when known."""
        super().__init__(f"{location}: error: rule {rule_name}: {message}")


def user_warning(message: str, command_line: str) -> UserWarning:
    """A UserWarning worded for the Python API that carries the same in the command line's
    terms (its options for the API's arguments) as `command_line`, which `qdsl` prints."""
    warning = UserWarning(message)
    warning.command_line = command_line
    return warning


def source_line(text: str, line: int) -> str:
    """The 1-based `line` of `text`, or '' when out of range.

    Lines end at `\\n` only, as the parser counts them (`str.splitlines` would also
    split at `\\r`, form feeds and Unicode separators and so show another line).
    """
    lines = _lines(text)
    return lines[line - 1].rstrip("\r") if 1 <= line <= len(lines) else ""


@lru_cache(maxsize=4)
def _lines(text: str) -> tuple[str, ...]:
    """A file's lines, split once however many diagnostics it has."""
    return tuple(text.split("\n"))
