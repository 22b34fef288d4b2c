"""qdsl's PT2E lowering against torchao's `lower_pt2e_quantized_to_x86` on the PT2E zoo.

Where torchao is right, both call the same oneDNN kernels (post-ops and output dtype
included) and give `torch.equal` outputs. Where qdsl differs on purpose (docs/pt2e.md,
"Deliberate differences"), the difference is stated here per model, derived from the
model's structure: which kernels torchao calls that qdsl does not and the reverse.
Every qdsl lowering stays within torchao's own tolerance of the reference module.
"""

from __future__ import annotations

import collections
import importlib.util
from dataclasses import dataclass, field

import pytest
import torch

from tests.support.pt2e_models import ZOO, ZOO_BY_NAME
from tests.support.pt2e_oracle import TOLERANCE, distance, float_kernels, fused_kinds, lowerings, outputs

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("torchao") is None, reason="the PT2E flow lives in torchao"),
    pytest.mark.filterwarnings("ignore:`torch.jit.script_method` is deprecated:DeprecationWarning"),
]

CONV_F32, CONV_U8 = "qconv_pointwise.default()->float32", "qconv_pointwise.default()->uint8"
LINEAR_F32, LINEAR_U8 = "qlinear_pointwise.default()->float32", "qlinear_pointwise.default()->uint8"


@dataclass(frozen=True)
class Deviation:
    """How qdsl's kernels differ from torchao's on one model, and why."""

    why: str
    """The deliberate difference (a heading of docs/pt2e.md)."""
    torchao_only: dict[str, int] = field(default_factory=dict)
    """Kernels torchao calls that qdsl does not."""
    qdsl_only: dict[str, int] = field(default_factory=dict)
    """Kernels qdsl calls that torchao does not."""
    equal_to_torchao: bool = False
    """The outputs are still `torch.equal` (the same arithmetic, fused further)."""


UNARY = "unary post-ops torchao never fuses"
THREE_D = "linear on 3-D inputs"
OUT_OF_PLACE = "linear + add writes no tensor"

DEVIATIONS = {
    "conv2d_relu6_conv": Deviation(UNARY, {CONV_F32: 1}, {"qconv_pointwise.default(hardtanh)->uint8": 1}, True),
    "conv2d_hardtanh_conv": Deviation(UNARY, {CONV_F32: 1}, {"qconv_pointwise.default(hardtanh)->uint8": 1}, True),
    "dwconv_hardswish_conv": Deviation(UNARY, {CONV_F32: 1}, {"qconv_pointwise.default(hardswish)->uint8": 1}, True),
    "conv2d_silu_conv": Deviation(UNARY, {CONV_F32: 1}, {"qconv_pointwise.default(swish)->uint8": 1}, True),
    "conv_inplace_activations": Deviation(UNARY, {CONV_F32: 3}, {
        "qconv_pointwise.default(hardswish)->uint8": 1, "qconv_pointwise.default(swish)->uint8": 1,
        "qconv_pointwise.default(hardtanh)->uint8": 1}, True),
    "linear_gelu_linear": Deviation(UNARY, {LINEAR_F32: 1}, {"qlinear_pointwise.default(gelu)->uint8": 1}, True),
    "linear_gelu_tanh_linear": Deviation(UNARY, {LINEAR_F32: 1}, {"qlinear_pointwise.default(gelu,tanh)->uint8": 1},
                                         True),
    "conv_add_alpha": Deviation("alpha is kept", {"qconv2d_pointwise.binary(sum)->float32": 1}, {CONV_F32: 1}),
    "mlp_3d": Deviation(THREE_D, {}, {"qlinear_pointwise.default(relu)->uint8": 1, LINEAR_F32: 1}),
    "mlp_3d_dynamic_batch": Deviation(THREE_D, {}, {"qlinear_pointwise.default(relu)->uint8": 1, LINEAR_F32: 1}),
    "linear_3d_relu": Deviation(THREE_D, {}, {"qlinear_pointwise.default(relu)->float32": 1}),
    "transformer_block": Deviation(THREE_D, {}, {LINEAR_F32: 1, "qlinear_pointwise.binary(add)->float32": 2,
                                                 "qlinear_pointwise.default(gelu)->uint8": 1}),
    "linear_residual": Deviation(OUT_OF_PLACE, {"qlinear_pointwise.binary(sum)->float32": 1},
                                 {"qlinear_pointwise.binary(add)->float32": 1}, True),
    "linear_residual_relu": Deviation(OUT_OF_PLACE, {"qlinear_pointwise.binary(sum,relu)->float32": 1},
                                      {"qlinear_pointwise.binary(add,relu)->float32": 1}, True),
    "linear_add_input": Deviation(OUT_OF_PLACE, {"qlinear_pointwise.binary(sum)->float32": 1},
                                  {"qlinear_pointwise.binary(add)->float32": 1}, True),
    # torchao's module overwrites the parameter on each call, so no output of it is stable.
    "linear_add_parameter": Deviation(OUT_OF_PLACE, {"qlinear_pointwise.binary(sum)->float32": 1},
                                      {"qlinear_pointwise.binary(add)->float32": 1}),
    "conv2d_relu_conv_reduce_range": Deviation(
        "int8 output only for the full uint8 range", {"qconv_pointwise.default(relu)->uint8": 1},
        {"qconv_pointwise.default(relu)->float32": 1}, True),
    "mlp_2d_reduce_range": Deviation(
        "int8 output only for the full uint8 range", {"qlinear_pointwise.default(relu)->uint8": 1},
        {"qlinear_pointwise.default(relu)->float32": 1}, True),
}
"""Models on which qdsl calls other kernels than torchao, on purpose."""

