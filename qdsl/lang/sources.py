"""Rule files on disk: which files a path names, their text, and how they are shown."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from ..diagnostics import Diagnostic, InputError, RuleError, SourceLocation, source_line


def rule_files(path: str | os.PathLike) -> list[str]:
    """The `.qpat` files a path names: itself, or the *.qpat files of a directory (not of
    its subdirectories) in sorted order."""
    if not os.fspath(path):
        raise InputError("the rule path is empty; name a .qpat file or a directory of them")
    try:
        path = Path(path)
        if path.is_dir():
            return [str(p) for p in sorted(path.glob("*.qpat")) if p.is_file()]
        is_file, exists = path.is_file(), path.exists()
    except (OSError, ValueError, TypeError) as error:
        raise InputError(f"not a usable rule path: {path!r} ({error})", str(path)) from None
    if not is_file:
        problem = "not a regular file" if exists else "no such rule file or directory"
        raise InputError(f"{problem}: {path}", str(path))
    return [str(path)]


def read_source(path: str) -> str:
    """The text of a rule file; a byte that is not UTF-8 is an error at its line and column.

    A leading UTF-8 byte order mark (some editors write one) is skipped, so columns count
    from the first character after it.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {path}: {error}", path) from None
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        shown = source_line(data[:error.start].decode("utf-8", "replace"), line)
        location = SourceLocation(display_path(path), line, column, line, column + 1)
        raise RuleError(Diagnostic(location, f"the file is not UTF-8: byte 0x{data[error.start]:02x} "
                                   f"cannot start or continue a character", source_line=shown)) from None


def display_path(path: str) -> str:
    """A path as stored in rules and generated modules: relative to the cwd, `/`-separated."""
    if os.path.isabs(path):
        path = os.path.relpath(path)
    return Path(os.path.normpath(path)).as_posix()
