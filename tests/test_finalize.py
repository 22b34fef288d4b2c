"""The finalize driver: API contract, bad arguments, the steps against torch's passes, and
the warning for a graph of the other quant type (whose result stays torch's: its pass
accepts the mismatch as well).

Every zoo model is finalized like torch in tests/test_zoo_differential.py; errors of
rules and modules are in tests/test_bad_inputs.py.
"""

from __future__ import annotations

import itertools
import re
import warnings

import pytest
import torch

import qdsl
from qdsl.backends.torchscript import FUSION_DYNAMIC, PREPACK, torch_api
from qdsl.backends.torchscript.finalize import FINALIZE_STEPS, clear_profiling_information
from qdsl.backends.torchscript.module_clone import clone_sharing_tensors
from qdsl.backends.torchscript.quant_marks import dynamic_evidence, static_evidence
from tests.support.cli import REPO
from tests.support.graphs import node_kinds, nodes, typed_nodes
from tests.support.harness import finalized_by_torch, outputs_equal
from tests.support.models import BY_NAME, ZOO, cases, debug_copies, seeded_inputs


def test_returns_the_kind_it_was_given():
    script_module, other = debug_copies("linear")
    assert isinstance(qdsl.finalize(script_module), torch.jit.ScriptModule)
    result = qdsl.finalize(other._c)
    assert isinstance(result, torch._C.ScriptModule) and not isinstance(result, torch.jit.ScriptModule)


@pytest.mark.parametrize("quant_type", [qdsl.QuantType.DYNAMIC, 0, torch.ao.quantization.QuantType.DYNAMIC])
def test_quant_type_as_enum_or_int(quant_type):
    ours_in, theirs_in = debug_copies("dynamic_linear")
    ours = qdsl.finalize(ours_in, quant_type)
    assert node_kinds(ours.graph) == node_kinds(finalized_by_torch(theirs_in, 0).graph)


@pytest.mark.parametrize("quant_type", [2, 3, -1, "static", True, None, 1.0])
def test_unknown_quant_type(quant_type):
    module, = debug_copies("linear", 1)
    with pytest.raises(qdsl.InputError, match="unknown quant type"):
        qdsl.finalize(module, quant_type)


def test_float_module_is_rejected_with_a_hint():
    with pytest.raises(qdsl.InputError, match="script or trace it first"):
        qdsl.finalize(torch.nn.Linear(2, 2))
    with pytest.raises(qdsl.InputError, match="got str"):
        qdsl.finalize("model.pt")


def test_module_without_forward():
    empty = torch._C.ScriptModule("Empty", torch._C.CompilationUnit(), True)
    with pytest.raises(qdsl.InputError, match="has no forward method"):
        qdsl.finalize(empty)


def test_missing_rule_file():
    module, = debug_copies("linear", 1)
    with pytest.raises(qdsl.InputError, match="no such rule file") as raised:
        qdsl.finalize(module, rules="/nonexistent/rules.qpat")
    assert raised.value.path == "/nonexistent/rules.qpat"


def test_rules_of_the_wrong_type():
    module, = debug_copies("linear", 1)
    with pytest.raises(qdsl.InputError, match="rules must be .*; got int"):
        qdsl.finalize(module, rules=42)
    with pytest.raises(qdsl.InputError, match="rules must be .*; got a list of int, str"):
        qdsl.finalize(module, rules=["patterns", 42])


def test_rules_given_as_several_paths_are_all_loaded():
    ours_input, theirs_input = debug_copies("linear", 2)
    paths = [REPO / "patterns" / "prepack.qpat", str(REPO / "patterns" / "fusion_static.qpat")]
    ours = qdsl.finalize(ours_input, rules=paths)
    assert node_kinds(ours.graph) == node_kinds(finalized_by_torch(theirs_input, 1).graph)


def test_rule_set_for_the_wrong_stage(shipped_rules):
    prepack_only = qdsl.RuleSet(shipped_rules.for_stage(PREPACK))
    dynamic_only = qdsl.RuleSet(shipped_rules.for_stage(FUSION_DYNAMIC))
    graph = debug_copies("linear", 1)[0].graph
    with pytest.raises(qdsl.InputError, match="no rules for stage fusion static; its rules are for: prepack"):
        qdsl.quant_fusion(graph, qdsl.QuantType.STATIC, prepack_only)
    with pytest.raises(qdsl.InputError, match="no rules for stage prepack; its rules are for: fusion dynamic"):
        qdsl.insert_prepack_unpack(graph, dynamic_only)
    with pytest.raises(qdsl.InputError, match="no prepack rules and no rules for fusion static"):
        qdsl.finalize(debug_copies("linear", 1)[0], 1, rules=dynamic_only)


def test_preserved_attrs_errors():
    module, = debug_copies("preserved_attr", 1)
    with pytest.raises(qdsl.InputError, match="sequence of attribute names"):
        qdsl.finalize(module, 1, "steps")
    with pytest.raises(qdsl.InputError, match="freezing failed"):
        qdsl.finalize(module, 1, ["no_such_attribute"])


