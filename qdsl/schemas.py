"""A cached view of torch's live operator registry, as the compiler needs it."""

from __future__ import annotations

import difflib
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


def close_operator_names(op: str) -> list[str]:
    """Registered operator names that look like `op` (for 'did you mean')."""
    return difflib.get_close_matches(op, _all_operator_names(), n=3, cutoff=0.75)


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


def select(op: str, overload: str | None, count: int, outputs: int):
    """The schema a call with `count` inputs and `outputs` results uses: its named overload,
    else the default overload when it fits, else the first that fits; None when none fits."""
    candidates = [s for s in schemas_for(op) if overload is None or s.overload_name == overload]
    fitting = [s for s in candidates if fits(s, count) and len(s.returns) == outputs]
    for schema in fitting:
        if schema.overload_name == "":
            return schema
    return fitting[0] if fitting else None


def rest_schema(op: str, overload: str | None):
    """The schema `...` expands against: the named overload, else the default one."""
    wanted = "" if overload is None else overload
    for schema in schemas_for(op):
        if schema.overload_name == wanted:
            return schema
    return None
