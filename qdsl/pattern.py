"""The parsed, indexed form of a rule: pattern and replacement graphs, anchor, index key.

Parsing happens once per process per IR string. The pattern graph is read once into
plain tuples (`PatternNode`, `PatternValue`), so that matching touches torch's bindings
only on the side of the graph being rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import torch

from .errors import Diagnostic, QdslError
from .predicates import guard_problem
from .rules import Rule

SUPPORTED_ATTRIBUTE_KINDS = frozenset({"i", "f", "s", "c"})
"""Attribute kinds upstream's matcher compares (`matchAttributes`); any other never matches."""


@dataclass(frozen=True)
class PatternValue:
    """One value of the pattern graph."""

    index: int
    """Position in `CompiledPattern.values` (inputs first, then node outputs in order)."""
    name: str
    """The value's name in the pattern IR text, without `%`."""
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


@dataclass(frozen=True)
class PatternNode:
    """One node of the pattern graph."""

    index: int
    """Position in `CompiledPattern.nodes` (pattern order)."""
    kind: str
    """Qualified op name, e.g. `aten::relu`."""
    inputs: tuple[int, ...]
    """Value indices of the inputs."""
    outputs: tuple[int, ...]
    """Value indices of the outputs."""
    attributes: tuple[tuple[str, str, object], ...]
    """(name, attribute kind, value); the value is None for kinds upstream cannot compare."""


@dataclass(frozen=True)
class CompiledPattern:
    """A pattern graph prepared for matching, shared by every rule with the same IR."""

    graph: torch._C.Graph
    """The parsed pattern (kept alive: nothing else refers to it)."""
    values: tuple[PatternValue, ...]
    """Every pattern value; graph inputs first, in order."""
    nodes: tuple[PatternNode, ...]
    """Every pattern node in textual order."""
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
    """Per node, the name it is reported by: its first output, as in `value_locations`."""

    def value_name(self, index: int) -> str:
        return self.values[index].name

    def node_name(self, node_index: int) -> str:
        return self.node_names[node_index]


@dataclass(frozen=True)
class CompiledRule:
    """A rule with its pattern and replacement parsed."""

    rule: Rule
    """The rule as compiled."""
    pattern: CompiledPattern
    """The pattern, shared between rules with identical pattern IR."""
    replacement: torch._C.Graph
    """The parsed replacement graph (torch's `insertGraph` clones it per match)."""
    replacement_kinds: tuple[str, ...]
    """Kinds of the replacement's nodes in order, i.e. of the nodes one rewrite creates."""
    replacement_output_types: tuple = ()
    """The types torch's IR parser gave the replacement's outputs (Tensor when unannotated)."""


def compile_rule(rule: Rule) -> CompiledRule:
    """The rule with its IR parsed (once per process per IR string)."""
    try:
        pattern, replacement, kinds = _parsed_pair(rule.pattern, rule.replacement)
    except (RuntimeError, ValueError) as error:
        raise QdslError(Diagnostic(rule.location, f"rule {rule.name}: {error}")) from None
    if rule.guard is not None:
        problem = guard_problem(rule.guard, pattern.value_index)
        if problem is not None:
            raise QdslError(Diagnostic(rule.location, f"rule {rule.name}: {problem}"))
    return CompiledRule(rule, pattern, replacement, kinds, tuple(v.type() for v in replacement.outputs()))


@lru_cache(maxsize=None)
def _parsed_pair(pattern_ir: str, replacement_ir: str) -> tuple[CompiledPattern, torch._C.Graph, tuple[str, ...]]:
    pattern = compiled_pattern(pattern_ir)
    replacement = parsed_replacement(replacement_ir)
    inputs = len(list(replacement.inputs()))
    if inputs != len(pattern.inputs):
        raise ValueError(f"the replacement has {inputs} inputs, the pattern {len(pattern.inputs)}")
    outputs = len(list(replacement.outputs()))
    if outputs != len(pattern.outputs):
        raise ValueError(f"its replacement has {outputs} outputs, but its pattern {len(pattern.outputs)}")
    return pattern, replacement, tuple(node.kind() for node in replacement.nodes())


@lru_cache(maxsize=None)
def parsed_replacement(ir: str) -> torch._C.Graph:
    graph = torch._C.parse_ir(ir)
    if any(list(node.blocks()) for node in graph.nodes()):
        raise ValueError("a replacement graph must not contain nested blocks")
    return graph


