"""Every op a shipped replacement can create runs on real (quantized) tensors.

This is the proof that qdsl never produces a module that cannot run: the set of
(op kind, input count) pairs is read from the compiled replacements, so a new rule whose
replacement makes an op without a case here fails `test_every_replacement_op_has_a_case`.
The ops upstream produces without a QuantizedCPU kernel are shown to raise.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Callable

import pytest
import torch

import qdsl
from qdsl.verify.api import active_engine

PATTERNS = Path(__file__).resolve().parents[1] / "patterns"
ops = torch.ops


def qtensor(*shape: int, scale: float = 0.05, zero_point: int = 64, seed: int = 0) -> torch.Tensor:
    x = torch.randn(shape, generator=torch.Generator().manual_seed(seed))
    return torch.quantize_per_tensor(x, scale, zero_point, torch.quint8)


def qweight(*shape: int) -> torch.Tensor:
    w = torch.randn(shape, generator=torch.Generator().manual_seed(1))
    return torch.quantize_per_tensor(w, 0.02, 0, torch.qint8)


def bias(n: int) -> torch.Tensor:
    return torch.randn(n, generator=torch.Generator().manual_seed(2))


def conv_packed(dims: int):
    prepack = getattr(ops.quantized, f"conv{dims}d_prepack")
    return prepack(qweight(3, 2, *([3] * dims)), bias(3), [1] * dims, [0] * dims, [1] * dims, 1)


def conv_transpose_packed(dims: int):
    prepack = getattr(ops.quantized, f"conv_transpose{dims}d_prepack")
    return prepack(qweight(2, 3, *([3] * dims)), bias(3), [1] * dims, [0] * dims, [0] * dims, [1] * dims, 1)


def linear_packed():
    return ops.quantized.linear_prepack(qweight(5, 4), bias(5))


def _on_onednn(call: Callable):
    """Run a kernel of the onednn-only rules (patterns/fusion_onednn.qpat) on its engine."""
    with active_engine("onednn"):
        return call()


def fp16_packed():
    return ops.quantized.linear_prepack_fp16(torch.randn(5, 4), bias(5))


def float_tensor(*shape: int) -> torch.Tensor:
    return torch.randn(shape, generator=torch.Generator().manual_seed(3))


_X1, _X2, _X3 = (1, 2, 8), (1, 2, 6, 6), (1, 2, 4, 4, 4)
_SPATIAL = {1: _X1, 2: _X2, 3: _X3}

# (IR kind, number of inputs) -> the op run on real tensors, as the fused node would run.
KERNEL_CASES: dict[tuple[str, int], Callable[[], object]] = {
    ("aten::dequantize", 1): lambda: ops.aten.dequantize(qtensor(*_X2)),
    ("aten::linear", 3): lambda: ops.aten.linear(float_tensor(3, 4), qweight(5, 4).dequantize(), bias(5)),
    ("aten::hardsigmoid", 1): lambda: ops.aten.hardsigmoid(qtensor(*_X2)),
    ("aten::hardsigmoid_", 1): lambda: ops.aten.hardsigmoid_(qtensor(*_X2)),
    ("aten::sigmoid", 1): lambda: ops.aten.sigmoid(qtensor(*_X2)),
    ("aten::tanh", 1): lambda: ops.aten.tanh(qtensor(*_X2)),
    ("aten::clamp", 3): lambda: ops.aten.clamp(qtensor(*_X2), -0.5, 0.5),
    ("aten::hardtanh", 3): lambda: ops.aten.hardtanh(qtensor(*_X2), -0.5, 0.5),
    ("aten::hardtanh_", 3): lambda: ops.aten.hardtanh_(qtensor(*_X2), -0.5, 0.5),
    ("aten::leaky_relu", 2): lambda: ops.aten.leaky_relu(qtensor(*_X2), 0.1),
    ("aten::leaky_relu_", 2): lambda: ops.aten.leaky_relu_(qtensor(*_X2), 0.1),
    ("aten::mean", 2): lambda: ops.aten.mean.default(qtensor(*_X2), dtype=None),
    ("aten::mean", 4): lambda: ops.aten.mean.dim(qtensor(*_X2), [2], True, dtype=None),
    ("aten::avg_pool1d", 6): lambda: ops.aten.avg_pool1d(qtensor(*_X1), [2], [2], [0], False, True),
    ("aten::avg_pool2d", 7): lambda: ops.aten.avg_pool2d(qtensor(*_X2), [2, 2], [2, 2], [0, 0], False, True, None),
    ("aten::avg_pool3d", 7): lambda: ops.aten.avg_pool3d(qtensor(*_X3), [2] * 3, [2] * 3, [0] * 3, False, True, None),
    ("aten::adaptive_avg_pool1d", 2): lambda: ops.aten.adaptive_avg_pool1d(qtensor(*_X1), [2]),
    ("aten::adaptive_avg_pool2d", 2): lambda: ops.aten.adaptive_avg_pool2d(qtensor(*_X2), [2, 2]),
    ("aten::adaptive_avg_pool3d", 2): lambda: ops.aten.adaptive_avg_pool3d(qtensor(*_X3), [2, 2, 2]),
    ("aten::upsample_nearest2d", 4): lambda: ops.aten.upsample_nearest2d.default(qtensor(*_X2), [12, 12], None, None),
    ("aten::upsample_nearest2d", 3): lambda: ops.aten.upsample_nearest2d.vec(qtensor(*_X2), None, [2.0, 2.0]),
    ("aten::upsample_nearest3d", 5): lambda: ops.aten.upsample_nearest3d.default(qtensor(*_X3), [8] * 3, None, None, None),
    ("aten::upsample_nearest3d", 3): lambda: ops.aten.upsample_nearest3d.vec(qtensor(*_X3), None, [2.0] * 3),
    ("aten::upsample_bilinear2d", 5): lambda: ops.aten.upsample_bilinear2d.default(qtensor(*_X2), [12, 12], False, None, None),
    ("aten::upsample_bilinear2d", 4): lambda: ops.aten.upsample_bilinear2d.vec(qtensor(*_X2), None, False, [2.0, 2.0]),
    ("quantized::add", 4): lambda: ops.quantized.add(qtensor(*_X2), qtensor(*_X2, seed=1), 0.1, 60),
    ("quantized::add_relu", 4): lambda: ops.quantized.add_relu(qtensor(*_X2), qtensor(*_X2, seed=1), 0.1, 60),
    ("quantized::add_scalar", 2): lambda: ops.quantized.add_scalar(qtensor(*_X2), 0.5),
    ("quantized::add_scalar_relu", 2): lambda: ops.quantized.add_scalar_relu(qtensor(*_X2), 0.5),
    ("quantized::add_scalar_out", 3): lambda: _out_op(ops.quantized.add_scalar_out),
    ("quantized::add_scalar_relu_out", 3): lambda: _out_op(ops.quantized.add_scalar_relu_out),
    ("quantized::mul", 4): lambda: ops.quantized.mul(qtensor(*_X2), qtensor(*_X2, seed=1), 0.1, 60),
    ("quantized::mul_relu", 4): lambda: ops.quantized.mul_relu(qtensor(*_X2), qtensor(*_X2, seed=1), 0.1, 60),
    ("quantized::mul_scalar", 2): lambda: ops.quantized.mul_scalar(qtensor(*_X2), 2.0),
    ("quantized::mul_scalar_relu", 2): lambda: ops.quantized.mul_scalar_relu(qtensor(*_X2), 2.0),
    ("quantized::mul_scalar_out", 3): lambda: _out_op(ops.quantized.mul_scalar_out),
    ("quantized::mul_scalar_relu_out", 3): lambda: _out_op(ops.quantized.mul_scalar_relu_out),
    ("quantized::cat", 4): lambda: ops.quantized.cat([qtensor(*_X2), qtensor(*_X2, seed=1)], 1, 0.1, 60),
    ("quantized::batch_norm", 8): lambda: _batch_norm(ops.quantized.batch_norm),
    ("quantized::batch_norm_relu", 8): lambda: _batch_norm(ops.quantized.batch_norm_relu),
    ("quantized::hardswish", 3): lambda: ops.quantized.hardswish(qtensor(*_X2), 0.05, 64),
    ("quantized::elu", 6): lambda: ops.quantized.elu(qtensor(*_X2), 0.05, 64, 1.0, 1.0, 1.0),
    ("quantized::layer_norm", 7): lambda: ops.quantized.layer_norm(
        qtensor(*_X2), [6, 6], torch.ones(6, 6), torch.zeros(6, 6), 1e-5, 0.05, 64),
    ("quantized::group_norm", 7): lambda: ops.quantized.group_norm(
        qtensor(*_X2), 2, torch.ones(2), torch.zeros(2), 1e-5, 0.05, 64),
    ("quantized::instance_norm", 6): lambda: ops.quantized.instance_norm(
        qtensor(*_X2), torch.ones(2), torch.zeros(2), 1e-5, 0.05, 64),
    ("quantized::linear_prepack", 2): linear_packed,
    ("quantized::linear_unpack", 1): lambda: ops.quantized.linear_unpack(linear_packed()),
    ("quantized::linear", 4): lambda: ops.quantized.linear(qtensor(3, 4), linear_packed(), 0.1, 60),
    ("quantized::linear_relu", 4): lambda: ops.quantized.linear_relu(qtensor(3, 4), linear_packed(), 0.1, 60),
    ("quantized::linear_leaky_relu", 5): lambda: _on_onednn(
        lambda: ops.quantized.linear_leaky_relu(qtensor(3, 4), linear_packed(), 0.1, 60, 0.1)),
    ("quantized::linear_tanh", 4): lambda: _on_onednn(
        lambda: ops.quantized.linear_tanh(qtensor(3, 4), linear_packed(), 2.0 / 256, 128)),
    ("quantized::linear_dynamic", 3): lambda: ops.quantized.linear_dynamic(float_tensor(3, 4), linear_packed(), True),
    ("quantized::linear_prepack_fp16", 2): fp16_packed,
    ("quantized::linear_unpack_fp16", 1): lambda: ops.quantized.linear_unpack_fp16(fp16_packed()),
    ("quantized::linear_dynamic_fp16", 2): lambda: ops.quantized.linear_dynamic_fp16(float_tensor(3, 4), fp16_packed()),
}


def _out_op(op):
    a = qtensor(*_X2)
    return op(a, 0.5, a)


def _batch_norm(op):
    return op(qtensor(*_X2), torch.ones(2), torch.zeros(2), torch.zeros(2), torch.ones(2), 1e-5, 0.05, 64)


def _add_conv_cases() -> None:
    for dims in (1, 2, 3):
        shape = _SPATIAL[dims]
        weight = (3, 2, *([3] * dims))
        args = ([1] * dims, [0] * dims, [1] * dims, 1)
        KERNEL_CASES[(f"quantized::conv{dims}d_prepack", 6)] = lambda d=dims: conv_packed(d)
        KERNEL_CASES[(f"quantized::conv{dims}d_unpack", 1)] = (
            lambda d=dims: getattr(ops.quantized, f"conv{d}d_unpack")(conv_packed(d)))
        for suffix in ("", "_relu"):
            KERNEL_CASES[(f"quantized::conv{dims}d{suffix}", 4)] = (
                lambda d=dims, s=suffix, x=shape: getattr(ops.quantized, f"conv{d}d{s}")(qtensor(*x), conv_packed(d), 0.1, 60))
        KERNEL_CASES[(f"aten::conv{dims}d", 7)] = (
            lambda d=dims, x=shape, w=weight, a=args: getattr(ops.aten, f"conv{d}d")(
                float_tensor(*x), qweight(*w).dequantize(), bias(3), *a))
    for dims in (1, 2):
        shape = _SPATIAL[dims]
        weight = (2, 3, *([3] * dims))
        args = ([1] * dims, [0] * dims, [0] * dims, 1, [1] * dims)
        KERNEL_CASES[(f"quantized::conv_transpose{dims}d_prepack", 7)] = lambda d=dims: conv_transpose_packed(d)
        KERNEL_CASES[(f"quantized::conv_transpose{dims}d_unpack", 1)] = (
            lambda d=dims: getattr(ops.quantized, f"conv_transpose{d}d_unpack")(conv_transpose_packed(d)))
        KERNEL_CASES[(f"quantized::conv_transpose{dims}d", 4)] = (
            lambda d=dims, x=shape: getattr(ops.quantized, f"conv_transpose{d}d")(
                qtensor(*x), conv_transpose_packed(d), 0.1, 60))
        KERNEL_CASES[(f"aten::conv_transpose{dims}d", 8)] = (
            lambda d=dims, x=shape, w=weight, a=args: getattr(ops.aten, f"conv_transpose{d}d")(
                float_tensor(*x), qweight(*w).dequantize(), bias(3), *a))


_add_conv_cases()


UPSTREAM_PARITY = "upstream_kernelless_upsample.qpat"
"""The opt-in file that reproduces upstream's fusions into ops without a kernel, on purpose."""


