"""RuleIR -> IR strings and generated modules, through the Jinja templates in templates/."""

from __future__ import annotations

from .lower import IRGraph, RuleIR
from .rules import Rule
from .templating import environment




def render_graph(graph: IRGraph) -> str:
    """The TorchScript IR text of one graph."""
    return environment().get_template("graph.j2").render(graph=graph)


def render_rule(rule: RuleIR) -> Rule:
    """The runtime Rule of a lowered rule."""
    return Rule(
        name=rule.name,
        stage=rule.stage,
        quant_type=rule.quant_type,
        pattern=render_graph(rule.pattern),
        replacement=render_graph(rule.replacement),
        guard=rule.guard,
        location=rule.location,
        value_locations=rule.value_locations,
        family=rule.family,
        folds=rule.folds,
    )


def render_module(source: str, rules) -> str:
    """The generated Python module (plain data) for one rule file."""
    records = [rule.to_record() for rule in rules]
    return environment().get_template("module.py.j2").render(source=source, records=records)
