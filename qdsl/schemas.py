"""A cached view of torch's live operator registry, as the compiler needs it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache

import torch

_TYPE_VARIABLE_KINDS = {"VarType", "AnyType"}


@cache
def schemas_for(op: str) -> tuple:
    """All overloads of `ns::name` (`torch._C.FunctionSchema`s), in registry order."""
    return tuple(torch._C._jit_get_schemas_for_operator(op))


@cache
def _all_operator_names() -> tuple[str, ...]:
    return tuple(sorted({s.name for s in torch._C._jit_get_all_schemas()}))


@cache
def close_operator_names(op: str) -> tuple[str, ...]:
    """Registered operator names that look like `op` (for 'did you mean')."""
    return tuple(difflib.get_close_matches(op, _all_operator_names(), n=3, cutoff=0.75))


_REQUIRED_COUNTS: dict[int, int] = {}
"""id(schema) -> required_count(schema); the schemas live as long as the schemas_for cache."""


def required_count(schema) -> int:
    """The number of leading arguments up to the last one without a default."""
    key = id(schema)
    if key not in _REQUIRED_COUNTS:
        _REQUIRED_COUNTS[key] = max(
            (i + 1 for i, a in enumerate(schema.arguments) if not a.has_default_value()), default=0)
    return _REQUIRED_COUNTS[key]


def fits(schema, count: int) -> bool:
    """`count` positional inputs fit `schema` (kwarg-only arguments are positional in IR)."""
    return required_count(schema) <= count <= len(schema.arguments)


def ir_type(jit_type) -> str | None:
    """The IR annotation for a schema type, or None when plain `Tensor` (or generic)."""
    kind = jit_type.kind()
    if kind == "TensorType":
        return None
    return _ir_type_text(jit_type)


def _ir_type_text(jit_type) -> str | None:
    kind = jit_type.kind()
    if kind in _TYPE_VARIABLE_KINDS:
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
    if kind == "TupleType":
        return None
    return jit_type.annotation_str


@dataclass(frozen=True)
class CallTyping:
    """What lowering needs to type one call shape (op, overload, inputs, outputs)."""

    tensor_list_positions: frozenset[int]
    """Input positions where every fitting overload takes `Tensor[]`."""
    agreed: tuple | None
    """`(annotation, type)` per result when every fitting overload gives the same
    annotations; None when they disagree."""
    overloads: tuple[tuple[tuple, tuple], ...]
    """Per fitting overload, in registry order: its parameter types and its results'
    `(annotation, type)` pairs."""


@cache
def fitting(op: str, overload: str | None, count: int, outputs: int) -> tuple:
    """The overloads a call with `count` inputs and `outputs` results may be (the named one
    only, given `overload`), in registry order."""
    return tuple(s for s in schemas_for(op)
                 if (overload is None or s.overload_name == overload) and fits(s, count)
                 and len(s.returns) == outputs)


@cache
def call_typing(op: str, overload: str | None, count: int, outputs: int) -> CallTyping:
    """How torch's IR parser types a call that some overload fits (the resolve stage
    guarantees one)."""
    overloads = tuple((tuple(a.type for a in s.arguments), tuple((ir_type(r.type), r.type) for r in s.returns))
                      for s in fitting(op, overload, count, outputs))
    annotations = {tuple(annotation for annotation, _ in results) for _, results in overloads}
    return CallTyping(
        tensor_list_positions=frozenset(i for i in range(count)
                                        if all(_is_tensor_list(types[i]) for types, _ in overloads)),
        agreed=overloads[0][1] if len(annotations) == 1 else None,
        overloads=overloads,
    )


def result_types(typing: CallTyping, input_types: list) -> tuple | None:
    """`(annotation, type)` per result as the IR may state them, or None to state none.

    When the fitting overloads disagree, torch's IR parser picks the first whose
    parameters accept the inputs' types and rejects an annotation that disagrees with
    it: this is that overload's, or None when none accepts (the values are then left
    unannotated, as upstream writes such patterns).
    """
    if typing.agreed is not None:
        return typing.agreed
    for parameters, results in typing.overloads:
        if all(accepts(parameters[i], t) for i, t in enumerate(input_types)):
            return results
    return None


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


def _is_tensor_list(jit_type) -> bool:
    """`Tensor[]`: the one parameter type a bare capture must be annotated with, since the
    IR parser reads an unannotated value as a Tensor and would pick another overload."""
    return jit_type.kind() == "ListType" and jit_type.getElementType().kind() == "TensorType"


def rest_schema(op: str, overload: str | None):
    """The schema `...` expands against: the named overload, else the default one."""
    wanted = "" if overload is None else overload
    for schema in schemas_for(op):
        if schema.overload_name == wanted:
            return schema
    return None
