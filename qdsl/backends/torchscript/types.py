"""How torch's IR parser types a rendered pattern, so the IR states exactly what it needs.

TorchScript IR text carries no overload names: `torch._C.parse_ir` picks, per node, the
first overload (in registry order) whose parameters accept the inputs' types, and
rejects a result annotation that disagrees with it. Results are therefore annotated
only where the overloads that fit a call disagree, with the annotation of the one the
parser will pick; captures are annotated only as `Tensor[]` (an unannotated value is
read as a Tensor).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import torch

from ...core.patterns import PatternGraph
from ...ops import registry

_TYPE_VARIABLE_KINDS = {"VarType", "AnyType"}
_TENSOR = torch._C.TensorType.get()
_TENSOR_LIST = torch._C.ListType(_TENSOR)
_CONSTANT_JIT_TYPES = {"int": torch._C.IntType.get(), "float": torch._C.FloatType.get(),
                       "bool": torch._C.BoolType.get(), "none": torch._C.NoneType.get(),
                       "str": torch._C.StringType.get(), "int_list": torch._C.ListType(torch._C.IntType.get())}
CONSTANT_ANNOTATIONS = {"int": "int", "float": "float", "bool": "bool", "none": "NoneType", "str": "str",
                        "int_list": "int[]"}


@dataclass(frozen=True)
class CallTyping:
    """The overloads that fit one call shape (op, number of inputs and outputs)."""

    tensor_list_positions: frozenset[int]
    """Input positions where every fitting overload takes `Tensor[]`."""
    agreed: tuple | None
    """`(annotation, type)` per result when every fitting overload gives the same
    annotations; None when they disagree."""
    overloads: tuple[tuple[tuple, tuple], ...]
    """Per fitting overload, in registry order: its parameter types and its results'
    `(annotation, type)` pairs."""


@cache
def call_typing(op: str, overload: str | None, count: int, outputs: int) -> CallTyping:
    """How the IR parser may type a call: by the overload the rule names, else by any that fits."""
    fitting = registry.fitting(op, overload, count, outputs)
    overloads = tuple((tuple(a.type for a in s.arguments), tuple((ir_type(r.type), r.type) for r in s.returns))
                      for s in fitting)
    annotations = {tuple(annotation for annotation, _ in results) for _, results in overloads}
    return CallTyping(
        tensor_list_positions=frozenset(i for i in range(count) if overloads and all(
            _is_tensor_list(parameters[i]) for parameters, _ in overloads)),
        agreed=overloads[0][1] if len(annotations) == 1 else None,
        overloads=overloads)


TENSOR_LIST = _TENSOR_LIST


def list_captures(graph: PatternGraph) -> frozenset[str]:
    """The names of the captures a rule's IR declares `Tensor[]` (from its pattern; the
    replacement's graph header repeats the pattern's).

    Lowering evaluates a rule's results depth first, arguments left to right, and defines
    a capture where it is first evaluated; a call declares each of its direct capture
    arguments not yet defined a tensor list when every overload that fits the call takes
    one at that position. Replayed here on the neutral graph.
    """
    producers = graph.producers
    entered: set[int] = set()
    defined: set[int] = set()
    found: set[int] = set()
    roots = [producers[v] for v in graph.outputs if producers[v] is not None] + list(range(len(graph.nodes)))
    for root in roots:
        stack: list[tuple[bool, int]] = [(True, root)]
        while stack:
            is_node, index = stack.pop()
            if not is_node:
                defined.add(index)
                continue
            if index in entered:
                continue
            entered.add(index)
            node = graph.nodes[index]
            if node.constant is None:
                positions = call_typing(node.op, _named(node), len(node.inputs), len(node.outputs)).tensor_list_positions
                found.update(v for p, v in enumerate(node.inputs)
                             if p in positions and producers[v] is None and v not in defined)
            stack.extend((producers[v] is not None, v if producers[v] is None else producers[v])
                         for v in reversed(node.inputs))
    return frozenset(graph.values[i].name for i in found)


def _is_tensor_list(jit_type) -> bool:
    return jit_type.kind() == "ListType" and jit_type.getElementType().kind() == "TensorType"


def value_types(graph: PatternGraph, input_types: dict[str, object]) -> list:
    """Per value, the type torch's IR parser gives it; `input_types` are the captures'
    types the IR header declares (unannotated ones are Tensors)."""
    result: list = [None] * len(graph.values)
    for index in graph.inputs:
        result[index] = input_types.get(graph.values[index].name, _TENSOR)
    for node in graph.nodes:
        if node.constant is not None:
            result[node.outputs[0]] = _CONSTANT_JIT_TYPES[node.constant.kind]
            continue
        results = _results(node, [result[i] for i in node.inputs])
        for value, (_, jit_type) in zip(node.outputs, results):
            result[value] = jit_type
    return result


def annotations(graph: PatternGraph, jit_types: list) -> list[str | None]:
    """Per value, the annotation its definition states (None: unannotated)."""
    result: list[str | None] = [None] * len(graph.values)
    for node in graph.nodes:
        if node.constant is not None:
            result[node.outputs[0]] = CONSTANT_ANNOTATIONS[node.constant.kind]
            continue
        results = _results(node, [jit_types[i] for i in node.inputs])
        for value, (annotation, _) in zip(node.outputs, results):
            result[value] = annotation
    return result


def _named(node) -> str | None:
    return node.overload if node.named else None


def _results(node, input_types: list) -> tuple:
    """`(annotation, type)` per result as the IR may state them (unannotated Tensors when
    no fitting overload accepts the inputs: upstream writes such patterns that way)."""
    outputs = len(node.outputs)
    typing = call_typing(node.op, _named(node), len(input_types), outputs)
    if typing.agreed is not None:
        return typing.agreed
    for parameters, results in typing.overloads:
        if all(accepts(parameters[i], t) for i, t in enumerate(input_types)):
            return results
    return ((None, _TENSOR),) * outputs


def accepts(parameter, value_type) -> bool:
    """A value of `value_type` may be passed for a parameter of type `parameter` (type
    variables accept anything; a list of a type variable accepts any list)."""
    kind = parameter.kind()
    if kind in _TYPE_VARIABLE_KINDS:
        return True
    if kind == "OptionalType":
        return value_type.kind() == "NoneType" or accepts(parameter.getElementType(), value_type)
    if kind == "ListType":
        return value_type.kind() == "ListType" and accepts(parameter.getElementType(), value_type.getElementType())
    if kind == "SymIntType":
        return value_type.kind() in ("IntType", "SymIntType")
    return value_type.isSubtypeOf(parameter)


def ir_type(jit_type) -> str | None:
    """The IR annotation for a schema type, or None when plain `Tensor` (or generic)."""
    if jit_type.kind() == "TensorType":
        return None
    return _ir_type_text(jit_type)


def _ir_type_text(jit_type) -> str | None:
    kind = jit_type.kind()
    if kind in _TYPE_VARIABLE_KINDS or kind == "TupleType":
        return None
    if kind == "OptionalType":
        inner = _ir_type_text(jit_type.getElementType())
        return None if inner is None else inner + "?"
    if kind == "ListType":
        inner = _ir_type_text(jit_type.getElementType())
        return None if inner is None else inner + "[]"
    if kind == "NumberType":
        return "Scalar"
    if kind == "TensorType":
        return "Tensor"
    return jit_type.annotation_str
