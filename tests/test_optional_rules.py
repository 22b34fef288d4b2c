"""The opt-in rule files of patterns/optional/, on real quantized models against torch."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
import torch.nn as nn
from torch.ao.quantization import convert_jit, default_qconfig, prepare_jit

import qdsl
from tests.support.graphs import node_kinds
from tests.support.harness import finalized_by_torch
from tests.support.models import BY_NAME, clone, debug_copies, seeded_inputs

SHARED_QPARAMS = Path(__file__).resolve().parents[1] / "patterns" / "optional" / "fixed_qparams_shared_constants.qpat"


def hardsigmoid(x):
    return torch.nn.functional.hardsigmoid(x)


def sigmoid(x):
    return torch.sigmoid(x)


def tanh(x):
    return torch.tanh(x)


class TwoOfEach(nn.Module):
    """Two convs each followed by the same fixed-qparams op."""

    def __init__(self, op):
        super().__init__()
        self.op = op
        self.first = nn.Conv2d(2, 2, 3, padding=1)
        self.second = nn.Conv2d(2, 2, 3, padding=1)

    def forward(self, x):
        return self.op(self.first(x)) + self.op(self.second(x))


def debug_module(op: str, frontend: str) -> torch.jit.ScriptModule:
    torch.manual_seed(0)
    model = TwoOfEach(globals()[op]).eval()
    example = torch.randn(1, 2, 6, 6)
    scripted = torch.jit.trace(model, example) if frontend == "trace" else torch.jit.script(model)
    prepared = prepare_jit(scripted, {"": default_qconfig})
    for seed in range(3):
        prepared(torch.randn(1, 2, 6, 6, generator=torch.Generator().manual_seed(seed)))
    return convert_jit(prepared, debug=True)


@pytest.mark.parametrize("frontend", ["script", "trace"])
@pytest.mark.parametrize("op", ["hardsigmoid", "sigmoid", "tanh"])
def test_shared_fixed_qparams_fuse_only_with_the_opt_in_rules(op, frontend):
    debug = debug_module(op, frontend)
    # After constant pooling both fixed-qparams quantize nodes read one shared scale,
    # zero point and dtype constant.
    pooled = clone(debug)
    torch._C._jit_pass_constant_pooling(pooled.graph)
    fused_kind = f"aten::{op}"
    upstream_unpooled = finalized_by_torch(clone(debug), 1)
    upstream = finalized_by_torch(clone(pooled), 1)
    default = qdsl.finalize(pooled)
    opted_in = qdsl.finalize(pooled, rules=qdsl.default_rules() + qdsl.load_rules(str(SHARED_QPARAMS)))

    def ops_fed_by_dequantize(module):
        return sum(1 for node in module.graph.nodes() if node.kind() == fused_kind
                   and node.inputsAt(0).node().kind() == "aten::dequantize")

    # Upstream and the default rules leave both ops in float on the pooled graph: the
    # shared constant has two users, the pattern constant one.
    assert ops_fed_by_dequantize(upstream) == ops_fed_by_dequantize(default) == 2
    assert node_kinds(default.graph) == node_kinds(upstream.graph)
    # The opt-in rules fuse both, exactly as upstream fuses the unpooled graph.
    assert ops_fed_by_dequantize(opted_in) == ops_fed_by_dequantize(upstream_unpooled) == 0
    assert node_kinds(opted_in.graph).count(fused_kind) == node_kinds(upstream_unpooled.graph).count(fused_kind) == 2
    x = torch.randn(1, 2, 6, 6, generator=torch.Generator().manual_seed(11))
    assert torch.equal(opted_in(x), upstream_unpooled(x))


UPSTREAM_KERNELLESS = SHARED_QPARAMS.parent / "upstream_kernelless_upsample.qpat"
KERNELLESS_UPSAMPLE_MODELS = ["upsample_nearest1d", "upsample_linear1d", "upsample_trilinear3d",
                              "upsample_linear1d_vec", "upsample_trilinear3d_vec"]
"""The zoo's models with kernel-less upsamples (upsample_nearest1d_vec is scripted
F.interpolate, whose fused op upstream hoists out of its prim::If branch: there qdsl
differs from upstream on purpose, with or without these rules)."""


@pytest.mark.parametrize("name", KERNELLESS_UPSAMPLE_MODELS)
def test_opt_in_kernelless_upsample_rules_reproduce_upstreams_graph_and_its_failure(name):
    ours_in, theirs_in, default_in = debug_copies(name, 3)
    theirs = finalized_by_torch(theirs_in, 1)
    ours = qdsl.finalize(ours_in, rules=qdsl.default_rules() + qdsl.load_rules(UPSTREAM_KERNELLESS))
    default = qdsl.finalize(default_in)
    assert node_kinds(ours.graph) == node_kinds(theirs.graph)
    assert node_kinds(default.graph) != node_kinds(theirs.graph)
    inputs = seeded_inputs(BY_NAME[name], 1)
    for module in (ours, theirs):
        with pytest.raises(RuntimeError, match="QuantizedCPU"):
            module(*inputs)
    default(*inputs)
