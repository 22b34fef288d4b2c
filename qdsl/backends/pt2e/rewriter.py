"""Apply rules to an fx graph: one pass per rule, each candidate one `Decision`.

Per rule, the pass visits the live calls of its anchor's operator in graph order
(`GraphIndex`), and for each gives one decision: no match (the first failed check, in
the rule's terms), guard false, overlap (an earlier rewrite of the same pass took the
node), an output used before the insertion point, or matched. A tracer attached to the
pass sees each decision before the graph changes; a match is rewritten at once: the
replacement's nodes are inserted right before the anchor (the match's last node), the
pattern's results redirected to the replacement's, the matched nodes erased. A later
candidate of the same pass is matched on the graph as it is then.

Replacement calls marked `fold` whose arguments are constants are computed once by the
`Folder` (weight prepacking); a replacement call that writes an argument gets that
argument only when nothing can observe the write (`aliasing`), else a copy.
"""

from __future__ import annotations

import operator
import os
import re
from typing import Any, Collection, Mapping, Sequence

import torch
from torch.fx import GraphModule, Node

from ...core.engine import Failure, MatchStatus, Rewrite, Tracer
from ...core.guards import GuardContext, Predicate, false_part
from ...core.rules import Rule
from ...diagnostics import RuleRuntimeError
from .aliasing import writable
from .compiled import CALL, CONSTANT, CompiledRule, compile_rule
from .index import GraphIndex
from .matcher import UNBOUND, match_at
from .packing import Folder
from .torch_api import qualified_name
from .values import as_argument, guard_context
from .trace import decision, partial_decisions

QDSL_RULE = "qdsl_rule"
"""`Node.meta` key naming the rule that made a node."""


def apply_rules(module: GraphModule, rules: Sequence[Rule], *, predicates: Mapping[str, Predicate] | None = None,
                tracer: Tracer | None = None, foldable: Collection[str] = (),
                index: GraphIndex | None = None) -> list[Rewrite]:
    """Apply `rules` in order to `module`'s graph, each as one full pass; return what was
    rewritten. Calls of the `foldable` ops (`ns::name`) are computed once when their
    arguments are constants and read from the module's `PackedWeights`."""
    index = index or GraphIndex(module.graph)
    folder = Folder(module, index) if foldable else None
    context = guard_context(predicates or {})
    rewrites: list[Rewrite] = []
    for rule in rules:
        rewrites.extend(run_pass(index, compile_rule(rule), context, tracer=tracer, folder=folder,
                                 foldable=frozenset(foldable)))
    return rewrites


def run_pass(index: GraphIndex, compiled: CompiledRule, context: GuardContext, *, tracer: Tracer | None = None,
             folder: Folder | None = None, foldable: frozenset[str] = frozenset()) -> list[Rewrite]:
    """One pass of one rule over the indexed graph (see `apply_rules`)."""
    rule, pattern = compiled.rule, compiled.pattern
    explain = tracer is not None
    if explain and getattr(tracer, "wants_partials", False):
        for found in partial_decisions(index, compiled):
            tracer.decided(found)
    rewrites: list[Rewrite] = []
    for anchor in index.candidates(compiled.anchor_target):
        if not index.alive(anchor):
            if explain:
                tracer.decided(decision(compiled, MatchStatus.OVERLAP, anchor, [], [], (
                    "overlaps an earlier match of this rule", pattern.node_names[pattern.anchor], None)))
            continue
        node_map, value_map, failure = match_at(compiled, anchor, explain=explain)
        status = MatchStatus.NO_MATCH if failure is not None else MatchStatus.MATCHED
        if status is MatchStatus.MATCHED and rule.guard is not None:
            values = _values_by_name(compiled, value_map)
            if not _guard_holds(rule, values, context):
                status = MatchStatus.GUARD_FALSE
                failure = _guard_failure(rule, values, context) if explain else None
        if status is MatchStatus.MATCHED:
            late = _use_before(compiled, value_map, anchor, index)
            if late is not None:
                status = MatchStatus.LATE_USE
                failure = (f"an output of the match is used by {late.name} before the anchor, where the "
                           "replacement goes", pattern.values[pattern.outputs[0]].name, late)
        if explain:
            tracer.decided(decision(compiled, status, anchor, node_map, value_map, failure))
        if status is MatchStatus.MATCHED:
            rewrites.append(_rewrite(index, compiled, anchor, node_map, value_map, folder, foldable))
    return rewrites


def _values_by_name(compiled: CompiledRule, value_map: list) -> dict[str, Any]:
    values = compiled.pattern.values
    return {values[i].name: value for i, value in enumerate(value_map) if value is not UNBOUND}


def _guard_holds(rule: Rule, values: dict[str, Any], context: GuardContext) -> bool:
    try:
        return rule.guard.evaluate(values, context)
    except Exception as error:  # a user predicate failed: report it against the rule
        raise RuleRuntimeError(rule.name, rule.location, f"guard raised {type(error).__name__}: {error}") from None


def _guard_failure(rule: Rule, values, context: GuardContext) -> Failure:
    part = false_part(rule.guard, values, context)
    names = part.variables()
    shown = ", ".join(f"{name} = {context.view.describe(values[name])}" for name in names)
    return Failure(f"guard `{part}` false with {shown}", names[0] if names else None, part.span)


