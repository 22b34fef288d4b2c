"""The random choices one sample is made of, recorded so that the sample can be replayed and shrunk.

Every decision of the sampler is an integer `0 <= n < bound` in which 0 is the simplest
choice (rank 1, size 1, no bias, the first table entry); tensor contents are one block of
such codes per tensor. Replaying a recorded sequence remakes the sample exactly;
replaying a smaller sequence (fewer or smaller numbers, codes set to 0) makes a simpler
one. Past the end of a replayed sequence every choice is 0.
"""

from __future__ import annotations

import random
from typing import Sequence, TypeVar

import torch

T = TypeVar("T")


class Draws:
    """A source of choices: random (from `seed`) or replaying recorded ones."""

    def __init__(self, seed: int | None = None, choices: Sequence[int] = (),
                 blocks: dict[str, torch.Tensor] | None = None):
        self._random = None if seed is None else random.Random(seed)
        self._replay = list(choices)
        self._replay_blocks = dict(blocks or {})
        self.choices: list[int] = []
        """Every choice made, in order."""
        self.blocks: dict[str, torch.Tensor] = {}
        """Tensor contents drawn, by name: int64 codes."""

    def integer(self, bound: int) -> int:
        """A choice in [0, bound)."""
        position = len(self.choices)
        if self._random is not None:
            value = self._random.randrange(bound)
        elif position < len(self._replay):
            value = min(self._replay[position], bound - 1)
        else:
            value = 0
        self.choices.append(value)
        return value

    def pick(self, options: Sequence[T]) -> T:
        """One of `options`; the first is the simplest."""
        return options[self.integer(len(options))]

    def chance(self, numerator: int, denominator: int) -> bool:
        """True with probability numerator/denominator (False is the simpler choice)."""
        return self.integer(denominator) >= denominator - numerator

    def block(self, name: str, count: int, bound: int) -> torch.Tensor:
        """`count` codes in [0, bound) for the contents of the tensor `name` (int64, flat)."""
        if self._random is not None:
            generator = torch.Generator().manual_seed(self._random.randrange(2**62))
            codes = torch.randint(0, bound, (count,), generator=generator, dtype=torch.int64)
        else:
            recorded = self._replay_blocks.get(name, torch.zeros(0, dtype=torch.int64))
            codes = torch.zeros(count, dtype=torch.int64)
            shared = min(count, recorded.numel())
            codes[:shared] = recorded[:shared].clamp(max=bound - 1)
        self.blocks[name] = codes
        return codes


def zigzag(code: int | torch.Tensor):
    """0, 1, -1, 2, -2, ... for codes 0, 1, 2, 3, 4, ...: small codes are small values of either sign."""
    if isinstance(code, int):
        return (code + 1) // 2 if code % 2 else -(code // 2)
    return torch.where(code % 2 == 1, (code + 1) // 2, -(code // 2))
