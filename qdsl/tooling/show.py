"""`qdsl show`: a rule's expansions, their IR, and Graphviz DOT of their graphs."""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import torch

from ..errors import QdslError
from ..pattern import _defined_value_names, compile_rule, node_attributes
from ..rules import Rule, RuleSet
from ..templating import render_template
from .common import load_rule_set, rule_source_text

"""One digraph; per rule and side (pattern, replacement) a cluster. Graph inputs are
ellipses, operators boxes, the returned values one `return` node per graph."""


@dataclass(frozen=True)
class ShownRule:
    """One concrete rule as `qdsl show` prints it."""

    rule: Rule
    """The rule."""
    expansion: str | None
    """The expanded rule in `.qpat` syntax, when its source file can be read."""

    def format_text(self) -> str:
        rule = self.rule
        guard = f"guard: {rule.guard!r}\n" if rule.guard is not None else ""
        expansion = self.expansion or f"rule {rule.name}  # {rule.stage} {rule.quant_type}, at {rule.location}\n"
        return f"{expansion}{guard}pattern:\n{_indent(rule.pattern)}replacement:\n{_indent(rule.replacement)}"


def _indent(text: str) -> str:
    return "".join(f"    {line}\n" for line in text.splitlines())


def find_rules(name: str, rules: RuleSet) -> tuple[Rule, ...]:
    """The rules named `name`, or every expansion of the family written `name`."""
    found = tuple(r for r in rules if r.name == name) or tuple(r for r in rules if r.family == name)
    if found:
        return found
    known = sorted(set(rules.names()) | {r.family for r in rules})
    close = difflib.get_close_matches(name, known, n=3)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    raise QdslError(f"no rule or family named {name!r} in the rule set{hint}")


def show_rules(name: str, rules: RuleSet | Sequence[str] | None = None) -> tuple[ShownRule, ...]:
    """The expansions of rule (or family) `name` with their IR."""
    rule_set = rules if isinstance(rules, RuleSet) else load_rule_set(rules)
    return tuple(ShownRule(rule, _expansion(rule)) for rule in find_rules(name, rule_set))


def _expansion(rule: Rule) -> str | None:
    text = rule_source_text(rule)
    return None if text is None else _concrete_rules(text, rule.location.filename).get(rule.name)


@lru_cache(maxsize=8)
def _concrete_rules(text: str, filename: str) -> dict[str, str]:
    from ..expand import expand, format_rule
    from ..parser import parse

    concrete, _ = expand(parse(text, filename))
    return {rule.name: format_rule(rule) for rule in concrete}


def dot_source(shown: Sequence[ShownRule], title: str) -> str:
    """Graphviz DOT of the pattern and replacement graphs of `shown`."""
    rules = []
    for index, item in enumerate(shown):
        compiled = compile_rule(item.rule)
        rules.append({"name": item.rule.name, "graphs": [
            _graph_data(compiled.pattern.graph, item.rule.pattern, f"r{index}_pattern", "pattern"),
            _graph_data(compiled.replacement, item.rule.replacement, f"r{index}_replacement", "replacement"),
        ]})
    return render_template("rule_graphs.dot.j2", title=title, rules=rules)


def _graph_data(graph: torch._C.Graph, ir: str, prefix: str, side: str) -> dict:
    """Nodes and edges of one graph; edges are labelled with the IR's value names
    (`parse_ir` keeps only the inputs' names)."""
    values = list(graph.inputs()) + [v for node in graph.nodes() for v in node.outputs()]
    written = _defined_value_names(ir)
    names = dict(zip(values, written)) if written and len(written) == len(values) else {}
    nodes, edges = [], []
    source_of: dict[torch._C.Value, str] = {}
    for position, value in enumerate(graph.inputs()):
        node_id = f"{prefix}_input{position}"
        nodes.append({"id": node_id, "label": "%" + names.get(value, value.debugName()), "shape": "ellipse"})
        source_of[value] = node_id
    for position, node in enumerate(graph.nodes()):
        node_id = f"{prefix}_node{position}"
        nodes.append({"id": node_id, "label": _node_label(node), "shape": "box"})
        for value in node.inputs():
            edges.append({"source": source_of[value], "target": node_id,
                          "label": names.get(value, value.debugName())})
        for value in node.outputs():
            source_of[value] = node_id
    return_id = f"{prefix}_return"
    nodes.append({"id": return_id, "label": "return", "shape": "plaintext"})
    for value in graph.outputs():
        edges.append({"source": source_of[value], "target": return_id, "label": names.get(value, value.debugName())})
    return {"id": prefix, "side": side, "nodes": nodes, "edges": edges}


def _node_label(node: torch._C.Node) -> str:
    if node.kind() == "prim::Constant":
        attributes = node_attributes(node)
        return f"prim::Constant {attributes[0][2]!r}" if attributes else "prim::Constant None"
    return node.kind()



def run_show(args) -> int:
    shown = show_rules(args.rule, args.rules)
    if args.dot:
        sys.stdout.write(dot_source(shown, args.rule))
    else:
        sys.stdout.write("\n".join(item.format_text() for item in shown))
    return 0
