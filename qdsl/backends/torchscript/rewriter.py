"""Apply rules to a TorchScript graph with torch's SubgraphRewriter semantics.

Per rule, as upstream's `rewriteSinglePatternOnGraph` (subgraph_rewrite.cpp): all
candidates are tried in upstream's traversal order (a block's nodes in order; the nested
blocks met are visited afterwards, last met first), each giving one `Decision`: no
match, guard false (upstream's match filters), overlap with an earlier match of the same
rule, an output used before the insertion point, or matched. Each match inserts a clone
of the replacement with `Graph.insertGraph` after its last-defined input; outputs are
redirected with `replaceAllUsesWith` once all matches are inserted, then the matched
nodes are destroyed.

A tracer attached to the pass sees every decision, with its reason, before the graph
changes: `explain` is this pass, traced. Without a tracer the pass visits only the
anchors whose first producer has the right kind, rejects most of them by a few producer
kinds, and formats no reasons.

One deliberate difference from upstream: upstream inserts after the last-defined input
even when that input lives in an enclosing block, which hoists a fused op out of a
`prim::If` branch or loop body; qdsl inserts at the start of the anchor's block instead
(`hoist_like_upstream=True` restores upstream's placement, for differential tests).
"""

from __future__ import annotations

import re
from typing import Mapping, Sequence

import torch

from ...core.engine import Decision, Failure, MatchStatus, Rewrite, Tracer
from ...core.guards import GuardContext, Predicate, false_part
from ...core.rules import Rule
from ...diagnostics import RuleRuntimeError
from .compiled import CompiledRule, compile_rule
from .index import GraphIndex
from .matcher import match_at
from .values import guard_context


def apply_rules(graph: torch._C.Graph, rules: Sequence[Rule], *, predicates: Mapping[str, Predicate] | None = None,
                tracer: Tracer | None = None, validate: bool = True, record_sources: bool = False,
                inherit_metadata: bool = False, hoist_like_upstream: bool = False) -> list[Rewrite]:
    """Apply `rules` in order, each as one full pass over `graph`; return what was rewritten.

    `predicates` are the rule set's own guard predicates. With `validate`, the rewrites of
    a rule that is not shipped (the shipped rules are proven by the test suite, and a lint
    costs as much as the whole fusion stage) must make nodes torch can run (an overload of
    their operator takes their input types and returns the types their IR gave them) and
    leave a graph `lint` accepts; else `RuleRuntimeError` names the rule and where in the
    model it fired (torch would fail later, in freezing or at run time, naming neither).
    `record_sources` fills `Rewrite.source` (formatting a source range is the most
    expensive call of a rewrite). With `inherit_metadata`, every replacement node takes
    the matched anchor's source range, scope and inlined call stack, so that a later error
    about it can name the model's layer and line.
    """
    index = GraphIndex(graph)
    context = guard_context(predicates or {})
    rewrites: list[Rewrite] = []
    for rule in rules:
        made = run_pass(index, compile_rule(rule), context, tracer=tracer, record_sources=record_sources,
                        inherit_metadata=inherit_metadata, validate=validate,
                        hoist_like_upstream=hoist_like_upstream)
        rewrites.extend(made)
        if validate and made and not rule.provenance.shipped:
            _lint(graph, rule, made)
    return rewrites


