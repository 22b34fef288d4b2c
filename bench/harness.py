"""What the benchmark scripts share: clones, timing, graph comparison, CSV, and the
small adapter through which every qdsl call goes.

Torch's side is called directly (`torch._C._jit_pass_*`). qdsl's side is reached only
through `QdslSide`, so that the benchmarks run (torch columns filled, qdsl columns
empty) while qdsl's rules or driver are broken, and the reason is printed instead.
Graphs are compared with the test suite's own canonical form (tests/support/graphs.py).
"""

from __future__ import annotations

import argparse
import csv
import gc
import importlib
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import torch

import models
from qdsl.backends.torchscript.torch_api import clone_module, wrap  # noqa: F401 (clone_module: the scripts')
from tests.support.graphs import canonical_form, node_kinds

RESULTS_DIR = Path(__file__).resolve().parent / "results"

QDSL_STAGES = ("clear", "prepack", "fusion", "freeze", "fold")
"""qdsl's finalize steps, in the driver's order (`FINALIZE_STEPS`); its `timings` keys."""


def forward_graph(c_module: torch._C.ScriptModule) -> torch._C.Graph:
    """The graph of `forward`."""
    return c_module._get_method("forward").graph


def run_module(c_module: torch._C.ScriptModule, *inputs: torch.Tensor):
    """`c_module(*inputs)`."""
    return wrap(c_module)(*inputs)


def first_difference(left: torch._C.Graph, right: torch._C.Graph) -> str:
    """How two graphs differ, for a human; empty when they have the same nodes in the same
    order and nesting, wired the same way, with the same attributes and constants (value
    names and types aside)."""
    a, b = node_kinds(left), node_kinds(right)
    if a != b:
        index = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        shown = [kinds[index] if index < len(kinds) else "(end)" for kinds in (a, b)]
        return f"node {index}: torch {shown[0]} / qdsl {shown[1]}"
    if canonical_form(left) != canonical_form(right):
        return "same node kinds, different wiring, attributes or constants"
    return ""


@dataclass(frozen=True)
class Timing:
    """Wall-clock seconds of repeated runs of one contender."""

    runs: tuple[float, ...]
    """Each run's seconds, in run order."""

    @property
    def median(self) -> float:
        """Median seconds."""
        return statistics.median(self.runs)


CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}
"""`cpu` (the default) counts this process's CPU seconds, all threads: the machine the
benchmarks were written on is shared, and wall time there mostly measures the
neighbours. `wall` is the plain stopwatch."""


def time_interleaved(contenders: dict[str, tuple[Callable[[], object], Callable[[object], object]]],
                     repeats: int, clock: Callable[[], float] = time.process_time,
                     ) -> tuple[dict[str, Timing], dict[str, object]]:
    """Time each contender `repeats` times, interleaved, after one untimed warm-up each.

    A contender is `(prepare, run)`: `prepare()` makes a fresh input outside the timed
    region (a clone), `run(input)` is timed. Round r runs the contenders in turn,
    starting with a different one each round, so that neither always runs first.
    Returns the timings and each contender's last result.
    """
    names = list(contenders)
    runs: dict[str, list[float]] = {name: [] for name in names}
    last: dict[str, object] = {}
    for name in names:
        prepare, run = contenders[name]
        last[name] = run(prepare())
    for round_index in range(repeats if names else 0):
        order = names[round_index % len(names):] + names[:round_index % len(names)]
        for name in order:
            prepare, run = contenders[name]
            argument = prepare()
            gc.collect()
            start = clock()
            result = run(argument)
            runs[name].append(clock() - start)
            last[name] = result
    return {name: Timing(tuple(seconds)) for name, seconds in runs.items()}, last


def write_csv(path: Path, columns: Sequence[str], rows: Sequence[dict]) -> None:
    """Write `rows` (dicts keyed by `columns`) to `path`; floats with 6 digits."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(columns))
        writer.writeheader()
        for row in rows:
            writer.writerow({key: _cell(row.get(key)) for key in columns})


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """numerator / denominator, None when either is missing."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def format_seconds(value: float | None) -> str:
    """Seconds for a table cell; '-' when missing."""
    return "-" if value is None else f"{value:.4f}"


def format_ratio(value: float | None) -> str:
    """A ratio for a table cell; '-' when missing."""
    return "-" if value is None else f"{value:.2f}"


