"""Apply rules to a graph with torch's SubgraphRewriter semantics; record provenance.

Per rule, as upstream's `rewriteSinglePatternOnGraph` (subgraph_rewrite.cpp): all
matches are found first, in upstream's traversal order (a block's nodes in order; the
nested blocks met are visited afterwards, last met first); then, in that order, a match
is skipped when its guard is false (upstream's match filters), when it overlaps an
earlier applied match of the same rule, or when the insertion point would follow a use
of one of its outputs. Each applied match inserts a clone of the replacement with
`Graph.insertGraph` after its last-defined input; outputs are redirected with
`replaceAllUsesWith` once all matches are inserted, then the matched nodes are
destroyed.

One deliberate difference (issue 3, point 5): upstream inserts after the last-defined
input even when that input lives in an enclosing block, which hoists a fused op out of
a `prim::If` branch or loop body. qdsl inserts at the start of the anchor's block
instead (`hoist_like_upstream=True` restores upstream's placement, for differential
tests).

Work is proportional to the graph: nodes are bucketed by kind once per `apply_rules`
call (buckets follow the rewrites), a rule visits only the part of its anchor's
bucket whose first input comes from the right kind of node, and the kinds of a few
more producers reject most of the rest before matching. A rule whose anchor is absent
costs a dictionary lookup.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

import torch

from .errors import Diagnostic, QdslError
from .graph_walk import blocks_depth_first
from .matcher import MatchResult, match_at
from .pattern import CompiledRule, compile_rule
from .predicates import NOT_CONSTANT, constant_value, evaluate_guard
from .rules import Rule, is_verified


@dataclass(frozen=True)
class Fusion:
    """One applied rewrite: which rule made which nodes, from where."""

    rule: Rule
    """The rule that fired."""
    nodes: tuple[torch._C.Node, ...]
    """The nodes the replacement created, in graph order. A later rule may consume and
    destroy them (torch then raises "has been invalidated" on use); `kinds` stays."""
    anchor_source: str | None
    """Source range of the matched anchor node, or, when it has none (a quantize that
    quantization inserted), of the first matched node in pattern order that has one:
    the model's code, when the graph has it."""
    kinds: tuple[str, ...] = ()
    """The kinds of `nodes`, recorded when they were made."""


class GraphIndex:
    """The graph's nodes bucketed by kind, with upstream's traversal order as sort keys.

    An order key is a tuple: the block's rank in upstream's traversal, then the node's
    position. A node inserted after node X gets X's key extended by a decreasing
    counter, so later insertions after X sort before earlier ones, as they do in the
    graph (each is placed right after X).

    On demand, a kind's bucket is split further by the kind of the producer of input
    `position` (most rules are anchored at `aten::quantize_per_tensor` and differ in
    the op feeding it); such a split is kept up to date through the rewrites.
    """

    def __init__(self, graph: torch._C.Graph):
        self.graph = graph
        self.by_kind: dict[str, dict[torch._C.Node, None]] = defaultdict(dict)
        self.order_key: dict[torch._C.Node, tuple] = {}
        self.block_rank: dict[torch._C.Block, int] = {}
        self._by_producer: dict[tuple[str, int], dict[str, dict[torch._C.Node, None]]] = {}
        self._producer_of: dict[tuple[str, int], dict[torch._C.Node, str]] = {}
        self._split_positions: dict[str, list[int]] = defaultdict(list)
        self._counter = 0
        by_kind, order_key = self.by_kind, self.order_key
        for rank, (block, nodes, kinds) in enumerate(blocks_depth_first(graph)):
            self.block_rank[block] = rank
            for position, (node, kind) in enumerate(zip(nodes, kinds)):
                by_kind[kind][node] = None
                order_key[node] = (rank, position)

    def candidates(self, kind: str, producer: tuple[int, str] | None = None) -> list[torch._C.Node]:
        """The nodes of `kind` (whose input `producer[0]` comes from a `producer[1]` node),
        in upstream's traversal order."""
        if producer is None:
            bucket = self.by_kind.get(kind)
        else:
            bucket = self._split(kind, producer[0]).get(producer[1])
        if not bucket:
            return []
        return sorted(bucket, key=self.order_key.__getitem__)

    def _split(self, kind: str, position: int) -> dict[str, dict[torch._C.Node, None]]:
        split = self._by_producer.get((kind, position))
        if split is None:
            split = defaultdict(dict)
            self._by_producer[(kind, position)] = split
            self._producer_of[(kind, position)] = {}
            self._split_positions[kind].append(position)
            for node in self.by_kind.get(kind, ()):
                self._file(node, kind, position)
        return split

    def _file(self, node: torch._C.Node, kind: str, position: int) -> None:
        producer = node.inputsAt(position).node().kind() if position < node.inputsSize() else ""
        self._by_producer[(kind, position)][producer][node] = None
        self._producer_of[(kind, position)][node] = producer

    def _unfile(self, node: torch._C.Node, kind: str, position: int) -> None:
        producer = self._producer_of[(kind, position)].pop(node, None)
        if producer is not None:
            self._by_producer[(kind, position)][producer].pop(node, None)

    def _splits_of(self, kind: str) -> Sequence[int]:
        return self._split_positions.get(kind, ())

    def inputs_changed(self, nodes: Iterable[torch._C.Node]) -> None:
        """Re-file `nodes`, whose inputs now come from other producers."""
        for node in nodes:
            kind = node.kind()
            for position in self._splits_of(kind):
                self._unfile(node, kind, position)
                self._file(node, kind, position)

    def added_after(self, anchor_key: tuple, nodes: Sequence[torch._C.Node]) -> None:
        """Record `nodes`, just inserted in this order right after the node keyed `anchor_key`."""
        self._counter += 1
        base = anchor_key + (-self._counter,)
        for offset, node in enumerate(nodes):
            kind = node.kind()
            self.by_kind[kind][node] = None
            self.order_key[node] = base + (offset,)
            for position in self._splits_of(kind):
                self._file(node, kind, position)

    def removed(self, node: torch._C.Node, kind: str) -> None:
        self.by_kind[kind].pop(node, None)
        self.order_key.pop(node, None)
        for position in self._splits_of(kind):
            self._unfile(node, kind, position)


