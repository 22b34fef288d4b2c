"""`qdsl verify`: check numerically that each rule's replacement computes its pattern."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..diagnostics import InputError
from .common import load_rule_set


def run_verify(args) -> int:
    from ..verify import verify
    from ..verify.api import rules_to_verify
    from ..verify.table import render_table, with_table
    from ..verify.text import format_report, to_data

    # Selected here, not by verify's `backend`, so that an error names the option as typed.
    rules = rules_to_verify(load_rule_set(args.files), args.backend, args.files or None, _backend_option)
    report = verify(rules, engines=args.engine, samples=args.samples, seed=args.seed, tolerance=args.tolerance)
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
