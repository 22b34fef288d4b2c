"""The `qdsl` command line: one function per subcommand, registered in `SUBCOMMANDS`.

Exit status: 0 success, 1 rule errors or stale output, 2 usage or I/O error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import QdslError
from .tooling import TOOLING_SUBCOMMANDS


def add_compile_parser(subparsers) -> None:
    parser = subparsers.add_parser("compile", help="compile .qpat files into generated/ modules")
    parser.add_argument("source", nargs="?", default="patterns",
                        help="a directory of .qpat files (default: patterns), or one file with --dump")
    parser.add_argument("-o", "--output", default="generated", help="output directory (default: generated)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when the output is stale, missing or extra")
    parser.add_argument("--dump", choices=("ast", "expand", "ir"),
                        help="print one stage's result for SOURCE instead of writing modules")
    parser.set_defaults(run=run_compile)


def run_compile(args) -> int:
    from .compiler import dump, generated_modules, rule_files

    if args.dump:
        for filename in rule_files(args.source):
            sys.stdout.write(dump(filename, args.dump))
        return 0
    if not Path(args.source).is_dir():
        raise QdslError(f"not a directory: {args.source}", filename=args.source)
    wanted = generated_modules(args.source)
    out = Path(args.output)
    present = {p.name for p in out.glob("*.py") if p.name != "__init__.py"} if out.is_dir() else set()
    if args.check:
        problems = []
        for name in sorted(set(wanted) | present):
            path = out / name
            if name not in wanted:
                problems.append(f"extra: {path} has no source in {args.source}")
            elif name not in present:
                problems.append(f"missing: {path}")
            elif path.read_text(encoding="utf-8") != wanted[name]:
                problems.append(f"stale: {path}")
        for line in problems:
            print(line)
        if problems:
            print(f"run: python -m qdsl compile {args.source} -o {args.output}", file=sys.stderr)
        return 1 if problems else 0
    out.mkdir(parents=True, exist_ok=True)
    for name, text in wanted.items():
        path = out / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    for name in sorted(present - set(wanted)):
        (out / name).unlink()
    print(f"compiled {len(wanted)} file{'s' if len(wanted) != 1 else ''} into {out}")
    return 0


SUBCOMMANDS = [add_compile_parser, *TOOLING_SUBCOMMANDS]
"""Each entry adds one subparser and sets `run` to its handler `(args) -> exit status`."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="qdsl", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", required=True)
    for add in SUBCOMMANDS:
        add(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except QdslError as error:
        if error.line == 0:
            print(f"qdsl: error: {error.diagnostics[0].message}", file=sys.stderr)
            return 2
        print(error, file=sys.stderr)
        return 1
    except OSError as error:
        print(f"qdsl: error: {error}", file=sys.stderr)
        return 2
