"""Matched TorchScript values as guards see them: constants read as torch's C++ reads them.

Every reader of graph constants in the backend goes through `constant_value`: the
Python binding `Value.toIValue()` turns a wrapped-number tensor (what `torch.jit.trace`
makes of a Python scalar operand, as in `y + 2`) into a Python int or float, where C++
sees a 0-dim tensor; a tensor constant is therefore read from its tensor attribute.
The builtin predicates reproduce upstream's C++ match filters exactly.
"""

from __future__ import annotations

from typing import Mapping

import torch

from ...core.guards import GuardContext, Predicate
from ...core.patterns import Constant

NOT_CONSTANT = object()
"""What `constant_value` returns for a value that is not a graph constant."""


def constant_value(value: torch._C.Value):
    """The constant behind `value` as upstream's C++ `toIValue` sees it, or `NOT_CONSTANT`
    (also for a function constant: it has no IValue in C++, where the binding says None)."""
    node = value.node()
    if node.kind() != "prim::Constant" or value.type().kind() == "FunctionType":
        return NOT_CONSTANT
    if node.hasAttribute("value") and node.kindOf("value") == "t":
        return node.t("value")
    return value.toIValue()


class TorchScriptValues:
    """The `ValueView` of `torch._C.Value`s."""

    def constant(self, value: torch._C.Value) -> Constant | None:
        return Constant.of(constant_value(value), sequences=(list,))

    def describe(self, value: torch._C.Value) -> str:
        constant = constant_value(value)
        if constant is NOT_CONSTANT:
            return f"a non-constant {value.type()} (made by {value.node().kind()})"
        return repr(constant)


def is_scalar(value: torch._C.Value) -> bool:
    """Upstream `isScalar` (helper.cpp): a Number, or a constant 0-dim tensor."""
    if value.type().isSubtypeOf(torch._C.NumberType.get()):
        return True
    if value.type().isSubtypeOf(torch._C.TensorType.get()):
        constant = constant_value(value)
        return isinstance(constant, torch.Tensor) and constant.dim() == 0
    return False


def is_constant(value: torch._C.Value) -> bool:
    return value.node().kind() == "prim::Constant"


def is_none(value: torch._C.Value) -> bool:
    return is_constant(value) and constant_value(value) is None


def consumed_by(value: torch._C.Value, result: torch._C.Value) -> bool:
    """Nothing but the node producing `result` sees `value`: a tensor a node of the graph made
    with storage of its own (its schema returns no alias of an argument; not a graph input
    or constant, which the caller or later calls see), used by that node only. A write
    into `value` there is then observed by no one else."""
    producer = value.node()
    schema = producer.schema()
    if schema == "(no schema)":
        return False
    returned = torch._C.parse_schema(schema).returns
    if value.offset() >= len(returned) or returned[value.offset()].alias_info is not None:
        return False
    consumer = result.node()
    return all(use.user == consumer for use in value.uses())


BUILTIN_PREDICATES: Mapping[str, Predicate] = {"is_scalar": is_scalar, "is_constant": is_constant, "is_none": is_none,
                                               "consumed_by": consumed_by}
"""The predicates every TorchScript guard may call (the names `BACKEND` declares)."""

VIEW = TorchScriptValues()


def guard_context(predicates: Mapping[str, Predicate]) -> GuardContext:
    """The context for guards of a rule set whose own predicates are `predicates`."""
    return GuardContext(VIEW, {**predicates, **BUILTIN_PREDICATES})
