"""Guard predicates: the registry, the builtins, and evaluation of guard descriptors.

A guard descriptor (see `qdsl.rules.Guard`) names pattern values; at match time each
name is looked up in the match's value map and the predicate sees the graph's
`torch._C.Value`s. The builtins reproduce upstream's C++ match filters exactly.
"""

from __future__ import annotations

from typing import Callable, Mapping

import torch

Predicate = Callable[..., bool]

_REGISTRY: dict[str, Predicate] = {}


def register_predicate(name: str, fn: Predicate) -> None:
    """Make `name(v, ...)` usable in `where` clauses; `fn` gets matched `torch._C.Value`s."""
    from .errors import QdslError

    if not isinstance(name, str) or not name.isidentifier():
        raise QdslError(f"predicate name must be an identifier, got {name!r}")
    if name in BUILTIN_PREDICATES:
        raise QdslError(f"{name} is a builtin predicate: the shipped rules rely on its meaning")
    if not callable(fn):
        raise QdslError(f"predicate {name} must be callable, got {type(fn).__name__}")
    _REGISTRY[name] = fn


def known_predicates() -> frozenset[str]:
    """Names a rule may call in a guard (checked at compile time)."""
    return frozenset(_REGISTRY)


def get_predicate(name: str) -> Predicate:
    return _REGISTRY[name]


def constant_value(value: torch._C.Value):
    """The constant behind `value` as upstream's C++ `toIValue` sees it, or `NOT_CONSTANT`.

    Every reader of graph constants goes through here. The Python binding
    `Value.toIValue()` turns a wrapped-number tensor (what `torch.jit.trace` makes of a
    Python scalar operand, as in `y + 2`) into a Python int or float, where C++ sees a
    0-dim tensor; so a tensor constant is read from its tensor attribute instead. A
    function constant has no IValue in C++ (the binding would say None).
    """
    node = value.node()
    if node.kind() != "prim::Constant" or value.type().kind() == "FunctionType":
        return NOT_CONSTANT
    if node.hasAttribute("value") and node.kindOf("value") == "t":
        return node.t("value")
    return value.toIValue()


NOT_CONSTANT = object()


def is_scalar(value: torch._C.Value) -> bool:
    """Upstream `isScalar` (helper.cpp): a Number, or a constant 0-dim tensor."""
    if value.type().isSubtypeOf(torch._C.NumberType.get()):
        return True
    if value.type().isSubtypeOf(torch._C.TensorType.get()):
        iv = constant_value(value)
        return isinstance(iv, torch.Tensor) and iv.dim() == 0
    return False


def is_constant(value: torch._C.Value) -> bool:
    return value.node().kind() == "prim::Constant"


def is_none(value: torch._C.Value) -> bool:
    return is_constant(value) and constant_value(value) is None


BUILTIN_PREDICATES = frozenset({"is_scalar", "is_constant", "is_none"})
"""Cannot be re-registered: shipped rules are trusted (not linted) because they call only these."""
_REGISTRY.update(is_scalar=is_scalar, is_constant=is_constant, is_none=is_none)


def literal_equals(value: torch._C.Value, kind: str, expected) -> bool:
    """`value` is a constant of the literal's kind equal to `expected` (upstream `is_int_constant`)."""
    iv = constant_value(value)
    if iv is NOT_CONSTANT:
        return False
    if kind == "none":
        return iv is None
    if kind == "bool":
        return isinstance(iv, bool) and iv == expected
    if kind == "int":
        return isinstance(iv, int) and not isinstance(iv, bool) and iv == expected
    if kind == "float":
        return isinstance(iv, float) and iv == expected
    if kind == "str":
        return isinstance(iv, str) and iv == expected
    if kind == "int_list":
        return isinstance(iv, list) and all(type(x) is int for x in iv) and list(expected) == iv
    raise ValueError(f"unknown literal kind {kind!r}")


_LITERAL_KINDS = frozenset({"int", "float", "bool", "none", "str", "int_list"})


def guard_problem(guard, names) -> str | None:
    """Why `guard` cannot be evaluated on a pattern whose value names are `names`, or None.

    The compiler only writes sound guards; a hand-built `Rule` may not, and its error
    must name the rule instead of surfacing as a KeyError at match time.
    """
    if not isinstance(guard, tuple) or not guard:
        return f"malformed guard {guard!r}"
    op = guard[0]
    if op in ("and", "or") and len(guard) >= 2:
        return next((problem for problem in (guard_problem(g, names) for g in guard[1:]) if problem), None)
    if op == "not" and len(guard) == 2:
        return guard_problem(guard[1], names)
    if op in ("eq", "ne") and len(guard) == 4 and guard[2] in _LITERAL_KINDS:
        return None if guard[1] in names else f"the guard names '{guard[1]}', which is not a value of its pattern"
    if op == "pred" and len(guard) == 3 and isinstance(guard[2], tuple):
        if guard[1] not in _REGISTRY:
            return f"the guard calls the unknown predicate '{guard[1]}' (register it with qdsl.register_predicate)"
        missing = [name for name in guard[2] if name not in names]
        return f"the guard names '{missing[0]}', which is not a value of its pattern" if missing else None
    return f"malformed guard {guard!r}"


def evaluate_guard(guard, values: Mapping[str, torch._C.Value]) -> bool:
    """Evaluate a guard descriptor; `values` maps pattern value names to matched graph values."""
    op = guard[0]
    if op == "and":
        return all(evaluate_guard(g, values) for g in guard[1:])
    if op == "or":
        return any(evaluate_guard(g, values) for g in guard[1:])
    if op == "not":
        return not evaluate_guard(guard[1], values)
    if op in ("eq", "ne"):
        _, var, kind, expected = guard
        return literal_equals(values[var], kind, expected) == (op == "eq")
    if op == "pred":
        _, name, args = guard
        return bool(get_predicate(name)(*(values[a] for a in args)))
    raise ValueError(f"unknown guard descriptor {guard!r}")