def apply_rules(graph: torch._C.Graph, rules: Sequence[Rule], *, validate: bool = False,
                hoist_like_upstream: bool = False, record_sources: bool = True) -> list[Fusion]:
    """Apply `rules` in order, each as one full pass; return what fused.

    With `validate`, `graph.lint()` runs after each rule that fired, except the shipped
    rules (`qdsl.rules.is_verified`: the test suite proves them against torch, and a lint
    costs as much as the whole fusion stage); an invalid graph raises `QdslError`
    naming the rule and the graph location. `record_sources=False` leaves
    `Fusion.anchor_source` None: formatting a source range is the most expensive call
    of a rewrite.
    """
    index = GraphIndex(graph)
    fusions: list[Fusion] = []
    for rule in rules:
        compiled = compile_rule(rule)
        made = _run_rule(index, compiled, rewrite=True, hoist_like_upstream=hoist_like_upstream,
                         record_sources=record_sources)[0]
        fusions.extend(made)
        if validate and made and not is_verified(rule):
            _lint(graph, rule, made)
    return fusions


def find_matches(graph: torch._C.Graph, rule: Rule) -> list[MatchResult]:
    """The matches `rule` would rewrite in `graph`, without rewriting."""
    return [r for r in explain_rule(graph, rule) if r.ok]


def explain_rule(graph: torch._C.Graph, rule: Rule) -> list[MatchResult]:
    """Every candidate of `rule` in `graph`, matched or with the first reason it failed.

    Candidates are the nodes of the anchor's kind; then, for each node of the pattern's
    deepest chain below the anchor, each graph node of that kind that no earlier attempt
    reached, whose part of the pattern (two nodes at least) matches, but whose consumer
    is not the op the rule expects next (a near miss the anchor's bucket cannot show).
    `MatchResult.near_miss` tells the interesting failures from the merely different. The graph is not
    changed; the insertion-point check sees it before any of this rule's rewrites.
    """
    index = GraphIndex(graph)
    compiled = compile_rule(rule)
    results = _run_rule(index, compiled, rewrite=False, hoist_like_upstream=False, record_sources=False)[1]
    reached = {node for r in results for node in (*r.nodes.values(), r.graph_node) if node is not None}
    pattern = compiled.pattern
    chain = _deepest_chain(compiled)
    for consumer, pattern_node in zip(chain, chain[1:]):
        expected = pattern.nodes[consumer].kind
        for node in index.candidates(pattern.nodes[pattern_node].kind):
            if node in reached:
                continue
            users = {u.user for i in range(node.outputsSize()) for u in node.outputsAt(i).uses()}
            user_kinds = sorted({u.kind() for u in users})
            if expected in user_kinds:
                continue
            partial = match_at(compiled, node, start_node=pattern_node)
            reached.update(partial.nodes.values())
            if partial.ok and len(partial.nodes) >= 2:
                found = ", ".join(user_kinds) or "no consumer"
                results.append(partial.fail(f"op kind differs: expected {expected}, found {found}",
                                            pattern.node_name(consumer), node))
    return results


