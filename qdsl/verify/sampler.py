"""Drawing the captures of a closed rule, interleaved with running its pattern.

The pattern runs node by node; a capture is drawn when a node first needs it. Before
that, every op family whose call the capture feeds (through pass-through calls:
dequantize, quantize, item, scalar_tensor, unpack) has said what it wants drawn, and a
family that reads computed values (a quantize calibrating its qparams on its input) runs
once they exist. What no family shapes is drawn from its type: tensors take the sample's
base shape, numbers come from small tables. A quantized or float tensor is drawn as the
capture's uses show (`dequantize(x)`: quantized; `quantize_per_tensor(x, ...)`: float).

A draw the pattern raises on, or whose guard does not fit the mode, is rejected.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import torch

from ..core.guards import Guard
from ..ops import registry
from . import interpret
from .closure import ClosedRule, is_packed_type
from .draws import Draws, zigzag
from . import decomposed
from .families import FAMILIES, FAMILIES_BY_OVERLOAD
from .qparams import SCALES, WEIGHT_SCALES, float32
from .guarding import GuardMode, fits, steering
from .interpret import MISSING
from .specs import Context, Exactly, Family, ListSpec, NodeView, NumberSpec, Spec, TensorSpec, Unlike

PASS_THROUGH = frozenset({"aten::dequantize", "aten::quantize_per_tensor", "aten::item", "aten::scalar_tensor",
                          "aten::_saturate_weight_to_fp16", "aten::contiguous", *decomposed.DEQUANTIZE,
                          "quantized_decomposed::quantize_per_tensor", "quantized_decomposed::convert_element_type",
                          *decomposed.PACKING})
"""Calls whose first input flows to their output (in another representation)."""
QUANTIZED_USES = frozenset({"aten::dequantize", "aten::q_scale", "aten::q_zero_point", "aten::int_repr",
                            "aten::q_per_channel_scales", "aten::q_per_channel_zero_points", "aten::qscheme"})
"""Ops that take only quantized tensors."""
FLOATS = (0.0, 1.0, 0.5, -1.0, 2.0, 0.1, -0.5, 0.25)
FLOAT_CODES = 33
"""Float tensor contents are multiples of 1/8 in [-2, 2]."""


CRASHED_BEFORE = "a call crashed the process"
"""Why a sample is skipped whose call crashed the process (or has a crashed call's signature)."""


class Rejected(Exception):
    """The draw does not fit: the pattern raised, or the guard does not fit the mode."""

    def __init__(self, message: str, missing_kernel: bool = False):
        super().__init__(message)
        self.missing_kernel = missing_kernel
        """A call of the pattern has no kernel on the engine."""


@dataclass
class Sample:
    """One accepted draw and the pattern's run on it."""

    captures: tuple
    """The drawn capture values, in the closed pattern's capture order (never run on)."""
    pattern: list
    """Every value of the closed pattern after running it on copies of `captures`."""
    draws: Draws
    """The choices that made it."""
    assumptions: dict[str, str]
    """Domain assumptions the sample met (key -> reason)."""


def is_unpack(op: str) -> bool:
    return op.startswith("quantized::") and "_unpack" in op


def copy(value: Any) -> Any:
    """An independent copy of a drawn value (runs may write into their inputs)."""
    if isinstance(value, torch.Tensor):
        return value.clone()
    if isinstance(value, list):
        return [copy(item) for item in value]
    return value


class Sampler:
    """Draws samples for one closed rule on one engine."""

    def __init__(self, closed: ClosedRule, engine: str):
        self.closed = closed
        self.graph = closed.pattern
        self.engine = engine
        self.guard: Guard | None = closed.rule.guard
        graph = self.graph
        self.sources = [self._source(value) for value in range(len(graph.values))]
        self.slots = {index: _slot(graph, index) for index in graph.inputs}
        self.kinds = {index: self._kinds(graph.values[index].name) for index in graph.inputs}
        literals = dict(closed.literals)
        self.literals = {index: literals[graph.values[index].name] for index in graph.inputs
                         if graph.values[index].name in literals}
        self.code_ranges = {index: self._code_range(index) for index in graph.inputs if self.kinds[index] == ("codes",)}
        self.families = [(position, family) for position, node in enumerate(graph.nodes)
                         if node.constant is None and (family := family_of(node.op, node.overload))]

    def _source(self, value: int) -> int | None:
        """The capture a value is drawn as, through pass-through and unpack calls; None if computed."""
        graph = self.graph
        while True:
            producer = graph.producers[value]
            if producer is None:
                return value
            node = graph.nodes[producer]
            if node.op in PASS_THROUGH:
                value = node.inputs[0]
            elif is_unpack(node.op):
                maker = graph.producers[node.inputs[0]]
                position = node.outputs.index(value)
                if maker is None or position >= len(graph.nodes[maker].inputs):
                    return None
                value = graph.nodes[maker].inputs[position]
            else:
                return None

    def elements(self, value: int) -> tuple[int | None, ...] | None:
        """For a list the pattern builds of values (`[s0, s1]`), the capture each element is
        drawn as (None where computed); None for any other value."""
        producer = self.graph.producers[value]
        if producer is None or self.graph.nodes[producer].op != registry.LIST_CONSTRUCT:
            return None
        return tuple(self.sources[item] for item in self.graph.nodes[producer].inputs)

    def _kinds(self, name: str) -> tuple[str, ...]:
        """`quantized` or `float` for a tensor capture, from its uses; both (quantized first)
        when only `quantized::` ops use it, which take either (the pattern rejects the wrong one)."""
        uses = [(node.op, node.inputs.index(index)) for graph, index in self.closed.evidence(name)
                for node in graph.nodes if index in node.inputs]
        if any(op in QUANTIZED_USES for op, _ in uses):
            return ("quantized",)
        if any(op in decomposed.DEQUANTIZE and position == 0 for op, position in uses):
            return ("codes",)
        if any(not op.startswith("quantized::") for op, _ in uses):
            return ("float",)
        return ("quantized", "float") if uses else ("float",)

    def _code_range(self, index: int) -> tuple[int, int]:
        """The codes of a capture a decomposed dequantize takes (here or in its prepack rule's
        pattern): its dtype argument's range."""
        for graph, value in self.closed.evidence(self.graph.values[index].name):
            for node in graph.nodes:
                if node.op in decomposed.DEQUANTIZE and node.inputs and node.inputs[0] == value:
                    dtype = node.inputs[node.argument_names.index("dtype")] if "dtype" in node.argument_names else None
                    producer = graph.producers[dtype] if dtype is not None else None
                    constant = graph.nodes[producer].constant if producer is not None else None
                    return decomposed.code_range(constant.value if constant is not None else None)
        return decomposed.code_range(None)

    def sample(self, draws: Draws, mode: GuardMode, fixed: Mapping[str, Any] | None = None) -> Sample:
        """One draw fitting `mode`, with the pattern run on it; `Rejected` when it does not fit.
        Captures named in `fixed` take those values."""
        run = _Run(self, draws, mode, fixed or {})
        run.execute()
        values = {self.graph.values[i].name: run.drawn.get(i, run.env[i]) for i in range(len(self.graph.values))}
        if not fits(self.guard, mode, values):
            raise Rejected("guard")
        if any(isinstance(run.env[i], torch.Tensor) and run.env[i].numel() == 0 for i in self.graph.outputs):
            raise Rejected("an empty result")
        captures = tuple(run.drawn[i] for i in self.graph.inputs)
        return Sample(captures, run.env, draws, run.ctx.met)


class _Run:
    """The state of one draw: computed values, drawn captures, what each capture should be."""

    def __init__(self, sampler: Sampler, draws: Draws, mode: GuardMode, fixed: Mapping[str, Any]):
        self.sampler, self.draws = sampler, draws
        self.ctx = Context(sampler.engine, mode.relaxed, mode.roomy)
        graph = sampler.graph
        self.env: list = [MISSING] * len(graph.values)
        self.drawn: dict[int, Any] = {}
        wanted = {**steering(sampler.guard, mode), **{name: Exactly(value) for name, value in fixed.items()}}
        self.specs: dict[int, Spec] = {graph.index_of[name]: spec for name, spec in wanted.items()
                                       if name in graph.index_of and graph.producers[graph.index_of[name]] is None}
        self.base = tuple(1 + draws.integer(4) for _ in range(1 + draws.integer(4)))
        self.views = {position: NodeView(graph, graph.nodes[position], self._sourced, self.env)
                      for position, _ in sampler.families}
        self.reads = {position: family.reads(self.views[position]) for position, family in sampler.families}
        self.unplanned = [position for position, _ in sampler.families]
        self.shapers: dict[int, set[int]] = {}
        for position, _ in sampler.families:
            for value in graph.nodes[position].inputs:
                if value not in self.reads[position]:
                    for capture in sampler.elements(value) or (sampler.sources[value],):
                        if capture is not None:
                            self.shapers.setdefault(capture, set()).add(position)

    def _sourced(self, value: int) -> bool:
        return self.sampler.sources[value] is not None

    def execute(self) -> None:
        graph = self.sampler.graph
        waiting = list(range(len(graph.nodes)))
        while waiting:
            self._plan_ready()
            runnable = next((p for p in waiting if all(self._available(v) for v in graph.nodes[p].inputs)), None)
            if runnable is None:
                self._unblock(waiting)
                continue
            node = graph.nodes[runnable]
            for value in node.inputs:
                self._ensure(value)
            try:
                interpret.step(node, self.env)
            except interpret.NodeFailed as error:
                raise Rejected(str(error)) from None
            except interpret.MissingKernel as error:
                raise Rejected(str(error), missing_kernel=True) from None
            except interpret.KnownCrash:
                raise Rejected(CRASHED_BEFORE) from None
            waiting.remove(runnable)
        for index in graph.inputs:
            self._ensure(index)

    def _plan_ready(self) -> None:
        for position in list(self.unplanned):
            for value in self.reads[position]:
                self._ensure(value)
            if all(self.env[value] is not MISSING for value in self.reads[position]):
                self._plan(position)

    def _unblock(self, waiting: list[int]) -> None:
        """Nothing can run: plan a family without its reads, or draw a blocked capture as is."""
        if self.unplanned:
            self._plan(self.unplanned[0])
            return
        graph = self.sampler.graph
        for value in graph.nodes[waiting[0]].inputs:
            self._ensure(value, force=True)

    def _plan(self, position: int) -> None:
        self.unplanned.remove(position)
        family = dict(self.sampler.families)[position]
        view = self.views[position]
        for name, spec in family.make(self.draws, view, self.ctx).items():
            if not view.has(name):
                continue
            elements = self.sampler.elements(view.index(name))
            if elements is not None and isinstance(spec, Exactly) and isinstance(spec.value, list) \
                    and len(spec.value) == len(elements):
                targets = tuple(zip(elements, (Exactly(item) for item in spec.value)))
            else:
                targets = ((self.sampler.sources[view.index(name)], spec),)
            for capture, wanted in targets:
                if capture is not None and capture not in self.drawn:
                    self.specs.setdefault(capture, wanted)

    def _available(self, value: int) -> bool:
        if self.env[value] is not MISSING:
            return True
        capture = self.sampler.graph.producers[value] is None
        return capture and not (self.shapers.get(value, set()) & set(self.unplanned))

    def _ensure(self, value: int, force: bool = False) -> None:
        if self.env[value] is not MISSING or self.sampler.graph.producers[value] is not None:
            return
        if not force and not self._available(value):
            return
        drawn = self._draw(value, self.specs.get(value))
        self.drawn[value] = drawn
        self.env[value] = copy(drawn)

    def _draw(self, index: int, spec: Spec | None) -> Any:
        slot = self.sampler.slots[index]
        name = self.sampler.graph.values[index].name
        if isinstance(spec, Exactly):
            return copy(spec.value)
        if isinstance(spec, NumberSpec):
            form = self.draws.integer(3)
            number = self.draws.pick(FLOATS)
            return number if form == 0 else int(number) if form == 1 else torch.tensor(number)
        literals = self.sampler.literals.get(index)
        if spec is None and literals and self.draws.chance(3, 4):
            literal = self.draws.pick(literals)
            return list(literal.value) if literal.kind == "int_list" else literal.value
        if slot.base == "packed":
            raise Rejected(f"no rule of the set makes the packed parameters '{name}' ({slot.text})")
        if slot.optional and spec is None and not self.draws.chance(1, 2):
            return None
        if slot.base == "Tensor":
            shape = spec.shape if isinstance(spec, TensorSpec) else self.base
            role = spec.role if isinstance(spec, TensorSpec) else "activation"
            kind = self.draws.pick(self.sampler.kinds[index])
            if kind == "codes":
                return self._codes(name, shape, *self.sampler.code_ranges[index])
            return self._tensor(name, shape, role, kind)
        if slot.base == "Tensor[]":
            shapes = spec.shapes if isinstance(spec, ListSpec) else (self.base,) * (1 + self.draws.integer(2))
            kind = self.draws.pick(self.sampler.kinds[index])
            return [self._tensor(f"{name}[{i}]", shape, "activation", kind) for i, shape in enumerate(shapes)]
        value = _number(self.draws, slot.base)
        if isinstance(spec, Unlike) and value == spec.value:
            raise Rejected("guard")
        return value

    def _codes(self, name: str, shape: tuple[int, ...], low: int, high: int) -> torch.Tensor:
        """An integer tensor of codes in [low, high] (0 the simplest)."""
        size = high - low + 1
        codes = zigzag(self.draws.block(name, _count(shape), size)).reshape(shape)
        dtype = next(d for d in decomposed.CODE_DTYPES.values()
                     if (torch.iinfo(d).min, torch.iinfo(d).max) == (low, high))
        return ((codes - low) % size + low).to(dtype)

    def _tensor(self, name: str, shape: tuple[int, ...], role: str, kind: str) -> torch.Tensor:
        draws = self.draws
        count = _count(shape)
        if kind == "float":
            codes = draws.block(name, count, FLOAT_CODES).reshape(shape)
            values = (codes + 1) if role == "positive" else zigzag(codes)
            return values.to(torch.float32) / 8
        if role in ("weight", "per-tensor weight"):
            codes = zigzag(draws.block(name, count, 256)).reshape(shape)
            integers = (codes + 128) % 256 - 128
            if shape and role == "weight" and draws.chance(1, 2):
                scales = torch.tensor([float32(draws.pick(WEIGHT_SCALES)) for _ in range(shape[0])], dtype=torch.double)
                return torch._make_per_channel_quantized_tensor(integers.to(torch.int8), scales,
                                                                torch.zeros(shape[0], dtype=torch.int64), 0)
            scale = float32(draws.pick(WEIGHT_SCALES))
            return torch._make_per_tensor_quantized_tensor(integers.to(torch.int8), scale, 0)
        top = self.ctx.activation_max
        zero_point = draws.integer(top + 1)
        codes = zigzag(draws.block(name, count, top + 1)).reshape(shape)
        integers = (zero_point + codes) % (top + 1)
        scale = float32(draws.pick(SCALES))
        return torch._make_per_tensor_quantized_tensor(integers.to(torch.uint8), scale, zero_point)


def _count(shape: tuple[int, ...]) -> int:
    count = 1
    for size in shape:
        count *= size
    return count


def family_of(op: str, overload: str) -> Family | None:
    """The op family of a call, if its op has one (`qdsl.verify.families`, `.decomposed`)."""
    return FAMILIES_BY_OVERLOAD.get(f"{op}.{overload}") or FAMILIES.get(op) or decomposed.FAMILIES.get(op)


@dataclass(frozen=True)
class Slot:
    """What kind of value a capture is, from the schema type of its first use."""

    base: str
    """`Tensor`, `Tensor[]`, `int`, `float`, `bool`, `number`, `ScalarType`, `int[]`, `float[]`,
    `Scalar?[]`, `str`, `packed` or `other`."""
    optional: bool
    """The parameter also takes None."""
    text: str
    """The type as written."""


_BASES = {"Tensor": "Tensor", "List[Tensor]": "Tensor[]", "int": "int", "SymInt": "int", "float": "float",
          "bool": "bool", "number": "number", "Scalar": "number", "ScalarType": "ScalarType", "List[int]": "int[]",
          "List[SymInt]": "int[]", "List[float]": "float[]", "str": "str", "List[Optional[number]]": "Scalar?[]"}


def _slot(graph, index: int) -> Slot:
    declared = graph.values[index].type
    if is_packed_type(declared):
        return Slot("packed", False, declared)
    for node in graph.nodes:
        if index in node.inputs and node.constant is None:
            parameters = interpret.schema(node).arguments
            text = str(parameters[node.inputs.index(index)].real_type)
            optional = text.startswith("Optional[")
            inner = text[len("Optional["):-1] if optional else text
            return Slot(_BASES.get(inner, "other"), optional, text)
    return Slot("other", True, declared)


def _number(draws: Draws, base: str) -> Any:
    if base == "int":
        return zigzag(draws.integer(9))
    if base == "float":
        return draws.pick(FLOATS)
    if base == "number":
        number = draws.pick(FLOATS)
        return int(number) if draws.chance(1, 2) else number
    if base == "bool":
        return draws.chance(1, 2)
    if base == "ScalarType":
        return draws.pick((6, 7))
    if base == "int[]":
        return [1 + draws.integer(3) for _ in range(1 + draws.integer(3))]
    if base == "float[]":
        return [draws.pick(FLOATS) for _ in range(1 + draws.integer(3))]
    if base == "str":
        return "none"
    if base == "Scalar?[]":
        return []
    return None
