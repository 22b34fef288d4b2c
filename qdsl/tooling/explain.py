"""`qdsl explain`: which rules fired on a saved module, which nearly did and why not.

The module is one saved right before finalize (`convert_jit(m, debug=True)` then
`torch.jit.save`). A private clone goes through the driver's stages up to fusion:
clear shape information, prepack insertion, fusion, each rule one pass in order as
`qdsl.finalize` runs them. Before each rule's pass the engine's `explain_rule` lists
every candidate with the first check that failed; after all passes:

- a **near miss** is a failed candidate that matched the whole pattern structure (so
  a guard, an overlap or the insertion point stopped it) or at least two pattern nodes
  (the anchor and one more, or for the engine's below-anchor candidates two nodes of
  the pattern's main chain), at a place that is still in the final graph (a place some
  later rule fused is no miss). The place is the model op the candidate is about: the
  first node with a source range among the failing node and the matched ones. Per
  place one line: the best candidate (anchored before not, complete before partial,
  more matched nodes first) and the names of the others;
- an **unfused chain** is `aten::dequantize -> op(s) -> aten::quantize_per_tensor`
  left in the final graph: float ops between a dequantize and a quantize.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Sequence

import torch

from ..errors import QdslError
from ..driver import clear_profiling_information, clone_module
from ..matcher import MatchResult
from ..pattern import compile_rule
from ..predicates import NOT_CONSTANT, constant_value, evaluate_guard
from ..quant_marks import quant_type_mismatch
from ..rewriter import apply_rules, explain_rule
from ..rules import Rule, RuleSet, SourceLocation
from .common import load_rule_set, rule_source_text
from .finalize_cmd import QUANT_TYPES, load_module

_SOURCE_FILE = re.compile(r'File "([^"]+)", line (\d+)')
_MACRO_DEFINITION = re.compile(r"\s*def\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(")
_QUANTIZATION_KINDS = frozenset({"aten::quantize_per_tensor", "aten::dequantize"})
_GLUE_KINDS = frozenset({"aten::dequantize", "prim::Constant"})
"""Pattern nodes that do not count for a candidate met below the anchor: matching a
dequantize feeding an op says little about the rule."""
_CHAIN_LIMIT = 4
"""At most this many float ops between the dequantize and the quantize of a chain."""


@dataclass(frozen=True)
class ModelPlace:
    """A node of the model's graph, as a user can find it."""

    kind: str
    """The node kind, e.g. `aten::add`."""
    value: str
    """The graph name of its first output (`%z.2`), or '' when it has none."""
    file: str | None
    """The model source file of the node's source range, if the graph has one."""
    line: int | None
    """Its line."""
    code: str | None
    """The source line's text, stripped."""

    def __str__(self) -> str:
        node = f"{self.kind}{' %' + self.value if self.value else ''}"
        if self.file is None:
            return node
        return f"{self.file}:{self.line} ({node}): {self.code}"


@dataclass(frozen=True)
class Firing:
    """One rule that fired, with where."""

    rule: str
    """The rule's name."""
    stage: str
    """`prepack` or `fusion`."""
    rule_location: str
    """`file:line:col` of the rule in its `.qpat` file."""
    count: int
    """How many times it fired."""
    places: tuple[ModelPlace, ...]
    """The matched model op of each rewrite, in order."""


@dataclass(frozen=True)
class NearMiss:
    """The best partial match at one place of the model."""

    place: ModelPlace
    """The model op the match was about."""
    rule: str
    """The rule that came closest."""
    rule_location: str
    """`file:line:col` of its header."""
    matched: int
    """Pattern nodes matched before the failure."""
    pattern_nodes: int
    """Nodes in the rule's pattern."""
    part: str
    """What failed: `sub-expression` or `guard`."""
    part_text: str
    """The `.qpat` text of what failed (first line if it spans several)."""
    part_location: str
    """Its `file:line:col`, or '' when the rule does not record it."""
    part_line: int
    """Its line number (0 when unknown)."""
    macro: str
    """The macro whose body holds the failed sub-expression, or ''."""
    reason: str
    """Why, in the engine's words (`op kind differs: ...`, `guard ... false with ...`)."""
    others: tuple[str, ...]
    """Other rules that partly matched at the same place."""

    def __str__(self) -> str:
        where = f" at {self.part_location}" if self.part_location else ""
        macro = f" of macro {self.macro}" if self.macro else ""
        others = f" [also partly matched: {', '.join(self.others)}]" if self.others else ""
        return (f"{self.place}: rule {self.rule} ({self.rule_location}) matched {self.matched} of "
                f"{self.pattern_nodes} pattern nodes; {self.part} `{self.part_text}`{macro}{where}: "
                f"{self.reason}{others}")