def _use_before(compiled: CompiledRule, value_map: list, anchor: Node, index: GraphIndex) -> Node | None:
    """A reader of a pattern result that runs before the anchor (so before the replacement)."""
    for output in compiled.pattern.outputs[1:]:
        value = value_map[output]
        if isinstance(value, Node):
            for user in value.users:
                if index.alive(user) and index.before(user, anchor):
                    return user
    return None


def _rewrite(index: GraphIndex, compiled: CompiledRule, anchor: Node, node_map: list, value_map: list,
             folder: Folder | None, foldable: frozenset[str]) -> Rewrite:
    rule, pattern, replacement = compiled.rule, compiled.pattern, compiled.replacement
    graph = anchor.graph
    matched = [node for node in node_map if isinstance(node, Node)]
    doomed = set(matched)
    for node in matched:
        doomed.update(user for user in node.users if user.target is operator.getitem)
    env: dict[int, Any] = {}
    by_name = {pattern.values[i].name: value_map[i] for i in pattern.inputs}
    for i in replacement.inputs:
        env[i] = by_name[replacement.values[i].name]
    created: list[Node] = []
    kinds: list[str] = []
    with graph.inserting_before(anchor):
        for node in replacement.nodes:
            if node.kind == CONSTANT:
                env[node.outputs[0]] = node.literal
                continue
            inputs = [env[i] for i in node.inputs]
            if node.kind != CALL:
                env[node.outputs[0]] = inputs
                continue
            arguments = [_argument(value, param) for value, param in zip(inputs, node.parameters)]
            made = None
            op = qualified_name(node.target).partition(".")[0]
            if folder is not None and op in foldable:
                made = folder.fold(node.target, arguments)
                if made is not None:
                    kinds.append(f"packed {qualified_name(node.target)}")
            if made is None:
                arguments = _own_written_arguments(node, arguments, anchor, index, doomed, created, kinds)
                made = _call(graph, node, arguments)
                kinds.append(qualified_name(node.target))
            created.append(made)
            index.inserted([made])
            doomed.add(made)
            results = [made]
            if len(node.outputs) > 1:
                results = [graph.call_function(operator.getitem, (made, k)) for k in range(len(node.outputs))]
                index.inserted(results)
                created.extend(results)
            for output, result in zip(node.outputs, results):
                env[output] = result
    origin = next((n for n in (anchor, *matched) if n.meta.get("stack_trace")), anchor)
    for new in created:
        new.meta.update({key: origin.meta[key] for key in ("stack_trace", "nn_module_stack") if key in origin.meta})
        new.meta[QDSL_RULE] = rule.name
    source = source_line(origin)
    for old_index, new_index in zip(pattern.outputs, replacement.outputs):
        old, new = value_map[old_index], env[new_index]
        if not isinstance(new, Node):
            raise RuleRuntimeError(rule.name, rule.location, f"its replacement returns the literal {new!r}, but "
                                   "an fx graph can only redirect uses to a node")
        if isinstance(old, Node) and old is not new:
            if "val" in old.meta and new in created:
                new.meta["val"] = old.meta["val"]
            old.replace_all_uses_with(new)
    for node in reversed(matched):
        for user in [u for u in node.users if u.target is operator.getitem]:
            index.removing(user)
            graph.erase_node(user)
        index.removing(node)
        graph.erase_node(node)
    return Rewrite(rule, tuple(kinds), tuple(n.name for n in created if n.target is not operator.getitem), source)


def _argument(value: Any, param) -> Any:
    if isinstance(value, list):
        return [as_argument(item, param) for item in value]
    return as_argument(value, param)


def _own_written_arguments(node, arguments: list, anchor: Node, index: GraphIndex, doomed: set[Node],
                           created: list[Node], kinds: list[str]) -> list:
    """The arguments, with a copy for each tensor the call writes that others can observe."""
    for position, param in enumerate(node.parameters):
        value = arguments[position]
        others = [a for i, a in enumerate(arguments) if i != position and isinstance(a, Node)]
        if param.mutable and isinstance(value, Node) and not writable(value, anchor, index, doomed, others):
            copy = value.graph.call_function(torch.ops.aten.clone.default, (value,))
            index.inserted([copy])
            doomed.add(copy)
            created.append(copy)
            kinds.append("aten::clone")
            arguments[position] = copy
    return arguments


def _call(graph, node, arguments: list) -> Node:
    positional = tuple(a for a, p in zip(arguments, node.parameters) if not p.kwarg_only)
    keywords = {p.name: a for a, p in zip(arguments, node.parameters) if p.kwarg_only}
    return graph.call_function(node.target, positional, keywords)


def source_line(node: Node) -> str | None:
    """`file:line: code` of the model line that made `node` (the innermost frame of its
    recorded stack outside torch), if recorded."""
    trace = node.meta.get("stack_trace")
    frames = _FRAME.findall(trace or "")
    if not frames:
        return None
    outside = [frame for frame in frames if not frame[0].startswith(_TORCH_DIRECTORY)]
    file, line, code = (outside or frames)[-1]
    return f"{file}:{line}: {code.strip()}"


_FRAME = re.compile(r'File "([^"]+)", line (\d+), in [^\n]*\n([^\n]*)')
_TORCH_DIRECTORY = os.path.dirname(torch.__file__)
