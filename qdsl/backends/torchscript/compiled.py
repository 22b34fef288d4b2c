"""A rule prepared for matching on TorchScript graphs: its pattern indexed, its replacement parsed.

The pattern is read from the rule's neutral `PatternGraph` into named tuples
(`IndexedPattern`, `IndexedNode`, `IndexedValue`) shaped as torch's IR parser would build
it (constants are `prim::Constant` nodes with upstream's attribute kinds), so matching
touches torch's bindings only on the graph being rewritten. (Named tuples, not frozen
dataclasses: a first finalize pays for defining its classes, and a frozen dataclass
costs ~4 times more to define.) The replacement is parsed once
per process from its rendered IR when the rule first rewrites (`Graph.insertGraph`
clones it per match).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

import torch

from ...core.patterns import Constant, PatternGraph
from ...core.rules import Rule
from . import RENDERED_PATTERN, RENDERED_REPLACEMENT

SUPPORTED_ATTRIBUTE_KINDS = frozenset({"i", "f", "s", "c"})
"""Attribute kinds upstream's matcher compares (`matchAttributes`); any other never matches."""


class IndexedValue(NamedTuple):
    """One value of the pattern graph."""

    index: int
    """Position in `IndexedPattern.values` (inputs first, then node outputs in order)."""
    name: str
    """The value's name in the rule (a `.qpat` variable or a generated name)."""
    producer: int | None
    """Index of the producing pattern node; None for a pattern graph input."""
    use_count: int
    """Uses inside the pattern graph (graph outputs count as uses, as in torch)."""
    is_input: bool
    """A pattern graph input: matches any graph value."""
    is_output: bool
    """A pattern graph output: may have uses outside the match."""
    checks_uses: bool
    """Neither input nor output: the graph value must have exactly `use_count` uses."""


class IndexedNode(NamedTuple):
    """One node of the pattern graph."""

    index: int
    """Position in `IndexedPattern.nodes` (pattern order)."""
    kind: str
    """Qualified op name, e.g. `aten::relu`, or `prim::Constant`."""
    inputs: tuple[int, ...]
    """Value indices of the inputs."""
    outputs: tuple[int, ...]
    """Value indices of the outputs."""
    attributes: tuple[tuple[str, str, object], ...]
    """(name, attribute kind, value); the value is None for kinds upstream cannot compare."""


class IndexedPattern(NamedTuple):
    """A pattern prepared for matching, shared by every rule with an equal pattern."""

    values: tuple[IndexedValue, ...]
    """Every pattern value; graph inputs first, in order."""
    nodes: tuple[IndexedNode, ...]
    """Every pattern node in evaluation order."""
    inputs: tuple[int, ...]
    """Value indices of the pattern graph inputs."""
    outputs: tuple[int, ...]
    """Value indices of the pattern graph outputs."""
    anchor: int
    """Index of the node producing the first output (upstream's starting node)."""
    anchor_kind: str
    """Kind of the anchor: the index bucket the rule visits."""
    producer_kinds: tuple[tuple[int, str], ...]
    """(anchor input position, kind of its pattern producer) for non-input producers:
    the first is the index key, the others a cheap rejection before any matching."""
    probes: tuple[tuple[tuple[int, ...], str], ...]
    """Further rejections: (input positions from the anchor, kind expected there) for the
    producers of the first producer's inputs."""
    value_index: dict[str, int]
    """Pattern value name -> index."""
    node_names: tuple[str, ...]
    """Per node, the name it is reported by: its first output's."""


@dataclass(frozen=True)
class CompiledRule:
    """A rule ready for the TorchScript engine."""

    rule: Rule
    """The rule."""
    pattern: IndexedPattern
    """Its pattern, indexed."""
    replacement_ir: str
    """The replacement as TorchScript IR, parsed when the rule first rewrites (most rules
    of a stage never match a given model)."""

    @property
    def replacement(self) -> torch._C.Graph:
        """The parsed replacement graph."""
        return self._parsed[0]

    @property
    def replacement_kinds(self) -> tuple[str, ...]:
        """Kinds of the replacement's nodes in order, i.e. of the nodes one rewrite creates."""
        return self._parsed[1]

    @property
    def replacement_output_types(self) -> tuple:
        """The types torch's IR parser gave the replacement's outputs."""
        return self._parsed[2]

    @cached_property
    def _parsed(self) -> tuple[torch._C.Graph, tuple[str, ...], tuple]:
        return _parsed_replacement(self.replacement_ir)