@lru_cache(maxsize=None)
def compiled_pattern(ir: str) -> CompiledPattern:
    graph = torch._C.parse_ir(ir)
    graph_inputs = list(graph.inputs())
    graph_nodes = list(graph.nodes())
    if any(list(node.blocks()) for node in graph_nodes):
        raise ValueError("a pattern graph must not contain nested blocks (prim::If, prim::Loop)")
    graph_outputs = list(graph.outputs())
    if not graph_outputs or graph_outputs[0].node().kind() == "prim::Param":
        raise ValueError("the pattern's first output must be produced by a node")

    ordered = graph_inputs + [v for node in graph_nodes for v in node.outputs()]
    names = _defined_value_names(ir)
    if names is None or len(names) != len(ordered):
        names = [v.debugName() for v in ordered]
    index_of = {v: i for i, v in enumerate(ordered)}
    node_index = {node: i for i, node in enumerate(graph_nodes)}
    output_set = set(graph_outputs)

    values = []
    for i, value in enumerate(ordered):
        producer = value.node()
        values.append(PatternValue(
            index=i,
            name=names[i],
            producer=None if producer.kind() == "prim::Param" else node_index[producer],
            use_count=len(value.uses()),
            is_input=producer.kind() == "prim::Param",
            is_output=value in output_set,
            checks_uses=producer.kind() != "prim::Param" and value not in output_set,
        ))
    nodes = tuple(
        PatternNode(
            index=i,
            kind=node.kind(),
            inputs=tuple(index_of[v] for v in node.inputs()),
            outputs=tuple(index_of[v] for v in node.outputs()),
            attributes=node_attributes(node),
        )
        for i, node in enumerate(graph_nodes)
    )
    anchor = node_index[graph_outputs[0].node()]
    producer_kinds = tuple(
        (position, nodes[values[v].producer].kind)
        for position, v in enumerate(nodes[anchor].inputs)
        if values[v].producer is not None
    )
    return CompiledPattern(
        graph=graph,
        values=tuple(values),
        nodes=nodes,
        inputs=tuple(range(len(graph_inputs))),
        outputs=tuple(index_of[v] for v in graph_outputs),
        anchor=anchor,
        anchor_kind=nodes[anchor].kind,
        producer_kinds=producer_kinds,
        probes=_second_level_probes(nodes, values, anchor, producer_kinds),
        value_index={v.name: v.index for v in values},
        node_names=tuple(values[n.outputs[0]].name if n.outputs else n.kind for n in nodes),
    )


def _second_level_probes(nodes, values, anchor, producer_kinds):
    if not producer_kinds:
        return ()
    first_position = producer_kinds[0][0]
    first = nodes[values[nodes[anchor].inputs[first_position]].producer]
    return tuple(
        ((first_position, position), nodes[values[v].producer].kind)
        for position, v in enumerate(first.inputs)
        if values[v].producer is not None
    )


def node_attributes(node: torch._C.Node) -> tuple[tuple[str, str, object], ...]:
    """The node's attributes as upstream's matcher sees them: (name, kind, value)."""
    if not node.hasAttributes():
        return ()
    result = []
    for name in node.attributeNames():
        kind = node.kindOf(name)
        value = getattr(node, kind)(name) if kind in SUPPORTED_ATTRIBUTE_KINDS else None
        result.append((name, kind, value))
    return tuple(result)


_HEADER = re.compile(r"graph\s*\(")
_NAME = re.compile(r"%([\w.]+)")


def _defined_value_names(ir: str) -> list[str] | None:
    """Value names in definition order (graph inputs, then node outputs), as written.

    `torch._C.parse_ir` keeps only the inputs' names, but guards and `explain` refer to
    pattern values by the names the IR text gives them. None if the text is not the
    flat form this reader understands (the caller then falls back to debug names).
    """
    header = _HEADER.search(ir)
    if header is None:
        return None
    depth, position = 1, header.end()
    while depth and position < len(ir):
        depth += {"(": 1, ")": -1}.get(ir[position], 0)
        position += 1
    names = _NAME.findall(ir[header.end():position])
    for line in ir[position:].splitlines():
        text = line.strip()
        if text.startswith("%") and "=" in text:
            names.extend(_NAME.findall(text.split("=", 1)[0]))
    return names
