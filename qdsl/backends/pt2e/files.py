"""Saved programs: what the command line lowers and explains (`--backend pt2e`).

The input is a `convert_pt2e` program saved with `torch.export.save` (export the
converted module, then save). The lowered module lives in memory only: oneDNN's packed
weights have no storage, so neither `torch.export.save` nor pickling can write them; a
deployment saves the converted program and lowers it when loading (lowering takes tens
of milliseconds).
"""

from __future__ import annotations

import os

from ...diagnostics import InputError
from .driver import LoweringResult, RulesArg, lower_with_report
from .explain import ExplainReport, explain


def load_program(path: str | os.PathLike):
    """The `torch.export.ExportedProgram` saved at `path`; InputError when there is none."""
    import torch

    if not os.path.isfile(path):
        raise InputError(f"no such file: {path}", str(path))
    try:
        return torch.export.load(path)
    except Exception as error:  # torch raises many kinds on a file that is not a saved program
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise InputError(f"{path} is not a program saved with torch.export.save: {first}", str(path)) from None


def lower_saved(path: str | os.PathLike, rules: RulesArg = None) -> LoweringResult:
    """The x86 lowering of the program saved at `path` (shapes from the program itself)."""
    return lower_with_report(load_program(path), None, rules)


def explain_saved(path: str | os.PathLike, rules: RulesArg = None,
                  sources: dict[str, str] | None = None) -> ExplainReport:
    """`explain` of the program saved at `path`."""
    return explain(load_program(path), None, rules, sources)
