"""Shared helpers and fixtures of the driver, zoo and integration tests."""

from __future__ import annotations

import functools
import os
import re
import sys
from pathlib import Path

import pytest
import torch

sys.path.insert(0, os.path.dirname(__file__))

from zoo import ZOO_BY_NAME, debug_module  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


@functools.lru_cache(maxsize=None)
def _cached_debug_module(name: str) -> torch.jit.ScriptModule:
    return debug_module(ZOO_BY_NAME[name])


def zoo_debug_copies(name: str, count: int = 2) -> list[torch.jit.ScriptModule]:
    """Independent copies (own class types, own graphs) of one zoo model's debug module.

    The debug module is built once per session; each test gets fresh clones made by
    torch's own module cloning, so no finalizer sees another's edits.
    """
    original = _cached_debug_module(name)
    return [torch.jit._recursive.wrap_cpp_module(
        torch._C._hack_do_not_use_clone_module_with_class(original._c, [], [])) for _ in range(count)]


def zoo_cases(models) -> list:
    """pytest parameters of zoo models, named after them, the slow ones marked `slow`."""
    return [pytest.param(model, id=model.name, marks=[pytest.mark.slow] if model.slow else []) for model in models]


def node_kinds(graph: torch._C.Graph) -> list[str]:
    """Node kinds in graph order, nested blocks bracketed, so structure is compared too."""
    kinds: list[str] = []

    def visit(block):
        for node in block.nodes():
            kinds.append(node.kind())
            for sub in node.blocks():
                kinds.append("{")
                visit(sub)
                kinds.append("}")

    visit(graph.block())
    return kinds


def typed_nodes(graph: torch._C.Graph) -> list[tuple[str, list[str]]]:
    """Node kinds with their output types, depth first: shows whether shape information was erased."""
    found = []

    def visit(block):
        for node in block.nodes():
            found.append((node.kind(), [str(output.type()) for output in node.outputs()]))
            for sub in node.blocks():
                visit(sub)

    visit(graph.block())
    return found


_MANGLE = re.compile(r"___torch_mangle_\d+\.")


def graph_text(graph: torch._C.Graph) -> str:
    """The graph's text without TorchScript's per-type mangling counters."""
    return _MANGLE.sub("", str(graph))


def _c(module):
    return module._c if isinstance(module, torch.jit.ScriptModule) else module


def snapshot(module) -> dict:
    """Everything finalize could change: every method graph and attribute of every submodule."""
    c_module = _c(module)
    iterators = torch._C._jit_debug_module_iterators(c_module)
    graphs = {}
    for name, sub in [("", c_module), *iterators["named_modules"]]:
        for method in sub._method_names():
            graphs[f"{name}.{method}"] = str(sub._get_method(method).graph)
    attributes = {}
    for name, value in iterators["named_attributes_r"]:
        if isinstance(value, torch.Tensor):
            attributes[name] = ("tensor", value.clone())
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
            assert torch.equal(value, other), name
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
    graph = debug.graph
    value = next(iter(graph.return_node().inputs()))
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


@pytest.fixture(scope="session")
def shipped_rules():
    """The shipped rule set, as `qdsl.finalize` uses it by default."""
    import qdsl

    return qdsl.default_rules()