def test_inplace_finalizes_the_callers_module():
    module, = debug_copies("nested", 1)
    qdsl.finalize(module, inplace=True)
    assert "quantized::conv2d_relu" in node_kinds(module.graph)


def test_working_copy_shares_the_callers_parameters_and_leaves_them_in_place():
    module, = debug_copies("large_weights_preserved", 1)
    held = {name: value for name, value in torch_api.module_iterators(module._c)["named_parameters_r"]}
    work, shared = clone_sharing_tensors(module._c)
    copied = dict(torch_api.module_iterators(work)["named_parameters_r"])
    assert held.keys() == {"fc.weight", "fc.bias", "table"}
    assert {id(value) for value in held.values()} == shared
    assert all(copied[name] is value for name, value in held.items())
    assert all(value is held[name] for name, value in torch_api.module_iterators(module._c)["named_parameters_r"])
    assert work._type() != module._c._type()


def test_a_module_with_setstate_is_copied_whole():
    class Stateful(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.weight = torch.nn.Parameter(torch.ones(128, 128))

        def forward(self, x):
            return x @ self.weight

        @torch.jit.export
        def __getstate__(self):
            return (self.weight, self.training)

        @torch.jit.export
        def __setstate__(self, state: tuple[torch.Tensor, bool]):
            self.weight = state[0] * 2
            self.training = state[1]

    module = torch.jit.script(Stateful().eval())
    work, shared = clone_sharing_tensors(module._c)
    assert not shared
    assert torch.equal(work.getattr("weight"), module.weight * 2)


def test_shape_information_is_erased_like_upstream():
    ours_in, theirs_in = debug_copies("conv3d_relu")
    assert any(value.isCompleteTensor() for node in ours_in.graph.nodes() for value in node.outputs()
               if node.kind() != "prim::Constant")
    ours = qdsl.finalize(ours_in)
    assert typed_nodes(ours.graph) == typed_nodes(finalized_by_torch(theirs_in, 1).graph)


def test_shape_erasure_is_upstreams_on_tensors_and_tuples():
    """torch's pass clears the shapes of its input's forward in place (and, on a float
    graph, changes nothing else): qdsl's clear of a copy gives the same types, a tuple
    of tensors keeping the shapes of its elements as upstream's does."""
    class Split(torch.nn.Module):
        def forward(self, x):
            parts = torch.chunk(x.relu(), 2)
            return parts[0] + 1, torch.cat(parts)

    def shaped(graph: torch._C.Graph) -> list[str]:
        return [value.type().str() for node in nodes(graph) for value in node.outputs()
                if "Float(" in value.type().str()]

    traced = torch.jit.trace(Split().eval(), torch.randn(4, 3))
    ours = traced.graph.copy()
    clear_profiling_information(ours)
    assert len(shaped(traced.graph)) > len(shaped(ours)) > 0  # tensors cleared, a tuple of tensors not
    finalized_by_torch(traced, 1)
    assert [value.type().str() for value in ours.inputs()] == [value.type().str() for value in traced.graph.inputs()]
    assert typed_nodes(ours) == typed_nodes(traced.graph)


def test_shape_erasure_leaves_module_types_alone():
    """Upstream's ClearProfilingInformation changes only tensor-typed values. torch's
    `_jit_pass_erase_shape_information` would also give every submodule value a new class
    type whose attributes lose their shapes (quantization registers qparams with them)."""
    module, = debug_copies("resnet18", 1)  # per-channel qparams: tensors with shapes
    graph = module.graph

    def submodule_attribute_types():
        return [[(t.dtype(), t.sizes()) if t.kind() == "TensorType" else str(t)
                 for t in node.output().type().containedTypes()]
                for node in graph.findAllNodes("prim::GetAttr", True) if node.output().type().kind() == "ClassType"]

    before = submodule_attribute_types()
    assert any(isinstance(t, tuple) and t[1] for types in before for t in types)
    clear_profiling_information(graph)
    assert submodule_attribute_types() == before


def test_report_holds_plain_records_of_the_rules_that_made_each_node(shipped_rules):
    module, = debug_copies("nested", 1)
    report = qdsl.finalize_with_report(module)
    made = {kind: rewrite.rule.name for rewrite in report.fusion for kind in rewrite.kinds}
    assert {made["quantized::conv2d_relu"], made["quantized::add"], made["quantized::linear"]} == {
        "conv2d_relu", "add", "linear"}
    assert all(rewrite.rule is shipped_rules[rewrite.rule.name] for rewrite in report.fusion)
    assert all(len(rewrite.outputs) == len(rewrite.kinds) and all(isinstance(o, str) for o in rewrite.outputs)
               for rewrite in report.prepack + report.fusion)
    assert {rewrite.kinds[0] for rewrite in report.prepack} == {"quantized::conv2d_prepack",
                                                                "quantized::linear_prepack"}
    assert not hasattr(report, "rewritten")
    assert node_kinds(report.module.graph) == node_kinds(qdsl.finalize(debug_copies("nested", 1)[0]).graph)


@pytest.mark.parametrize("name", ["nested", "shared_types", "two_methods", "if_branch"])
def test_insert_prepack_unpack_on_a_module_visits_all_methods_and_children(name):
    ours, theirs = debug_copies(name)
    rewrites = qdsl.insert_prepack_unpack(ours)
    torch._C._jit_pass_insert_prepack_unpack(theirs._c)
    assert rewrites
    ours_modules = [("", ours._c), *torch._C._jit_debug_module_iterators(ours._c)["named_modules"]]
    theirs_modules = [("", theirs._c), *torch._C._jit_debug_module_iterators(theirs._c)["named_modules"]]
    assert [n for n, _ in ours_modules] == [n for n, _ in theirs_modules]
    for (_, our_module), (_, their_module) in zip(ours_modules, theirs_modules):
        for method in their_module._method_names():
            assert node_kinds(our_module._get_method(method).graph) == \
                node_kinds(their_module._get_method(method).graph)


@pytest.mark.parametrize("name", ["conv2d_relu", "add_scalar_relu", "cat", "hardswish", "layer_norm"])
def test_quant_fusion_on_a_graph_matches_torch(name):
    ours, theirs = debug_copies(name)
    for module in (ours, theirs):
        torch._C._jit_pass_insert_prepack_unpack(module.graph)
    rewrites = qdsl.quant_fusion(ours.graph)
    torch._C._jit_pass_quant_fusion(theirs.graph)
    assert rewrites
    assert node_kinds(ours.graph) == node_kinds(theirs.graph)
    inputs = seeded_inputs(BY_NAME[name], 1)
    assert outputs_equal(ours(*inputs), theirs(*inputs))


def test_timings_add_each_steps_clock_seconds():
    """A clock that advances one second per reading: each step takes exactly one."""
    module, = debug_copies("conv2d_relu", 1)
    timings = {"fusion": 1.0}
    ticks = itertools.count()
    qdsl.finalize(module, timings=timings, clock=lambda: float(next(ticks)))
    assert timings == {"clear": 1.0, "prepack": 1.0, "fusion": 2.0, "freeze": 1.0, "fold": 1.0}
    assert [step.name for step in FINALIZE_STEPS] == ["clear", "prepack", "fusion", "freeze", "fold"]


# ---------------------------------------------------------------- the other quant type


@pytest.mark.parametrize("model", cases(ZOO))
def test_every_zoo_graph_shows_the_marks_of_its_own_quant_type_only(model):
    module, = debug_copies(model.name, 1)
    dynamic, static = dynamic_evidence(module.graph), static_evidence(module.graph)
    if model.mode == "static":
        assert dynamic is None and static is not None
    else:
        assert dynamic is not None and static is None


@pytest.mark.parametrize("name, wrong, mark, advice", [
    ("dynamic_linear", 1, "aten::_choose_qparams_per_tensor", "pass QuantType.DYNAMIC (0)"),
    ("fp16_linear", torch.ao.quantization.QuantType.STATIC, "aten::_saturate_weight_to_fp16",
     "pass QuantType.DYNAMIC (0)"),
    ("conv2d_relu", 0, "a dequantize feeds aten::conv2d", "pass QuantType.STATIC (1)"),
    ("linear", 0, "a dequantize feeds", "pass QuantType.STATIC (1)"),
])
def test_finalizing_a_graph_as_the_other_quant_type_warns_and_does_what_torch_does(name, wrong, mark, advice):
    ours, theirs = debug_copies(name)
    with pytest.warns(UserWarning, match=re.escape(mark)) as record:
        finalized = qdsl.finalize(ours, wrong)
    (warning,) = [w for w in record if "quant_type" in str(w.message)]
    assert advice in str(warning.message) and warning.filename == __file__
    by_torch = finalized_by_torch(theirs, int(wrong))
    assert node_kinds(finalized.graph) == node_kinds(by_torch.graph)
    inputs = seeded_inputs(BY_NAME[name], 1)
    assert outputs_equal(finalized(*inputs), by_torch(*inputs))


@pytest.mark.parametrize("name", ["dynamic_linear", "conv2d_relu", "nested", "if_branch"])
def test_finalizing_with_the_right_quant_type_does_not_warn(name):
    module, = debug_copies(name, 1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        qdsl.finalize(module, BY_NAME[name].quant_type)
    assert [str(w.message) for w in caught if "quant_type" in str(w.message)] == []


def test_quant_fusion_on_a_graph_warns_too():
    module, = debug_copies("dynamic_linear", 1)
    with pytest.warns(UserWarning, match="the graph is dynamically quantized") as record:
        qdsl.quant_fusion(module.graph, 1)
    assert [w.filename for w in record] == [__file__]


def test_finalize_with_an_empty_rule_file_says_so(tmp_path):
    (tmp_path / "mine.qpat").write_text("# rules to come\nstage fusion static\n")
    module, = debug_copies("conv2d_relu", 1)
    with pytest.warns(UserWarning, match="mine.qpat:1:1: warning: the file defines no rules"):
        report = qdsl.finalize_with_report(module, rules=tmp_path / "mine.qpat")
    assert report.fusion == () and report.prepack == ()