@dataclass(frozen=True)
class UnfusedChain:
    """Float ops left between a dequantize and a quantize."""

    kinds: tuple[str, ...]
    """`aten::dequantize`, the ops, `aten::quantize_per_tensor`."""
    place: ModelPlace
    """The first float op of the chain."""

    def __str__(self) -> str:
        return f"{' -> '.join(self.kinds)} at {self.place}"


@dataclass(frozen=True)
class Explanation:
    """The report of `explain_module`."""

    module: str
    """What was explained (the file name)."""
    quant_type: str
    """`static` or `dynamic`."""
    rule_count: int
    """Rules tried (prepack and the fusion stage of `quant_type`)."""
    fired: tuple[Firing, ...]
    """Rules that fired, in application order."""
    near_misses: tuple[NearMiss, ...]
    """One per place, in graph order of the stage and rule that first met the place."""
    unfused: tuple[UnfusedChain, ...]
    """Chains left unfused, in graph order."""
    hints: tuple[str, ...] = ()
    """Advice about the invocation itself (e.g. a dynamically quantized module explained as static)."""

    def format_text(self) -> str:
        lines = [f"explain {self.module} ({self.quant_type} quantization, {self.rule_count} rules tried)", ""]
        lines.extend(f"hint: {hint}" for hint in self.hints)
        if self.hints:
            lines.append("")
        total = sum(f.count for f in self.fired)
        lines.append(f"fired: {total} rewrite{'s' if total != 1 else ''} by {len(self.fired)} "
                     f"rule{'s' if len(self.fired) != 1 else ''}")
        for firing in self.fired:
            lines.append(f"  {firing.rule} x{firing.count} ({firing.stage}, {firing.rule_location})")
            lines.extend(f"      {place}" for place in dict.fromkeys(firing.places))
        lines += ["", f"near misses: {len(self.near_misses)}"]
        lines.extend(f"  {miss}" for miss in self.near_misses)
        lines += ["", f"unfused dequantize -> op -> quantize chains: {len(self.unfused)}"]
        lines.extend(f"  {chain}" for chain in self.unfused)
        return "\n".join(lines) + "\n"

    def format_json(self) -> str:
        return json.dumps(asdict(self), indent=2) + "\n"


def explain_module(module: str | torch.jit.ScriptModule, rules: RuleSet | Sequence[str] | None = None,
                   quant_type: str = "static", name: str | None = None) -> Explanation:
    """Explain what the rules do to `module` (a saved file's path or a ScriptModule).

    The module itself is never changed: the work happens on a clone.
    """
    if isinstance(module, str):
        name = name or module
        module = load_module(module)
    if quant_type not in QUANT_TYPES:
        raise QdslError(f"unknown quant type {quant_type!r}: expected static or dynamic")
    c_module = module._c if isinstance(module, torch.jit.ScriptModule) else module
    if not isinstance(c_module, torch._C.ScriptModule) or not c_module._has_method("forward"):
        raise QdslError(f"{name or 'the module'} has no forward method to explain")
    rule_set = rules if isinstance(rules, RuleSet) else load_rule_set(rules)
    work = clone_module(c_module)
    for method_name in work._method_names():
        clear_profiling_information(work._get_method(method_name).graph)
    graph = work._get_method("forward").graph
    mismatch = quant_type_mismatch(graph, quant_type)
    other = "dynamic" if quant_type == "static" else "static"
    hints = (f"{mismatch}: try --quant-type {other}",) if mismatch else ()
    stages = (("prepack", rule_set.for_stage("prepack", "any")),
              ("fusion", rule_set.for_stage("fusion", quant_type)))
    fired: list[Firing] = []
    # (kind, output name) of a node a rewrite made -> the model source of what it replaced
    sources: dict[tuple[str, str], tuple] = {}
    candidates: list[_Candidate] = []
    order = 0
    for stage, stage_rules in stages:
        for rule in stage_rules:
            matched_places = []
            for result in explain_rule(graph, rule):
                if result.ok:
                    matched_places.append(_place(result, sources))
                elif _is_near_miss(result):
                    candidates.append(_candidate(result, order, sources))
            order += 1
            fusions = apply_rules(graph, [rule], validate=True)
            if fusions:
                fired.append(Firing(rule.name, stage, str(rule.location), len(fusions), tuple(matched_places)))
            if len(fusions) == len(matched_places):
                for fusion, place in zip(fusions, matched_places):
                    for node in fusion.nodes:
                        sources[(node.kind(), _first_output_name(node))] = (place.file, place.line, place.code)
    alive = {(node.kind(), _first_output_name(node)) for node in _all_nodes(graph)}
    near_misses = _near_misses([c for c in candidates if (c.miss.place.kind, c.miss.place.value) in alive])
    return Explanation(name or "<module>", quant_type, sum(len(r) for _, r in stages), tuple(fired),
                       tuple(near_misses), tuple(_unfused_chains(graph, sources)), hints)


