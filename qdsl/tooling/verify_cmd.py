"""`qdsl verify`: check numerically that each rule's replacement computes its pattern."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..diagnostics import InputError


def run_verify(args) -> int:
    from ..core.loading import load_rules
    from ..verify import verify
    from ..verify.api import rules_to_verify
    from ..verify.table import render_table, with_table
    from ..verify.text import format_report, to_data

    rules = None
    if args.files:
        rules = load_rules(args.files, on_warning=lambda d: print(d.format(), file=sys.stderr))
        rules = rules_to_verify(rules, args.backend, ", ".join(args.files), _backend_option)
    report = verify(rules, engines=args.engine, samples=args.samples, seed=args.seed, tolerance=args.tolerance,
                    backend=args.backend)
    if args.format == "json":
        print(json.dumps(to_data(report), indent=2))
    else:
        sys.stdout.write(format_report(report, verbose=args.verbose))
    status = 0 if report.ok else 1
    if args.doc:
        path = Path(args.doc)
        try:
            document = path.read_text(encoding="utf-8")
            updated = with_table(document, render_table(report))
        except OSError as error:
            raise InputError(f"cannot read {args.doc}: {error.strerror}", args.doc) from None
        except ValueError as error:
            raise InputError(f"{args.doc}: {error}", args.doc) from None
        if updated != document:
            if args.check:
                print(f"{args.doc}: the verdict table is stale (run qdsl verify --doc {args.doc})", file=sys.stderr)
                return max(status, 1)
            path.write_text(updated, encoding="utf-8")
            print(f"updated the verdict table in {args.doc}", file=sys.stderr)
    return status


def _backend_option(name: str | None) -> str:
    return f"--backend {name}" if name is not None else "leave --backend out"
