"""A cached view of torch's live operator registry: schemas, overloads, arities."""

from __future__ import annotations

import difflib
from functools import cache

import torch

from ..lang.concrete import LIST_CONSTRUCT

LIST_ELEMENT_TYPES = ("int", "float", "bool", "str", "Scalar", "Scalar?", "int?", "float?", "Tensor", "Tensor?")
"""The element types a list expression can have (one `LIST_CONSTRUCT` overload each)."""


def schemas_for(op: str) -> tuple:
    """All overloads of `ns::name` (`torch._C.FunctionSchema`s), in registry order.

    Only found operators are remembered: one that is missing may be registered later (a
    backend's operator modules are imported when its stages are first compiled)."""
    found = _SCHEMAS.get(op)
    if found is None:
        found = tuple(torch._C._jit_get_schemas_for_operator(op))
        if found:
            _SCHEMAS[op] = found
    return found


_SCHEMAS: dict[str, tuple] = {}


def overloads(op: str, count: int) -> tuple:
    """The overloads a call of `op` with `count` arguments chooses from: the registered
    ones, or for `LIST_CONSTRUCT` one per element type (`(T _0, ..., T _n) -> T[]`); a
    missing operator is asked again next time (see `schemas_for`)."""
    return _overloads(op, count) if op == LIST_CONSTRUCT or schemas_for(op) else ()


@cache
def _overloads(op: str, count: int) -> tuple:
    if op != LIST_CONSTRUCT:
        return schemas_for(op)
    parameters = lambda element: ", ".join(f"{element} _{i}" for i in range(count))  # noqa: E731
    return tuple(torch._C.parse_schema(f"{LIST_CONSTRUCT}.{element.replace('?', '_optional')}"
                                       f"({parameters(element)}) -> {element}[]")
                 for element in LIST_ELEMENT_TYPES)


@cache
def _all_operator_names() -> tuple[str, ...]:
    return tuple(sorted({s.name for s in torch._C._jit_get_all_schemas()}))


@cache
def close_operator_names(op: str) -> tuple[str, ...]:
    """Registered operator names that look like `op` (for 'did you mean')."""
    return tuple(difflib.get_close_matches(op, _all_operator_names(), n=3, cutoff=0.75))


def required_count(schema) -> int:
    """The number of leading arguments up to the last one without a default."""
    if schema.name == LIST_CONSTRUCT:
        return len(schema.arguments)
    return _required_count(schema.name, schema.overload_name)


@cache
def _required_count(name: str, overload: str) -> int:
    schema = next(s for s in schemas_for(name) if s.overload_name == overload)
    return max((i + 1 for i, a in enumerate(schema.arguments) if not a.has_default_value()), default=0)


def fits(schema, count: int) -> bool:
    """`count` positional inputs fit `schema` (kwarg-only arguments are positional in IR)."""
    return required_count(schema) <= count <= len(schema.arguments)


def fitting(op: str, overload: str | None, count: int, outputs: int) -> tuple:
    """The overloads a call with `count` inputs and `outputs` results may be (the named one
    only, given `overload`), in registry order."""
    return _fitting(op, overload, count, outputs) if overloads(op, count) else ()


@cache
def _fitting(op: str, overload: str | None, count: int, outputs: int) -> tuple:
    return tuple(s for s in overloads(op, count)
                 if (overload is None or s.overload_name == overload) and fits(s, count)
                 and len(s.returns) == outputs)


def parameter_names(op: str, overload: str | None) -> tuple[str, ...] | None:
    """The parameter names `...` stands for (see `qdsl.lang.bodies.ParameterNames`): of the
    named overload, else of the default one; None when it is not registered."""
    wanted = "" if overload is None else overload
    for schema in schemas_for(op):
        if schema.overload_name == wanted:
            return tuple(argument.name for argument in schema.arguments)
    return None


def forget() -> None:
    """Drop every cached lookup: operators were registered since (a backend's operator
    modules, imported when its stages are first compiled)."""
    _SCHEMAS.clear()
    for cached in (_overloads, _all_operator_names, close_operator_names, _required_count, _fitting):
        cached.cache_clear()