@dataclass(frozen=True)
class _Candidate:
    """A near miss before grouping by place."""

    miss: NearMiss
    """The report, before `others` is known."""
    rank: tuple
    """Higher is closer: (anchored, complete, matched nodes, failing producer's kind agrees)."""
    order: int
    """The rule's position in application order."""

    @property
    def strong(self) -> bool:
        """Worth naming beside the best one: more than a shared first step matched."""
        anchored, complete, matched, agrees = self.rank
        return complete or agrees or matched >= 3


def _is_near_miss(result: MatchResult) -> bool:
    pattern = compile_rule(result.rule).pattern
    if len(result.nodes) == len(pattern.nodes):
        return True
    if pattern.anchor in result.nodes:
        return len(result.nodes) >= 2
    operators = [i for i in result.nodes if pattern.nodes[i].kind not in _GLUE_KINDS]
    return len(operators) >= 2


def _candidate(result: MatchResult, order: int, sources) -> _Candidate:
    rule = result.rule
    pattern = compile_rule(rule).pattern
    complete = len(result.nodes) == len(pattern.nodes)
    anchored = pattern.anchor in result.nodes
    part, location, reason = "sub-expression", result.location, result.reason
    if complete and rule.guard is not None and not evaluate_guard(rule.guard, result.values):
        part, location, reason = _guard_failure(result)
    text = _source_excerpt(rule, location) if location else result.pattern_value or "?"
    miss = NearMiss(
        place=_place(result, sources), rule=rule.name, rule_location=str(rule.location), matched=len(result.nodes),
        pattern_nodes=len(pattern.nodes), part=part, part_text=text,
        part_location=str(location) if location else "", part_line=location.line if location else 0,
        macro=_macro_at(rule, location) if location else "", reason=reason, others=())
    return _Candidate(miss, (anchored, complete, len(result.nodes), _producer_agrees(result)), order)


def _producer_agrees(result: MatchResult) -> bool:
    """The failing value's graph producer has the kind the pattern expects there, so matching
    would have gone on (tells `relu(conv2d(...))` from `relu(linear(...))` on a use-count failure)."""
    pattern = compile_rule(result.rule).pattern
    index = pattern.value_index.get(result.pattern_value or "")
    if index is None or result.graph_node is None:
        return False
    producer = pattern.values[index].producer
    return producer is not None and pattern.nodes[producer].kind == result.graph_node.kind()


def _near_misses(candidates: list[_Candidate]) -> list[NearMiss]:
    by_place: dict[ModelPlace, list[_Candidate]] = defaultdict(list)
    for candidate in candidates:
        by_place[candidate.miss.place].append(candidate)
    result = []
    for place, group in by_place.items():
        best = max(group, key=lambda c: (c.rank, -c.order))
        others = tuple(dict.fromkeys(c.miss.rule for c in group if c.miss.rule != best.miss.rule and c.strong))
        result.append(NearMiss(**{**asdict(best.miss), "place": place, "others": others}))
    return result


def _guard_failure(result: MatchResult) -> tuple[str, SourceLocation | None, str]:
    """The false part of the guard, its `.qpat` location, and the values it saw."""
    rule = result.rule
    guard_ast = _guard_ast(rule)
    descriptor, node = _false_part(rule.guard, guard_ast, result.values)
    names = list(dict.fromkeys(_guard_variables(descriptor)))
    shown = ", ".join(f"{n} = {_describe(result.values[n])}" for n in names if n in result.values)
    location = node.span if node is not None else rule.location
    return "guard", location, f"false with {shown}"


def _false_part(descriptor, node, values):
    """Down through `and`s to the first operand that is false (an `or`/`not`/atom is reported whole)."""
    if descriptor[0] == "and":
        items = node.items if node is not None else [None] * (len(descriptor) - 1)
        for operand, operand_node in zip(descriptor[1:], items):
            if not evaluate_guard(operand, values):
                return _false_part(operand, operand_node, values)
    return descriptor, node


def _guard_variables(descriptor) -> list[str]:
    op = descriptor[0]
    if op in ("and", "or", "not"):
        return [n for d in descriptor[1:] for n in _guard_variables(d)]
    if op in ("eq", "ne"):
        return [descriptor[1]]
    return list(descriptor[2])


