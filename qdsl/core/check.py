"""Resolved rules -> diagnostics.

Finds every error of a file at once: what resolving the calls found (unknown ops and
overloads, arity, output counts, argument types), variable scoping, result counts,
duplicate names, guard variables and predicates. Warns about a file without rules and
about a macro named like an aten operator (it hides the operator in its file).
What depends on a backend's matching semantics is its compiler hooks' to say.
"""

from __future__ import annotations

import difflib
from typing import Mapping

from ..lang import syntax as ast
from ..diagnostics import Diagnostic, SourceLocation, source_line
from ..lang.concrete import Bind, ConcreteRule, Name, OpCall, Side, Value, names_in
from ..ops import registry
from .resolve import ResolvedRule


Arguments = tuple[int, "int | None"]
"""How many arguments a predicate takes: (least, most or None for any)."""


def check(module: ast.Module, resolved: list[ResolvedRule],
          predicates: Mapping[tuple[str, ...], Mapping[str, Arguments]]) -> list[Diagnostic]:
    """Diagnostics (errors and warnings) for the resolved rules of one parsed file;
    `predicates` names, per stage, the predicates its guards may call and their arguments."""
    checker = _Checker(module.text, predicates)
    for item in module.items:
        name = item.name.plain if isinstance(item, ast.MacroDef) else None
        if name and registry.schemas_for(f"aten::{name}"):
            checker.fail(item.name.span, f"macro '{name}' hides the operator aten::{name}: in this file "
                         f"`{name}(...)` expands the macro; write `aten::{name}(...)` for the operator", "warning")
    if not any(isinstance(item, ast.RuleDef) for item in module.items):
        macros = any(isinstance(item, ast.MacroDef) for item in module.items)
        checker.fail(SourceLocation(module.filename, 1, 1, 1, 1), "the file defines no rules"
                     f"{' (only macros)' if macros else ''}: as rules it changes nothing", "warning")
    first_of: dict[str, ConcreteRule] = {}
    for resolution in resolved:
        rule = resolution.rule
        checker.where = ""
        first = first_of.setdefault(rule.name, rule)
        if first is not rule and first.location == rule.location:
            checker.fail(rule.location, f"family '{rule.family}' makes the rule name '{rule.name}' more "
                         "than once; put every family variable that varies into the name")
        elif first is not rule:
            checker.fail(rule.location, f"duplicate rule name '{rule.name}' (first defined at {first.location})")
        checker.rule(rule)
        for problem in resolution.problems:
            checker.fail(problem.location, problem.message, problem.severity)
    return checker.diagnostics


