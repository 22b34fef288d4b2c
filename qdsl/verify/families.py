"""Per-op knowledge of the sampler: how the arguments of one call relate (the one table).

Most captures are drawn from their types alone (`qdsl.verify.sampler`): tensors share the
sample's base shape, numbers come from small tables. The ops below relate their arguments
in ways types do not say (a conv weight's input channels times groups are the input's
channels; a cat's inputs agree but in `dim`), or run in a domain narrower than their
types (graph-mode quantization quantizes a clamp's output with its input's qparams). For
a call of such an op, its family draws the arguments jointly; what it draws still has to
run: a draw the pattern rejects is discarded.

Some draws are domain assumptions (`Context.assume`): values graph-mode quantization or
the engine's default qconfig always produces, such as `training == False` for batch_norm.
Verdicts hold under them; `qdsl verify` also samples without each assumption a rule meets
and reports what changes, so no restriction hides silently.
"""

from __future__ import annotations

import re
from typing import Callable

import torch

from .draws import Draws
from .qparams import output_qparams, output_qparams_reads, reduce_range_flag
from .specs import Context, Exactly, Family, ListSpec, NodeView, Spec, TensorSpec

EPSILONS = (1e-5, 1e-3, 0.1)


def _dims(op: str) -> int:
    """The spatial rank in an op name: conv2d -> 2, upsample_trilinear3d -> 3."""
    found = re.search(r"(\d)d$", op)
    return int(found.group(1)) if found else 1


def _maybe(draws: Draws, spec: Spec) -> Spec:
    """An optional argument: absent (the simplest) or `spec`."""
    return spec if draws.chance(3, 4) else Exactly(None)


def _given_input(view: NodeView, name: str):
    return view.value(name) if not view.sourced(name) else None


def _reads_computed(name: str) -> Callable[[NodeView], tuple[int, ...]]:
    """Read argument `name` when it is computed by the pattern (not drawn from a capture)."""
    return lambda view: (view.index(name),) if view.has(name) and not view.sourced(name) else ()


def _reads(name: str) -> Callable[[NodeView], tuple[int, ...]]:
    return lambda view: (view.index(name),) if view.has(name) else ()


