"""Work counted, not timed: the measure of the complexity tests.

A test of complexity must not read the clock (a loaded machine makes any time bound
flaky). The number of function calls an operation makes, Python and builtin, counted
by `cProfile`, is the same on every run with warm caches, whatever the load: tests
compare it between a small and a 10x larger input. Only the call counts of the profile
are read, never its times. Speed is measured by the scripts in bench/.
"""

from __future__ import annotations

import cProfile
import pstats
from typing import Callable, Sequence


def calls_made(operations: Sequence[Callable[[], object]]) -> list[int]:
    """The function calls each operation makes, in order.

    The first operation runs once unmeasured first, so that one-time work (regular
    expressions compiled, lexers built, caches filled) is not counted against it; give
    the smallest input first.
    """
    operations[0]()
    counts = []
    for operation in operations:
        profiler = cProfile.Profile()
        profiler.enable()
        try:
            operation()
        finally:
            profiler.disable()
        counts.append(sum(calls for _, calls, *_ in pstats.Stats(profiler).stats.values()))
    return counts
