"""Explain finalize on a module: which rules fired where, which nearly did and why not.

`explain_module` runs finalize's own steps up to fusion (`EXPLAINED_STEPS`) on a clone of
the module, with `record_sources` and a tracer attached to the rewrite passes: the
report is a trace of the real pass, not a second one. The tracer (`ExplainTracer`)
keeps every decision that is a near miss and ranks them; the report then adds:

- what fired: the rules of the matched decisions, each at the model source line of
  the rewrite (`Rewrite.source`);
- the best near miss per place of the model that is still there after fusion (a place
  a later rule fused is no miss), with the failing `.qpat` sub-expression or guard part
  taken from the rule itself (its provenance and its pattern's spans; the source text
  is shown only when its hash is the rule's);
- unfused chains: `aten::dequantize -> op(s) -> aten::quantize_per_tensor` left in the
  final graph, float ops between a dequantize and a quantize.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

import torch

from ...core.engine import Decision, MatchStatus
from ...core.rules import Rule, RuleSet
from ...diagnostics import InputError, SourceLocation
from . import FUSION_DYNAMIC, FUSION_STATIC, torch_api
from .explain_report import Explanation, Firing, ModelPlace, NearMiss, UnfusedChain
from .finalize import FINALIZE_STEPS, FUSE, active_rules, c_module_of, load_module, prepare_run, run_steps
from .graph import all_nodes, first_output_name
from .quant_marks import quant_type_mismatch

__all__ = ["EXPLAINED_STEPS", "ExplainTracer", "Explanation", "Firing", "ModelPlace", "NearMiss", "UnfusedChain",
           "explain_module"]

EXPLAINED_STEPS = FINALIZE_STEPS[:FINALIZE_STEPS.index(FUSE) + 1]
"""Finalize's steps up to fusion: the ones that apply rules."""

QUANT_TYPES = {"static": FUSION_STATIC, "dynamic": FUSION_DYNAMIC}
"""The quant types explain takes, by name, and the fusion stage of each."""

GLUE_OPS = frozenset({"aten::dequantize", ""})
"""Pattern nodes that do not count for a candidate met below the anchor (dequantize and
constants): matching a dequantize feeding an op says little about the rule."""

CHAIN_LIMIT = 4
"""At most this many float ops between the dequantize and the quantize of a chain."""

_CHAIN_ENDS = frozenset({"aten::quantize_per_tensor", "aten::dequantize", "prim::Param", "prim::Constant",
                         "prim::GetAttr"})
_SOURCE_FILE = re.compile(r'File "([^"]+)", line (\d+)')

Source = tuple[str, int, str]
"""A model source line: (file, line, code)."""
NodeKey = tuple[str, str]
"""A graph node as it can be found again after the pass: (kind, first output name)."""


def explain_module(module: torch.jit.ScriptModule | torch._C.ScriptModule | str | os.PathLike,
                   rules: RuleSet | None, quant_type: str, name: str | None = None) -> Explanation:
    """Explain what `rules` (None: the shipped ones) do to `module` (a ScriptModule or the
    path of a saved one) finalized as `quant_type` (`static` or `dynamic`).

    The module itself is never changed: the work happens on a clone.
    """
    if isinstance(module, (str, os.PathLike)):
        name = name or str(module)
        module = load_module(module)
    if quant_type not in QUANT_TYPES:
        raise InputError(f"unknown quant type {quant_type!r}: expected static or dynamic")
    c_module = c_module_of(module, "explain")
    rule_set = active_rules(rules)
    tracer = ExplainTracer()
    run = prepare_run(torch_api.clone_module(c_module), rule_set, QUANT_TYPES[quant_type], tracer=tracer,
                      record_sources=True)
    mismatch = quant_type_mismatch(c_module._get_method("forward").graph, quant_type)
    other = "dynamic" if quant_type == "static" else "static"
    hints = (f"{mismatch}: try --quant-type {other}",) if mismatch else ()
    run_steps(EXPLAINED_STEPS, run)

    made: dict[NodeKey, Source] = {}
    fired: dict[str, Firing] = {}
    rewrites = [rewrite for made in run.rewrites.values() for rewrite in made]
    for rewrite, matched in zip(rewrites, tracer.matched, strict=True):
        place = _resolved(matched, made, _parse_source(rewrite.source))
        for kind, output in zip(rewrite.kinds, rewrite.outputs):
            if place.file is not None:
                made[(kind, output)] = (place.file, place.line, place.code)
        firing = fired.get(rewrite.rule.name) or Firing(rewrite.rule.name, rewrite.rule.stage.words[0],
                                                        str(rewrite.rule.location), 0, ())
        fired[rewrite.rule.name] = replace(firing, count=firing.count + 1, places=(*firing.places, place))
    alive = {(node.kind(), first_output_name(node)) for node in all_nodes(run.graph)}
    near_misses = tracer.near_misses(made, alive, _RuleSources())
    rule_count = sum(len(rules) for rules in run.stage_rules.values())
    return Explanation(name or "<module>", quant_type, rule_count, tuple(fired.values()), near_misses,
                       tuple(_unfused_chains(run.graph, made)), hints)