def common_arguments(description: str) -> argparse.ArgumentParser:
    """The command line every benchmark script takes."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--shapes", nargs="+", default=list(models.SHAPES), choices=models.SHAPES)
    parser.add_argument("--blocks", nargs="+", type=int, default=list(models.BLOCK_COUNTS))
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per contender (median reported)")
    parser.add_argument("--large-repeats", type=int, default=3,
                        help=f"at most this many timed runs for models of {LARGE_BLOCKS} blocks or more")
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR, help="where the CSV goes")
    parser.add_argument("--cache-dir", type=Path, default=models.DEFAULT_CACHE_DIR,
                        help="built-model cache (see models.py)")
    parser.add_argument("--no-cache", action="store_true", help="build every model, do not use the cache")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="cpu",
                        help="cpu: process CPU seconds (robust on a shared machine); wall: stopwatch")
    parser.add_argument("--threads", type=int, default=1,
                        help="torch intra-op threads (default 1: see apply_threads)")
    return parser


def apply_threads(args: argparse.Namespace) -> None:
    """Set torch's intra-op thread count from --threads.

    Finalize is graph work, but freezing runs small tensor ops through torch's thread
    pool; on a loaded 2-core machine that made torch's own finalize of the same
    200-block model take 1.6 to 8 CPU seconds run to run with 2 threads, and a steady
    1.1 to 1.2 s with 1 thread (measured in this repo). One thread measures the passes,
    not the scheduler.
    """
    torch.set_num_threads(args.threads)


LARGE_BLOCKS = 200
"""From this many blocks on, a single finalize takes seconds: --large-repeats applies."""


def repeats_for(args: argparse.Namespace, blocks: int) -> int:
    """Timed runs for a model of `blocks` blocks."""
    return args.repeats if blocks < LARGE_BLOCKS else min(args.repeats, args.large_repeats)


def build_model(args: argparse.Namespace, shape: str, blocks: int) -> models.BuiltModel:
    """The model for one table row, honouring --cache-dir / --no-cache."""
    return models.build(shape, blocks, None if args.no_cache else args.cache_dir)


def torch_quant_fusion(quant_type: int, qdsl: "QdslSide") -> Callable[[torch._C.Graph], None] | None:
    """torch's QuantFusion for `quant_type` as a function of a graph; None if unavailable.

    torch's binding runs only the static rules. For dynamic quantization this is
    torch's C++ SubgraphRewriter (`_jit_pass_custom_pattern_based_rewrite_graph`)
    running qdsl's dynamic rule strings in qdsl's order, which is what upstream's
    QuantFusion(DYNAMIC) does with its own strings (they have no filters).
    """
    if quant_type == 1:
        return torch._C._jit_pass_quant_fusion
    rules = None if qdsl.unavailable else qdsl.dynamic_fusion_rules()
    if rules is None:
        return None

    def run_dynamic(graph: torch._C.Graph) -> None:
        for pattern, replacement in rules:
            torch._C._jit_pass_custom_pattern_based_rewrite_graph(pattern, replacement, graph)
    return run_dynamic


class QdslSide:
    """qdsl's finalize API, imported on first use; `unavailable` says why it cannot run."""

    def __init__(self) -> None:
        self.unavailable: str | None = None
        try:
            self._api = importlib.import_module("qdsl.backends.torchscript.finalize")
            from qdsl import default_rules

            self.rules = default_rules()
        except Exception as error:  # any failure means: no qdsl columns, reason printed
            self.unavailable = f"{type(error).__name__}: {error}"
            return
        if not len(self.rules):
            self.unavailable = "qdsl.default_rules() is empty (generated/ not compiled: run `make compile`)"

    def quant_fusion(self, graph: torch._C.Graph, quant_type: int) -> None:
        """qdsl's QuantFusion on `graph`, in place."""
        self._api.quant_fusion(graph, quant_type, rules=self.rules)

    def finalize(self, c_module: torch._C.ScriptModule, quant_type: int, timings: dict[str, float] | None = None,
                 clock: Callable[[], float] = time.process_time) -> torch._C.ScriptModule:
        """qdsl's finalize working on `c_module` itself, as torch's pass does (the
        benchmark hands each run its own clone, made outside the timed region); with
        `timings`, each step's `clock` seconds are added under its name (QDSL_STAGES)."""
        return self._api.finalize(c_module, quant_type, [], rules=self.rules, inplace=True, timings=timings,
                                  clock=clock)

    def finalize_as_users_do(self, c_module: torch._C.ScriptModule, quant_type: int, timings: dict[str, float],
                             clock: Callable[[], float] = time.perf_counter) -> torch._C.ScriptModule:
        """`qdsl.finalize(c_module, quant_type, timings=timings, clock=clock)`: the shipped
        rules, and the caller's module left untouched (qdsl clones it)."""
        return self._api.finalize(c_module, quant_type, [], timings=timings, clock=clock)

    def dynamic_fusion_rules(self) -> list[tuple[str, str]] | None:
        """(pattern, replacement) IR of qdsl's dynamic fusion rules, for torch's
        SubgraphRewriter; None when a rule has a guard (the binding takes no filters)."""
        from qdsl.backends.torchscript import FUSION_DYNAMIC
        from qdsl.backends.torchscript.compiled import rendered

        rules = self.rules.for_stage(FUSION_DYNAMIC)
        if not rules or any(rule.guard is not None for rule in rules):
            return None
        return [rendered(rule) for rule in rules]


def forget_qdsl() -> None:
    """Drop the qdsl modules this process imported (the harness and the zoo use some), so
    that the next `import qdsl` executes every module again, as a user's first one does."""
    for name in [name for name in sys.modules if name == "qdsl" or name.startswith("qdsl.")]:
        del sys.modules[name]
