"""The PT2E backend's command-line functions (`qdsl.core.backend.BackendCommands`).

The saved model is a `convert_pt2e` program saved with `torch.export.save` (export the
converted module, then save). `qdsl explain --backend pt2e` lowers it with a tracer.
`qdsl finalize --backend pt2e` cannot save its result: oneDNN's packed weights have no
storage, and torch pickles no exported module (the `convert_pt2e` module neither); a
deployment saves the converted program and lowers it when loading (`qdsl.pt2e.lower`,
tens of milliseconds).
"""

from __future__ import annotations

from typing import Sequence

from ...core.engine import Rewrite
from ...core.rules import RuleSet
from ...diagnostics import InputError
from .explain import ExplainReport, explain as explain_program


def load_input(path: str):
    """The `torch.export.ExportedProgram` saved at `path`; InputError when there is none
    (saying what the file is instead: a TorchScript module, a torch.save pickle, ...)."""
    import importlib

    from . import BACKEND

    BACKEND.check_saved_model(path)
    for module in BACKEND.operator_modules:  # the program's quantize/dequantize ops
        importlib.import_module(module)
    from .torch_api import ProgramLoadError, load_program

    try:
        return load_program(path)
    except ProgramLoadError as error:
        first = str(error).splitlines()[0]
        raise BACKEND.cannot_load(path, first) from None


def finalize_file(model, output: str, rules: RuleSet, quant_type: str, preserved: Sequence[str]
                  ) -> tuple[Rewrite, ...]:
    raise InputError("a lowered PT2E module cannot be saved (oneDNN's packed weights have no storage, and torch "
                     "pickles no exported module): save the convert_pt2e program with torch.export.save and lower "
                     "it when loading it (qdsl.pt2e.lower); `qdsl explain --backend pt2e` shows what fires", output)


def explain(model, rules: RuleSet, quant_type: str, name: str) -> ExplainReport:
    """What the x86 rules do to the saved program (`quant_type` is the program's own)."""
    return explain_program(model, None, rules)
