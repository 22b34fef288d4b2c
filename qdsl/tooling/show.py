"""`qdsl show`: a rule's expansions, their graphs (the backend's rendering or the neutral
rule model), and Graphviz DOT of their pattern and replacement graphs.

Everything shown comes from the rules themselves: the expansion from their provenance,
the IR from their renderings (made at compile time, or by the backend now), the DOT
from their neutral pattern graphs. No source file is read.
"""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass
from typing import Sequence

from ..core.backend import backend_named, compiler_hooks
from ..core.patterns import PatternGraph
from ..core.rules import Rule, RuleSet
from ..diagnostics import InputError
from .common import load_rule_set

VIEWS = ("ir", "rules")
"""What `--stage` shows of each expansion: the backend's rendering, or the neutral rule model."""


@dataclass(frozen=True)
class ShownRule:
    """One concrete rule as `qdsl show` prints it."""

    rule: Rule
    """The rule."""
    graphs: tuple[tuple[str, str], ...]
    """(title, text) of each graph shown: `pattern`, `replacement`."""

    def format_text(self) -> str:
        sections = "".join(f"{title}:\n" + "".join(f"    {line}\n" for line in text.splitlines())
                           for title, text in self.graphs)
        return self.rule.provenance.expansion + sections


def find_rules(name: str, rules: RuleSet, backend: str) -> tuple[Rule, ...]:
    """The rules of `backend` named `name`, or every expansion of the family written `name`."""
    def named(candidates: Sequence[Rule]) -> tuple[Rule, ...]:
        return (tuple(r for r in candidates if r.name == name)
                or tuple(r for r in candidates if r.family == name))

    found = named([r for r in rules if r.stage.backend == backend])
    if found:
        return found
    elsewhere = sorted({r.stage.backend for r in named(rules.rules)})
    if elsewhere:
        raise InputError(f"no rule or family named {name!r} among the {backend} rules; the "
                         f"{' and '.join(elsewhere)} backend has one (pass --backend {elsewhere[0]})")
    known = sorted(set(rules.names()) | {r.family for r in rules})
    close = difflib.get_close_matches(name, known, n=3)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    raise InputError(f"no rule or family named {name!r} in the rule set{hint}")


def show_rules(name: str, rules: RuleSet | Sequence[str] | None = None, *, backend: str = "torchscript",
               view: str = "ir") -> tuple[ShownRule, ...]:
    """The expansions of rule (or family) `name` with their graphs: `view` `ir` shows the
    backend's rendering, `rules` the neutral pattern graphs."""
    backend_named(backend)
    rule_set = rules if isinstance(rules, RuleSet) else load_rule_set(rules)
    return tuple(ShownRule(rule, _graphs(rule, view)) for rule in find_rules(name, rule_set, backend))


def _graphs(rule: Rule, view: str) -> tuple[tuple[str, str], ...]:
    if view == "rules":
        return (("pattern", rule.pattern.format("graph")), ("replacement", rule.replacement.format("graph")))
    backend = rule.stage.backend
    renderings = [(key, text) for key, text in rule.renderings if key.startswith(f"{backend}.")]
    if not renderings:
        renderings = list(compiler_hooks(backend).render(rule))
    return tuple((key.partition(".")[2], text) for key, text in renderings)


def dot_source(shown: Sequence[ShownRule], title: str) -> str:
    """Graphviz DOT of the pattern and replacement graphs of `shown` (one cluster per graph)."""
    from ..templating import render_template

    rules = [{"name": item.rule.name,
              "graphs": [_graph_data(item.rule.pattern, f"r{index}_pattern", "pattern"),
                         _graph_data(item.rule.replacement, f"r{index}_replacement", "replacement")]}
             for index, item in enumerate(shown)]
    return render_template("rule_graphs.dot.j2", title=title, rules=rules)


def _graph_data(graph: PatternGraph, prefix: str, side: str) -> dict:
    """Captures as ellipses, calls and constants as boxes, one `return` node; edges
    labelled with the values' names."""
    nodes, edges = [], []
    source_of: dict[int, str] = {}
    for position, value in enumerate(graph.inputs):
        node_id = f"{prefix}_input{position}"
        nodes.append({"id": node_id, "label": "%" + graph.values[value].name, "shape": "ellipse"})
        source_of[value] = node_id
    for position, node in enumerate(graph.nodes):
        node_id = f"{prefix}_node{position}"
        op = node.op + (f".{node.overload}" if node.overload else "")
        nodes.append({"id": node_id, "label": f"constant {node.constant}" if node.constant is not None else op,
                      "shape": "box"})
        edges.extend({"source": source_of[value], "target": node_id, "label": graph.values[value].name}
                     for value in node.inputs)
        source_of.update((value, node_id) for value in node.outputs)
    return_id = f"{prefix}_return"
    nodes.append({"id": return_id, "label": "return", "shape": "plaintext"})
    edges.extend({"source": source_of[value], "target": return_id, "label": graph.values[value].name}
                 for value in graph.outputs)
    return {"id": prefix, "side": side, "nodes": nodes, "edges": edges}


def run_show(args) -> int:
    shown = show_rules(args.rule, args.rules, backend=args.backend, view=args.stage)
    sys.stdout.write(dot_source(shown, args.rule) if args.dot else "\n".join(item.format_text() for item in shown))
    return 0
