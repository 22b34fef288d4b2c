"""Shrinking a failing sample: the simplest choices that still fail the same way.

A sample is its choices (`Draws`): replaying smaller numbers makes smaller shapes,
simpler values, fewer optional arguments; tensor contents shrink toward zero codes (the
zero point, or 0.0). A candidate is kept when it is still a valid sample whose trial
fails in the same class (a numeric difference stays numeric) and it is smaller: fewer
tensor elements, then fewer or smaller choices, then fewer nonzero codes.
"""

from __future__ import annotations

from typing import Callable

from .draws import Draws
from .guarding import GuardMode
from .sampler import Rejected, Sample, Sampler
from .trial import Trial

MAX_REPLAYS = 300
"""Most candidate samples tried per shrink."""


def shrink(sampler: Sampler, mode: GuardMode, sample: Sample, trial: Trial, run: Callable[[Sample], Trial],
           tolerance: float, allowed: Callable[[int], bool] = lambda replay: True,
           alike: Callable[[Sample, Trial], bool] = lambda sample, trial: True) -> tuple[Sample, Trial]:
    """The smallest sample found that still fails like `trial` (and is `alike` it), with its
    trial; `allowed(n)` is False for replays to skip (they crashed the process before)."""
    failure = trial.failure_class
    best, best_trial = sample, trial
    replays = 0

    def attempt(choices: list[int], blocks: dict) -> bool:
        nonlocal best, best_trial, replays
        if replays >= MAX_REPLAYS:
            return False
        replays += 1
        if not allowed(replays):
            return False
        try:
            candidate = sampler.sample(Draws(choices=choices, blocks=blocks), mode)
        except Rejected:
            return False
        outcome = run(candidate)
        if not (outcome.wrong(tolerance) and outcome.failure_class == failure) or _size(candidate) >= _size(best) \
                or not alike(candidate, outcome):
            return False
        best, best_trial = candidate, outcome
        return True

    improved = True
    while improved and replays < MAX_REPLAYS:
        improved = False
        choices = best.draws.choices
        for index in range(len(choices)):
            current = best.draws.choices
            if index >= len(current) or current[index] == 0:
                continue
            for smaller in dict.fromkeys((0, current[index] // 2, current[index] - 1)):
                if attempt(current[:index] + [smaller] + current[index + 1:], best.draws.blocks):
                    improved = True
                    break
        for name in list(best.draws.blocks):
            improved |= _shrink_block(best, name, attempt)
    return best, best_trial


def _shrink_block(best: Sample, name: str, attempt) -> bool:
    """Zero the codes of one tensor: all at once, then halves, quarters, ... of what is left."""
    improved = False
    codes = best.draws.blocks.get(name)
    if codes is None or not bool(codes.any()):
        return False
    size = codes.numel()
    chunk = size
    while chunk >= 1:
        start = 0
        while start < size:
            current = best.draws.blocks.get(name)
            if current is None or current.numel() != size:
                return improved
            if bool(current[start:start + chunk].any()):
                trial_codes = current.clone()
                trial_codes[start:start + chunk] = 0
                if attempt(list(best.draws.choices), {**best.draws.blocks, name: trial_codes}):
                    improved = True
            start += chunk
        chunk //= 2
    return improved


def _size(sample: Sample) -> tuple:
    elements = sum(codes.numel() for codes in sample.draws.blocks.values())
    nonzero = sum(int(codes.count_nonzero()) for codes in sample.draws.blocks.values())
    choices = sample.draws.choices
    return elements, len(choices), sum(choices), nonzero, choices
