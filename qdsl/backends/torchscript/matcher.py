"""Torch's SubgraphMatcher semantics on `torch._C.Graph`, with the reason for a failure.

One function, `match_at`, decides whether a rule's pattern matches at a graph node.
It walks the pattern exactly as upstream's recursive `matchNodes`/`matchValues` do
(outputs of a node first, then its inputs, depth first), but with an explicit stack,
so graphs of any depth work, and on the first failed check it says which check failed
at which pattern value when asked to explain (a tracer is attached to the pass).

Upstream semantics reproduced (torch/csrc/jit/ir/subgraph_matcher.cpp):
- nodes match when kind, number of inputs and of outputs, and attributes agree
  (attribute kinds i, f, c compared by value, s as a regular expression that must
  match the whole graph string; any other attribute kind never matches). Value types
  are not compared, so the int constant 1 matches the bool constant True, but not the
  float 1.0 (a different attribute kind);
- a pattern graph input matches any value; a pattern value seen twice must meet the
  same graph value. Upstream does not forbid two pattern inputs from binding to one
  graph value, and neither does qdsl;
- a pattern value that is neither a pattern input nor a pattern output must have as
  many uses in the graph as in the pattern;
- every matched node lies in the anchor's block.
"""

from __future__ import annotations

import re

import torch

from .compiled import SUPPORTED_ATTRIBUTE_KINDS, CompiledRule, node_attributes
from .values import constant_value

_VALUE, _NODE = 0, 1


def match_at(compiled: CompiledRule, anchor: torch._C.Node, same_block: bool, *, start_node: int | None = None,
             use_counts: dict[torch._C.Value, int] | None = None, explain: bool = False
             ) -> tuple[list, list, tuple | None]:
    """Match `compiled`'s pattern with its anchor (or pattern node `start_node`) at `anchor`.

    Returns (graph node per pattern node, graph value per pattern value, failure): the
    maps as far as matching got, and None or `(reason, pattern value name, graph node)`
    (the reason and place only with `explain`; the rewriter's hot path leaves them out).
    `same_block` says every node the match can reach is in the anchor's block (true when
    the anchor is in the graph's top block), so the block check can be skipped.
    `use_counts` caches the number of uses of graph values between calls (a pooled
    constant can have thousands, and `Value.uses()` builds a Python list of them); the
    caller drops the entries of values whose uses it changes.
    """
    return _walk(compiled, anchor, start_node, same_block, use_counts, explain)


_FAILED = ("", None, None)
"""The failure `_walk` returns when not asked to explain it."""


def _walk(compiled: CompiledRule, anchor: torch._C.Node, start_node: int | None, same_block: bool,
          use_counts: dict[torch._C.Value, int] | None, explain: bool) -> tuple[list, list, tuple | None]:
    """Upstream's matchNodes/matchValues recursion as a loop."""
    pattern = compiled.pattern
    pattern_nodes, pattern_values = pattern.nodes, pattern.values
    block = None if same_block else anchor.owningBlock()
    node_map: list = [None] * len(pattern_nodes)
    value_map: list = [None] * len(pattern_values)
    stack: list = [(_NODE, pattern.anchor if start_node is None else start_node, anchor)]
    pop, push = stack.pop, stack.append
    failure = None
    while stack:
        what, index, graph_item = pop()
        if what == _VALUE:
            pattern_value = pattern_values[index]
            bound = value_map[index]
            if bound is not None:
                if bound != graph_item:
                    failure = (f"capture inconsistent: %{pattern_value.name} is already "
                               f"%{bound.debugName()}, here it would be %{graph_item.debugName()}",
                               pattern_value.name, graph_item.node()) if explain else _FAILED
                    break
                continue
            if pattern_value.checks_uses:
                failure = _uses_mismatch(pattern_value, graph_item, use_counts, explain)
                if failure is not None:
                    break
            value_map[index] = graph_item
            if pattern_value.producer is not None:
                push((_NODE, pattern_value.producer, graph_item.node()))
            continue

        pattern_node = pattern_nodes[index]
        bound = node_map[index]
        if bound is not None:
            if bound != graph_item:
                failure = (f"capture inconsistent: {pattern_node.kind} %{pattern.node_names[index]} is "
                           f"already matched with another node", pattern.node_names[index],
                           graph_item) if explain else _FAILED
                break
            continue
        if block is not None and graph_item.owningBlock() != block:
            failure = (f"different block: the {graph_item.kind()} producing %{pattern.node_names[index]} "
                       f"is outside the anchor's block", pattern.node_names[index], graph_item) if explain else _FAILED
            break
        if (graph_item.kind() != pattern_node.kind or graph_item.inputsSize() != len(pattern_node.inputs)
                or graph_item.outputsSize() != len(pattern_node.outputs)
                or pattern_node.attributes or graph_item.hasAttributes()):
            mismatch = _node_mismatch(pattern_node, graph_item)
            if mismatch is not None:
                failure = (mismatch, pattern.node_names[index], graph_item) if explain else _FAILED
                break
        node_map[index] = graph_item
        # inputsAt/outputsAt: exhausting a torch._C iterator costs ~10 us (a C++ exception).
        # Pattern inputs bind at once (they match anything); only the report of a
        # capture inconsistency may come earlier than upstream's recursion would find it.
        inputs = pattern_node.inputs
        for position in range(len(inputs) - 1, -1, -1):
            value_index = inputs[position]
            graph_value = graph_item.inputsAt(position)
            if pattern_values[value_index].is_input:
                bound = value_map[value_index]
                if bound is None:
                    value_map[value_index] = graph_value
                elif bound != graph_value:
                    name = pattern_values[value_index].name
                    failure = (f"capture inconsistent: %{name} is already %{bound.debugName()}, "
                               f"here it would be %{graph_value.debugName()}", name, graph_item) if explain else _FAILED
                    break
            else:
                push((_VALUE, value_index, graph_value))
        if failure is not None:
            break
        # The outputs are checked before the inputs are followed, as upstream does.
        for position, value_index in enumerate(pattern_node.outputs):
            graph_value = graph_item.outputsAt(position)
            bound = value_map[value_index]
            if bound is not None:
                if bound != graph_value:
                    name = pattern_values[value_index].name
                    failure = (f"capture inconsistent: %{name} is already %{bound.debugName()}, "
                               f"here it would be %{graph_value.debugName()}", name, graph_item) if explain else _FAILED
                    break
                continue
            pattern_value = pattern_values[value_index]
            if pattern_value.checks_uses:
                failure = _uses_mismatch(pattern_value, graph_value, use_counts, explain)
                if failure is not None:
                    break
            value_map[value_index] = graph_value
        if failure is not None:
            break
    else:
        if start_node is None:
            missing = [pattern_values[i].name for i in pattern.outputs if value_map[i] is None]
            if missing:
                failure = (f"pattern output %{missing[0]} is not reachable from the anchor", missing[0],
                           anchor) if explain else _FAILED
    return node_map, value_map, failure