TORCHAO_RAISES = {"conv_add_input", "conv_flatten_linear", "conv_view_linear", "residual_view_linear"}
"""Models whose torchao lowering raises when run (docs/pt2e.md, "modules that run")."""

NAMES = [model.name for model in ZOO]


def test_the_zoo_is_large_and_every_deviation_is_a_zoo_model():
    assert len(ZOO) >= 20
    assert set(DEVIATIONS) | TORCHAO_RAISES <= set(ZOO_BY_NAME)


@pytest.mark.parametrize("name", NAMES)
def test_kernels_are_torchaos_or_the_stated_deviation(name):
    lowered = lowerings(name)
    torchao, qdsl = fused_kinds(lowered.torchao), fused_kinds(lowered.qdsl.module)
    deviation = DEVIATIONS.get(name, Deviation("none"))
    assert dict(torchao - qdsl) == deviation.torchao_only
    assert dict(qdsl - torchao) == deviation.qdsl_only


@pytest.mark.parametrize("name", NAMES)
def test_outputs_stay_within_torchaos_tolerance_of_the_reference(name):
    lowered = lowerings(name)
    expected = outputs(lowered.reference, lowered.inputs)
    assert distance(outputs(lowered.qdsl.module, lowered.inputs), expected) <= TOLERANCE


@pytest.mark.parametrize("name", [n for n in NAMES if n not in TORCHAO_RAISES
                                  and DEVIATIONS.get(n, Deviation("none", equal_to_torchao=True)).equal_to_torchao])
def test_outputs_equal_torchaos_where_the_arithmetic_is_the_same(name):
    """Bit-equal, but where torchao's lowering computes a float op with an Inductor kernel
    (which ones depends on the CPU: `mkl._mkl_linear` for a float linear on some): qdsl
    leaves float ops as they are, so there the outputs differ by float rounding only."""
    lowered = lowerings(name)
    given, expected = outputs(lowered.qdsl.module, lowered.inputs), outputs(lowered.torchao, lowered.inputs)
    assert not float_kernels(lowered.qdsl.module)
    if float_kernels(lowered.torchao):
        for a, b in zip(given, expected, strict=True):
            torch.testing.assert_close(a, b)
    else:
        assert all(torch.equal(a, b) for a, b in zip(given, expected, strict=True))


def test_every_shipped_x86_rule_fires_on_some_zoo_model():
    import qdsl
    from qdsl.backends.pt2e import X86

    shipped = {rule.name for rule in qdsl.default_rules().for_stage(X86)}
    fired: collections.Counter[str] = collections.Counter()
    for name in NAMES:
        fired.update(lowerings(name).qdsl.fired())
    assert len(shipped) >= 30
    assert shipped - set(fired) == set()


def _calls(target: str):
    return lambda node: str(node.target) == target


def _quantize_of_a_kernel(node) -> bool:
    return (str(node.target) == "quantized_decomposed.quantize_per_tensor.default"
            and str(node.args[0].target).startswith("onednn."))


@pytest.mark.parametrize("name, stays", [
    ("conv_two_users", _calls("aten.relu.default")),            # the conv output is read twice
    ("conv_add_broadcast", _calls("aten.add.Tensor")),          # operands of different shapes
    ("conv_add_alpha", _calls("aten.add.Tensor")),              # alpha 2
    ("mlp_2d_fc2_float", _calls("aten.linear.default")),        # fc2 left float by the quantizer
    ("conv2d_gelu_conv", _calls("aten.gelu.default")),          # no conv + gelu kernel
    ("conv2d_relu_conv_reduce_range", _quantize_of_a_kernel),   # a quantize to 0..127
    ("mlp_2d_reduce_range", _quantize_of_a_kernel),
])
def test_what_qparams_or_structure_forbid_stays_unfused(name, stays):
    assert any(stays(node) for node in lowerings(name).qdsl.module.graph.nodes)
