"""Which x86 rules fired on a PT2E program, which nearly did and why not, in `.qpat` terms.

`explain` is the lowering itself, traced: every rule's pass reports each candidate's
decision (and the candidates below its anchor that no anchor reaches). After all passes:

- a **near miss** is a failed candidate that matched the whole pattern structure (a
  guard or the insertion point stopped it) or at least two of its calls, at a node that
  is still in the lowered graph (a place a later rule fused is no miss). Per place, the
  candidate that got furthest; the others are named;
- an **unfused chain** is `dequantize_per_tensor -> float op(s) -> quantize_per_tensor`
  left in the lowered graph: ops that run in float although their inputs and output are
  quantized (pooling, cat, or an activation without a kernel).

Everything in the report is plain data (strings and numbers).
"""

from __future__ import annotations

import json
import operator
from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any, Sequence

from torch.fx import Node

from ...core.engine import Decision, MatchStatus
from ...diagnostics import SourceLocation
from .driver import RulesArg, lower_with_report
from .rewriter import source_line
from .torch_api import qualified_name

_CHAIN_LIMIT = 4
"""At most this many float ops between the dequantize and the quantize of a chain."""
_DEQUANTIZE = "quantized_decomposed::dequantize_per_tensor"
_QUANTIZE = "quantized_decomposed::quantize_per_tensor"


@dataclass(frozen=True)
class Firing:
    """One rule that fired, with where."""

    rule: str
    """The rule's name."""
    rule_location: str
    """`file:line:col` of the rule in its `.qpat` file."""
    places: tuple[str, ...]
    """The model line (or graph node) of each rewrite, in order."""


@dataclass(frozen=True)
class NearMiss:
    """The best partial match at one place of the model."""

    place: str
    """The model line (`file:line: code`), or the graph node when none is recorded."""
    rule: str
    """The rule that came closest."""
    rule_location: str
    """`file:line:col` of its header."""
    matched: int
    """Pattern calls matched before the failure."""
    pattern_calls: int
    """Calls in the rule's pattern."""
    part: str
    """What failed, as written in the `.qpat` file (its first line)."""
    part_location: str
    """Its `file:line:col`, or ''."""
    reason: str
    """Why, in the engine's words (`op differs: ...`, `guard ... false with ...`)."""
    others: tuple[str, ...]
    """Other rules that partly matched at the same place."""

    def __str__(self) -> str:
        lines = [f"{self.place}", f"  {self.rule} ({self.rule_location}) matched {self.matched} of "
                 f"{self.pattern_calls} calls", f"  failed at {self.part_location}: {self.part}",
                 f"  {self.reason}"]
        if self.others:
            lines.append(f"  also near: {', '.join(self.others)}")
        return "\n".join(lines)


@dataclass(frozen=True)
class ExplainReport:
    """What the x86 rules did to one program."""

    firings: tuple[Firing, ...]
    """Rules that fired, in rule order."""
    near_misses: tuple[NearMiss, ...]
    """Failed candidates worth a look, in graph order."""
    unfused: tuple[str, ...]
    """Quantized chains left in float: `op -> op  (model line)`."""

    def format_json(self) -> str:
        return json.dumps(asdict(self), indent=2) + "\n"

    def format_text(self) -> str:
        lines = ["fired:"] + [f"  {f.rule} x{len(f.places)} ({f.rule_location})" for f in self.firings]
        lines += ["near misses:"] + ([_indent(str(miss)) for miss in self.near_misses] or ["  none"])
        lines += ["left in float between dequantize and quantize:"] + ([f"  {c}" for c in self.unfused] or ["  none"])
        return "\n".join(lines) + "\n"


class _Recorder:
    """Keeps every decision's plain findings (the graph nodes die with the rewrites)."""

    wants_partials = True

    def __init__(self) -> None:
        self.misses: list[tuple[Node, Decision]] = []

    def decided(self, decision: Decision) -> None:
        if decision.status is MatchStatus.MATCHED or decision.failure is None:
            return
        calls = sum(1 for node in decision.nodes.values() if isinstance(node, Node))
        complete = decision.status is not MatchStatus.NO_MATCH
        if complete or calls >= 2:
            place = decision.failure.graph_node if decision.start is not None else decision.anchor
            self.misses.append((place if isinstance(place, Node) else decision.anchor, decision))


