"""Shared hypothesis settings and IR checks of the fuzz tests (tests/test_fuzz_*.py).

Every fuzz test runs a fixed, reproducible set of examples (`derandomize=True`, no
example database), sized so that all of them together stay well under a minute on two
cores. `QDSL_FUZZ_EXAMPLES=N` runs N examples per test instead (for a longer local run).
"""

from __future__ import annotations

import os
import re

import torch
from hypothesis import HealthCheck, settings

_EXAMPLES = int(os.environ.get("QDSL_FUZZ_EXAMPLES", "0") or 0)


def fuzz_settings(examples: int) -> settings:
    """`examples` reproducible examples per test, or QDSL_FUZZ_EXAMPLES when set."""
    return settings(
        max_examples=_EXAMPLES or examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                               HealthCheck.function_scoped_fixture],
    )


_NAME = r"[A-Za-z0-9_]+"
_TYPE = r"[A-Za-z0-9_.\[\]?]+"
_VALUE = rf"%{_NAME}(?: : {_TYPE})?"
_CONSTANT = r'\[value=(?:-?[0-9][0-9.e+\-]*|"[^"\\\n]*"|\[-?[0-9]+(?:, -?[0-9]+)*\])\]'
_HEADER = re.compile(rf"graph\((?:{_VALUE}(?:, {_VALUE})*)?\):")
_NODE = re.compile(rf"  {_VALUE}(?:, {_VALUE})* = {_NAME}::{_NAME}(?:{_CONSTANT})?\((?:%{_NAME}(?:, %{_NAME})*)?\)")
_RETURN = re.compile(rf"  return \((?:%{_NAME}(?:, %{_NAME})*)?\)")


def assert_ir_is_only_identifiers(ir: str) -> None:
    """The IR has exactly the shape the templates write, with names from the identifier
    alphabet and string constants free of quotes, backslashes and newlines; torch parses it
    into exactly one node per node line (nothing was smuggled in)."""
    lines = ir.split("\n")
    assert lines[-1] == "", ir
    header, *nodes, ret = lines[:-1]
    assert _HEADER.fullmatch(header), header
    assert _RETURN.fullmatch(ret), ret
    for line in nodes:
        assert _NODE.fullmatch(line), line
    graph = torch._C.parse_ir(ir)
    assert len(list(graph.nodes())) == len(nodes)
