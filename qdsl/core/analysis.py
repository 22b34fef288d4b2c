"""Rule-set analysis: rules that can never fire (shadowing) and rules in the wrong order.

Both work on the compiled patterns (`qdsl.pattern`), i.e. on exactly the graphs the
engine matches, never on the `.qpat` text. docs/tooling.md states the criteria and
what they guarantee.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
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


def analyze(rules: Sequence[Rule], sources: Mapping[str, str], work: Counter | None = None) -> list[Diagnostic]:
    """Shadowing and order warnings for `rules` (application order), per stage.

    `sources` maps a rule file name to its text, for the diagnostics' source lines.
    `work`, if given, counts what the analysis did: `embeddings` (pattern pairs
    compared) and `index_probes` (look-ups in the shadowing index).
    """
    work = Counter() if work is None else work
    facts = [_RuleFacts.of(rule) for rule in rules]
    warnings: list[Diagnostic] = []
    for stage, quant_type in STAGES:
        stage_facts = [f for f in facts
                       if f.rule.stage == stage and (stage == "prepack" or f.rule.quant_type == quant_type)]
        warnings.extend(_shadowing(stage_facts, sources, work))
        warnings.extend(_order(stage_facts, facts, stage, sources))
    return warnings


@dataclass(frozen=True)
class _RuleFacts:
    """What the analysis asks of one rule, worked out once."""

    rule: Rule
    """The rule."""
    pattern: CompiledPattern
    """Its compiled pattern."""
    kinds: frozenset[str]
    """The node kinds of its pattern."""
    signatures: frozenset[tuple]
    """(kind, input count, output count, attributes) of its pattern nodes: what an
    embedding must find node for node."""
    made: frozenset[str]
    """The node kinds one rewrite by the rule creates."""

    @classmethod
    def of(cls, rule: Rule) -> "_RuleFacts":
        compiled = compile_rule(rule)
        nodes = compiled.pattern.nodes
        return cls(rule, compiled.pattern, frozenset(n.kind for n in nodes),
                   frozenset((n.kind, len(n.inputs), len(n.outputs), n.attributes) for n in nodes),
                   frozenset(compiled.replacement_kinds))


def _warning(rule: Rule, location, message: str, sources: Mapping[str, str]) -> Diagnostic:
    location = location or rule.location
    text = sources.get(location.filename, "")
    return Diagnostic(location, message, "warning", source_line(text, location.line))


def _shadowing(stage_facts: Sequence[_RuleFacts], sources, work: Counter) -> list[Diagnostic]:
    """Per rule L, the first earlier rule E that shadows it (docs/tooling.md), found
    through `_ShadowIndex` instead of trying every earlier rule."""
    index = _ShadowIndex(stage_facts)
    makers = _makers(stage_facts)
    found = []
    for later_index, later in enumerate(stage_facts):
        # No rule from E up to L may recreate a node kind of L: E must come after the last such maker.
        first_allowed = 1 + max((_last_before(makers.get(kind, ()), later_index) for kind in later.kinds),
                                default=-1)
        earlier = index.first_shadowing(later, first_allowed, later_index, work)
        if earlier is None:
            continue
        earlier_rule, later_rule = earlier.rule, later.rule
        found.append(_warning(later_rule, None, (
            f"rule '{later_rule.name}' can never fire: every match of it contains a match of the earlier rule "
            f"'{earlier_rule.name}' ({earlier_rule.location})"
            f"{' whose guard it implies' if earlier_rule.guard is not None else ', which has no guard'}, "
            f"and that rule rewrites it first; move '{later_rule.name}' above '{earlier_rule.name}' or drop it"),
            sources))
    return found


def _makers(stage_facts: Sequence[_RuleFacts]) -> dict[str, list[int]]:
    """Node kind -> the positions (ascending) of the stage's rules whose rewrite creates it."""
    makers: dict[str, list[int]] = defaultdict(list)
    for position, facts in enumerate(stage_facts):
        for kind in facts.made:
            makers[kind].append(position)
    return makers


def _last_before(positions: Sequence[int], limit: int) -> int:
    """The largest of the ascending `positions` below `limit`, or -1."""
    found = bisect_left(positions, limit)
    return positions[found - 1] if found else -1


