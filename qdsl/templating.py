"""The one Jinja environment of qdsl: every generated text (IR, DOT, method stubs) comes
from a template, with undefined names an error.

Templates live in `qdsl/templates/` (backend-neutral) and in each backend's own
`templates/` folder, named `<backend>/<file>` (`torchscript/graph.j2`).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, StrictUndefined


def _dot_string(text) -> str:
    """Escape text for a double-quoted Graphviz string."""
    return str(text).replace("\\", "\\\\").replace('"', '\\"')


@cache
def environment() -> Environment:
    backends = {folder.name: PackageLoader(f"qdsl.backends.{folder.name}", "templates")
                for folder in resources.files("qdsl.backends").iterdir()
                if folder.joinpath("templates").is_dir()}
    env = Environment(
        loader=ChoiceLoader([PackageLoader("qdsl", "templates"), PrefixLoader(backends)]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["pyrepr"] = repr
    env.filters["dot"] = _dot_string
    return env


def render_template(template: str, **context) -> str:
    """Render `template` (`file.j2` of qdsl/templates, or `<backend>/file.j2`) with `context`."""
    return environment().get_template(template).render(**context)
