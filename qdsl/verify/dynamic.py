"""Kernels that quantize a float input themselves, and the reference their rules are held to.

`quantized::linear_dynamic(x, packed, reduce_range)` takes a float `x` and quantizes it
per call (qparams from its range, as `aten::_choose_qparams_per_tensor` chooses them);
upstream's dynamic rules put it where the pattern multiplies a float activation with a
dequantized weight. Such a replacement cannot equal the pattern on `x`, only the pattern
on `x` as the kernel quantizes it: that is the reference its results are compared with
(a dropped relu or another weight still differs from it; the rounding of `x` does not).
A pattern that quantizes `x` itself (`linear_dynamic`) is its own reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import torch

from . import interpret
from .closure import ClosedRule
from .sampler import copy

QUANTIZING_KERNELS = {"quantized::linear_dynamic": ("X", "reduce_range")}
"""Kernel -> (its float input quantized per call, its reduce_range argument)."""
PATTERN_QUANTIZES = frozenset({"aten::_choose_qparams_per_tensor", "aten::quantize_per_tensor",
                               "aten::quantize_per_tensor_dynamic"})
"""A pattern that applies one of these to a capture quantizes it itself."""


@dataclass(frozen=True)
class QuantizedInput:
    """A capture a replacement kernel quantizes per call."""

    capture: int
    """Its index among the closed pattern's values."""
    reduce_range: int | None
    """The replacement's value index of the kernel's reduce_range argument (None: absent, false)."""
    kernel: str
    """The kernel."""


def quantized_inputs(closed: ClosedRule) -> tuple[QuantizedInput, ...]:
    """The captures a replacement kernel quantizes and the pattern uses in float."""
    graph, pattern = closed.replacement, closed.pattern
    found = []
    for node in graph.nodes:
        if node.op not in QUANTIZING_KERNELS:
            continue
        source, flag = QUANTIZING_KERNELS[node.op]
        names = list(node.argument_names)
        value = node.inputs[names.index(source)]
        if graph.producers[value] is not None:
            continue
        capture = pattern.index_of[graph.values[value].name]
        if any(capture in used.inputs and used.op in PATTERN_QUANTIZES for used in pattern.nodes):
            continue
        reduce_range = node.inputs[names.index(flag)] if flag in names else None
        found.append(QuantizedInput(capture, reduce_range, node.op))
    return tuple(found)


def _as_kernels_see(closed: ClosedRule, inputs: tuple[QuantizedInput, ...], captures: Sequence[Any]) -> list:
    """The captures with each input the replacement quantizes replaced by its quantized value
    (dequantized again), as the kernel computes with it."""
    if not inputs:
        return list(captures)
    by_capture = dict(zip(closed.pattern.inputs, captures))
    seen = list(captures)
    for item in inputs:
        value = by_capture[item.capture]
        if not isinstance(value, torch.Tensor) or value.is_quantized or not value.is_floating_point():
            continue
        reduce_range = bool(_value(closed, item.reduce_range, by_capture)) if item.reduce_range is not None else False
        scale, zero_point = torch.ops.aten._choose_qparams_per_tensor(value, reduce_range)
        quantized = torch.quantize_per_tensor(value, scale, zero_point, torch.quint8).dequantize()
        seen[closed.pattern.inputs.index(item.capture)] = quantized
    return seen


def _value(closed: ClosedRule, index: int, by_capture: dict) -> Any:
    """A replacement value that is a literal or a capture (a computed one reads as false, the
    kernel's default)."""
    graph = closed.replacement
    producer = graph.producers[index]
    if producer is None:
        return by_capture[closed.pattern.index_of[graph.values[index].name]]
    node = graph.nodes[producer]
    return interpret.constant(node) if node.constant is not None else False


def reference(closed: ClosedRule, captures: Sequence[Any], pattern_env: list) -> tuple:
    """The results the replacement is held to: the pattern's (`pattern_env`: the pattern
    evaluated on `captures`), or, where a replacement kernel quantizes a capture itself,
    the pattern's on the captures as the kernels see them."""
    inputs = quantized_inputs(closed)
    if not inputs:
        return interpret.outputs(closed.pattern, pattern_env)
    seen = _as_kernels_see(closed, inputs, [copy(value) for value in captures])
    return interpret.outputs(closed.pattern, interpret.evaluate(closed.pattern, seen))


def note(closed: ClosedRule, inputs: tuple[QuantizedInput, ...]) -> str:
    names = ", ".join(f"'{closed.pattern.values[item.capture].name}'" for item in inputs)
    kernels = ", ".join(dict.fromkeys(item.kernel for item in inputs))
    return (f"{kernels} quantizes {names} per call: compared with the pattern on {names} quantized so "
            "(the rounding of a float activation is the kernel's contract)")
