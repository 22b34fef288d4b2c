"""What several commands share: loading `--rules`, finding a rule's source text."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Sequence

from ..errors import Diagnostic, QdslError
from ..rules import RuleSet

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


def rule_source_text(filename: str) -> str | None:
    """The text of the rule file a rule's location names, or None if it cannot be found.

    Shipped rules name `patterns/...` relative to the source tree; outside it, the copy
    packaged as `qdsl._patterns` is read.
    """
    path = Path(filename)
    if path.is_file():
        return path.read_text(encoding="utf-8")
    parts = PurePosixPath(filename).parts
    if parts and parts[0] == SHIPPED_PATTERNS_DIR:
        packaged = resources.files("qdsl._patterns").joinpath(*parts[1:])
        if packaged.is_file():
            return packaged.read_text(encoding="utf-8")
    return None
