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
from ...ops.types import parse_type_text
from . import types

TORCHSCRIPT_KEYWORDS = frozenset({
    "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
    "else", "except", "False", "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "None", "nonlocal", "not", "or", "pass", "raise", "return", "True", "try", "while",
    "with", "yield",
})
"""Words the TorchScript IR lexer reads as keywords, so they cannot name a value."""



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


def ir_graph(graph: PatternGraph, input_types: dict[str, object], names: dict[str, str]) -> IRGraph:
    """The printable TorchScript form of one side of a rule; `input_types` are the jit
    types the header declares for captures (others are unannotated Tensors), `names`
    maps value names to IR names."""
    jit_types = types.value_types(graph, input_types)
    annotations = types.annotations(graph, jit_types)
    inputs = tuple(IRValue(names[graph.values[i].name], _declared(input_types.get(graph.values[i].name)))
                   for i in graph.inputs)
    nodes = []
    for node in graph.nodes:
        outputs = tuple(IRValue(names[graph.values[i].name], annotations[i]) for i in node.outputs)
        if node.constant is not None:
            nodes.append(IRNode("prim::Constant", outputs, (), node.constant.kind, node.constant.value))
        else:
            nodes.append(IRNode(node.op, outputs, tuple(names[graph.values[i].name] for i in node.inputs)))
    return IRGraph(inputs, tuple(nodes), tuple(names[graph.values[i].name] for i in graph.outputs))


def _declared(jit_type) -> str | None:
    return None if jit_type is None else types.ir_type(jit_type)


def render_rule(rule: Rule) -> tuple[str, str]:
    """The TorchScript IR text of a rule's pattern and replacement.

    Both headers declare `Tensor[]` captures as the pattern needs them. When torch's IR
    parser would give a replacement node's result another type than the rule resolved
    (`mul(scale, 2.0)` read as a Tensor, not a float), the replacement's header also
    declares the captures' resolved types, so the nodes it inserts carry their true types.
    """
    declared = {name: types.TENSOR_LIST for name in types.list_captures(rule.pattern)}
    names = ir_names(list(dict.fromkeys(v.name for g in (rule.pattern, rule.replacement) for v in g.values)))
    replacement_inputs = declared
    if _mistyped(rule.replacement, declared):
        replacement_inputs = {**{v.name: parse_type_text(v.type) for v in (rule.replacement.values[i]
                                                                           for i in rule.replacement.inputs)
                                 if v.type and v.type != "Tensor"}, **declared}
    return (render_template("torchscript/graph.j2", graph=ir_graph(rule.pattern, declared, names)),
            render_template("torchscript/graph.j2", graph=ir_graph(rule.replacement, replacement_inputs, names)))


def _mistyped(graph: PatternGraph, declared: dict[str, object]) -> bool:
    """Some call's result would be typed by the IR parser otherwise than it resolved to."""
    jit_types = types.value_types(graph, declared)
    return any(graph.values[i].type and not jit_types[i].isSubtypeOf(parse_type_text(graph.values[i].type))
               for node in graph.nodes if node.constant is None for i in node.outputs)
