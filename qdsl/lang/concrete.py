"""Concrete rules: what expansion makes of a rule definition, and their `.qpat` text.

A concrete rule names full ops (`ns::name`), plain variable names, and no
`none`-dropped calls; later stages never see a family variable or a macro.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Collection, Union

from ..diagnostics import SourceLocation
from . import syntax as ast

LIST_CONSTRUCT = "prim::ListConstruct"
"""The operator a list expression (`[low, high]`) is a call of, its elements the arguments."""

DTYPE_NAMES: dict[int, str] = {number: name for name, number in reversed(ast.DTYPES.items())}
"""ScalarType numbers -> the first dtype name spelling each (`6` -> `float32`, not `float`)."""


@dataclass(frozen=True)
class Name:
    """A concrete variable occurrence."""

    name: str
    """The variable's name after interpolation."""
    span: SourceLocation
    """Where it is written (for generated captures: the construct that made it)."""


@dataclass(frozen=True)
class Const:
    """A concrete literal."""

    kind: str
    """`int`, `float`, `bool`, `none`, `str` or `int_list`."""
    value: object
    """The Python value."""
    span: SourceLocation
    """Where it is written."""


@dataclass(frozen=True)
class OpCall:
    """A concrete call of a registered operator; a list expression is a call of
    `LIST_CONSTRUCT` with the elements as arguments."""

    op: str
    """The node kind, `ns::name`."""
    overload: str | None
    """The overload named with `.overload`, or None."""
    args: tuple["Value", ...]
    """The inputs in order."""
    span: SourceLocation
    """The call as written (for a short form or macro: its use)."""
    macro: str = field(default="", kw_only=True, compare=False)
    """The macro whose body wrote the call, or '' when the rule itself did (the top call of
    a macro's body belongs to where the macro is used)."""


Value = Union[Name, Const, OpCall]


def names_in(value: Value):
    """Every variable occurrence in a value, depth-first, left to right."""
    if isinstance(value, Name):
        yield value
    elif isinstance(value, OpCall):
        for arg in value.args:
            yield from names_in(arg)


@dataclass(frozen=True)
class Bind:
    """Names for the outputs of one value (an alias when the value is not a call)."""

    targets: tuple[Name, ...]
    """One name per output."""
    value: Value
    """What is named."""
    span: SourceLocation
    """The binding as written."""


@dataclass(frozen=True)
class Side:
    """One side of a concrete rule."""

    bindings: tuple[Bind, ...]
    """Bindings in the order written."""
    results: tuple[Value, ...]
    """The result values."""
    span: SourceLocation
    """The side as written."""


@dataclass(frozen=True)
class ConcreteRule:
    """One expansion of a rule definition."""

    name: str
    """The expanded rule name."""
    family: str
    """The rule name as written."""
    stage: tuple[str, ...]
    """The words of the stage header the rule is under (`("fusion", "static")`)."""
    pattern: Side
    """The pattern side."""
    guard: ast.Guard | None
    """The guard with plain variable names, or None."""
    replacement: Side
    """The replacement side."""
    location: SourceLocation
    """The rule name in the header."""
    folds: tuple[str, ...] = ()
    """The ops of the replacement's `fold` calls, in order (prepack rules only)."""
    engines: tuple[str, ...] = ()
    """The quantized engines the rule is valid for (its `engines` header); () for every engine."""


def match_shape(rule: ConcreteRule) -> tuple:
    """What decides which graphs a rule matches: its pattern and guard, with spans dropped
    and variables numbered in order of appearance (so two orders that differ only in
    the names of their captures have one shape)."""
    numbers: dict[str, int] = {}

    def number(name: str) -> int:
        return numbers.setdefault(name, len(numbers))

    def value(v: Value) -> tuple:
        if isinstance(v, Name):
            return ("var", number(v.name))
        if isinstance(v, Const):
            return ("const", v.kind, repr(v.value))
        return ("call", v.op, v.overload, tuple(value(a) for a in v.args))

    def guard(g: ast.Guard | None) -> tuple | None:
        if g is None:
            return None
        if isinstance(g, ast.GuardBool):
            return (g.op, tuple(guard(item) for item in g.items))
        if isinstance(g, ast.GuardCompare):
            return (g.op, number(g.var.plain or ""), g.value.kind, repr(g.value.value))
        return ("pred", g.name.plain, tuple(number(a.plain or "") for a in g.args))

    side = rule.pattern
    bindings = tuple((tuple(number(t.name) for t in b.targets), value(b.value)) for b in side.bindings)
    return bindings, tuple(value(r) for r in side.results), guard(rule.guard)


DtypeParameters = Callable[["OpCall"], Collection[int]]
"""The positions of a call's parameters that take a dtype (a `ScalarType`), as the call's
resolved operator schema says; the formatter prints an int literal there as a dtype name."""


