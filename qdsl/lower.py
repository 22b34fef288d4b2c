"""Concrete rule -> RuleIR: pattern and replacement as ordered node lists over named values.

Node order is evaluation order (depth-first, arguments left to right; a binding's node
is placed where its first output is first needed). Value names come from the `.qpat`
variable names (already restricted to [A-Za-z0-9_]) plus generated suffixes, so no
user text other than such identifiers ever reaches the IR. Calls are the resolve
stage's `ResolvedCall`s: constants are named after their overload's parameters, and
results are annotated as torch's IR parser types them.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from . import schemas
from . import syntax as ast
from .expand import Bind, ConcreteRule, Const, Name, OpCall, Side, Value, names_in
from .jit_types import TypeSet
from .resolve import ResolvedCall, ResolvedRule
from .rules import Guard, SourceLocation

_TORCHSCRIPT_KEYWORDS = frozenset({
    "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
    "else", "except", "False", "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "None", "nonlocal", "not", "or", "pass", "raise", "return", "True", "try", "while",
    "with", "yield",
})
"""Words the TorchScript IR lexer reads as keywords, so they cannot name a value."""

_CONSTANT_TYPES = {"int": "int", "float": "float", "bool": "bool", "none": "NoneType", "str": "str",
                   "int_list": "int[]"}
_CONSTANT_JIT_TYPES = {"int": torch._C.IntType.get(), "float": torch._C.FloatType.get(),
                       "bool": torch._C.BoolType.get(), "none": torch._C.NoneType.get(),
                       "str": torch._C.StringType.get(), "int_list": torch._C.ListType(torch._C.IntType.get())}
_TENSOR = torch._C.TensorType.get()
_TENSOR_LIST = torch._C.ListType(_TENSOR)


@dataclass(frozen=True)
class IRValue:
    """A value defined by a node."""

    name: str
    """The IR name, without `%`."""
    type: str | None
    """The IR type annotation, or None when unannotated (the IR parser reads `Tensor`)."""


@dataclass(frozen=True)
class IRNode:
    """One node of a graph."""

    kind: str
    """`ns::name`, or `prim::Constant`."""
    outputs: tuple[IRValue, ...]
    """The values it defines."""
    inputs: tuple[str, ...]
    """The IR names of its inputs."""
    constant_kind: str | None = None
    """For a `prim::Constant`: the literal kind (`none` has no value attribute)."""
    constant_value: object = None
    """For a `prim::Constant`: the literal's value."""


@dataclass(frozen=True)
class IRGraph:
    """A graph: header inputs, nodes in order, returned values."""

    inputs: tuple[IRValue, ...]
    """Graph inputs, in order (annotated only as `Tensor[]`, where an overload needs it)."""
    nodes: tuple[IRNode, ...]
    """Nodes in evaluation order."""
    outputs: tuple[str, ...]
    """The returned values."""


@dataclass(frozen=True)
class RuleIR:
    """A lowered rule, ready to render."""

    name: str
    """The rule name."""
    family: str
    """The rule name as written."""
    stage: str
    """`prepack` or `fusion`."""
    quant_type: str
    """`any`, `static` or `dynamic`."""
    location: SourceLocation
    """The rule name in its header."""
    pattern: IRGraph
    """The pattern graph."""
    replacement: IRGraph
    """The replacement graph; same inputs as the pattern."""
    guard: Guard | None
    """The guard descriptor over pattern IR value names."""
    value_locations: tuple[tuple[str, SourceLocation], ...]
    """Pattern IR value name -> span of what produced it."""
    folds: tuple[str, ...] = ()
    """The ops of the replacement's `fold` calls."""


def lower(resolved: ResolvedRule) -> RuleIR:
    """Lower one checked, resolved rule.

    The graphs' inputs are unannotated (`Tensor`) but for `Tensor[]`, as upstream writes
    its patterns. When that would make torch's IR parser type a replacement node's result
    otherwise than the node has in a real graph (`mul(scale, 2.0)` is a float, not a
    Tensor), the replacement's inputs are annotated with the types the captures resolved
    to, so that the nodes it inserts carry their true types.
    """
    rule = resolved.rule
    user_names = _user_names(rule)
    pattern = _GraphBuilder(rule.pattern, user_names, inputs=None)
    pattern_graph = pattern.build()
    replacement = _GraphBuilder(rule.replacement, user_names, inputs=pattern.typed_captures)
    replacement_graph = replacement.build()
    if replacement.mistyped:
        replacement = _GraphBuilder(rule.replacement, user_names,
                                    inputs=_typed_inputs(pattern.typed_captures, resolved.captures))
        replacement_graph = replacement.build()
    guard = _guard(rule.guard, pattern.names) if rule.guard is not None else None
    return RuleIR(rule.name, rule.family, rule.stage, rule.quant_type, rule.location, pattern_graph,
                  replacement_graph, guard, tuple(pattern.locations), rule.folds)


def _user_names(rule: ConcreteRule) -> dict[str, str]:
    """Each .qpat variable name -> its IR name (keywords get a `_` suffix)."""
    written: list[str] = []
    for side in (rule.pattern, rule.replacement):
        for binding in side.bindings:
            written.extend(t.name for t in binding.targets)
            written.extend(n.name for n in names_in(binding.value))
        for result in side.results:
            written.extend(n.name for n in names_in(result))
    taken = set(written)
    mapping: dict[str, str] = {}
    for name in written:
        if name in mapping:
            continue
        ir_name = name
        while ir_name in _TORCHSCRIPT_KEYWORDS or (ir_name != name and ir_name in taken):
            ir_name += "_"
        taken.add(ir_name)
        mapping[name] = ir_name
    return mapping


