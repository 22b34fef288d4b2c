"""The PT2E backend's compiler hooks: lint, render, validate (see `BackendCompiler`)."""

from __future__ import annotations

from ...core.patterns import PatternGraph
from ...core.rules import Rule
from ...diagnostics import Diagnostic
from ...ops import registry
from ...ops.registry import LIST_CONSTRUCT
from . import RENDERED_PATTERN, RENDERED_REPLACEMENT

TORCHSCRIPT_QUANTIZATION = {
    "aten::quantize_per_tensor": "quantized_decomposed::quantize_per_tensor",
    "aten::dequantize": "quantized_decomposed::dequantize_per_tensor",
}
"""Ops of TorchScript graph-mode quantization -> what PT2E graphs hold instead."""


def lint(rule: Rule) -> list[Diagnostic]:
    """A pattern with TorchScript's quantize/dequantize never matches a `convert_pt2e` graph."""
    return [Diagnostic(node.span, f"{node.op} never occurs in a PT2E graph, which quantizes with "
                       f"{TORCHSCRIPT_QUANTIZATION[node.op]} (the short forms q and dq are TorchScript's)",
                       "warning")
            for node in rule.pattern.nodes if node.op in TORCHSCRIPT_QUANTIZATION][:1]


def render(rule: Rule) -> tuple[tuple[str, str], ...]:
    return ((RENDERED_PATTERN, fx_code(rule.pattern, "pattern", ())),
            (RENDERED_REPLACEMENT, fx_code(rule.replacement, "replacement", rule.folds)))


def validate(rule: Rule) -> str | None:
    """Why the fx engine cannot take the rule (an op that is no operator overload of torch,
    a replacement that returns a literal), or None."""
    from .compiled import UnsupportedRule, fx_graph

    try:
        fx_graph(rule.pattern, True)
        fx_graph(rule.replacement, False)
    except UnsupportedRule as error:
        return f"rule '{rule.name}': {error}"
    if any(rule.replacement.producers[i] is None or rule.replacement.nodes[rule.replacement.producers[i]].constant
           is not None for i in rule.replacement.outputs):
        return (f"rule '{rule.name}' returns a capture or a literal; an fx rewrite redirects the pattern's "
                "results to nodes the replacement makes")
    return None


def fx_code(graph: PatternGraph, title: str, folds: tuple[str, ...]) -> str:
    """One side of a rule as the fx graph code it matches or makes: `torch.ops` calls in
    evaluation order, constants and lists inline."""
    inline: dict[int, str] = {}
    lines = [f"def {title}({', '.join(graph.values[i].name for i in graph.inputs)}):"]

    def shown(value: int) -> str:
        return inline.get(value, graph.values[value].name)

    for node in graph.nodes:
        if node.constant is not None:
            inline[node.outputs[0]] = str(node.constant)
            continue
        enums = _enum_parameters(node.op, node.overload)
        arguments = ", ".join(_enum_value(inline[i], enums[position]) if position < len(enums) and enums[position]
                              and i in inline else shown(i) for position, i in enumerate(node.inputs))
        if node.op == LIST_CONSTRUCT:
            inline[node.outputs[0]] = f"[{arguments}]"
            continue
        namespace, _, name = node.op.partition("::")
        outputs = ", ".join(graph.values[i].name for i in node.outputs)
        marker = "  # fold" if node.op in folds else ""
        lines.append(f"    {outputs} = torch.ops.{namespace}.{name}.{node.overload or 'default'}({arguments}){marker}")
    lines.append(f"    return ({', '.join(shown(i) for i in graph.outputs)},)")
    return "\n".join(lines) + "\n"


def _enum_parameters(op: str, overload: str) -> tuple[str, ...]:
    """Per parameter of the overload, `ScalarType` / `MemoryFormat` when it takes one, else ''."""
    schema = next((s for s in registry.schemas_for(op) if s.overload_name == overload), None) \
        if op != LIST_CONSTRUCT else None
    if schema is None:
        return ()
    return tuple(next((e for e in ("ScalarType", "MemoryFormat") if e in str(a.real_type)), "")
                 for a in schema.arguments)


def _enum_value(text: str, enum: str) -> str:
    """An int literal of an enum parameter as torch spells it (`6` -> `torch.float32`)."""
    names = _SCALAR_TYPE_NAMES if enum == "ScalarType" else _MEMORY_FORMAT_NAMES
    return f"torch.{names[int(text)]}" if text.lstrip("-").isdigit() and int(text) in names else text


_SCALAR_TYPE_NAMES = {0: "uint8", 1: "int8", 2: "int16", 3: "int32", 4: "int64", 5: "float16", 6: "float32",
                      7: "float64", 11: "bool", 12: "qint8", 13: "quint8", 14: "qint32", 15: "bfloat16"}
_MEMORY_FORMAT_NAMES = {0: "contiguous_format", 1: "preserve_format", 2: "channels_last", 3: "channels_last_3d"}
