"""What several commands share: the rule set of `--rules`, the backend of `--backend`, and
the `.qpat` text at a place of a rule.

A rule's source is never looked up by name alone: it is read from where its provenance
says (shipped rules from the package, never from the working directory) and used only
when its sha256 is the one recorded when the rule was compiled.
"""

from __future__ import annotations

import importlib
import sys
from typing import Sequence

from ..core.artifact import source_sha256
from ..core.backend import BackendInfo, backend_info
from ..core.loading import default_rules, load_rules, shipped_source
from ..core.rules import Rule, RuleSet
from ..diagnostics import Diagnostic, InputError, QdslError, SourceLocation


def load_rule_set(paths: Sequence[str] | None) -> RuleSet:
    """The rules of `paths` in order (files or directories), or the shipped rules for None;
    compiler warnings are printed to stderr as diagnostics."""
    if not paths:
        return default_rules()
    return load_rules(paths, on_warning=_print_warning)


def _print_warning(diagnostic: Diagnostic) -> None:
    print(diagnostic.format(), file=sys.stderr)


def backend_commands(name: str):
    """The command-line functions (`BackendCommands`) of the backend called `name`."""
    info = _backend(name)
    if not info.commands:
        raise InputError(f"the {name} backend does not support this command")
    return importlib.import_module(info.commands)


def _backend(name: str) -> BackendInfo:
    try:
        return backend_info(name)
    except KeyError:
        raise InputError(f"unknown backend {name!r}") from None


def rule_source(rule: Rule) -> str | None:
    """The text `rule` was compiled from, or None when it cannot be read or was edited since."""
    provenance = rule.provenance
    filename = provenance.location.filename
    if provenance.shipped:
        text = shipped_source(filename)
    else:
        from ..lang.sources import read_source

        try:
            text = read_source(filename)
        except QdslError:
            return None
    return text if text is not None and source_sha256(text) == provenance.source_sha256 else None


def source_excerpt(rule: Rule, location: SourceLocation) -> str | None:
    """The `.qpat` text at `location`, a span in `rule`'s own file (its first line, then
    ` ...` when it goes on), or None when that text is not available."""
    if location.filename != rule.location.filename:
        return None
    text = rule_source(rule)
    lines = text.split("\n") if text is not None else []
    if not 1 <= location.line <= len(lines):
        return None
    line = lines[location.line - 1].rstrip("\r")
    end = location.end_column - 1 if location.end_line == location.line else len(line)
    return line[location.column - 1:end].strip() + (" ..." if location.end_line != location.line else "")