# ---------------------------------------------------------------- the tracer


@dataclass(frozen=True)
class _Seen:
    """The graph nodes of a decision, as they can be found again after the pass."""

    nodes: tuple[tuple[str, str, Source | None], ...]
    """(kind, first output name, the node's own model source), the most telling first."""


@dataclass(frozen=True)
class _Candidate:
    """A near-miss decision, kept as plain data (its graph nodes die with the pass)."""

    rule: Rule
    """The rule tried."""
    order: int
    """The rule's position in application order."""
    rank: tuple[bool, bool, int, bool]
    """Higher is closer: (anchored, complete, matched nodes, the failing producer's kind agrees)."""
    seen: _Seen
    """Its graph nodes, the failing one first."""
    status: MatchStatus
    """What stopped it."""
    failure_value: str | None
    """The pattern value where it failed (`Failure.pattern_value`)."""
    failure_reason: str
    """Why, in the engine's words."""
    failure_location: SourceLocation | None
    """The `.qpat` span of that value, or of the guard part that was false."""

    @property
    def strong(self) -> bool:
        """Worth naming beside the best one: more than a shared first step matched."""
        _, complete, matched, agrees = self.rank
        return complete or agrees or matched >= 3


class ExplainTracer:
    """Keeps the decisions explain reports: the matched ones and the near misses, ranked.

    A near miss is a failed candidate that matched the whole pattern structure (so a
    guard, an overlap or the insertion point stopped it), or at least two pattern nodes
    (the anchor and one more, or for a candidate met below the anchor two nodes of the
    pattern's main chain that are not dequantize or constants).
    """

    wants_partials = True

    def __init__(self) -> None:
        self.matched: list[_Seen] = []
        """Per matched decision, in pass order, its nodes."""
        self.candidates: list[_Candidate] = []
        """The near misses, in pass order."""
        self._rules: dict[str, int] = {}

    def decided(self, decision: Decision) -> None:
        rule = decision.rule
        order = self._rules.setdefault(rule.name, len(self._rules))
        if decision.status is MatchStatus.MATCHED:
            self.matched.append(_seen(decision, None))
            return
        rank = near_miss_rank(decision)
        if rank is None:
            return
        failure = decision.failure
        self.candidates.append(_Candidate(rule, order, rank, _seen(decision, failure.graph_node), decision.status,
                                          failure.pattern_value, failure.reason, failure.location))

    def near_misses(self, made: dict[NodeKey, Source], alive: set[NodeKey], sources: "_RuleSources"
                    ) -> tuple[NearMiss, ...]:
        """The best candidate per model place still in the graph (`alive`), in order of the
        first candidate at each place; `made` gives the source of nodes rewrites made."""
        by_place: dict[ModelPlace, list[_Candidate]] = {}
        for candidate in self.candidates:
            place = _resolved(candidate.seen, made)
            if (place.kind, place.value) in alive:
                by_place.setdefault(place, []).append(candidate)
        found = []
        for place, group in by_place.items():
            best = max(group, key=lambda c: (c.rank, -c.order))
            others = tuple(dict.fromkeys(c.rule.name for c in group if c.rule.name != best.rule.name and c.strong))
            found.append(_near_miss(best, place, others, sources))
        return tuple(found)


def near_miss_rank(decision: Decision) -> tuple[bool, bool, int, bool] | None:
    """How close a failed decision came (higher is closer), or None when it is no near miss."""
    pattern = decision.rule.pattern
    matched = decision.nodes
    complete = len(matched) == len(pattern.nodes)
    anchored = pattern.anchor in matched
    if not complete:
        if anchored and len(matched) < 2:
            return None
        if not anchored and sum(pattern.nodes[i].op not in GLUE_OPS for i in matched) < 2:
            return None
    return anchored, complete, len(matched), _producer_agrees(decision)


def _producer_agrees(decision: Decision) -> bool:
    """The failing value's graph producer has the kind the pattern expects there, so matching
    would have gone on (tells `relu(conv2d(...))` from `relu(linear(...))` on a use-count failure)."""
    failure, pattern = decision.failure, decision.rule.pattern
    index = pattern.index_of.get(failure.pattern_value or "")
    if index is None or failure.graph_node is None:
        return False
    producer = pattern.producers[index]
    return producer is not None and (pattern.nodes[producer].op or "prim::Constant") == failure.graph_node.kind()


def _seen(decision: Decision, failing_node) -> _Seen:
    """The decision's nodes, the failing one first, then the anchor, then the others from the
    last pattern node back (the ops nearest the anchor)."""
    anchor = decision.rule.pattern.anchor
    order = [anchor] + sorted((i for i in decision.nodes if i != anchor), reverse=True)
    nodes = [failing_node] if failing_node is not None else []
    nodes += [decision.nodes[i] for i in order if i in decision.nodes]
    if not nodes:
        nodes = [decision.anchor]
    return _Seen(tuple((node.kind(), first_output_name(node), _parse_source(node.sourceRange())) for node in nodes))


