"""Weights packed once: the `fold` calls of the rules (oneDNN weight prepacking).

oneDNN's packed weights are opaque tensors (mkldnn layout, no storage): they cannot be
deep-copied, pickled or saved. So they are never state: a `PackedWeights` submodule of
the lowered module keeps, per folded call, the operator and its arguments, takes the
constants it packs (the int8 weights and scales, which stay ordinary buffers of the
module) as inputs, and returns the packed tensors, computed once and again only when
an input changed (another tensor, or the same one written in place, as
`load_state_dict` does). The graph reads them with one call at its top:

    packed = self._qdsl_packed(_frozen_param0, _scale_0, ...)
    qconv_pointwise = onednn.qconv_pointwise(x, ..., packed[0], ...)

A deep copy, an unpickled module or a module with loaded weights packs again on its first
call; `state_dict` holds exactly the buffers the reference module holds.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from typing import Any, Sequence

import torch
from torch.fx import GraphModule, Node

from .index import GraphIndex
from .torch_api import op_overload, qualified_name, version
from .values import constant_tensor

HOLDER = "_qdsl_packed"
"""The name of the `PackedWeights` submodule in a lowered module."""


@dataclass(frozen=True)
class Source:
    """A recipe argument that is the holder's `index`-th input tensor."""

    index: int


@dataclass(frozen=True)
class Recipe:
    """How to make one packed weight."""

    op: str
    """The operator, `ns::name.overload`."""
    arguments: tuple
    """Its arguments: literals, and `Source`s for the input tensors."""


class PackedWeights(torch.nn.Module):
    """The packed weights of a lowered module, made from its constants when first needed."""

    def __init__(self) -> None:
        super().__init__()
        self.recipes: list[Recipe] = []
        self._cache: dict[int, tuple[tuple, torch.Tensor]] = {}

    def forward(self, *sources: torch.Tensor) -> tuple[torch.Tensor, ...]:
        return tuple(self.packed(position, sources) for position in range(len(self.recipes)))

    def packed(self, position: int, sources: Sequence[torch.Tensor]) -> torch.Tensor:
        recipe = self.recipes[position]
        inputs = [sources[a.index] for a in recipe.arguments if isinstance(a, Source)]
        key = tuple((id(tensor), version(tensor)) for tensor in inputs)
        cached = self._cache.get(position)
        if cached is not None and cached[0] == key:
            return cached[1]
        namespace_name, _, overload = recipe.op.partition(".")
        target = op_overload(namespace_name, overload)
        with torch.no_grad():
            result = target(*(sources[a.index] if isinstance(a, Source) else a for a in recipe.arguments))
        self._cache[position] = (key, result)
        return result

    def __getstate__(self) -> dict:
        state = super().__getstate__() if hasattr(super(), "__getstate__") else dict(self.__dict__)
        return {**state, "_cache": {}}

    def extra_repr(self) -> str:
        return f"{len(self.recipes)} packed weights"


class Folder:
    """Folds calls of a lowering into one `PackedWeights` holder of the module."""

    def __init__(self, module: GraphModule, index: GraphIndex):
        self.module = module
        self.index = index
        self.holder: PackedWeights | None = None
        self.call: Node | None = None
        self.sources: list[Node] = []

    def fold(self, target: Any, arguments: Sequence[Any]) -> Node | None:
        """A node reading the packed result of `target(*arguments)` (inserted at the graph's
        current insertion point), or None when an argument is not a constant."""
        recipe_arguments = []
        for argument in arguments:
            if isinstance(argument, Node):
                if constant_tensor(argument) is None:
                    return None
                recipe_arguments.append(Source(self._source(argument)))
            elif isinstance(argument, (list, tuple)) and any(isinstance(item, Node) for item in argument):
                return None
            else:
                recipe_arguments.append(argument)
        holder, call = self._holder()
        holder.recipes.append(Recipe(qualified_name(target), tuple(recipe_arguments)))
        position = len(holder.recipes) - 1
        holder.packed(position, [constant_tensor(node) for node in self.sources])
        call.args = tuple(self.sources)
        return self.module.graph.call_function(operator.getitem, (call, position))

    def _source(self, node: Node) -> int:
        if node in self.sources:
            return self.sources.index(node)
        self.sources.append(node)
        if self.call is not None and not self.index.before(node, self.call):
            self.call.prepend(node)
            self.index.moved(node)
        return len(self.sources) - 1

    def _holder(self) -> tuple[PackedWeights, Node]:
        if self.holder is None:
            self.holder = PackedWeights()
            self.module.add_submodule(HOLDER, self.holder)
            graph = self.module.graph
            first = next(n for n in graph.nodes if n.op not in ("placeholder", "get_attr"))
            with graph.inserting_before(first):
                self.call = graph.call_module(HOLDER, tuple(self.sources))
            self.index.inserted([self.call])
            for node in self.sources:
                if not self.index.before(node, self.call):
                    self.call.prepend(node)
                    self.index.moved(node)
        return self.holder, self.call
