"""fx values as the PT2E engine compares them and as guards see them.

A value of an fx graph is a `Node` or a Python literal held inline in a node's
arguments (qparams are Python floats and ints, dtypes `torch.dtype`s, lists Python
lists). A node's arguments are read in schema order, every parameter filled (`arguments`):
positional, keyword or the schema's default, and an `int[2]` given as `[1]` or `1`
expanded, so that `conv2d(x, w, b, [1, 1], [1, 1])` and the same call with its defaulted
dilation and groups written out are one call. Literals compare by value
(`literals_equal`): `1` equals `1.0`, a dtype equals its ScalarType number, a bool only
a bool.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Mapping

import torch
from torch.fx import Node

from ...core.guards import GuardContext, Predicate
from ...core.patterns import Constant
from ...lang.syntax import DTYPES
from .torch_api import attribute_at, qualified_name, schema_of

NO_DEFAULT = object()
"""A parameter without a default."""

MEMORY_FORMATS = {torch.contiguous_format: 0, torch.preserve_format: 1, torch.channels_last: 2,
                  torch.channels_last_3d: 3}
"""torch's MemoryFormat numbers (the ints a rule writes for a `MemoryFormat` parameter)."""
LAYOUTS = {torch.strided: 0, torch.sparse_coo: 1}
"""torch's Layout numbers."""
SCALAR_TYPES = {getattr(torch, name): number for name, number in DTYPES.items()
                if isinstance(getattr(torch, name, None), torch.dtype)}
"""torch dtypes -> their ScalarType numbers, for the dtype names rules can write."""
_ENUMS = {enum: {number: value for value, number in numbers.items()}
          for enum, numbers in (("ScalarType", SCALAR_TYPES), ("MemoryFormat", MEMORY_FORMATS), ("Layout", LAYOUTS))}


@dataclass(frozen=True)
class Parameter:
    """One schema parameter, as argument normalization needs it."""

    name: str
    """The schema's name for it (a keyword argument's key)."""
    enum: str
    """`ScalarType`, `MemoryFormat` or `Layout` for an int that stands for a torch enum, else ''."""
    size: int | None
    """N of an `int[N]` parameter (a single int is expanded to N), else None."""
    default: Any
    """The schema's default, or `NO_DEFAULT`."""
    kwarg_only: bool
    """Passed only by keyword."""
    mutable: bool
    """Written by the operator (`Tensor(a!)`)."""
    aliased: bool
    """The result may be this argument or a view of it: the schema says so (`Tensor(a)`
    in both), or the operator writes it (a kernel that writes an argument may return it)."""


@cache
def parameters(target: Any) -> tuple[Parameter, ...] | None:
    """The parameters of an operator overload; None for other call targets."""
    schema = schema_of(target)
    if schema is None:
        return None
    returned = set()
    for result in schema.returns:
        if result.alias_info is not None:
            returned.update(result.alias_info.before_set)
    return tuple(_parameter(argument, returned) for argument in schema.arguments)


def _parameter(argument, returned: set) -> Parameter:
    real = str(argument.real_type)
    enum = next((name for name in _ENUMS if name in real), "")
    size = argument.N if argument.N and real.startswith("List[int]") else None
    default = argument.default_value if argument.has_default_value() else NO_DEFAULT
    alias = argument.alias_info
    mutable = alias is not None and alias.is_write
    aliased = alias is not None and (mutable or bool(set(alias.before_set) & returned))
    return Parameter(argument.name, enum, size, default, argument.kwarg_only, mutable, aliased)


def arguments(node: Node) -> tuple | None:
    """The node's arguments in schema order with every parameter filled, or None when its
    target has no schema or the call does not fit it."""
    params = parameters(node.target) if node.op == "call_function" else None
    if params is None or len(node.args) > len(params):
        return None
    kwargs = node.kwargs
    if any(name not in {p.name for p in params} for name in kwargs):
        return None
    values = []
    for position, param in enumerate(params):
        if position < len(node.args):
            value = node.args[position]
        elif param.name in kwargs:
            value = kwargs[param.name]
        elif param.default is not NO_DEFAULT:
            value = param.default
        else:
            return None
        values.append(expand(value, param))
    return tuple(values)


def expand(value: Any, param: Parameter) -> Any:
    """An `int[N]` argument given as one int (or a one-element list) as N ints."""
    if param.size is None:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return [value] * param.size
    if isinstance(value, (list, tuple)) and len(value) == 1 and param.size > 1:
        return list(value) * param.size
    return value


def as_number(value: Any) -> Any:
    """A torch enum value (dtype, memory format, layout) as its number; anything else as is."""
    if isinstance(value, torch.dtype):
        return SCALAR_TYPES.get(value, value)
    if isinstance(value, torch.memory_format):
        return MEMORY_FORMATS.get(value, value)
    if isinstance(value, torch.layout):
        return LAYOUTS.get(value, value)
    return value


