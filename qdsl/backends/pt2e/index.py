"""The graph side of matching: an fx graph's calls bucketed by operator, kept current.

One walk of the graph files every `call_function` node under its target and gives every
node an order key; the rewrites of one `apply_rules` call keep both current (the index
is the engine's `RewriteListener`), so a rule's pass visits only its anchor's bucket and
"does this node run before that one" is a comparison, never a walk. Keys are exact
fractions: a node inserted between two others takes the midpoint of theirs.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction
from typing import Any, Iterable, Sequence

from torch.fx import Graph, Node


class GraphIndex:
    """The graph's calls by target, and the order of its nodes."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self._order: dict[Node, Fraction] = {}
        self._buckets: dict[Any, dict[Node, None]] = defaultdict(dict)
        for position, node in enumerate(graph.nodes):
            self._order[node] = Fraction(position)
            if node.op == "call_function":
                self._buckets[node.target][node] = None

    def candidates(self, target: Any) -> list[Node]:
        """The live `call_function` nodes of `target`, in graph order."""
        return sorted(self._buckets.get(target, ()), key=self._order.__getitem__)

    def alive(self, node: Node) -> bool:
        """`node` is still in the graph (no rewrite of this index removed it)."""
        return node in self._order

    def before(self, first: Node, second: Node) -> bool:
        """`first` runs before `second` (both in the graph)."""
        return self._order[first] < self._order[second]

    def inserted(self, nodes: Sequence[Node], kinds: Sequence[str] = ()) -> None:
        """Record `nodes`, just placed in the graph (in graph order)."""
        for node in nodes:
            self._place(node)
            if node.op == "call_function":
                self._buckets[node.target][node] = None

    def moved(self, node: Node) -> None:
        """`node` was moved elsewhere in the graph."""
        self._place(node)

    def _place(self, node: Node) -> None:
        previous, following = self._order.get(node.prev), self._order.get(node.next)
        if previous is None and following is None:
            self._order[node] = Fraction(0)
        elif previous is None:
            self._order[node] = following - 1
        elif following is None:
            self._order[node] = previous + 1
        else:
            self._order[node] = (previous + following) / 2

    def inputs_changed(self, nodes: Iterable[Node]) -> None:
        """Nothing to do: buckets do not depend on inputs."""

    def removing(self, node: Node, kind: str = "") -> None:
        """Forget `node`, about to be erased."""
        self._order.pop(node, None)
        if node.op == "call_function":
            self._buckets[node.target].pop(node, None)

    def pass_done(self) -> None:
        """Nothing to do: removals take effect at once."""
