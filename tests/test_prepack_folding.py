"""fold_quantized_prepacking_ops against the folding inside torch's C++ finalize.

Everything before the fold is done by torch's own passes (prepack/unpack insertion,
fusion, freezing), so these tests hold qdsl's folder alone against upstream's.
"""

from __future__ import annotations

import io

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.ao.quantization import convert_jit, default_qconfig, get_default_qconfig, prepare_jit

import qdsl
from qdsl.backends.torchscript import PREPACK
from qdsl.backends.torchscript.finalize import clear_profiling_information
from qdsl.backends.torchscript.prepack_folding import FOLDABLE_PREPACK_OPS
from tests.support.graphs import graph_text, node_kinds
from tests.support.harness import assert_same_snapshot, finalized_by_torch, outputs_equal, snapshot
from tests.support.models import BY_NAME, debug_copies, seeded_inputs

# Scripted ConvTranspose1d computes output_padding in a prim::If, so its prepack node
# keeps a non-constant input after freezing and stays unfolded (upstream too).
NOT_FOLDABLE = {"conv_transpose1d"}
FOLDED_MODELS = ("conv1d", "conv2d_relu", "conv3d_relu", "conv_transpose1d", "conv_transpose2d", "linear",
                 "shared_types", "if_branch", "nested", "two_methods")


def torch_fused_and_frozen(module, preserved_attrs=()) -> torch._C.ScriptModule:
    """Upstream's Finalize up to (not including) FoldQuantizedPrepackingOps."""
    c_module = module._c
    for method in c_module._method_names():
        clear_profiling_information(c_module._get_method(method).graph)
    graph = c_module._get_method("forward").graph
    torch._C._jit_pass_insert_prepack_unpack(graph)
    torch._C._jit_pass_quant_fusion(graph)
    return torch._C._freeze_module(c_module, list(preserved_attrs))


def packed_attribute_names(c_module) -> list[str]:
    return [name for name, _ in torch._C._jit_debug_module_iterators(c_module)["named_attributes"]
            if "_jit_pass_packed_weight_" in name]


@pytest.mark.parametrize("name", FOLDED_MODELS)
def test_fold_matches_torch_finalize(name):
    model = BY_NAME[name]
    ours_in, theirs_in = debug_copies(name)
    ours = qdsl.fold_quantized_prepacking_ops(torch_fused_and_frozen(ours_in, model.preserved_attrs))
    theirs = torch._C._jit_pass_quant_finalize(theirs_in._c, 1, list(model.preserved_attrs))
    for method in theirs._method_names():
        assert graph_text(ours._get_method(method).graph) == graph_text(theirs._get_method(method).graph)
    names = packed_attribute_names(ours)
    assert names == packed_attribute_names(theirs)
    assert bool(names) != (name in NOT_FOLDABLE)
    assert all(n.startswith("quantized_forward._jit_pass_packed_weight_") for n in names)
    for seed in (1, 2):
        inputs = seeded_inputs(model, seed)
        assert outputs_equal(ours.forward(*inputs), theirs.forward(*inputs))


def test_nothing_folds_before_freezing():
    (module,) = debug_copies("conv2d_relu", 1)
    graph = module._c._get_method("forward").graph
    torch._C._jit_pass_insert_prepack_unpack(graph)
    before = str(graph)
    assert "quantized::conv2d_prepack" in before
    qdsl.fold_quantized_prepacking_ops(module)
    assert str(graph) == before
    assert packed_attribute_names(module._c) == []


def test_existing_attribute_name_is_an_error():
    (module,) = debug_copies("linear", 1)
    frozen = torch_fused_and_frozen(module)
    packed_type = next(n for n in frozen._get_method("forward").graph.nodes()
                       if n.kind() == "quantized::linear_prepack").output().type()
    placeholder = torch.ops.quantized.linear_prepack(torch.quantize_per_tensor(
        torch.ones(1, 1), 1.0, 0, torch.qint8), None)
    frozen._register_attribute("quantized_forward._jit_pass_packed_weight_0", packed_type, placeholder)
    with pytest.raises(qdsl.InputError, match="already exists"):
        qdsl.fold_quantized_prepacking_ops(frozen)


def test_fp16_prepack_is_left_in_the_graph_as_upstream_does():
    ours_in, theirs_in = debug_copies("fp16_linear")
    ours = qdsl.finalize(ours_in, 0)
    theirs = finalized_by_torch(theirs_in, 0)
    kinds = node_kinds(ours.graph)
    assert "quantized::linear_prepack_fp16" in kinds
    assert kinds == node_kinds(theirs.graph)