def run_pass(index: GraphIndex, compiled: CompiledRule, context: GuardContext, *, tracer: Tracer | None = None,
             record_sources: bool = False, inherit_metadata: bool = False, validate: bool = True,
             hoist_like_upstream: bool = False) -> list[Rewrite]:
    """One pass of one rule over the indexed graph (see `apply_rules`)."""
    pattern, rule = compiled.pattern, compiled.rule
    explain = tracer is not None
    if explain and getattr(tracer, "wants_partials", False):
        for decision in partial_decisions(index, compiled):
            tracer.decided(decision)
    first_producer = pattern.producer_kinds[0] if pattern.producer_kinds and not explain else None
    candidates = index.candidates(pattern.anchor_kind, first_producer)
    if not candidates:
        return []
    top = index.top
    rewrites: list[Rewrite] = []
    matched_nodes: set[torch._C.Node] = set()
    pending: list[tuple[torch._C.Value, torch._C.Value]] = []
    doomed: list[tuple[torch._C.Node, str]] = []
    use_counts: dict[torch._C.Value, int] = {}
    check_types = validate and not rule.provenance.shipped
    for anchor in candidates:
        if not explain and not _probes_fit(anchor, pattern):
            continue
        node_map, value_map, failure = match_at(compiled, anchor, anchor.owningBlock() == top,
                                                use_counts=use_counts, explain=explain)
        status = MatchStatus.NO_MATCH if failure is not None else MatchStatus.MATCHED
        values = None
        if status is MatchStatus.MATCHED and rule.guard is not None:
            values = _values_by_name(pattern, value_map)
            if not _guard_holds(rule, values, context):
                status = MatchStatus.GUARD_FALSE
                failure = _guard_failure(rule, values, context) if explain else None
        if status is MatchStatus.MATCHED:
            overlap = next((i for i, node in enumerate(node_map) if node is not None and node in matched_nodes), None)
            if overlap is not None:
                status = MatchStatus.OVERLAP
                failure = ("overlaps an earlier match of this rule", pattern.node_names[overlap],
                           node_map[overlap]) if explain else None
        if status is MatchStatus.MATCHED:
            inputs = [value_map[i] for i in pattern.inputs]
            outputs = [value_map[i] for i in pattern.outputs]
            after = _insertion_point(index, anchor, inputs, hoist_like_upstream)
            late_use = _use_before(outputs, after)
            if late_use is not None:
                status = MatchStatus.LATE_USE
                failure = (f"insertion point after a use: {late_use.kind()} uses an output of the match before "
                           f"the last-defined input", pattern.values[pattern.outputs[0]].name, late_use) \
                    if explain else None
        if explain:
            tracer.decided(_decision(compiled, status, anchor, node_map, value_map, failure))
        if status is not MatchStatus.MATCHED:
            continue
        changed = _changed_output_type(compiled, outputs) if check_types else None
        if changed is not None:
            where = _source_of(node_map, pattern.anchor) or "an unknown graph location"
            raise RuleRuntimeError(rule.name, rule.location, f"{changed} (at {where.strip()})")
        for i in range(len(node_map) - 1, -1, -1):
            node = node_map[i]
            if node is not None:
                matched_nodes.add(node)
                doomed.append((node, pattern.nodes[i].kind))
        created = _insert_replacement(index, compiled, after, inputs, outputs, pending)
        if inherit_metadata:
            for node in created:
                node.copyMetadata(anchor)
        for value in inputs:  # the replacement uses them now
            use_counts.pop(value, None)
        source = _source_of(node_map, pattern.anchor) if record_sources or check_types else None
        if check_types:
            _check_runnable(rule, created, source)
        rewrites.append(Rewrite(rule, compiled.replacement_kinds,
                                tuple(n.outputsAt(0).debugName() if n.outputsSize() else "" for n in created), source))
    _redirect_and_destroy(index, pending, doomed)
    return rewrites


def _decision(compiled: CompiledRule, status: MatchStatus, anchor, node_map, value_map, failure,
              start: int | None = None) -> Decision:
    pattern = compiled.pattern
    graph = compiled.rule.pattern
    reported = None
    if failure is not None:
        if isinstance(failure, Failure):
            reported = failure
        else:
            reason, value_name, graph_node = failure
            location = graph.value(value_name).span if value_name in graph.index_of else None
            reported = Failure(reason, value_name, location, graph_node)
    return Decision(
        rule=compiled.rule, status=status, anchor=anchor,
        nodes={i: node for i, node in enumerate(node_map) if node is not None},
        values={pattern.values[i].name: value for i, value in enumerate(value_map) if value is not None},
        failure=reported, start=start)


def partial_decisions(index: GraphIndex, compiled: CompiledRule) -> list[Decision]:
    """Candidates no anchor of the rule reaches: for each node of the pattern's deepest chain
    below the anchor, each graph node of that kind whose consumer is not the op the rule
    expects next, but whose part of the pattern (two nodes at least) matches. The graph is
    not changed."""
    pattern = compiled.pattern
    reached: set[torch._C.Node] = set()
    for anchor in index.candidates(pattern.anchor_kind):
        node_map, _, _ = match_at(compiled, anchor, anchor.owningBlock() == index.top)
        reached.update(node for node in node_map if node is not None)
    found = []
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
            node_map, value_map, failure = match_at(compiled, node, False, start_node=pattern_node, explain=True)
            reached.update(n for n in node_map if n is not None)
            if failure is None and sum(n is not None for n in node_map) >= 2:
                reason = f"op kind differs: expected {expected}, found {', '.join(user_kinds) or 'no consumer'}"
                found.append(_decision(compiled, MatchStatus.NO_MATCH, node, node_map, value_map,
                                       (reason, pattern.node_names[consumer], node), start=pattern_node))
    return found


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


