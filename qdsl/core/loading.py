"""Rules from sources: `compile_source`, `load_rules` and the shipped `default_rules`.

The compiler stages (and with them lark and jinja) are imported only when something is
compiled, so `default_rules()` loads the shipped rules from the generated modules
alone.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import warnings
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import PurePosixPath
from typing import Callable, Iterable, Mapping, Sequence

from ..diagnostics import Diagnostic, InputError
from .artifact import rules_of_module, source_sha256
from .collector import collector_paused
from .guards import Predicate
from .rules import Rule, RuleSet, Stage

PathLike = str | os.PathLike

RulesArg = RuleSet | Sequence[Rule] | PathLike | Sequence[PathLike] | None
"""What the drivers take as `rules`: a rule set, a sequence of rules, `.qpat` files or
directories (one path or several, loaded as `load_rules` does), or None for the shipped
rules."""


def rule_set_of(rules: RulesArg) -> RuleSet:
    """Any accepted `rules` argument as a RuleSet."""
    if rules is None:
        return default_rules()
    if isinstance(rules, RuleSet):
        return rules
    if isinstance(rules, (str, os.PathLike)):
        return load_rules(rules)
    if isinstance(rules, Rule):
        return RuleSet((rules,))
    if isinstance(rules, Iterable) and not isinstance(rules, (bytes, bytearray)):
        items = tuple(rules)
        if all(isinstance(rule, Rule) for rule in items):
            return RuleSet(items)
        if all(isinstance(path, (str, os.PathLike)) for path in items):
            return load_rules(items)
        kinds = ", ".join(sorted({type(item).__name__ for item in items}))
        raise InputError(f"rules must be a qdsl.RuleSet, a qdsl.Rule or a sequence of them, a path to .qpat "
                         f"rules or a sequence of paths, or None; got a {type(rules).__name__} of {kinds}")
    raise InputError(f"rules must be a qdsl.RuleSet, a qdsl.Rule or a sequence of them, a path to .qpat rules "
                     f"or a sequence of paths, or None; got {type(rules).__name__}")


def compile_source(text: str, filename: str = "<string>", *,
                   predicates: Mapping[str, Predicate] | None = None) -> RuleSet:
    """Compile `.qpat` source text; warnings go through `warnings.warn`, attributed to the
    caller. `predicates` are guard predicates the rules may call besides their backend's
    builtins (called with the matched graph values)."""
    if not isinstance(text, str) or not isinstance(filename, str):
        raise InputError(f"compile_source expects the source text and its file name as str, got "
                         f"{type(text).__name__} and {type(filename).__name__}")
    return _compiled(text, filename, predicates, _warn)


def load_rules(paths: PathLike | Iterable[PathLike], *, predicates: Mapping[str, Predicate] | None = None,
               on_warning: Callable[[Diagnostic], None] | None = None) -> RuleSet:
    """Compile rule files (or directories of them), concatenated in the order given.

    Warnings go to `on_warning`, or through `warnings.warn` attributed to the caller.
    """
    from ..lang.sources import display_path, read_source, rule_files, unseen

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    elif not isinstance(paths, Iterable) or isinstance(paths, (bytes, bytearray)):
        raise InputError(f"load_rules expects a path or paths of .qpat files or directories, "
                         f"got {type(paths).__name__}")
    result = RuleSet()
    loaded: set[str] = set()
    for path in paths:
        if not isinstance(path, (str, os.PathLike)):
            raise InputError(f"load_rules expects paths as str or os.PathLike, got {type(path).__name__}")
        filenames = rule_files(path)
        if not filenames:
            raise InputError(f"no .qpat files in directory {path}", str(path))
        for filename in unseen(filenames, loaded):
            result = result + _compiled(read_source(filename), display_path(filename), predicates,
                                        on_warning or _warn)
    return result


def _compiled(text: str, filename: str, predicates, on_warning) -> RuleSet:
    from .pipeline import compile_text

    compiled = compile_text(text, filename, predicates)
    rules = compiled.rules_or_raise()
    for diagnostic in compiled.warnings:
        on_warning(diagnostic)
    return rules


def _warn(diagnostic: Diagnostic) -> None:
    # Attributed to the caller of the public function (this frame, _compiled, it).
    warnings.warn(diagnostic.format(), UserWarning, stacklevel=4)


GENERATED_PACKAGE = "qdsl._generated"
"""The package of the generated modules of the shipped rules (`generated/` in the source tree)."""
SHIPPED_SOURCES = "qdsl._patterns"
"""The package holding the shipped `.qpat` files (`patterns/` in the source tree)."""
SHIPPED_DIRECTORY = "patterns"
"""The directory shipped rules name as their file (`patterns/fusion_static.qpat`)."""


def default_rules() -> RuleSet:
    """The shipped rules, from the generated modules of `qdsl._generated` (built once).

    A generated module of another format, or made from another text than the packaged
    source it names, is not used: that source is compiled instead.
    """
    return _shipped_rules(_generated_modules())


def default_rules_for(stages: Iterable[Stage]) -> RuleSet:
    """The shipped rules of `stages`, in `default_rules()` order (the same rule objects),
    reading only the generated modules `modules_for(stages)` names: so finalizing a
    dynamically quantized model does not load the static fusion rules (made once per
    tuple of stages)."""
    return _default_rules_for(tuple(stages))


@cache
def _default_rules_for(stages: tuple[Stage, ...]) -> RuleSet:
    return _shipped_rules(modules_for(stages))


def modules_for(stages: Iterable[Stage]) -> tuple[str, ...]:
    """The generated modules that hold rules of `stages`, as the package's `INDEX` lists
    them; and every module the index does not list, or whose packaged source no longer
    has the hash the index records (its rules, compiled from that source, may be of any
    stage)."""
    wanted = {(stage.backend, stage.words) for stage in stages}
    index = getattr(importlib.import_module(GENERATED_PACKAGE), "INDEX", {})

    def needed(name: str) -> bool:
        if name not in index:
            return True
        source, sha256, module_stages = index[name]
        if wanted.intersection(module_stages):
            return True
        text = shipped_source(source)
        return text is not None and source_sha256(text) != sha256

    return tuple(name for name in _generated_modules() if needed(name))


@cache
def _generated_modules() -> tuple[str, ...]:
    """The names of the generated modules, sorted (the order of the shipped rules)."""
    package = importlib.import_module(GENERATED_PACKAGE)
    return tuple(sorted(info.name for info in pkgutil.iter_modules(package.__path__)))


@cache
@collector_paused()
def _shipped_rules(names: tuple[str, ...]) -> RuleSet:
    result = RuleSet()
    for name in names:
        result = result + _shipped_module_rules(name)
    return result


@cache
def _shipped_module_rules(name: str) -> RuleSet:
    module = importlib.import_module(f"{GENERATED_PACKAGE}.{name}")
    text = shipped_source(module.SOURCE)
    rules = rules_of_module(module, text, shipped=True)
    if rules is None:
        from .pipeline import compile_text

        compiled = compile_text(text, module.SOURCE).rules_or_raise()
        rules = RuleSet(tuple(replace(rule, provenance=replace(rule.provenance, shipped=True)) for rule in compiled))
    return rules


def shipped_source(filename: str) -> str | None:
    """The packaged text of a shipped rule file named `patterns/...`, or None."""
    parts = PurePosixPath(filename).parts
    if not parts or parts[0] != SHIPPED_DIRECTORY:
        return None
    packaged = _shipped_sources_root().joinpath(*parts[1:])
    return packaged.read_text(encoding="utf-8") if packaged.is_file() else None


@cache
def _shipped_sources_root():
    """The packaged `patterns/` directory (looking it up costs more than reading a file)."""
    return resources.files(SHIPPED_SOURCES)
