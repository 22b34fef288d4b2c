"""Walking TorchScript graphs cheaply from Python: the one place that walks blocks.

Exhausting a `torch._C` iterator (`block.nodes()`, `node.blocks()`, `node.outputs()`)
costs ~10 us (the binding ends it with a C++ exception), more than a dozen other binding
calls. So a block's nodes are read backwards from its return node (`Node.prev`, which
hands out the same Python object for a node every time), blocks are taken from the
iterator only as many as the node kind has, only nodes that can own blocks are asked
for them, and outputs are read by index.
"""

from __future__ import annotations

from typing import Iterator

import torch

CONTROL_FLOW_NAMESPACES = ("prim::", "onnx::")
"""Only these namespaces have nodes with blocks (operators with a schema never do)."""

BLOCKLESS_KINDS = frozenset({
    "prim::Constant", "prim::GetAttr", "prim::ListConstruct", "prim::ListUnpack",
    "prim::TupleConstruct", "prim::TupleUnpack", "prim::dtype", "prim::NumToTensor",
})
"""Frequent prim:: kinds that never hold blocks."""

BLOCK_COUNTS = {"prim::If": 2, "prim::Loop": 1}
"""Kinds whose number of blocks the IR fixes (then branches, else branch; loop body)."""


def may_own_blocks(kind: str) -> bool:
    """Whether a node of `kind` can have blocks (False is certain, True only possible)."""
    return kind not in BLOCKLESS_KINDS and kind.startswith(CONTROL_FLOW_NAMESPACES)


def block_nodes(block: torch._C.Block) -> list[torch._C.Node]:
    """The nodes of `block` in order."""
    found = []
    first = block.paramNode()
    node = block.returnNode().prev()
    while node is not first:
        found.append(node)
        node = node.prev()
    found.reverse()
    return found


def node_blocks(node: torch._C.Node, kind: str) -> list[torch._C.Block]:
    """The blocks of `node` (of `kind`), in order."""
    count = BLOCK_COUNTS.get(kind)
    if count is None:
        return list(node.blocks())
    blocks = node.blocks()
    return [next(blocks) for _ in range(count)]


def blocks_depth_first(graph: torch._C.Graph) -> Iterator[tuple[torch._C.Block, list[torch._C.Node], list[str]]]:
    """Each block with its nodes and their kinds: the top block first, then sub-blocks,
    last met first (the order of upstream's block stacks in profiling_record.cpp and
    prepack_folding.cpp)."""
    owners: dict[str, bool] = {}
    blocks = [graph.block()]
    while blocks:
        block = blocks.pop()
        nodes = block_nodes(block)
        kinds = [node.kind() for node in nodes]
        yield block, nodes, kinds
        for node, kind in zip(nodes, kinds):
            owner = owners.get(kind)
            if owner is None:
                owner = owners[kind] = may_own_blocks(kind)
            if owner:
                blocks.extend(node_blocks(node, kind))


def all_nodes(graph: torch._C.Graph) -> list[torch._C.Node]:
    """Every node, depth first: a node, then its blocks' nodes, then the next node
    (upstream's DepthFirstGraphNodeIterator order)."""
    found: list[torch._C.Node] = []
    stack: list = [iter(block_nodes(graph.block()))]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        found.append(node)
        kind = node.kind()
        if may_own_blocks(kind):
            stack.extend(iter(block_nodes(block)) for block in reversed(node_blocks(node, kind)))
    return found


def first_output_name(node: torch._C.Node) -> str:
    """The graph name of a node's first output, or '' when it has none."""
    return node.outputsAt(0).debugName() if node.outputsSize() else ""