def _run_rule(index: GraphIndex, compiled: CompiledRule, *, rewrite: bool, hoist_like_upstream: bool,
              record_sources: bool) -> tuple[list[Fusion], list[MatchResult]]:
    """One pass of one rule; with `rewrite=False` only the decisions, for `explain`."""
    pattern = compiled.pattern
    rule = compiled.rule
    first_producer = pattern.producer_kinds[0] if rewrite and pattern.producer_kinds else None
    candidates = index.candidates(pattern.anchor_kind, first_producer)
    if not candidates:
        return [], []
    single_block = len(index.block_rank) == 1
    fusions: list[Fusion] = []
    results: list[MatchResult] = []
    matched_nodes: set[torch._C.Node] = set()
    pending: list[tuple[torch._C.Value, torch._C.Value]] = []
    doomed: list[tuple[torch._C.Node, str]] = []
    for anchor in candidates:
        if rewrite and not _probes_fit(anchor, pattern):
            continue
        result = match_at(compiled, anchor, same_block=single_block)
        if result.ok and rule.guard is not None:
            result = _check_guard(result, rule)
        if result.ok:
            overlap = next((i for i, n in result.nodes.items() if n in matched_nodes), None)
            if overlap is not None:
                result = result.fail("overlaps an earlier match of this rule",
                                     pattern.node_name(overlap), result.nodes[overlap])
        inputs = outputs = after = None
        if result.ok:
            inputs = [result.values[pattern.values[i].name] for i in pattern.inputs]
            outputs = [result.values[pattern.values[i].name] for i in pattern.outputs]
            after = _insertion_point(index, anchor, inputs, hoist_like_upstream)
            late_use = _use_before(outputs, after)
            if late_use is not None:
                result = result.fail(
                    f"insertion point after a use: {late_use.kind()} uses an output of the match "
                    f"before the last-defined input", pattern.value_name(pattern.outputs[0]), late_use)
        results.append(result)
        if not result.ok:
            continue
        matched_nodes.update(result.nodes.values())
        if rewrite:
            for i in sorted(result.nodes, reverse=True):
                kind = pattern.nodes[i].kind
                node = result.nodes[i]
                doomed.append((node, node.kind() if kind == "match::module" else kind))
            created = _insert_replacement(index, compiled, after, anchor, inputs, outputs, pending)
            source = _source_of(result, pattern.anchor) if record_sources else None
            fusions.append(Fusion(rule, created, source, tuple(n.kind() for n in created)))
    if rewrite:
        for old, new in pending:
            users = [use.user for use in old.uses()]
            old.replaceAllUsesWith(new)
            index.inputs_changed(users)
        # Consumers before producers (pattern text order is topological), so each node's
        # outputs are unused when it goes: upstream's separate removeAllInputs pass is
        # then not needed, and the result is the same.
        for node, kind in doomed:
            index.removed(node, kind)
            node.destroy()
    return fusions, results


def _probes_fit(anchor: torch._C.Node, pattern) -> bool:
    """Cheap necessary conditions of a match: the kinds of a few producers near the anchor."""
    inputs = anchor.inputsSize()
    for position, kind in pattern.producer_kinds[1:]:
        if position >= inputs or anchor.inputsAt(position).node().kind() != kind:
            return False
    for path, kind in pattern.probes:
        node = anchor
        for position in path:
            if position >= node.inputsSize():
                return False
            node = node.inputsAt(position).node()
        if node.kind() != kind:
            return False
    return True


def _source_of(result: MatchResult, anchor_index: int) -> str | None:
    order = [anchor_index] + sorted(i for i in result.nodes if i != anchor_index)
    for index in order:
        source = result.nodes[index].sourceRange()
        if source:
            return source
    return None