def _resolved(seen: _Seen, made: dict[NodeKey, Source], source: Source | None = None) -> ModelPlace:
    """The first node of `seen` with a model source (its own, or for a node a rewrite made,
    that of what it replaced); `source`, when given, is the place's own."""
    for kind, output, own in seen.nodes:
        found = source or own or made.get((kind, output))
        if found is not None:
            return ModelPlace(kind, output, *found)
    kind, output, _ = seen.nodes[0]
    return ModelPlace(kind, output, None, None, None)


def _parse_source(source: str | None) -> Source | None:
    """(file, line, code) of a node's source range; None for none, or for TorchScript's own
    serialized code (not the model's source)."""
    if not source or source.lstrip().startswith("Serialized"):
        return None
    found = _SOURCE_FILE.search(source)
    if found is None:
        return None
    lines = source.splitlines()
    marker = next((i for i, text in enumerate(lines) if "<--- HERE" in text), None)
    return found.group(1), int(found.group(2)), lines[marker - 1].strip() if marker else ""


# ---------------------------------------------------------------- the rule side of a near miss


class _RuleSources:
    """Rule source texts, read at most once each, and only when they are the text the rule
    was compiled from (same sha256); shipped rules from the packaged sources."""

    def __init__(self) -> None:
        self._texts: dict[tuple[str, str], str | None] = {}

    def text(self, rule: Rule, filename: str) -> str | None:
        provenance = rule.provenance
        if filename != provenance.location.filename:
            return None  # another file (an imported macro): its hash is not recorded
        key = (filename, provenance.source_sha256)
        if key not in self._texts:
            self._texts[key] = self._read(filename, provenance.shipped, provenance.source_sha256)
        return self._texts[key]

    @staticmethod
    def _read(filename: str, shipped: bool, sha256: str) -> str | None:
        from ...core.artifact import source_sha256
        from ...core.loading import shipped_source

        if shipped:
            text = shipped_source(filename)
        else:
            try:
                text = Path(filename).read_bytes().decode("utf-8").removeprefix("\ufeff")
            except (OSError, UnicodeDecodeError):
                return None
        return text if text is not None and source_sha256(text) == sha256 else None


def _near_miss(best: _Candidate, place: ModelPlace, others: tuple[str, ...], sources: _RuleSources) -> NearMiss:
    rule = best.rule
    pattern = rule.pattern
    location, reason, macro = best.failure_location, best.failure_reason, ""
    if best.status is MatchStatus.GUARD_FALSE:
        part = "guard"
        guard_part = _guard_part_at(rule.guard, location)
        fallback = str(guard_part) if guard_part is not None else "?"
        reason = reason.removeprefix(f"guard `{fallback}` ")
    else:
        part = "sub-expression"
        index = pattern.index_of.get(best.failure_value or "")
        producer = pattern.producers[index] if index is not None else None
        if producer is not None:
            macro = pattern.nodes[producer].macro
            fallback = f"{pattern.nodes[producer].kind}(...)"
        else:
            fallback = f"%{best.failure_value}" if best.failure_value else "?"
    text = _excerpt(sources.text(rule, location.filename), location) if location else None
    return NearMiss(
        place=place, rule=rule.name, rule_location=str(rule.location), matched=best.rank[2],
        pattern_nodes=len(pattern.nodes), part=part, part_text=text or fallback,
        part_location=str(location) if location else "", part_line=location.line if location else 0,
        macro=macro, reason=reason, others=others)


def _guard_part_at(guard, location: SourceLocation | None):
    """The part of `guard` written at `location` (what the pass reported false)."""
    pending = [guard] if guard is not None else []
    while pending:
        part = pending.pop()
        if part.span == location:
            return part
        pending.extend(getattr(part, "items", ()) or ([part.item] if hasattr(part, "item") else []))
    return None


def _excerpt(text: str | None, location: SourceLocation) -> str | None:
    """The source text at `location` (its first line, `...` marking the rest)."""
    if text is None:
        return None
    lines = text.split("\n")
    if not 1 <= location.line <= len(lines):
        return None
    line = lines[location.line - 1].rstrip("\r")
    end = location.end_column - 1 if location.end_line == location.line else len(line)
    excerpt = line[location.column - 1:end].strip()
    return excerpt + (" ..." if location.end_line != location.line else "")


# ---------------------------------------------------------------- unfused chains


def _unfused_chains(graph: torch._C.Graph, made: dict[NodeKey, Source]) -> list[UnfusedChain]:
    chains = []
    for node in all_nodes(graph):
        if node.kind() != "aten::quantize_per_tensor":
            continue
        ops = []
        producer = node.inputsAt(0).node()
        while len(ops) < CHAIN_LIMIT and producer.kind() not in _CHAIN_ENDS and producer.inputsSize():
            ops.append(producer)
            producer = producer.inputsAt(0).node()
        if ops and producer.kind() == "aten::dequantize":
            first = ops[-1]
            seen = _Seen(((first.kind(), first_output_name(first), _parse_source(first.sourceRange())),))
            chains.append(UnfusedChain(("aten::dequantize", *(op.kind() for op in reversed(ops)), node.kind()),
                                       _resolved(seen, made)))
    return chains
