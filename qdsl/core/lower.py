"""Concrete rule -> `Rule`: both sides as `PatternGraph`s, the guard as a `Guard`.

Node order is evaluation order (depth first, arguments left to right; a binding's node
is placed where its first output is first needed); the values of a graph are its
captures in order of first appearance, then the nodes' outputs in node order. Value
names are the `.qpat` variable names, or made from the op (`relu_out`) or schema
parameter (`alpha`) with a numeric suffix when taken. Lowering is pure emission: the
calls were resolved (overload, types) before.
"""

from __future__ import annotations

from dataclasses import replace

from ..lang import syntax as ast
from ..lang.concrete import Bind, ConcreteRule, Const, Name, OpCall, Side, Value, format_rule, names_in
from ..ops import registry
from ..ops.types import TypeSet, describe_parameter, type_text
from . import guards
from .patterns import Constant, PatternGraph, PatternNode, PatternValue
from .resolve import ResolvedCall, ResolvedRule
from .rules import Provenance, Rule, Stage


def lower(resolved: ResolvedRule, stage: Stage, source_sha256: str) -> Rule:
    """The `Rule` of one checked, resolved concrete rule."""
    rule = resolved.rule
    taken = _user_names(rule)
    pattern = _GraphBuilder(rule.pattern, resolved.captures, taken, captures=None)
    pattern_graph = pattern.build()
    replacement = _GraphBuilder(rule.replacement, resolved.captures, taken, captures=pattern.captures)
    replacement_graph = replacement.build()
    guard = _guard(rule.guard, pattern.names) if rule.guard is not None else None
    provenance = Provenance(rule.location, rule.family, format_rule(rule, _dtype_parameters), source_sha256)
    return Rule(rule.name, stage, pattern_graph, replacement_graph, guard, provenance, folds=rule.folds,
                engines=rule.engines)


def _dtype_parameters(call: OpCall) -> frozenset[int]:
    """The positions of a resolved call's parameters that take a dtype (`ScalarType` or
    `ScalarType?` in the schema it resolved to); none for a call that did not resolve."""
    schema = getattr(call, "schema", None)
    if schema is None:
        return frozenset()
    return frozenset(index for index, argument in enumerate(schema.arguments)
                     if describe_parameter(argument) in ("ScalarType", "ScalarType?"))


def _one_type(types: TypeSet | None) -> str:
    """The neutral spelling of the one type a value resolved to, or '' for several."""
    only = None if types is None else types.only()
    return "" if only is None else type_text(only)


def _user_names(rule: ConcreteRule) -> set[str]:
    names: set[str] = set()
    for side in (rule.pattern, rule.replacement):
        for binding in side.bindings:
            names.update(t.name for t in binding.targets)
            names.update(n.name for n in names_in(binding.value))
        for result in side.results:
            names.update(n.name for n in names_in(result))
    return names


class _GraphBuilder:
    """Builds one side; `captures` is None for the pattern (its captures become inputs),
    else the pattern's captures, which the replacement graph takes as its inputs."""

    def __init__(self, side: Side, capture_types: dict[str, TypeSet], taken: set[str],
                 captures: dict[str, PatternValue] | None):
        self.side = side
        self.capture_types = capture_types
        self.captures: dict[str, PatternValue] = {} if captures is None else dict(captures)
        self.pending: dict[str, Bind] = {t.name: b for b in side.bindings for t in b.targets}
        self.names: dict[str, str] = {name: name for name in self.captures}
        self.used: set[str] = set(taken)
        self.outputs: list[PatternValue] = []
        self.nodes: list[tuple[PatternNode, tuple[str, ...], tuple[str, ...]]] = []

    def build(self) -> PatternGraph:
        results = [self.value(r) for r in self.side.results]
        for binding in self.side.bindings:
            if binding.targets[0].name in self.pending:
                self.bind(binding)
        values = list(self.captures.values()) + self.outputs
        index = {value.name: i for i, value in enumerate(values)}
        nodes = tuple(replace(node, inputs=tuple(index[n] for n in inputs), outputs=tuple(index[n] for n in outputs))
                      for node, inputs, outputs in self.nodes)
        return PatternGraph(tuple(values), nodes, tuple(range(len(self.captures))), tuple(index[n] for n in results))

    def fresh(self, base: str) -> str:
        name, suffix = base, 1
        while name in self.used:
            name, suffix = f"{base}_{suffix}", suffix + 1
        self.used.add(name)
        return name

    def value(self, value: Value, hint: str = "const") -> str:
        if isinstance(value, Name):
            return self.name(value)
        if isinstance(value, Const):
            return self.constant(value, hint)
        if value.op == registry.LIST_CONSTRUCT:
            return self.call(value, [self.fresh(hint)], element_hint=hint)
        return self.call(value, None)

    def name(self, name: Name) -> str:
        if name.name in self.pending:
            self.bind(self.pending[name.name])
        if name.name not in self.names:
            self.names[name.name] = name.name
            self.captures[name.name] = PatternValue(name.name, _one_type(self.capture_types.get(name.name)), name.span)
        return self.names[name.name]

    def bind(self, binding: Bind) -> None:
        for target in binding.targets:
            del self.pending[target.name]
        if isinstance(binding.value, OpCall):
            outputs = [t.name for t in binding.targets]
            self.call(binding.value, outputs)
            for target in binding.targets:
                self.names[target.name] = target.name
        elif isinstance(binding.value, Const):
            target = binding.targets[0].name
            self.names[target] = self.constant(binding.value, "const", name=target)
        else:
            self.names[binding.targets[0].name] = self.value(binding.value)

    def constant(self, const: Const, hint: str, name: str | None = None) -> str:
        """A new constant node, named `name` (a literal binding's) or fresh from `hint`."""
        name = name or self.fresh(hint)
        self.outputs.append(PatternValue(name, _CONSTANT_TYPES[const.kind], const.span))
        self.nodes.append((PatternNode("", "", (), (), const.span, constant=Constant(const.kind, const.value)),
                           (), (name,)))
        return name

    def call(self, call: ResolvedCall, output_names: list[str] | None, element_hint: str = "") -> str:
        """The call's node; a list's elements are named after the list (`scalars_0`)."""
        names = tuple(argument.name for argument in call.schema.arguments)
        inputs = tuple(self.value(arg, f"{element_hint}_{i}" if element_hint else names[i])
                       for i, arg in enumerate(call.args))
        if output_names is None:
            output_names = [self.fresh(call.op.partition("::")[2] + "_out")]
        self.outputs.extend(PatternValue(name, _one_type(types), call.span)
                            for name, types in zip(output_names, call.result_types))
        node = PatternNode(call.op, call.schema.overload_name, (), (), call.span, names[:len(call.args)],
                           macro=call.macro, named=call.overload is not None)
        self.nodes.append((node, inputs, tuple(output_names)))
        return output_names[0]


_CONSTANT_TYPES = {"int": "int", "float": "float", "bool": "bool", "none": "NoneType", "str": "str",
                   "int_list": "int[]"}


def _guard(guard: ast.Guard, names: dict[str, str]) -> guards.Guard:
    if isinstance(guard, ast.GuardBool):
        items = tuple(_guard(g, names) for g in guard.items)
        if guard.op == "not":
            return guards.Not(items[0], guard.span)
        return (guards.And if guard.op == "and" else guards.Or)(items, guard.span)
    if isinstance(guard, ast.GuardCompare):
        return guards.Compare(guard.op, names[guard.var.plain], Constant(guard.value.kind, guard.value.value),
                              guard.span)
    return guards.Call(guard.name.plain, tuple(names[a.plain] for a in guard.args), guard.span)
