"""qdsl.finalize against torch's C++ finalize on every model of the zoo."""

from __future__ import annotations

import pytest
import torch

import qdsl
from conftest import (assert_same_snapshot, node_kinds, output_scale, outputs_equal, snapshot, typed_nodes,
                      zoo_cases, zoo_debug_copies)
from zoo import ARCHITECTURES, ZOO, seeded_inputs

INPUT_SEEDS = (11, 12)


def test_zoo_is_large_and_covers_the_recipes():
    assert len(ZOO) >= 40
    assert {m.mode for m in ZOO} == {"static", "dynamic", "fp16"}
    assert {m.frontend for m in ZOO} == {"script", "trace"}
    assert any(m.upstream_raises for m in ZOO)
    assert any(m.preserved_attrs for m in ZOO)
    assert len(ARCHITECTURES) >= 20
    assert {m.frontend for m in ARCHITECTURES} == {"script", "trace"}
    assert {m.mode for m in ARCHITECTURES} == {"static", "dynamic"}


@pytest.mark.parametrize("model", zoo_cases(m for m in ZOO if not m.upstream_raises))
def test_same_graph_and_outputs_as_torch(model):
    ours_in, theirs_in = zoo_debug_copies(model.name)
    before = snapshot(ours_in)
    theirs = torch.jit._recursive.wrap_cpp_module(
        torch._C._jit_pass_quant_finalize(theirs_in._c, model.quant_type, list(model.preserved_attrs)))
    ours = qdsl.finalize(ours_in, model.quant_type, model.preserved_attrs)

    assert_same_snapshot(before, snapshot(ours_in))
    assert isinstance(ours, torch.jit.ScriptModule)
    expected_kinds = node_kinds(theirs.graph)
    assert node_kinds(ours.graph) == expected_kinds
    assert typed_nodes(ours.graph) == typed_nodes(theirs.graph)
    for kind in model.expect_kinds:
        assert kind in expected_kinds, f"zoo model {model.name} no longer exercises {kind}"
    for seed in INPUT_SEEDS:
        inputs = seeded_inputs(model, seed)
        assert outputs_equal(ours(*inputs), theirs(*inputs))
        for method in model.extra_calls:
            assert outputs_equal(getattr(ours, method)(*inputs), getattr(theirs, method)(*inputs))


@pytest.mark.parametrize("model", zoo_cases(m for m in ZOO if m.upstream_raises))
def test_runs_where_torch_raises(model):
    ours_in, theirs_in, debug = zoo_debug_copies(model.name, 3)
    theirs = torch.jit._recursive.wrap_cpp_module(
        torch._C._jit_pass_quant_finalize(theirs_in._c, model.quant_type, list(model.preserved_attrs)))
    ours = qdsl.finalize(ours_in, model.quant_type, model.preserved_attrs)
    step = output_scale(debug)
    for seed in INPUT_SEEDS:
        inputs = seeded_inputs(model, seed)
        with pytest.raises(RuntimeError):
            theirs(*inputs)
        difference = (ours(*inputs) - debug(*inputs)).abs().max().item()
        assert difference <= step * (1 + 1e-6)
