"""The differential harness: qdsl against torch's own C++ passes on the same module.

Torch is the oracle. A zoo model (tests/support/models.py) is finalized by both, and
the results must have the same node kinds, the same output types and bit-identical
outputs (`assert_finalizes_like_torch`). One stage at a time, a rule set applied through
torch's own rewriter (`rewrite_with_torch`) must give the graph of torch's own passes
(`fused_by_torch`). The caller's module must come out of qdsl as it went in
(`snapshot`, `assert_same_snapshot`).
"""

from __future__ import annotations

from typing import Iterable

import torch

import qdsl
from qdsl.backends.torchscript import torch_api
from qdsl.backends.torchscript.compiled import rendered
from qdsl.backends.torchscript.rewriter import apply_rules

from .graphs import node_kinds, typed_nodes
from .models import Model, debug_copies, seeded_inputs

INPUT_SEEDS = (11, 12)
"""Seeds of the inputs both finalized modules run on."""


def finalized_by_torch(module: torch.jit.ScriptModule, quant_type: int,
                       preserved_attrs: Iterable[str] = ()) -> torch.jit.ScriptModule:
    """torch's `_jit_pass_quant_finalize` of `module` (which it edits: pass a copy)."""
    return torch_api.wrap(torch._C._jit_pass_quant_finalize(module._c, quant_type, list(preserved_attrs)))


def fused_by_torch(graph: torch._C.Graph) -> torch._C.Graph:
    """torch's prepack insertion and static fusion of `graph`, in place (the two rewrite
    passes of its finalize; dynamic fusion is reachable from Python only inside finalize)."""
    torch._C._jit_pass_insert_prepack_unpack(graph)
    torch._C._jit_pass_quant_fusion(graph)
    return graph


def rewrite_with_torch(graph: torch._C.Graph, rules: Iterable[qdsl.Rule]) -> torch._C.Graph:
    """`rules` in order, one full pass each, in place: torch's own rewriter applies each
    rule's rendered IR; a rule with a guard goes through qdsl's engine (torch's binding
    takes no filter)."""
    for rule in rules:
        if rule.guard is None:
            torch._C._jit_pass_custom_pattern_based_rewrite_graph(*rendered(rule), graph)
        else:
            apply_rules(graph, [rule])
    return graph


def assert_finalizes_like_torch(model: Model, rules: qdsl.RuleSet | None = None) -> torch.jit.ScriptModule:
    """qdsl's finalize of `model` leaves the caller's module as it was and gives torch's
    node kinds, output types and bit-identical outputs (also of `model.extra_calls`);
    returns qdsl's module."""
    ours_in, theirs_in = debug_copies(model.name)
    before = snapshot(ours_in)
    theirs = finalized_by_torch(theirs_in, model.quant_type, model.preserved_attrs)
    ours = qdsl.finalize(ours_in, model.quant_type, model.preserved_attrs, rules=rules)
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
    assert_same_snapshot(before, snapshot(ours_in))  # running qdsl's module left the caller's tensors alone
    return ours


def snapshot(module) -> dict:
    """Everything finalize could change: every method graph and attribute of every
    submodule, tensors by value and by identity (finalize shares them with its result)."""
    c_module = module._c if isinstance(module, torch.jit.ScriptModule) else module
    iterators = torch_api.module_iterators(c_module)
    graphs = {}
    for name, sub in [("", c_module), *iterators["named_modules"]]:
        for method in sub._method_names():
            graphs[f"{name}.{method}"] = str(sub._get_method(method).graph)
    attributes = {}
    for name, value in iterators["named_attributes_r"]:
        if isinstance(value, torch.Tensor):
            attributes[name] = ("tensor", (value, value.clone()))
        elif isinstance(value, torch._C.ScriptObject):
            attributes[name] = ("object", value._type().qualified_name())
        else:
            attributes[name] = ("value", repr(value))
    return {"graphs": graphs, "attributes": attributes}


def assert_same_snapshot(before: dict, after: dict) -> None:
    assert before["graphs"] == after["graphs"]
    assert before["attributes"].keys() == after["attributes"].keys()
    for name, (kind, value) in before["attributes"].items():
        other_kind, other = after["attributes"][name]
        assert kind == other_kind, name
        if kind == "tensor":
            assert other[0] is value[0] and torch.equal(other[1], value[1]), name
        else:
            assert value == other, name


def outputs_equal(a, b) -> bool:
    """Bit-identical outputs: tensors (quantized ones by qparams and integer values) and tuples of them."""
    if isinstance(a, (tuple, list)):
        return type(a) is type(b) and len(a) == len(b) and all(outputs_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, torch.Tensor) and a.is_quantized:
        return (isinstance(b, torch.Tensor) and b.is_quantized and a.q_scale() == b.q_scale()
                and a.q_zero_point() == b.q_zero_point() and torch.equal(a.int_repr(), b.int_repr()))
    if isinstance(a, torch.Tensor):
        return isinstance(b, torch.Tensor) and not b.is_quantized and torch.equal(a, b)
    return a == b


def output_scale(debug: torch.jit.ScriptModule) -> float:
    """The quantization step of a debug module's output.

    A debug module returns `dequantize(quantize_per_tensor(v, scale, ...))`; the scale
    is an attribute read through a GetAttr chain, a constant, or `q_scale` of an
    earlier quantized value (ops that inherit their input's qparams).
    """
    value = next(iter(debug.graph.return_node().inputs()))
    while True:
        node = value.node()
        if node.kind() == "aten::dequantize":
            value = node.input()
        elif node.kind() == "aten::quantize_per_tensor":
            return _evaluate_scalar(debug, list(node.inputs())[1])
        elif node.kind() == "prim::If":
            value = list(node.blocks())[0].returnNode().inputsAt(value.offset())
        else:
            raise AssertionError(f"cannot find the output scale: output produced by {node.kind()}")


def _evaluate_scalar(debug, value) -> float:
    node = value.node()
    if node.kind() == "prim::Constant":
        return float(value.toIValue())
    if node.kind() == "prim::GetAttr":
        owner = _resolve_module(debug._c, node.input())
        return float(owner.getattr(node.s("name")))
    if node.kind() == "aten::q_scale":
        quantized = node.input().node()
        assert quantized.kind() == "aten::quantize_per_tensor", quantized.kind()
        return _evaluate_scalar(debug, list(quantized.inputs())[1])
    raise AssertionError(f"cannot evaluate scale produced by {node.kind()}")


def _resolve_module(root: torch._C.ScriptModule, value):
    node = value.node()
    if node.kind() == "prim::Param":
        return root
    assert node.kind() == "prim::GetAttr", node.kind()
    return _resolve_module(root, node.input()).getattr(node.s("name"))