def conv_arguments(draws: Draws, view: NodeView, ctx: Context, d: int | None = None) -> dict:
    d = d or _dims(view.op)
    transposed = "transpose" in view.op
    kernel = [1 + draws.integer(3) for _ in range(d)]
    stride = [1 + draws.integer(2) for _ in range(d)]
    padding = [draws.integer(2) for _ in range(d)]
    dilation = [1 + draws.integer(2) for _ in range(d)]
    given = _given_input(view, "input")
    if given is not None and given.dim() == d + 2:
        batch, channels, *spatial = given.shape
        groups = draws.pick([g for g in range(1, channels + 1) if channels % g == 0])
    else:
        batch, groups = 1 + draws.integer(2), draws.pick((1, 2, 3))
        channels = groups * (1 + draws.integer(3))
        spatial = [max(1, dil * (k - 1) + 1 - 2 * pad) + draws.integer(3) + 3 * ctx.roomy
                   for k, pad, dil in zip(kernel, padding, dilation)]
    per_group_out = 1 + draws.integer(3)
    out = groups * per_group_out
    specs = {"input": TensorSpec((batch, channels, *spatial)), "bias": _maybe(draws, TensorSpec((out,), "float")),
             "stride": Exactly(stride), "padding": Exactly(padding), "dilation": Exactly(dilation),
             "groups": Exactly(groups)}
    if transposed:
        per_tensor = ctx.assume("transposed conv weights per tensor", "the prepack of transposed convs rejects "
                                "per-channel weights, so quantized models have per-tensor ones")
        role = "per-tensor weight" if per_tensor else "weight"
        specs["weight"] = TensorSpec((channels, per_group_out, *kernel), role)
        specs["output_padding"] = Exactly([draws.integer(max(s, dl)) for s, dl in zip(stride, dilation)])
    else:
        specs["weight"] = TensorSpec((out, channels // groups, *kernel), "weight")
    return specs


def linear_arguments(draws: Draws, view: NodeView, ctx: Context) -> dict:
    given = _given_input(view, "input") if view.has("input") else None
    if given is not None and given.dim() >= 1:
        features, batch = given.shape[-1], tuple(given.shape[:-1])
    else:
        features = 1 + draws.integer(4)
        batch = tuple(1 + draws.integer(3) for _ in range(1 + draws.integer(2)))
    out = 1 + draws.integer(4)
    return {"input": TensorSpec((*batch, features)), "weight": TensorSpec((out, features), "weight"),
            "bias": _maybe(draws, TensorSpec((out,), "float"))}


def _channels_first(draws: Draws, view: NodeView, name: str, ranks: tuple[int, ...]) -> tuple[int, ...]:
    given = _given_input(view, name)
    if given is not None and given.dim() >= 2:
        return tuple(given.shape)
    rank = draws.pick(ranks)
    return (1 + draws.integer(2), 1 + draws.integer(4), *(1 + draws.integer(3) for _ in range(rank - 2)))


def _batch_norm(draws: Draws, view: NodeView, ctx: Context) -> dict:
    shape = _channels_first(draws, view, "input", (4, 2, 3, 5))
    channels = (shape[1],)
    return {"input": TensorSpec(shape), "weight": _maybe(draws, TensorSpec(channels, "float")),
            "bias": _maybe(draws, TensorSpec(channels, "float")), "running_mean": TensorSpec(channels, "float"),
            "running_var": TensorSpec(channels, "positive"),
            "training": Exactly(not ctx.assume("aten::batch_norm.training", "quantized models run in eval mode")),
            "momentum": Exactly(draws.pick((0.1, 0.0, 1.0))), "eps": Exactly(draws.pick(EPSILONS))}


def _instance_norm(draws: Draws, view: NodeView, ctx: Context) -> dict:
    shape = _channels_first(draws, view, "input", (4, 3, 5))
    channels = (shape[1],)
    untracked = ctx.assume("aten::instance_norm.running_statistics",
                           "InstanceNorm keeps no running statistics by default, so it normalizes with the "
                           "input's own (with them, eval mode normalizes with the running ones)")
    return {"input": TensorSpec(shape), "weight": _maybe(draws, TensorSpec(channels, "float")),
            "bias": _maybe(draws, TensorSpec(channels, "float")),
            "running_mean": Exactly(None) if untracked else TensorSpec(channels, "float"),
            "running_var": Exactly(None) if untracked else TensorSpec(channels, "positive"),
            "use_input_stats": Exactly(untracked), "momentum": Exactly(0.1), "eps": Exactly(draws.pick(EPSILONS))}


def _layer_norm(draws: Draws, view: NodeView, ctx: Context) -> dict:
    given = _given_input(view, "input")
    shape = tuple(given.shape) if given is not None else tuple(1 + draws.integer(4)
                                                                for _ in range(1 + draws.integer(4)))
    normalized = shape[len(shape) - 1 - draws.integer(len(shape)):] if shape else ()
    return {"input": TensorSpec(shape), "normalized_shape": Exactly(list(normalized)),
            "weight": _maybe(draws, TensorSpec(normalized, "float")),
            "bias": _maybe(draws, TensorSpec(normalized, "float")), "eps": Exactly(draws.pick(EPSILONS))}


def _group_norm(draws: Draws, view: NodeView, ctx: Context) -> dict:
    groups, per_group = 1 + draws.integer(3), 1 + draws.integer(2)
    shape = (1 + draws.integer(2), groups * per_group, *(1 + draws.integer(3) for _ in range(draws.integer(3))))
    channels = (shape[1],)
    return {"input": TensorSpec(shape), "num_groups": Exactly(groups),
            "weight": _maybe(draws, TensorSpec(channels, "float")),
            "bias": _maybe(draws, TensorSpec(channels, "float")), "eps": Exactly(draws.pick(EPSILONS))}


def _spatial_input(draws: Draws, d: int, low: list[int]) -> tuple[int, ...]:
    """(N, C, *spatial) or, unbatched, (C, *spatial), each spatial size at least `low`."""
    leading = (1 + draws.integer(2), 1 + draws.integer(3)) if not draws.chance(1, 4) else (1 + draws.integer(3),)
    return (*leading, *(lo + draws.integer(3) for lo in low))


def _avg_pool(draws: Draws, view: NodeView, ctx: Context) -> dict:
    d = _dims(view.op)
    kernel = [1 + draws.integer(3) for _ in range(d)]
    padding = [draws.integer(k // 2 + 1) for k in kernel]
    stride = [] if not draws.chance(1, 2) else [1 + draws.integer(2) for _ in range(d)]
    specs = {"self": TensorSpec(_spatial_input(draws, d, kernel)), "kernel_size": Exactly(kernel),
             "stride": Exactly(stride), "padding": Exactly(padding), "ceil_mode": Exactly(draws.chance(1, 2)),
             "count_include_pad": Exactly(not draws.chance(1, 2))}
    if view.has("divisor_override"):
        specs["divisor_override"] = Exactly(None if not draws.chance(1, 4) else 1 + draws.integer(4))
    return specs


def _adaptive_avg_pool(draws: Draws, view: NodeView, ctx: Context) -> dict:
    d = _dims(view.op)
    shape = _spatial_input(draws, d, [1] * d)
    return {"self": TensorSpec(shape), "output_size": Exactly([1 + draws.integer(n + 1) for n in shape[-d:]])}


def _mean_dim(draws: Draws, view: NodeView, ctx: Context) -> dict:
    rank = 1 + draws.integer(4)
    shape = tuple(1 + draws.integer(3) for _ in range(rank))
    dims = sorted(set(draws.integer(rank) for _ in range(1 + draws.integer(rank))))
    signed = [d - rank if draws.chance(1, 3) else d for d in dims]
    return {"self": TensorSpec(shape), "dim": Exactly(signed), "keepdim": Exactly(draws.chance(1, 2))}


def _upsample(draws: Draws, view: NodeView, ctx: Context) -> dict:
    d = _dims(view.op.partition(".")[0])
    shape = (1 + draws.integer(2), 1 + draws.integer(2), *(1 + draws.integer(3) for _ in range(d)))
    sizes = [1 + draws.integer(2 * n) for n in shape[2:]]
    name = "input" if view.has("input") else "self"
    specs: dict = {name: TensorSpec(shape), "align_corners": Exactly(draws.chance(1, 2))}
    if view.has("scale_factors"):
        if draws.chance(1, 2):
            specs["output_size"], specs["scale_factors"] = Exactly(None), Exactly(
                [draws.pick((2.0, 1.0, 0.5, 1.5, 3.0)) for _ in range(d)])
        else:
            specs["output_size"], specs["scale_factors"] = Exactly(sizes), Exactly(None)
        return specs
    specs["output_size"] = Exactly(sizes)
    for axis, scale_name in enumerate(n for n in view.node.argument_names if n.startswith("scales")):
        specs[scale_name] = Exactly(None if not draws.chance(1, 4) else sizes[axis % d] / shape[2 + axis % d])
    return specs


def _cat(draws: Draws, view: NodeView, ctx: Context) -> dict:
    rank = 1 + draws.integer(3)
    shape = [1 + draws.integer(3) for _ in range(rank)]
    dim = draws.integer(rank)
    shapes = []
    for _ in range(1 + draws.integer(3)):
        shape[dim] = 1 + draws.integer(3)
        shapes.append(tuple(shape))
    return {"tensors": ListSpec(tuple(shapes)), "dim": Exactly(dim - rank if draws.chance(1, 3) else dim)}


def _binary(draws: Draws, view: NodeView, ctx: Context) -> dict:
    """The operand drawn from a capture takes the other's shape, or (the second operand) one
    that broadcasts to it."""
    drawn, read = ("self", "other") if view.sourced("self") and not view.sourced("other") else ("other", "self")
    first = view.value(read)
    shape = tuple(first.shape) if isinstance(first, torch.Tensor) else ()
    form = draws.integer(3) if drawn == "other" else 0
    if form == 1:
        shape = tuple(1 if draws.chance(1, 2) else n for n in shape)
    elif form == 2:
        shape = shape[draws.integer(len(shape) + 1):]
    return {drawn: TensorSpec(shape)}


def _binary_reads(view: NodeView) -> tuple[int, ...]:
    """The operand not drawn from a capture (the first when both are)."""
    read = "other" if view.sourced("self") and view.has("other") and not view.sourced("other") else "self"
    return (view.index(read),) if view.has(read) else ()


def _clamp(draws: Draws, view: NodeView, ctx: Context) -> dict:
    """Bounds inside the input's range, so that both clamp something."""
    first = view.value("self")
    low, high = -1.0, 1.0
    if isinstance(first, torch.Tensor) and first.numel():
        low, high = float(first.min()), float(first.max())
    span = max(high - low, 1.0)
    lower = low + span * draws.pick((0.25, 0.0, 0.5, -0.25))
    upper = lower + span * draws.pick((0.5, 0.25, 1.0, 0.0))
    names = ("min_val", "max_val") if view.has("min_val") else ("min", "max")
    return {names[0]: Exactly(lower), names[1]: Exactly(upper)}


def _view(draws: Draws, view: NodeView, ctx: Context) -> dict:
    """A size the input's elements fit: its own, flattened after the batch, or flat."""
    given = view.value("self")
    shape = list(given.shape) if isinstance(given, torch.Tensor) else [1]
    return {"size": Exactly(draws.pick((shape[:1] + [-1], shape, [-1])))}


FAMILIES: dict[str, Family] = {
    "aten::quantize_per_tensor": Family(output_qparams, output_qparams_reads),
    **{f"aten::conv{d}d": Family(conv_arguments, _reads_computed("input")) for d in (1, 2, 3)},
    **{f"aten::conv_transpose{d}d": Family(conv_arguments, _reads_computed("input")) for d in (1, 2, 3)},
    "aten::linear": Family(linear_arguments, _reads_computed("input")),
    "aten::batch_norm": Family(_batch_norm, _reads_computed("input")),
    "aten::instance_norm": Family(_instance_norm, _reads_computed("input")),
    "aten::layer_norm": Family(_layer_norm, _reads_computed("input")),
    "aten::group_norm": Family(_group_norm),
    **{f"aten::avg_pool{d}d": Family(_avg_pool) for d in (1, 2, 3)},
    **{f"aten::adaptive_avg_pool{d}d": Family(_adaptive_avg_pool) for d in (1, 2, 3)},
    **{f"aten::upsample_{kind}": Family(_upsample) for kind in (
        "nearest1d", "nearest2d", "nearest3d", "linear1d", "bilinear2d", "trilinear3d", "bicubic2d")},
    "aten::cat": Family(_cat),
    **{f"aten::{op}": Family(_binary, _binary_reads) for op in ("add", "add_", "mul", "mul_", "sub", "sub_")},
    **{f"aten::{op}": Family(_clamp, _reads("self")) for op in ("clamp", "clamp_", "hardtanh", "hardtanh_")},
    "aten::_choose_qparams_per_tensor": Family(reduce_range_flag),
    "aten::view": Family(_view, _reads("self")),
}
"""Op -> its family (the mean family is keyed by overload: `aten::mean.dim`)."""

FAMILIES_BY_OVERLOAD: dict[str, Family] = {"aten::mean.dim": Family(_mean_dim)}