def _values_by_name(pattern, value_map: list) -> dict[str, torch._C.Value]:
    return {pattern.values[i].name: value for i, value in enumerate(value_map) if value is not None}


def _guard_holds(rule: Rule, values: dict[str, torch._C.Value], context: GuardContext) -> bool:
    try:
        return rule.guard.evaluate(values, context)
    except Exception as error:  # a user predicate failed: report it against the rule
        raise RuleRuntimeError(rule.name, rule.location,
                               f"guard raised {type(error).__name__}: {error}") from None


def _guard_failure(rule: Rule, values, context: GuardContext) -> Failure:
    part = false_part(rule.guard, values, context)
    names = part.variables()
    shown = ", ".join(f"{name} = {context.view.describe(values[name])}" for name in names)
    return Failure(f"guard `{part}` false with {shown}", names[0] if names else None, part.span)


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


def _changed_output_type(compiled: CompiledRule, outputs) -> str | None:
    """Why the replacement cannot stand for the matched outputs, or None.

    Upstream copies each matched output's type onto its replacement value; that is
    sound only when the two types are related (a shaped tensor and `Tensor`, `Tensor`
    and `Tensor?`). A rule that turned a tensor into a float would otherwise leave a
    float value typed as a tensor.
    """
    for position, (old, new_type) in enumerate(zip(outputs, compiled.replacement_output_types)):
        old_type = old.type()
        if not (new_type.isSubtypeOf(old_type) or old_type.isSubtypeOf(new_type)):
            return f"its replacement changes the type of output {position} from {old_type} to {new_type}"
    return None


def _source_of(node_map: list, anchor_index: int) -> str | None:
    order = [anchor_index] + [i for i, node in enumerate(node_map) if node is not None and i != anchor_index]
    for index in order:
        source = node_map[index].sourceRange()
        if source:
            return source
    return None


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
    before = (next(iter(after.nodes()), None) or after.returnNode()) if isinstance(after, torch._C.Block) else after
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
    index.inserted(created, compiled.replacement_kinds)
    for old, new in zip(outputs, new_outputs):
        new.setType(old.type())
        pending.append((old, new))
    return tuple(created)


def _redirect_and_destroy(index: GraphIndex, pending, doomed) -> None:
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
    # Consumers before producers (pattern order is topological), so each node's outputs
    # are unused when it goes: upstream's separate removeAllInputs pass is then not
    # needed, and the result is the same.
    for node, kind in doomed:
        index.removing(node, kind)
        node.destroy()
    index.pass_done()


def _check_runnable(rule: Rule, created, source: str | None) -> None:
    """Every node `rule` made is one torch can run: its operator has an overload for its
    input types, and that overload returns the types its outputs were given."""
    for node in created:
        problem = _unrunnable(node)
        if problem is not None:
            at = f" (where it fired: {source_line_of(source)})" if source else ""
            raise RuleRuntimeError(rule.name, rule.location, f"made a node torch cannot run: {problem}{at}")


def source_line_of(source: str) -> str:
    """`file:line: code` for a node's source range (`Node.sourceRange()` text)."""
    lines = source.strip().splitlines()
    marked = next((i for i, line in enumerate(lines) if line.strip().endswith("<--- HERE")), len(lines))
    code = lines[marked - 1].strip() if marked >= 1 else ""
    place = re.match(r'File "([^"]+)", line (\d+)', lines[0]) if lines else None
    return f"{place.group(1)}:{place.group(2)}: {code}" if place else code


def _unrunnable(node: torch._C.Node) -> str | None:
    # Imported on first use: only rules not shipped with qdsl are checked, and the
    # registry brings the language front end along.
    from ...ops import registry
    from ...ops.types import is_wildcard

    kind = node.kind()
    if not registry.schemas_for(kind):
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


def _lint(graph: torch._C.Graph, rule: Rule, made: list[Rewrite]) -> None:
    try:
        graph.lint()
    except RuntimeError as error:
        where = made[0].source
        at = f" (first rewrite at {where.strip()})" if where else ""
        raise RuleRuntimeError(rule.name, rule.location,
                               f"left an invalid graph{at}: {str(error).splitlines()[0]}") from None
