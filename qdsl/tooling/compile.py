"""`qdsl compile`: the code-generation step (generated/ modules) and the stage dumps."""

from __future__ import annotations

import sys
from pathlib import Path

from .. import __version__
from ..core.artifact import render_index, render_module
from ..core.pipeline import CompileResult, compile_text
from ..diagnostics import InputError
from ..lang.sources import display_path, read_source, rule_files

DUMP_STAGES = ("ast", "expand", "rules", "ir")
"""What `--dump` prints: the AST, the expanded rules, the neutral rule model, the
TorchScript IR."""


def compiled_file(filename: str) -> CompileResult:
    return compile_text(read_source(filename), display_path(filename))


def generated_modules(source_dir: str) -> dict[str, str]:
    """Generated module file name -> its text, for every rule file of `source_dir`, and
    the package's `__init__.py` (its index of stages)."""
    import torch

    qdsl_version = __version__
    torch_version = torch.__version__.split("+")[0]
    modules = {}
    index = {}
    for filename in rule_files(source_dir):
        result = compiled_file(filename)
        name = Path(filename).stem
        rules = result.rules_or_raise()
        modules[name + ".py"] = render_module(result.filename, result.sha256, rules, qdsl_version, torch_version)
        index[name] = (result.filename, result.sha256, rules.stages())
    modules["__init__.py"] = render_index(index)
    return modules


def dump(filename: str, stage: str) -> str:
    """One file's result of `stage` (see `DUMP_STAGES`) as stable text (goldens, `--dump`)."""
    from ..lang.syntax import dump as dump_ast

    result = compiled_file(filename)
    if stage == "ast":
        if result.module is None:
            result.rules_or_raise()
        return dump_ast(result.module)
    rules = result.rules_or_raise()
    if stage == "expand":
        return "".join(rule.provenance.expansion for rule in rules)
    parts = []
    for rule in rules:
        head = f"# rule {rule.name} (stage {rule.stage}) at {rule.location}\n"
        if stage == "rules":
            guard = f"# where {rule.guard}\n" if rule.guard is not None else ""
            parts.append(head + guard + rule.pattern.format("pattern") + rule.replacement.format("replacement") + "\n")
        else:
            parts.append(head + f"{rule.rendering('torchscript.pattern')}# ->\n"
                         f"{rule.rendering('torchscript.replacement')}\n")
    return "".join(parts)


def run_compile(args) -> int:
    if args.dump:
        for filename in rule_files(args.source):
            sys.stdout.write(dump(filename, args.dump))
        return 0
    if not Path(args.source).is_dir():
        raise InputError(f"not a directory: {args.source}", args.source)
    wanted = generated_modules(args.source)
    out = Path(args.output)
    present = {p.name for p in out.glob("*.py")} if out.is_dir() else set()
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
    count = len(wanted) - 1  # the package index is not a rule file's
    print(f"compiled {count} file{'s' if count != 1 else ''} into {out}")
    return 0
