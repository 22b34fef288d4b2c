"""Fixtures shared by the test modules (their helpers are the package tests.support)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def shipped_rules():
    """The shipped rule set, as `qdsl.finalize` uses it by default."""
    import qdsl

    return qdsl.default_rules()