def _check_guard(result: MatchResult, rule: Rule) -> MatchResult:
    try:
        holds = evaluate_guard(rule.guard, result.values)
    except QdslError:
        raise
    except Exception as error:  # a user predicate failed: report it against the rule
        raise QdslError(Diagnostic(
            rule.location, f"rule {rule.name}: guard raised {type(error).__name__}: {error}")) from None
    if holds:
        return result
    names = _guard_variables(rule.guard)
    shown = ", ".join(f"{name} = {_describe_value(result.values[name])}" for name in names)
    return result.fail(f"guard false with {shown}", names[0] if names else None)


def _guard_variables(guard) -> list[str]:
    op = guard[0]
    if op in ("and", "or"):
        return list(dict.fromkeys(n for g in guard[1:] for n in _guard_variables(g)))
    if op == "not":
        return _guard_variables(guard[1])
    if op in ("eq", "ne"):
        return [guard[1]]
    return list(guard[2])


def _describe_value(value: torch._C.Value) -> str:
    constant = constant_value(value)
    if constant is NOT_CONSTANT:
        return f"a non-constant {value.type()}"
    return repr(constant)


def _insertion_point(index: GraphIndex, anchor: torch._C.Node, inputs, hoist: bool):
    """The node after which the replacement goes, or the anchor's block for its start.

    Upstream: right after the last-defined input. qdsl: the same, unless that input is
    outside the anchor's block; then the anchor's block start.
    """
    block = anchor.owningBlock()
    rank = index.order_key[anchor][0]
    last = None
    last_key = None
    for value in inputs:
        node = value.node()
        if hoist:
            if last is None or last.isBefore(node):
                last = node
            continue
        key = index.order_key.get(node)
        if key is None or key[0] != rank:
            continue
        if last_key is None or key > last_key:
            last, last_key = node, key
    if last is None or last.kind() == "prim::Param":
        return last.owningBlock() if hoist and last is not None else block
    return last


def _use_before(outputs, after) -> torch._C.Node | None:
    if isinstance(after, torch._C.Block):
        return None
    for value in outputs:
        for use in value.uses():
            if use.user.isBefore(after):
                return use.user
    return None


def _insert_replacement(index: GraphIndex, compiled: CompiledRule, after, anchor, inputs, outputs,
                        pending) -> tuple[torch._C.Node, ...]:
    graph = index.graph
    if isinstance(after, torch._C.Block):
        before = next(iter(after.nodes()), None) or after.returnNode()
        anchor_key = (index.block_rank[after], -1)
    else:
        before = after
        anchor_key = index.order_key[after]
    with graph.insert_point_guard(before):
        new_outputs = graph.insertGraph(compiled.replacement, inputs)
    created = []
    node = before
    for _ in range(compiled.replacement_node_count):
        node = node.prev()
        created.append(node)
    created.reverse()
    if not isinstance(after, torch._C.Block) and created:
        after.moveBefore(created[0])
    index.added_after(anchor_key, created)
    for old, new in zip(outputs, new_outputs):
        new.setType(old.type())
        pending.append((old, new))
    return tuple(created)


def _lint(graph: torch._C.Graph, rule: Rule, made: list[Fusion]) -> None:
    try:
        graph.lint()
    except RuntimeError as error:
        where = made[0].anchor_source
        at = f" (first rewrite at {where.strip()})" if where else ""
        raise QdslError(Diagnostic(
            rule.location,
            f"rule {rule.name} left an invalid graph{at}: {str(error).splitlines()[0]}")) from None


def _deepest_chain(compiled: CompiledRule) -> list[int]:
    """Pattern node indices from the anchor down its longest chain of pattern producers."""
    pattern = compiled.pattern
    depth: dict[int, int] = {}
    below: dict[int, int | None] = {}
    for node in pattern.nodes:
        best, best_child = 0, None
        for value in node.inputs:
            producer = pattern.values[value].producer
            if producer is not None and producer in depth and depth[producer] + 1 > best:
                best, best_child = depth[producer] + 1, producer
        depth[node.index], below[node.index] = best, best_child
    chain = [pattern.anchor]
    while below[chain[-1]] is not None:
        chain.append(below[chain[-1]])
    return chain
