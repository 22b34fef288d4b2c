"""Fixtures shared by the test modules (their helpers are the package tests.support)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def shipped_rules():
    """The shipped rule set, as `qdsl.finalize` uses it by default."""
    import qdsl

    return qdsl.default_rules()


@dataclasses.dataclass(frozen=True)
class CliRun:
    """What one `qdsl` command printed and returned."""

    returncode: int
    """The exit status (`main`'s return value, or argparse's SystemExit code)."""
    stdout: str
    """Everything printed to stdout."""
    stderr: str
    """Everything printed to stderr."""


@pytest.fixture
def run_cli(capsys, monkeypatch):
    """`qdsl ARGS` in-process through `qdsl.cli.main`, in `cwd` (default: the repository
    root); a fresh interpreter per command would cost seconds of torch import."""
    from qdsl.tooling.cli import main

    def run(*args, cwd=REPO) -> CliRun:
        monkeypatch.chdir(cwd)
        capsys.readouterr()
        try:
            code = main([str(arg) for arg in args])
        except SystemExit as exit:
            code = exit.code
        out, err = capsys.readouterr()
        return CliRun(code, out, err)

    return run
