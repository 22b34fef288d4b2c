"""The compiler as named pure stages: parse, import, expand, resolve, check, lower, then
each backend's hooks (lint, render, validate).

`compile_text` never raises on a bad rule file: it returns every stage's result with
every diagnostic of the file, sorted, so that tools (`check`, `show`, `compile --dump`)
use the stage results instead of running stages again. `CompileResult.rules_or_raise()`
is what callers that only want rules use.
"""

from __future__ import annotations

import inspect
import os
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping

from ..diagnostics import Diagnostic, InputError, RuleError, source_line
from ..lang import syntax as ast
from ..lang.concrete import ConcreteRule
from .artifact import source_sha256
from .backend import BackendInfo, all_backends, compiler_hooks, load_operators, stage_spellings
from .guards import Predicate
from .rules import Rule, RuleSet


@dataclass(frozen=True)
class CompileResult:
    """What compiling one source text produced, stage by stage."""

    filename: str
    """The name diagnostics and provenance use for the text."""
    text: str
    """The source text."""
    sha256: str
    """Its hash (recorded in each rule's provenance)."""
    module: ast.Module | None
    """The AST; None when the text does not parse."""
    concrete: tuple[ConcreteRule, ...]
    """The expanded rules (families, commutative orders, macros and short forms resolved)."""
    rules: RuleSet | None
    """The compiled rules; None when the file has errors."""
    diagnostics: tuple[Diagnostic, ...]
    """Errors and warnings of every stage: the file's own first, each file's by position."""
    dependencies: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    """(real path, sha256) of each file the text imports from."""

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if not d.is_error)

    def rules_or_raise(self) -> RuleSet:
        """The rules; a `RuleError` with every error of the file when it has any."""
        if self.rules is None:
            raise RuleError(self.errors)
        return self.rules


def compile_text(text: str, filename: str = "<string>",
                 predicates: Mapping[str, Predicate] | None = None) -> CompileResult:
    """Compile one `.qpat` source text; imports resolve relative to `filename`'s directory.

    `predicates` are guard predicates the rules may call besides their backend's
    builtins; the rule set carries them (anything but a mapping of names to functions is
    an `InputError`). Results are cached by file name, text, imported files and the
    predicates' names and numbers of arguments.
    """
    predicates = _checked_predicates(predicates)
    arguments = {name: _arguments_taken(function) for name, function in sorted(predicates.items())}
    key = (filename, os.path.abspath(os.path.dirname(filename)), source_sha256(text), tuple(arguments.items()))
    cached = _CACHE.get(key)
    if cached is not None and all(_unchanged(path, sha) for path, sha in cached.dependencies):
        _CACHE.move_to_end(key)
        result = cached
    else:
        result = _CACHE[key] = _compile(text, filename, predicates, arguments)
        if len(_CACHE) > _CACHE_LIMIT:
            _CACHE.popitem(last=False)
    if result.rules is not None and dict(result.rules.predicates) != predicates:
        result = _with_predicates(result, predicates)
    return result


def _checked_predicates(predicates: Mapping[str, Predicate] | None) -> dict[str, Predicate]:
    if predicates is None:
        return {}
    if not isinstance(predicates, Mapping):
        raise InputError(f"predicates must be a mapping of predicate names to functions, "
                         f"got {type(predicates).__name__}")
    for name, function in predicates.items():
        if not isinstance(name, str) or not name.isidentifier():
            raise InputError(f"predicate names must be identifiers (str), got {name!r}")
        if not callable(function):
            raise InputError(f"predicate '{name}' is not callable: {function!r}")
    return dict(predicates)


_CACHE: OrderedDict[tuple, CompileResult] = OrderedDict()
_CACHE_LIMIT = 256
"""Most source texts whose compiled form is kept."""


def _with_predicates(result: CompileResult, predicates: dict[str, Predicate]) -> CompileResult:
    """The same rules carrying these predicate functions (the cache keys on their names)."""
    return replace(result, rules=RuleSet(result.rules.rules, predicates))


