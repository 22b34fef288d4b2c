"""The resolve stage's type inference: the types of a rule's values and its calls' overloads.

Every value is a variable holding a `TypeSet` (a literal is a fixed set); every call is a
constraint between its arguments, its results and its remaining overloads. Propagation
(arc consistency) keeps only the overloads that accept some type of each argument and
return some type each use accepts, and narrows each value to what the remaining
overloads allow, until nothing changes. In order:

1. the pattern's calls, alone: what the graph's nodes can be;
2. the pattern's preferred overloads: each pattern call is narrowed to its default
   overload, else to its overloads without type variables, where that keeps every call
   satisfiable (else it keeps all);
3. the guard: `x == literal` as a top-level conjunct makes `x` the literal's type;
4. the replacement's calls, which must take the captures as the pattern typed them.

A call left with no overload is an error at each argument (or result) that the closest
overload does not accept (`type_errors`); the message names the use that gave a variable
its type. A
guard comparison with a literal of a type its variable cannot have is a warning.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Callable

from ..ops import types as jit_types
from ..lang import syntax as ast
from ..diagnostics import Diagnostic
from ..lang.concrete import ConcreteRule, Const, Name, OpCall, Side, Value, format_guard
from ..ops.types import ANY, TypeSet
from .type_errors import call_problems

Ref = int | TypeSet
"""An argument: a variable's index, or a literal's fixed set."""


@dataclass
class _Call:
    """Solver state of one call."""

    call: OpCall
    in_pattern: bool
    fitting: tuple
    """The overloads its counts allow (`torch._C.FunctionSchema`s, registry order)."""
    inputs: list[Ref]
    outputs: list[int]
    candidates: tuple[int, ...]
    """Indices into `fitting` still possible."""
    active: bool = False
    failed: bool = False


@dataclass(frozen=True)
class CallTypes:
    """What type inference found for one call."""

    schema: object
    """The overload it stands for: the default one if it is among `overloads`, else the first."""
    overloads: tuple
    """The overloads its argument and result types allow, in registry order."""
    argument_types: tuple[TypeSet, ...]
    """What each argument can be."""
    result_types: tuple[TypeSet, ...]
    """What each result can be."""


@dataclass(frozen=True)
class Solution:
    """What type inference found."""

    calls: dict[int, CallTypes]
    """id(call) -> its types, for every call that resolved (the rule keeps the calls alive)."""
    captures: dict[str, TypeSet] = field(default_factory=dict)
    """Each capture's possible types."""


def solve(rule: ConcreteRule, fitting: dict[int, tuple], problems: list[Diagnostic], text: str) -> Solution:
    """Infer the types of `rule` (whose calls' count-fitting overloads are `fitting`)."""
    solver = _Solver(fitting, text)
    pattern = solver.build(rule.pattern, in_pattern=True)
    replacement = solver.build(rule.replacement, in_pattern=False)
    solver.set_universe()
    for phase in (pattern, replacement):
        for call_index in phase:
            solver.calls[call_index].active = True
        problems.extend(call_problems(solver, solver.propagate(phase)))
        if phase is pattern:
            solver.prefer_defaults(pattern)
            if rule.guard is not None:
                solver.narrow_by_guard(rule.guard)
    if rule.guard is not None:
        problems.extend(solver.guard_warnings(rule.guard))
    return solver.solution()


