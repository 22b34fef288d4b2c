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

Work is proportional to the nodes that can match: a kind's nodes are listed by one C++
call (`Graph.findAllNodes`) the first time a rule asks for the kind, and kept up to
date through the rewrites of the same `apply_rules` call; a rule visits only the part
of its anchor's bucket whose first input comes from the right kind of node, and the
kinds of a few more producers reject most of the rest before matching. No Python code
runs per graph node, except one walk to rank the blocks when a candidate sits in a
nested block. (Every node Python touches also keeps a small wrapper alive in C++
as long as the node lives, so touching fewer nodes saves memory too.)
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cmp_to_key
from typing import Iterable, Sequence

import torch

from .errors import Diagnostic, QdslError
from .graph_walk import blocks_depth_first
from .jit_types import is_wildcard
from .matcher import MatchResult, match_at, match_bindings
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
    """The graph's nodes of the kinds asked for, in upstream's traversal order.

    Upstream's order: a block's nodes in order; blocks in the order of upstream's block
    stack (the top block, then the sub-blocks met, last met first). Within a block
    `Node.isBefore` (C++, O(1)) orders nodes; blocks are ranked by one walk of the
    graph, made only when a bucket holds a node outside the top block. While no bucket
    does, every anchor and every node a rewrite inserts is in the top block.

    On demand, a kind's bucket is split further by the kind of the producer of input
    `position` (most rules are anchored at `aten::quantize_per_tensor` and differ in
    the op feeding it); such a split is kept up to date through the rewrites, and its
    grouping by producer kind is made again only after a change.
    """

    def __init__(self, graph: torch._C.Graph):
        self.graph = graph
        self.top = graph.block()
        """The graph's top block (the one wrapper torch hands out while it is alive)."""
        self._buckets: dict[str, list[torch._C.Node]] = {}
        self._removed: dict[str, set[torch._C.Node]] = defaultdict(set)
        self._block_rank: dict[torch._C.Block, int] | None = None
        self._producer_of: dict[tuple[str, int], dict[torch._C.Node, str]] = {}
        self._split_positions: dict[str, list[int]] = defaultdict(list)
        self._groups: dict[tuple[str, int], dict[str, list[torch._C.Node]]] = {}
        self._flat = True

    def candidates(self, kind: str, producer: tuple[int, str] | None = None) -> list[torch._C.Node]:
        """The nodes of `kind` (whose input `producer[0]` comes from a `producer[1]` node),
        in upstream's traversal order."""
        bucket = self._bucket(kind)
        if producer is None or not bucket:
            return list(bucket)
        position, producer_kind = producer
        groups = self._groups.get((kind, position))
        if groups is None:
            producer_of = self._split(kind, position)
            groups = self._groups[(kind, position)] = defaultdict(list)
            for node in bucket:
                groups[producer_of[node]].append(node)
        return list(groups.get(producer_kind, ()))

    def _bucket(self, kind: str) -> list[torch._C.Node]:
        bucket = self._buckets.get(kind)
        if bucket is None:
            bucket = self.graph.findAllNodes(kind, True)
            if len(bucket) != len(self.graph.findAllNodes(kind, False)):
                self._flat = False
                bucket.sort(key=cmp_to_key(self._compare))
            self._buckets[kind] = bucket
        return bucket

    def _compare(self, first: torch._C.Node, second: torch._C.Node) -> int:
        """Negative when `first` comes before `second` in upstream's order (distinct live nodes)."""
        if self._flat:
            return -1 if first.isBefore(second) else 1
        first_block, second_block = first.owningBlock(), second.owningBlock()
        if first_block == second_block:
            return -1 if first.isBefore(second) else 1
        if self._block_rank is None:
            self._block_rank = {block: rank for rank, (block, _, _) in enumerate(blocks_depth_first(self.graph))}
        return self._block_rank[first_block] - self._block_rank[second_block]

    def _split(self, kind: str, position: int) -> dict[torch._C.Node, str]:
        producer_of = self._producer_of.get((kind, position))
        if producer_of is None:
            producer_of = self._producer_of[(kind, position)] = {}
            self._split_positions[kind].append(position)
            for node in self._buckets[kind]:
                producer_of[node] = _producer_kind(node, position)
        return producer_of

    def inputs_changed(self, nodes: Iterable[torch._C.Node]) -> None:
        """Re-file `nodes`, whose inputs now come from other producers."""
        for node in nodes:
            kind = node.kind()
            for position in self._split_positions.get(kind, ()):
                self._producer_of[(kind, position)][node] = _producer_kind(node, position)
                self._groups.pop((kind, position), None)

    def added(self, nodes: Sequence[torch._C.Node], kinds: Sequence[str]) -> None:
        """Record `nodes` (of `kinds`), just inserted into the graph."""
        for node, kind in zip(nodes, kinds):
            bucket = self._buckets.get(kind)
            if bucket is None:
                continue  # listed by findAllNodes when first asked for
            low, high = 0, len(bucket)
            while low < high:
                middle = (low + high) // 2
                if self._compare(node, bucket[middle]) < 0:
                    high = middle
                else:
                    low = middle + 1
            bucket.insert(low, node)
            for position in self._split_positions.get(kind, ()):
                self._producer_of[(kind, position)][node] = _producer_kind(node, position)
                self._groups.pop((kind, position), None)

    def removed(self, node: torch._C.Node, kind: str) -> None:
        """Forget `node` (about to be destroyed); `compact` then drops it from its bucket."""
        if kind in self._buckets:
            self._removed[kind].add(node)
            for position in self._split_positions.get(kind, ()):
                self._producer_of[(kind, position)].pop(node, None)
                self._groups.pop((kind, position), None)

    def compact(self) -> None:
        """Drop the removed nodes from their buckets (before any of them is compared again)."""
        for kind, gone in self._removed.items():
            self._buckets[kind] = [node for node in self._buckets[kind] if node not in gone]
        self._removed.clear()


