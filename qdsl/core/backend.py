"""Backends: what one IR (TorchScript, torch.export/fx) adds to the neutral rule model.

A backend is a subpackage of `qdsl.backends` whose `__init__` defines `BACKEND`, a
`BackendInfo`: plain data (its stages, its builtin guard predicates) plus the module
paths of its compiler hooks and its command-line functions, so that the front end and
the command line can read it without importing torch. The compiler calls the hooks
(`BackendCompiler`) on every rule of the backend's stages: render backend texts into the
rule, refuse rules the IR cannot express, add backend-specific warnings. `qdsl explain`
and `qdsl finalize` call the command functions (`BackendCommands`) of the backend chosen
with `--backend`.
"""

from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass
from functools import cache
from typing import Any, Mapping, Protocol, Sequence

from ..diagnostics import Diagnostic, InputError
from .engine import Rewrite
from .rules import Rule, RuleSet, Stage

BUILTIN_BACKENDS = ("torchscript", "pt2e")
"""The backends shipped with qdsl, in the order their stages are listed to users."""


@dataclass(frozen=True)
class BackendInfo:
    """A backend as the front end needs to know it."""

    name: str
    """Used on the command line (`--backend`) and in `Stage.backend`."""
    stages: tuple[Stage, ...]
    """Its stages, in the order its driver runs them."""
    builtin_predicates: Mapping[str, int]
    """Predicates every guard of the backend may call: name -> number of arguments."""
    folding_stages: tuple[tuple[str, ...], ...]
    """The stages (spelled) whose rules may mark calls `fold`: the driver computes such a
    call's result once, when its inputs are constants, and stores it."""
    compiler: str
    """Module path of its `BackendCompiler` hooks (imported only when compiling)."""
    description: str
    """One line for `qdsl --help` and error messages."""
    pipelines: tuple[tuple[Stage, ...], ...] = ()
    """The stage sequences one driver run goes through (TorchScript: prepack, then the
    fusion stage of the quantization type); empty: all of `stages`, in order."""
    rule_made_namespaces: tuple[str, ...] = ()
    """Operator namespaces the graphs handed to the driver never hold, so that an op of
    them in a pattern was made by a rule (`qdsl check` warns about a rule matching one
    that only a later rule makes)."""
    commands: str = ""
    """Module path of its command-line functions (`BackendCommands`, for `qdsl explain`
    and `qdsl finalize`); '' when those commands do not support the backend."""
    saved_model: str = ""
    """The kind of file its `BackendCommands.load_input` reads, named by its
    `saved_models.SavedKind` member (a name, so that reading `BACKEND` does not load that
    module); required with `commands`."""
    operator_modules: tuple[str, ...] = ()
    """Python modules that register operators its rules name (imported before a file with
    one of its stage headers is expanded, so that other backends' users never load them)."""
    copies_observed_writes: bool = False
    """Its rewriter hands a replacement call that writes into an argument the tensor the rule
    names only when nothing can observe the write, and a copy otherwise: what a replacement
    leaves in such a capture is observed by no one."""

    def stages_before(self, stage: Stage) -> frozenset[Stage]:
        """The stages that run before `stage` in some driver run."""
        return frozenset(earlier for pipeline in self.pipelines or (self.stages,) if stage in pipeline
                         for earlier in pipeline[:pipeline.index(stage)])

    def makes_only_by_rules(self, op: str) -> bool:
        """Whether an `op` node in the driver's graphs can only have been made by a rule."""
        return op.partition("::")[0] in self.rule_made_namespaces

    def check_saved_model(self, path: str | os.PathLike) -> None:
        """InputError unless `path` is a file of the kind this backend loads (`saved_model`),
        saying what kind of file it is instead and which backend loads that kind: torch's own
        loaders call any other file a corrupted archive."""
        from .saved_models import saved_kind  # not at import: only loading a model needs it

        kind = saved_kind(path)
        if kind.name == self.saved_model:
            return
        reader = next((info.name for info in all_backends() if info.saved_model == kind.name), None)
        hint = f", which the {reader} backend loads (--backend {reader})" if reader else ""
        raise self.cannot_load(path, f"it is {kind.value}{hint}")

    def cannot_load(self, path: str | os.PathLike, reason: str) -> InputError:
        """The error for a file at `path` this backend cannot load, and `reason` why."""
        from .saved_models import SavedKind

        return InputError(f"cannot load {path} as {SavedKind[self.saved_model].value}: {reason}", str(path))


