"""The places where qdsl's PT2E lowering differs from torchao's on purpose (docs/pt2e.md,
"Deliberate differences"): each shows torchao 0.18's wrong behaviour on a zoo model and
qdsl's right one. If torchao is fixed, the torchao half fails and the docs need updating."""

from __future__ import annotations

import copy
import importlib.util
import io

import pytest
import torch

from tests.support.pt2e_models import ZOO_BY_NAME, seeded_inputs
from tests.support.pt2e_oracle import TOLERANCE, distance, fused_kinds, lowerings, outputs

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("torchao") is None, reason="the PT2E flow lives in torchao"),
    pytest.mark.filterwarnings("ignore:`torch.jit.script_method` is deprecated:DeprecationWarning"),
]


def _reference_distance(module, name: str, inputs=None) -> float:
    lowered = lowerings(name)
    inputs = lowered.inputs if inputs is None else inputs
    return distance(outputs(module, inputs), outputs(lowered.reference, inputs))


def test_alpha_is_kept():
    """`torch.add(conv_a(x), conv_b(x), alpha=2)`: torchao fuses a plain sum."""
    lowered = lowerings("conv_add_alpha")
    assert _reference_distance(lowered.torchao, "conv_add_alpha") > 0.1
    assert _reference_distance(lowered.qdsl.module, "conv_add_alpha") <= TOLERANCE


@pytest.mark.parametrize("name", ["linear_add_input", "linear_residual"])
def test_linear_add_writes_no_tensor_of_the_caller(name):
    """torchao's float `sum` post-op overwrites the add's other operand: `linear(x) + x`
    changes the caller's `x`."""
    lowered = lowerings(name)
    for module, writes in ((lowered.torchao, name == "linear_add_input"), (lowered.qdsl.module, False)):
        given = tuple(tensor.clone() for tensor in lowered.inputs)
        with torch.no_grad():
            module(*given)
        assert any(not torch.equal(a, b) for a, b in zip(given, lowered.inputs)) == writes


def test_linear_add_leaves_parameters_alone():
    """`linear(x) + self.offset`: torchao overwrites the parameter on every call, so each
    call returns something else; qdsl's outputs are the same every time."""
    name = "linear_add_parameter"
    fresh = lowerings(name)
    expected = outputs(fresh.reference, fresh.inputs)
    for module, drifts in ((fresh.torchao, True), (fresh.qdsl.module, False)):
        calls = [distance(outputs(module, fresh.inputs), expected) for _ in range(3)]
        assert (max(calls) > 0.1) == drifts
        assert max(calls) <= TOLERANCE or drifts


@pytest.mark.parametrize("name", ["conv_add_input", "conv_flatten_linear", "conv_view_linear",
                                  "residual_view_linear"])
def test_lowered_modules_run(name):
    """torchao's accumulator and view layouts make these modules raise when called."""
    lowered = lowerings(name)
    with pytest.raises(RuntimeError, match="contiguous|view size is not compatible"):
        outputs(lowered.torchao, lowered.inputs)
    assert _reference_distance(lowered.qdsl.module, name) <= TOLERANCE


@pytest.mark.parametrize("name", ["mlp_3d", "linear_3d_relu", "transformer_block"])
def test_linear_on_3d_inputs_is_fused(name):
    lowered = lowerings(name)
    assert not any(kind.startswith("qlinear") for kind in fused_kinds(lowered.torchao))
    linears = sum(node.target == torch.ops.aten.linear.default for node in lowered.reference.graph.nodes)
    fused = sum(count for kind, count in fused_kinds(lowered.qdsl.module).items() if kind.startswith("qlinear"))
    assert fused == linears > 0


@pytest.mark.parametrize("name", ["conv2d_relu6_conv", "conv2d_hardtanh_conv", "dwconv_hardswish_conv",
                                  "conv2d_silu_conv", "linear_gelu_linear", "linear_gelu_tanh_linear"])
def test_unary_post_ops_are_fused(name):
    """torchao matches these activations only in Inductor's decomposed forms, which this
    lowering never sees: they stay float. qdsl fuses them; the outputs are the same."""
    lowered = lowerings(name)
    activations = {torch.ops.aten.hardtanh.default, torch.ops.aten.hardswish.default, torch.ops.aten.silu.default,
                   torch.ops.aten.gelu.default}
    assert any(node.target in activations for node in lowered.torchao.graph.nodes)
    assert not any(node.target in activations for node in lowered.qdsl.module.graph.nodes)


@pytest.mark.parametrize("name", ["resnet_block_dynamic_batch", "mlp_3d_dynamic_batch"])
def test_symbolic_batch_survives(name):
    """torchao re-exports without `dynamic_shapes`: its module takes the example batch only."""
    lowered = lowerings(name)
    model = ZOO_BY_NAME[name]
    generator = torch.Generator().manual_seed(7)
    larger = tuple(torch.randn(5, *shape[1:], generator=generator) for shape in model.input_shapes)
    with pytest.raises(Exception, match="to be equal to 2, but got 5"):
        outputs(lowered.torchao, larger)
    assert _reference_distance(lowered.qdsl.module, name, larger) <= TOLERANCE


@pytest.mark.filterwarnings("ignore:`isinstance\\(treespec, LeafSpec\\)` is deprecated:FutureWarning")
def test_lowered_module_can_be_copied_and_its_weights_saved():
    lowered = lowerings("resnet_block_conv")
    with pytest.raises(NotImplementedError, match="OpaqueTensorImpl"):
        copy.deepcopy(lowered.torchao)
    module = lowered.qdsl.module
    expected = outputs(module, lowered.inputs)
    copied = copy.deepcopy(module)
    assert all(torch.equal(a, b) for a, b in zip(outputs(copied, lowered.inputs), expected))
    buffer = io.BytesIO()
    torch.save(module.state_dict(), buffer)
    with torch.no_grad():
        for tensor in copied.state_dict().values():
            tensor.zero_()
    assert not all(torch.equal(a, b) for a, b in zip(outputs(copied, lowered.inputs), expected))
    buffer.seek(0)
    copied.load_state_dict(torch.load(buffer))
    assert all(torch.equal(a, b) for a, b in zip(outputs(copied, lowered.inputs), expected))


@pytest.mark.parametrize("name", ["conv2d_relu_conv_reduce_range", "mlp_2d_reduce_range"])
def test_int8_output_only_for_the_full_uint8_range(name):
    """With reduce_range the quantizer clamps activations to 0..127; torchao's int8-output
    kernel clamps to 0..255, so inputs beyond the calibrated range come out wrong."""
    lowered = lowerings(name)
    saturating = tuple(4 * tensor for tensor in seeded_inputs(ZOO_BY_NAME[name], seed=11))
    assert _reference_distance(lowered.torchao, name, saturating) > 0.05
    assert _reference_distance(lowered.qdsl.module, name, saturating) <= TOLERANCE
