"""Files on disk: the one check that a path names a regular file (rule files and saved
models alike), which rule files paths name (each once), their text, and how they are shown."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from ..diagnostics import Diagnostic, InputError, RuleError, SourceLocation, source_line


def regular_file(path: str | os.PathLike, missing: str, wanted: str) -> str:
    """`path` as a str when it names a regular file. Otherwise an InputError: `missing`
    (e.g. "no such file") when nothing is there, and what the path names instead of
    `wanted` when it is empty or names a directory, a device, a fifo or a socket (reading
    a device or fifo would block or never end)."""
    if not os.fspath(path):
        raise InputError(f"the path is empty; name {wanted}")
    if os.path.isfile(path):
        return os.fspath(path)
    if not os.path.exists(path):
        raise InputError(f"{missing}: {path}", str(path))
    instead = "a directory" if os.path.isdir(path) else "a device, fifo or socket"
    raise InputError(f"{path} is {instead}, not {wanted}", str(path))


def rule_files(path: str | os.PathLike) -> list[str]:
    """The `.qpat` files a path names: itself, or the *.qpat files of a directory (not of
    its subdirectories) in sorted order."""
    if os.fspath(path) and os.path.isdir(path):
        try:
            return [str(p) for p in sorted(Path(path).glob("*.qpat")) if p.is_file()]
        except OSError as error:
            raise InputError(f"cannot read directory {path}: {error.strerror or error}", str(path)) from None
    return [regular_file(path, "no such rule file or directory", "a .qpat file or a directory of them")]


def unseen(filenames: list[str], seen: set[str]) -> list[str]:
    """The files of `filenames` whose real paths are not in `seen`, which they join: a file
    named twice (itself and through its directory, or a link to it) is read once."""
    fresh = []
    for filename in filenames:
        real = os.path.realpath(filename)
        if real not in seen:
            seen.add(real)
            fresh.append(filename)
    return fresh


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
