"""The one way tests run the `qdsl` command line.

`run_qdsl` runs a command in this process through `qdsl.tooling.cli.main`: a fresh
interpreter per command costs seconds of torch import, which is what the CLI tests
measured before. Only the entry-point smoke tests (`python -m qdsl`, the `qdsl`
console script) and the cold-start import test start interpreters, through
`run_fresh`.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
"""The repository root, where the commands run unless told otherwise."""
CONSOLE_SCRIPT = Path(sys.executable).parent / "qdsl"
"""The `qdsl` console script installed beside the interpreter running the tests."""


@dataclass(frozen=True)
class CliRun:
    """What one `qdsl` command printed and returned."""

    returncode: int
    """The exit status (`main`'s return value, or argparse's SystemExit code)."""
    stdout: str
    """Everything printed to stdout."""
    stderr: str
    """Everything printed to stderr."""


def run_qdsl(*args, cwd: str | os.PathLike = REPO) -> CliRun:
    """`qdsl ARGS` in `cwd`, in this process; the working directory is restored after."""
    from qdsl.tooling.cli import main

    out, err = io.StringIO(), io.StringIO()
    before = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(arg) for arg in args])
            except SystemExit as exit:
                code = exit.code
    finally:
        os.chdir(before)
    return CliRun(code, out.getvalue(), err.getvalue())


def run_fresh(command: list[str], *, cwd: str | os.PathLike = REPO,
              environment: dict[str, str] | None = None) -> CliRun:
    """`command` in a new process (an interpreter or the console script)."""
    result = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, **(environment or {})}, timeout=300)
    return CliRun(result.returncode, result.stdout, result.stderr)