def explain(program, example_inputs: Sequence[Any] | None = None, rules: RulesArg = None,
            sources: dict[str, str] | None = None) -> ExplainReport:
    """Lower `program` with a tracer and report, in `.qpat` terms, what fired and what nearly
    did. `sources` maps rule file names to their text (else files are read, and shipped
    rules come from the package)."""
    recorder = _Recorder()
    result = lower_with_report(program, example_inputs, rules, tracer=recorder)
    graph_nodes = set(result.module.graph.nodes)
    reader = _SourceReader(sources or {})
    firings: dict[str, list[str]] = defaultdict(list)
    first: dict[str, Any] = {}
    for rewrite in result.rewrites:
        firings[rewrite.rule.name].append(rewrite.source or ", ".join(rewrite.outputs))
        first.setdefault(rewrite.rule.name, rewrite.rule)
    by_place: dict[Node, list[Decision]] = defaultdict(list)
    for place, decision in recorder.misses:
        if place in graph_nodes:
            by_place[place].append(decision)
    order = {node: position for position, node in enumerate(result.module.graph.nodes)}
    misses = [_near_miss(place, decisions, reader) for place, decisions in sorted(by_place.items(),
                                                                                   key=lambda item: order[item[0]])]
    return ExplainReport(
        tuple(Firing(name, str(first[name].location), tuple(places)) for name, places in firings.items()),
        tuple(misses), tuple(_unfused_chains(result.module.graph)))


def _near_miss(place: Node, decisions: list[Decision], reader: "_SourceReader") -> NearMiss:
    def rank(decision: Decision) -> tuple:
        return (decision.start is None, decision.status is not MatchStatus.NO_MATCH, len(decision.nodes))

    best = max(decisions, key=rank)
    failure = best.failure
    location: SourceLocation | None = failure.location
    calls = sum(1 for node in best.rule.pattern.nodes if node.op)
    others = tuple(sorted({d.rule.name for d in decisions} - {best.rule.name}))
    return NearMiss(
        place=source_line(place) or f"%{place.name} ({_kind(place)})", rule=best.rule.name,
        rule_location=str(best.rule.location), matched=len(best.nodes), pattern_calls=calls,
        part=reader.text(location), part_location=str(location) if location else "", reason=failure.reason,
        others=others)


def _unfused_chains(graph) -> list[str]:
    chains = []
    for node in graph.nodes:
        if _kind(node) != _QUANTIZE:
            continue
        ops, current = [], node.args[0]
        while isinstance(current, Node) and len(ops) < _CHAIN_LIMIT and _kind(current) != _DEQUANTIZE:
            if current.op != "call_function" or current.target is operator.getitem:
                break
            ops.append(current)
            current = current.args[0] if current.args else None
        if ops and isinstance(current, Node) and _kind(current) == _DEQUANTIZE:
            where = source_line(ops[0])
            chains.append(" -> ".join(_kind(op) for op in reversed(ops)) + (f"  ({where})" if where else ""))
    return chains


def _kind(node: Node) -> str:
    return qualified_name(node.target) if node.op == "call_function" else node.op


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


class _SourceReader:
    """The `.qpat` text at a location: from the given texts, the package's shipped rules or the file."""

    def __init__(self, texts: dict[str, str]):
        self.texts = dict(texts)

    def text(self, location: SourceLocation | None) -> str:
        if location is None:
            return ""
        if location.filename not in self.texts:
            from ...core.loading import shipped_source

            text = shipped_source(location.filename)
            if text is None:
                try:
                    with open(location.filename, encoding="utf-8") as file:
                        text = file.read()
                except OSError:
                    text = ""
            self.texts[location.filename] = text
        lines = self.texts[location.filename].splitlines()
        if not 1 <= location.line <= len(lines):
            return ""
        line = lines[location.line - 1]
        end = location.end_column - 1 if location.end_line == location.line else len(line)
        return line[location.column - 1:end].strip()

