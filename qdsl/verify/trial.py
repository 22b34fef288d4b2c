"""One trial: a rule's replacement run on a sample its pattern ran on, and what came out.

Besides the results, a trial compares what both sides leave in their inputs: a
replacement may write into a capture only where the pattern writes into that capture's
dequantized value (upstream's `add_scalar_out(a, b, a)` stands for `add_(dq(a), b)`),
or where its backend guarantees no one else sees the write (`protected_writes`); any
other write changes what the capture's other users see.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import torch

from ..core.backend import backend_info
from . import dynamic, interpret
from .closure import ClosedRule
from .compare import Difference, compare, dequantized
from .describe import describe
from .sampler import Sample, copy


@dataclass(frozen=True)
class Trial:
    """The replacement's run on one sample."""

    difference: Difference | None
    """How its results differ from the pattern's; None when it did not run."""
    missing_kernel: str = ""
    """The replacement has no kernel for these inputs on this engine (the message)."""
    raised: str = ""
    """The replacement raised although the pattern ran (the message)."""
    crashed: bool = False
    """The replacement would make a call whose geometry crashed the process before (not run)."""
    results: tuple = ()
    """The replacement's results."""

    def wrong(self, tolerance: float) -> bool:
        if self.raised:
            return True
        return self.difference is not None and (bool(self.difference.mismatch) or self.difference.steps > tolerance)

    @property
    def failure_class(self) -> str:
        """What kind of difference (shrinking keeps it): raised, mismatch, steps or none."""
        if self.raised:
            return "raised"
        if self.difference is None:
            return "none"
        if self.difference.mismatch:
            return "writes" if self.difference.where.startswith("capture") else "mismatch"
        return "steps" if self.difference.steps > 0 else "none"


def cause(closed: ClosedRule, sample: Sample, trial: Trial, tolerance: float) -> str:
    """Why a wrong trial is wrong: `raises` (the replacement raised), `reference` (the float32
    pattern's own rounding: see `_float32_rounding`), `kernel` (a kernel's result
    changes with its inputs' memory layout alone, from run to run, or when its output argument
    is also its input, or another engine's kernels are right on the sample), `requantization` (the
    replacement picks its own output qparams and differs only by that), or `rule`."""
    if trial.raised:
        return "raises"
    if trial.difference is not None and trial.difference.where.startswith("capture"):
        return "rule"
    if _float32_rounding(closed, sample, trial, tolerance):
        return "reference"
    if _layout_dependent(closed, sample, tolerance) or _nondeterministic(closed, sample, trial) \
            or _alias_dependent(closed, sample, tolerance) or _right_on_another_engine(closed, sample, tolerance):
        return "kernel"
    if not trial.difference.mismatch and trial.difference.note and _requantized(closed, sample, trial, tolerance):
        return "requantization"
    return "rule"


def _relaid(value: Any) -> Any:
    """The same values in another memory layout, whose strides (size-1 dimensions' included)
    no result may depend on: channels last for 3- to 5-dimensional tensors (quantize keeps
    only that layout), column-major for matrices."""
    if isinstance(value, list):
        return [_relaid(item) for item in value]
    if not isinstance(value, torch.Tensor) or value.dim() < 2 or (
            value.is_quantized and value.qscheme() != torch.per_tensor_affine):
        return copy(value)
    if value.dim() == 3:
        return _relaid(value.unsqueeze(-1)).squeeze(-1)
    if value.dim() == 2:
        return value.clone().t().contiguous().t()
    if value.dim() > 5:
        return copy(value)
    sizes = list(value.shape)
    order = [1] + list(range(value.dim() - 1, 1, -1)) + [0]
    strides = [0] * value.dim()
    step = 1
    for dim in order:
        strides[dim] = step
        step *= sizes[dim]
    floats = torch.empty_strided(sizes, strides, dtype=torch.float32 if value.is_quantized else value.dtype)
    if not value.is_quantized:
        return floats.copy_(value)
    floats.copy_(value.dequantize())
    return torch.quantize_per_tensor(floats, value.q_scale(), value.q_zero_point(), value.dtype)


def _layout_dependent(closed: ClosedRule, sample: Sample, tolerance: float) -> bool:
    """Whether both sides agree when only the captures' memory layout changes (as laid out
    themselves, or as one more leading dimension of size 1 would lay them out): then a
    kernel's result depends on the layout."""
    for relay in (_relaid, _relaid_with_leading_dimension):
        relaid = [relay(value) for value in sample.captures]
        try:
            pattern = dynamic.reference(closed, relaid, interpret.evaluate(closed.pattern, [copy(v) for v in relaid]))
            replacement = interpret.outputs(closed.replacement, interpret.evaluate(closed.replacement, relaid))
        except (interpret.MissingKernel, interpret.NodeFailed, interpret.KnownCrash):
            continue
        difference = compare(pattern, replacement)
        if not difference.mismatch and difference.steps <= tolerance:
            return True
    return False


