"""Concrete rules -> resolved rules: each call's operator overload, picked once.

For every call this stage finds the overloads that fit (the named one, or any with the
call's argument and output counts) and then the types every value can have, so that
each call ends with the overloads its arguments' types and its uses allow. Types follow
torch's IR (`qdsl.jit_types`): a literal has its kind, a call result its overload's
return type, and a capture the types all its uses accept, in the pattern and the
replacement alike.

A pattern call matches a node of its kind whatever overload the node has; unless it
names an overload, it is typed by the default (unnamed) overload when that one fits
its arguments, as graph-mode quantization's graphs hold those (`quantize_per_tensor(x,
float scale, int zero_point, ScalarType dtype)`), else by the overloads without `Any`
or type variables (`dequantize.self`, not `dequantize.any`), else by every overload
that fits. A replacement call is a new node, whose overload torch picks from its
inputs' types: any fitting overload will do. A call that no overload accepts is an
error at the argument that does not fit, naming the use that gave it its type
(`qdsl.typing_solver`).

Diagnostics are left to the check stage; lowering emits from the resolved calls.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..ops import registry
from ..diagnostics import Diagnostic, SourceLocation
from ..lang.concrete import ConcreteRule, OpCall, Side, Value
from ..ops.types import TypeSet
from .typing_solver import Solution, solve

MAX_SUGGESTIONS = 20
"""Unknown operators per file that get a 'did you mean' (each costs a fuzzy search over
torch's ~3,000 operator names, so a file of thousands of typos would take minutes)."""


@dataclass(frozen=True)
class ResolvedCall(OpCall):
    """An `OpCall` with the overload it was resolved to, and its values' types."""

    schema: object = field(compare=False)
    """The overload the call stands for (a `torch._C.FunctionSchema`): the default one when
    it is among `overloads`, else the first of them. Its parameter names name the call's
    constants in the IR."""
    overloads: tuple = field(compare=False)
    """Every overload the argument and result types allow, in registry order."""
    argument_types: tuple[TypeSet, ...] = field(compare=False)
    """What each argument can be."""
    result_types: tuple[TypeSet, ...] = field(compare=False)
    """What each result can be."""


@dataclass(frozen=True)
class ResolvedRule:
    """A concrete rule whose calls are `ResolvedCall`s, and what resolving found wrong."""

    rule: ConcreteRule
    """The rule; a call that does not resolve stays a plain `OpCall`."""
    problems: tuple[Diagnostic, ...]
    """Errors and warnings (without source lines; the check stage reports them)."""
    captures: dict[str, TypeSet]
    """The types each capture can have."""


class Resolver:
    """Resolves the rules of one file (the 'did you mean' budget is per file)."""

    def __init__(self, text: str):
        self.text = text
        self.suggestions_left = MAX_SUGGESTIONS

    def resolve(self, rule: ConcreteRule) -> ResolvedRule:
        problems: list[Diagnostic] = []
        shapes = _CallShapes(self, problems)
        for side, in_pattern in ((rule.pattern, True), (rule.replacement, False)):
            shapes.side(side, in_pattern)
        solution = solve(rule, shapes.fitting, problems, self.text)
        resolved = _Rebuild(solution).rule(rule)
        return ResolvedRule(resolved, tuple(problems), solution.captures)


class _CallShapes:
    """The overloads each call's counts allow; errors for calls that none fits."""

    def __init__(self, resolver: Resolver, problems: list[Diagnostic]):
        self.resolver = resolver
        self.problems = problems
        self.fitting: dict[int, tuple] = {}
        """id(call) -> overloads fitting its counts (calls that none fits are absent)."""

    def side(self, side: Side, in_pattern: bool) -> None:
        for binding in side.bindings:
            if isinstance(binding.value, OpCall):
                self.call(binding.value, len(binding.targets), in_pattern)
        for result in side.results:
            self.value(result, in_pattern)

    def value(self, value: Value, in_pattern: bool) -> None:
        if isinstance(value, OpCall):
            self.call(value, 1, in_pattern)

    def call(self, call: OpCall, outputs: int, in_pattern: bool) -> None:
        for arg in call.args:
            self.value(arg, in_pattern)
        overloads = registry.overloads(call.op, len(call.args))
        if not overloads:
            self._unknown(call)
            return
        shown = _shown(call)
        if call.overload is not None:
            overloads = tuple(s for s in overloads if s.overload_name == call.overload)
            if not overloads:
                names = ", ".join(s.overload_name or "(default)" for s in registry.schemas_for(call.op))
                self._fail(call.span, f"operator '{call.op}' has no overload '{call.overload}'; it has: {names}")
                return
        count = len(call.args)
        counted = [s for s in overloads if registry.fits(s, count)]
        if not counted:
            ranges = sorted({_arity(s) for s in overloads}, key=lambda r: (len(r), r))
            self._fail(call.span, f"wrong number of arguments for '{shown}': {count} given, but it takes "
                       f"{' or '.join(ranges)}")
            return
        fitting = registry.fitting(call.op, call.overload, count, outputs)
        if not fitting:
            returns = sorted({len(s.returns) for s in counted})
            numbers = " or ".join(str(r) for r in returns)
            if outputs == 1:
                message = (f"'{shown}' returns {numbers} values here; bind them to names "
                           f"('a, b = {call.op}(...)')")
            else:
                message = f"'{shown}' returns {numbers} value{'s' if returns != [1] else ''}, but {outputs} names are bound"
            self._fail(call.span, message)
            return
        if not in_pattern:
            complete = tuple(s for s in fitting if len(s.arguments) == count)
            if not complete:
                self._incomplete(call, fitting[0])
                return
            fitting = complete
        self.fitting[id(call)] = fitting

    def _incomplete(self, call: OpCall, schema) -> None:
        """A node that leaves out defaulted arguments matches no overload in TorchScript IR."""
        missing = ", ".join(f"{a.name}={_default(a)}" for a in schema.arguments[len(call.args):])
        self._fail(call.span, f"'{_shown(call)}' is given {len(call.args)} of its {len(schema.arguments)} "
                   f"arguments; a node the replacement makes must carry every argument (TorchScript IR has "
                   f"no defaults); missing, with their defaults: {missing}")

    def _unknown(self, call: OpCall) -> None:
        close: tuple[str, ...] = ()
        if self.resolver.suggestions_left > 0:
            self.resolver.suggestions_left -= 1
            close = registry.close_operator_names(call.op)
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        self._fail(call.span, f"unknown operator '{call.op}'{hint}")

    def _fail(self, location: SourceLocation, message: str) -> None:
        self.problems.append(Diagnostic(location, message))


class _Rebuild:
    """The rule again, each resolved call a `ResolvedCall` (args rebuilt first)."""

    def __init__(self, solution: Solution):
        self.solution = solution

    def rule(self, rule: ConcreteRule) -> ConcreteRule:
        return replace(rule, pattern=self.side(rule.pattern), replacement=self.side(rule.replacement))

    def side(self, side: Side) -> Side:
        bindings = tuple(replace(b, value=self.value(b.value, len(b.targets))) for b in side.bindings)
        return replace(side, bindings=bindings, results=tuple(self.value(r) for r in side.results))

    def value(self, value: Value, outputs: int = 1) -> Value:
        if not isinstance(value, OpCall):
            return value
        args = tuple(self.value(a) for a in value.args)
        typed = self.solution.calls.get(id(value))
        if typed is None:
            return replace(value, args=args)
        return ResolvedCall(value.op, value.overload, args, value.span, typed.schema, typed.overloads,
                            typed.argument_types, typed.result_types, macro=value.macro)


def _shown(call: OpCall) -> str:
    return call.op + (f".{call.overload}" if call.overload else "")


def _default(argument) -> str:
    value = argument.default_value
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "None"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def _arity(schema) -> str:
    low, high = registry.required_count(schema), len(schema.arguments)
    return str(low) if low == high else f"{low} to {high}"

