"""The onednn-only shipped rules against torch's FX lowering, their oracle.

torch's TorchScript pass has no such fusion; FX does: with the onednn backend config it
fuses Linear+LeakyReLU (Linear+Tanh) modules and lowers them to
`quantized::linear_leaky_relu` (`linear_tanh`). FX's reference model of the same fused
module, traced to TorchScript, is the graph these rules match; qdsl's prepack and fusion
rules for the active engine turn it into the kernel call, whose results must equal FX's
lowered model's exactly. On another engine the rules are not applied.
"""

from __future__ import annotations

import copy
import warnings

import pytest
import torch
from torch.ao.quantization import QConfigMapping, get_default_qconfig
from torch.ao.quantization.backend_config import get_onednn_backend_config
from torch.ao.quantization.quantize_fx import convert_fx, convert_to_reference_fx, prepare_fx

from qdsl.backends.torchscript import FUSION_STATIC, PREPACK
from qdsl.backends.torchscript.rewriter import apply_rules
from qdsl.core.loading import default_rules
from qdsl.verify.api import active_engine


class LinearThen(torch.nn.Module):
    """A linear layer and an activation FX fuses with it for onednn."""

    def __init__(self, activation: torch.nn.Module):
        super().__init__()
        self.linear = torch.nn.Linear(8, 6)
        self.activation = activation

    def forward(self, x):
        return self.activation(self.linear(x))


def _fx(model: torch.nn.Module, example: tuple) -> tuple[torch.nn.Module, torch.nn.Module]:
    """FX's reference model and its lowered model, calibrated on `example` (one qconfig for
    every module: fusion needs the activation to share the linear's, and tanh's default is
    a fixed-qparams one)."""
    config = get_onednn_backend_config()
    mapping = QConfigMapping().set_global(get_default_qconfig("onednn"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        prepared = prepare_fx(copy.deepcopy(model), mapping, example, backend_config=config)
        prepared(*example)
        reference = convert_to_reference_fx(copy.deepcopy(prepared), backend_config=config)
        lowered = convert_fx(copy.deepcopy(prepared), backend_config=config)
    return reference, lowered


def _qdsl_lowered(reference: torch.nn.Module, example: tuple, engine: str) -> torch.jit.ScriptModule:
    """The reference model traced to TorchScript, with qdsl's rules for `engine` applied."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        traced = torch.jit.trace(reference, example)
    graph = traced.graph
    torch._C._jit_pass_inline(graph)
    rules = default_rules().for_engine(engine)
    apply_rules(graph, rules.for_stage(PREPACK))
    apply_rules(graph, rules.for_stage(FUSION_STATIC))
    return traced


def _kinds(module: torch.jit.ScriptModule) -> set[str]:
    return {node.kind() for node in module.graph.nodes()}


@pytest.mark.parametrize(("activation", "kernel"), [
    (torch.nn.LeakyReLU(0.1), "quantized::linear_leaky_relu"),
    (torch.nn.LeakyReLU(0.3), "quantized::linear_leaky_relu"),
    (torch.nn.Tanh(), "quantized::linear_tanh"),
])
def test_onednn_rules_equal_fx_lowering(activation, kernel):
    torch.manual_seed(0)
    model = LinearThen(activation).eval()
    example = (torch.randn(4, 8),)
    with active_engine("onednn"):
        reference, lowered = _fx(model, example)
        fused = _qdsl_lowered(reference, example, "onednn")
        assert kernel in _kinds(fused)
        for inputs in (example, (torch.randn(5, 8) * 3,), (torch.randn(1, 3, 8),)):
            assert torch.equal(fused(*inputs), lowered(*inputs))


def test_onednn_rules_are_not_applied_on_other_engines():
    torch.manual_seed(0)
    model = LinearThen(torch.nn.LeakyReLU(0.1)).eval()
    example = (torch.randn(4, 8),)
    with active_engine("onednn"):
        reference, _ = _fx(model, example)
    with active_engine("fbgemm"):
        unfused = _qdsl_lowered(reference, example, "fbgemm")
        kinds = _kinds(unfused)
        assert "quantized::linear_leaky_relu" not in kinds
        assert "aten::leaky_relu" in kinds
        assert torch.equal(unfused(*example), reference(*example))
