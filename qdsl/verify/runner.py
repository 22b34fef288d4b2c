"""Verifying one rule on one engine: samples, a verdict, guards both ways, assumptions dropped.

Samples come from a seed made of the user's seed, the rule's name, the engine (for a rule
the engine cannot change, `any`: its samples do not depend on which engine verifies it)
and the mode, so a rule's samples do not depend on which other rules are verified with it.
"""

from __future__ import annotations

import dataclasses
import random
from collections import Counter

from . import dynamic
from .closure import ClosedRule, engine_dependent
from .describe import describe, difference_text
from .draws import Draws
from .guarding import GuardMode, conjuncts, unevaluable, unobserved
from .progress import Progress
from .results import (EXACT, NEVER_VALID, NO_KERNEL, PATTERN_NO_KERNEL, RAISES, REQUANTIZED, WITHIN_TOLERANCE, WRONG,
                      AssumptionCheck, Counterexample, GuardCheck, RuleReport, Run)
from .sampler import CRASHED_BEFORE, Rejected, Sample, Sampler
from .shrink import shrink
from .trial import Trial, cause, may_write, reads_freed_memory, run_trial

ATTEMPTS_PER_SAMPLE = 8
"""Draws tried per wanted sample before giving up (rejections included)."""
CHECK_SAMPLES_DIVISOR = 2
"""Guard and assumption checks use this fraction of the samples."""


