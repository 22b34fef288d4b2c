"""Walking TorchScript graphs cheaply from Python: the one place that walks blocks.

Exhausting a `torch._C` iterator (`node.blocks()`, `node.outputs()`) costs ~10 us (the
binding ends it with a C++ exception), so walks ask only nodes that can own blocks for
their blocks, and read outputs by index.
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


def may_own_blocks(kind: str) -> bool:
    """Whether a node of `kind` can have blocks (False is certain, True only possible)."""
    return kind not in BLOCKLESS_KINDS and kind.startswith(CONTROL_FLOW_NAMESPACES)


def blocks_depth_first(graph: torch._C.Graph) -> Iterator[tuple[torch._C.Block, list[torch._C.Node], list[str]]]:
    """Each block with its nodes and their kinds: the top block first, then sub-blocks,
    last met first (the order of upstream's block stacks in profiling_record.cpp and
    prepack_folding.cpp)."""
    owners: dict[str, bool] = {}
    blocks = [graph.block()]
    while blocks:
        block = blocks.pop()
        nodes = list(block.nodes())
        kinds = [node.kind() for node in nodes]
        yield block, nodes, kinds
        for node, kind in zip(nodes, kinds):
            owner = owners.get(kind)
            if owner is None:
                owner = owners[kind] = may_own_blocks(kind)
            if owner:
                blocks.extend(node.blocks())


def all_nodes(graph: torch._C.Graph) -> list[torch._C.Node]:
    """Every node, depth first: a node, then its blocks' nodes, then the next node
    (upstream's DepthFirstGraphNodeIterator order)."""
    found: list[torch._C.Node] = []
    stack: list = [iter(graph.block().nodes())]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        found.append(node)
        if may_own_blocks(node.kind()):
            stack.extend(iter(block.nodes()) for block in reversed(list(node.blocks())))
    return found


def first_output_name(node: torch._C.Node) -> str:
    """The graph name of a node's first output, or '' when it has none."""
    return node.outputsAt(0).debugName() if node.outputsSize() else ""
