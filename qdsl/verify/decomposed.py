"""Families of PT2E graphs' ops: decomposed quantization (`quantized_decomposed::`) and the
oneDNN int8 kernels (`onednn::`) earlier rules make.

PT2E graphs keep quantized values as plain integer tensors with their qparams beside them:
`dequantize_per_tensor(codes, scale, zero_point, quant_min, quant_max, dtype, out_dtype)`.
A capture dequantized so is drawn as codes of that dtype (the sampler's `codes` kind);
these families draw the qparams and the code range: the dtype's whole range, activation
scales from the table, weights with one scale per channel and zero points 0 (what
torchao's quantizers make, and what the oneDNN kernels assume). A oneDNN conv or linear
kernel's arguments are drawn as its float op's (`qx` as `input`, its packed `qw` as the
weight the packing call takes), with per-channel weight qparams and an accumulator of
the output's shape.
"""

from __future__ import annotations

import torch

from .draws import Draws
from .families import conv_arguments, linear_arguments
from .qparams import SCALES, WEIGHT_SCALES, float32, observed_qparams
from .specs import Context, Exactly, Family, NodeView, TensorSpec

CODE_DTYPES = {0: torch.uint8, 1: torch.int8, 2: torch.int16, 3: torch.int32}
"""ScalarType numbers of the integer dtypes codes have."""


def code_range(dtype_number) -> tuple[int, int]:
    """The codes a dtype holds (uint8 when the dtype is not a constant the rule wrote)."""
    info = torch.iinfo(CODE_DTYPES.get(dtype_number, torch.uint8))
    return info.min, info.max


def _reads(*names: str):
    return lambda view: tuple(view.index(name) for name in names if view.has(name))


def _range_specs(view: NodeView) -> tuple[int, int, dict]:
    low, high = code_range(view.value("dtype"))
    return low, high, {"quant_min": Exactly(low), "quant_max": Exactly(high)}


def _dequantize_per_tensor(draws: Draws, view: NodeView, ctx: Context) -> dict:
    """Also for the `.tensor` overload (dynamic quantization), whose qparams are 0-dim tensors."""
    low, high, specs = _range_specs(view)
    scale, zero_point = float32(draws.pick(SCALES)), low + draws.integer(high - low + 1)
    if view.node.overload == "tensor":
        scale, zero_point = torch.tensor(scale, dtype=torch.float64), torch.tensor(zero_point, dtype=torch.int64)
    specs.update(scale=Exactly(scale), zero_point=Exactly(zero_point))
    return specs


def _dequantize_per_channel(draws: Draws, view: NodeView, ctx: Context) -> dict:
    _, _, specs = _range_specs(view)
    codes, axis = view.value("input"), view.value("axis")
    channels = codes.shape[axis] if isinstance(codes, torch.Tensor) and isinstance(axis, int) and codes.dim() else 1
    scales = torch.tensor([float32(draws.pick(WEIGHT_SCALES)) for _ in range(channels)], dtype=torch.float32)
    specs.update(scales=Exactly(scales), zero_points=Exactly(torch.zeros(channels, dtype=torch.int64)))
    return specs


def _quantize_per_tensor(draws: Draws, view: NodeView, ctx: Context) -> dict:
    low = view.value("quant_min")
    high = view.value("quant_max")
    if not (isinstance(low, int) and isinstance(high, int)):
        low, high = code_range(view.value("dtype"))
    scale, zero_point = observed_qparams(draws, view.value("input"), low, high)
    return {"scale": Exactly(scale), "zero_point": Exactly(zero_point)}


def _weight_qparams(draws: Draws, channels: int) -> dict:
    scales = torch.tensor([float32(draws.pick(WEIGHT_SCALES)) for _ in range(channels)], dtype=torch.float32)
    return {"w_scale": Exactly(scales), "w_zero_point": Exactly(torch.zeros(channels, dtype=torch.int64))}


def _activation_qparams(draws: Draws, view: NodeView) -> dict:
    """The input's qparams: numbers, or 0-dim tensors for the `.tensor` overloads."""
    scale, zero_point = float32(draws.pick(SCALES)), draws.integer(256)
    if "tensor" in view.node.overload:
        scale, zero_point = torch.tensor(scale, dtype=torch.float64), torch.tensor(zero_point, dtype=torch.int64)
    return {"x_scale": Exactly(scale), "x_zero_point": Exactly(zero_point)}


def _onednn_conv(draws: Draws, view: NodeView, ctx: Context) -> dict:
    d = 2 if "conv2d" in view.op else view.list_length("stride") or draws.pick((2, 1))
    arguments = conv_arguments(draws, view, ctx, d)
    weight, source = arguments.pop("weight"), arguments.pop("input")
    out, kernel = weight.shape[0], weight.shape[2:]
    batch, _, *spatial = source.shape
    output = tuple(
        (size + 2 * pad - dil * (k - 1) - 1) // step + 1
        for size, k, pad, dil, step in zip(spatial, kernel, arguments["padding"].value, arguments["dilation"].value,
                                           arguments["stride"].value))
    return {**arguments, "qx": source, "qw": weight, "qaccum": TensorSpec((batch, out, *output), "float"),
            **_weight_qparams(draws, out), **_activation_qparams(draws, view)}


def _onednn_linear(draws: Draws, view: NodeView, ctx: Context) -> dict:
    arguments = linear_arguments(draws, view, ctx)
    weight, source = arguments.pop("weight"), arguments.pop("input")
    out = weight.shape[0]
    return {**arguments, "qx": source, "qw": weight, "other": TensorSpec((*source.shape[:-1], out), "float"),
            **_weight_qparams(draws, out), **_activation_qparams(draws, view)}


FAMILIES = {
    "onednn::qconv_pointwise": Family(_onednn_conv),
    "onednn::qconv2d_pointwise": Family(_onednn_conv),
    "onednn::qlinear_pointwise": Family(_onednn_linear),
    "quantized_decomposed::dequantize_per_tensor": Family(_dequantize_per_tensor, _reads("dtype")),
    "quantized_decomposed::dequantize_per_channel": Family(_dequantize_per_channel, _reads("input", "axis", "dtype")),
    "quantized_decomposed::quantize_per_tensor": Family(_quantize_per_tensor,
                                                         _reads("input", "quant_min", "quant_max", "dtype")),
}
"""Decomposed quantization op -> its family."""
DEQUANTIZE = ("quantized_decomposed::dequantize_per_tensor", "quantized_decomposed::dequantize_per_channel")
"""Ops whose first input is a tensor of codes."""
PACKING = ("onednn::qconv_prepack", "onednn::qlinear_prepack")
"""Ops whose result is their first input (a weight) packed: a demand on the result is one on
the weight."""