def _unchanged(path: str, sha: str) -> bool:
    try:
        return source_sha256(Path(path).read_bytes().decode("utf-8")) == sha
    except (OSError, UnicodeDecodeError):
        return False


def _compile(text: str, filename: str, predicates: dict[str, Predicate],
             arguments: dict[str, tuple[int, int | None]]) -> CompileResult:
    from ..lang.expand import expand
    from ..ops import registry
    from ..lang.macros import load_imports
    from ..lang.parser import parse
    from .check import check
    from .lower import lower
    from .resolve import Resolver

    sha = source_sha256(text)
    try:
        module = parse(text, filename)
    except RuleError as error:
        return CompileResult(filename, text, sha, None, (), None, error.diagnostics)
    imported = load_imports(module)
    if imported.diagnostics:
        return CompileResult(filename, text, sha, module, (), None, tuple(imported.diagnostics))
    stages = stage_spellings()
    backends = {info.name: info for info in all_backends()}
    load_operators({item.words for item in module.items if isinstance(item, ast.Stage)})
    concrete, diagnostics = expand(module, imported, {words: _folds(backends[stage.backend], stage.words)
                                                      for words, stage in stages.items()}, registry.parameter_names)
    resolver = Resolver(text)
    resolved = [resolver.resolve(rule) for rule in concrete]
    allowed = {words: {**{name: (count, count) for name, count in backends[stage.backend].builtin_predicates.items()},
                       **arguments}
               for words, stage in stages.items()}
    diagnostics = imported.with_source_lines(diagnostics + check(module, resolved, allowed))
    rules: tuple[Rule, ...] = ()
    if not any(d.is_error for d in diagnostics):
        rules = tuple(lower(resolution, stages[resolution.rule.stage], sha) for resolution in resolved)
        rules, backend_diagnostics = _backend_hooks(rules)
        diagnostics += imported.with_source_lines(
            [replace(d, source_line=source_line(text, d.location.line)) if d.location.filename == filename else d
             for d in backend_diagnostics])
    ordered = tuple(sorted(diagnostics, key=lambda d: (d.location.filename != filename, d.location.filename,
                                                       d.location.line, d.location.column)))
    failed = any(d.is_error for d in ordered)
    return CompileResult(filename, text, sha, module, tuple(concrete), None if failed else RuleSet(rules, predicates),
                         ordered, tuple(imported.dependencies))


def _arguments_taken(function: Predicate) -> tuple[int, int | None]:
    """How many positional arguments a user predicate takes: (least, most or None for any)."""
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):  # a builtin without a signature: take its word for it
        return 0, None
    positional = [p for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    least = sum(p.default is p.empty for p in positional)
    return least, None if any(p.kind is p.VAR_POSITIONAL for p in parameters) else len(positional)


def _folds(info: BackendInfo, words: tuple[str, ...]) -> bool:
    return words in info.folding_stages


def _backend_hooks(rules: tuple[Rule, ...]) -> tuple[tuple[Rule, ...], list[Diagnostic]]:
    """Each rule through its backend's hooks: lint (each warning once), render (into
    `Rule.renderings`), validate."""
    done: list[Rule] = []
    diagnostics: list[Diagnostic] = []
    reported: set[tuple] = set()
    for rule in rules:
        hooks = compiler_hooks(rule.stage.backend)
        for diagnostic in hooks.lint(rule):  # each once, although every expansion of a family is linted
            key = (diagnostic.location, diagnostic.message, diagnostic.severity)
            if key not in reported:
                reported.add(key)
                diagnostics.append(diagnostic)
        rule = replace(rule, renderings=hooks.render(rule))
        problem = hooks.validate(rule)
        if problem is not None:
            diagnostics.append(Diagnostic(rule.location, problem))
        done.append(rule)
    return tuple(done), diagnostics
