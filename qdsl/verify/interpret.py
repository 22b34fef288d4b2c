"""Running a `PatternGraph` on concrete values: each node calls its resolved operator overload.

A node is `torch.ops.<ns>.<name>.<overload>` (the overload lowering resolved) called with
its inputs; a constant node yields its literal. Arguments are passed as the schema wants
them (keyword-only ones by name) and converted as TorchScript's interpreter converts
them: a 0-dim tensor given for a number parameter is read as that number. Nothing here
knows a backend's IR, so TorchScript and torch.export rules run the same way.
"""

from __future__ import annotations

import contextlib
from functools import cache
from typing import Any, Callable, Iterator, Sequence

import torch

from ..core.patterns import PatternGraph, PatternNode
from ..ops import registry

MISSING = object()
"""An environment slot whose value is not computed yet."""

_MISSING_KERNEL_MESSAGES = ("Didn't find engine for operation", "is not supported with the current engine",
                            "Unsupported engine", "not implemented for QEngine", "is currently not supported by",
                            "QNNPACK only supports")
"""Fragments of torch's RuntimeError messages that mean: no kernel for this op on the active
quantized engine (a NotImplementedError says: no kernel for the inputs' dispatch key)."""


_observers: list[Callable[[PatternNode, Sequence[Any]], None]] = []
"""Called before every operator call (see `observing`)."""


@contextlib.contextmanager
def observing(observer: Callable[[PatternNode, Sequence[Any]], None]) -> Iterator[None]:
    """Call `observer(node, arguments)` before each operator call made in the block."""
    _observers.append(observer)
    try:
        yield
    finally:
        _observers.remove(observer)


class MissingKernel(Exception):
    """An operator has no kernel for these inputs on the active quantized engine."""

    def __init__(self, op: str, error: BaseException):
        super().__init__(f"{op}: {_first_line(error)}")
        self.op = op


class KnownCrash(Exception):
    """A call with the geometry of one that crashed the process before (not run again)."""


def call_signature(node: PatternNode, arguments: Sequence[Any]) -> str:
    """What a kernel crash depends on: the op, tensors' dtypes, sizes and strides, and every
    argument but floats and tensor contents (two calls with one signature crash alike)."""
    parts = [f"{node.op}.{node.overload}"]
    for value in arguments:
        if isinstance(value, torch.Tensor):
            strides = () if value.is_mkldnn else tuple(value.stride())
            parts.append(f"{value.dtype}{tuple(value.shape)}{strides}")
        elif isinstance(value, float):
            parts.append("float")
        else:
            parts.append(repr(value))
    return "; ".join(parts)


class NodeFailed(Exception):
    """An operator raised on the values it was given."""

    def __init__(self, node: PatternNode, error: BaseException):
        super().__init__(f"{node.op}: {_first_line(error)}")
        self.node = node
        self.error = error


@cache
def operator(op: str, overload: str):
    """The `torch.ops` overload object of `ns::name` and an overload name ('' = default)."""
    namespace, _, name = op.partition("::")
    return getattr(getattr(getattr(torch.ops, namespace), name), overload or "default")


def schema(node: PatternNode):
    """The `torch._C.FunctionSchema` of an operator node (list constructions included)."""
    if node.op == registry.LIST_CONSTRUCT:
        return next(s for s in registry.overloads(node.op, len(node.inputs)) if s.overload_name == node.overload)
    return operator(node.op, node.overload)._schema


def constant(node: PatternNode) -> Any:
    """A constant node's value as operators take it (an int list as a list)."""
    value = node.constant.value
    return list(value) if node.constant.kind == "int_list" else value


def run_node(node: PatternNode, arguments: Sequence[Any], unalias: bool = False) -> tuple:
    """The node's outputs for these argument values; `MissingKernel` or `NodeFailed` when it raises.
    With `unalias`, an argument the op writes into that is also another argument is passed as
    a copy (the call then writes into the copy)."""
    if node.constant is not None:
        return (constant(node),)
    if node.op == registry.LIST_CONSTRUCT:
        return (list(arguments),)
    handle = operator(node.op, node.overload)
    schema = handle._schema
    for observer in _observers:
        observer(node, arguments)
    if unalias:
        arguments = _unaliased(schema, arguments)
    positional, keywords = [], {}
    for parameter, value in zip(schema.arguments, arguments):
        value = _converted(value, parameter.type)
        if parameter.kwarg_only:
            keywords[parameter.name] = value
        else:
            positional.append(value)
    try:
        result = handle(*positional, **keywords)
    except NotImplementedError as error:
        raise MissingKernel(node.op, error) from None
    except Exception as error:  # whatever the operator raises is its failure on these arguments
        if any(fragment in str(error) for fragment in _MISSING_KERNEL_MESSAGES):
            raise MissingKernel(node.op, error) from None
        raise NodeFailed(node, error) from None
    return tuple(result) if len(schema.returns) > 1 else (result,)


def evaluate(graph: PatternGraph, captures: Sequence[Any], unalias: bool = False) -> list:
    """Every value of `graph` (captures first, as `PatternGraph.values`), computed in node order."""
    env: list = [MISSING] * len(graph.values)
    for index, value in zip(graph.inputs, captures):
        env[index] = value
    for node in graph.nodes:
        step(node, env, unalias)
    return env


def step(node: PatternNode, env: list, unalias: bool = False) -> None:
    """Run one node whose inputs are in `env`, storing its outputs there."""
    outputs = run_node(node, [env[index] for index in node.inputs], unalias)
    for index, value in zip(node.outputs, outputs):
        env[index] = value


def outputs(graph: PatternGraph, env: Sequence[Any]) -> tuple:
    return tuple(env[index] for index in graph.outputs)


def writes(graph: PatternGraph) -> frozenset[int]:
    """The values some node writes into in place (its schema marks the argument `(a!)`)."""
    written = set()
    for node in graph.nodes:
        if node.constant is not None:
            continue
        for parameter, value in zip(schema(node).arguments, node.inputs):
            if parameter.alias_info is not None and parameter.alias_info.is_write:
                written.add(value)
    return frozenset(written)


def _unaliased(schema, arguments: Sequence[Any]) -> list:
    arguments = list(arguments)
    for position, parameter in enumerate(schema.arguments[:len(arguments)]):
        value = arguments[position]
        if parameter.alias_info is not None and parameter.alias_info.is_write and isinstance(value, torch.Tensor) \
                and any(other is value for i, other in enumerate(arguments) if i != position):
            arguments[position] = value.clone()
    return arguments


_NUMBER_KINDS = frozenset({"NumberType", "FloatType", "IntType"})


def _converted(value: Any, wanted) -> Any:
    if isinstance(value, torch.Tensor) and value.dim() == 0 and not value.is_quantized:
        kind = wanted.kind()
        if kind == "OptionalType":
            kind = wanted.getElementType().kind()
        if kind in _NUMBER_KINDS:
            return value.item()
    return value


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
