"""Rules written for the engine's tests, compiled from `.qpat` text like any user's.

`GUARD_FREE` are upstream's linear, conv2d, add and mul fusions without their filters,
in upstream's order (fused-activation forms before plain forms), plus two rules that
see what earlier ones made: `quantized_linear_relu` matches a relu after the
`quantized::linear` that `linear` makes, on a kind (`aten::relu`) `relu_relu` has
already indexed. torch's own rewriter applies them as they are (it takes no guards),
which makes them the engine's differential test set.
"""

from __future__ import annotations

import warnings
from functools import cache
from typing import Mapping

import qdsl
from qdsl.core.guards import Predicate

GUARD_FREE = """
rule relu_relu: relu(relu(x)) -> relu(x)
rule linear_relu:
    w, b = quantized::linear_unpack(packed)
    q(relu(linear(dq(a), dq(w), b))) -> quantized::linear_relu(a, packed, scale, zero_point)
rule linear:
    w, b = quantized::linear_unpack(packed)
    q(linear(dq(a), dq(w), b)) -> quantized::linear(a, packed, scale, zero_point)
rule quantized_linear_relu:
    relu(quantized::linear(a, packed, scale, zero_point)) -> quantized::linear_relu(a, packed, scale, zero_point)
rule conv2d:
    w, b = quantized::conv2d_unpack(packed)
    q(conv2d(dq(a), dq(w), b, stride, padding, dilation, groups)) -> quantized::conv2d(a, packed, scale, zero_point)
rule add_relu: q(relu(add(dq(a), dq(b), alpha))) -> quantized::add_relu(a, b, scale, zero_point)
rule add: q(add(dq(a), dq(b), alpha)) -> quantized::add(a, b, scale, zero_point)
rule mul: q(mul(dq(a), dq(b))) -> quantized::mul(a, b, scale, zero_point)
"""


def fusion_rules(text: str, filename: str = "test.qpat", *,
                 predicates: Mapping[str, Predicate] | None = None) -> qdsl.RuleSet:
    """`text` compiled as rules of stage `fusion static` (its compile warnings are the
    business of the compiler's tests)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return qdsl.compile_source("stage fusion static\n" + text, filename, predicates=predicates)


@cache
def guard_free_rules() -> tuple[qdsl.Rule, ...]:
    return fusion_rules(GUARD_FREE, "guard_free.qpat").rules
