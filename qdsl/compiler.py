"""The compiler facade: compile_source(), load_rules(), default_rules(), generated/ I/O.

The stage modules (and with them lark and jinja) are imported only when something is
compiled, so `default_rules()` loads the shipped rules from plain-data modules alone.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import pkgutil
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Iterable

from .errors import Diagnostic, QdslError
from .rules import RuleSet


@dataclass(frozen=True)
class Compiled:
    """The result of compiling one file."""

    rules: RuleSet
    """The rules, in application order."""
    warnings: tuple[Diagnostic, ...]
    """Diagnostics of severity `warning`."""


_CACHE: dict[tuple[str, str], Compiled] = {}


def compile(text: str, filename: str = "<string>") -> Compiled:
    """Run every stage on one source text: parse, expand, check, lower, render.

    Errors of expansion and checking are reported together, sorted by position.
    """
    key = (filename, hashlib.sha256(text.encode()).hexdigest())
    if key not in _CACHE:
        _CACHE[key] = _compile(text, filename)
    return _CACHE[key]


def _compile(text: str, filename: str) -> Compiled:
    from .check import check
    from .expand import expand
    from .lower import lower
    from .parser import parse
    from .render import render_rule

    module = parse(text, filename)
    concrete, diagnostics = expand(module)
    diagnostics = diagnostics + check(concrete, text)
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors:
        raise QdslError(sorted(errors, key=_position))
    rules = RuleSet(tuple(render_rule(lower(rule)) for rule in concrete))
    return Compiled(rules, tuple(sorted((d for d in diagnostics if d.severity == "warning"), key=_position)))


def _position(diagnostic: Diagnostic) -> tuple[int, int]:
    return (diagnostic.location.line, diagnostic.location.column)


def compile_source(text: str, filename: str = "<string>") -> RuleSet:
    """Compile `.qpat` source text; warnings go through `warnings.warn`, attributed to the caller."""
    return _rules_warning_caller(text, filename, caller_depth=1)


def _rules_warning_caller(text: str, filename: str, caller_depth: int) -> RuleSet:
    compiled = compile(text, filename)
    for diagnostic in compiled.warnings:
        warnings.warn(diagnostic.format(), UserWarning, stacklevel=caller_depth + 2)
    return compiled.rules


def rule_files(path: str | os.PathLike) -> list[str]:
    """The `.qpat` files a path names: itself, or a directory's *.qpat in sorted order."""
    path = Path(path)
    if path.is_dir():
        return [str(p) for p in sorted(path.glob("*.qpat"))]
    if not path.is_file():
        raise QdslError(f"no such rule file or directory: {path}", filename=str(path))
    return [str(path)]


def read_source(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise QdslError(f"cannot read {path}: {error}", filename=path) from None


def load_rules(path_or_paths: str | os.PathLike | Iterable[str | os.PathLike]) -> RuleSet:
    """Compile rule files (or directories of them), concatenated in the order given."""
    paths = [path_or_paths] if isinstance(path_or_paths, (str, os.PathLike)) else list(path_or_paths)
    result = RuleSet()
    for path in paths:
        for filename in rule_files(path):
            rules = _rules_warning_caller(read_source(filename), display_path(filename), caller_depth=1)
            clash = sorted(set(result.names()) & set(rules.names()))
            if clash:
                first = rules[clash[0]].location
                raise QdslError(Diagnostic(first, f"rule '{clash[0]}' is already defined by an earlier file "
                                           f"({result[clash[0]].location})"))
            result = result + rules
    return result


def display_path(path: str) -> str:
    """A path as stored in rules and generated modules: relative to the cwd, `/`-separated."""
    if os.path.isabs(path):
        path = os.path.relpath(path)
    return Path(os.path.normpath(path)).as_posix()


@cache
def default_rules() -> RuleSet:
    """The shipped rules, from the plain-data modules of `qdsl._generated`."""
    package = importlib.import_module("qdsl._generated")
    result = RuleSet()
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"qdsl._generated.{info.name}")
        result = result + RuleSet.from_records(module.RULES)
    return result


def generated_modules(source_dir: str) -> dict[str, str]:
    """Generated module file name -> its text, for every rule file of `source_dir`."""
    from .render import render_module

    modules = {}
    for filename in rule_files(source_dir):
        shown = display_path(filename)
        rules = compile(read_source(filename), shown).rules
        modules[Path(filename).stem + ".py"] = render_module(shown, rules)
    return modules


def dump(filename: str, stage: str) -> str:
    """One file's AST, expanded rules or rendered IR as stable text (golden tests, `--dump`)."""
    from .expand import expand, format_rule
    from .parser import parse
    from .syntax import dump as dump_ast

    text = read_source(filename)
    shown = display_path(filename)
    if stage == "ast":
        return dump_ast(parse(text, shown))
    if stage == "expand":
        compile(text, shown)
        concrete, _ = expand(parse(text, shown))
        return "".join(format_rule(rule) for rule in concrete)
    parts = []
    for rule in compile(text, shown).rules:
        parts.append(f"# rule {rule.name} ({rule.stage} {rule.quant_type}) at {rule.location}\n"
                     f"# guard: {rule.guard!r}\n{rule.pattern}# ->\n{rule.replacement}\n")
    return "".join(parts)
