"""PatternGraph -> TorchScript IR text, as torch's IR parser and SubgraphRewriter take it.

The neutral graph keeps the `.qpat` names and the resolved types; TorchScript adds its
own constraints, applied here: value names that are keywords of the IR lexer get a `_`
suffix, constants become `prim::Constant` nodes, and values are annotated exactly where
torch's IR parser needs it to pick the same overload (see `types.result_annotations`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...core.patterns import PatternGraph
from ...core.rules import Rule
from ...templating import render_template
from . import types

TORCHSCRIPT_KEYWORDS = frozenset({
    "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
    "else", "except", "False", "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "None", "nonlocal", "not", "or", "pass", "raise", "return", "True", "try", "while",
    "with", "yield",
})
"""Words the TorchScript IR lexer reads as keywords, so they cannot name a value."""

_CONSTANT_ANNOTATIONS = {"int": "int", "float": "float", "bool": "bool", "none": "NoneType", "str": "str",
                         "int_list": "int[]"}


@dataclass(frozen=True)
class IRValue:
    """A value as the template prints it."""

    name: str
    """The IR name, without `%`."""
    type: str | None
    """The annotation, or None when unannotated (the IR parser reads `Tensor`)."""


@dataclass(frozen=True)
class IRNode:
    """A node as the template prints it."""

    kind: str
    """`ns::name`, or `prim::Constant`."""
    outputs: tuple[IRValue, ...]
    """The values it defines."""
    inputs: tuple[str, ...]
    """The IR names of its inputs."""
    constant_kind: str | None = None
    """For a `prim::Constant`: the literal kind (`none` has no value attribute)."""
    constant_value: object = None
    """For a `prim::Constant`: the literal's value."""


@dataclass(frozen=True)
class IRGraph:
    """A graph as the template prints it."""

    inputs: tuple[IRValue, ...]
    """Graph inputs in order (annotated only as `Tensor[]`, where an overload needs it)."""
    nodes: tuple[IRNode, ...]
    """Nodes in evaluation order."""
    outputs: tuple[str, ...]
    """The returned values."""


def ir_names(names: list[str]) -> dict[str, str]:
    """Each value name -> its IR name: keywords get `_` suffixes, avoiding every other name."""
    taken = set(names)
    mapping: dict[str, str] = {}
    for name in names:
        ir_name = name
        while ir_name in TORCHSCRIPT_KEYWORDS or (ir_name != name and ir_name in taken):
            ir_name += "_"
        taken.add(ir_name)
        mapping[name] = ir_name
    return mapping


def ir_graph(graph: PatternGraph, list_names: frozenset[str], names: dict[str, str]) -> IRGraph:
    """The printable TorchScript form of one side of a rule; `list_names` are the
    captures declared `Tensor[]`, `names` maps value names to IR names."""
    jit_types = types.value_types(graph, list_names)
    inputs = tuple(IRValue(names[graph.values[i].name], "Tensor[]" if graph.values[i].name in list_names else None)
                   for i in graph.inputs)
    annotations = types.annotations(graph, jit_types)
    nodes = []
    for node in graph.nodes:
        outputs = tuple(IRValue(names[graph.values[i].name], annotations[i]) for i in node.outputs)
        inputs_ = tuple(names[graph.values[i].name] for i in node.inputs)
        if node.constant is not None:
            nodes.append(IRNode("prim::Constant", outputs, (), node.constant.kind, node.constant.value))
        else:
            nodes.append(IRNode(node.op, outputs, inputs_))
    return IRGraph(inputs, tuple(nodes), tuple(names[graph.values[i].name] for i in graph.outputs))


def render_rule(rule: Rule) -> tuple[str, str]:
    """The TorchScript IR text of a rule's pattern and replacement."""
    lists = types.list_captures(rule.pattern)
    names = ir_names(list(dict.fromkeys(v.name for g in (rule.pattern, rule.replacement) for v in g.values)))
    return tuple(render_template("torchscript/graph.j2", graph=ir_graph(graph, lists, names))
                 for graph in (rule.pattern, rule.replacement))