class _GraphBuilder:
    """Builds one graph; `inputs` is None for the pattern (captures become inputs).

    Every value's TorchScript type is tracked, so that a result is annotated the way
    torch's IR parser will resolve the overload (see `schemas.result_types`).
    """

    def __init__(self, side: Side, user_names: dict[str, str],
                 inputs: dict[str, tuple[IRValue, object]] | None):
        self.side = side
        self.user_names = user_names
        self.captures: dict[str, IRValue] = {} if inputs is None else {n: v for n, (v, _) in inputs.items()}
        self.pending: dict[str, Bind] = {t.name: b for b in side.bindings for t in b.targets}
        self.names: dict[str, str] = {name: value.name for name, value in self.captures.items()}
        self.types: dict[str, object] = {} if inputs is None else {v.name: t for v, t in inputs.values()}
        self.mistyped = False
        """Some result is typed otherwise by torch's IR parser than it resolved to."""
        self.list_captures: set[str] = set()
        self.used: set[str] = set(user_names.values())
        self.nodes: list[IRNode] = []
        self.locations: list[tuple[str, SourceLocation]] = []

    @property
    def typed_captures(self) -> dict[str, tuple[IRValue, object]]:
        """Each capture's IR value and the type the IR parser gives it."""
        return {name: (value, self.types[value.name]) for name, value in self.captures.items()}

    def build(self) -> IRGraph:
        outputs = [self.value(r) for r in self.side.results]
        for binding in self.side.bindings:
            if binding.targets[0].name in self.pending:
                self.bind(binding)
        return IRGraph(tuple(self.captures.values()), tuple(self.nodes), tuple(outputs))

    def fresh(self, base: str) -> str:
        name, suffix = base, 1
        while name in self.used or name in _TORCHSCRIPT_KEYWORDS:
            name, suffix = f"{base}_{suffix}", suffix + 1
        self.used.add(name)
        return name

    def value(self, value: Value, hint: str = "const") -> str:
        if isinstance(value, Name):
            return self.name(value)
        if isinstance(value, Const):
            return self.constant(value, hint)
        return self.call(value, None)

    def name(self, name: Name) -> str:
        if name.name in self.pending:
            self.bind(self.pending[name.name])
        if name.name not in self.names:
            ir_name = self.user_names[name.name]
            is_list = name.name in self.list_captures
            self.names[name.name] = ir_name
            self.captures[name.name] = IRValue(ir_name, "Tensor[]" if is_list else None)
            self.types[ir_name] = _TENSOR_LIST if is_list else _TENSOR
            self.locations.append((ir_name, name.span))
        return self.names[name.name]

    def bind(self, binding: Bind) -> None:
        for target in binding.targets:
            del self.pending[target.name]
        if isinstance(binding.value, OpCall):
            outputs = [self.user_names[t.name] for t in binding.targets]
            self.call(binding.value, outputs)
            for target, ir_name in zip(binding.targets, outputs):
                self.names[target.name] = ir_name
        elif isinstance(binding.value, Const):
            target = binding.targets[0].name
            self.names[target] = self.constant(binding.value, "const", ir_name=self.user_names[target])
        else:
            self.names[binding.targets[0].name] = self.value(binding.value)

    def constant(self, const: Const, hint: str, ir_name: str | None = None) -> str:
        """A new constant node, named `ir_name` (a literal binding's) or fresh from `hint`."""
        ir_name = ir_name or self.fresh(hint)
        self.types[ir_name] = _CONSTANT_JIT_TYPES[const.kind]
        self.nodes.append(IRNode("prim::Constant", (IRValue(ir_name, _CONSTANT_TYPES[const.kind]),), (),
                                 const.kind, const.value))
        self.locations.append((ir_name, const.span))
        return ir_name

    def call(self, call: ResolvedCall, output_names: list[str] | None) -> str:
        typing = call.ir
        for position in typing.tensor_list_positions:
            arg = call.args[position]
            if isinstance(arg, Name) and arg.name not in self.names and arg.name not in self.pending:
                self.list_captures.add(arg.name)
        names = [argument.name for argument in call.schema.arguments]
        inputs = tuple(self.value(arg, names[i]) for i, arg in enumerate(call.args))
        if output_names is None:
            output_names = [self.fresh(call.op.partition("::")[2] + "_out")]
        results = schemas.result_types(typing, [self.types[name] for name in inputs])
        if results is None:
            results = ((None, _TENSOR),) * len(output_names)
        self.mistyped |= any(not resolved.admits(jit_type)
                             for resolved, (_, jit_type) in zip(call.result_types, results))
        outputs = tuple(IRValue(n, annotation) for n, (annotation, _) in zip(output_names, results))
        self.types.update((n, jit_type) for n, (_, jit_type) in zip(output_names, results))
        self.nodes.append(IRNode(call.op, outputs, inputs))
        self.locations.extend((n, call.span) for n in output_names)
        return output_names[0]


def _typed_inputs(captures: dict[str, tuple[IRValue, object]], resolved: dict[str, TypeSet]):
    """The captures annotated with the one type each resolved to, where that is not `Tensor`."""
    typed = {}
    for name, (value, ir_type) in captures.items():
        only = resolved[name].only() if name in resolved else None
        annotation = None if only is None else schemas.ir_type(only)
        typed[name] = (IRValue(value.name, annotation), only) if annotation else (value, ir_type)
    return typed


def _guard(guard: ast.Guard, names: dict[str, str]) -> Guard:
    if isinstance(guard, ast.GuardBool):
        return (guard.op, *(_guard(g, names) for g in guard.items))
    if isinstance(guard, ast.GuardCompare):
        return (guard.op, names[guard.var.plain], guard.value.kind, guard.value.value)
    return ("pred", guard.name.plain, tuple(names[a.plain] for a in guard.args))


