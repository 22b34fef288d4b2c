"""Rule sources for tests: generated `.qpat` files of any size (the scale, analysis and
check-bench runs), and rules compared by what they mean rather than where they were written."""

from __future__ import annotations

from pathlib import Path

import qdsl
from qdsl.backends.torchscript.compiled import rendered

_TEMPLATES = (
    ("rule conv{i}{{act}} for act in [none, relu]:\n"
     "    w, b = quantized::conv2d_unpack(packed)\n"
     "    q(act(conv2d(dq(a), dq(w), b, stride, padding, dilation, groups)))\n"
     "    -> quantized::conv2d{{act:_relu}}(a, packed, scale, zero_point)\n", 2),
    ("rule add{i}: q(add(dq(a), dq(b), alpha)) where alpha == {i} and not is_none(b)\n"
     "    -> quantized::add(a, b, scale, zero_point)\n", 1),
    ("rule pool{i}: q_like(avg_pool2d(dq(a), ...), a) -> avg_pool2d(a, ...)\n", 1),
    ("rule fixed{i}: q(sigmoid(dq(a)), 0.00390625, {i}, quint8) -> sigmoid(a)\n", 1),
    ("rule clamp{i}:\n    n = None\n    q(clamp(dq(a), scalar_q(lo, n), hi)) -> clamp(a, lo, hi)\n", 1),
)
_PRELUDE = ("stage fusion static\n"
            "def q_like(x, a) = quantize_per_tensor(x, q_scale(a), q_zero_point(a), prim::dtype(a))\n"
            "def scalar_q(x, none) = item(dq(quantize_per_tensor(scalar_tensor(x, float32, none, none, none), "
            "s, z, d)))\n")


def generated_source(rule_count: int) -> str:
    """A file of `rule_count` concrete rules: families, guards, `...`, macros, literal bindings."""
    parts = [_PRELUDE]
    made = index = 0
    while made < rule_count:
        template, rules = _TEMPLATES[index % len(_TEMPLATES)]
        parts.append(template.format(i=index))
        made += rules
        index += 1
    return "".join(parts)


def meaning(rule: qdsl.Rule) -> tuple:
    """What a rule matches, guards and makes, without its name or where it was written:
    its TorchScript IR, its neutral graphs (names, overloads, types) and its guard."""
    return rendered(rule), rule.pattern.format("p"), rule.replacement.format("r"), str(rule.guard)


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the first occurrence of `needle` in `path`."""
    lines = path.read_text().splitlines()
    return next(number for number, text in enumerate(lines, 1) if needle in text)


def column_of(path: Path, needle: str, line: int | None = None) -> int:
    """The 1-based column of `needle` on `line` (default: the first line holding it)."""
    text = path.read_text().splitlines()[(line or line_of(path, needle)) - 1]
    return text.index(needle) + 1
