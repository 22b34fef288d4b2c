"""Messages for a call no overload fits: which argument, what it must be, what it is, and
which use gave a variable its type (the resolve stage's type errors)."""

from __future__ import annotations

from typing import Any, Protocol, Sequence

from ..diagnostics import Diagnostic, source_line
from ..lang.concrete import Const, OpCall, format_value
from ..lang.syntax import DTYPES
from ..ops import types as jit_types
from ..ops.registry import LIST_CONSTRUCT
from ..ops.types import TypeSet



class SolverState(Protocol):
    """What the messages read of the type solver (`typing_solver`) after propagation."""

    calls: Sequence[Any]
    """Per call: `call` (the OpCall), `fitting` overloads, `candidates` left, `inputs`, `outputs`."""
    types: list[TypeSet]
    """Each variable's types now."""
    labels: list[str]
    """How messages name each variable."""
    history: list[list[tuple[TypeSet, str]]]
    """Each variable's narrowings, with the use that made each."""
    text: str
    """The rule file's text."""

    def mismatches(self, call: Any, schema: Any) -> list[tuple[str, int]]: ...

    def accepted(self, parameter: Any) -> TypeSet: ...

    def type_of(self, ref: int | TypeSet) -> TypeSet: ...


def call_problems(solver: SolverState, failed: list[int]) -> list[Diagnostic]:
    """One diagnostic per argument (or result) of each failed call that the closest
    overload does not accept."""
    problems = []
    for index in failed:
        call = solver.calls[index]
        options = [call.fitting[i] for i in call.candidates]
        best = min(options, key=lambda s: (len(solver.mismatches(call, s)), s.overload_name != ""))
        shown = call.call.op + (f".{best.overload_name}" if best.overload_name else "")
        for where, position in solver.mismatches(call, best):
            if where == "input":
                problems.append(_argument_problem(solver, call, best, shown, position))
            else:
                var = call.outputs[position]
                returned = jit_types.describe(best.returns[position].type)
                used = origin(solver, var, jit_types.exactly(best.returns[position].type))
                problems.append(Diagnostic(call.call.span, f"'{shown}' returns {returned}, but "
                                           f"{solver.labels[var]} must be {solver.types[var].describe()}{used}"))
    return problems


def _argument_problem(solver: SolverState, call: Any, schema, shown: str, position: int) -> Diagnostic:
    parameter = schema.arguments[position]
    expected = jit_types.describe_parameter(parameter)
    arg = call.call.args[position]
    ref = call.inputs[position]
    head = f"argument {position + 1} '{parameter.name}' of '{shown}' must be {expected}"
    if isinstance(arg, Const):
        found = _literal(solver, arg, parameter)
    elif isinstance(arg, OpCall) and arg.op == LIST_CONSTRUCT:
        found = f"the list {format_value(arg)} is {solver.type_of(ref).describe()}"
    elif isinstance(arg, OpCall):
        shown_arg = arg.op + (f".{arg.overload}" if arg.overload else "")
        found = f"'{shown_arg}' returns {solver.type_of(ref).describe()}"
    elif isinstance(ref, TypeSet):
        found = f"'{arg.name}' is bound to a literal of type {ref.describe()}"
    elif ref in call.inputs[:position] and not solver.types[ref].meet(solver.accepted(parameter.type)).is_empty:
        earlier = call.inputs.index(ref)
        other = schema.arguments[earlier]
        found = (f"{solver.labels[ref]} is also argument {earlier + 1} '{other.name}', which must be "
                 f"{jit_types.describe_parameter(other)}")
    else:
        found = f"{solver.labels[ref]} is {solver.type_of(ref).describe()}{origin(solver, ref, solver.accepted(parameter.type))}"
    return Diagnostic(arg.span, f"{head}, but {found}")


def _literal(solver: SolverState, const: Const, parameter) -> str:
    span = const.span
    written = source_line(solver.text, span.line)[span.column - 1:span.end_column - 1] \
        if span.line == span.end_line else ""
    if written in DTYPES:
        return f"the dtype name '{written}' is the int {const.value}"
    shown = written or repr(const.value)
    found = f"the literal {shown} is {jit_types.literal(const.kind).describe()}"
    if const.kind == "int" and _takes(solver, "float", parameter):
        found += f" (write {const.value}.0 for a float)"
    elif const.kind == "int" and _takes(solver, "int_list", parameter):
        found += f" (write [{', '.join([str(const.value)] * (parameter.N or 1))}] for a list)"
    return found


def _takes(solver: SolverState, kind: str, parameter) -> bool:
    return not jit_types.literal(kind).meet(solver.accepted(parameter.type)).is_empty


def origin(solver: SolverState, var: int, expected: TypeSet) -> str:
    """` (its use as ...)`: the first narrowing of `var` that left nothing `expected` allows."""
    for narrowed, origin in solver.history[var]:
        if narrowed.meet(expected).is_empty:
            return f" ({origin})"
    return ""
