"""The compiler facade: compile_source(), load_rules(), default_rules(), generated/ I/O.

The stage modules (and with them lark and jinja) are imported only when something is
compiled, so `default_rules()` loads the shipped rules from plain-data modules alone.
"""

from __future__ import annotations

import codecs
import importlib
import os
import pkgutil
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Iterable

from .errors import Diagnostic, QdslError, source_line
from .rules import RuleSet, SourceLocation, mark_verified


@dataclass(frozen=True)
class Compiled:
    """The result of compiling one file."""

    rules: RuleSet
    """The rules, in application order."""
    warnings: tuple[Diagnostic, ...]
    """Diagnostics of severity `warning`."""


_CACHE: dict[tuple[str, str, str], tuple[Compiled, tuple[tuple[str, str], ...]]] = {}
"""(file name, its directory's absolute path, text digest) -> the result and the
(absolute path, digest) of each file it imports, checked again on every hit."""


def compile(text: str, filename: str = "<string>") -> Compiled:
    """Run every stage on one source text: parse, import, expand, check, lower, render.

    Imports are resolved relative to `filename`'s directory (the current directory for
    a name without one). Errors of expansion and checking are reported together, the
    file's own first, each file's sorted by position.
    """
    from .macros import text_digest

    key = (filename, os.path.abspath(os.path.dirname(filename)), text_digest(text))
    cached = _CACHE.get(key)
    if cached is None or not all(_unchanged(path, digest) for path, digest in cached[1]):
        _CACHE[key] = _compile(text, filename)
    return _CACHE[key][0]


def _unchanged(path: str, digest: str) -> bool:
    from .macros import text_digest

    try:
        return text_digest(Path(path).read_bytes().decode("utf-8")) == digest
    except (OSError, UnicodeDecodeError):
        return False


def _compile(text: str, filename: str) -> tuple[Compiled, tuple[tuple[str, str], ...]]:
    from .check import check
    from .expand import expand
    from .lower import lower
    from .macros import load_imports
    from .parser import parse
    from .render import render_rule
    from .resolve import Resolver

    module = parse(text, filename)
    imported = load_imports(module)
    if imported.diagnostics:
        raise QdslError(list(imported.diagnostics))
    concrete, diagnostics = expand(module, imported)
    resolver = Resolver(text)
    resolved = [resolver.resolve(rule) for rule in concrete]
    diagnostics = imported.with_source_lines(diagnostics + check(module, resolved))

    def order(diagnostic: Diagnostic) -> tuple:
        return (diagnostic.location.filename != filename, diagnostic.location.filename, *_position(diagnostic))

    errors = [d for d in diagnostics if d.severity == "error"]
    if errors:
        raise QdslError(sorted(errors, key=order))
    rules = RuleSet(tuple(render_rule(lower(resolution)) for resolution in resolved))
    rejected = [d for d in (_rejected_by_torch(rule, text) for rule in rules) if d is not None]
    if rejected:
        raise QdslError(rejected)
    warned = tuple(sorted((d for d in diagnostics if d.severity == "warning"), key=order))
    return Compiled(rules, warned), imported.dependencies


def _rejected_by_torch(rule, text: str) -> Diagnostic | None:
    """A diagnostic when torch's IR parser refuses the IR made for `rule` (a compiler gap
    the checks missed), so that it is reported at compile time with the rule's location."""
    import torch

    for side, ir in (("pattern", rule.pattern), ("replacement", rule.replacement)):
        try:
            torch._C.parse_ir(ir)
        except RuntimeError as error:
            reason = next((line.strip() for line in str(error).splitlines() if line.strip()), "rejected")
            return Diagnostic(rule.location, f"torch cannot parse the {side} IR made for rule '{rule.name}': "
                              f"{reason}", source_line=source_line(text, rule.location.line))
    return None


def _position(diagnostic: Diagnostic) -> tuple[int, int]:
    return (diagnostic.location.line, diagnostic.location.column)


def compile_source(text: str, filename: str = "<string>") -> RuleSet:
    """Compile `.qpat` source text; warnings go through `warnings.warn`, attributed to the caller."""
    if not isinstance(text, str) or not isinstance(filename, str):
        shown = filename if isinstance(filename, str) else "<qdsl>"
        raise QdslError(f"compile_source expects the source text and its file name as str, got "
                        f"{type(text).__name__} and {type(filename).__name__}", filename=shown)
    return _rules_warning_caller(text, filename, caller_depth=1)


def _rules_warning_caller(text: str, filename: str, caller_depth: int) -> RuleSet:
    compiled = compile(text, filename)
    for diagnostic in compiled.warnings:
        warnings.warn(diagnostic.format(), UserWarning, stacklevel=caller_depth + 2)
    return compiled.rules


def rule_files(path: str | os.PathLike) -> list[str]:
    """The `.qpat` files a path names: itself, or a directory's *.qpat in sorted order."""
    try:
        path = Path(path)
        if path.is_dir():
            return [str(p) for p in sorted(path.glob("*.qpat"))]
        is_file = path.is_file()
    except (OSError, ValueError, TypeError) as error:
        raise QdslError(f"not a usable rule path: {path!r} ({error})", filename=str(path)) from None
    if not is_file:
        raise QdslError(f"no such rule file or directory: {path}", filename=str(path))
    return [str(path)]


def read_source(path: str) -> str:
    """The text of a rule file; a byte that is not UTF-8 is an error at its line and column.

    A leading UTF-8 byte order mark (some editors write one) is skipped, so columns count
    from the first character after it.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise QdslError(f"cannot read {path}: {error}", filename=path) from None
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        shown = source_line(data[:error.start].decode("utf-8", "replace"), line)
        location = SourceLocation(display_path(path), line, column, line, column + 1)
        raise QdslError(Diagnostic(location, f"the file is not UTF-8: byte 0x{data[error.start]:02x} "
                                   f"cannot start or continue a character", source_line=shown)) from None


def load_rules(path_or_paths: str | os.PathLike | Iterable[str | os.PathLike]) -> RuleSet:
    """Compile rule files (or directories of them), concatenated in the order given."""
    if isinstance(path_or_paths, (str, os.PathLike)):
        paths = [path_or_paths]
    elif isinstance(path_or_paths, Iterable) and not isinstance(path_or_paths, (bytes, bytearray)):
        paths = list(path_or_paths)
    else:
        raise QdslError(f"load_rules expects a path or paths of .qpat files or directories, "
                        f"got {type(path_or_paths).__name__}")
    result = RuleSet()
    for path in paths:
        if not isinstance(path, (str, os.PathLike)):
            raise QdslError(f"load_rules expects paths as str or os.PathLike, got {type(path).__name__}")
        filenames = rule_files(path)
        if not filenames:
            raise QdslError(f"no .qpat files in directory {path}", filename=str(path))
        for filename in filenames:
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
@cache
def default_rules() -> RuleSet:
    """The shipped rules, from the plain-data modules of `qdsl._generated` (built once)."""
    package = importlib.import_module("qdsl._generated")
    result = RuleSet()
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"qdsl._generated.{info.name}")
        result = result + RuleSet.from_records(module.RULES)
    mark_verified(result)
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
