"""The one Jinja environment of qdsl: every generated text (IR, modules, DOT, method
stubs) comes from a template in qdsl/templates/."""

from __future__ import annotations

import pprint
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined


def _dot_string(text) -> str:
    """Escape text for a double-quoted Graphviz string."""
    return str(text).replace("\\", "\\\\").replace('"', '\\"')


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("qdsl", "templates"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["pyrepr"] = repr
    env.filters["pyformat"] = lambda data: pprint.pformat(data, width=100, sort_dicts=False)
    env.filters["dot"] = _dot_string
    return env


def render_template(template: str, **context) -> str:
    """Render `template` of qdsl/templates/ with `context`."""
    return environment().get_template(template).render(**context)
