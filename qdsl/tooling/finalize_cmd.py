"""`qdsl finalize`: finalize a saved pre-finalize module and save the result.

The input is what `convert_jit(model, debug=True)` returns, saved with
`torch.jit.save`; the output is what `convert_jit(model)` would have produced, with
qdsl's rules doing the fusion.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import torch

from ..errors import QdslError
from ..driver import QuantType, finalize_with_report
from .common import load_rule_set

QUANT_TYPES = {"static": QuantType.STATIC, "dynamic": QuantType.DYNAMIC}


@dataclass(frozen=True)
class FinalizeSummary:
    """What `finalize_file` did."""

    output: str
    """Where the finalized module was saved."""
    prepack: tuple[tuple[str, int], ...]
    """(prepack rule, times it fired), in the order rules first fired."""
    fusion: tuple[tuple[str, int], ...]
    """(fusion rule, times it fired), in the order rules first fired."""

    def format_text(self) -> str:
        lines = [f"finalized module saved to {self.output}"]
        for title, counts in (("prepack", self.prepack), ("fusion", self.fusion)):
            lines.append(f"{title}: {sum(c for _, c in counts)} rewrite{'s' if sum(c for _, c in counts) != 1 else ''}")
            lines.extend(f"    {name}: {count}" for name, count in counts)
        return "\n".join(lines) + "\n"


def load_module(path: str) -> torch.jit.ScriptModule:
    """A saved TorchScript module; QdslError (exit status 2) if it is missing or not one."""
    if not Path(path).is_file():
        raise QdslError(f"no such module file: {path}", filename=path)
    try:
        return torch.jit.load(path, map_location="cpu")
    except (RuntimeError, ValueError, OSError) as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise QdslError(f"cannot load {path} as a TorchScript module (save it with torch.jit.save): {first}",
                        filename=path) from None


def finalize_file(source: str, output: str, *, rules: Sequence[str] | None = None, quant_type: str = "static",
                  preserved_attrs: Sequence[str] = (), force: bool = False) -> FinalizeSummary:
    """Finalize the module saved at `source` with qdsl and save it at `output`.

    Refuses to overwrite `source` unless `force`: a pre-finalize module cannot be
    rebuilt from a finalized one.
    """
    if not force and os.path.exists(output) and os.path.exists(source) and os.path.samefile(source, output):
        raise QdslError(f"refusing to overwrite the input {source} with its finalized form; "
                        f"choose another output or pass --force", filename=output)
    module = load_module(source)
    rule_set = load_rule_set(rules)
    report = finalize_with_report(module, QUANT_TYPES[quant_type], list(preserved_attrs), rules=rule_set)
    try:
        torch.jit.save(report.module, output)
    except (RuntimeError, OSError) as error:
        raise QdslError(f"cannot save {output}: {str(error).strip().splitlines()[0]}", filename=output) from None
    return FinalizeSummary(output, _counts(report.prepack), _counts(report.fusion))


def _counts(fusions) -> tuple[tuple[str, int], ...]:
    return tuple(Counter(f.rule.name for f in fusions).items())


def run_finalize(args) -> int:
    summary = finalize_file(args.input, args.output, rules=args.rules, quant_type=args.quant_type,
                            preserved_attrs=args.preserve, force=args.force)
    sys.stdout.write(summary.format_text())
    return 0
