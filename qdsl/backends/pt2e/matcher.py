"""Whether a rule's pattern matches an fx graph at a node, and if not, why.

`match_at` walks the pattern from a pattern node (the anchor) and a graph node down
through the arguments, depth first, with an explicit stack. Semantics:

- a pattern call matches a `call_function` node of the same `OpOverload`; both argument
  lists are read in schema order with every parameter filled (`values.arguments`), and
  the parameters the pattern leaves out must hold their defaults;
- a constant matches an equal inline literal (`values.literals_equal`: by value); a
  list expression a list of as many elements, each matched in turn;
- a capture matches any value, node or literal; a capture met twice must meet the same
  value (the same node, or equal literals): `q(y, s, z) ... dq(.., s, z)` says "these
  qparams are equal";
- a value made inside the pattern that is not one of its results must be read exactly as
  often in the graph as in the pattern (uses counted per argument, the graph's output
  included), so no fused intermediate is read elsewhere;
- the k-th result of a multi-output pattern call is the graph's `getitem(node, k)`;
- two pattern values may meet one graph value (`add(a, b)` matches `add(x, x)`).
"""

from __future__ import annotations

import operator
from typing import Any

from torch.fx import Node

from .compiled import CONSTANT, LIST, CompiledRule
from .torch_api import qualified_name
from .values import VIEW, arguments, expand, literals_equal, same_value

UNBOUND = object()
"""An entry of the value map that matching has not reached (a literal may be None)."""

_VALUE, _NODE = 0, 1


def match_at(compiled: CompiledRule, anchor: Node, *, start_node: int | None = None, explain: bool = False
             ) -> tuple[list, list, tuple | None]:
    """Match `compiled`'s pattern with its anchor (or pattern node `start_node`) at `anchor`.

    Returns (graph node per pattern node, graph value per pattern value, failure): the
    maps as far as matching got (`UNBOUND` where not reached), and None or
    `(reason, pattern value name, graph node)` (the reason only with `explain`).
    """
    pattern = compiled.pattern
    nodes, values = pattern.nodes, pattern.values
    node_map: list = [None] * len(nodes)
    value_map: list = [UNBOUND] * len(values)
    stack: list = [(_NODE, pattern.anchor if start_node is None else start_node, anchor, None)]
    failure = None

    def fail(reason: str, name: str, where: Any) -> tuple:
        return (reason() if explain else "", name, where if isinstance(where, Node) else None)

    while stack and failure is None:
        # The fourth entry: for a value, the parameter it is passed to; for a node, the
        # index of the pattern value through which it was reached.
        what, index, item, param = stack.pop()
        if what == _VALUE:
            value = values[index]
            bound = value_map[index]
            if bound is not UNBOUND:
                if not same_value(bound, item):
                    failure = fail(lambda: f"capture inconsistent: {value.name} is already {_shown(bound)}, "
                                   f"here it would be {_shown(item)}", value.name, item)
                continue
            producer = None if value.producer is None else nodes[value.producer]
            if producer is None:
                value_map[index] = item
            elif producer.kind == CONSTANT:
                expected = producer.literal if param is None else expand(producer.literal, param)
                if isinstance(item, Node) or not literals_equal(expected, item):
                    failure = fail(lambda: f"constant differs: expected {expected!r}, found {_shown(item)}",
                                   value.name, item)
                    continue
                value_map[index] = item
            elif producer.kind == LIST:
                if not isinstance(item, (list, tuple)) or len(item) != len(producer.inputs):
                    failure = fail(lambda: f"list differs: expected {len(producer.inputs)} elements, found "
                                   f"{_shown(item)}", value.name, item)
                    continue
                value_map[index] = item
                for element, graph_element in zip(reversed(producer.inputs), reversed(item)):
                    stack.append((_VALUE, element, graph_element, None))
            else:
                graph_node = _producer_node(item, value.position, len(producer.outputs))
                if graph_node is None:
                    failure = fail(lambda: f"op differs: expected {producer.shown}, found {_shown(item)}",
                                   value.name, item)
                    continue
                value_map[index] = item
                stack.append((_NODE, producer.index, graph_node, index))
            continue

        node = nodes[index]
        bound = node_map[index]
        name = pattern.node_names[index]
        if bound is not None:
            if bound is not item:
                failure = fail(lambda: f"capture inconsistent: {node.shown} {name} is already matched with "
                               "another node", name, item)
            continue
        if item.op != "call_function" or item.target != node.target:
            failure = fail(lambda: f"op differs: expected {node.shown}, found {_shown(item)}", name, item)
            continue
        graph_args = arguments(item)
        if graph_args is None:
            failure = fail(lambda: f"the arguments of {_shown(item)} do not fit its schema", name, item)
            continue
        written = len(node.inputs)
        for position, default in enumerate(node.omitted, start=written):
            if not literals_equal(default, graph_args[position]):
                param = node.parameters[position].name
                failure = fail(lambda: f"argument '{param}' differs: the pattern leaves it out, so it must be "
                               f"its default {default!r}, found {_shown(graph_args[position])}", name, item)
                break
        if failure is not None:
            continue
        node_map[index] = item
        reached = None if param is None else values[param]
        if reached is not None and reached.checks_uses and use_count(value_map[param]) != reached.use_count:
            used = value_map[param]
            failure = fail(lambda: f"value used outside the match: {reached.name} has {use_count(used)} uses in the "
                           f"graph (users: {_users(used)}), {reached.use_count} in the pattern", reached.name, used)
            continue
        for position, output in enumerate(node.outputs):
            if len(node.outputs) == 1:
                stack.append((_VALUE, output, item, None))
                continue
            result = _result(item, position)
            if result is not None:
                stack.append((_VALUE, output, result, None))
        for position in range(written - 1, -1, -1):
            stack.append((_VALUE, node.inputs[position], graph_args[position], node.parameters[position]))
    if failure is None and start_node is None:
        missing = [values[i].name for i in pattern.outputs if value_map[i] is UNBOUND]
        if missing:
            failure = fail(lambda: f"pattern output {missing[0]} is not reachable from the anchor", missing[0],
                           anchor)
    return node_map, value_map, failure


def _producer_node(value: Any, position: int, outputs: int) -> Node | None:
    """The call node that makes `value` as its `position`-th of `outputs` results."""
    if not isinstance(value, Node):
        return None
    if outputs == 1:
        return value
    if value.op == "call_function" and value.target is operator.getitem and value.args[1] == position:
        return value.args[0] if isinstance(value.args[0], Node) else None
    return None


def _result(node: Node, position: int) -> Node | None:
    """The one `getitem(node, position)` user of a multi-output node, if there is exactly one."""
    found = [user for user in node.users if user.target is operator.getitem and user.args[1] == position]
    return found[0] if len(found) == 1 else None


def use_count(node: Node) -> int:
    """How often `node` is read: once per argument (nested in lists too) of each user."""
    count = 0
    for user in node.users:
        count += _occurrences(node, user.args) + _occurrences(node, tuple(user.kwargs.values()))
    return count


def _occurrences(node: Node, items) -> int:
    total = 0
    for item in items:
        if item is node:
            total += 1
        elif isinstance(item, (list, tuple)):
            total += _occurrences(node, item)
        elif isinstance(item, dict):
            total += _occurrences(node, tuple(item.values()))
    return total


def _users(node: Node) -> str:
    return ", ".join(sorted({qualified_name(u.target) if u.op == "call_function" else u.op for u in node.users}))


def _shown(value: Any) -> str:
    return VIEW.describe(value)
