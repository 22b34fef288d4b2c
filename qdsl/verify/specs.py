"""What the sampler is asked to draw for a capture, and what an op family sees of its node.

An op family (`qdsl.verify.families`) answers for one call of its op: which arguments it
wants drawn how (`TensorSpec`, `ListSpec`, `Exactly`, `NumberSpec`). The sampler carries
each answer back to the capture the argument comes from (through dequantize, quantize,
item, scalar_tensor and unpack calls, which pass values through), so a conv's weight
shape lands on the weight its packed parameters are made from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Union

from ..core.patterns import PatternGraph, PatternNode
from ..ops.registry import LIST_CONSTRUCT
from .draws import Draws
from .interpret import MISSING


@dataclass(frozen=True)
class TensorSpec:
    """A tensor of this shape (quantized or not as the capture's uses say)."""

    shape: tuple[int, ...]
    """Its sizes."""
    role: str = "activation"
    """`activation` (quint8 when quantized), `weight` (qint8, zero point 0, per tensor or per
    channel), `per-tensor weight`, `positive` (float, > 0: a variance), `float` (a float
    parameter)."""


@dataclass(frozen=True)
class ListSpec:
    """A list of tensors of these shapes."""

    shapes: tuple[tuple[int, ...], ...]
    """One shape per element."""


@dataclass(frozen=True)
class Exactly:
    """This value (a number, list, bool, None, dtype number)."""

    value: Any
    """The value itself."""


@dataclass(frozen=True)
class NumberSpec:
    """Some Python number, or a 0-dim float tensor holding one (what `is_scalar` accepts)."""


@dataclass(frozen=True)
class Unlike:
    """Anything but this value (a guard `x == literal` violated)."""

    value: Any
    """The value to avoid (draws equal to it are rejected)."""


Spec = Union[TensorSpec, ListSpec, Exactly, NumberSpec, Unlike]


class NodeView:
    """One call as its family sees it: argument names, which ones come from captures the
    family may shape, and the values of those already computed."""

    def __init__(self, graph: PatternGraph, node: PatternNode, sourced: Callable[[int], bool], env: list):
        self.graph = graph
        self.node = node
        self.op = node.op
        self._sourced = sourced
        self._env = env
        self._position = {name: position for position, name in enumerate(node.argument_names)}

    def has(self, name: str) -> bool:
        return name in self._position

    def index(self, name: str) -> int:
        """The value index of an argument."""
        return self.node.inputs[self._position[name]]

    def sourced(self, name: str) -> bool:
        """The argument comes from a capture (through pass-through calls): the family may shape it."""
        return self.has(name) and self._sourced(self.index(name))

    def list_length(self, name: str) -> int | None:
        """How many elements the pattern builds the list argument `name` of, if it builds it."""
        producer = self.graph.producers[self.index(name)] if self.has(name) else None
        node = self.graph.nodes[producer] if producer is not None else None
        return len(node.inputs) if node is not None and node.op == LIST_CONSTRUCT else None

    def value(self, name: str) -> Any:
        """The argument's computed value, or None when it is not computed (yet)."""
        if not self.has(name):
            return None
        value = self._env[self.index(name)]
        return None if value is MISSING else value

    def value_at(self, index: int) -> Any:
        value = self._env[index]
        return None if value is MISSING else value


REDUCED_RANGE_ENGINES = frozenset({"fbgemm", "x86"})
"""Engines whose default qconfig reduces activations to 7 bits (`reduce_range=True`): their
int8 GEMMs add pairs of u8*s8 products in 16 bits, which saturates on full-range codes."""


class Context:
    """What a family's draw depends on besides the call: the engine and the assumptions."""

    def __init__(self, engine: str, relaxed: frozenset[str] = frozenset(), roomy: bool = False):
        self.engine = engine
        self.relaxed = relaxed
        self.roomy = roomy
        """Draw spatial sizes a few elements larger than the kernels' (see `GuardMode.roomy`)."""
        self.met: dict[str, str] = {}
        """Assumptions the sample met: key -> why graph-mode quantization makes it hold."""

    def assume(self, key: str, reason: str) -> bool:
        """Whether the assumption `key` holds in this sample (it does unless it is relaxed)."""
        self.met[key] = reason
        return key not in self.relaxed

    @property
    def activation_max(self) -> int:
        """The largest quint8 code of activations on this engine's default qconfig."""
        if self.engine in REDUCED_RANGE_ENGINES and self.assume(
                "reduce_range", f"{self.engine}'s default qconfig reduces activations to 7 bits"):
            return 127
        return 255


@dataclass(frozen=True)
class Family:
    """The joint draw of one op's arguments."""

    make: Callable[[Draws, NodeView, Context], dict[str, Spec]]
    """(draws, the call, the context) -> argument name -> what to draw for it."""
    reads: Callable[[NodeView], tuple[int, ...]] = lambda view: ()
    """Value indices that must be computed before `make` runs (it reads their values)."""
