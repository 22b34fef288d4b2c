"""qdsl.patch_torch(): torch.ao.quantization's graph mode API finalizing through qdsl.

To see which finalizer ran, the patch is given the shipped rules minus the rules that
make one fused op: that op then appears only when torch's own C++ finalize ran.
"""

from __future__ import annotations

import importlib

import pytest
import torch
from torch.ao.quantization import (convert_jit, default_dynamic_qconfig, default_qconfig, prepare_jit,
                                   quantize_dynamic_jit, quantize_jit)
from torch.ao.quantization.quantize_jit import _quantize_ondevice_dynamic_jit

import qdsl
from qdsl.core.rules import RuleSet
from tests.support.graphs import node_kinds
from tests.support.harness import outputs_equal
from tests.support.models import BY_NAME, debug_copies, seeded_inputs
from tests.support.modules import DynMLP, Nested

quantize_jit_module = importlib.import_module("torch.ao.quantization.quantize_jit")
NESTED = BY_NAME["nested"]
MLP = BY_NAME["dynamic_linear"]


def without(rules: RuleSet, fused_op: str) -> RuleSet:
    kept = tuple(rule for rule in rules if fused_op not in rule.replacement.op_kinds())
    assert len(kept) < len(rules)
    return RuleSet(kept)


def prepared_nested():
    torch.manual_seed(0)
    prepared = prepare_jit(torch.jit.script(Nested().eval()), {"": default_qconfig})
    prepared(*seeded_inputs(NESTED))
    return prepared


def calibrate(model, inputs):
    model(*inputs)


def test_convert_jit_runs_qdsl_inside_the_block_only(shipped_rules):
    rules = without(shipped_rules, "quantized::conv2d_relu")
    with qdsl.patch_torch(rules) as patch:
        assert patch.rules is rules
        patched = convert_jit(prepared_nested())
    unpatched = convert_jit(prepared_nested())
    assert "quantized::conv2d_relu" not in node_kinds(patched.graph)
    assert "quantized::conv2d_relu" in node_kinds(unpatched.graph)
    assert quantize_jit_module.torch is torch


def test_default_rules_give_torchs_result(shipped_rules):
    with qdsl.patch_torch():
        patched = convert_jit(prepared_nested())
    unpatched = convert_jit(prepared_nested())
    assert node_kinds(patched.graph) == node_kinds(unpatched.graph)
    inputs = seeded_inputs(NESTED, 4)
    assert outputs_equal(patched(*inputs), unpatched(*inputs))


def test_patched_binding_edits_its_input_as_torchs_does():
    ours_in, theirs_in = debug_copies("nested")
    with qdsl.patch_torch():
        quantize_jit_module.torch._C._jit_pass_quant_finalize(ours_in._c, 1, [])
    torch._C._jit_pass_quant_finalize(theirs_in._c, 1, [])
    assert "quantized::conv2d_relu" in node_kinds(theirs_in.graph)
    assert node_kinds(ours_in.graph) == node_kinds(theirs_in.graph)


def test_plain_call_and_undo(shipped_rules):
    patch = qdsl.patch_torch(without(shipped_rules, "quantized::linear_dynamic"))
    try:
        torch.manual_seed(0)
        patched = quantize_dynamic_jit(torch.jit.script(DynMLP().eval()), {"": default_dynamic_qconfig})
    finally:
        patch.undo()
    patch.undo()
    torch.manual_seed(0)
    unpatched = quantize_dynamic_jit(torch.jit.script(DynMLP().eval()), {"": default_dynamic_qconfig})
    assert "quantized::linear_dynamic" not in node_kinds(patched.graph)
    assert "quantized::linear_dynamic" in node_kinds(unpatched.graph)
    assert torch._C._jit_pass_quant_finalize.__module__ == "torch._C"


def test_quantize_jit_and_inplace(shipped_rules):
    inputs = seeded_inputs(NESTED)
    with qdsl.patch_torch(without(shipped_rules, "quantized::add")):
        torch.manual_seed(0)
        model = torch.jit.script(Nested().eval())
        result = quantize_jit(model, {"": default_qconfig}, calibrate, [inputs], inplace=True)
    assert "quantized::add" not in node_kinds(result.graph)
    assert "quantized::conv2d_relu" in node_kinds(result.graph)
    result(*inputs)


def test_on_device_ptq(shipped_rules):
    inputs = seeded_inputs(MLP)
    with qdsl.patch_torch(without(shipped_rules, "quantized::linear_dynamic")):
        torch.manual_seed(0)
        patched = _quantize_ondevice_dynamic_jit(torch.jit.script(DynMLP().eval()), {"": default_dynamic_qconfig})
    torch.manual_seed(0)
    unpatched = _quantize_ondevice_dynamic_jit(torch.jit.script(DynMLP().eval()), {"": default_dynamic_qconfig})
    for module in (patched, unpatched):
        module.observe_forward(*inputs)
        module.quantize_forward(*inputs)
        module.quantized_forward(*inputs)
    assert "quantized::linear_dynamic" not in node_kinds(patched.quantized_forward.graph)
    assert "quantized::linear_dynamic" in node_kinds(unpatched.quantized_forward.graph)


def test_restored_after_an_exception():
    original = quantize_jit_module.torch
    with pytest.raises(ValueError):
        with qdsl.patch_torch():
            raise ValueError("inside")
    assert quantize_jit_module.torch is original


def test_patching_twice_is_an_error():
    with qdsl.patch_torch():
        with pytest.raises(qdsl.InputError, match="already active"):
            qdsl.patch_torch()
    assert quantize_jit_module.torch is torch


def test_bad_rules_fail_before_patching():
    with pytest.raises(qdsl.InputError, match="no such rule file"):
        qdsl.patch_torch("/nonexistent.qpat")
    assert quantize_jit_module.torch is torch
