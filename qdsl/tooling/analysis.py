"""Rule-set analysis: rules that can never fire (shadowing) and rules in the wrong order.

Both work on the compiled patterns (`qdsl.pattern`), i.e. on exactly the graphs the
engine matches, never on the `.qpat` text. docs/tooling.md states the criteria and
what they guarantee.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Mapping, Sequence

from ..errors import Diagnostic, source_line
from ..pattern import CompiledPattern, compile_rule
from ..rules import STAGES, Rule

RULE_MADE_NAMESPACE = "quantized::"
"""Graph-mode quantization's pre-finalize graphs hold only aten:: and prim:: ops (plus
quantize/dequantize); a `quantized::` op in a graph was made by a rule."""


@dataclass(frozen=True)
class Embedding:
    """How one pattern sits inside another: every node and value of the smaller one mapped."""

    nodes: Mapping[int, int]
    """Node index in the embedded pattern -> node index in the host pattern."""
    values: Mapping[str, str]
    """Value name in the embedded pattern -> value name in the host pattern."""


def analyze(rules: Sequence[Rule], sources: Mapping[str, str]) -> list[Diagnostic]:
    """Shadowing and order warnings for `rules` (application order), per stage.

    `sources` maps a rule file name to its text, for the diagnostics' source lines.
    """
    warnings: list[Diagnostic] = []
    for stage, quant_type in STAGES:
        stage_rules = [r for r in rules if r.stage == stage and (stage == "prepack" or r.quant_type == quant_type)]
        warnings.extend(_shadowing(stage_rules, sources))
        warnings.extend(_order(stage_rules, rules, stage, sources))
    return warnings


def _warning(rule: Rule, location, message: str, sources: Mapping[str, str]) -> Diagnostic:
    location = location or rule.location
    text = sources.get(location.filename, "")
    return Diagnostic(location, message, "warning", source_line(text, location.line))


def _shadowing(stage_rules: Sequence[Rule], sources) -> list[Diagnostic]:
    found = []
    for later_index, later in enumerate(stage_rules):
        host = compile_rule(later).pattern
        for earlier in stage_rules[:later_index]:
            embedding = shadowing_embedding(earlier, later)
            if embedding is None:
                continue
            makers = [r.name for r in stage_rules[stage_rules.index(earlier):later_index]
                      if _made_kinds(r) & {n.kind for n in host.nodes}]
            if makers:
                continue
            found.append(_warning(later, None, (
                f"rule '{later.name}' can never fire: every match of it contains a match of the earlier rule "
                f"'{earlier.name}' ({earlier.location})"
                f"{' whose guard it implies' if earlier.guard is not None else ', which has no guard'}, "
                f"and that rule rewrites it first; move '{later.name}' above '{earlier.name}' or drop it"),
                sources))
            break
    return found


def shadowing_embedding(earlier: Rule, later: Rule) -> Embedding | None:
    """An embedding of `earlier`'s pattern in `later`'s that makes `earlier` fire on every
    match of `later`, or None.

    Required: kinds, input and output counts and attributes equal node for node; an
    inner value of `earlier` (neither input nor output) lands on an inner value of
    `later` with the same number of uses; every node of `earlier` is reached from its
    anchor; `earlier` has no guard, or its guard (renamed) is `later`'s guard or one of
    its `and` operands.
    """
    small = compile_rule(earlier).pattern
    host = compile_rule(later).pattern
    if not _all_reached(small):
        return None
    for start, node in enumerate(host.nodes):
        if node.kind != small.anchor_kind:
            continue
        embedding = _embed(small, host, start)
        if embedding is not None and _guard_implied(earlier.guard, later.guard, embedding.values):
            return embedding
    return None


def _embed(small: CompiledPattern, host: CompiledPattern, start: int) -> Embedding | None:
    node_map: dict[int, int] = {}
    value_map: dict[int, int] = {}
    stack = [(small.anchor, start)]
    while stack:
        small_index, host_index = stack.pop()
        if small_index in node_map:
            if node_map[small_index] != host_index:
                return None
            continue
        small_node, host_node = small.nodes[small_index], host.nodes[host_index]
        if (small_node.kind != host_node.kind or len(small_node.inputs) != len(host_node.inputs)
                or len(small_node.outputs) != len(host_node.outputs)
                or small_node.attributes != host_node.attributes):
            return None
        node_map[small_index] = host_index
        for small_value, host_value in zip(small_node.outputs + small_node.inputs,
                                           host_node.outputs + host_node.inputs):
            if value_map.setdefault(small_value, host_value) != host_value:
                return None
            inner = small.values[small_value]
            target = host.values[host_value]
            if inner.checks_uses and not (target.checks_uses and target.use_count == inner.use_count):
                return None
            if inner.producer is not None and inner.producer not in node_map:
                if target.producer is None:
                    return None
                stack.append((inner.producer, target.producer))
    if len(node_map) != len(small.nodes):
        return None
    return Embedding(node_map, {small.values[s].name: host.values[h].name for s, h in value_map.items()})


def _all_reached(pattern: CompiledPattern) -> bool:
    """Every pattern node lies on a path to the anchor (matching walks only producers)."""
    reached, stack = set(), [pattern.anchor]
    while stack:
        index = stack.pop()
        if index in reached:
            continue
        reached.add(index)
        for value in pattern.nodes[index].inputs:
            producer = pattern.values[value].producer
            if producer is not None:
                stack.append(producer)
    return len(reached) == len(pattern.nodes)


def _guard_implied(earlier_guard, later_guard, names: Mapping[str, str]) -> bool:
    if earlier_guard is None:
        return True
    if later_guard is None:
        return False
    renamed = _rename_guard(earlier_guard, names)
    if renamed is None:
        return False
    operands = later_guard[1:] if later_guard[0] == "and" else (later_guard,)
    return renamed == later_guard or renamed in operands


def _rename_guard(guard, names: Mapping[str, str]):
    op = guard[0]
    if op in ("and", "or", "not"):
        items = [_rename_guard(g, names) for g in guard[1:]]
        return None if None in items else (op, *items)
    if op in ("eq", "ne"):
        return (op, names[guard[1]], guard[2], guard[3]) if guard[1] in names else None
    if not all(v in names for v in guard[2]):
        return None
    return ("pred", guard[1], tuple(names[v] for v in guard[2]))


def _made_kinds(rule: Rule) -> frozenset[str]:
    """The node kinds one rewrite by `rule` creates."""
    return frozenset(node.kind() for node in compile_rule(rule).replacement.nodes())


def _order(stage_rules: Sequence[Rule], all_rules: Sequence[Rule], stage: str, sources) -> list[Diagnostic]:
    earlier_stages = {s for s, _ in STAGES[:[s for s, _ in STAGES].index(stage)]}
    made_before_stage = frozenset().union(*(_made_kinds(r) for r in all_rules if r.stage in earlier_stages))
    makers: dict[str, list[int]] = defaultdict(list)
    for index, rule in enumerate(stage_rules):
        for kind in _made_kinds(rule):
            makers[kind].append(index)
    found = []
    for index, rule in enumerate(stage_rules):
        pattern = compile_rule(rule).pattern
        reported = set()
        for node in pattern.nodes:
            kind = node.kind
            if (not kind.startswith(RULE_MADE_NAMESPACE) or kind in made_before_stage or kind in reported
                    or not makers.get(kind) or any(i < index for i in makers[kind])):
                continue
            later = [stage_rules[i] for i in makers[kind] if i > index]
            if not later:
                continue
            reported.add(kind)
            maker = later[0]
            found.append(_warning(rule, rule.value_location(pattern.node_name(node.index)), (
                f"rule '{rule.name}' matches {kind}, which only the later rule '{maker.name}' "
                f"({maker.location}) makes in this stage; rules run in order, so move '{rule.name}' "
                f"below '{maker.name}'"), sources))
    return found
