"""What several commands share: loading `--rules`, finding the source text a rule was compiled from."""

from __future__ import annotations

import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Sequence

from ..errors import Diagnostic, QdslError
from ..rules import Rule, RuleSet, is_verified

SHIPPED_PATTERNS_DIR = "patterns"
"""The directory name shipped rules record as their file (`patterns/fusion_static.qpat`)."""


def load_rule_set(paths: Sequence[str] | None) -> RuleSet:
    """The rules of `paths` in order (files or directories), or the shipped rules for None.

    Compiler warnings are printed to stderr as diagnostics (not as Python warnings).
    """
    from ..compiler import compile as compile_text
    from ..compiler import default_rules, display_path, read_source, rule_files

    if not paths:
        return default_rules()
    result = RuleSet()
    for path in paths:
        for filename in rule_files(path):
            compiled = compile_text(read_source(filename), display_path(filename))
            for warning in compiled.warnings:
                print(warning.format(), file=sys.stderr)
            clash = sorted(set(result.names()) & set(compiled.rules.names()))
            if clash:
                raise QdslError(Diagnostic(compiled.rules[clash[0]].location,
                                           f"rule '{clash[0]}' is already defined by an earlier file "
                                           f"({result[clash[0]].location})"))
            result = result + compiled.rules
    return result


def rule_source_text(rule: Rule) -> str | None:
    """The text of the `.qpat` file `rule` was compiled from, or None when it cannot be
    found or no longer compiles to `rule` (edited since it was loaded).

    A shipped rule is read from the packaged copy (`qdsl._patterns`) only, never from
    the working directory; any other rule from the path it was loaded from, which its
    location names (relative to the working directory, as the compiler records it).
    """
    filename = rule.location.filename
    text = _shipped_text(filename) if is_verified(rule) else _file_text(filename)
    if text is None or rule not in _compiled_rules(text, filename):
        return None
    return text


def _shipped_text(filename: str) -> str | None:
    parts = PurePosixPath(filename).parts
    if len(parts) < 2 or parts[0] != SHIPPED_PATTERNS_DIR:
        return None
    packaged = resources.files("qdsl._patterns").joinpath(*parts[1:])
    return packaged.read_text(encoding="utf-8") if packaged.is_file() else None


def _file_text(filename: str) -> str | None:
    from ..compiler import read_source

    try:
        return read_source(filename) if Path(filename).is_file() else None
    except QdslError:
        return None


@lru_cache(maxsize=8)
def _compiled_rules(text: str, filename: str) -> frozenset[Rule]:
    """The rules `text` compiles to (none if it has errors)."""
    from ..compiler import compile as compile_text

    try:
        return frozenset(compile_text(text, filename).rules)
    except QdslError:
        return frozenset()
