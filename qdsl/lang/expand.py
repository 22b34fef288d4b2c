"""AST -> concrete rules: stage and engines headers, families, operand orders, limits.

Each concrete rule's sides are built by `bodies` (interpolation, macros, short forms,
markers, `...`). Every concrete rule names full ops (`ns::name`), plain variable names, and no
`none`-dropped calls; later stages never see a family variable, a macro or a
`commutative` call (each order of its operands is a rule of its own).
"""

from __future__ import annotations

import difflib
import itertools
from typing import Mapping

from ..diagnostics import Diagnostic, SourceLocation, source_line
from . import syntax as ast
from .bodies import ParameterNames, TooLarge, expand_sides, interpolated, is_name
from .concrete import ConcreteRule, match_shape
from .macros import ImportedFiles, macro_scopes
from .syntax import ALL_ENGINES, ENGINES

MAX_EXPANSIONS = 10_000
"""Most concrete rules one rule definition may make (the product of its choice lists and
operand orders)."""
StageNames = Mapping[tuple[str, ...], bool]
"""The stage headers the backends declare, spelled as words, each with whether its rules
may mark calls `fold` (see `qdsl.core.backend`)."""


def expand(module: ast.Module, imported: ImportedFiles, stages: StageNames,
           parameters: ParameterNames) -> tuple[list[ConcreteRule], list[Diagnostic]]:
    """All concrete rules of a module, and the diagnostics found while expanding.

    `imported` is what `macros.load_imports(module)` returns (when an import failed, no
    rule is expanded); `stages` the stage headers rules may be under; `parameters` the
    operators' parameter names `...` stands for.
    """
    if imported.diagnostics:
        return [], list(imported.diagnostics)
    return _Expander(module, imported, stages, parameters).run()