def _uses_mismatch(pattern_value, graph_value: torch._C.Value,
                   use_counts: dict[torch._C.Value, int] | None, explain: bool) -> tuple | None:
    """The failure of upstream's use-count check for an inner pattern value, or None."""
    if not explain:
        if use_counts is None:
            return None if len(graph_value.uses()) == pattern_value.use_count else _FAILED
        count = use_counts.get(graph_value)
        if count is None:
            count = use_counts[graph_value] = len(graph_value.uses())
        return None if count == pattern_value.use_count else _FAILED
    uses = graph_value.uses()
    if len(uses) == pattern_value.use_count:
        return None
    users = ", ".join(sorted({u.user.kind() for u in uses})) or "none"
    return (f"value used outside the match: %{pattern_value.name} has {len(uses)} uses in the graph "
            f"(users: {users}), {pattern_value.use_count} in the pattern", pattern_value.name, graph_value.node())


def _node_mismatch(pattern_node, graph_node: torch._C.Node) -> str | None:
    """Why `graph_node` cannot stand for `pattern_node` on its own, or None."""
    kind = graph_node.kind()
    if kind != pattern_node.kind:
        return f"op kind differs: expected {pattern_node.kind}, found {kind}"
    if graph_node.inputsSize() != len(pattern_node.inputs):
        return (f"{kind} has {graph_node.inputsSize()} inputs in the graph, "
                f"{len(pattern_node.inputs)} in the pattern")
    if graph_node.outputsSize() != len(pattern_node.outputs):
        return (f"{kind} has {graph_node.outputsSize()} outputs in the graph, "
                f"{len(pattern_node.outputs)} in the pattern")
    if pattern_node.attributes or graph_node.hasAttributes():
        return _attribute_mismatch(pattern_node, graph_node)
    return None


def _attribute_mismatch(pattern_node, graph_node: torch._C.Node) -> str | None:
    graph_attributes = {name: (kind, value) for name, kind, value in node_attributes(graph_node)}
    is_constant = pattern_node.kind == "prim::Constant"
    if len(graph_attributes) != len(pattern_node.attributes):
        if is_constant:
            return (f"constant value differs: expected {_describe_constant(pattern_node.attributes)}, "
                    f"found {constant_value(graph_node.output())!r}")
        return (f"{pattern_node.kind} has {len(graph_attributes)} attributes in the graph, "
                f"{len(pattern_node.attributes)} in the pattern")
    for name, kind, expected in pattern_node.attributes:
        graph_kind, found = graph_attributes.get(name, (None, None))
        if graph_kind != kind:
            what = "constant value differs" if is_constant else f"attribute {name} differs"
            return f"{what}: attribute kind {kind} expected, found {graph_kind}"
        if kind not in SUPPORTED_ATTRIBUTE_KINDS:
            return f"attribute {name} of kind {kind} cannot be compared (upstream matches i, f, s, c only)"
        equal = re.fullmatch(expected, found) is not None if kind == "s" else expected == found
        if not equal:
            what = "constant value differs" if is_constant else f"attribute {name} differs"
            return f"{what}: expected {expected!r}, found {found!r}"
    return None


def _describe_constant(attributes) -> str:
    return repr(attributes[0][2]) if attributes else "None"
