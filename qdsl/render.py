"""RuleIR -> IR strings and generated modules, through the Jinja templates in templates/."""

from __future__ import annotations

import pprint
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from .lower import IRGraph, RuleIR
from .rules import Rule


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("qdsl", "templates"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    environment.filters["pyrepr"] = repr
    environment.filters["pyformat"] = lambda data: pprint.pformat(data, width=100, sort_dicts=False)
    return environment


def render_graph(graph: IRGraph) -> str:
    """The TorchScript IR text of one graph."""
    return _environment().get_template("graph.j2").render(graph=graph)


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
    )


def render_module(source: str, rules) -> str:
    """The generated Python module (plain data) for one rule file."""
    records = [rule.to_record() for rule in rules]
    return _environment().get_template("module.py.j2").render(source=source, records=records)