class _Expander:
    def __init__(self, module: ast.Module, imported: ImportedFiles, stages: StageNames, parameters: ParameterNames):
        self.module = module
        self.stages = stages
        self.parameters = parameters
        self.texts = {m.filename: m.text for m in (module, *imported.modules)}
        self.scopes, self.diagnostics, self.import_failed = macro_scopes(module, imported)
        self.engines: tuple[str, ...] = ()
        """The engines of the last `engines` header above the rule being expanded."""

    def fail(self, location: SourceLocation, message: str) -> None:
        text = self.texts.get(location.filename, self.module.text)
        self.diagnostics.append(Diagnostic(location, message, source_line=source_line(text, location.line)))

    def run(self) -> tuple[list[ConcreteRule], list[Diagnostic]]:
        if self.import_failed:
            return [], self.diagnostics
        rules: list[ConcreteRule] = []
        stage = None
        for item in self.module.items:
            if isinstance(item, ast.Stage):
                stage = self._stage(item)
            elif isinstance(item, ast.Engines):
                self.engines = self._engines(item)
            elif isinstance(item, ast.RuleDef):
                if stage is None:
                    self.fail(item.name.span, f"rule '{item.name.written()}' comes before any stage header "
                              f"(write one of {self._known_stages()} above it)")
                    stage = ()
                if stage:
                    rules.extend(self._rule(item, stage))
        return rules, self.diagnostics

    def _stage(self, stage: ast.Stage) -> tuple[str, ...]:
        """The header's words, or () for an unknown stage."""
        words = stage.words
        if words not in self.stages:
            self.fail(stage.name.span, f"unknown stage '{' '.join(words)}': expected {self._known_stages()}")
            return ()
        return words

    def _engines(self, header: ast.Engines) -> tuple[str, ...]:
        """The header's engines, () for `engines all`; errors name the known engines."""
        names = [ident.written() for ident in header.names]
        seen: set[str] = set()
        for ident, name in zip(header.names, names):
            if name == ALL_ENGINES:
                if len(names) > 1:
                    self.fail(ident.span, f"'{ALL_ENGINES}' stands alone in an engines header (it lifts the restriction)")
            elif name not in ENGINES:
                close = difflib.get_close_matches(name, ENGINES, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                self.fail(ident.span, f"unknown quantized engine '{name}'{hint} (the engines are "
                          f"{', '.join(ENGINES)}, or {ALL_ENGINES})")
            elif name in seen:
                self.fail(ident.span, f"engine '{name}' is listed twice")
            seen.add(name)
        return () if names == [ALL_ENGINES] else tuple(name for name in dict.fromkeys(names) if name in ENGINES)

    def _known_stages(self) -> str:
        return ", ".join(f"'stage {' '.join(words)}'" for words in self.stages)

    def _rule(self, rule: ast.RuleDef, stage: tuple[str, ...]) -> list[ConcreteRule]:
        variables: list[str] = []
        for family in rule.families:
            var = family.var.plain
            if var is None or not is_name(var):
                self.fail(family.var.span, f"'{family.var.written()}' is not a valid family variable name")
                return []
            if var in variables:
                self.fail(family.var.span, f"family variable '{var}' is listed twice")
                return []
            variables.append(var)
        choice_lists = [[c.text for c in f.choices] for f in rule.families]
        count = 1
        for choices in choice_lists:
            count *= len(choices)
        if count > MAX_EXPANSIONS:
            self.fail(rule.families[0].span, f"rule '{rule.name.written()}' would make {count} rules; "
                      f"a rule definition may make at most {MAX_EXPANSIONS}")
            return []
        concrete = []
        before = len(self.diagnostics)
        for combination in itertools.product(*choice_lists):
            env = dict(zip(variables, combination))
            try:
                made = self._orders(rule, stage, env, count)
            except TooLarge as error:
                self.fail(error.location, error.message)
            if len(self.diagnostics) > before:
                break
            concrete.extend(made)
        return concrete

    def _orders(self, rule: ast.RuleDef, stage, env, count: int) -> list[ConcreteRule]:
        """The written order of the rule, then each other order of its commutative calls'
        operands (the first marked call varying slowest) that matches other graphs."""
        name = self._name(rule.name, env, "rule name") or ""
        before = len(self.diagnostics)
        written, commutative_calls = self._concrete(rule, stage, env, name, frozenset())
        marked = len(commutative_calls)
        if len(self.diagnostics) > before or not marked:
            return [written]
        if count << marked > MAX_EXPANSIONS:
            raise TooLarge(commutative_calls[0], f"rule '{rule.name.written()}' would make {count << marked} "
                           f"rules ({marked} commutative calls); a rule definition may make at most {MAX_EXPANSIONS}")
        made, shapes = [written], {match_shape(written)}
        for swaps in itertools.product((False, True), repeat=marked):
            swapped = frozenset(index for index, swap in enumerate(swaps) if swap)
            if swapped:
                suffix = "_swap" + "_".join(str(index + 1) for index in sorted(swapped))
                order, _ = self._concrete(rule, stage, env, name + suffix, swapped)
                if match_shape(order) not in shapes:
                    shapes.add(match_shape(order))
                    made.append(order)
        return made

    def _concrete(self, rule: ast.RuleDef, stage, env, name: str,
                  swapped: frozenset[int]) -> tuple[ConcreteRule, tuple[SourceLocation, ...]]:
        """One concrete rule, and the commutative calls of its pattern."""
        sides = expand_sides(rule, env, scopes=self.scopes, filename=self.module.filename,
                             parameters=self.parameters, folds_allowed=self.stages[stage], swapped=swapped,
                             fail=self.fail)
        rule_made = ConcreteRule(name, rule.name.written(), stage, sides.pattern, sides.guard,
                                 sides.replacement, rule.name.span, sides.folds, self.engines)
        return rule_made, sides.commutative_calls

    def _name(self, ident: ast.Ident, env, what: str) -> str | None:
        return interpolated(ident, env, what, self.fail)
