"""The `qdsl` command line: the argument parsers of every subcommand, and `main`.

A subcommand's implementation is imported only when it runs, so `qdsl --help`, `qdsl
--version` and `qdsl fmt` never import torch.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import warnings
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Callable

from ..core.backend import BUILTIN_BACKENDS
from .. import __version__
from ..diagnostics import InputError, RuleError, RuleRuntimeError

DESCRIPTION = """\
qdsl compiles declarative .qpat rules for PyTorch quantization lowering and runs
them as a drop-in for torch's quantization finalize pass (TorchScript graph mode);
its tools check, format, show and explain rules."""

EPILOG = """\
Run 'qdsl COMMAND --help' for a command's options. A FILE may be a .qpat file or a
directory of them; --rules lists form one rule set in the order given (default: the
shipped rules), e.g. --rules mine.qpat patterns.

exit status:
  0  success (warnings allowed)
  1  errors in rule files, or a rule that failed while rewriting a model;
     compile --check or fmt --check found output to change
  2  usage or input errors: a missing or unreadable file, a model that cannot be
     loaded, an unknown rule name

Reference: docs/tooling.md."""

QUANT_TYPE_NAMES = ("dynamic", "static")
"""The --quant-type choices; each backend maps them to its fusion stage."""


def _runs(module: str, function: str) -> Callable[[argparse.Namespace], int]:
    """The handler `module.function`, imported when the command runs."""
    def run(args: argparse.Namespace) -> int:
        return getattr(importlib.import_module(module), function)(args)
    return run


def add_compile_parser(subparsers) -> None:
    parser = subparsers.add_parser("compile", help="compile .qpat files into generated/ modules")
    parser.add_argument("source", nargs="?", default="patterns",
                        help="a directory of .qpat files (default: patterns), or one file with --dump")
    parser.add_argument("-o", "--output", default="generated", help="output directory (default: generated)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when the output is stale, missing or extra")
    parser.add_argument("--dump", choices=("ast", "expand", "rules", "ir"),
                        help="print one stage's result for SOURCE instead of writing modules: the AST, the "
                             "expanded rules, the neutral rule model, the TorchScript IR")
    parser.set_defaults(run=_runs("qdsl.tooling.compile", "run_compile"))


def add_check_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "check", help="report every diagnostic of rule files, with shadowing and order warnings",
        description="Check .qpat files (or directories of them) as one rule set, in the order given. "
                    "Exit status: 0 no errors (warnings allowed), 1 rule errors, 2 a file could not be read.")
    parser.add_argument("files", nargs="+", metavar="FILE", help="a .qpat file or a directory of them")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.set_defaults(run=_runs("qdsl.tooling.check", "run_check"))


def add_fmt_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "fmt", help="rewrite rule files in the canonical layout",
        description="Format .qpat files in place (comments kept). Exit status: 0 done (or, with --check, "
                    "nothing to change), 1 a file would change (--check) or does not parse, 2 a file is missing.")
    parser.add_argument("files", nargs="+", metavar="FILE", help="a .qpat file or a directory of them")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if any file would change")
    parser.add_argument("--diff", action="store_true", help="write nothing; print a unified diff of the changes")
    parser.set_defaults(run=_runs("qdsl.tooling.fmt", "run_fmt"))


RULES_HELP = (".qpat files or directories, in application order (default: the shipped rules); "
              "%s may follow them (see 'Options that take a list' in docs/tooling.md)")


def _add_backend_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--backend", choices=BUILTIN_BACKENDS, default=BUILTIN_BACKENDS[0],
                        help=f"the backend {what} (default: {BUILTIN_BACKENDS[0]})")


def add_explain_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "explain", help="show which rules fired on a saved module, the near misses and why they missed",
        usage="qdsl explain MODULE.pt [--rules FILE...] [--quant-type {dynamic,static}] [--format {text,json}] "
              "[--backend NAME]",
        description="Run the rules on a private copy of MODULE.pt (saved right before finalize) up to fusion "
                    "and report what fired, near misses in the rules' own terms, and unfused chains. "
                    "Exit status: 0 report printed, 1 a rule file has errors, 2 a missing or unloadable module.")
    parser.add_argument("module", nargs="?", metavar="MODULE.pt",
                        help="a module saved with torch.jit.save before finalize")
    parser.add_argument("--rules", nargs="+", metavar="FILE", help=RULES_HELP % "MODULE.pt")
    parser.add_argument("--quant-type", choices=QUANT_TYPE_NAMES, default="static",
                        help="static (default) or dynamic quantization")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    _add_backend_option(parser, "whose driver runs the rules")
    parser.set_defaults(run=_runs("qdsl.tooling.explain", "run_explain"),
                        positional=_Positional(parser, "module", "MODULE.pt", {"rules": RULE_PATHS}))


def add_show_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "show", help="print a rule's expansions and IR (or Graphviz DOT of its graphs)",
        usage="qdsl show RULE [--rules FILE...] [--stage {ir,rules}] [--dot] [--backend NAME]",
        description="Print rule RULE (a rule name, or a family name as written: every expansion) with its "
                    "pattern and replacement graphs. Exit status: 0 shown, 1 a rule file has errors, 2 no such "
                    "rule.")
    parser.add_argument("rule", nargs="?", metavar="RULE",
                        help="a rule name (conv2d_relu) or family name (conv{d}{act:_}{act})")
    parser.add_argument("--rules", nargs="+", metavar="FILE", help=RULES_HELP % "RULE")
    parser.add_argument("--stage", choices=("ir", "rules"), default="ir",
                        help="the graphs as the backend renders them (ir, default) or as the neutral rule model "
                             "(rules, as 'compile --dump rules' prints them)")
    parser.add_argument("--dot", action="store_true", help="print Graphviz DOT of the pattern and replacement graphs")
    _add_backend_option(parser, "whose rules and rendering are shown")
    parser.set_defaults(run=_runs("qdsl.tooling.show", "run_show"),
                        positional=_Positional(parser, "rule", "RULE", {"rules": RULE_PATHS}))


def add_finalize_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "finalize", help="finalize a saved pre-finalize module with qdsl's rules",
        usage="qdsl finalize IN.pt -o OUT.pt [--rules FILE...] [--quant-type {dynamic,static}] "
              "[--preserve ATTR...] [--force] [--backend NAME]",
        description="Load IN (a module saved right before finalize: convert_jit(m, debug=True)), insert "
                    "prepack/unpack, fuse, freeze, fold, and save the result to OUT. Exit status: 0 done, "
                    "1 a rule file has errors, 2 a missing or unloadable input, OUT == IN without --force, "
                    "or a module finalize cannot take (e.g. without forward).")
    parser.add_argument("input", nargs="?", metavar="IN.pt", help="the saved pre-finalize module")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.pt", help="where to save the result")
    parser.add_argument("--rules", nargs="+", metavar="FILE", help=RULES_HELP % "IN.pt")
    parser.add_argument("--quant-type", choices=QUANT_TYPE_NAMES, default="static",
                        help="static (default) or dynamic quantization")
    parser.add_argument("--preserve", nargs="+", default=[], metavar="ATTR",
                        help="attributes (or methods) freezing must keep; IN.pt may follow them")
    parser.add_argument("--force", action="store_true", help="allow OUT to be IN")
    _add_backend_option(parser, "whose driver finalizes IN")
    parser.set_defaults(run=_runs("qdsl.tooling.finalize", "run_finalize"),
                        positional=_Positional(parser, "input", "IN.pt",
                                               {"rules": RULE_PATHS, "preserve": ATTRIBUTE_NAMES}))


def add_verify_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "verify", help="check numerically that each rule's replacement computes its pattern",
        description="Run each rule's pattern and replacement on drawn inputs (quantized tensors, packed weights "
                    "made by the prepack rules, scalars) on each quantized engine and compare the results in "
                    "quantization steps; print verdicts, and shrunk counterexamples for wrong rules "
                    "(docs/verification.md). Exit status: 0 no rule is wrong (kernel bugs allowed), 1 a rule "
                    "is wrong, a rule file has errors, or --check found the --doc table stale, 2 a missing "
                    "file, an engine this torch lacks, or no rule to verify (files without rules, or none "
                    "for --backend).")
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help=".qpat files or directories (default: the shipped rules)")
    parser.add_argument("--backend", choices=BUILTIN_BACKENDS, metavar="NAME",
                        help=f"verify only the rules of this backend's stages: {', '.join(BUILTIN_BACKENDS)} "
                             "(default: every backend's)")
    parser.add_argument("--engine", nargs="+", default=["all"], metavar="ENGINE",
                        choices=("fbgemm", "qnnpack", "onednn", "x86", "all"),
                        help="quantized engines: fbgemm, qnnpack, onednn, x86 or all (default: all available)")
    parser.add_argument("--samples", type=_at_least_one, default=20, metavar="N",
                        help="samples per rule and engine, at least 1 (default: 20)")
    parser.add_argument("--seed", type=_whole_number, default=0,
                        help="seed of the samples, a whole number (default: 0)")
    parser.add_argument("--tolerance", type=_steps, default=1.0, metavar="STEPS",
                        help="quantization steps a result may differ and be within tolerance, at least 0; 0 asks "
                             "for identical results, float ones included (default: 1)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument("--verbose", action="store_true", help="details for every rule, not only wrong ones")
    parser.add_argument("--doc", metavar="FILE.md", help="also write the verdict table into FILE's generated section")
    parser.add_argument("--check", action="store_true", help="with --doc: write nothing; exit 1 when the table is stale")
    run = _runs("qdsl.tooling.verify_cmd", "run_verify")

    def run_checked(args: argparse.Namespace) -> int:
        if args.check and not args.doc:
            parser.error("argument --check: only applies with --doc FILE.md (it checks that file's verdict table)")
        return run(args)

    parser.set_defaults(run=run_checked)


def _whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None


def _at_least_one(text: str) -> int:
    number = _whole_number(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {text!r}")
    return number


def _steps(text: str) -> float:
    """A --tolerance: a number of steps, at least 0 (NaN would let every difference pass)."""
    try:
        steps = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not steps >= 0:
        raise argparse.ArgumentTypeError(f"must be a number of steps of at least 0, not {text!r}")
    return steps


RULE_PATHS = (lambda value: value.endswith(".qpat") or Path(value).is_dir(), "a .qpat file or a directory")
"""What a --rules value is (the test, and its description)."""
ATTRIBUTE_NAMES = (str.isidentifier, "an attribute name")
"""What a --preserve value is."""


class _Positional:
    """A command's one positional argument, which may also come after the values of a
    list option (`--rules a.qpat patterns IN.pt`), where argparse takes it for one more
    value.

    When the positional is missing, each list option's values are read up to the first
    one that is not of its kind (for --rules: neither a `.qpat` name nor a directory; for
    --preserve: not an attribute name); that value, which must be the last, is the
    positional. Otherwise it is a usage error.
    """

    def __init__(self, parser: argparse.ArgumentParser, dest: str, metavar: str,
                 list_options: dict[str, tuple[Callable[[str], bool], str]]):
        self.parser, self.dest, self.metavar, self.list_options = parser, dest, metavar, list_options

    def resolve(self, args: argparse.Namespace) -> None:
        if getattr(args, self.dest) is not None:
            return
        for option, (of_its_kind, kind) in self.list_options.items():
            values = getattr(args, option) or []
            first_other = next((i for i, value in enumerate(values) if not of_its_kind(value)), len(values))
            if first_other == len(values):
                continue
            if first_other < len(values) - 1:
                self.parser.error(f"argument --{option}: {values[first_other]!r} is not {kind}, and only the last "
                                  f"value may be {self.metavar}")
            if first_other == 0:
                self.parser.error(f"argument --{option}: {values[0]!r} is not {kind} (if it is {self.metavar}, "
                                  f"the --{option} values are missing)")
            setattr(args, option, values[:first_other])
            setattr(args, self.dest, values[first_other])
            return
        self.parser.error(f"the following arguments are required: {self.metavar}")


def version_text() -> str:
    """`qdsl --version`: qdsl's version and the torch and Python it runs with (read from
    the installed packages' metadata: importing torch takes seconds)."""
    python = ".".join(str(part) for part in sys.version_info[:3])
    return f"qdsl {__version__} (torch {_installed_version('torch')}, Python {python})"


