"""The engine protocol every backend's rewrite pass speaks: decisions, tracers, rewrites.

A backend applies one rule as one pass over a graph. For every candidate anchor the pass
makes one `Decision` (matched, or why not); rewriting consumes the matched decisions,
and a `Tracer` attached to the same pass sees all of them, so "why didn't my rule
fire" is a trace of the real pass, not a second one. What a pass changed is reported
as `Rewrite` records: plain data that outlives the graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Mapping, Protocol

from ..diagnostics import SourceLocation
from .rules import Rule


class MatchStatus(Enum):
    """The outcome of trying one rule at one candidate anchor."""

    NO_MATCH = "no match"
    """The graph differs from the pattern (kind, arity, constant, uses, ...)."""
    GUARD_FALSE = "guard false"
    """The structure matched; the `where` clause did not hold."""
    OVERLAP = "overlap"
    """It matched nodes an earlier match of the same pass rewrites."""
    LATE_USE = "use before insertion point"
    """An output is used before the point where the replacement would go."""
    MATCHED = "matched"
    """Rewritten (or, in a dry run, would be)."""


@dataclass(frozen=True)
class Failure:
    """Why a candidate failed, in the rule's terms."""

    reason: str
    """The check that failed, in words (`op kind differs: expected aten::relu, found aten::gelu`)."""
    pattern_value: str | None
    """The pattern value at which it failed, if any."""
    location: SourceLocation | None
    """The `.qpat` span of that value, or of the guard part that was false."""
    graph_node: Any = None
    """The backend's graph node where the check failed (valid while the tracer is called)."""


@dataclass(frozen=True)
class Decision:
    """One rule tried at one candidate: the unit a tracer sees."""

    rule: Rule
    """The rule tried."""
    status: MatchStatus
    """What happened."""
    anchor: Any
    """The graph node tried as the pattern's anchor (or, for a partial candidate met below
    the anchor, the node matched to `start`). Valid only during the tracer call."""
    nodes: Mapping[int, Any] = field(default_factory=dict)
    """Pattern node index -> graph node, as far as matching got."""
    values: Mapping[str, Any] = field(default_factory=dict)
    """Pattern value name -> graph value, as far as matching got."""
    failure: Failure | None = None
    """Why it did not match; None for MATCHED."""
    start: int | None = None
    """For a partial candidate: the pattern node matching began at (None: the anchor)."""

    @property
    def matched_nodes(self) -> int:
        return len(self.nodes)


class Tracer(Protocol):
    """Receives every decision of the passes it is attached to."""

    def decided(self, decision: Decision) -> None:
        """Called once per candidate, in the pass's order, before the graph changes."""


@dataclass(frozen=True)
class Rewrite:
    """One applied rewrite, as plain data."""

    rule: Rule
    """The rule that fired."""
    kinds: tuple[str, ...]
    """The kinds of the nodes the replacement created, in graph order."""
    outputs: tuple[str, ...]
    """The graph names of the created nodes' first outputs ('' for a node without outputs),
    as they were when made."""
    source: str | None = None
    """The model source of the matched anchor (or of the first matched node that has one),
    when the backend records it."""


class RewriteListener(Protocol):
    """Told about every change a pass makes to the graph (indexes keep themselves current)."""

    def inserted(self, nodes: list[Any], kinds: tuple[str, ...]) -> None:
        """`nodes` of `kinds` were just inserted."""

    def inputs_changed(self, nodes: list[Any]) -> None:
        """`nodes` now read their inputs from other producers."""

    def removing(self, node: Any, kind: str) -> None:
        """`node` of `kind` is about to be destroyed."""

    def pass_done(self) -> None:
        """A pass finished changing the graph."""
