"""Rules written for the engine's tests, compiled from `.qpat` text like any user's, and
a tracer that records the engine's decisions as plain data.

`GUARD_FREE` are upstream's linear, conv2d, add and mul fusions without their filters,
in upstream's order (fused-activation forms before plain forms), plus two rules that
see what earlier ones made: `quantized_linear_relu` matches a relu after the
`quantized::linear` that `linear` makes, on a kind (`aten::relu`) `relu_relu` has
already indexed. torch's own rewriter applies them as they are (it takes no guards),
which makes them the engine's differential test set.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import cache
from typing import Mapping

import torch

import qdsl
from qdsl.backends.torchscript.explain import near_miss_rank
from qdsl.backends.torchscript.rewriter import apply_rules
from qdsl.core.engine import Decision, MatchStatus
from qdsl.core.guards import Predicate

GUARD_FREE = """
rule relu_relu: relu(relu(x)) -> relu(x)
rule linear_relu:
    w, b = quantized::linear_unpack(packed)
    q(relu(linear(dq(a), dq(w), b))) -> quantized::linear_relu(a, packed, scale, zero_point)
rule linear:
    w, b = quantized::linear_unpack(packed)
    q(linear(dq(a), dq(w), b)) -> quantized::linear(a, packed, scale, zero_point)
rule quantized_linear_relu:
    relu(quantized::linear(a, packed, scale, zero_point)) -> quantized::linear_relu(a, packed, scale, zero_point)
rule conv2d:
    w, b = quantized::conv2d_unpack(packed)
    q(conv2d(dq(a), dq(w), b, stride, padding, dilation, groups)) -> quantized::conv2d(a, packed, scale, zero_point)
rule add_relu: q(relu(add(dq(a), dq(b), alpha))) -> quantized::add_relu(a, b, scale, zero_point)
rule add: q(add(dq(a), dq(b), alpha)) -> quantized::add(a, b, scale, zero_point)
rule mul: q(mul(dq(a), dq(b))) -> quantized::mul(a, b, scale, zero_point)
"""


def fusion_rules(text: str, filename: str = "test.qpat", *,
                 predicates: Mapping[str, Predicate] | None = None) -> qdsl.RuleSet:
    """`text` compiled as rules of stage `fusion static` (its compile warnings are the
    business of the compiler's tests)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return qdsl.compile_source("stage fusion static\n" + text, filename, predicates=predicates)


@cache
def guard_free_rules() -> tuple[qdsl.Rule, ...]:
    return fusion_rules(GUARD_FREE, "guard_free.qpat").rules


@dataclass(frozen=True)
class Seen:
    """One decision of a pass, as plain data (a decision's graph nodes die with the pass)."""

    rule: str
    status: MatchStatus
    anchor_kind: str
    """The kind of the node tried as the anchor (for a partial candidate, as `start`)."""
    reason: str | None
    pattern_value: str | None
    failure_kind: str | None
    """The kind of the graph node where the check failed."""
    matched: int
    """Pattern nodes matched."""
    start: int | None
    values: dict[str, str]
    """Pattern value name -> the graph value's name, as far as matching got."""
    near_miss: bool
    """What `explain` makes of it (`near_miss_rank`)."""

    @property
    def ok(self) -> bool:
        return self.status is MatchStatus.MATCHED


class RecordingTracer:
    """Records every decision of the passes it is attached to as `Seen`."""

    def __init__(self, partials: bool = False):
        self.wants_partials = partials
        self.seen: list[Seen] = []

    def decided(self, decision: Decision) -> None:
        failure = decision.failure
        node = failure.graph_node if failure is not None else None
        self.seen.append(Seen(
            decision.rule.name, decision.status, decision.anchor.kind(),
            failure.reason if failure else None, failure.pattern_value if failure else None,
            node.kind() if node is not None else None, decision.matched_nodes, decision.start,
            {name: value.debugName() for name, value in decision.values.items()},
            decision.status is not MatchStatus.MATCHED and near_miss_rank(decision) is not None))


def traced(graph: torch._C.Graph, rules, *, partials: bool = False) -> list[Seen]:
    """The decisions of applying `rules` to a copy of `graph` (left as it is)."""
    tracer = RecordingTracer(partials)
    apply_rules(graph.copy(), list(rules), tracer=tracer)
    return tracer.seen
