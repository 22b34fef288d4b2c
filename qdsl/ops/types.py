"""The types a TorchScript IR value can have, as sets, and which a schema parameter accepts.

A graph node finds its operator overload by torch's `Node::matches`: every input's type
must be a subtype (`isSubtypeOf`) of the parameter's type. So `int` does not pass for
`float` (nor for `float?` or `int[2]`), `bool` does not pass for `Scalar`, `Tensor?`
does not pass for `Tensor`, a `Tensor` does not pass for `Tensor[]`, and dtype, layout
and memory-format parameters are `int`s. Acceptance here asks torch itself, so it is
exact for every type without type variables; a parameter with a type variable (`t`,
`t[]`, `Any`) accepts every value, which is lenient where torch unifies the variable
across arguments.

A `TypeSet` is the set of types a value may have: a capture starts as any type and
each use narrows it. Sets are drawn from a finite universe of *atoms*: every type that
can inhabit a parameter or result type of the calls at hand (for `Tensor?`: `Tensor?`,
`Tensor` and `None`; for `Scalar`: `Scalar`, `int`, `float`, `complex`), so two
parameter types share a value type exactly when their atoms meet.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Iterable

import torch

_WILDCARD_KINDS = frozenset({"VarType", "AnyType", "AnyEnumType", "AnyClassType", "AnyListType",
                             "AnyTupleType"})

Atom = tuple[str, str]
"""A value type as (kind, annotation): hashable, and distinct for `bool` and `SymBool`."""

_TYPES: dict[Atom, object] = {}
"""Every atom met so far -> its torch JIT type (immutable objects, shared by all rules)."""


def atom(jit_type) -> Atom:
    key = (jit_type.kind(), str(jit_type))
    _TYPES.setdefault(key, jit_type)
    return key


@dataclass(frozen=True)
class TypeSet:
    """The types a value may have: a finite set of atoms, or any type (`atoms` None)."""

    atoms: frozenset[Atom] | None
    """The possible types; None when unconstrained."""

    @property
    def is_any(self) -> bool:
        return self.atoms is None

    @property
    def is_empty(self) -> bool:
        return self.atoms is not None and not self.atoms

    def meet(self, other: "TypeSet") -> "TypeSet":
        """The types both allow."""
        if self.atoms is None:
            return other
        if other.atoms is None:
            return self
        return TypeSet(self.atoms & other.atoms)

    def join(self, other: "TypeSet") -> "TypeSet":
        """The types either allows."""
        if self.atoms is None or other.atoms is None:
            return ANY
        return TypeSet(self.atoms | other.atoms)

    def admits(self, jit_type) -> bool:
        """A value of exactly `jit_type` is among the possible ones."""
        return self.atoms is None or atom(jit_type) in self.atoms

    def types(self) -> list:
        """The possible types (torch JIT types); empty for any type."""
        return [_TYPES[a] for a in sorted(self.atoms or ())]

    def only(self):
        """The one possible type (a torch JIT type), or None when there are several or any."""
        if self.atoms is None or len(self.atoms) != 1:
            return None
        return _TYPES[next(iter(self.atoms))]

    def describe(self) -> str:
        """`int`, `float or Tensor`, `any type`: the set in schema notation."""
        if self.atoms is None:
            return "any type"
        names = sorted({describe(_TYPES[a]) for a in self.atoms}, key=_reading_order)
        return " or ".join(names) if names else "no type"


ANY = TypeSet(None)


def exactly(jit_type) -> TypeSet:
    """The set of one type (a literal's, or a result's static type); any type for a variable."""
    if is_wildcard(jit_type):
        return ANY
    return TypeSet(frozenset({atom(jit_type)}))


@cache
def _literal_types() -> dict[str, object]:
    C = torch._C
    return {"int": C.IntType.get(), "float": C.FloatType.get(), "bool": C.BoolType.get(),
            "none": C.NoneType.get(), "str": C.StringType.get(), "int_list": C.ListType(C.IntType.get())}


def literal(kind: str) -> TypeSet:
    """The type of a `.qpat` literal of `kind` (a dtype name is an `int`)."""
    return exactly(_literal_types()[kind])


def literal_type(kind: str):
    return _literal_types()[kind]


def is_wildcard(jit_type) -> bool:
    """The type mentions a type variable or `Any`: it matches by unification, not subtyping."""
    if jit_type.kind() in _WILDCARD_KINDS:
        return True
    return any(is_wildcard(inner) for inner in jit_type.containedTypes())


def inhabitants(jit_type) -> Iterable[Atom]:
    """The atoms a value passed for `jit_type` may have (the universe's share of it)."""
    if is_wildcard(jit_type):
        return ()
    kind = jit_type.kind()
    if kind == "OptionalType":
        return (atom(jit_type), atom(torch._C.NoneType.get()), *inhabitants(jit_type.getElementType()))
    if kind == "NumberType":
        C = torch._C
        return (atom(jit_type), atom(C.IntType.get()), atom(C.FloatType.get()), atom(C.ComplexType.get()))
    return (atom(jit_type),)


def accepted(parameter, universe: frozenset[Atom]) -> TypeSet:
    """The types of `universe` a parameter of type `parameter` accepts (torch's `isSubtypeOf`)."""
    if is_wildcard(parameter):
        return ANY
    return TypeSet(frozenset(a for a in universe if _is_subtype(a, parameter)))


_SUBTYPE: dict[tuple[Atom, str], bool] = {}


def _is_subtype(value: Atom, parameter) -> bool:
    key = (value, parameter.annotation_str + "|" + parameter.kind())
    if key not in _SUBTYPE:
        _SUBTYPE[key] = _TYPES[value].isSubtypeOf(parameter)
    return _SUBTYPE[key]


def describe(jit_type) -> str:
    """A type in schema notation: `Tensor?`, `int[]`, `Scalar`, `None`, `ScalarType`."""
    kind = jit_type.kind()
    if kind == "OptionalType":
        return describe(jit_type.getElementType()) + "?"
    if kind == "ListType":
        return describe(jit_type.getElementType()) + "[]"
    if kind == "NumberType":
        return "Scalar"
    if kind == "NoneType":
        return "None"
    if kind == "ClassType":
        return str(jit_type).rpartition(".")[2]
    return str(jit_type)


def describe_parameter(argument) -> str:
    """A schema parameter's type as the schema writes it: `ScalarType`, `int[2]`, `Tensor?`."""
    real = argument.real_type
    if argument.N is not None and real.kind() == "ListType":
        return f"{describe(real.getElementType())}[{argument.N}]"
    return describe(real)


def _reading_order(name: str) -> tuple[int, str]:
    common = ("Tensor", "int", "float", "bool", "Scalar", "str", "None")
    return (common.index(name) if name in common else len(common), name)


def type_text(jit_type) -> str:
    """A type as operator schemas spell it (`Tensor`, `Tensor?`, `int[]`, `Scalar`, a class's
    qualified name): the neutral rule model's spelling of torch types."""
    kind = jit_type.kind()
    if kind == "OptionalType":
        return type_text(jit_type.getElementType()) + "?"
    if kind == "ListType":
        return type_text(jit_type.getElementType()) + "[]"
    if kind == "NumberType":
        return "Scalar"
    if kind == "TensorType":
        return "Tensor"
    return jit_type.annotation_str


@cache
def parse_type_text(text: str):
    """The torch type a `type_text` spelling names."""
    return torch._C.parse_schema(f"qdsl::type({text} x) -> ()").arguments[0].type