def _producer_kind(node: torch._C.Node, position: int) -> str:
    return node.inputsAt(position).node().kind() if position < node.inputsSize() else ""


def apply_rules(graph: torch._C.Graph, rules: Sequence[Rule], *, validate: bool = False,
                hoist_like_upstream: bool = False, record_sources: bool = True,
                inherit_metadata: bool = False) -> list[Fusion]:
    """Apply `rules` in order, each as one full pass; return what fused.

    With `validate`, after each rule that fired, except the shipped rules
    (`qdsl.rules.is_verified`: the test suite proves them against torch, and a lint costs
    as much as the whole fusion stage), every node the rule made must match an overload
    of its operator with the types it was given, and `graph.lint()` must pass; else
    `QdslError` names the rule and the model's source where it fired (torch would fail
    later, in freezing or at run time, naming neither). `record_sources=False` leaves
    `Fusion.anchor_source` None: formatting a source range is the most expensive call
    of a rewrite. With `inherit_metadata`, every replacement node takes the matched
    anchor's source range, scope and inlined call stack (upstream's nodes keep the
    rule's IR as their source), so that a later error about one of them can name the
    model's layer and line.
    """
    index = GraphIndex(graph)
    fusions: list[Fusion] = []
    for rule in rules:
        made = _rewrite_pass(index, compile_rule(rule), hoist_like_upstream, record_sources, inherit_metadata)
        fusions.extend(made)
        if validate and made and not is_verified(rule):
            _check_made_nodes(rule, made)
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
    results = _explain_pass(index, compiled)
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


def _explain_pass(index: GraphIndex, compiled: CompiledRule) -> list[MatchResult]:
    """One pass of one rule without rewriting: every candidate's result, for `explain`."""
    pattern = compiled.pattern
    rule = compiled.rule
    results: list[MatchResult] = []
    matched_nodes: set[torch._C.Node] = set()
    for anchor in index.candidates(pattern.anchor_kind):
        result = match_at(compiled, anchor, same_block=anchor.owningBlock() == index.top)
        if result.ok and rule.guard is not None:
            result = _check_guard(result, rule)
        if result.ok:
            overlap = next((i for i, n in result.nodes.items() if n in matched_nodes), None)
            if overlap is not None:
                result = result.fail("overlaps an earlier match of this rule",
                                     pattern.node_name(overlap), result.nodes[overlap])
        if result.ok:
            inputs = [result.values[pattern.values[i].name] for i in pattern.inputs]
            outputs = [result.values[pattern.values[i].name] for i in pattern.outputs]
            late_use = _use_before(outputs, _insertion_point(index, anchor, inputs, False))
            if late_use is not None:
                result = result.fail(
                    f"insertion point after a use: {late_use.kind()} uses an output of the match "
                    f"before the last-defined input", pattern.value_name(pattern.outputs[0]), late_use)
        results.append(result)
        if result.ok:
            matched_nodes.update(result.nodes.values())
    return results


