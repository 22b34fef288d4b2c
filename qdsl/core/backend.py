"""Backends: what one IR (TorchScript, torch.export/fx) adds to the neutral rule model.

A backend is a subpackage of `qdsl.backends` whose `__init__` defines `BACKEND`, a
`BackendInfo`: plain data (its stages, its builtin guard predicates) plus the module
path of its compiler hooks, so that the front end can resolve stage headers without
importing torch. The compiler calls the hooks (`BackendCompiler`) on every rule of the
backend's stages: render backend texts into the rule, refuse rules the IR cannot
express, add backend-specific warnings.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from ..diagnostics import Diagnostic
from .rules import Rule, Stage

BUILTIN_BACKENDS = ("torchscript", "pt2e")
"""The backends shipped with qdsl, in the order their stages are listed to users."""


@dataclass(frozen=True)
class BackendInfo:
    """A backend as the front end needs to know it."""

    name: str
    """Used on the command line (`--backend`) and in `Stage.backend`."""
    stages: tuple[Stage, ...]
    """Its stages, in the order its driver runs them."""
    builtin_predicates: tuple[str, ...]
    """Predicate names every guard of the backend may call."""
    folding_stages: tuple[tuple[str, ...], ...]
    """The stages (spelled) whose rules may mark calls `fold`: the driver computes such a
    call's result once, when its inputs are constants, and stores it."""
    compiler: str
    """Module path of its `BackendCompiler` hooks (imported only when compiling)."""
    description: str
    """One line for `qdsl --help` and error messages."""
    operator_modules: tuple[str, ...] = ()
    """Python modules that register operators its rules name (imported before a file with
    one of its stage headers is expanded, so that other backends' users never load them)."""


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


@cache
def backend_info(name: str) -> BackendInfo:
    """The backend called `name`; KeyError if there is none."""
    if name not in BUILTIN_BACKENDS:
        raise KeyError(name)
    return importlib.import_module(f"qdsl.backends.{name}").BACKEND


@cache
def all_backends() -> tuple[BackendInfo, ...]:
    return tuple(backend_info(name) for name in BUILTIN_BACKENDS)


@cache
def stage_spellings() -> dict[tuple[str, ...], Stage]:
    """Stage header words -> stage, over every backend."""
    return {stage.words: stage for info in all_backends() for stage in info.stages}


def load_operators(stages: set[tuple[str, ...]]) -> None:
    """Register the operators of the backends that own these spelled stages."""
    spellings = stage_spellings()
    for info in all_backends():
        if any(words in spellings and spellings[words].backend == info.name for words in stages):
            for module in info.operator_modules:
                importlib.import_module(module)


def compiler_hooks(backend: str) -> BackendCompiler:
    return importlib.import_module(backend_info(backend).compiler)