def test_not_a_module_is_an_error():
    with pytest.raises(qdsl.InputError, match="expects a ScriptModule"):
        qdsl.fold_quantized_prepacking_ops(torch.nn.Linear(2, 2))


def test_the_shipped_prepack_rules_mark_exactly_upstreams_foldable_ops(shipped_rules):
    folded = shipped_rules.foldable_ops(PREPACK)
    assert sorted(folded) == sorted(FOLDABLE_PREPACK_OPS)
    inserted = {node.op for rule in shipped_rules.for_stage(PREPACK) for node in rule.replacement.nodes
                if node.op.endswith(("_prepack", "_prepack_fp16"))}
    assert inserted == {*folded, "quantized::linear_prepack_fp16"}


# A user's prepack rule for fp16 weights that, unlike upstream's, folds the packing.
FP16_FOLDED = """\
stage prepack

rule linear_fp16_prepack_folded:
    linear(a, _saturate_weight_to_fp16(w), b)
    -> packed = fold quantized::linear_prepack_fp16(w, b)
       w_unpacked, b_unpacked = quantized::linear_unpack_fp16(packed)
       linear(a, w_unpacked, b_unpacked)
"""


def fp16_folding_rules() -> qdsl.RuleSet:
    shipped = qdsl.default_rules()
    return (qdsl.RuleSet(tuple(rule for rule in shipped if rule.name != "linear_fp16_prepack_unpack"))
            + qdsl.compile_source(FP16_FOLDED))


@pytest.mark.parametrize("name", ["fp16_linear", "fp16_linear_traced"])
def test_a_user_prepack_rule_marked_fold_has_its_op_folded(name):
    rules = fp16_folding_rules()
    assert "quantized::linear_prepack_fp16" in rules.foldable_ops(PREPACK)
    ours_in, theirs_in = debug_copies(name)
    ours = qdsl.finalize(ours_in, 0, rules=rules)
    theirs = finalized_by_torch(theirs_in, 0)
    # Torch packs the fp16 weights on every call; the folded module reads them from attributes.
    expected = ["prim::GetAttr" if kind == "quantized::linear_prepack_fp16" else kind
                for kind in node_kinds(theirs.graph)]
    assert node_kinds(ours.graph) == expected
    assert packed_attribute_names(ours._c) == [f"quantized_forward._jit_pass_packed_weight_{n}" for n in (0, 1)]
    buffer = io.BytesIO()
    torch.jit.save(ours, buffer)
    buffer.seek(0)
    reloaded = torch.jit.load(buffer)
    for seed in (1, 2):
        inputs = seeded_inputs(BY_NAME[name], seed)
        assert torch.equal(ours(*inputs), theirs(*inputs))
        assert torch.equal(reloaded(*inputs), theirs(*inputs))


def test_folding_alone_keeps_upstreams_set_unless_given_the_ops():
    def frozen_with_fp16_prepack():
        (module,) = debug_copies("fp16_linear", 1)
        graph = module._c._get_method("forward").graph
        torch._C._jit_pass_insert_prepack_unpack(graph)
        return torch._C._freeze_module(module._c, [])

    default = qdsl.fold_quantized_prepacking_ops(frozen_with_fp16_prepack())
    assert "quantized::linear_prepack_fp16" in node_kinds(default._get_method("forward").graph)
    given = qdsl.fold_quantized_prepacking_ops(frozen_with_fp16_prepack(), ["quantized::linear_prepack_fp16"])
    assert "quantized::linear_prepack_fp16" not in node_kinds(given._get_method("forward").graph)
    assert len(packed_attribute_names(given)) == 2
    with pytest.raises(qdsl.InputError, match="foldable_ops must be a collection of op kinds"):
        qdsl.fold_quantized_prepacking_ops(frozen_with_fp16_prepack(), "quantized::linear_prepack_fp16")


# ---------------------------------------------------------------- weights torch cannot pack


class Upsampler(nn.Module):
    def __init__(self):
        super().__init__()
        self.decoder = nn.ConvTranspose1d(4, 2, 3)

    def forward(self, x):
        return self.decoder(x)


class AudioModel(nn.Module):
    """An encoder conv and a transposed-conv decoder layer one module down."""

    def __init__(self):
        super().__init__()
        self.encoder = nn.Conv1d(2, 4, 3)
        self.up = Upsampler()

    def forward(self, x):
        return self.up(F.relu(self.encoder(x)))


