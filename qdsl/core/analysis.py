"""Rule-set analysis: rules that can never fire (shadowing) and rules in the wrong order.

Static reasoning about rules: both work on the rules' neutral pattern graphs, never on
the `.qpat` text or a backend's graphs. docs/tooling.md states the criteria and what
they guarantee. What a backend's driver runs before a stage, and which ops only rules
make, come from its `BackendInfo`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Mapping, Sequence

from ..diagnostics import Diagnostic, source_line
from .backend import all_backends, backend_info
from .guards import Guard, implies, operands
from .patterns import PatternGraph
from .rules import Rule, Stage


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
    for stage in (stage for info in all_backends() for stage in info.stages):
        stage_facts = [f for f in facts if f.rule.stage == stage]
        warnings.extend(_shadowing(stage_facts, sources, work))
        warnings.extend(_order(stage_facts, facts, stage, sources))
    return warnings


def signature(graph: PatternGraph, index: int) -> tuple:
    """What an embedding must find node for node: op, overload, input and output counts,
    and for a constant its literal (kind and value)."""
    node = graph.nodes[index]
    return (node.op, node.overload, len(node.inputs), len(node.outputs), node.constant)


@dataclass(frozen=True)
class _RuleFacts:
    """What the analysis asks of one rule, worked out once."""

    rule: Rule
    """The rule."""
    kinds: frozenset[str]
    """The node kinds of its pattern (ops, and `constant`)."""
    signatures: frozenset[tuple]
    """The `signature`s of its pattern nodes."""
    made: frozenset[str]
    """The node kinds one rewrite by the rule creates."""
    key: tuple[str, str]
    """Its pattern and guard as text: rules with equal keys embed alike."""

    @classmethod
    def of(cls, rule: Rule) -> "_RuleFacts":
        pattern = rule.pattern
        return cls(rule, frozenset(node.kind for node in pattern.nodes),
                   frozenset(signature(pattern, index) for index in range(len(pattern.nodes))),
                   frozenset(node.kind for node in rule.replacement.nodes),
                   (pattern.format(""), str(rule.guard)))


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


class _ErasedNames(dict):
    """A renaming that maps every variable to `_`."""

    def __contains__(self, name) -> bool:
        return True

    def __missing__(self, name) -> str:
        return "_"


def _erased(guard: Guard | None) -> str | None:
    """`guard` with its variable names erased, as text (None stays None): equal for a
    guard and any renaming of it."""
    return None if guard is None else str(guard.rename(_ErasedNames()))


class _ShadowIndex:
    """The stage's possible shadowing rules, grouped so that a later rule L meets only
    rules that could embed in it and whose guard L could imply.

    An embedding maps each node of E to a node of L with the same signature, so E's
    signature set is a subset of L's; E's guard, renamed, is L's guard or one of its
    `and` operands, so its erased form is one of theirs. Rules with the same pattern
    and guard (a class) embed alike: each class pair is compared once.
    """

    def __init__(self, stage_facts: Sequence[_RuleFacts]):
        self.facts = stage_facts
        self.groups: dict[frozenset, dict[object, list[_Class]]] = defaultdict(lambda: defaultdict(list))
        classes: dict[tuple, _Class] = {}
        for position, facts in enumerate(stage_facts):
            if not _all_reached(facts.rule.pattern):
                continue
            if facts.key not in classes:
                classes[facts.key] = _Class(facts, [])
                self.groups[facts.signatures][_erased(facts.rule.guard)].append(classes[facts.key])
            classes[facts.key].positions.append(position)
        self.embeds: dict[tuple[int, tuple], bool] = {}
        self.included: dict[frozenset, tuple[frozenset, ...]] = {}

    def first_shadowing(self, later: _RuleFacts, first: int, stop: int, work: Counter) -> _RuleFacts | None:
        """The first rule at a position in [first, stop) that shadows `later`, or None."""
        if first >= stop:
            return None
        guard = later.rule.guard
        shapes = {None} | ({_erased(part) for part in (guard, *operands(guard))} if guard is not None else set())
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
        for position, group in sorted(candidates, key=lambda c: c[0]):
            pair = (id(group), later.key)
            if pair not in self.embeds:
                work["embeddings"] += 1
                self.embeds[pair] = shadowing_embedding(group.facts.rule, later.rule) is not None
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
    """Rules of one stage with the same pattern and guard."""

    facts: _RuleFacts
    """The first of them."""
    positions: list[int]
    """Their positions in the stage, ascending."""


def shadowing_embedding(earlier: Rule, later: Rule) -> Embedding | None:
    """An embedding of `earlier`'s pattern in `later`'s that makes `earlier` fire on every
    match of `later`, or None.

    Required: signatures equal node for node; an inner value of `earlier` (neither
    input nor output) lands on an inner value of `later` with the same number of uses;
    every node of `earlier` is reached from its anchor; `earlier` has no guard, or its
    guard (renamed) is `later`'s guard or one of its `and` operands.
    """
    small, host = earlier.pattern, later.pattern
    if not _all_reached(small):
        return None
    anchor = signature(small, small.anchor)
    for start in range(len(host.nodes)):
        if signature(host, start) != anchor:
            continue
        embedding = _embed(small, host, start)
        if embedding is None:
            continue
        renamed = earlier.guard.rename(embedding.values) if earlier.guard is not None else None
        if earlier.guard is None or (renamed is not None and implies(later.guard, renamed)):
            return embedding
    return None


def _inner(graph: PatternGraph, value: int) -> bool:
    """Neither a capture nor an output: the matcher checks its use count."""
    return graph.producers[value] is not None and value not in graph.outputs


def _embed(small: PatternGraph, host: PatternGraph, start: int) -> Embedding | None:
    node_map: dict[int, int] = {}
    value_map: dict[int, int] = {}
    stack = [(small.anchor, start)]
    while stack:
        small_index, host_index = stack.pop()
        if small_index in node_map:
            if node_map[small_index] != host_index:
                return None
            continue
        if signature(small, small_index) != signature(host, host_index):
            return None
        node_map[small_index] = host_index
        small_node, host_node = small.nodes[small_index], host.nodes[host_index]
        for small_value, host_value in zip(small_node.outputs + small_node.inputs,
                                           host_node.outputs + host_node.inputs):
            if value_map.setdefault(small_value, host_value) != host_value:
                return None
            if _inner(small, small_value) and not (
                    _inner(host, host_value) and host.use_counts[host_value] == small.use_counts[small_value]):
                return None
            producer = small.producers[small_value]
            if producer is not None and producer not in node_map:
                if host.producers[host_value] is None:
                    return None
                stack.append((producer, host.producers[host_value]))
    if len(node_map) != len(small.nodes):
        return None
    return Embedding(node_map, {small.values[s].name: host.values[h].name for s, h in value_map.items()})


def _all_reached(pattern: PatternGraph) -> bool:
    """Every pattern node lies on a path to the anchor (matching walks only producers)."""
    reached, stack = set(), [pattern.anchor]
    while stack:
        index = stack.pop()
        if index in reached:
            continue
        reached.add(index)
        stack.extend(producer for producer in (pattern.producers[value] for value in pattern.nodes[index].inputs)
                     if producer is not None)
    return len(reached) == len(pattern.nodes)


def _order(stage_facts: Sequence[_RuleFacts], all_facts: Sequence[_RuleFacts], stage: Stage,
           sources) -> list[Diagnostic]:
    """Per rule R, each rule-made op kind R matches that only a later rule of the stage makes."""
    backend = backend_info(stage.backend)
    earlier_stages = backend.stages_before(stage)
    made_before_stage = frozenset().union(*(f.made for f in all_facts if f.rule.stage in earlier_stages))
    makers = _makers(stage_facts)
    found = []
    for index, facts in enumerate(stage_facts):
        rule = facts.rule
        reported = set()
        for node in rule.pattern.nodes:
            kind = node.kind
            positions = makers.get(kind)
            if (not node.op or not backend.makes_only_by_rules(node.op) or kind in made_before_stage
                    or kind in reported or not positions or positions[0] < index):
                continue
            later = bisect_right(positions, index)
            if later == len(positions):
                continue
            reported.add(kind)
            maker = stage_facts[positions[later]].rule
            found.append(_warning(rule, node.span, (
                f"rule '{rule.name}' matches {kind}, which only the later rule '{maker.name}' "
                f"({maker.location}) makes in this stage; rules run in order, so move '{rule.name}' "
                f"below '{maker.name}'"), sources))
    return found
