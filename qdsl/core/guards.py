"""Guards: a small typed algebra over a match's values, evaluated through a backend's view.

A rule's `where` clause lowers to a `Guard`: `Compare` (`alpha == 1`), `Call` of a
predicate (`is_scalar(b)`), and `And`/`Or`/`Not` of guards, each with its span in the
`.qpat` file. Guards name pattern values; at match time the engine hands them the
matched graph values (torch._C.Value, fx arguments, ...) with a `GuardContext` that
knows how its backend reads constants and which predicates exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping, Protocol, Union

from ..diagnostics import SourceLocation
from .patterns import Constant

Predicate = Callable[..., bool]
"""A guard predicate: called with the matched graph values of its arguments."""


class ValueView(Protocol):
    """How a backend shows a matched graph value to guards."""

    def constant(self, value: Any) -> Constant | None:
        """The value as a `.qpat` literal when the backend's graph holds it as a constant of
        a literal kind (read exactly as the backend's own matcher reads constants), else None."""

    def describe(self, value: Any) -> str:
        """A short description for messages (`1`, `a non-constant Tensor made by aten::relu`)."""


@dataclass(frozen=True)
class GuardContext:
    """What evaluating guards needs: the backend's view and the predicates by name."""

    view: ValueView
    """Reads constants of the backend's values."""
    predicates: Mapping[str, Predicate]
    """The backend's builtin predicates and the rule set's own."""


@dataclass(frozen=True)
class Compare:
    """`var == literal` or `var != literal`: the value is (not) a constant equal to the literal."""

    op: str
    """`eq` or `ne`."""
    var: str
    """The pattern value compared."""
    literal: Constant
    """What it is compared with (kind and value must both agree)."""
    span: SourceLocation
    """The comparison as written."""

    def variables(self) -> tuple[str, ...]:
        return (self.var,)

    def rename(self, names: Mapping[str, str]) -> "Guard | None":
        return Compare(self.op, names[self.var], self.literal, self.span) if self.var in names else None

    def evaluate(self, values: Mapping[str, Any], context: GuardContext) -> bool:
        return (context.view.constant(values[self.var]) == self.literal) == (self.op == "eq")

    def __str__(self) -> str:
        return f"{self.var} {'==' if self.op == 'eq' else '!='} {self.literal}"


@dataclass(frozen=True)
class Call:
    """`name(var, ...)`: a predicate on matched values."""

    name: str
    """The predicate's name (a backend builtin or one of the rule set's)."""
    args: tuple[str, ...]
    """The pattern values passed to it."""
    span: SourceLocation
    """The call as written."""

    def variables(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.args))

    def rename(self, names: Mapping[str, str]) -> "Guard | None":
        if not all(arg in names for arg in self.args):
            return None
        return Call(self.name, tuple(names[arg] for arg in self.args), self.span)

    def evaluate(self, values: Mapping[str, Any], context: GuardContext) -> bool:
        return bool(context.predicates[self.name](*(values[arg] for arg in self.args)))

    def __str__(self) -> str:
        return f"{self.name}({', '.join(self.args)})"


@dataclass(frozen=True)
class _Junction:
    """What `and` and `or` share: operands, their variables and renaming."""

    items: tuple["Guard", ...]
    """Two or more operands."""
    span: SourceLocation
    """The whole expression."""

    word = ""
    """`and` or `or`, as written."""

    def variables(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(name for item in self.items for name in item.variables()))

    def rename(self, names: Mapping[str, str]) -> "Guard | None":
        items = [item.rename(names) for item in self.items]
        return None if None in items else type(self)(tuple(items), self.span)

    def __str__(self) -> str:
        return f" {self.word} ".join(_operand(item) for item in self.items)


class And(_Junction):
    """Every operand holds (evaluated left to right, stopping at the first false one)."""

    word = "and"

    def evaluate(self, values: Mapping[str, Any], context: GuardContext) -> bool:
        return all(item.evaluate(values, context) for item in self.items)


class Or(_Junction):
    """Some operand holds (evaluated left to right, stopping at the first true one)."""

    word = "or"

    def evaluate(self, values: Mapping[str, Any], context: GuardContext) -> bool:
        return any(item.evaluate(values, context) for item in self.items)


@dataclass(frozen=True)
class Not:
    """The operand does not hold."""

    item: "Guard"
    """The negated guard."""
    span: SourceLocation
    """The whole expression."""

    def variables(self) -> tuple[str, ...]:
        return self.item.variables()

    def rename(self, names: Mapping[str, str]) -> "Guard | None":
        item = self.item.rename(names)
        return None if item is None else Not(item, self.span)

    def evaluate(self, values: Mapping[str, Any], context: GuardContext) -> bool:
        return not self.item.evaluate(values, context)

    def __str__(self) -> str:
        return f"not {_operand(self.item)}"


Guard = Union[Compare, Call, And, Or, Not]


def _operand(guard: Guard) -> str:
    return f"({guard})" if isinstance(guard, _Junction) else str(guard)


def false_part(guard: Guard, values: Mapping[str, Any], context: GuardContext) -> Guard:
    """The part of a false guard to blame: down through `and`s to the first false operand
    (an `or`, a `not` or an atom is blamed whole)."""
    while isinstance(guard, And):
        guard = next(item for item in guard.items if not item.evaluate(values, context))
    return guard


def operands(guard: Guard) -> tuple[Guard, ...]:
    """The conjuncts of a guard: its items for an `and`, else the guard itself."""
    return guard.items if isinstance(guard, And) else (guard,)


def implies(stronger: Guard | None, weaker: Guard | None) -> bool:
    """A sufficient (syntactic) condition for `stronger` => `weaker`: `weaker` is absent,
    or equal to `stronger` or to one of its conjuncts, spans ignored."""
    if weaker is None:
        return True
    if stronger is None:
        return False
    key = _shape(weaker)
    return any(_shape(item) == key for item in (stronger, *operands(stronger)))


def _shape(guard: Guard) -> tuple:
    """The guard without spans, for comparing meaning."""
    if isinstance(guard, Compare):
        return ("cmp", guard.op, guard.var, guard.literal)
    if isinstance(guard, Call):
        return ("call", guard.name, guard.args)
    if isinstance(guard, Not):
        return ("not", _shape(guard.item))
    return (type(guard).__name__, tuple(_shape(item) for item in guard.items))


def to_record(guard: Guard) -> tuple:
    """Plain nested tuples for the generated artifact (see `from_record`)."""
    span = guard.span.as_tuple()
    if isinstance(guard, Compare):
        return ("eq" if guard.op == "eq" else "ne", span, guard.var, guard.literal.kind, guard.literal.value)
    if isinstance(guard, Call):
        return ("call", span, guard.name, guard.args)
    if isinstance(guard, Not):
        return ("not", span, to_record(guard.item))
    return ("and" if isinstance(guard, And) else "or", span, tuple(to_record(item) for item in guard.items))


def from_record(record: tuple) -> Guard:
    tag, span = record[0], SourceLocation(*record[1])
    if tag in ("eq", "ne"):
        return Compare(tag, record[2], Constant(record[3], record[4]), span)
    if tag == "call":
        return Call(record[2], tuple(record[3]), span)
    if tag == "not":
        return Not(from_record(record[2]), span)
    items = tuple(from_record(item) for item in record[2])
    return And(items, span) if tag == "and" else Or(items, span)
