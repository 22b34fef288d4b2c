"""The runtime rule model: what the compiler produces and the engine consumes.

Plain frozen data; imports neither lark nor jinja, so that generated modules and the
finalize driver load without the compiler.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator, Sequence

Guard = tuple
"""A guard descriptor: ("and"|"or", g, ...), ("not", g), ("eq"|"ne", var, kind, value),
("pred", name, (var, ...)). See docs/architecture.md."""

STAGES = (("prepack", "any"), ("fusion", "static"), ("fusion", "dynamic"))


@dataclass(frozen=True)
class SourceLocation:
    """A span in a source file, 1-based, end exclusive."""

    filename: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.filename}:{self.line}:{self.column}"

    def as_tuple(self) -> tuple:
        return (self.filename, self.line, self.column, self.end_line, self.end_column)


@dataclass(frozen=True)
class Rule:
    """One concrete rewrite rule (one expansion of a family)."""

    name: str
    """Unique in its rule set, e.g. `conv2d_relu_`."""
    stage: str
    """`prepack` or `fusion`."""
    quant_type: str
    """`static` or `dynamic` for fusion rules; `any` for prepack rules."""
    pattern: str
    """TorchScript IR of the pattern graph, accepted by `torch._C.parse_ir`."""
    replacement: str
    """TorchScript IR of the replacement; its graph inputs equal the pattern's."""
    guard: Guard | None
    """Guard descriptor evaluated on each candidate match, or None."""
    location: SourceLocation
    """The rule header in the `.qpat` file."""
    value_locations: tuple[tuple[str, SourceLocation], ...] = ()
    """Pattern IR value name -> span of the sub-expression that produced it."""
    family: str = ""
    """The rule name as written, before family expansion."""
    folds: tuple[str, ...] = ()
    """Op kinds this (prepack) rule inserts that finalize folds into module attributes
    once the module is frozen (the `fold` calls of its replacement)."""

    def value_location(self, value_name: str) -> SourceLocation | None:
        for name, loc in self.value_locations:
            if name == value_name:
                return loc
        return None

    def to_record(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "stage": self.stage,
            "quant_type": self.quant_type,
            "pattern": self.pattern,
            "replacement": self.replacement,
            "guard": self.guard,
            "location": self.location.as_tuple(),
            "value_locations": tuple((n, loc.as_tuple()) for n, loc in self.value_locations),
            "family": self.family,
            **({"folds": self.folds} if self.folds else {}),
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> "Rule":
        return cls(
            name=record["name"],
            stage=record["stage"],
            quant_type=record["quant_type"],
            pattern=record["pattern"],
            replacement=record["replacement"],
            guard=record["guard"],
            location=SourceLocation(*record["location"]),
            value_locations=tuple((n, SourceLocation(*loc)) for n, loc in record["value_locations"]),
            family=record["family"],
            folds=tuple(record.get("folds", ())),
        )


@dataclass(frozen=True)
class RuleSet:
    """An ordered, immutable collection of rules; order is application order."""

    rules: tuple[Rule, ...] = field(default_factory=tuple)

    @classmethod
    def from_records(cls, records: Sequence[dict[str, Any]]) -> "RuleSet":
        return cls(tuple(Rule.from_record(r) for r in records))

    def for_stage(self, stage: str, quant_type: str = "static") -> tuple[Rule, ...]:
        """The rules of one stage in application order (prepack rules ignore quant_type)."""
        return tuple(
            r for r in self.rules
            if r.stage == stage and (stage == "prepack" or r.quant_type == quant_type)
        )

    def names(self) -> tuple[str, ...]:
        return tuple(r.name for r in self.rules)

    def foldable_ops(self) -> tuple[str, ...]:
        """The op kinds the prepack rules mark `fold`, each once, in rule order."""
        return tuple(dict.fromkeys(op for rule in self.for_stage("prepack", "any") for op in rule.folds))

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
        """Both sets' rules, `self`'s first; a name in both is a QdslError at `other`'s rule."""
        from .errors import Diagnostic, QdslError

        first = {rule.name: rule for rule in self.rules}
        clashes = [Diagnostic(rule.location, f"rule '{rule.name}' is already defined at {first[rule.name].location}; "
                              "rule names must be unique in a rule set")
                   for rule in other.rules if rule.name in first]
        if clashes:
            raise QdslError(clashes)
        return RuleSet(self.rules + other.rules)


_VERIFIED: set[int] = set()
"""ids of the shipped rules (kept alive by `default_rules`'s cache, so ids stay unique)."""


def mark_verified(rules: "RuleSet") -> None:
    """Record `rules` as the shipped set, whose rewrites the test suite proves valid."""
    _VERIFIED.update(id(rule) for rule in rules)


def is_verified(rule: Rule) -> bool:
    """True for a shipped rule: `apply_rules(validate=True)` skips its lint."""
    return id(rule) in _VERIFIED