class _ShadowIndex:
    """The stage's possible shadowing rules, grouped so that a later rule L meets only
    rules that could embed in it and whose guard L could imply.

    An embedding maps each node of E to a node of L with the same signature, so E's
    signature set is a subset of L's; E's guard, renamed, is L's guard or one of its
    `and` operands, so its shape (the guard with its variables erased) is one of
    theirs. Rules with the same pattern IR and guard (a class) embed alike: each
    class pair is compared once.
    """

    def __init__(self, stage_facts: Sequence[_RuleFacts]):
        self.facts = stage_facts
        self.groups: dict[frozenset, dict[object, list[_Class]]] = defaultdict(lambda: defaultdict(list))
        classes: dict[tuple, _Class] = {}
        for position, facts in enumerate(stage_facts):
            if not _all_reached(facts.pattern):
                continue
            key = (facts.rule.pattern, facts.rule.guard)
            if key not in classes:
                classes[key] = _Class(facts, [])
                self.groups[facts.signatures][_guard_shape(facts.rule.guard)].append(classes[key])
            classes[key].positions.append(position)
        self.embeds: dict[tuple[int, tuple], bool] = {}
        self.included: dict[frozenset, tuple[frozenset, ...]] = {}

    def first_shadowing(self, later: _RuleFacts, first: int, stop: int, work: Counter) -> _RuleFacts | None:
        """The first rule at a position in [first, stop) that shadows `later`, or None."""
        if first >= stop:
            return None
        shapes = {None, _guard_shape(later.rule.guard)}
        if later.rule.guard is not None and later.rule.guard[0] == "and":
            shapes.update(_guard_shape(operand) for operand in later.rule.guard[1:])
        candidates = []
        if later.signatures not in self.included:
            self.included[later.signatures] = tuple(self._subsets(later.signatures, work))
        for signatures in self.included[later.signatures]:
            by_shape = self.groups[signatures]
            for shape in shapes & by_shape.keys():
                for group in by_shape[shape]:
                    at = bisect_left(group.positions, first)
                    if at < len(group.positions) and group.positions[at] < stop:
                        candidates.append((group.positions[at], group))
        later_key = (later.rule.pattern, later.rule.guard)
        for position, group in sorted(candidates, key=lambda c: c[0]):
            pair = (id(group), later_key)
            if pair not in self.embeds:
                work["embeddings"] += 1
                self.embeds[pair] = _shadowing_embedding(
                    group.facts.pattern, group.facts.rule.guard, later.pattern, later.rule.guard) is not None
            if self.embeds[pair]:
                return self.facts[position]
        return None

    def _subsets(self, signatures: frozenset, work: Counter):
        """The indexed signature sets that are subsets of `signatures` (asked once per
        distinct set): by enumerating the subsets when there are fewer of them than
        indexed sets, else by testing each set."""
        if 2 ** len(signatures) <= len(self.groups):
            items = list(signatures)
            for size in range(1, len(items) + 1):
                for subset in combinations(items, size):
                    work["index_probes"] += 1
                    key = frozenset(subset)
                    if key in self.groups:
                        yield key
        else:
            for key in list(self.groups):
                work["index_probes"] += 1
                if key <= signatures:
                    yield key


@dataclass(frozen=True)
class _Class:
    """Rules of one stage with the same pattern IR and guard."""

    facts: _RuleFacts
    """The first of them."""
    positions: list[int]
    """Their positions in the stage, ascending."""


def _guard_shape(guard):
    """`guard` with its variable names erased (None stays None): equal for a guard and
    any renaming of it."""
    if guard is None:
        return None
    op = guard[0]
    if op in ("and", "or", "not"):
        return (op, *(_guard_shape(g) for g in guard[1:]))
    if op in ("eq", "ne"):
        value = guard[3]
        return (op, guard[2], tuple(value) if isinstance(value, list) else value)
    return ("pred", guard[1], len(guard[2]))


def shadowing_embedding(earlier: Rule, later: Rule) -> Embedding | None:
    """An embedding of `earlier`'s pattern in `later`'s that makes `earlier` fire on every
    match of `later`, or None.

    Required: kinds, input and output counts and attributes equal node for node; an
    inner value of `earlier` (neither input nor output) lands on an inner value of
    `later` with the same number of uses; every node of `earlier` is reached from its
    anchor; `earlier` has no guard, or its guard (renamed) is `later`'s guard or one of
    its `and` operands.
    """
    return _shadowing_embedding(compile_rule(earlier).pattern, earlier.guard, compile_rule(later).pattern, later.guard)


def _shadowing_embedding(small: CompiledPattern, small_guard, host: CompiledPattern, host_guard) -> Embedding | None:
    if not _all_reached(small):
        return None
    for start, node in enumerate(host.nodes):
        if node.kind != small.anchor_kind:
            continue
        embedding = _embed(small, host, start)
        if embedding is not None and _guard_implied(small_guard, host_guard, embedding.values):
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


def _order(stage_facts: Sequence[_RuleFacts], all_facts: Sequence[_RuleFacts], stage: str,
           sources) -> list[Diagnostic]:
    earlier_stages = {s for s, _ in STAGES[:[s for s, _ in STAGES].index(stage)]}
    made_before_stage = frozenset().union(*(f.made for f in all_facts if f.rule.stage in earlier_stages))
    makers = _makers(stage_facts)
    found = []
    for index, facts in enumerate(stage_facts):
        rule, pattern = facts.rule, facts.pattern
        reported = set()
        for node in pattern.nodes:
            kind = node.kind
            positions = makers.get(kind)
            if (not kind.startswith(RULE_MADE_NAMESPACE) or kind in made_before_stage or kind in reported
                    or not positions or positions[0] < index):
                continue
            later = bisect_right(positions, index)
            if later == len(positions):
                continue
            reported.add(kind)
            maker = stage_facts[positions[later]].rule
            found.append(_warning(rule, rule.value_location(pattern.node_name(node.index)), (
                f"rule '{rule.name}' matches {kind}, which only the later rule '{maker.name}' "
                f"({maker.location}) makes in this stage; rules run in order, so move '{rule.name}' "
                f"below '{maker.name}'"), sources))
    return found
