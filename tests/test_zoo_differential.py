"""qdsl.finalize against torch's C++ finalize on every model of the zoo."""

from __future__ import annotations

import pytest
import torch

import qdsl
from tests.support.harness import INPUT_SEEDS, assert_finalizes_like_torch, finalized_by_torch, output_scale
from tests.support.models import ZOO, cases, debug_copies, seeded_inputs


@pytest.mark.parametrize("model", cases(m for m in ZOO if not m.upstream_raises))
def test_same_graph_and_outputs_as_torch(model):
    assert_finalizes_like_torch(model)


@pytest.mark.parametrize("model", cases(m for m in ZOO if m.upstream_raises))
def test_runs_where_torch_raises(model):
    """Torch's finalize fails (it fuses an op without a QuantizedCPU kernel or into a kernel
    that raises on the model's arguments, or hoists a fused op out of the branch that guards
    it): its module raises when run, or its finalize raises. qdsl's runs, within one
    quantization step of the unfinalized module, and equal to it where the model is only the
    chain qdsl leaves unfused."""
    ours_in, theirs_in, debug = debug_copies(model.name, 3)
    ours = qdsl.finalize(ours_in, model.quant_type, model.preserved_attrs)
    if model.upstream_raises == "finalize":
        with pytest.raises(RuntimeError):
            finalized_by_torch(theirs_in, model.quant_type, model.preserved_attrs)
    else:
        theirs = finalized_by_torch(theirs_in, model.quant_type, model.preserved_attrs)
    step = output_scale(debug)
    for seed in INPUT_SEEDS:
        inputs = seeded_inputs(model, seed)
        if model.upstream_raises == "run":
            with pytest.raises(RuntimeError):
                theirs(*inputs)
        if model.unfused_like_debug:
            assert torch.equal(ours(*inputs), debug(*inputs))
        difference = (ours(*inputs) - debug(*inputs)).abs().max().item()
        assert difference <= step * (1 + 1e-6)
