"""The rule model: what the compiler produces and every backend consumes.

Plain frozen data, importing neither torch, lark nor jinja, so that the generated
modules and the engines load without the compiler. A rule carries its provenance (where
it was written, its expansion, the hash of its source) so that no tool re-reads sources
to find where a rule came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterator, Mapping

from ..diagnostics import Diagnostic, InputError, RuleError, SourceLocation
from .guards import Guard, Predicate
from .patterns import PatternGraph


@dataclass(frozen=True, order=True)
class Stage:
    """A pass of a backend's driver that applies rules, e.g. TorchScript's `fusion static`.

    A `.qpat` file selects one with its `stage` header, spelled as `words`; backends
    declare their stages (see `qdsl.core.backend`).
    """

    backend: str
    """The backend whose driver runs the stage (`torchscript`, `pt2e`)."""
    words: tuple[str, ...]
    """The stage header's words, e.g. `("fusion", "static")`."""

    def __str__(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class Provenance:
    """Where a rule came from, carried with it through compilation and generated modules."""

    location: SourceLocation
    """The rule's name in its header."""
    family: str
    """The rule name as written, before family expansion (`conv{d}{act:_}{act}`)."""
    expansion: str
    """The concrete rule in `.qpat` syntax (families, macros and short forms expanded)."""
    source_sha256: str
    """sha256 of the source text compiled; a file with another hash is not this rule's source."""
    shipped: bool = False
    """One of qdsl's packaged rules, which the test suite proves against torch (engines
    trust them: no lint after their rewrites)."""


@dataclass(frozen=True)
class Rule:
    """One concrete rewrite rule (one expansion of a family)."""

    name: str
    """Unique in its rule set, e.g. `conv2d_relu_`."""
    stage: Stage
    """The driver pass that applies it."""
    pattern: PatternGraph
    """What it matches."""
    replacement: PatternGraph
    """What a match becomes; its captures are a subset of the pattern's."""
    guard: Guard | None
    """Evaluated on each candidate match; None when the rule has no `where` clause."""
    provenance: Provenance
    """Where the rule was written."""
    folds: tuple[str, ...] = ()
    """The ops of replacement calls marked `fold`: the driver computes their results once,
    when their inputs are constants, and stores them (TorchScript: prepack ops)."""
    renderings: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    """Backend-specific texts made at compile time, e.g. `("torchscript.pattern", ir)`;
    a backend renders what is missing itself."""
    engines: tuple[str, ...] = ()
    """The quantized engines (`torch.backends.quantized.engine`) the rule is valid for, from
    its file's `engines` header; () for every engine."""

    def valid_on(self, engine: str) -> bool:
        """Whether the rule may be applied when `engine` is the quantized engine."""
        return not self.engines or engine in self.engines

    @property
    def location(self) -> SourceLocation:
        return self.provenance.location

    @property
    def family(self) -> str:
        return self.provenance.family

    def rendering(self, key: str) -> str | None:
        for name, text in self.renderings:
            if name == key:
                return text
        return None


@dataclass(frozen=True)
class RuleSet:
    """An ordered collection of rules (order is application order) and their predicates."""

    rules: tuple[Rule, ...] = ()
    """The rules in application order."""
    predicates: Mapping[str, Predicate] = field(default_factory=dict, compare=False, hash=False)
    """Guard predicates the rules may call besides their backend's builtins."""

    def for_stage(self, stage: Stage) -> tuple[Rule, ...]:
        """The rules of one stage in application order."""
        return self._by_stage.get(stage, ())

    @cached_property
    def _by_stage(self) -> dict[Stage, tuple[Rule, ...]]:
        by_stage: dict[Stage, list[Rule]] = {}
        for rule in self.rules:
            by_stage.setdefault(rule.stage, []).append(rule)
        return {stage: tuple(rules) for stage, rules in by_stage.items()}

    def for_engine(self, engine: str) -> "RuleSet":
        """The rules valid on the quantized engine `engine` (drivers call it with the active
        `torch.backends.quantized.engine` before choosing a stage's rules; made once per engine)."""
        found = self._by_engine.get(engine)
        if found is None:
            found = self._by_engine[engine] = RuleSet(tuple(rule for rule in self.rules if rule.valid_on(engine)),
                                                      self.predicates)
        return found

    @cached_property
    def _by_engine(self) -> dict[str, "RuleSet"]:
        return {}

    def foldable_ops(self, stage: Stage) -> tuple[str, ...]:
        """The ops the rules of `stage` mark `fold`, each once, in rule order."""
        return tuple(dict.fromkeys(op for rule in self.for_stage(stage) for op in rule.folds))

    def stages(self) -> tuple[Stage, ...]:
        """The stages the rules belong to, in order of first appearance."""
        return tuple(dict.fromkeys(rule.stage for rule in self.rules))

    def names(self) -> tuple[str, ...]:
        return tuple(rule.name for rule in self.rules)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def __getitem__(self, key: int | str) -> Rule:
        if isinstance(key, str):
            for rule in self.rules:
                if rule.name == key:
                    return rule
            raise KeyError(key)
        return self.rules[key]

    def __add__(self, other: "RuleSet") -> "RuleSet":
        """Both sets' rules, `self`'s first. A rule name defined twice is a RuleError at the
        second definition; a predicate name bound to two functions an InputError."""
        if not isinstance(other, RuleSet):
            return NotImplemented
        first = {rule.name: rule for rule in self.rules}
        clashes = [rule for rule in other.rules if rule.name in first]
        if clashes:
            raise RuleError([Diagnostic(rule.location, f"rule '{rule.name}' is already defined "
                                        f"(first at {first[rule.name].location})") for rule in clashes])
        predicates = dict(self.predicates)
        for name, function in other.predicates.items():
            if predicates.setdefault(name, function) is not function:
                raise InputError(f"predicate '{name}' is defined by both rule sets, as different functions")
        return RuleSet(self.rules + other.rules, predicates)
