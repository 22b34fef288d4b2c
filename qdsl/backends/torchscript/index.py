"""The graph side of matching: a TorchScript graph's nodes bucketed by kind, kept current.

A kind's nodes are listed by one C++ call (`Graph.findAllNodes`) the first time a rule
asks for the kind, and kept up to date through the rewrites of one `apply_rules` call
(the index is the rewriter's `RewriteListener`), so a rule visits only its anchor's
bucket, and no Python code runs per graph node.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cmp_to_key
from typing import Iterable, Sequence

import torch

from .graph import blocks_depth_first


class GraphIndex:
    """The graph's nodes of the kinds asked for, in upstream's traversal order.

    Upstream's order: a block's nodes in order; blocks in the order of upstream's block
    stack (the top block, then the sub-blocks met, last met first). Within a block
    `Node.isBefore` (C++, O(1)) orders nodes; blocks are ranked by one walk of the
    graph, made only when a bucket holds a node outside the top block. While no bucket
    does, every anchor and every node a rewrite inserts is in the top block.

    On demand, a kind's bucket is split further by the kind of the producer of input
    `position` (most rules are anchored at `aten::quantize_per_tensor` and differ in
    the op feeding it); such a split is kept up to date through the rewrites, and its
    grouping by producer kind is made again only after a change.
    """

    def __init__(self, graph: torch._C.Graph):
        self.graph = graph
        self.top = graph.block()
        """The graph's top block (the one wrapper torch hands out while it is alive)."""
        self._buckets: dict[str, list[torch._C.Node]] = {}
        self._removed: dict[str, set[torch._C.Node]] = defaultdict(set)
        self._block_rank: dict[torch._C.Block, int] | None = None
        self._producer_of: dict[tuple[str, int], dict[torch._C.Node, str]] = {}
        self._split_positions: dict[str, list[int]] = defaultdict(list)
        self._groups: dict[tuple[str, int], dict[str, list[torch._C.Node]]] = {}
        self._flat = True

    def candidates(self, kind: str, producer: tuple[int, str] | None = None) -> list[torch._C.Node]:
        """The nodes of `kind` (whose input `producer[0]` comes from a `producer[1]` node),
        in upstream's traversal order."""
        bucket = self._bucket(kind)
        if producer is None or not bucket:
            return list(bucket)
        position, producer_kind = producer
        groups = self._groups.get((kind, position))
        if groups is None:
            producer_of = self._split(kind, position)
            groups = self._groups[(kind, position)] = defaultdict(list)
            for node in bucket:
                groups[producer_of[node]].append(node)
        return list(groups.get(producer_kind, ()))

    def in_upstream_order(self, kinds) -> list[torch._C.Node]:
        """The nodes of any of `kinds`, in upstream's traversal order."""
        found = [node for kind in dict.fromkeys(kinds) for node in self._bucket(kind)]
        found.sort(key=cmp_to_key(self._compare))
        return found

    def _bucket(self, kind: str) -> list[torch._C.Node]:
        bucket = self._buckets.get(kind)
        if bucket is None:
            bucket = self.graph.findAllNodes(kind, True)
            if len(bucket) != len(self.graph.findAllNodes(kind, False)):
                self._flat = False
                bucket.sort(key=cmp_to_key(self._compare))
            self._buckets[kind] = bucket
        return bucket

    def _compare(self, first: torch._C.Node, second: torch._C.Node) -> int:
        """Negative when `first` comes before `second` in upstream's order (distinct live nodes)."""
        if self._flat:
            return -1 if first.isBefore(second) else 1
        first_block, second_block = first.owningBlock(), second.owningBlock()
        if first_block == second_block:
            return -1 if first.isBefore(second) else 1
        if self._block_rank is None:
            self._block_rank = {block: rank for rank, (block, _, _) in enumerate(blocks_depth_first(self.graph))}
        return self._block_rank[first_block] - self._block_rank[second_block]

    def _split(self, kind: str, position: int) -> dict[torch._C.Node, str]:
        producer_of = self._producer_of.get((kind, position))
        if producer_of is None:
            producer_of = self._producer_of[(kind, position)] = {}
            self._split_positions[kind].append(position)
            for node in self._buckets[kind]:
                producer_of[node] = _producer_kind(node, position)
        return producer_of

    def inputs_changed(self, nodes: Iterable[torch._C.Node]) -> None:
        """Re-file `nodes`, whose inputs now come from other producers."""
        for node in nodes:
            kind = node.kind()
            for position in self._split_positions.get(kind, ()):
                self._producer_of[(kind, position)][node] = _producer_kind(node, position)
                self._groups.pop((kind, position), None)

    def inserted(self, nodes: Sequence[torch._C.Node], kinds: Sequence[str]) -> None:
        """Record `nodes` (of `kinds`), just inserted into the graph."""
        for node, kind in zip(nodes, kinds):
            bucket = self._buckets.get(kind)
            if bucket is None:
                continue  # listed by findAllNodes when first asked for
            low, high = 0, len(bucket)
            while low < high:
                middle = (low + high) // 2
                if self._compare(node, bucket[middle]) < 0:
                    high = middle
                else:
                    low = middle + 1
            bucket.insert(low, node)
            for position in self._split_positions.get(kind, ()):
                self._producer_of[(kind, position)][node] = _producer_kind(node, position)
                self._groups.pop((kind, position), None)

    def removing(self, node: torch._C.Node, kind: str) -> None:
        """Forget `node` (about to be destroyed); `pass_done` then drops it from its bucket."""
        if kind in self._buckets:
            self._removed[kind].add(node)
            for position in self._split_positions.get(kind, ()):
                self._producer_of[(kind, position)].pop(node, None)
                self._groups.pop((kind, position), None)

    def pass_done(self) -> None:
        """Drop the removed nodes from their buckets (before any of them is compared again)."""
        for kind, gone in self._removed.items():
            self._buckets[kind] = [node for node in self._buckets[kind] if node not in gone]
        self._removed.clear()


def _producer_kind(node: torch._C.Node, position: int) -> str:
    return node.inputsAt(position).node().kind() if position < node.inputsSize() else ""
