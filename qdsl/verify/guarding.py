"""Guards on drawn values: which conjunct a sample must satisfy or violate, and how to steer draws.

A guard speaks about graph values (is this a constant, a scalar?); a sample has plain
values, each of which could be a graph constant. So `x == 1` holds when the drawn value
is 1, `is_scalar(x)` when it is a number or a 0-dim tensor, `is_constant(x)` always, and
a rule set's own predicates (functions of graph values) cannot be evaluated: they are
reported, and the sample counts as satisfying them.

`consumed_by(a, t)` speaks about the graph around the match: nothing else reads `a`, so
what the rule leaves in `a` is observed by no one. No drawn value answers it; the run
decides: where it holds, `a`'s final content is not compared (`unobserved`), where it is
violated, it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

import torch

from ..core.guards import Call, Compare, Guard, GuardContext, operands
from ..core.patterns import Constant
from .specs import Exactly, NumberSpec, Spec, Unlike


class DrawnValues:
    """The `ValueView` of drawn values: every value reads as the constant it would be."""

    def constant(self, value: Any) -> Constant | None:
        return Constant.of(value)

    def describe(self, value: Any) -> str:
        return repr(value)


def _is_scalar(value: Any) -> bool:
    return isinstance(value, (int, float)) or (isinstance(value, torch.Tensor) and value.dim() == 0)


def _all_zero(value: Any) -> bool:
    return isinstance(value, torch.Tensor) and not bool(value.any())


def _same_shape(first: Any, second: Any) -> bool:
    return isinstance(first, torch.Tensor) and isinstance(second, torch.Tensor) and first.shape == second.shape


DRAWN_PREDICATES = {"is_scalar": _is_scalar, "is_none": lambda value: value is None,
                    "is_constant": lambda value: True, "all_zero": _all_zero, "same_shape": _same_shape}
"""The backends' builtin predicates' meaning on drawn values (TorchScript's, and PT2E's
`all_zero` and `same_shape`)."""

STEERING: Mapping[str, tuple[Spec | None, Spec | None]] = {
    "is_scalar": (NumberSpec(), None),
    "is_none": (Exactly(None), None),
}
"""Predicate -> (what to draw to satisfy it, to violate it); None: draw as usual and filter."""

OBSERVATION_PREDICATES = frozenset({"consumed_by"})
"""Predicates (as conjuncts of the guard) that say whose final content nobody observes: a
run holds or violates them by what it compares, not by the drawn values."""

CONTEXT = GuardContext(DrawnValues(), DRAWN_PREDICATES)


@dataclass(frozen=True)
class GuardMode:
    """Which samples a run wants: the guard satisfied, or one conjunct violated (the others
    satisfied), and which domain assumptions are dropped."""

    violate: int | None = None
    """Index of the conjunct to violate (in `operands(guard)`), or None."""
    relaxed: frozenset[str] = field(default_factory=frozenset)
    """Assumption keys sampled without the assumption."""
    roomy: bool = False
    """Spatial sizes a few elements larger than the kernels' (the stateful-kernel checks: some
    kernels crash on the smallest sizes, which the rule checks cover)."""


def conjuncts(guard: Guard | None) -> tuple[Guard, ...]:
    return () if guard is None else operands(guard)


def steering(guard: Guard | None, mode: GuardMode) -> dict[str, Spec]:
    """Pattern value name -> what to draw for it, so that most samples fit `mode`."""
    specs: dict[str, Spec] = {}
    for index, item in enumerate(conjuncts(guard)):
        violated = index == mode.violate
        if isinstance(item, Compare):
            value = list(item.literal.value) if item.literal.kind == "int_list" else item.literal.value
            wants_equal = (item.op == "eq") != violated
            specs.setdefault(item.var, Exactly(value) if wants_equal else Unlike(value))
        elif isinstance(item, Call) and item.name in STEERING and len(item.args) == 1:
            spec = STEERING[item.name][violated]
            if spec is not None:
                specs.setdefault(item.args[0], spec)
    return specs


def _observation(item: Guard) -> bool:
    return isinstance(item, Call) and item.name in OBSERVATION_PREDICATES


def unobserved(guard: Guard | None, mode: GuardMode) -> frozenset[str]:
    """Captures whose final content no one observes in `mode`: the first argument of each
    `consumed_by` conjunct that is not the violated one."""
    return frozenset(item.args[0] for index, item in enumerate(conjuncts(guard))
                     if _observation(item) and index != mode.violate)


def unevaluable(guard: Guard | None) -> tuple[str, ...]:
    """Predicates of the guard that drawn values cannot answer (a rule set's own, and
    `consumed_by` but as a conjunct)."""
    names = []
    stack = [item for item in conjuncts(guard) if not _observation(item)]
    while stack:
        item = stack.pop()
        if isinstance(item, Call):
            if item.name not in DRAWN_PREDICATES:
                names.append(item.name)
        elif not isinstance(item, Compare):
            stack.extend(item.items if hasattr(item, "items") else (item.item,))
    return tuple(dict.fromkeys(names))


def fits(guard: Guard | None, mode: GuardMode, values: Mapping[str, Any]) -> bool:
    """Whether drawn values fit `mode` (a conjunct the values cannot answer counts as true,
    so it can never be the violated one; a `consumed_by` conjunct is what the mode says)."""
    for index, item in enumerate(conjuncts(guard)):
        if _observation(item):
            continue
        try:
            holds = item.evaluate(values, CONTEXT)
        except KeyError:
            holds = True
        if holds == (index == mode.violate):
            return False
    return True