def _guard_ast(rule: Rule):
    """The `where` clause of the rule's definition in its source file, or None."""
    from ..parser import parse
    from .. import syntax as ast

    text = rule_source_text(rule)
    if text is None:
        return None
    module = parse(text, rule.location.filename)
    for item in module.items:
        if isinstance(item, ast.RuleDef) and (item.name.span.line, item.name.span.column) == (
                rule.location.line, rule.location.column):
            return item.guard
    return None


def _describe(value: torch._C.Value) -> str:
    constant = constant_value(value)
    if constant is NOT_CONSTANT:
        return f"a non-constant {value.type()} (made by {value.node().kind()})"
    return repr(constant)


def _text_at(rule: Rule, location: SourceLocation) -> str | None:
    """The text of the file `location` (a place in `rule`'s definition) points into, if it
    is the source `rule` was compiled from."""
    return rule_source_text(rule) if location.filename == rule.location.filename else None


def _source_excerpt(rule: Rule, location: SourceLocation) -> str:
    text = _text_at(rule, location)
    if text is None:
        return "?"
    lines = text.splitlines()
    if not 1 <= location.line <= len(lines):
        return "?"
    line = lines[location.line - 1]
    end = location.end_column - 1 if location.end_line == location.line else len(line)
    excerpt = line[location.column - 1:end].strip()
    return excerpt + (" ..." if location.end_line != location.line else "")


def _macro_at(rule: Rule, location: SourceLocation) -> str:
    """The name of the macro defined on `location`'s line (macro bodies are one expression)."""
    text = _text_at(rule, location) or ""
    lines = text.splitlines()
    line = lines[location.line - 1] if 1 <= location.line <= len(lines) else ""
    found = _MACRO_DEFINITION.match(line)
    return found.group(1) if found and location.column > found.end() else ""


def _place(result: MatchResult, sources) -> ModelPlace:
    pattern = compile_rule(result.rule).pattern
    order = [pattern.anchor] + sorted((i for i in result.nodes if i != pattern.anchor), reverse=True)
    nodes = [result.graph_node] if result.graph_node is not None else []
    nodes += [result.nodes[i] for i in order if i in result.nodes]
    for node in nodes:
        place = _place_of_node(node, sources)
        if place.file is not None:
            return place
    return _place_of_node(nodes[0] if nodes else result.anchor, sources)


def _place_of_node(node: torch._C.Node, sources) -> ModelPlace:
    """The node with its source line; for a node a rewrite made, the line of what it replaced."""
    name = _first_output_name(node)
    file, line, code = _parse_source_range(node.sourceRange())
    if file is None:
        file, line, code = sources.get((node.kind(), name), (None, None, None))
    return ModelPlace(node.kind(), name, file, line, code)


def _parse_source_range(source: str) -> tuple[str | None, int | None, str | None]:
    """(file, line, code) of a node's source range; None for none, or for TorchScript's own
    serialized code (not the model's source)."""
    if not source or source.lstrip().startswith("Serialized"):
        return None, None, None
    found = _SOURCE_FILE.search(source)
    if found is None:
        return None, None, None
    lines = source.splitlines()
    marker = next((i for i, text in enumerate(lines) if "<--- HERE" in text), None)
    code = lines[marker - 1].strip() if marker else ""
    return found.group(1), int(found.group(2)), code


def _first_output_name(node: torch._C.Node) -> str:
    return node.outputsAt(0).debugName() if node.outputsSize() else ""


def _all_nodes(graph: torch._C.Graph):
    blocks = [graph.block()]
    while blocks:
        block = blocks.pop()
        for node in block.nodes():
            yield node
            blocks.extend(node.blocks())


def _unfused_chains(graph: torch._C.Graph, sources) -> list[UnfusedChain]:
    chains = []
    for node in _all_nodes(graph):
        if node.kind() != "aten::quantize_per_tensor":
            continue
        ops = []
        producer = node.inputsAt(0).node()
        while (len(ops) < _CHAIN_LIMIT and producer.kind() not in _QUANTIZATION_KINDS
               and producer.kind() not in ("prim::Param", "prim::Constant", "prim::GetAttr")
               and producer.inputsSize()):
            ops.append(producer)
            producer = producer.inputsAt(0).node()
        if ops and producer.kind() == "aten::dequantize":
            ops.reverse()
            chains.append(UnfusedChain(("aten::dequantize", *(op.kind() for op in ops), node.kind()),
                                       _place_of_node(ops[0], sources)))
    return chains


def run_explain(args) -> int:
    explanation = explain_module(args.module, args.rules, args.quant_type)
    sys.stdout.write(explanation.format_json() if args.format == "json" else explanation.format_text())
    return 0
