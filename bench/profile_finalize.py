"""Where qdsl's finalize time goes on one zoo architecture, in CPU milliseconds.

    python bench/profile_finalize.py first-call MODEL   # run it in a fresh process
    python bench/profile_finalize.py steady MODEL [--calls 20] [--top 30]

`first-call` builds the model as its users do (tests/support/models.py), drops the qdsl
modules the zoo imported, collects garbage (unless `--no-collect`), then times each
piece of qdsl's first finalize in this process one after another: `import qdsl`,
importing the engine, reading the shipped rules of the model's two stages, decoding
and indexing those rules, the first finalize, a second one, one with
`inplace=True` (no clone of the caller's module), and torch's finalize for scale. It
also counts the rules that could match at all (every node kind of the pattern present
in the graph, or inserted by a prepack rule) and the time the cyclic garbage collector
took during all this: Python allocations may start a full collection of the user's
heap (torch's C++ pass allocates no Python objects), which qdsl's drivers avoid by
pausing the collector (qdsl/core/collector.py); the pieces timed here one by one are
not all paused.

`steady` runs `--calls` finalizes after a warm-up under cProfile with the CPU clock
and prints the functions with the most own time (the profiler's per-call overhead
inflates the Python side: compare rows, not totals, with the benchmark).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import time

import torch

import harness
import models
from tests.support.graphs import nodes
from tests.support.models import ARCHITECTURES, BY_NAME, debug_module

CLOCK = time.process_time


def first_call(name: str, collect: bool) -> None:
    model = BY_NAME[name]
    debug = debug_module(model)
    clones = [harness.clone_module(debug._c) for _ in range(4)]
    if collect:
        gc.collect()
    harness.forget_qdsl()
    objects = len(gc.get_objects())
    collector = GarbageCollectorClock()
    gc.callbacks.append(collector)
    marks = [("", CLOCK())]

    def mark(label: str) -> None:
        marks.append((label, CLOCK()))

    import qdsl
    mark("import qdsl")
    from qdsl.backends.torchscript import PREPACK, finalize  # the driver, its steps and the engine

    mark("import the engine modules")
    from qdsl.core.loading import default_rules_for

    stage = finalize.fusion_stage(model.quant_type)
    rules = default_rules_for((PREPACK, stage))
    mark("read the shipped rules of its two stages")
    from qdsl.backends.torchscript.compiled import compile_rule

    prepack, fusion = rules.for_stage(PREPACK), rules.for_stage(stage)
    compiled = [compile_rule(rule) for rule in prepack + fusion]
    mark(f"prepare the {len(compiled)} rules of the stages")
    qdsl.finalize(clones[0], model.quant_type)
    mark("first finalize, after all of the above")
    qdsl.finalize(clones[1], model.quant_type)
    mark("second finalize")
    qdsl.finalize(clones[2], model.quant_type, inplace=True)
    mark("third finalize, inplace=True (no clone)")
    torch._C._jit_pass_quant_finalize(clones[3], model.quant_type, [])
    mark("torch's finalize (after qdsl's)")
    gc.callbacks.remove(collector)
    print(f"{name}: {models.node_count(debug.graph)} nodes; CPU ms in a fresh process")
    for (_, before), (label, after) in zip(marks, marks[1:]):
        print(f"  {label:45s} {1e3 * (after - before):8.1f}")
    present = {node.kind() for node in nodes(debug.graph)}
    inserted = {kind for rule in compiled[:len(prepack)] for kind in rule.replacement_kinds}
    possible = [rule for rule in compiled if {node.kind for node in rule.pattern.nodes} <= present | inserted]
    anchors = [rule for rule in compiled if rule.pattern.anchor_kind in present | inserted]
    print(f"  rules of the stages: {len(compiled)}; anchor kind present: {len(anchors)}; "
          f"every pattern kind present: {len(possible)}")
    print(f"  garbage collector: {objects} objects tracked before; during the above "
          f"{collector.collections} collections, {1e3 * collector.seconds:.1f} ms, "
          f"{collector.full} full ({1e3 * collector.full_seconds:.1f} ms)")


class GarbageCollectorClock:
    """A gc callback that adds up the CPU time of collections."""

    def __init__(self) -> None:
        self.collections = self.full = 0
        self.seconds = self.full_seconds = 0.0
        self._start = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = CLOCK()
            return
        seconds = CLOCK() - self._start
        self.collections += 1
        self.seconds += seconds
        if info["generation"] == 2:
            self.full += 1
            self.full_seconds += seconds


def steady(name: str, calls: int, top: int) -> None:
    import qdsl

    model = BY_NAME[name]
    debug = debug_module(model)
    qdsl.finalize(harness.clone_module(debug._c), model.quant_type)
    clones = [harness.clone_module(debug._c) for _ in range(calls)]
    gc.collect()
    profiler = cProfile.Profile(CLOCK)
    start = CLOCK()
    profiler.enable()
    for clone in clones:
        qdsl.finalize(clone, model.quant_type)
    profiler.disable()
    print(f"{name}: {1e3 * (CLOCK() - start) / calls:.1f} CPU ms per finalize under the profiler")
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(top)
    print(stream.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("first-call", "steady"))
    parser.add_argument("model", choices=[model.name for model in ARCHITECTURES])
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--no-collect", action="store_true",
                        help="first-call: leave the garbage the model build left, as a user's process has it")
    args = parser.parse_args()
    harness.apply_threads(args)
    if args.mode == "first-call":
        first_call(args.model, not args.no_collect)
    else:
        steady(args.model, args.calls, args.top)


if __name__ == "__main__":
    main()