def constant_attributes(constant: Constant) -> tuple[tuple[str, str, object], ...]:
    """The attributes of the `prim::Constant` torch's IR parser makes for a literal."""
    if constant.kind == "none":
        return ()
    if constant.kind == "int_list":
        return (("value", "ival", None),)
    if constant.kind == "bool":
        return (("value", "i", int(constant.value)),)
    return (("value", {"int": "i", "float": "f", "str": "s"}[constant.kind], constant.value),)


@lru_cache(maxsize=None)
def indexed_pattern(graph: PatternGraph) -> IndexedPattern:
    """The matcher's view of a pattern graph (cached per equal graph)."""
    producers, uses = graph.producers, graph.use_counts
    outputs = set(graph.outputs)
    values = tuple(
        IndexedValue(index=i, name=v.name, producer=producers[i], use_count=uses[i], is_input=producers[i] is None,
                     is_output=i in outputs, checks_uses=producers[i] is not None and i not in outputs)
        for i, v in enumerate(graph.values))
    nodes = tuple(
        IndexedNode(index=i, kind=node.op or "prim::Constant", inputs=node.inputs, outputs=node.outputs,
                    attributes=() if node.constant is None else constant_attributes(node.constant))
        for i, node in enumerate(graph.nodes))
    anchor = graph.anchor
    producer_kinds = tuple((position, nodes[producers[v]].kind)
                           for position, v in enumerate(nodes[anchor].inputs) if producers[v] is not None)
    return IndexedPattern(
        values=values, nodes=nodes, inputs=graph.inputs, outputs=graph.outputs, anchor=anchor,
        anchor_kind=nodes[anchor].kind, producer_kinds=producer_kinds,
        probes=_second_level_probes(nodes, values, anchor, producer_kinds),
        value_index={v.name: v.index for v in values},
        node_names=tuple(values[n.outputs[0]].name if n.outputs else n.kind for n in nodes))


def _second_level_probes(nodes, values, anchor, producer_kinds):
    if not producer_kinds:
        return ()
    first_position = producer_kinds[0][0]
    first = nodes[values[nodes[anchor].inputs[first_position]].producer]
    return tuple(((first_position, position), nodes[values[v].producer].kind)
                 for position, v in enumerate(first.inputs) if values[v].producer is not None)


def rendered(rule: Rule) -> tuple[str, str]:
    """The rule's pattern and replacement as TorchScript IR (made at compile time, or now)."""
    pattern, replacement = rule.rendering(RENDERED_PATTERN), rule.rendering(RENDERED_REPLACEMENT)
    if pattern is None or replacement is None:
        from .render import render_rule

        pattern, replacement = render_rule(rule)
    return pattern, replacement


def compile_rule(rule: Rule) -> CompiledRule:
    """The rule prepared for matching and rewriting, made once per rule object."""
    entry = _COMPILED.get(id(rule))
    if entry is not None and entry[0] is rule:
        _COMPILED.move_to_end(id(rule))
        return entry[1]
    compiled = CompiledRule(rule, indexed_pattern(rule.pattern), rendered(rule)[1])
    _COMPILED[id(rule)] = (rule, compiled)
    if len(_COMPILED) > _COMPILED_LIMIT:
        _COMPILED.popitem(last=False)
    return compiled


_COMPILED: OrderedDict[int, tuple[Rule, CompiledRule]] = OrderedDict()
"""Recently used rules (kept alive, so their ids stay theirs) -> their compiled form."""
_COMPILED_LIMIT = 4096


@lru_cache(maxsize=None)
def _parsed_replacement(ir: str) -> tuple[torch._C.Graph, tuple[str, ...], tuple]:
    graph = torch._C.parse_ir(ir)
    return graph, tuple(node.kind() for node in graph.nodes()), tuple(v.type() for v in graph.outputs())


def node_attributes(node: torch._C.Node) -> tuple[tuple[str, str, object], ...]:
    """A graph node's attributes as upstream's matcher sees them: (name, kind, value)."""
    if not node.hasAttributes():
        return ()
    result = []
    for name in node.attributeNames():
        kind = node.kindOf(name)
        value = getattr(node, kind)(name) if kind in SUPPORTED_ATTRIBUTE_KINDS else None
        result.append((name, kind, value))
    return tuple(result)
