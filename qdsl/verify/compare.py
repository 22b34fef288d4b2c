"""How far a replacement's results are from the pattern's, in quantization steps.

Quantized results must agree in shape, dtype and scheme; their difference is the largest
difference of their integer codes, in steps. Where their qparams differ (kernels such as
`add_scalar` shift the zero point to keep the range), their dequantized values are
compared in steps of the pattern's result, and the qparams difference is noted: a rule
whose results differ only so is never `exact`. Scales equal to float32 precision count as
equal (kernels keep them as float32). Integer results (PT2E's codes) differ by codes.
Float results (dynamic quantization) have no step of their own: their difference is
measured in steps of an 8-bit grid spanning the pattern result's range (0 included), so 1
step is what one quantization step of that result would be. Other values must be equal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import torch

SCALE_PRECISION = 2.0 ** -23
"""Relative difference of two scales that still counts as equal (float32 rounding)."""


@dataclass(frozen=True)
class Difference:
    """How the replacement's results differ from the pattern's on one sample."""

    steps: float
    """The largest difference of an element, in steps (0 when equal)."""
    mean: float
    """The mean difference over all elements, in steps."""
    differing: int
    """Elements that differ."""
    elements: int
    """Elements compared."""
    mismatch: str = ""
    """Why the results cannot be compared element by element ('' when they can)."""
    where: str = ""
    """The output and index of the largest difference, or of the mismatch."""
    note: str = ""
    """How the quantized results' qparams differ, when they do (their values are compared)."""

    @property
    def exact(self) -> bool:
        return not self.mismatch and not self.note and self.differing == 0


def compare(pattern: Sequence[Any], replacement: Sequence[Any]) -> Difference:
    """The difference of two result tuples (element-wise over outputs and lists)."""
    parts = [_compare(p, r, f"output {i}") for i, (p, r) in enumerate(zip(pattern, replacement))]
    if len(pattern) != len(replacement):
        parts.append(_mismatch(f"{len(pattern)} results vs {len(replacement)}", "results"))
    return _combine(parts)


def _combine(parts: list[Difference]) -> Difference:
    if not parts:
        return Difference(0.0, 0.0, 0, 0)
    mismatched = [part for part in parts if part.mismatch]
    if mismatched:
        return mismatched[0]
    worst = max(parts, key=lambda part: part.steps)
    elements = sum(part.elements for part in parts)
    mean = sum(part.mean * part.elements for part in parts) / elements if elements else 0.0
    note = "; ".join(part.note for part in parts if part.note)
    return Difference(worst.steps, mean, sum(part.differing for part in parts), elements, "", worst.where, note)


def _mismatch(message: str, where: str) -> Difference:
    return Difference(float("inf"), float("inf"), 1, 1, message, where)


def _compare(pattern: Any, replacement: Any, where: str) -> Difference:
    if isinstance(pattern, (list, tuple)) and isinstance(replacement, (list, tuple)):
        if len(pattern) != len(replacement):
            return _mismatch(f"lists of {len(pattern)} and {len(replacement)} elements", where)
        return _combine([_compare(p, r, f"{where}[{i}]") for i, (p, r) in enumerate(zip(pattern, replacement))])
    if isinstance(pattern, torch.Tensor) and isinstance(replacement, torch.Tensor):
        return _tensors(pattern, replacement, where)
    if type(pattern) is not type(replacement) or pattern != replacement:
        return _mismatch(f"{pattern!r} vs {replacement!r}", where)
    return Difference(0.0, 0.0, 0, 1)


