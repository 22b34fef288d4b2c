"""Keeping the collection of the caller's heap out of qdsl's calls.

torch's TorchScript passes are C++ and allocate no Python objects; qdsl's drivers
allocate thousands (classes on first import, rule records, compiled patterns, match
state). Python's cyclic collector counts allocations, and after `import torch` has left
~165,000 objects that no full collection has examined yet, a few thousand more
regularly start that full collection (~50 ms on this machine) inside qdsl's first call:
a debt of the caller's heap, which the caller's own allocations pay when torch's pass
ran instead. So qdsl pauses the collector while it works, then collects only the
youngest generation (its own allocations: ~1 ms); older generations are collected at
their own thresholds, as they would have been without qdsl.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused() -> Iterator[None]:
    """Disable the cyclic collector for the block; afterwards enable it again and collect
    the youngest generation, unless it was already disabled (by the caller, or by an
    enclosing block, which then does this)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(0)