def _alias_dependent(closed: ClosedRule, sample: Sample, tolerance: float) -> bool:
    """Whether the replacement is right (or only requantizes) once no call writes into an
    argument that is also another of its arguments (`add_scalar_out(a, b, a)`): then the
    kernel mishandles that aliasing."""
    if not _aliases(closed.replacement):
        return False
    try:
        results = _outputs(closed.replacement, sample.captures, unalias=True)
    except (interpret.MissingKernel, interpret.NodeFailed, interpret.KnownCrash):
        return False
    expected = dynamic.reference(closed, sample.captures, sample.pattern)
    unaliased = Trial(compare(expected, results), results=results)
    if not unaliased.wrong(tolerance):
        return True
    return not unaliased.difference.mismatch and bool(unaliased.difference.note) \
        and _requantized(closed, sample, unaliased, tolerance)


def _float32_rounding(closed: ClosedRule, sample: Sample, trial: Trial, tolerance: float) -> bool:
    """Whether the replacement agrees with the pattern computed with each float ATen op in
    float64 (its result rounded to float32 once): then the difference is the float32
    pattern's own rounding (an instance_norm of one element is 0, the float32 op gives
    -5e-5, which an output scale calibrated on such values makes many steps)."""
    graph = closed.pattern
    env: list = [interpret.MISSING] * len(graph.values)
    for index, value in zip(graph.inputs, sample.captures):
        env[index] = copy(value)
    try:
        for node in graph.nodes:
            arguments = [env[index] for index in node.inputs]
            widened = [_retyped(value, torch.float32, torch.float64) for value in arguments]
            try:
                outputs = interpret.run_node(node, widened) if node.op.startswith("aten::") else None
            except interpret.NodeFailed:
                outputs = None
            if outputs is None:
                outputs = interpret.run_node(node, arguments)
            for index, value in zip(node.outputs, outputs):
                env[index] = _retyped(value, torch.float64, torch.float32)
    except (interpret.MissingKernel, interpret.NodeFailed, interpret.KnownCrash):
        return False
    expected = dynamic.reference(closed, sample.captures, env)
    return not Trial(compare(expected, trial.results), results=trial.results).wrong(tolerance)


def _retyped(value: Any, source: torch.dtype, target: torch.dtype) -> Any:
    if isinstance(value, list):
        return [_retyped(item, source, target) for item in value]
    if isinstance(value, torch.Tensor) and value.dtype == source:
        return value.to(target)
    return value


SCRUB_FILLS = (0.0, 1e4)
"""Values freed heap memory is filled with before the two runs of `reads_freed_memory`."""


def reads_freed_memory(closed: ClosedRule, sample: Sample) -> bool:
    """Whether a side's results change with what freed heap memory holds: a kernel reads
    memory it did not write (oneDNN's int8 conv, when a dilated kernel's taps all fall on
    padding). Such a sample says nothing about the rule, and its verdict would change from
    run to run."""
    outcomes = []
    for fill in SCRUB_FILLS:
        results = []
        for graph in (closed.pattern, closed.replacement):
            _scrub(fill)
            try:
                results.append(_outputs(graph, sample.captures))
            except (interpret.MissingKernel, interpret.NodeFailed, interpret.KnownCrash):
                return False
        outcomes.append(results)
    return not all(same(tuple(first), tuple(second)) for first, second in zip(*outcomes))


def _scrub(fill: float) -> None:
    """Fill the heap's small free chunks with `fill` (allocate them, then free them again)."""
    chunks = [torch.full((size,), fill) for size in range(1, 400)]
    del chunks


def _right_on_another_engine(closed: ClosedRule, sample: Sample, tolerance: float) -> bool:
    """Whether another quantized engine's kernels give the pattern's results on the same
    sample: the rule computes the pattern's function, this engine's kernel differs."""
    current = torch.backends.quantized.engine
    others = [engine for engine in torch.backends.quantized.supported_engines if engine not in ("none", current)]
    try:
        for engine in others:
            torch.backends.quantized.engine = engine
            trial = run_trial(closed, sample, may_write(closed))
            if trial.difference is not None and not trial.wrong(tolerance):
                return True
    finally:
        torch.backends.quantized.engine = current
    return False


def _aliases(graph) -> bool:
    """Some call of `graph` writes into an argument it is also given as another argument."""
    for node in graph.nodes:
        if node.constant is None:
            parameters = interpret.schema(node).arguments
            for position, (parameter, value) in enumerate(zip(parameters, node.inputs)):
                if parameter.alias_info is not None and parameter.alias_info.is_write \
                        and value in node.inputs[:position] + node.inputs[position + 1:]:
                    return True
    return False


def _nondeterministic(closed: ClosedRule, sample: Sample, trial: Trial) -> bool:
    """Whether a side's results change from one run to the next on the same inputs (a kernel
    reading memory it did not write)."""
    for graph, expected in ((closed.replacement, trial.results),
                            (closed.pattern, interpret.outputs(closed.pattern, sample.pattern))):
        for _ in range(2):
            try:
                again = _outputs(graph, sample.captures)
            except (interpret.MissingKernel, interpret.NodeFailed):
                return True
            except interpret.KnownCrash:
                return False
            if not same(tuple(again), tuple(expected)):
                return True
    return False