def _rewrite_pass(index: GraphIndex, compiled: CompiledRule, hoist_like_upstream: bool,
                  record_sources: bool, inherit_metadata: bool) -> list[Fusion]:
    """One pass of one rule: `_explain_pass`'s decisions, without their reasons, then the rewrites."""
    pattern = compiled.pattern
    rule = compiled.rule
    first_producer = pattern.producer_kinds[0] if pattern.producer_kinds else None
    candidates = index.candidates(pattern.anchor_kind, first_producer)
    if not candidates:
        return []
    top = index.top
    node_kinds = [node.kind for node in pattern.nodes]
    fusions: list[Fusion] = []
    matched_nodes: set[torch._C.Node] = set()
    pending: list[tuple[torch._C.Value, torch._C.Value]] = []
    doomed: list[tuple[torch._C.Node, str]] = []
    use_counts: dict[torch._C.Value, int] = {}
    check_types = not is_verified(rule)
    for anchor in candidates:
        if not _probes_fit(anchor, pattern):
            continue
        bindings = match_bindings(compiled, anchor, anchor.owningBlock() == top, use_counts)
        if bindings is None:
            continue
        node_map, value_map = bindings
        if rule.guard is not None and not _guard_holds(rule, _values_by_name(pattern, value_map)):
            continue
        if any(node in matched_nodes for node in node_map if node is not None):
            continue
        inputs = [value_map[i] for i in pattern.inputs]
        outputs = [value_map[i] for i in pattern.outputs]
        after = _insertion_point(index, anchor, inputs, hoist_like_upstream)
        if _use_before(outputs, after) is not None:
            continue
        changed = _changed_output_type(compiled, outputs) if check_types else None
        if changed is not None:
            where = _source_of(node_map, pattern.anchor) or "an unknown graph location"
            raise QdslError(Diagnostic(rule.location, f"rule {rule.name}: {changed} (at {where.strip()})"))
        for i in range(len(node_map) - 1, -1, -1):
            node = node_map[i]
            if node is not None:
                matched_nodes.add(node)
                kind = node_kinds[i]
                doomed.append((node, node.kind() if kind == "match::module" else kind))
        created = _insert_replacement(index, compiled, after, inputs, outputs, pending)
        if inherit_metadata:
            for node in created:
                node.copyMetadata(anchor)
        for value in inputs:  # the replacement uses them now
            use_counts.pop(value, None)
        source = _source_of(node_map, pattern.anchor) if record_sources or check_types else None
        fusions.append(Fusion(rule, created, source, compiled.replacement_kinds))
    replaced = {old.unique(): new for old, new in pending}
    for old, new in pending:
        # A replacement that returns one of its inputs (`relu(a) -> a`) can hand on the
        # output of another match, which is itself replaced: follow to the final value.
        # (Upstream redirects to the doomed value and then fails an internal assert.)
        while new.unique() in replaced:
            new = replaced[new.unique()]
        users = [use.user for use in old.uses()]
        old.replaceAllUsesWith(new)
        index.inputs_changed(users)
    # Consumers before producers (pattern text order is topological), so each node's
    # outputs are unused when it goes: upstream's separate removeAllInputs pass is
    # then not needed, and the result is the same.
    for node, kind in doomed:
        index.removed(node, kind)
        node.destroy()
    index.compact()
    return fusions


def _changed_output_type(compiled: CompiledRule, outputs) -> str | None:
    """Why the replacement cannot stand for the matched outputs, or None.

    Upstream copies each matched output's type onto its replacement value; that is
    sound only when the two types are related (a shaped tensor and `Tensor`, `Tensor`
    and `Tensor?`). A rule that turned a tensor into a float would otherwise leave a
    float value typed as a tensor. Shipped rules are proven against torch and skip this.
    """
    for position, (old, new_type) in enumerate(zip(outputs, compiled.replacement_output_types)):
        old_type = old.type()
        if not (new_type.isSubtypeOf(old_type) or old_type.isSubtypeOf(new_type)):
            return f"its replacement changes the type of output {position} from {old_type} to {new_type}"
    return None


