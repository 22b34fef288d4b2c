"""The command line's library side: `qdsl check`, `show`, `finalize` as functions (docs/tooling.md).

The command modules are loaded on first use. The formatter is `qdsl.lang.format`, the
explain report each backend's (`BackendCommands.explain`).
"""

import importlib

_LAZY_EXPORTS = {
    "CheckReport": "check",
    "check_files": "check",
    "FinalizeSummary": "finalize",
    "finalize_file": "finalize",
    "ShownRule": "show",
    "dot_source": "show",
    "show_rules": "show",
}
"""Public name -> the tooling module that defines it."""

__all__ = list(_LAZY_EXPORTS)


def __getattr__(name: str):
    module = _LAZY_EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'qdsl.tooling' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
