"""Values as a rule author reads them in a counterexample: dtype, shape, qparams and contents."""

from __future__ import annotations

from typing import Any

import torch

from .compare import Difference

SHOWN_ELEMENTS = 32
"""Tensors with at most this many elements are printed in full."""
DTYPE_NAMES = {0: "uint8", 1: "int8", 2: "int16", 3: "int32", 4: "int64", 5: "float16", 6: "float32", 7: "float64",
               11: "bool", 12: "qint8", 13: "quint8", 14: "qint32", 15: "bfloat16"}


def describe(value: Any, dtype_number: bool = False) -> str:
    """A value in one line (tensors: their codes and qparams, or their values)."""
    if isinstance(value, torch.Tensor):
        return _tensor(value)
    if isinstance(value, list) and value and all(isinstance(item, torch.Tensor) for item in value):
        return "[" + "; ".join(_tensor(item) for item in value) + "]"
    if dtype_number and type(value) is int and value in DTYPE_NAMES:
        return f"{value} ({DTYPE_NAMES[value]})"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def _tensor(tensor: torch.Tensor) -> str:
    shape = "x".join(str(size) for size in tensor.shape) or "scalar"
    if tensor.is_mkldnn or tensor.layout != torch.strided:
        return f"{str(tensor.dtype).removeprefix('torch.')} {shape}, opaque ({tensor.layout})"
    if tensor.is_quantized:
        if tensor.qscheme() in (torch.per_tensor_affine, torch.per_tensor_symmetric):
            qparams = f"scale {tensor.q_scale():.9g}, zero_point {tensor.q_zero_point()}"
        else:
            scales = ", ".join(f"{s:.9g}" for s in tensor.q_per_channel_scales().tolist())
            qparams = f"per channel (axis {tensor.q_per_channel_axis()}) scales [{scales}]"
        head = f"{str(tensor.dtype).removeprefix('torch.')} {shape}, {qparams}"
        contents = tensor.int_repr()
        what = "codes"
    else:
        head = f"{str(tensor.dtype).removeprefix('torch.')} {shape}"
        contents = tensor
        what = "values"
    if tensor.numel() <= SHOWN_ELEMENTS:
        return f"{head}, {what} {_nested(contents.tolist())}"
    flat = contents.flatten().to(torch.float64)
    return f"{head}, {what} in [{float(flat.min()):g}, {float(flat.max()):g}]"


def _nested(values: Any) -> str:
    if isinstance(values, list):
        return "[" + ", ".join(_nested(item) for item in values) + "]"
    return f"{values:g}" if isinstance(values, float) else str(values)


def difference_text(difference: Difference) -> str:
    if difference.mismatch:
        return f"{difference.mismatch} ({difference.where})"
    text = (f"{difference.steps:g} steps at {difference.where}; {difference.differing} of {difference.elements} "
            f"elements differ")
    return text + (f"; {difference.note}" if difference.note else "")