def format_rule(rule: ConcreteRule, dtype_parameters: DtypeParameters | None = None) -> str:
    """A concrete rule in canonical surface syntax (for `--dump expand`, goldens and a rule's
    provenance). With `dtype_parameters`, an int literal passed for a dtype (`ScalarType`)
    parameter, or compared by the guard with a value passed for one, is written as its dtype
    name (`quint8`), which reads back as the same int. A literal binding stays a number
    (`d = 13`): the language binds no name to a dtype name."""
    folds = f", folds {', '.join(rule.folds)}" if rule.folds else ""
    engines = f", engines {', '.join(rule.engines)}" if rule.engines else ""
    lines = [f"rule {rule.name}  # stage {' '.join(rule.stage)}, family {rule.family}, at {rule.location}{folds}"
             f"{engines}"]
    for side, arrow in ((rule.pattern, ""), (rule.replacement, "-> ")):
        for index, binding in enumerate(side.bindings):
            targets = ", ".join(t.name for t in binding.targets)
            value = format_value(binding.value, dtype_parameters)
            lines.append(f"    {arrow if index == 0 else '   ' if arrow else ''}{targets} = {value}")
            arrow = "   " if arrow else arrow
        results = ", ".join(format_value(r, dtype_parameters) for r in side.results)
        lines.append(f"    {arrow}{results if len(side.results) == 1 else '(' + results + ')'}")
        if side is rule.pattern and rule.guard is not None:
            lines.append(f"    where {format_guard(rule.guard, _dtype_names(rule, dtype_parameters))}")
    return "\n".join(lines) + "\n"


def _dtype_names(rule: ConcreteRule, dtype_parameters: DtypeParameters | None) -> frozenset[str]:
    """The names a guard may compare that stand for dtypes: those the pattern passes for a
    dtype parameter, and the captures the replacement passes so."""
    if dtype_parameters is None:
        return frozenset()

    def passed(side: Side) -> set[str]:
        found: set[str] = set()

        def visit(value: Value) -> None:
            if not isinstance(value, OpCall):
                return
            positions = dtype_parameters(value) if value.op != LIST_CONSTRUCT else ()
            for index, arg in enumerate(value.args):
                if isinstance(arg, Name) and index in positions:
                    found.add(arg.name)
                visit(arg)

        for binding in side.bindings:
            visit(binding.value)
        for result in side.results:
            visit(result)
        return found

    bound = {target.name for binding in rule.replacement.bindings for target in binding.targets}
    return frozenset(passed(rule.pattern) | (passed(rule.replacement) - bound))


def format_value(value: Value, dtype_parameters: DtypeParameters | None = None, is_dtype: bool = False) -> str:
    """A value in surface syntax; `is_dtype`: an int literal is written as its dtype name (see
    `format_rule` for `dtype_parameters`)."""
    if isinstance(value, Name):
        return value.name
    if isinstance(value, Const):
        return format_constant(value.kind, value.value, is_dtype)
    if value.op == LIST_CONSTRUCT:
        return f"[{', '.join(format_value(a, dtype_parameters) for a in value.args)}]"
    op = value.op + (f".{value.overload}" if value.overload else "")
    positions = dtype_parameters(value) if dtype_parameters else ()
    return f"{op}({', '.join(format_value(a, dtype_parameters, i in positions) for i, a in enumerate(value.args))})"


def format_constant(kind: str, value, is_dtype: bool = False) -> str:
    if kind == "bool":
        return "true" if value else "false"
    if kind == "none":
        return "None"
    if kind == "str":
        return f'"{value}"'
    if kind == "int_list":
        return "[" + ", ".join(str(v) for v in value) + "]"
    if is_dtype and kind == "int" and value in DTYPE_NAMES:
        return DTYPE_NAMES[value]
    return repr(value)


def format_guard(guard: ast.Guard, dtype_names: Collection[str] = ()) -> str:
    """A guard in surface syntax; a comparison of a name of `dtype_names` (a value passed for a
    dtype parameter) with an int is written with the dtype's name."""
    if isinstance(guard, ast.GuardBool):
        if guard.op == "not":
            return f"not {_guard_operand(guard.items[0], dtype_names)}"
        return f" {guard.op} ".join(_guard_operand(g, dtype_names) for g in guard.items)
    if isinstance(guard, ast.GuardCompare):
        sign = "==" if guard.op == "eq" else "!="
        value = format_constant(guard.value.kind, guard.value.value, guard.var.plain in dtype_names)
        return f"{guard.var.plain} {sign} {value}"
    return f"{guard.name.plain}({', '.join(a.plain for a in guard.args)})"


def _guard_operand(guard: ast.Guard, dtype_names: Collection[str]) -> str:
    text = format_guard(guard, dtype_names)
    return f"({text})" if isinstance(guard, ast.GuardBool) and guard.op != "not" else text
