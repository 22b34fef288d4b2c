"""The TorchScript backend's command-line functions (`qdsl.core.backend.BackendCommands`).

The saved model is what `convert_jit(model, debug=True)` returns, saved with
`torch.jit.save`; `finalize_file` saves what `convert_jit(model)` would have produced,
with qdsl's rules doing the fusion.
"""

from __future__ import annotations

from typing import Sequence

import torch

from ...core.engine import Rewrite
from ...core.rules import RuleSet
from ...diagnostics import InputError
from .explain import Explanation, explain_module
from .finalize import QuantType, finalize_with_report, load_module

QUANT_TYPES = {"static": QuantType.STATIC, "dynamic": QuantType.DYNAMIC}
"""torch's QuantType of each `--quant-type`."""


def load_input(path: str) -> torch.jit.ScriptModule:
    return load_module(path)


def finalize_file(model: torch.jit.ScriptModule, output: str, rules: RuleSet, quant_type: str,
                  preserved: Sequence[str]) -> tuple[Rewrite, ...]:
    report = finalize_with_report(model, QUANT_TYPES[quant_type], list(preserved), rules=rules)
    try:
        torch.jit.save(report.module, output)
    except (RuntimeError, OSError) as error:
        first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise InputError(f"cannot save {output}: {first_line}", output) from None
    return report.prepack + report.fusion


def explain(model: torch.jit.ScriptModule, rules: RuleSet, quant_type: str, name: str) -> Explanation:
    return explain_module(model, rules, quant_type, name)