@cache
def shipped_rules() -> qdsl.RuleSet:
    """The TorchScript rules of the default rule set (top-level patterns/) plus every
    opt-in file that fuses into kernels (all but UPSTREAM_PARITY); the PT2E rules' kernels
    are run by their differential tests."""
    optional = sorted(str(p) for p in (PATTERNS / "optional").glob("*.qpat") if p.name != UPSTREAM_PARITY)
    every = qdsl.load_rules([str(PATTERNS), *optional])
    return qdsl.RuleSet(tuple(rule for rule in every if rule.stage.backend == "torchscript"))


def replacement_ops() -> set[tuple[str, int]]:
    return {(node.op, len(node.inputs)) for rule in shipped_rules() for node in rule.replacement.nodes if node.op}


def test_every_replacement_op_has_a_case():
    missing = replacement_ops() - set(KERNEL_CASES)
    assert not missing, f"replacement ops with no kernel case: {sorted(missing)}"


def _assert_result_of(kind: str, result) -> None:
    """Fused ops return quantized tensors; packing ops packed params, unpacking ops the
    weight and bias; dynamic linears and the float ops of the prepack stage float tensors."""
    if kind.endswith(("_prepack", "_prepack_fp16")):
        assert isinstance(result, torch.ScriptObject), f"{kind} packed nothing"
    elif kind.endswith(("_unpack", "_unpack_fp16")):
        weight, bias = result
        assert isinstance(weight, torch.Tensor) and isinstance(bias, torch.Tensor), f"{kind}: {result!r}"
    elif kind in {"aten::dequantize", "aten::linear", "quantized::linear_dynamic", "quantized::linear_dynamic_fp16"} \
            or kind.startswith("aten::conv"):
        assert isinstance(result, torch.Tensor) and result.dtype == torch.float32 and not result.is_quantized, kind
    else:
        assert isinstance(result, torch.Tensor) and result.is_quantized, f"{kind} gave no quantized tensor"


