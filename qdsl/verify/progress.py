"""Where a verification is, kept where a crash cannot erase it, and which samples to skip.

Kernels can crash the process (a segmentation fault in a conv on an unusually strided
weight). `qdsl verify` therefore runs each engine's rules in a forked child that writes,
before every sample and every operator call, what it is about to do into shared memory.
When the child dies, the parent reads the last entry, records the crashing call as a
kernel finding, and starts a new child that skips that sample, and any later call with
the crashing call's geometry (shrinking a counterexample would otherwise walk into the
same crash again and again).
"""

from __future__ import annotations

import ctypes
import json
from multiprocessing.sharedctypes import RawArray
from typing import Any

HEARTBEAT_BYTES = 16384
"""Room for the last entry (a call's arguments are abbreviated to fit)."""


class Progress:
    """What the runner reports before each sample; which samples it must skip."""

    def __init__(self, skip: frozenset[tuple[int, str, int]] = frozenset(), avoid: frozenset[str] = frozenset()):
        self.skip = skip
        """(rule index, mode key, attempt) of samples that crashed before."""
        self.avoid = avoid
        """Signatures (`interpret.call_signature`) of calls that crashed the process before:
        a sample making such a call again is skipped without making it."""
        self.rule = 0
        self._key = ""
        self._attempt = 0

    def attempt(self, key: str, number: int) -> bool:
        """Record the sample about to be drawn; False when it must be skipped."""
        self._key, self._attempt = key, number
        self.write({"rule": self.rule, "key": key, "attempt": number, "call": ""})
        return (self.rule, key, number) not in self.skip

    def call(self, description: str, signature: str = "") -> None:
        """Record the operator call about to run."""
        self.write({"rule": self.rule, "key": self._key, "attempt": self._attempt, "call": description,
                    "signature": signature})

    def write(self, entry: dict[str, Any]) -> None:
        """Keep `entry` (the in-process progress keeps nothing)."""


class SharedProgress(Progress):
    """A progress whose last entry survives the process: shared memory the parent reads."""

    def __init__(self, skip: frozenset[tuple[int, str, int]] = frozenset(), avoid: frozenset[str] = frozenset()):
        super().__init__(skip, avoid)
        self.buffer = RawArray(ctypes.c_char, HEARTBEAT_BYTES)

    def write(self, entry: dict[str, Any]) -> None:
        data = json.dumps(entry).encode()
        if len(data) >= HEARTBEAT_BYTES:
            entry = dict(entry, call=entry["call"][:HEARTBEAT_BYTES // 4] + " ...",
                         signature=entry.get("signature", "")[:HEARTBEAT_BYTES // 4])
            data = json.dumps(entry).encode()
        self.buffer.value = data

    def last(self) -> dict[str, Any] | None:
        """The last entry the child wrote, or None."""
        raw = self.buffer.value
        return json.loads(raw.decode()) if raw else None