class BackendCompiler(Protocol):
    """Hooks the compiler runs on each rule of the backend's stages, in this order."""

    def lint(self, rule: Rule) -> list[Diagnostic]:
        """Warnings (or errors) that depend on the backend's matching semantics (the
        compiler adds the source lines)."""

    def render(self, rule: Rule) -> tuple[tuple[str, str], ...]:
        """Backend texts stored in `Rule.renderings` (and in generated modules)."""

    def validate(self, rule: Rule) -> str | None:
        """Why the backend cannot take the rendered rule, or None (a compiler gap the
        checks missed, reported at compile time with the rule's location)."""


class Report(Protocol):
    """What a backend's `explain` returns: plain data with a text and a JSON form."""

    def format_text(self) -> str:
        """The report for a terminal."""

    def format_json(self) -> str:
        """The report as a JSON document."""


class BackendCommands(Protocol):
    """The command-line functions of a backend (`qdsl explain`, `qdsl finalize`), in the
    module its `BackendInfo.commands` names. The command line loads the rules, handles
    the arguments and prints; these do the backend's part on the saved model. Bad input
    raises `InputError` (exit status 2), a rule that breaks a graph `RuleRuntimeError`."""

    def load_input(self, path: str) -> Any:
        """The model saved at `path`, as the backend's driver takes it before finalize."""

    def finalize_file(self, model: Any, output: str, rules: RuleSet, quant_type: str,
                      preserved: Sequence[str]) -> tuple[Rewrite, ...]:
        """Finalize `model` with `rules` for `quant_type` (`static` or `dynamic`) and save
        the result at `output`; the rewrites made, in order. `preserved` names attributes
        the result must keep."""

    def explain(self, model: Any, rules: RuleSet, quant_type: str, name: str) -> Report:
        """What `rules` do to `model` (called `name` in the report): what fired, the near
        misses and why they missed."""


@cache
def backend_info(name: str) -> BackendInfo:
    """The backend called `name`; KeyError if there is none."""
    if name not in BUILTIN_BACKENDS:
        raise KeyError(name)
    return importlib.import_module(f"qdsl.backends.{name}").BACKEND


def backend_named(name: str, also: str = "") -> BackendInfo:
    """The backend called `name`; InputError naming the known ones if there is none (and
    `also`, what else the caller accepts)."""
    if name not in BUILTIN_BACKENDS:  # before the cache: it cannot hash every wrong value
        accepted = f" ({also})" if also else ""
        raise InputError(f"unknown backend {name!r}: expected one of {', '.join(BUILTIN_BACKENDS)}{accepted}")
    return backend_info(name)


@cache
def all_backends() -> tuple[BackendInfo, ...]:
    return tuple(backend_info(name) for name in BUILTIN_BACKENDS)


@cache
def stage_spellings() -> dict[tuple[str, ...], Stage]:
    """Stage header words -> stage, over every backend."""
    return {stage.words: stage for info in all_backends() for stage in info.stages}


def load_operators(stages: set[tuple[str, ...]]) -> None:
    """Register the operators of the backends that own these spelled stages (the op
    registry then forgets what it derived before they were there)."""
    spellings = stage_spellings()
    for info in all_backends():
        if any(words in spellings and spellings[words].backend == info.name for words in stages):
            missing = [module for module in info.operator_modules if module not in sys.modules]
            for module in missing:
                importlib.import_module(module)
            if missing:
                from ..ops import registry

                registry.forget()


def compiler_hooks(backend: str) -> BackendCompiler:
    return importlib.import_module(backend_info(backend).compiler)
