"""The import graph of the package: no cycles, no arrow pointing up a layer, and the
backends independent of each other (docs/architecture.md, "Layout")."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "qdsl"

LAYERS = (
    ("diagnostics", "templating"),
    ("lang",),
    ("ops",),
    ("core",),
    ("backends",),
    ("pt2e", "verify"),
    ("tooling",),
)
"""Bottom to top: a module may import from its own layer and the layers below it. The
package itself (`qdsl/__init__.py`, `__main__`) is the facade above them all."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imported_modules(name: str) -> set[str]:
    """The package's modules `name` imports, anywhere in it (a lazy import is an arrow too)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            candidates = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            continue
        found.update(c for c in candidates if c in MODULES and c != name and not name.startswith(c + "."))
    return found


GRAPH = {name: imported_modules(name) for name in MODULES}


def layer_of(name: str) -> int | None:
    """The index in LAYERS of a module's top-level part; None for the package facade."""
    parts = name.split(".")
    if len(parts) == 1 or parts[1] == "__main__":
        return None
    return next(index for index, layer in enumerate(LAYERS) if parts[1] in layer)


def test_every_module_has_a_layer():
    for name in MODULES:
        layer_of(name)  # raises StopIteration for a top-level part no layer names


def test_no_module_imports_from_a_layer_above_it():
    upward = [(name, target) for name, targets in GRAPH.items() for target in targets
              if layer_of(name) is not None and layer_of(target) is None
              or layer_of(name) is not None and layer_of(target) is not None and layer_of(target) > layer_of(name)]
    assert upward == []


def test_the_backends_do_not_import_each_other():
    def backend(name: str) -> str | None:
        parts = name.split(".")
        return parts[2] if len(parts) > 2 and parts[1] == "backends" else None

    crossing = [(name, target) for name, targets in GRAPH.items() for target in targets
                if backend(name) and backend(target) and backend(name) != backend(target)]
    assert crossing == []


def test_the_import_graph_has_no_cycles():
    state: dict[str, str] = {}
    cycles = []

    def visit(start: str) -> None:
        stack = [(start, iter(sorted(GRAPH[start])))]
        path = [start]
        state[start] = "open"
        while stack:
            name, targets = stack[-1]
            target = next(targets, None)
            if target is None:
                state[name] = "done"
                stack.pop()
                path.pop()
            elif state.get(target) == "open":
                cycles.append(path[path.index(target):] + [target])
            elif target not in state:
                state[target] = "open"
                stack.append((target, iter(sorted(GRAPH[target]))))
                path.append(target)

    for name in sorted(GRAPH):
        if name not in state:
            visit(name)
    assert cycles == []