def _relaid_with_leading_dimension(value: Any) -> Any:
    if isinstance(value, list):
        return [_relaid_with_leading_dimension(item) for item in value]
    if isinstance(value, torch.Tensor) and 3 <= value.dim() <= 4:
        return _relaid(value.unsqueeze(0)).squeeze(0)
    return copy(value)


def _requantized(closed: ClosedRule, sample: Sample, trial: Trial, tolerance: float) -> bool:
    """The replacement chose other output qparams, and its values differ from the pattern's
    only where the pattern's final quantize saturates, or by at most `tolerance` + 1 of its
    own steps (the pattern's rounding, then its own)."""
    graph = closed.pattern
    for output, replaced in zip(graph.outputs, trial.results):
        expected = sample.pattern[output]
        if not (isinstance(expected, torch.Tensor) and isinstance(replaced, torch.Tensor) and expected.is_quantized
                and replaced.is_quantized):
            return False
        producer = graph.producers[output]
        node = graph.nodes[producer] if producer is not None else None
        if node is None or node.op != "aten::quantize_per_tensor" or expected.qscheme() != torch.per_tensor_affine \
                or replaced.qscheme() != torch.per_tensor_affine:
            return False
        unclamped = torch.round(sample.pattern[node.inputs[0]] / expected.q_scale()) + expected.q_zero_point()
        info = torch.iinfo(expected.int_repr().dtype)
        saturated = (unclamped < info.min) | (unclamped > info.max)
        steps = (dequantized(expected) - dequantized(replaced)).abs() / replaced.q_scale()
        if not bool((saturated | (steps <= tolerance + 1)).all()):
            return False
    return True


def may_write(closed: ClosedRule) -> frozenset[int]:
    """Captures the replacement may leave changed: those whose dequantized value the pattern
    writes into in place, and those the backend protects (`protected_writes`)."""
    graph = closed.pattern
    allowed = set(protected_writes(closed))
    for value in interpret.writes(graph):
        producer = graph.producers[value]
        if producer is not None and graph.nodes[producer].op == "aten::dequantize":
            allowed.add(graph.nodes[producer].inputs[0])
    return frozenset(allowed)


def protected_writes(closed: ClosedRule) -> frozenset[int]:
    """Captures a replacement call writes into (directly or through a view of them), on a
    backend whose rewriter hands such a call a copy whenever anything can observe the write."""
    if not backend_info(closed.rule.stage.backend).copies_observed_writes:
        return frozenset()
    graph = closed.replacement
    protected = set()
    for written in interpret.writes(graph):
        value = written
        while graph.producers[value] is not None:
            node = graph.nodes[graph.producers[value]]
            returned = interpret.schema(node).returns if node.constant is None else ()
            if not (returned and returned[0].alias_info is not None and node.inputs):
                break
            value = node.inputs[0]
        if graph.producers[value] is None:
            protected.add(closed.pattern.index_of[graph.values[value].name])
    return frozenset(protected)


def run_trial(closed: ClosedRule, sample: Sample, allowed_writes: frozenset[int],
              replacement=None, captures=None) -> Trial:
    """Run the replacement (default: the closed rule's) on copies of the sample's captures."""
    graph = replacement if replacement is not None else closed.replacement
    inputs = [copy(value) for value in (captures if captures is not None else sample.captures)]
    try:
        env = interpret.evaluate(graph, inputs)
    except interpret.MissingKernel as error:
        return Trial(None, missing_kernel=str(error))
    except interpret.NodeFailed as error:
        return Trial(None, raised=str(error))
    except interpret.KnownCrash:
        return Trial(None, crashed=True)
    results = interpret.outputs(graph, env)
    expected = dynamic.reference(closed, sample.captures, sample.pattern)
    difference = compare(expected, results)
    if not difference.mismatch and replacement is None:
        for index in closed.pattern.inputs:
            if index not in allowed_writes and not same(sample.pattern[index], env[index]):
                name = closed.pattern.values[index].name
                difference = Difference(float("inf"), float("inf"), 1, 1,
                                        f"capture '{name}' ends as {describe(env[index])} after the replacement, "
                                        f"as {describe(sample.pattern[index])} after the pattern", f"capture {name}")
                break
    return Trial(difference, results=results)


def _outputs(graph, captures: Sequence[Any], unalias: bool = False) -> tuple:
    """The results of `graph` run on copies of `captures` (which stay as they are)."""
    return interpret.outputs(graph, interpret.evaluate(graph, [copy(v) for v in captures], unalias))


def same(first: Any, second: Any) -> bool:
    """Equal values (quantized tensors: codes and qparams; floats: NaN equals NaN)."""
    if isinstance(first, (list, tuple)) and isinstance(second, (list, tuple)):
        return len(first) == len(second) and all(same(a, b) for a, b in zip(first, second))
    if isinstance(first, torch.Tensor) and isinstance(second, torch.Tensor):
        if first.is_quantized != second.is_quantized or first.shape != second.shape:
            return False
        if first.is_quantized:
            return compare([first], [second]).exact
        return torch.equal(first.nan_to_num(), second.nan_to_num())
    return type(first) is type(second) and first == second