class _Checker:
    def __init__(self, text: str, predicates: Mapping[tuple[str, ...], Mapping[str, Arguments]]):
        self.text = text
        self.predicates = predicates
        self.diagnostics: list[Diagnostic] = []
        self.reported: set[tuple] = set()
        self.where = ""

    def fail(self, location: SourceLocation, message: str, severity: str = "error") -> None:
        """Record a diagnostic once, although every expansion of a family is checked."""
        if (location, message, severity) in self.reported:
            return
        self.reported.add((location, message, severity))
        self.diagnostics.append(Diagnostic(location, message + self.where, severity,
                                           source_line(self.text, location.line)))

    def rule(self, rule: ConcreteRule) -> None:
        self.where = f" (in rule '{rule.name}')" if rule.name != rule.family else ""
        pattern_bound = self._bound_names(rule.pattern)
        captures = self._side(rule.pattern, pattern_bound)
        if not any(isinstance(v, OpCall) for v in (*rule.pattern.results, *(b.value for b in rule.pattern.bindings))):
            self.fail(rule.pattern.span, "a pattern must contain at least one operator call")
        self._unused_bindings(rule.pattern)
        self._replacement(rule.replacement, captures, pattern_bound)
        if len(rule.pattern.results) != len(rule.replacement.results):
            self.fail(rule.replacement.span, f"the pattern has {len(rule.pattern.results)} result"
                      f"{'s' if len(rule.pattern.results) != 1 else ''} but the replacement has "
                      f"{len(rule.replacement.results)}")
        if rule.guard is not None:
            self._guard(rule.guard, set(captures) | set(pattern_bound), self.predicates.get(rule.stage, {}))

    def _bound_names(self, side: Side) -> dict[str, Name]:
        bound: dict[str, Name] = {}
        for binding in side.bindings:
            for target in binding.targets:
                if target.name in bound:
                    self.fail(target.span, f"'{target.name}' is bound twice (first at {bound[target.name].span})")
                else:
                    bound[target.name] = target
        return bound

    def _side(self, side: Side, bound: dict[str, Name]) -> dict[str, Name]:
        """Check one side's calls and scoping; return the captures (pattern side)."""
        captures: dict[str, Name] = {}
        defined: set[str] = set()
        for binding in side.bindings:
            self._binding(binding)
            self._uses(binding.value, bound, defined, captures)
            defined.update(t.name for t in binding.targets)
        for result in side.results:
            self._value(result)
            self._uses(result, bound, defined, captures)
        return captures

    def _uses(self, value: Value, bound, defined, captures) -> None:
        for name in names_in(value):
            if name.name in bound and name.name not in defined:
                self.fail(name.span, f"'{name.name}' is used before its binding")
            elif name.name not in bound:
                captures.setdefault(name.name, name)

    def _unused_bindings(self, side: Side) -> None:
        used = {n.name for v in (*side.results, *(b.value for b in side.bindings)) for n in names_in(v)}
        for binding in side.bindings:
            if not any(t.name in used for t in binding.targets):
                names = ", ".join(t.name for t in binding.targets)
                self.fail(binding.span, f"'{names}' is bound but never used; every pattern node must lead to "
                          "the result (torch's SubgraphRewriter fails on a dead pattern node)")

    def _replacement(self, side: Side, captures: dict[str, Name], pattern_bound) -> None:
        defined: set[str] = set()
        for binding in side.bindings:
            self._binding(binding)
            self._replacement_uses(binding.value, captures, pattern_bound, defined)
            for target in binding.targets:
                if target.name in captures:
                    self.fail(target.span, f"'{target.name}' is a capture of the pattern; a replacement "
                              "binding needs another name")
                elif target.name in defined:
                    self.fail(target.span, f"'{target.name}' is bound twice")
                defined.add(target.name)
        for result in side.results:
            self._value(result)
            self._replacement_uses(result, captures, pattern_bound, defined)

    def _replacement_uses(self, value: Value, captures, pattern_bound, defined) -> None:
        for name in names_in(value):
            if name.name in captures or name.name in defined:
                continue
            if name.name in pattern_bound:
                self.fail(name.span, f"'{name.name}' is bound inside the pattern; a replacement can use only "
                          "the pattern's captures and its own bindings")
                continue
            close = difflib.get_close_matches(name.name, [*captures, *defined], n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            self.fail(name.span, f"unbound variable '{name.name}' in the replacement: it is not a capture "
                      f"of the pattern nor bound above{hint}")

    def _binding(self, binding: Bind) -> None:
        value = binding.value
        if not isinstance(value, OpCall):
            if len(binding.targets) != 1:
                self.fail(binding.span, f"{len(binding.targets)} names bound to a single value")
            self._value(value)
            return
        self._call(value)

    def _value(self, value: Value) -> None:
        if isinstance(value, OpCall):
            self._call(value)

    def _call(self, call: OpCall) -> None:
        for arg in call.args:
            self._value(arg)

    def _predicate_arguments(self, call: ast.GuardPredicate, taken: Arguments) -> None:
        least, most = taken
        given = len(call.args)
        if least <= given and (most is None or given <= most):
            return
        wanted = str(least) if least == most else f"at least {least}" if most is None else f"{least} to {most}"
        self.fail(call.span, f"predicate '{call.name.plain}' takes {wanted} argument{'s' * (wanted != '1')}, "
                             f"{given} given")

    def _guard(self, guard: ast.Guard, names: set[str], predicates: Mapping[str, Arguments]) -> None:
        if isinstance(guard, ast.GuardBool):
            for item in guard.items:
                self._guard(item, names, predicates)
            return
        variables = (guard.var,) if isinstance(guard, ast.GuardCompare) else guard.args
        if isinstance(guard, ast.GuardPredicate):
            name = guard.name.plain
            if name not in predicates:
                close = difflib.get_close_matches(name or "", sorted(predicates), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                self.fail(guard.name.span, f"unknown predicate '{guard.name.written()}'{hint} (the backend's "
                          "builtins and those passed to the compiler as `predicates` can be called)")
            else:
                self._predicate_arguments(guard, predicates[name])
        for var in variables:
            if var.plain not in names:
                self.fail(var.span, f"the guard names '{var.plain}', which is not a variable of the pattern")