class _Solver:
    def __init__(self, fitting: dict[int, tuple], text: str):
        self.fitting = fitting
        self.text = text
        self.types: list[TypeSet] = []
        self.labels: list[str] = []
        self.history: list[list[tuple[TypeSet, str]]] = []
        self.users: list[list[int]] = []
        self.calls: list[_Call] = []
        self.call_index: dict[int, int] = {}
        self.captures: dict[str, int] = {}
        self.pattern_names: dict[str, Ref] = {}
        """Names the pattern binds (a guard may name them as well as captures)."""
        self.universe: frozenset = frozenset()
        self.accepts: dict[tuple, TypeSet] = {}
        self.schema_parameters: dict[int, tuple[TypeSet, ...]] = {}
        """id(schema) -> `parameters(schema)` (the schemas live in `registry.schemas_for`'s cache)."""

    # ---- building ------------------------------------------------------------------

    def variable(self, label: str) -> int:
        self.types.append(ANY)
        self.labels.append(label)
        self.history.append([])
        self.users.append([])
        return len(self.types) - 1

    def build(self, side: Side, in_pattern: bool) -> list[int]:
        """Variables and calls of one side; the indices of its calls, inner calls first."""
        first = len(self.calls)
        bound: dict[str, Ref] = {}
        if in_pattern:
            self.pattern_names = bound
        for binding in side.bindings:
            value = binding.value
            if isinstance(value, OpCall):
                outputs = self.call(value, in_pattern, bound, len(binding.targets))
                for target, output in zip(binding.targets, outputs):
                    self.labels[output] = f"'{target.name}'"
                    bound[target.name] = output
            else:
                bound[binding.targets[0].name] = self.ref(value, in_pattern, bound)
        for result in side.results:
            self.ref(result, in_pattern, bound)
        return list(range(first, len(self.calls)))

    def ref(self, value: Value, in_pattern: bool, bound: dict[str, Ref]) -> Ref:
        if isinstance(value, Name):
            if value.name in bound:
                return bound[value.name]
            if value.name not in self.captures:
                self.captures[value.name] = self.variable(f"'{value.name}'")
            return self.captures[value.name]
        if isinstance(value, Const):
            return jit_types.literal(value.kind)
        return self.call(value, in_pattern, bound, 1)[0]

    def call(self, call: OpCall, in_pattern: bool, bound: dict[str, Ref], outputs: int) -> list[int]:
        known = self.call_index.get(id(call))
        if known is not None:  # one argument expression substituted twice by a macro
            return self.calls[known].outputs
        inputs = [self.ref(arg, in_pattern, bound) for arg in call.args]
        results = [self.variable(f"the result of '{call.op}' at {call.span}") for _ in range(outputs)]
        fitting = self.fitting.get(id(call))
        if fitting is None:
            return results
        index = len(self.calls)
        self.calls.append(_Call(call, in_pattern, fitting, inputs, results, tuple(range(len(fitting)))))
        self.call_index[id(call)] = index
        for ref in (*inputs, *results):
            if isinstance(ref, int):
                self.users[ref].append(index)
        return results

    def set_universe(self) -> None:
        """Every type the rule's overloads and literals mention (both sides, before any
        narrowing, so that no narrowed set misses a type a later use could share)."""
        atoms = set()
        for call in self.calls:
            for schema in call.fitting:
                for item in (*schema.arguments, *schema.returns):
                    atoms.update(jit_types.inhabitants(item.type))
            atoms.update(a for ref in call.inputs if isinstance(ref, TypeSet) for a in ref.atoms or ())
        self.universe = frozenset(atoms)

    # ---- propagation ---------------------------------------------------------------

    def parameters(self, schema) -> tuple[TypeSet, ...]:
        """What each parameter of `schema` accepts, of this rule's universe."""
        found = self.schema_parameters.get(id(schema))
        if found is None:
            found = self.schema_parameters[id(schema)] = tuple(self.accepted(a.type) for a in schema.arguments)
        return found

    def accepted(self, parameter) -> TypeSet:
        key = (parameter.kind(), parameter.annotation_str)
        if key not in self.accepts:
            self.accepts[key] = jit_types.accepted(parameter, self.universe)
        return self.accepts[key]

    def type_of(self, ref: Ref) -> TypeSet:
        return ref if isinstance(ref, TypeSet) else self.types[ref]

    def mismatches(self, call: _Call, schema) -> list[tuple[str, int]]:
        """("input"|"output", position) for every value `schema` cannot take or give (a
        variable passed twice must fit both parameters)."""
        found = []
        seen: dict[int, TypeSet] = {}
        for position, ref in enumerate(call.inputs):
            fits = self.type_of(ref).meet(self.parameters(schema)[position])
            if isinstance(ref, int):
                fits = seen[ref] = seen.get(ref, fits).meet(fits)
            if fits.is_empty:
                found.append(("input", position))
        found += [("output", p) for p, var in enumerate(call.outputs)
                  if self.types[var].meet(_results(schema)[p]).is_empty]
        return found

    def propagate(self, queue: list[int]) -> list[int]:
        """Narrow until stable from the calls in `queue`; return the calls left with no overload."""
        failed: list[int] = []
        waiting = deque(queue)
        queued = set(queue)
        while waiting:
            index = waiting.popleft()
            queued.discard(index)
            call = self.calls[index]
            if not call.active or call.failed:
                continue
            kept = tuple(i for i in call.candidates if not self.mismatches(call, call.fitting[i]))
            if not kept:
                call.failed = True
                failed.append(index)
                continue
            call.candidates = kept
            schemas = [call.fitting[i] for i in kept]
            shown = _shown(call.call, schemas)
            for position, ref in enumerate(call.inputs):
                if isinstance(ref, int):
                    allowed = _join(self.parameters(s)[position] for s in schemas)
                    origin = f"from its use as argument {position + 1} " \
                             f"'{schemas[0].arguments[position].name}' of '{shown}' at {call.call.span}"
                    self.narrow(ref, allowed, origin, index, waiting, queued)
            for position, var in enumerate(call.outputs):
                allowed = _join(_results(s)[position] for s in schemas)
                self.narrow(var, allowed, f"as the result of '{shown}' at {call.call.span}", index,
                            waiting, queued)
        return failed

    def narrow(self, var: int, allowed: TypeSet, origin: str, by: int, waiting: deque, queued: set) -> None:
        narrowed = self.types[var].meet(allowed)
        if narrowed == self.types[var]:
            return
        self.types[var] = narrowed
        self.history[var].append((narrowed, origin))
        for user in self.users[var]:
            if user != by and user not in queued and self.calls[user].active:
                waiting.append(user)
                queued.add(user)

    def prefer_defaults(self, pattern: list[int]) -> None:
        """Type each pattern call by its preferred overloads where that leaves every call
        satisfiable: the default one; else those that take and give no `Any` or type
        variable (`dequantize.self` rather than `dequantize.any`); else all."""
        for index in pattern:
            call = self.calls[index]
            if call.failed:
                continue
            default = tuple(i for i in call.candidates if call.fitting[i].overload_name == "")
            specific = tuple(i for i in call.candidates if not _generic(call.fitting[i]))
            for preferred in (default, specific):
                if preferred and preferred != call.candidates and self._try(index, preferred):
                    break

    def _try(self, index: int, candidates: tuple[int, ...]) -> bool:
        """Restrict a call to `candidates` and propagate; undo it all if a call fails."""
        saved = self._save()
        self.calls[index].candidates = candidates
        if not self.propagate([index]):
            return True
        self._restore(saved)
        return False

    def _save(self) -> tuple:
        return [*self.types], [list(h) for h in self.history], [(c.candidates, c.failed) for c in self.calls]

    def _restore(self, saved: tuple) -> None:
        self.types, self.history = saved[0], saved[1]
        for state, (kept, failed) in zip(self.calls, saved[2]):
            state.candidates, state.failed = kept, failed

    def guard_variable(self, name: str) -> Ref | None:
        return self.pattern_names.get(name, self.captures.get(name))

    def narrow_by_guard(self, guard: ast.Guard) -> None:
        """`x == literal` as a conjunct of the guard: where the rule fires, `x` is a constant
        of the literal's type (`qdsl.predicates.literal_equals`)."""
        conjuncts = guard.items if isinstance(guard, ast.GuardBool) and guard.op == "and" else (guard,)
        for part in conjuncts:
            if not isinstance(part, ast.GuardCompare) or part.op != "eq":
                continue
            var = self.guard_variable(part.var.plain)
            wanted = jit_types.literal(part.value.kind)
            if not isinstance(var, int) or self.types[var].meet(wanted).is_empty:
                continue
            saved = self._save()
            waiting, queued = deque(), set()
            self.narrow(var, wanted, f"by the guard `{format_guard(part)}` at {part.span}", -1, waiting, queued)
            if self.propagate(list(waiting)):
                self._restore(saved)

    def guard_warnings(self, guard: ast.Guard) -> list[Diagnostic]:
        """A comparison with a literal of a type the variable cannot have is constant."""
        if isinstance(guard, ast.GuardBool):
            return [w for item in guard.items for w in self.guard_warnings(item)]
        if not isinstance(guard, ast.GuardCompare):
            return []
        var = self.guard_variable(guard.var.plain)
        wanted = jit_types.literal(guard.value.kind)
        if var is None or not self.type_of(var).meet(wanted).is_empty:
            return []
        verdict = "never holds" if guard.op == "eq" else "always holds"
        return [Diagnostic(guard.span, f"`{format_guard(guard)}` {verdict}: '{guard.var.plain}' is "
                           f"{self.type_of(var).describe()}, the literal is {wanted.describe()}", "warning")]

    # ---- results -------------------------------------------------------------------

    def solution(self) -> Solution:
        calls = {}
        for call in self.calls:
            if call.failed:
                continue
            overloads = tuple(call.fitting[i] for i in call.candidates)
            schema = next((s for s in overloads if s.overload_name == ""), overloads[0])
            calls[id(call.call)] = CallTypes(schema, overloads, tuple(self.type_of(r) for r in call.inputs),
                                             tuple(self.types[v] for v in call.outputs))
        return Solution(calls, {name: self.types[var] for name, var in self.captures.items()})