def _values_by_name(pattern, value_map: list) -> dict[str, torch._C.Value]:
    return {pattern.values[i].name: value for i, value in enumerate(value_map) if value is not None}


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


def _source_of(node_map: list, anchor_index: int) -> str | None:
    order = [anchor_index] + [i for i, node in enumerate(node_map) if node is not None and i != anchor_index]
    for index in order:
        source = node_map[index].sourceRange()
        if source:
            return source
    return None


def _guard_holds(rule: Rule, values: dict[str, torch._C.Value]) -> bool:
    try:
        return bool(evaluate_guard(rule.guard, values))
    except QdslError:
        raise
    except Exception as error:  # a user predicate failed: report it against the rule
        raise QdslError(Diagnostic(
            rule.location, f"rule {rule.name}: guard raised {type(error).__name__}: {error}")) from None


def _check_guard(result: MatchResult, rule: Rule) -> MatchResult:
    if _guard_holds(rule, result.values):
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
    top_params = index.graph.param_node() if block == index.top else None
    last = None
    for value in inputs:
        node = value.node()
        if not hoist:
            if top_params is not None:
                if node == top_params:
                    continue
            elif node.owningBlock() != block or node.kind() == "prim::Param":
                continue
        if last is None or last.isBefore(node):
            last = node
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


def _insert_replacement(index: GraphIndex, compiled: CompiledRule, after, inputs, outputs,
                        pending) -> tuple[torch._C.Node, ...]:
    graph = index.graph
    if isinstance(after, torch._C.Block):
        before = next(iter(after.nodes()), None) or after.returnNode()
    else:
        before = after
    with graph.insert_point_guard(before):
        new_outputs = graph.insertGraph(compiled.replacement, inputs)
    created = []
    node = before
    for _ in compiled.replacement_kinds:
        node = node.prev()
        created.append(node)
    created.reverse()
    if not isinstance(after, torch._C.Block) and created:
        after.moveBefore(created[0])
    index.added(created, compiled.replacement_kinds)
    for old, new in zip(outputs, new_outputs):
        new.setType(old.type())
        pending.append((old, new))
    return tuple(created)


def _check_made_nodes(rule: Rule, made: list[Fusion]) -> None:
    """Every node `rule` made is one torch can run: its operator has an overload for its
    input types, and that overload returns the types its outputs were given."""
    for fusion in made:
        for node in fusion.nodes:
            problem = _unrunnable(node)
            if problem is not None:
                at = f" (where it fired: {source_line_of(fusion.anchor_source)})" if fusion.anchor_source else ""
                raise QdslError(Diagnostic(rule.location, f"rule {rule.name} made a node torch cannot run: "
                                           f"{problem}{at}"))


def source_line_of(source: str) -> str:
    """`file:line: code` for a node's source range (`Node.sourceRange()` text)."""
    lines = source.strip().splitlines()
    marked = next((i for i, line in enumerate(lines) if line.strip().endswith("<--- HERE")), len(lines))
    code = lines[marked - 1].strip() if marked >= 1 else ""
    place = re.match(r'File "([^"]+)", line (\d+)', lines[0]) if lines else None
    return f"{place.group(1)}:{place.group(2)}: {code}" if place else code


def _unrunnable(node: torch._C.Node) -> str | None:
    kind = node.kind()
    if not torch._C._jit_get_schemas_for_operator(kind):
        return None  # prim::Constant and the like: no schema to match
    given = ", ".join(str(value.type()) for value in node.inputs())
    found = node.schema()
    if found == "(no schema)":
        return f"no overload of {kind} takes ({given})"
    schema = torch._C.parse_schema(found)
    for position, (output, returned) in enumerate(zip(node.outputs(), schema.returns)):
        if not is_wildcard(returned.type) and not output.type().isSubtypeOf(returned.type):
            return (f"{kind}({given}) returns {returned.type} as output {position}, but the replacement's IR "
                    f"types it {output.type()}")
    return None


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