class FunctionalTransposedConv(nn.Module):
    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(2, 2, 3))
        self.bias = nn.Parameter(torch.randn(2))

    def forward(self, x):
        return F.conv_transpose1d(x, self.weight, self.bias)


AUDIO_INPUT = (1, 2, 16)
PER_CHANNEL = {"": get_default_qconfig("x86")}


def quantized_debug_module(model_class: type, frontend: str, qconfig_dict: dict) -> torch.jit.ScriptModule:
    torch.manual_seed(0)
    model = model_class().eval()
    example = torch.randn(*AUDIO_INPUT)
    scripted = torch.jit.trace(model, example) if frontend == "trace" else torch.jit.script(model)
    prepared = prepare_jit(scripted, qconfig_dict)
    prepared(example)
    return convert_jit(prepared, debug=True)


@pytest.mark.parametrize("frontend", ["trace", "script"])
def test_per_channel_transposed_conv_error_names_the_layer_torchs_reason_and_the_remedy(frontend):
    debug = quantized_debug_module(AudioModel, frontend, PER_CHANNEL)
    before = snapshot(debug)
    with pytest.raises(qdsl.InputError) as raised:
        qdsl.finalize(debug)
    message = str(raised.value)
    # the layer's code is torch's own (nn.ConvTranspose1d): no model source line to show
    assert message.startswith("cannot pack the weight (shape [4, 2, 3]) of layer `up.decoder` "
                              "(ConvTranspose1d) with quantized::conv_transpose1d_prepack")
    assert "Per Channel Quantization is currently disabled for transposed conv" in message
    assert '"up.decoder": torch.ao.quantization.default_qconfig' in message
    assert_same_snapshot(before, snapshot(debug))
    # Torch's own finalize accepts the module, which then fails when run.
    theirs = finalized_by_torch(debug, 1)
    with pytest.raises(RuntimeError, match="Per Channel Quantization is currently disabled"):
        theirs(torch.randn(*AUDIO_INPUT))


@pytest.mark.parametrize("frontend", ["trace", "script"])
def test_following_the_remedy_finalizes_like_torch(frontend):
    qconfig_dict = {**PER_CHANNEL, "up.decoder": default_qconfig}
    debug = quantized_debug_module(AudioModel, frontend, qconfig_dict)
    ours = qdsl.finalize(debug)
    theirs = finalized_by_torch(quantized_debug_module(AudioModel, frontend, qconfig_dict), 1)
    assert node_kinds(ours.graph) == node_kinds(theirs.graph)
    assert "quantized::conv_transpose1d" in node_kinds(ours.graph)
    inputs = torch.randn(*AUDIO_INPUT, generator=torch.Generator().manual_seed(1))
    assert outputs_equal(ours(inputs), theirs(inputs))


def test_a_transposed_conv_in_the_models_own_code_is_reported_at_its_line():
    debug = quantized_debug_module(FunctionalTransposedConv, "script", PER_CHANNEL)
    with pytest.raises(qdsl.InputError) as raised:
        qdsl.finalize(debug)
    error = raised.value
    call = "F.conv_transpose1d(x, self.weight, self.bias)"
    lines = open(__file__, encoding="utf-8").read().split("\n")
    line = next(number for number, text in enumerate(lines, 1) if text.strip() == f"return {call}")
    assert str(error).startswith(f"{__file__}:{line}:{lines[line - 1].index(call) + 1}: error: cannot pack")
    assert error.path == __file__
    assert f"    {lines[line - 1]}\n" in str(error) and "^~~~" in str(error)
    assert "of the top module (bias `bias`) with quantized::conv_transpose1d_prepack" in str(error)
    assert "a qconfig with a per-tensor weight observer" in str(error)


def test_the_layer_is_named_after_a_save_and_load():
    """A saved module has no inlined call stacks: the layer comes from the frozen bias's name."""
    buffer = io.BytesIO()
    torch.jit.save(quantized_debug_module(AudioModel, "trace", PER_CHANNEL), buffer)
    buffer.seek(0)
    with pytest.raises(qdsl.InputError, match=r"^cannot pack the weight \(shape \[4, 2, 3\]\) of layer "
                                             r"`up.decoder` with quantized::conv_transpose1d_prepack"):
        qdsl.finalize(torch.jit.load(buffer))
