"""`qdsl fmt`: rewrite rule files in the canonical layout of `qdsl.lang.format`."""

from __future__ import annotations

import codecs
import difflib
import sys
from pathlib import Path

from ..diagnostics import InputError, RuleError
from ..lang.format import format_source
from ..lang.sources import display_path, read_source, rule_files, unseen

BYTE_ORDER_MARK = "\ufeff"
"""A UTF-8 byte order mark: read as nothing, and not written (the layout is plain UTF-8)."""


def run_fmt(args) -> int:
    """Every file is formatted (or checked, or diffed) even when an earlier one fails;
    the exit status is the worst: 2 for a missing or unreadable path, 1 for a file that
    does not parse or (with --check) would change."""
    status = 0
    seen: set[str] = set()
    for path in args.files:
        try:
            filenames = rule_files(path)
        except InputError as error:
            print(f"qdsl: error: {error.message}", file=sys.stderr)
            status = 2
            continue
        for filename in unseen(filenames, seen):
            status = max(status, _format_file(filename, args))
    return status


def _format_file(filename: str, args) -> int:
    shown = display_path(filename)
    try:
        text = read_source(filename)
        formatted = format_source(text, shown)
    except InputError as error:
        print(f"qdsl: error: {error.message}", file=sys.stderr)
        return 2
    except RuleError as error:
        print(error, file=sys.stderr)
        return 1
    if Path(filename).read_bytes().startswith(codecs.BOM_UTF8):
        text = BYTE_ORDER_MARK + text
    if formatted == text:
        return 0
    if args.diff:
        sys.stdout.writelines(difflib.unified_diff(
            text.splitlines(keepends=True), formatted.splitlines(keepends=True),
            fromfile=f"{shown} (original)", tofile=f"{shown} (formatted)"))
    if args.check:
        print(f"would reformat {shown}", file=sys.stderr)
        return 1
    if not args.diff:
        Path(filename).write_text(formatted, encoding="utf-8")
        print(f"reformatted {shown}", file=sys.stderr)
    return 0
