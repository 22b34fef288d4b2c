"""How tests walk and compare TorchScript graphs: one walker, one canonical form.

- `nodes` walks every node depth first (a node, then its blocks' nodes);
- `node_kinds` lists kinds in graph order with nested blocks bracketed: equal lists mean
  the same ops in the same order and nesting (the differential tests' first check);
- `canonical_form` ignores value names and node order: equal forms compute the same
  thing with the same ops, wiring and constants (dead nodes left out); `live_kinds`
  is its readable projection;
- `typed_nodes` adds output types (shows whether shape information was erased);
- `graph_text` is the printed graph without TorchScript's per-type mangling counters.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

import torch

from qdsl.backends.torchscript.values import constant_value


def nodes(graph: torch._C.Graph) -> Iterator[torch._C.Node]:
    """Every node, depth first: a node, then the nodes of its blocks, then the next node."""
    for kind_or_node in _walk(graph.block()):
        if not isinstance(kind_or_node, str):
            yield kind_or_node


def node_kinds(graph: torch._C.Graph) -> list[str]:
    """Node kinds in graph order, nested blocks bracketed, so structure is compared too."""
    return [item if isinstance(item, str) else item.kind() for item in _walk(graph.block())]


def _walk(block: torch._C.Block) -> Iterator[torch._C.Node | str]:
    stack = [iter(block.nodes())]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            if stack:
                yield "}"
            continue
        yield node
        if not isinstance(node, str):
            stack.extend(_bracketed(inner) for inner in reversed(list(node.blocks())))


def _bracketed(block: torch._C.Block) -> Iterator[torch._C.Node | str]:
    yield "{"
    yield from block.nodes()


def typed_nodes(graph: torch._C.Graph) -> list[tuple[str, list[str]]]:
    """Node kinds with their output types, shapes included, depth first (`Type.str()`:
    `str(type)` is the annotation, `Tensor` for a shaped tensor too)."""
    return [(node.kind(), [output.type().str() for output in node.outputs()]) for node in nodes(graph)]


_MANGLE = re.compile(r"___torch_mangle_\d+\.")


def graph_text(graph: torch._C.Graph) -> str:
    """The graph's text without TorchScript's per-type mangling counters."""
    return _MANGLE.sub("", str(graph))


# ---------------------------------------------------------------- canonical form

_SIDE_EFFECT_KINDS = frozenset({"prim::SetAttr", "prim::CallMethod", "prim::CallFunction", "prim::RaiseException",
                                "prim::Print", "aten::warn"})
_ATTRIBUTE_GETTERS = {"s": "s", "i": "i", "f": "f", "ss": "ss", "is": "is_", "fs": "fs", "ty": "ty"}


def canonical_form(graph: torch._C.Graph) -> tuple:
    """Equal for graphs that differ only in value names, node order and dead nodes: the
    same node kinds and attributes, the same wiring from graph inputs (by position) to
    graph outputs, the same constants (by value, as torch's C++ passes read them). Value
    types are not compared: upstream writes some replacement values untyped."""
    canon = _Canonicaliser(graph)
    effects = tuple(canon.visit(n) for n in graph.nodes() if _is_root(n))
    outputs = tuple(canon.value_ref(v) for v in graph.outputs())
    return (len(list(graph.inputs())), tuple(canon.entries), effects, outputs)


def live_kinds(graph: torch._C.Graph) -> list[str]:
    """Kinds of the live non-constant nodes, in canonical order (for readable asserts)."""
    return [entry[0] for entry in canonical_form(graph)[1]]


def _constant_key(value: torch._C.Value) -> tuple:
    ivalue = constant_value(value)
    if isinstance(ivalue, torch.Tensor):
        return _plain(ivalue)
    if isinstance(ivalue, (list, tuple)):
        return ("list", type(ivalue).__name__, tuple(_plain(v) for v in ivalue))
    return ("scalar", type(ivalue).__name__, ivalue)


def _plain(item: Any) -> Any:
    if isinstance(item, torch.Tensor) and item.is_quantized:
        qparams = (item.q_scale(), item.q_zero_point()) if item.qscheme() in (
            torch.per_tensor_affine, torch.per_tensor_symmetric) else (
            tuple(item.q_per_channel_scales().tolist()), tuple(item.q_per_channel_zero_points().tolist()))
        return ("qtensor", item.dtype, tuple(item.shape), qparams, tuple(item.int_repr().flatten().tolist()))
    if isinstance(item, torch.Tensor):
        return ("tensor", item.dtype, tuple(item.shape), tuple(item.flatten().tolist()))
    return (type(item).__name__, item)


def _attributes(node: torch._C.Node) -> tuple:
    items = []
    for name in sorted(node.attributeNames()):
        kind = node.kindOf(name)
        getter = _ATTRIBUTE_GETTERS.get(kind)
        items.append((name, str(getattr(node, getter)(name)) if getter else kind))
    return tuple(items)


def _key(node: torch._C.Node) -> tuple:
    return tuple(v.unique() for v in node.outputs())


def _is_root(node: torch._C.Node) -> bool:
    return node.kind() in _SIDE_EFFECT_KINDS or node.outputsSize() == 0


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
        if value.node().kind() == "prim::Constant":
            return ("const", _constant_key(value))
        return ("node", self.visit(value.node()), value.offset())

    def visit(self, root: torch._C.Node) -> int:
        """The number of `root`, numbering first (depth first, inputs in order) the producers
        it depends on; a loop, not recursion: a chain may be tens of thousands of nodes long."""
        # Python wrappers of one node are distinct objects: key a node by its outputs.
        # A node without outputs is a root and is visited exactly once.
        root_key = _key(root) or ("root", len(self.entries))
        stack = [(root, False)]
        while stack:
            node, ready = stack.pop()
            key = _key(node) or root_key
            if key in self.numbers:
                continue
            if not ready:
                stack.append((node, True))
                stack.extend((producer, False) for producer in reversed(self._unnumbered_producers(node)))
                continue
            inputs = tuple(self.value_ref(v) for v in node.inputs())
            blocks = tuple(self.block_form(b) for b in node.blocks())
            self.numbers[key] = len(self.entries)
            self.entries.append((node.kind(), _attributes(node), inputs, node.outputsSize(), blocks))
        return self.numbers[root_key]

    def _unnumbered_producers(self, node: torch._C.Node) -> list[torch._C.Node]:
        found = []
        for value in node.inputs():
            uid = value.unique()
            producer = value.node()
            if uid not in self.input_index and uid not in self.block_params and \
                    producer.kind() != "prim::Constant" and _key(producer) not in self.numbers:
                found.append(producer)
        return found

    def block_form(self, block: torch._C.Block) -> tuple:
        block_number = self.blocks_seen
        self.blocks_seen += 1
        for i, param in enumerate(block.inputs()):
            self.block_params[param.unique()] = ("block_param", block_number, i)
        effects = tuple(self.visit(n) for n in block.nodes() if _is_root(n))
        outputs = tuple(self.value_ref(v) for v in block.outputs())
        return (len(list(block.inputs())), effects, outputs)
