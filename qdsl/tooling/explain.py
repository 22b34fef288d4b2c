"""`qdsl explain`: which rules fired on a saved model, which nearly did and why not.

The backend chosen with `--backend` runs its driver's rewriting steps on a copy of the
model with a tracer on the passes and returns its report (`BackendCommands.explain`);
this command handles the arguments and prints the report as text or JSON.
"""

from __future__ import annotations

import sys

from .common import backend_commands, load_rule_set


def run_explain(args) -> int:
    commands = backend_commands(args.backend)
    model = commands.load_input(args.module)
    report = commands.explain(model, load_rule_set(args.rules), args.quant_type, args.module)
    sys.stdout.write(report.format_json() if args.format == "json" else report.format_text())
    return 0