def _installed_version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


class _VersionAction(argparse.Action):
    """argparse's `version` action, with the text read only when asked for."""

    def __init__(self, option_strings, dest, help=None):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(version_text())
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="qdsl", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action=_VersionAction, help="print qdsl's version and the torch and Python "
                                                                  "it runs with, and exit")
    subparsers = parser.add_subparsers(dest="command", required=True, title="commands", metavar="COMMAND")
    for add in (add_compile_parser, add_check_parser, add_fmt_parser, add_explain_parser, add_show_parser,
                add_finalize_parser, add_verify_parser):
        add(subparsers)
    return parser


@contextmanager
def _qdsl_warnings_as_messages():
    """Print qdsl's own warnings (e.g. a model holding the other quantization type than
    `--quant-type`) as `qdsl: warning: ...`, not with the library line that raised them, and
    in the command line's terms when the warning carries them (`command_line`, see
    `qdsl.diagnostics.user_warning`); other libraries' warnings keep Python's format."""
    python_format = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None):
        if not filename.startswith(_PACKAGE_DIRECTORY):
            return python_format(message, category, filename, lineno, file, line)
        text = getattr(message, "command_line", message)
        print(f"qdsl: warning: {text}", file=sys.stderr if file is None else file)

    warnings.showwarning = show
    try:
        yield
    finally:
        warnings.showwarning = python_format


_PACKAGE_DIRECTORY = str(Path(__file__).resolve().parent.parent) + os.sep


SIGPIPE_EXIT_STATUS = 141
"""What a shell reports for a command killed by SIGPIPE (128 + 13), as `cat` and `git` end."""


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "positional", None) is not None:
        args.positional.resolve(args)
    try:
        with _qdsl_warnings_as_messages():
            status = args.run(args)
        # Output shorter than stdout's buffer reaches the pipe here, not at exit, where a
        # reader that already left would make Python report the broken pipe itself.
        sys.stdout.flush()
        return status
    except InputError as error:
        print(f"qdsl: error: {error.message}", file=sys.stderr)
        return error.exit_status
    except (RuleError, RuleRuntimeError) as error:
        print(error, file=sys.stderr)
        return error.exit_status
    except BrokenPipeError:
        # The reader stopped early (`qdsl compile --dump ir | head`): end quietly, as
        # `cat` does, and keep Python from reporting the pipe again when it flushes at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return SIGPIPE_EXIT_STATUS
    except OSError as error:
        print(f"qdsl: error: {error}", file=sys.stderr)
        return InputError.exit_status
