"""Output qparams as graph-mode quantization makes them (the sampler's quantize families).

An observer sets a quantize's scale and zero point from the range of the values it saw;
for some ops graph mode instead reuses the input's qparams (their output is quantized
as their input was). A rule must hold for any qparams, so draws also take ranges the
values do not span and random zero points. What these families assume is reported as
domain assumptions (`Context.assume`).
"""

from __future__ import annotations

import torch

from .draws import Draws
from .specs import Context, Exactly, NodeView

QUINT8 = 13
"""torch.quint8 as a ScalarType number: graph-mode quantization's activation dtype."""

GENERAL_VALUE_OPS = frozenset({
    "aten::avg_pool1d", "aten::avg_pool2d", "aten::avg_pool3d", "aten::adaptive_avg_pool1d",
    "aten::adaptive_avg_pool2d", "aten::adaptive_avg_pool3d", "aten::mean", "aten::upsample_nearest1d",
    "aten::upsample_nearest2d", "aten::upsample_nearest3d", "aten::upsample_linear1d",
    "aten::upsample_bilinear2d", "aten::upsample_trilinear3d", "aten::upsample_bicubic2d", "aten::clamp",
    "aten::hardtanh", "aten::hardtanh_", "aten::leaky_relu", "aten::leaky_relu_"})
"""Ops whose output (and clamp's scalar bounds) graph-mode quantization quantizes with their
input's qparams: torch's `_single_input_general_value_aten_funcs` and `_clamp_funcs`
(quantization/helper.cpp), as `convert_jit` graphs of torch 2.13 show (`q_scale(x)` feeds
the quantize; elu is observed, so it is not here)."""

SCALES = (0.1, 0.05, 0.02, 0.2, 0.5, 1.0, 0.01, 0.25)
"""Scales of drawn activations and of output qparams drawn at random."""
WEIGHT_SCALES = (0.02, 0.01, 0.05, 0.1)
"""Scales of drawn weights (per tensor, or per output channel)."""


def reduce_range_flag(draws: Draws, view: NodeView, ctx: Context) -> dict:
    if ctx.activation_max == 127:
        return {"reduce_range": Exactly(True)}
    return {}


_QUANTIZED_DTYPES = {torch.quint8: 13, torch.qint8: 12, torch.qint32: 14}
PASS_ON = frozenset({"aten::dequantize", "aten::item"})
"""Calls through which a quantized scalar bound reaches the op it bounds."""


def float32(value: float) -> float:
    """The nearest float32: observers compute qparams in float32, so graphs hold such scales."""
    return float(torch.tensor(value, dtype=torch.float32))


def _inherited_source(view: NodeView) -> int | None:
    """For a quantize that graph mode gives its input's qparams (the output of a general value
    op, or one of clamp's scalar bounds), the quantized value whose qparams those are."""
    graph, node = view.graph, view.node
    related = []
    producer = graph.producers[node.inputs[0]]
    if producer is not None:
        related.append(graph.nodes[producer])
    frontier = [node.outputs[0]]
    while frontier:
        value = frontier.pop()
        for consumer in graph.nodes:
            if value in consumer.inputs:
                if consumer.op in PASS_ON:
                    frontier.extend(consumer.outputs)
                else:
                    related.append(consumer)
    for op_node in related:
        if op_node.op in GENERAL_VALUE_OPS and op_node.inputs:
            made_by = graph.producers[op_node.inputs[0]]
            if made_by is not None and graph.nodes[made_by].op == "aten::dequantize":
                return graph.nodes[made_by].inputs[0]
    return None


def output_qparams_reads(view: NodeView) -> tuple[int, ...]:
    source = _inherited_source(view)
    return (view.index("self"),) + (() if source is None else (source,))


def output_qparams(draws: Draws, view: NodeView, ctx: Context) -> dict:
    """Output qparams as graph mode makes them: the input's for general value ops, else drawn
    by `observed_qparams`."""
    specs: dict = {"dtype": Exactly(QUINT8)} if view.sourced("dtype") else {}
    if not (view.sourced("scale") or view.sourced("zero_point")):
        return specs
    source = _inherited_source(view)
    if source is not None:
        inherited = view.value_at(source)
        per_tensor = isinstance(inherited, torch.Tensor) and inherited.is_quantized \
            and inherited.qscheme() == torch.per_tensor_affine
        if per_tensor and ctx.assume("inherited qparams", "graph mode quantizes the output (and scalar bounds) of "
                                     "clamp, hardtanh, leaky_relu, pools, mean and upsampling with the "
                                     "input's qparams"):
            return {"scale": Exactly(inherited.q_scale()), "zero_point": Exactly(inherited.q_zero_point()),
                    "dtype": Exactly(_QUANTIZED_DTYPES[inherited.dtype])}
    scale, zero_point = observed_qparams(draws, view.value("self"), 0, ctx.activation_max)
    specs.update(scale=Exactly(scale), zero_point=Exactly(zero_point))
    return specs


def observed_qparams(draws: Draws, values, low_code: int, high_code: int) -> tuple[float, int]:
    """(scale, zero point) for quantizing `values` to codes in [low_code, high_code]: as an
    observer sets them from the values' range (0 included); or for a range symmetric
    around 0; or with a random zero point; or both at random (a rule must hold for any
    qparams: an observer of values that are all >= 0 sets the lowest zero point, which
    hides a dropped relu)."""
    if isinstance(values, torch.Tensor) and values.is_floating_point():
        values = values[values.isfinite()]
    strategy = draws.integer(4)
    codes = high_code - low_code
    if strategy < 3 and isinstance(values, torch.Tensor) and values.numel() and values.is_floating_point():
        low, high = min(float(values.min()), 0.0), max(float(values.max()), 0.0)
        if strategy == 1:
            low, high = -max(high, -low, 1e-3), max(high, -low, 1e-3)
        scale = float32((high - low) / codes) if high > low else 1.0
        zero_point = int(min(high_code, max(low_code, low_code + round(-low / scale))))
        if strategy == 2:
            zero_point = low_code + draws.integer(codes + 1)
        return scale, zero_point
    return float32(draws.pick(SCALES)), low_code + draws.integer(codes + 1)