@pytest.mark.parametrize("key", sorted(KERNEL_CASES), ids=lambda k: f"{k[0]}/{k[1]}")
def test_replacement_op_runs(key):
    assert key in replacement_ops(), f"{key} is produced by no shipped rule: drop the case"
    _assert_result_of(key[0], KERNEL_CASES[key]())


# Upstream's fused forms without a QuantizedCPU kernel: each raises.
UPSTREAM_WITHOUT_KERNEL = {
    "upsample_nearest1d": lambda: ops.aten.upsample_nearest1d.default(qtensor(*_X1), [16], None),
    "upsample_nearest1d.vec": lambda: ops.aten.upsample_nearest1d.vec(qtensor(*_X1), None, [2.0]),
    "upsample_linear1d": lambda: ops.aten.upsample_linear1d.default(qtensor(*_X1), [16], False, None),
    "upsample_linear1d.vec": lambda: ops.aten.upsample_linear1d.vec(qtensor(*_X1), None, False, [2.0]),
    "upsample_trilinear3d": lambda: ops.aten.upsample_trilinear3d.default(
        qtensor(*_X3), [8] * 3, False, None, None, None),
    "upsample_trilinear3d.vec": lambda: ops.aten.upsample_trilinear3d.vec(qtensor(*_X3), None, False, [2.0] * 3),
    "sigmoid_": lambda: ops.aten.sigmoid_(qtensor(*_X2)),
    "tanh_": lambda: ops.aten.tanh_(qtensor(*_X2)),
}


@pytest.mark.parametrize("op", sorted(UPSTREAM_WITHOUT_KERNEL))
def test_upstream_replacement_has_no_quantized_kernel(op):
    with pytest.raises(NotImplementedError, match="QuantizedCPU"):
        UPSTREAM_WITHOUT_KERNEL[op]()


@pytest.mark.parametrize("op", sorted({name.split(".")[0] for name in UPSTREAM_WITHOUT_KERNEL}))
def test_no_shipped_replacement_uses_a_kernelless_op(op):
    assert not any(kind == f"aten::{op}" for kind, _ in replacement_ops())
