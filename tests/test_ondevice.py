"""qdsl.finalize_on_device_ptq against torch's _jit_pass_quant_finalize_for_ondevice_ptq."""

from __future__ import annotations

import io

import pytest
import torch
from torch.ao.quantization import default_dynamic_qconfig
from torch.ao.quantization.quant_type import QuantType
from torch.ao.quantization.quantize_jit import _prepare_ondevice_dynamic_jit

import qdsl
from qdsl.backends.torchscript import torch_api
from tests.support.graphs import node_kinds
from tests.support.harness import assert_same_snapshot, outputs_equal, snapshot
from tests.support.models import BY_NAME, seeded_inputs
from tests.support.modules import DynMLP, Nested, Shared

MODELS = {"mlp": (DynMLP, "script"), "mlp_traced": (DynMLP, "trace"), "shared": (Shared, "script"),
          "nested": (Nested, "script")}
SHAPES = {DynMLP: BY_NAME["dynamic_linear"], Shared: BY_NAME["shared_types"], Nested: BY_NAME["nested"]}


def ondevice_module(name: str) -> torch._C.ScriptModule:
    """What torch's _convert_ondevice_jit hands to the on-device finalize."""
    cls, frontend = MODELS[name]
    torch.manual_seed(0)
    model = cls().eval()
    inputs = seeded_inputs(SHAPES[cls])
    scripted = torch.jit.trace(model, inputs) if frontend == "trace" else torch.jit.script(model)
    prepared = _prepare_ondevice_dynamic_jit(scripted, {"": default_dynamic_qconfig}, "forward")
    return torch._C._jit_pass_insert_quant_dequant_for_ondevice_ptq(
        prepared._c, "observe_forward", False, False, QuantType.DYNAMIC)


def run_on_device_flow(c_module, inputs):
    module = torch_api.wrap(c_module)
    module.reset_observers_forward()
    module.observe_forward(*inputs)
    assert module.quantize_forward(*inputs) is None
    return module


@pytest.mark.parametrize("name", sorted(MODELS))
def test_matches_torch(name):
    original = ondevice_module(name)
    ours_in, theirs_in = torch_api.clone_module(original), torch_api.clone_module(original)
    before = snapshot(ours_in)
    theirs = torch._C._jit_pass_quant_finalize_for_ondevice_ptq(theirs_in, QuantType.DYNAMIC, "quantize_forward")
    ours = qdsl.finalize_on_device_ptq(ours_in, QuantType.DYNAMIC, "quantize_forward")

    assert_same_snapshot(before, snapshot(ours_in))
    assert isinstance(ours, torch._C.ScriptModule)
    assert ours._method_names() == theirs._method_names()
    for method in theirs._method_names():
        assert node_kinds(ours._get_method(method).graph) == node_kinds(theirs._get_method(method).graph), method
    assert "quantized::linear_dynamic" in node_kinds(ours._get_method("quantized_forward").graph)

    cls, _ = MODELS[name]
    calibration = seeded_inputs(SHAPES[cls], 3)
    ours_module, theirs_module = run_on_device_flow(ours, calibration), run_on_device_flow(theirs, calibration)
    for seed in (4, 5):
        inputs = seeded_inputs(SHAPES[cls], seed)
        assert outputs_equal(ours_module.quantized_forward(*inputs), theirs_module.quantized_forward(*inputs))

    buffer = io.BytesIO()
    torch.jit.save(ours_module, buffer)
    buffer.seek(0)
    reloaded = torch.jit.load(buffer)
    assert outputs_equal(reloaded.quantized_forward(*inputs), theirs_module.quantized_forward(*inputs))


def test_accepts_and_returns_a_script_module():
    original = torch_api.wrap(ondevice_module("mlp"))
    ours = qdsl.finalize_on_device_ptq(original, 0, "quantize_forward")
    assert isinstance(ours, torch.jit.ScriptModule)
    assert "quantized_forward" in ours._c._method_names()


@pytest.mark.parametrize("method_name", ["forward", "observe_forward", "quantize_missing"])
def test_bad_method_names(method_name):
    with pytest.raises(qdsl.InputError, match="quantize_"):
        qdsl.finalize_on_device_ptq(ondevice_module("mlp"), 0, method_name)


def test_rules_that_leave_an_observer_call_get_a_clear_error():
    """Without prepack rules nothing is packed or fused, so a quantize op still takes its
    qparams from an observer's calculate_qparams, which quantized_<name> must not call."""
    rules = qdsl.default_rules().for_stage(qdsl.Stage("torchscript", ("fusion", "dynamic")))
    original = ondevice_module("mlp")
    before = snapshot(original)
    with pytest.raises(qdsl.InputError, match="computing its qparams with an observer"):
        qdsl.finalize_on_device_ptq(original, QuantType.DYNAMIC, "quantize_forward", rules=rules)
    assert_same_snapshot(before, snapshot(original))