def as_argument(value: Any, param: Parameter) -> Any:
    """A rule's literal as the fx argument of `param`: an enum parameter's number as the
    torch object (`6` for `ScalarType` is `torch.float32`)."""
    if param.enum and isinstance(value, int) and not isinstance(value, bool):
        return _ENUMS[param.enum].get(value, value)
    return value


def literals_equal(first: Any, second: Any) -> bool:
    """Two inline values are equal: numbers by value (a bool only equals a bool), enums by
    their numbers, lists element by element."""
    first, second = as_number(first), as_number(second)
    if isinstance(first, (list, tuple)) and isinstance(second, (list, tuple)):
        return len(first) == len(second) and all(literals_equal(a, b) for a, b in zip(first, second))
    if isinstance(first, bool) or isinstance(second, bool):
        return type(first) is type(second) and first == second
    numbers = (int, float)
    if isinstance(first, numbers) and isinstance(second, numbers):
        return first == second
    return type(first) is type(second) and first == second


def same_value(first: Any, second: Any) -> bool:
    """Two graph values are one: the same node, or equal literals."""
    if isinstance(first, Node) or isinstance(second, Node):
        return first is second
    return literals_equal(first, second)


def constant_tensor(value: Any) -> torch.Tensor | None:
    """The tensor a `get_attr` node reads from its module, or None."""
    if not isinstance(value, Node) or value.op != "get_attr":
        return None
    tensor = attribute_at(value.graph.owning_module, value.target)
    return tensor if isinstance(tensor, torch.Tensor) else None


class FxValues:
    """The `ValueView` of fx values."""

    def constant(self, value: Any) -> Constant | None:
        value = as_number(value)
        if isinstance(value, (list, tuple)):
            value = [as_number(item) for item in value]
        return Constant.of(value)

    def describe(self, value: Any) -> str:
        if not isinstance(value, Node):
            return repr(value)
        tensor = value.meta.get("val")
        shape = ""
        if isinstance(tensor, torch.Tensor):
            shape = f" {tuple(tensor.shape)} {str(tensor.dtype).removeprefix('torch.')}"
        if value.op == "get_attr":
            return f"the constant {value.target}{shape}"
        if value.op == "placeholder":
            return f"the graph input {value.name}{shape}"
        return f"%{value.name}{shape} made by {_target_name(value)}"


def _target_name(node: Node) -> str:
    return qualified_name(node.target) if node.op == "call_function" else f"{node.op} {node.target}"


def is_constant(value: Any) -> bool:
    """A literal, or a tensor the module holds (`get_attr`)."""
    return not isinstance(value, Node) or constant_tensor(value) is not None


def is_none(value: Any) -> bool:
    return value is None


def is_scalar(value: Any) -> bool:
    """A Python int or float (not a bool, not a tensor)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def all_zero(value: Any) -> bool:
    """No zero point: None, the number 0, or a constant tensor of zeros."""
    if value is None:
        return True
    if is_scalar(value):
        return value == 0
    tensor = constant_tensor(value)
    return tensor is not None and not tensor.is_mkldnn and bool((tensor == 0).all())


def same_shape(first: Any, second: Any) -> bool:
    """Two tensors of the same shape and dtype (their fake values say so)."""
    tensors = [value.meta.get("val") if isinstance(value, Node) else None for value in (first, second)]
    if not all(isinstance(tensor, torch.Tensor) for tensor in tensors):
        return False
    return tensors[0].dtype == tensors[1].dtype and tuple(tensors[0].shape) == tuple(tensors[1].shape)


def consumed_by(value: Any, result: Any) -> bool:
    """Nothing but `result`'s call sees `value`: a tensor a call of the graph made with storage
    of its own (its schema returns no alias of an argument; not an input or a module
    tensor), used by that call only. A write into `value` there is observed by no one else."""
    if not (isinstance(value, Node) and isinstance(result, Node) and value.op == "call_function"):
        return False
    schema = schema_of(value.target)
    if schema is None or any(returned.alias_info is not None for returned in schema.returns):
        return False
    return all(user is result for user in value.users)


BUILTIN_PREDICATES: Mapping[str, Predicate] = {
    "is_constant": is_constant, "is_none": is_none, "is_scalar": is_scalar, "all_zero": all_zero,
    "same_shape": same_shape, "consumed_by": consumed_by}
"""The predicates every PT2E guard may call (the names `BACKEND` declares)."""

VIEW = FxValues()


def guard_context(predicates: Mapping[str, Predicate]) -> GuardContext:
    """The context for guards of a rule set whose own predicates are `predicates`."""
    return GuardContext(VIEW, {**predicates, **BUILTIN_PREDICATES})