def verify_rule(closed: ClosedRule, engine: str, samples: int, seed: int, tolerance: float,
                progress: Progress | None = None) -> RuleReport:
    """The rule's report on `engine` (the caller has made `engine` the active one)."""
    rule = closed.rule
    sampler = Sampler(closed, engine)
    writable = may_write(closed)
    progress = progress or Progress()

    def _run(mode: GuardMode, wanted: int, key: str) -> tuple[Run, dict]:
        unseen = frozenset(closed.pattern.index_of[name] for name in unobserved(rule.guard, mode))
        return _samples(sampler, writable | unseen, mode, wanted, key, tolerance, progress)

    label = engine if engine_dependent(closed) else "any"
    run, met = _run(GuardMode(), samples, f"{seed}:{rule.name}:{label}")
    verdict = run.verdict
    check_samples = max(1, samples // CHECK_SAMPLES_DIVISOR)
    guards = []
    if verdict in (EXACT, WITHIN_TOLERANCE, WRONG):
        for index, item in enumerate(conjuncts(rule.guard)):
            mode = GuardMode(violate=index)
            violated, _ = _run(mode, check_samples, f"{seed}:{rule.name}:{label}:guard{index}")
            finding = ("not violated" if violated.samples == 0 else "needed" if violated.verdict in (WRONG, RAISES)
                       else "not needed in the samples")
            guards.append(GuardCheck(str(item), str(item.span), finding, violated))
    assumptions = []
    for key, reason in sorted(met.items()):
        relaxed, _ = _run(GuardMode(relaxed=frozenset({key})), check_samples, f"{seed}:{rule.name}:{label}:{key}")
        finding = "needed" if relaxed.verdict in (WRONG, RAISES) else "not needed"
        assumptions.append(AssumptionCheck(key, reason, finding, relaxed))
    quantized = dynamic.quantized_inputs(closed)
    if quantized:
        run = _with_note(run, dynamic.note(closed, quantized))
    unknown = unevaluable(rule.guard)
    if unknown:
        run = _with_note(run, f"predicates {', '.join(unknown)} cannot be evaluated on drawn values: the samples "
                              "ignore them")
    return RuleReport(rule.name, str(rule.location), engine, verdict, run, tuple(guards), tuple(assumptions),
                      cause=CAUSES.get(run.cause, "") if verdict == WRONG else "")


CAUSES = {"rule": "rule", "kernel": "kernel"}
"""Run cause -> the rule report's cause of a wrong verdict."""


CAUSE_ORDER = ("rule", "requantization", "kernel", "raises")
"""Causes of wrong samples, the most serious first: the run's verdict and counterexample
come from the first cause any sample has."""


def _samples(sampler: Sampler, writable, mode: GuardMode, wanted: int, key: str, tolerance: float,
             progress: Progress) -> tuple[Run, dict]:
    """`wanted` samples of one mode and what they show; also the assumptions they met."""
    closed = sampler.closed
    seeds = random.Random(key)
    accepted = attempts = missing = missing_pattern_kernel = 0
    rejections: Counter[str] = Counter()
    missing_messages: Counter[str] = Counter()
    notes: Counter[str] = Counter()
    met: dict[str, str] = {}
    max_steps = total_steps = 0.0
    differing = elements = 0
    worst: dict[str, tuple[Sample, Trial]] = {}
    causes: Counter[str] = Counter()
    while accepted < wanted and attempts < wanted * ATTEMPTS_PER_SAMPLE:
        attempts += 1
        seed = seeds.randrange(2**62)
        if not progress.attempt(key, attempts):
            rejections[CRASHED_BEFORE] += 1
            continue
        try:
            sample = sampler.sample(Draws(seed=seed), mode)
        except Rejected as rejection:
            rejections[str(rejection)] += 1
            missing_pattern_kernel += rejection.missing_kernel
            continue
        trial = run_trial(closed, sample, writable)
        if trial.crashed:
            rejections[CRASHED_BEFORE] += 1
            continue
        if trial.difference is not None and not trial.difference.exact and reads_freed_memory(closed, sample):
            rejections[FREED_MEMORY] += 1
            continue
        accepted += 1
        met.update(sample.assumptions)
        if trial.missing_kernel:
            missing += 1
            missing_messages[trial.missing_kernel] += 1
            continue
        if trial.wrong(tolerance):
            why = cause(closed, sample, trial, tolerance)
            if why == "reference":
                notes[REFERENCE_NOTE] += 1
                continue
            causes[why] += 1
            if why not in worst or _worse(trial, worst[why][1]):
                worst[why] = (sample, trial)
        difference = trial.difference
        if difference is not None and not difference.mismatch:
            max_steps = max(max_steps, difference.steps)
            total_steps += difference.mean * difference.elements
            differing += difference.differing
            elements += difference.elements
            if difference.note:
                notes["qparams differ from the pattern's (values compared): " + difference.note] += 1
    compared = accepted - missing
    first_cause = next((c for c in CAUSE_ORDER if causes[c]), "")
    if accepted == 0:
        verdict = PATTERN_NO_KERNEL if attempts and missing_pattern_kernel == attempts else NEVER_VALID
        common = rejections.most_common(1)
        notes[f"no draw ran the pattern in {attempts}; most often: {common[0][0] if common else 'none'}"] += 1
    elif compared == 0:
        verdict = NO_KERNEL
        notes[missing_messages.most_common(1)[0][0]] += 1
    elif first_cause == "raises":
        verdict = RAISES
    elif first_cause == "requantization":
        verdict = REQUANTIZED
    elif first_cause:
        verdict = WRONG
    elif max_steps == 0 and not notes:
        verdict = EXACT
    else:
        verdict = WITHIN_TOLERANCE
    if rejections[FREED_MEMORY]:
        notes[f"{rejections[FREED_MEMORY]} samples left out: {FREED_MEMORY}"] += 1
    if missing and compared:
        notes[f"no kernel for {missing} of {accepted} samples: {missing_messages.most_common(1)[0][0]}"] += 1
    for other in CAUSE_ORDER:
        if causes[other] and other != first_cause:
            notes[f"{causes[other]} other samples: {CAUSE_NOTES[other]}"] += 1
    counterexample = None
    if first_cause:
        sample, trial = worst[first_cause]
        sample, trial = shrink(sampler, mode, sample, trial, lambda s: run_trial(closed, s, writable), tolerance,
                               lambda replay: progress.attempt(key + ":shrink", replay),
                               lambda s, t: cause(closed, s, t, tolerance) == first_cause)
        counterexample = _counterexample(sampler, sample, trial, first_cause)
        if trial.difference is not None and trial.difference.mismatch:
            max_steps = float("inf")
    run = Run(verdict, accepted, sum(rejections.values()), sum(causes.values()), max_steps,
              total_steps / elements if elements else 0.0, differing / elements if elements else 0.0,
              tuple(note for note, _ in notes.most_common(4)), counterexample, first_cause)
    return run, met


FREED_MEMORY = "a kernel read memory it did not write (its result changed with freed memory: a kernel bug)"
"""Why a sample is left out whose results depend on what freed memory holds."""
REFERENCE_NOTE = ("some samples differ from the float32 pattern only by that pattern's own rounding (the pattern "
                  "with its float ops in float64 agrees with the replacement): left out of the statistics")
CAUSE_NOTES = {
    "rule": "the replacement computes something else",
    "requantization": "the replacement picks its own output qparams: the values differ by its requantization, "
                      "and where the pattern saturates",
    "kernel": "a kernel's result changes with its inputs' memory layout alone, from run to run, or when its "
              "output argument is also its input, or another engine's kernels give the pattern's result on "
              "this sample (a kernel bug)",
    "raises": "the replacement raises where the pattern runs",
}


def _worse(trial: Trial, other: Trial) -> bool:
    def badness(t: Trial) -> float:
        return float("inf") if t.raised or t.difference is None else t.difference.steps
    return badness(trial) > badness(other)


def _with_note(run: Run, note: str) -> Run:
    return dataclasses.replace(run, notes=run.notes + (note,))


def _counterexample(sampler: Sampler, sample: Sample, trial: Trial, why: str) -> Counterexample:
    closed, graph = sampler.closed, sampler.graph
    captures = tuple((graph.values[index].name, describe(value, sampler.slots[index].base == "ScalarType"))
                     for index, value in zip(graph.inputs, sample.captures))
    packings = tuple(
        f"{p.capture} = {p.maker.replacement.nodes[p.node].op}({', '.join(str(a) for a in p.arguments)})  "
        f"(made as rule '{p.maker.name}' makes it, {p.maker.location})"
        for p in closed.packings)
    pattern_results = tuple(sample.pattern[index] for index in graph.outputs)
    shown = lambda results: "; ".join(describe(value) for value in results)
    if trial.raised:
        replacement, difference = f"raised: {trial.raised}", "the replacement raises where the pattern runs"
    else:
        replacement, difference = shown(trial.results), difference_text(trial.difference)
    return Counterexample(captures, packings, shown(pattern_results), replacement, f"{difference} ({CAUSE_NOTES[why]})")
