"""A canonical form of a TorchScript graph that ignores value names and node order.

Two graphs have equal canonical forms when they compute the same thing with the same
ops: the same node kinds and attributes, the same wiring from graph inputs (by
position) to graph outputs, and the same constants (by value). Nodes that nothing
live depends on are left out, so dead constants left behind by a rewrite do not count.
Value types are not compared: upstream writes some replacement values untyped.
"""

from __future__ import annotations

from typing import Any

import torch

from qdsl.predicates import constant_value

_SIDE_EFFECT_KINDS = frozenset(
    {"prim::SetAttr", "prim::CallMethod", "prim::CallFunction", "prim::RaiseException",
     "prim::Print", "aten::warn"}
)

_ATTRIBUTE_GETTERS = {
    "s": "s", "i": "i", "f": "f", "ss": "ss", "is": "is_", "fs": "fs", "ty": "ty",
}


def _constant_key(value: torch._C.Value) -> tuple:
    """A hashable description of a constant's value, as torch's C++ passes see it."""
    ivalue = constant_value(value)
    if isinstance(ivalue, torch.Tensor):
        return ("tensor", ivalue.dtype, tuple(ivalue.shape), tuple(ivalue.flatten().tolist()))
    if isinstance(ivalue, (list, tuple)):
        return ("list", type(ivalue).__name__, tuple(_plain(v) for v in ivalue))
    return ("scalar", type(ivalue).__name__, ivalue)


def _plain(item: Any) -> Any:
    if isinstance(item, torch.Tensor):
        return ("tensor", item.dtype, tuple(item.flatten().tolist()))
    return (type(item).__name__, item)


def _attributes(node: torch._C.Node) -> tuple:
    items = []
    for name in sorted(node.attributeNames()):
        kind = node.kindOf(name)
        getter = _ATTRIBUTE_GETTERS.get(kind)
        value = str(getattr(node, getter)(name)) if getter else kind
        items.append((name, value))
    return tuple(items)


class _Canonicaliser:
    """Numbers the live nodes in depth-first order from the outputs, inputs first."""

    def __init__(self, graph: torch._C.Graph):
        self.input_index = {v.unique(): i for i, v in enumerate(graph.inputs())}
        self.block_params: dict[int, tuple] = {}
        self.blocks_seen = 0
        self.entries: list[tuple] = []
        self.numbers: dict[tuple, int] = {}

    def value_ref(self, value: torch._C.Value) -> tuple:
        uid = value.unique()
        if uid in self.input_index:
            return ("input", self.input_index[uid])
        if uid in self.block_params:
            return self.block_params[uid]
        node = value.node()
        if node.kind() == "prim::Constant":
            return ("const", _constant_key(value))
        number = self.visit(node)
        return ("node", number, value.offset())

    def visit(self, node: torch._C.Node) -> int:
        # Python wrappers of one node are distinct objects: key a node by its outputs.
        # A node without outputs is a root and is visited exactly once.
        key = tuple(v.unique() for v in node.outputs()) or ("root", len(self.entries))
        if key in self.numbers:
            return self.numbers[key]
        inputs = tuple(self.value_ref(v) for v in node.inputs())
        blocks = tuple(self.block_form(b) for b in node.blocks())
        number = len(self.entries)
        self.numbers[key] = number
        self.entries.append((node.kind(), _attributes(node), inputs, node.outputsSize(), blocks))
        return number

    def block_form(self, block: torch._C.Block) -> tuple:
        block_number = self.blocks_seen
        self.blocks_seen += 1
        for i, param in enumerate(block.inputs()):
            self.block_params[param.unique()] = ("block_param", block_number, i)
        roots = [n for n in block.nodes() if _is_root(n)]
        effects = tuple(self.visit(n) for n in roots)
        outputs = tuple(self.value_ref(v) for v in block.outputs())
        return (len(list(block.inputs())), effects, outputs)


def _is_root(node: torch._C.Node) -> bool:
    return node.kind() in _SIDE_EFFECT_KINDS or node.outputsSize() == 0


def canonical_form(graph: torch._C.Graph) -> tuple:
    """The canonical form of `graph`: equal for graphs that differ only in names/order."""
    canon = _Canonicaliser(graph)
    roots = [n for n in graph.nodes() if _is_root(n)]
    effects = tuple(canon.visit(n) for n in roots)
    outputs = tuple(canon.value_ref(v) for v in graph.outputs())
    return (len(list(graph.inputs())), tuple(canon.entries), effects, outputs)


def live_kinds(graph: torch._C.Graph) -> list[str]:
    """Kinds of the live non-constant nodes, in canonical order (for readable asserts)."""
    return [entry[0] for entry in canonical_form(graph)[1]]
