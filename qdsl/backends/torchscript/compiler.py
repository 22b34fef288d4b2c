"""The TorchScript backend's compiler hooks: lint, render, validate (see `BackendCompiler`)."""

from __future__ import annotations

import torch

from ...core.rules import Rule
from ...diagnostics import Diagnostic
from ...ops import registry
from . import FUSION_DYNAMIC, FUSION_STATIC, RENDERED_PATTERN, RENDERED_REPLACEMENT
from .quant_marks import DYNAMIC_DEQUANTIZE_USERS, DYNAMIC_ONLY_OPS
from .render import render_rule


def lint(rule: Rule) -> list[Diagnostic]:
    """What torch's SubgraphMatcher never matches: a pattern call given fewer arguments
    than its overload has (graphs carry every argument), an int list constant, or a
    pattern of one stage that only occurs in another's graphs."""
    return _partial_calls(rule) + _list_constants(rule) + _stage_mismatch(rule)


def _partial_calls(rule: Rule) -> list[Diagnostic]:
    found = []
    for node in rule.pattern.nodes:
        if not node.op or node.op == registry.LIST_CONSTRUCT:
            continue
        schema = next((s for s in registry.schemas_for(node.op) if s.overload_name == node.overload), None)
        if schema is not None and len(node.inputs) < len(schema.arguments):
            given = len(node.inputs)
            found.append(Diagnostic(node.span, f"'{node.op}' is given {given} of its {len(schema.arguments)} "
                                    f"arguments; TorchScript graphs carry every argument, so this only matches "
                                    f"nodes built with {given} inputs", "warning"))
    return found


def _list_constants(rule: Rule) -> list[Diagnostic]:
    return [Diagnostic(node.span, "an int list literal in a pattern never matches: torch's SubgraphMatcher does "
                       "not compare list constants; capture the value and guard it with '==' instead", "warning")
            for node in rule.pattern.nodes if node.constant is not None and node.constant.kind == "int_list"]


def _stage_mismatch(rule: Rule) -> list[Diagnostic]:
    """A fusion pattern that cannot occur in its stage's graphs never fires (`quant_marks`)."""
    if rule.stage not in (FUSION_STATIC, FUSION_DYNAMIC):
        return []
    pattern = rule.pattern
    dynamic = next((node for node in pattern.nodes if node.op in DYNAMIC_ONLY_OPS), None)
    if rule.stage == FUSION_STATIC:
        if dynamic is None:
            return []
        return [Diagnostic(dynamic.span, f"this pattern never occurs in a statically quantized graph: only "
                         f"dynamic quantization makes {dynamic.op} (write the rule under 'stage fusion dynamic')", "warning")]
    if dynamic is not None:
        return []
    producers = pattern.producers
    for consumer in pattern.nodes:
        for value in consumer.inputs:
            producer = producers[value]
            if (producer is not None and pattern.nodes[producer].op == "aten::dequantize"
                    and consumer.op not in DYNAMIC_DEQUANTIZE_USERS):
                return [Diagnostic(pattern.nodes[producer].span, (
                    f"this pattern never occurs in a dynamically quantized graph: a dequantize feeds "
                    f"{consumer.kind} here, but dynamic quantization dequantizes only the inputs of aten::linear "
                    "(write the rule under 'stage fusion static')"), "warning")]
    return []


def render(rule: Rule) -> tuple[tuple[str, str], ...]:
    pattern, replacement = render_rule(rule)
    return ((RENDERED_PATTERN, pattern), (RENDERED_REPLACEMENT, replacement))


def validate(rule: Rule) -> str | None:
    """Why torch's IR parser refuses the IR made for `rule` (a compiler gap the checks
    missed), or None. List expressions other than int list literals are not rendered."""
    if any(node.op == registry.LIST_CONSTRUCT for graph in (rule.pattern, rule.replacement) for node in graph.nodes):
        return (f"rule '{rule.name}' uses a list expression ([], [a, b], [0.5]); the TorchScript backend takes "
                "int list literals only")
    for side, key in (("pattern", RENDERED_PATTERN), ("replacement", RENDERED_REPLACEMENT)):
        try:
            torch._C.parse_ir(rule.rendering(key))
        except RuntimeError as error:
            reason = next((line.strip() for line in str(error).splitlines() if line.strip()), "rejected")
            return f"torch cannot parse the {side} IR made for rule '{rule.name}': {reason}"
    return None
