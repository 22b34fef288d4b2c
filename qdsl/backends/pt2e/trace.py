"""Decisions for tracers: the matcher's findings in the rule's `.qpat` terms, and the
candidates no anchor reaches (a chain of the pattern whose consumer is another op)."""

from __future__ import annotations

from torch.fx import Node

from ...core.engine import Decision, Failure, MatchStatus
from .compiled import CALL, CompiledRule
from .index import GraphIndex
from .matcher import UNBOUND, match_at
from .torch_api import qualified_name


def decision(compiled: CompiledRule, status: MatchStatus, anchor: Node, node_map: list, value_map: list,
             failure, start: int | None = None) -> Decision:
    """The decision of one candidate; `failure` is a `Failure` or the matcher's
    `(reason, pattern value name, graph node)`."""
    pattern, graph = compiled.pattern, compiled.rule.pattern
    reported = None
    if isinstance(failure, Failure):
        reported = failure
    elif failure is not None:
        reason, name, graph_node = failure
        location = graph.value(name).span if name in graph.index_of else None
        reported = Failure(reason, name, location, graph_node)
    return Decision(
        rule=compiled.rule, status=status, anchor=anchor,
        nodes={i: node for i, node in enumerate(node_map) if isinstance(node, Node)},
        values={pattern.values[i].name: value for i, value in enumerate(value_map) if value is not UNBOUND},
        failure=reported, start=start)


def partial_decisions(index: GraphIndex, compiled: CompiledRule) -> list[Decision]:
    """Candidates no anchor of the rule reaches: for each call of the pattern's deepest
    chain below the anchor, each graph node of its op that no anchor's match reached and
    whose consumers are not the op the rule expects next, but whose part of the pattern
    (two calls at least) matches. The graph is not changed."""
    pattern = compiled.pattern
    reached: set[Node] = set()
    for anchor in index.candidates(compiled.anchor_target):
        node_map, _, _ = match_at(compiled, anchor)
        reached.update(node for node in node_map if isinstance(node, Node))
    found = []
    chain = _deepest_chain(compiled)
    for consumer, below in zip(chain, chain[1:]):
        expected = pattern.nodes[consumer].target
        for node in index.candidates(pattern.nodes[below].target):
            if node in reached or any(user.target == expected for user in node.users):
                continue
            node_map, value_map, failure = match_at(compiled, node, start_node=below, explain=True)
            reached.update(n for n in node_map if isinstance(n, Node))
            if failure is None and sum(isinstance(n, Node) for n in node_map) >= 2:
                users = ", ".join(sorted({_kind(user) for user in node.users})) or "no consumer"
                reason = f"op differs: expected {pattern.nodes[consumer].shown}, found {users}"
                found.append(decision(compiled, MatchStatus.NO_MATCH, node, node_map, value_map,
                                      (reason, pattern.node_names[consumer], node), start=below))
    return found


def _kind(node: Node) -> str:
    return qualified_name(node.target) if node.op == "call_function" else node.op


def _deepest_chain(compiled: CompiledRule) -> list[int]:
    """Pattern call indices from the anchor down its longest chain of producing calls."""
    pattern = compiled.pattern
    depth: dict[int, int] = {}
    below: dict[int, int | None] = {}
    for node in pattern.nodes:
        if node.kind != CALL:
            continue
        best, best_child = 0, None
        for value in node.inputs:
            producer = pattern.values[value].producer
            if producer is not None and producer in depth and depth[producer] + 1 > best:
                best, best_child = depth[producer] + 1, producer
        depth[node.index], below[node.index] = best, best_child
    chain = [pattern.anchor]
    while below.get(chain[-1]) is not None:
        chain.append(below[chain[-1]])
    return chain
