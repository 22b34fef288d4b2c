"""What verification found: plain frozen data (no torch objects), for text, JSON and tables."""

from __future__ import annotations

from dataclasses import dataclass

EXACT = "exact"
WITHIN_TOLERANCE = "within tolerance"
WRONG = "wrong"
RAISES = "raises"
REQUANTIZED = "requantized"
NEVER_VALID = "pattern never valid"
PATTERN_NO_KERNEL = "pattern has no kernel"
NO_KERNEL = "no kernel"
CRASHED = "crashed"
NOT_FOR_ENGINE = "not for this engine"
VERDICTS = (EXACT, WITHIN_TOLERANCE, REQUANTIZED, RAISES, WRONG, NEVER_VALID, PATTERN_NO_KERNEL, NO_KERNEL, CRASHED,
            NOT_FOR_ENGINE)
"""Every verdict, best first."""
UNVERIFIED = (NEVER_VALID, CRASHED)
"""Verdicts of a rule that no sample exercised although its pattern can run on the engine:
the rule is not verified there, which fails the report (a sampler that cannot build the
pattern's inputs, or a pattern no input runs: a dead rule). A pattern whose own kernels
are missing on the engine (`pattern has no kernel`: qnnpack has no 3-d conv) cannot occur
in a model that runs there, so nothing is left to verify."""


@dataclass(frozen=True)
class Counterexample:
    """One (shrunk) sample on which the replacement differs from the pattern."""

    captures: tuple[tuple[str, str], ...]
    """Each capture of the closed rule and its value, as text."""
    packings: tuple[str, ...]
    """How each packed capture was made: the packing call and the prepack rule with its location."""
    pattern: str
    """The pattern's results, as text."""
    replacement: str
    """The replacement's results (or what it raised), as text."""
    difference: str
    """The difference in words: steps, where, how many elements."""


@dataclass(frozen=True)
class Run:
    """The samples of one mode (guard satisfied, a conjunct violated, an assumption dropped)."""

    verdict: str
    """One of `VERDICTS` (never `not for this engine`)."""
    samples: int
    """Samples the pattern ran on."""
    rejected: int
    """Draws rejected (the pattern raised, the guard did not fit)."""
    wrong: int
    """Samples beyond the tolerance (or with results that cannot be compared, or a raise)."""
    max_steps: float
    """The largest difference, in steps (inf for a mismatch)."""
    mean_steps: float
    """The mean difference over every element compared, in steps."""
    differing: float
    """The fraction of compared elements that differ."""
    notes: tuple[str, ...] = ()
    """Remarks: qparams that differ, kernels missing for some samples, a common rejection."""
    counterexample: Counterexample | None = None
    """For a wrong verdict: the shrunk sample."""
    cause: str = ""
    """Why the counterexample differs: `rule`, `requantization`, `kernel` or `raises`."""


@dataclass(frozen=True)
class GuardCheck:
    """What happens when one conjunct of the guard is false."""

    conjunct: str
    """The conjunct as written (`alpha == 1`)."""
    location: str
    """Where it is written."""
    finding: str
    """`needed` (the replacement is then wrong), `not needed in the samples` (a possibly
    missed fusion), or `not violated` (no sample could violate it)."""
    run: Run
    """The samples with the conjunct violated."""


@dataclass(frozen=True)
class AssumptionCheck:
    """What happens without one domain assumption the rule's samples met."""

    key: str
    """The assumption (`aten::batch_norm.training`)."""
    reason: str
    """Why graph-mode quantization (or the engine's qconfig) makes it hold."""
    finding: str
    """`needed` (without it the replacement is wrong) or `not needed`."""
    run: Run
    """The samples without it."""


@dataclass(frozen=True)
class RuleReport:
    """One rule on one engine."""

    rule: str
    """The rule's name."""
    location: str
    """Where the rule is written (`file:line:col`)."""
    engine: str
    """The quantized engine it ran on."""
    verdict: str
    """One of `VERDICTS`."""
    run: Run | None
    """The samples with the guard satisfied (None when the rule is not for this engine)."""
    guards: tuple[GuardCheck, ...] = ()
    """One per conjunct of the guard."""
    assumptions: tuple[AssumptionCheck, ...] = ()
    """One per domain assumption met."""
    cause: str = ""
    """For a wrong verdict: `rule`, or `kernel` when a kernel's result depends on memory layout,
    changes from run to run, or the same rule is right on another engine."""
    crashes: int = 0
    """Samples on which a call crashed the process (see the report's kernel findings)."""


@dataclass(frozen=True)
class KernelFinding:
    """A kernel bug: a call that crashed the process, or a kernel whose result depends on what
    ran before it on the same packed weight."""

    engine: str
    """The engine."""
    kind: str
    """`crash` or `stateful`."""
    summary: str
    """One line: what happened."""
    rules: tuple[str, ...]
    """The rules whose runs showed it."""
    detail: tuple[str, ...] = ()
    """The calls, with the values they were given."""


@dataclass(frozen=True)
class Report:
    """Everything `verify` found."""

    engines: tuple[str, ...]
    """The engines verified on."""
    seed: int
    """The seed the samples came from."""
    samples: int
    """Samples per rule and mode."""
    tolerance: float
    """Steps a result may differ and still be within tolerance."""
    rules: tuple[RuleReport, ...]
    """One per rule and engine, in rule order then engine order."""
    kernels: tuple[KernelFinding, ...] = ()
    """Kernel bugs met (crashes, stateful kernels): not rule bugs."""

    @property
    def wrong_rules(self) -> tuple[RuleReport, ...]:
        """Rules wrong by their own fault (not a kernel of one engine)."""
        return tuple(report for report in self.rules if report.verdict == WRONG and report.cause == "rule")

    @property
    def unverified(self) -> tuple[RuleReport, ...]:
        """Rules on engines where no sample exercised them (see `UNVERIFIED`)."""
        return tuple(report for report in self.rules if report.verdict in UNVERIFIED)

    @property
    def ok(self) -> bool:
        """No rule is wrong by its own fault, and every rule was exercised where it can run."""
        return not self.wrong_rules and not self.unverified
