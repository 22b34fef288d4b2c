"""The PT2E zoo gives the same reference module on every run, so differential tests can
compare against torchao's lowering of a module built in another call."""

from __future__ import annotations

import importlib.util

import pytest
import torch

from tests.support.pt2e_models import converted_module

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("torchao") is None, reason="the PT2E flow lives in torchao"),
    # torchao 0.18 decorates a few modules with torch.jit.script_method at import time.
    pytest.mark.filterwarnings("ignore:`torch.jit.script_method` is deprecated:DeprecationWarning"),
]


def _quantize_count(module: torch.fx.GraphModule) -> int:
    quantize = torch.ops.quantized_decomposed.quantize_per_tensor
    return sum(node.op == "call_function" and node.target in (quantize.default, quantize.tensor)
               for node in module.graph.nodes)


# One model per kind of calibration state: residual conv, transformer, dynamic, two-output.
@pytest.mark.parametrize("name", ["resnet_block_conv", "transformer_block", "linear_dynamic", "conv_two_users"])
def test_two_runs_give_the_same_reference_module(name):
    first, inputs = converted_module(name)
    second, _ = converted_module(name)
    assert first.code == second.code
    assert first.state_dict().keys() == second.state_dict().keys()
    assert all(torch.equal(first.state_dict()[key], second.state_dict()[key]) for key in first.state_dict())
    with torch.no_grad():
        out_first, out_second = first(*inputs), second(*inputs)
    outputs = zip(*(o if isinstance(o, tuple) else (o,) for o in (out_first, out_second)))
    assert all(torch.equal(a, b) for a, b in outputs)
    assert _quantize_count(first) > 0
