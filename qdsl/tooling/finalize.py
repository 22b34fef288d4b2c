"""`qdsl finalize`: finalize a saved pre-finalize model with qdsl's rules and save the result.

The backend chosen with `--backend` loads, finalizes and saves the model
(`BackendCommands`); this command handles the arguments and prints what fired.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from ..core.backend import backend_named
from ..diagnostics import InputError
from .common import backend_commands, load_rule_set


@dataclass(frozen=True)
class FinalizeSummary:
    """What `finalize_file` did."""

    output: str
    """Where the finalized model was saved."""
    steps: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]
    """Per rewriting step of the backend (`prepack`, `fusion`): (rule, times it fired), in
    the order rules first fired."""

    def format_text(self) -> str:
        lines = [f"finalized module saved to {self.output}"]
        for step, counts in self.steps:
            total = sum(count for _, count in counts)
            lines.append(f"{step}: {total} rewrite{'s' if total != 1 else ''}")
            lines.extend(f"    {name}: {count}" for name, count in counts)
        return "\n".join(lines) + "\n"


def finalize_file(source: str, output: str, *, rules: Sequence[str] | None = None, quant_type: str = "static",
                  preserved_attrs: Sequence[str] = (), force: bool = False,
                  backend: str = "torchscript") -> FinalizeSummary:
    """Finalize the model saved at `source` with the rules of `rules` (None: the shipped
    ones) and save it at `output`.

    Refuses to overwrite `source` unless `force`: a pre-finalize model cannot be rebuilt
    from a finalized one.
    """
    if not force and os.path.exists(output) and os.path.exists(source) and os.path.samefile(source, output):
        raise InputError(f"refusing to overwrite the input {source} with its finalized form; "
                         f"choose another output or pass --force", output)
    commands = backend_commands(backend)
    model = commands.load_input(source)
    rewrites = commands.finalize_file(model, output, load_rule_set(rules), quant_type, preserved_attrs)
    steps = dict.fromkeys(stage.words[0] for stage in backend_named(backend).stages)
    return FinalizeSummary(output, tuple((step, _counts(r for r in rewrites if r.rule.stage.words[0] == step))
                                         for step in steps))


def _counts(rewrites) -> tuple[tuple[str, int], ...]:
    return tuple(Counter(rewrite.rule.name for rewrite in rewrites).items())


def run_finalize(args) -> int:
    summary = finalize_file(args.input, args.output, rules=args.rules, quant_type=args.quant_type,
                            preserved_attrs=args.preserve, force=args.force, backend=args.backend)
    sys.stdout.write(summary.format_text())
    return 0
