"""A rule prepared for the fx engine: each side's `PatternGraph` with torch's overloads.

Calls are bound to their `OpOverload` (the overload the rule resolved to: an fx node of
another overload is another call); constants to the Python values they match or make;
list expressions to their elements. A pattern call that leaves out trailing arguments
matches nodes whose omitted arguments are the schema's defaults (`add(a, b)` does not
match `add(a, b, alpha=2)`).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...core.patterns import PatternGraph
from ...core.rules import Rule
from ...ops.registry import LIST_CONSTRUCT
from .torch_api import op_overload, qualified_name
from .values import Parameter, expand, parameters

CALL, CONSTANT, LIST = "call", "constant", "list"
"""Kinds of pattern nodes."""


@dataclass(frozen=True)
class FxNode:
    """One node of a side of a rule."""

    index: int
    """Position in `FxGraph.nodes` (evaluation order)."""
    kind: str
    """`CALL`, `CONSTANT` or `LIST`."""
    target: Any
    """For a call, its `OpOverload`; else None."""
    shown: str
    """How messages name it: `aten::add.Tensor`, `constant 1`, `list`."""
    inputs: tuple[int, ...]
    """Value indices of its arguments (a list's elements)."""
    outputs: tuple[int, ...]
    """Value indices of its results."""
    parameters: tuple[Parameter, ...]
    """For a call, its schema's parameters; else ()."""
    omitted: tuple[Any, ...] = ()
    """For a pattern call, the defaults of the trailing parameters it leaves out."""
    literal: Any = None
    """For a constant, its value (an int list as a list; an int for an enum parameter)."""


@dataclass(frozen=True)
class FxValue:
    """One value of a side of a rule."""

    index: int
    """Position in `FxGraph.values`."""
    name: str
    """The `.qpat` name."""
    producer: int | None
    """The producing node's index; None for a capture."""
    position: int
    """Which output of its producer it is (a multi-output node's results are `getitem`s)."""
    use_count: int
    """Uses inside the pattern (a graph output counts as one)."""
    is_input: bool
    """A capture."""
    checks_uses: bool
    """Neither capture nor output, and made by a call: the graph node must have exactly
    `use_count` uses."""


@dataclass(frozen=True)
class FxGraph:
    """One side of a rule, ready to match or build."""

    values: tuple[FxValue, ...]
    nodes: tuple[FxNode, ...]
    inputs: tuple[int, ...]
    outputs: tuple[int, ...]
    anchor: int
    """The node producing the first output: where matching starts."""
    node_names: tuple[str, ...]
    """Per node, the name it is reported by: its first output's."""


@dataclass(frozen=True)
class CompiledRule:
    """A rule ready for the fx engine."""

    rule: Rule
    pattern: FxGraph
    replacement: FxGraph
    anchor_target: Any
    """The `OpOverload` of the pattern's anchor: the index bucket the rule visits."""


class UnsupportedRule(Exception):
    """The rule names something the fx engine cannot match or build (an unknown overload)."""


@lru_cache(maxsize=None)
def fx_graph(graph: PatternGraph, in_pattern: bool) -> FxGraph:
    producers, uses = graph.producers, graph.use_counts
    outputs = set(graph.outputs)
    positions = {value: position for node in graph.nodes for position, value in enumerate(node.outputs)}
    nodes = tuple(_node(graph, index, in_pattern) for index in range(len(graph.nodes)))
    values = tuple(
        FxValue(index=i, name=v.name, producer=producers[i], position=positions.get(i, 0), use_count=uses[i],
                is_input=producers[i] is None,
                checks_uses=producers[i] is not None and i not in outputs and nodes[producers[i]].kind == CALL)
        for i, v in enumerate(graph.values))
    anchor = producers[graph.outputs[0]] if graph.outputs else None
    if in_pattern and (anchor is None or nodes[anchor].kind != CALL):
        raise UnsupportedRule("the pattern's first result must be made by an operator call")
    names = tuple(values[n.outputs[0]].name if n.outputs else n.shown for n in nodes)
    return FxGraph(values, nodes, graph.inputs, graph.outputs, -1 if anchor is None else anchor, names)


def _node(graph: PatternGraph, index: int, in_pattern: bool) -> FxNode:
    node = graph.nodes[index]
    if node.constant is not None:
        value = node.constant.value
        literal = list(value) if node.constant.kind == "int_list" else value
        return FxNode(index, CONSTANT, None, f"constant {node.constant}", (), node.outputs, (), literal=literal)
    if node.op == LIST_CONSTRUCT:
        return FxNode(index, LIST, None, "list", node.inputs, node.outputs, ())
    target = op_overload(node.op, node.overload)
    params = parameters(target) if target is not None else None
    if params is None:
        shown = node.op + (f".{node.overload}" if node.overload else "")
        raise UnsupportedRule(f"'{shown}' is not an operator overload torch.fx graphs can call")
    omitted = tuple(expand(param.default, param) for param in params[len(node.inputs):]) if in_pattern else ()
    return FxNode(index, CALL, target, qualified_name(target), node.inputs, node.outputs, params, omitted)


def compile_rule(rule: Rule) -> CompiledRule:
    """The rule prepared for matching and rewriting, made once per rule object."""
    entry = _COMPILED.get(id(rule))
    if entry is not None and entry[0] is rule:
        _COMPILED.move_to_end(id(rule))
        return entry[1]
    pattern = fx_graph(rule.pattern, True)
    compiled = CompiledRule(rule, pattern, fx_graph(rule.replacement, False), pattern.nodes[pattern.anchor].target)
    _COMPILED[id(rule)] = (rule, compiled)
    if len(_COMPILED) > _COMPILED_LIMIT:
        _COMPILED.popitem(last=False)
    return compiled


_COMPILED: OrderedDict[int, tuple[Rule, CompiledRule]] = OrderedDict()
"""Recently used rules (kept alive, so their ids stay theirs) -> their compiled form."""
_COMPILED_LIMIT = 4096