def _shown(call: OpCall, overloads: list) -> str:
    """The op, with the overload its call is down to when that is a named one."""
    names = {s.overload_name for s in overloads}
    return call.op + (f".{names.pop()}" if len(names) == 1 and "" not in names else "")


_RESULTS: dict[int, tuple[object, tuple[TypeSet, ...]]] = {}
"""id(schema) -> (schema, `_results(schema)`): the entry keeps its schema alive, so that
the id cannot pass to another schema (`registry.forget` drops the registry's own)."""
_GENERIC: dict[int, tuple[object, bool]] = {}
"""id(schema) -> (schema, `_generic(schema)`), likewise."""


def _per_schema(cache: dict, schema, compute: Callable):
    """`compute(schema)`, made once per schema object."""
    entry = cache.get(id(schema))
    if entry is None or entry[0] is not schema:
        entry = cache[id(schema)] = (schema, compute(schema))
    return entry[1]


def _results(schema) -> tuple[TypeSet, ...]:
    """The static type of each result of an overload."""
    return _per_schema(_RESULTS, schema, lambda s: tuple(jit_types.exactly(r.type) for r in s.returns))


def _generic(schema) -> bool:
    """The overload takes or gives a type variable or `Any`."""
    return _per_schema(_GENERIC, schema,
                       lambda s: any(jit_types.is_wildcard(i.type) for i in (*s.arguments, *s.returns)))


def _join(sets) -> TypeSet:
    result: TypeSet | None = None
    for item in sets:
        result = item if result is None else result.join(item)
    return result if result is not None else ANY
