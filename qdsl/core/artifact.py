"""The generated artifact: one importable Python module of plain data per rule file.

`qdsl compile` writes, for each `.qpat` file, a module headed by its format version, the
qdsl and torch versions that made it and the source's sha256, followed by one record
per rule (neutral pattern graphs, guard, provenance, backend renderings). The printer
is hand-written and stable: the same rules always give the same bytes. Loading needs
neither lark nor jinja nor torch. A module of another format, or whose recorded hash
differs from the packaged source it was made from, is not used: the caller compiles
the source instead.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..diagnostics import SourceLocation
from . import guards
from .patterns import PatternGraph
from .rules import Provenance, Rule, RuleSet, Stage

FORMAT = 3
"""Bumped whenever the record layout changes."""

_WIDTH = 120
"""Longest line the printer writes before breaking a tuple (a graph's values and nodes
stay one per line whatever their length)."""


def source_sha256(text: str) -> str:
    """The hash a rule's provenance records for its source text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def rule_record(rule: Rule) -> tuple:
    """A rule as plain nested tuples (see `rule_from_record`); spans in the rule's own file
    leave the file name out."""
    p = rule.provenance
    filename = p.location.filename
    return (
        rule.name,
        (rule.stage.backend, rule.stage.words),
        rule.pattern.to_record(filename),
        rule.replacement.to_record(filename),
        None if rule.guard is None else guards.to_record(rule.guard),
        (p.location.as_tuple(), p.family, p.expansion, p.source_sha256),
        rule.folds,
        rule.renderings,
        rule.engines,
    )


def rule_from_record(record: tuple, *, shipped: bool = False) -> Rule:
    name, (backend, words), pattern, replacement, guard, provenance, folds, renderings, engines = record
    location, family, expansion, sha = provenance
    filename = location[0]
    return Rule(
        name=name,
        stage=Stage(backend, tuple(words)),
        pattern=PatternGraph.from_record(pattern, filename),
        replacement=PatternGraph.from_record(replacement, filename),
        guard=None if guard is None else guards.from_record(guard),
        provenance=Provenance(SourceLocation(*location), family, expansion, sha, shipped),
        folds=tuple(folds),
        renderings=tuple(renderings),
        engines=tuple(engines),
    )


def render_module(source: str, sha256: str, rules: RuleSet, qdsl_version: str, torch_version: str) -> str:
    """The text of the generated module for the rule file `source` (its display path)."""
    lines = [
        '"""Rules compiled by `qdsl compile` from the SOURCE file below; do not edit."""',
        "",
        f"FORMAT = {FORMAT}",
        f"QDSL_VERSION = {qdsl_version!r}",
        f"TORCH_VERSION = {torch_version!r}",
        f"SOURCE = {source!r}",
        f"SOURCE_SHA256 = {sha256!r}",
        "",
        "RULES = (",
    ]
    for rule in rules:
        lines.append(_literal(rule_record(rule), 1) + ",")
    lines.append(")")
    return "\n".join(lines) + "\n"


def render_index(modules: dict[str, tuple[str, str, tuple[Stage, ...]]]) -> str:
    """The text of the generated package's `__init__.py`: per generated module, its source,
    the source's sha256 and its rules' stages, so that a driver reads only the modules of
    the stages it runs (and every module whose source no longer has that hash)."""
    lines = [
        '"""Compiled shipped rules (written by `qdsl compile`; do not edit)."""',
        "",
        "INDEX = {",
        *(f"    {name!r}: {(source, sha256, tuple((stage.backend, stage.words) for stage in stages))!r},"
          for name, (source, sha256, stages) in sorted(modules.items())),
        "}",
        '"""Generated module -> (its SOURCE, SOURCE_SHA256, the (backend, words) of its rules\' stages)."""',
    ]
    return "\n".join(lines) + "\n"


def rules_of_module(module: Any, source_text: str | None, *, shipped: bool) -> RuleSet | None:
    """The rules of a generated module, or None when it cannot be used: another format,
    or a recorded hash that differs from `source_text` (when given)."""
    if getattr(module, "FORMAT", None) != FORMAT:
        return None
    if source_text is not None and module.SOURCE_SHA256 != source_sha256(source_text):
        return None
    return RuleSet(tuple(rule_from_record(record, shipped=shipped) for record in module.RULES))


def _literal(value: Any, indent: int, depth: int = 0) -> str:
    """`repr` of a rule record, tuples broken one element per line when they do not fit;
    the graphs' value and node tuples (depth 3) are never broken."""
    pad = "    " * indent
    flat = repr(value)
    if not isinstance(value, tuple) or len(pad) + len(flat) <= _WIDTH or not value or depth >= 3:
        return pad + flat
    inner = [_literal(item, indent + 1, depth + 1) + "," for item in value]
    return f"{pad}(\n" + "\n".join(inner) + f"\n{pad})"
