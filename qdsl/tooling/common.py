"""What several commands share: the rule set of `--rules` and the backend of `--backend`."""

from __future__ import annotations

import importlib
import sys
from typing import Sequence

from ..core.backend import backend_named
from ..core.loading import default_rules, load_rules
from ..core.rules import RuleSet
from ..diagnostics import Diagnostic, InputError


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
    info = backend_named(name)
    if not info.commands:
        raise InputError(f"the {name} backend has no saved-model commands (explain, finalize)")
    return importlib.import_module(info.commands)

