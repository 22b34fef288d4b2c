"""What the benchmark scripts share: clones, timing, graph comparison, CSV, and the
small adapter through which every qdsl call goes.

Torch's side is called directly (`torch._C._jit_pass_*`). qdsl's side is reached only
through `QdslSide`, so that the benchmarks run (torch columns filled, qdsl columns
empty) while qdsl is missing or broken, and the reason is printed instead.
"""

from __future__ import annotations

import argparse
import csv
import gc
import importlib
import inspect
import re
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import torch
from torch.jit._recursive import wrap_cpp_module

import models

RESULTS_DIR = Path(__file__).resolve().parent / "results"

QDSL_STAGES = ("clear", "prepack", "fusion", "freeze", "fold")
"""qdsl's finalize stages, in the driver's order."""


def clone_module(c_module: torch._C.ScriptModule) -> torch._C.ScriptModule:
    """A copy with its own class types: its method graphs are its own.

    `copy.copy`/`copy.deepcopy` share the class type and so the graphs, and torch's
    finalize edits its input's `forward` graph in place.
    """
    return torch._C._hack_do_not_use_clone_module_with_class(c_module, [], [])


def forward_graph(c_module: torch._C.ScriptModule) -> torch._C.Graph:
    """The graph of `forward`."""
    return c_module._get_method("forward").graph


def run_module(c_module: torch._C.ScriptModule, *inputs: torch.Tensor):
    """`c_module(*inputs)`."""
    return wrap_cpp_module(c_module)(*inputs)


_VALUE_NAME = re.compile(r"%[\w.]+")
_SOURCE_COMMENT = re.compile(r"\s+#\s.*$")


def graph_signature(graph: torch._C.Graph) -> tuple[tuple, ...]:
    """The graph's structure without value names, types or source comments.

    One entry per node, nested blocks included, in order: the node's text from its
    kind on (kind, attributes such as constant values and GetAttr names, inputs) with
    every value renamed by order of definition. Two graphs with equal signatures have
    the same nodes in the same order, wired the same way.
    """
    numbering: dict[str, str] = {}

    def number(value: torch._C.Value) -> str:
        return numbering.setdefault(value.debugName(), f"v{len(numbering)}")

    for value in graph.inputs():
        number(value)
    entries = []

    def walk(nodes, depth: int) -> None:
        for node in nodes:
            inputs = tuple(number(value) for value in node.inputs())
            for value in node.outputs():
                number(value)
            head = str(node).split("\n", 1)[0]
            head = _SOURCE_COMMENT.sub("", head)
            call = head.split(" = ", 1)[1] if " = " in head else head
            attributes = _VALUE_NAME.sub("%", call)
            entries.append((depth, node.kind(), attributes, inputs, node.outputsSize()))
            for block in node.blocks():
                for value in block.inputs():
                    number(value)
                walk(block.nodes(), depth + 1)
                entries.append((depth + 1, "<block outputs>", tuple(number(v) for v in block.outputs())))

    walk(graph.nodes(), 0)
    entries.append((0, "<graph outputs>", tuple(number(v) for v in graph.outputs())))
    return tuple(entries)


def first_difference(left: torch._C.Graph, right: torch._C.Graph) -> str:
    """Where two graphs' signatures first differ, for a human; empty when equal."""
    a, b = graph_signature(left), graph_signature(right)
    for index, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return f"entry {index}: torch {x[1]} {x[2:]!r} / qdsl {y[1]} {y[2:]!r}"
    if len(a) != len(b):
        return f"torch has {len(a)} entries, qdsl {len(b)}"
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
            self._finalize = importlib.import_module("qdsl.driver")
            from qdsl import default_rules

            self.rules = default_rules()
        except Exception as error:  # any failure means: no qdsl columns, reason printed
            self.unavailable = f"{type(error).__name__}: {error}"
            return
        if not len(self.rules):
            self.unavailable = "qdsl.default_rules() is empty (generated/ not compiled: run `make compile`)"
            return
        self._finalize_takes_timings = "timings" in inspect.signature(self._finalize.finalize).parameters

    def quant_fusion(self, graph: torch._C.Graph, quant_type: int) -> None:
        """qdsl's QuantFusion on `graph`, in place."""
        self._finalize.quant_fusion(graph, quant_type, rules=self.rules)

    def finalize(self, c_module: torch._C.ScriptModule, quant_type: int) -> torch._C.ScriptModule:
        """qdsl's finalize working on `c_module` itself, as torch's pass does (the
        benchmark hands each run its own clone, made outside the timed region)."""
        return self._finalize.finalize(c_module, quant_type, [], rules=self.rules, inplace=True)

    def finalize_as_users_do(self, c_module: torch._C.ScriptModule, quant_type: int, timings: dict[str, float],
                             clock: Callable[[], float] = time.perf_counter) -> torch._C.ScriptModule:
        """`qdsl.finalize(c_module, quant_type, timings=timings)`: the shipped rules, and
        the caller's module left untouched (qdsl clones it), each stage's seconds added to
        `timings`, read with `clock`.

        The driver times its stages with `time.perf_counter`; for another clock that name
        is pointed at `clock` during the call, so the stage boundaries stay the driver's own.
        """
        stopwatch = time.perf_counter
        time.perf_counter = clock
        try:
            return self._finalize.finalize(c_module, quant_type, [], timings=timings)
        finally:
            time.perf_counter = stopwatch

    def finalize_by_stage(self, c_module: torch._C.ScriptModule, quant_type: int,
                          timings: dict[str, float],
                          clock: Callable[[], float] = time.process_time) -> torch._C.ScriptModule:
        """qdsl's finalize with each stage's seconds added to `timings` (QDSL_STAGES).

        Uses the driver's own `timings` parameter when it has one and `clock` is the
        wall clock the driver uses (`time.perf_counter`); otherwise runs the driver's
        stage functions in the driver's order and times them here with `clock`.
        """
        if self._finalize_takes_timings and clock is time.perf_counter:
            return self._finalize.finalize(c_module, quant_type, [], rules=self.rules,
                                           inplace=True, timings=timings)
        api = self._finalize
        start = clock()
        for method_name in c_module._method_names():
            api.clear_profiling_information(c_module._get_method(method_name).graph)
        after_clear = clock()
        graph = forward_graph(c_module)
        api.insert_prepack_unpack(graph, rules=self.rules)
        after_prepack = clock()
        api.quant_fusion(graph, quant_type, rules=self.rules)
        after_fusion = clock()
        frozen = torch._C._freeze_module(c_module, [])
        after_freeze = clock()
        api.fold_quantized_prepacking_ops(frozen)
        end = clock()
        for stage, seconds in zip(QDSL_STAGES, (after_clear - start, after_prepack - after_clear,
                                                after_fusion - after_prepack, after_freeze - after_fusion,
                                                end - after_freeze)):
            timings[stage] = timings.get(stage, 0.0) + seconds
        return frozen

    def dynamic_fusion_rules(self) -> list[tuple[str, str]] | None:
        """(pattern, replacement) of qdsl's dynamic fusion rules, for torch's
        SubgraphRewriter; None when a rule has a guard (the binding takes no filters)."""
        rules = self.rules.for_stage("fusion", "dynamic")
        if not rules or any(rule.guard is not None for rule in rules):
            return None
        return [(rule.pattern, rule.replacement) for rule in rules]