def _tensors(pattern: torch.Tensor, replacement: torch.Tensor, where: str) -> Difference:
    if pattern.is_quantized != replacement.is_quantized:
        shown = {True: "quantized", False: "float"}
        return _mismatch(f"{shown[pattern.is_quantized]} vs {shown[replacement.is_quantized]} result", where)
    if pattern.shape != replacement.shape:
        return _mismatch(f"shape {tuple(pattern.shape)} vs {tuple(replacement.shape)}", where)
    if pattern.dtype != replacement.dtype:
        return _mismatch(f"dtype {pattern.dtype} vs {replacement.dtype}", where)
    note = ""
    if pattern.is_quantized:
        if pattern.qscheme() != replacement.qscheme():
            return _mismatch(f"qscheme {pattern.qscheme()} vs {replacement.qscheme()}", where)
        note = _qparams_difference(pattern, replacement)
        if note:
            steps = (dequantized(pattern) - dequantized(replacement)).abs() / _steps(pattern)
        else:
            codes = pattern.int_repr().to(torch.int64) - replacement.int_repr().to(torch.int64)
            steps = codes.abs().to(torch.float64)
    elif not pattern.is_floating_point():
        steps = (pattern.to(torch.int64) - replacement.to(torch.int64)).abs().to(torch.float64)
    else:
        reference = pattern.to(torch.float64)
        finite = reference[reference.isfinite()]
        low = min(float(finite.min()), 0.0) if finite.numel() else 0.0
        high = max(float(finite.max()), 0.0) if finite.numel() else 0.0
        unit = (high - low) / 255 or 1.0
        other = replacement.to(torch.float64)
        difference = (reference - other).abs()
        alike = (reference.isnan() & other.isnan()) | (reference == other)
        steps = torch.where(alike, torch.zeros_like(difference), difference.nan_to_num(nan=float("inf"))) / unit
    if steps.numel() == 0:
        return Difference(0.0, 0.0, 0, 0)
    worst = int(steps.flatten().argmax())
    index = tuple(int(i) for i in torch.unravel_index(torch.tensor(worst), steps.shape))
    return Difference(float(steps.max()), float(steps.mean()), int((steps > 0).sum()), steps.numel(), "",
                      f"{where} at {index}", note and f"{where}: {note}")


def dequantized(tensor: torch.Tensor) -> torch.Tensor:
    """The values of a quantized tensor, computed in float64 from its codes (exact for the
    comparisons: float32 dequantization rounds)."""
    codes = tensor.int_repr().to(torch.float64)
    if tensor.qscheme() in (torch.per_tensor_affine, torch.per_tensor_symmetric):
        return (codes - tensor.q_zero_point()) * tensor.q_scale()
    shape = [1] * tensor.dim()
    shape[tensor.q_per_channel_axis()] = -1
    zero_points = tensor.q_per_channel_zero_points().to(torch.float64).reshape(shape)
    return (codes - zero_points) * tensor.q_per_channel_scales().to(torch.float64).reshape(shape)


def _steps(tensor: torch.Tensor) -> torch.Tensor:
    """The quantization step of each element."""
    if tensor.qscheme() in (torch.per_tensor_affine, torch.per_tensor_symmetric):
        return torch.tensor(tensor.q_scale(), dtype=torch.float64)
    shape = [1] * tensor.dim()
    shape[tensor.q_per_channel_axis()] = -1
    return tensor.q_per_channel_scales().to(torch.float64).reshape(shape)


def _qparams_difference(pattern: torch.Tensor, replacement: torch.Tensor) -> str:
    """'' when both have the same qparams, else how they differ."""
    if pattern.qscheme() in (torch.per_tensor_affine, torch.per_tensor_symmetric):
        pairs = [(pattern.q_scale(), replacement.q_scale(), pattern.q_zero_point(), replacement.q_zero_point())]
    else:
        pairs = list(zip(pattern.q_per_channel_scales().tolist(), replacement.q_per_channel_scales().tolist(),
                         pattern.q_per_channel_zero_points().tolist(),
                         replacement.q_per_channel_zero_points().tolist()))
    for scale, other_scale, zero_point, other_zero_point in pairs:
        if abs(scale - other_scale) > SCALE_PRECISION * max(abs(scale), abs(other_scale)):
            return f"scale {scale!r} vs {other_scale!r}"
        if zero_point != other_zero_point:
            return f"zero point {zero_point} vs {other_zero_point}"
    return ""
