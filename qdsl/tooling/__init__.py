"""Rule-author tooling: `qdsl check`, `fmt`, `explain`, `show`, `finalize` (docs/tooling.md).

Each command is also a library function, importable from here; the command modules are
loaded on first use (`fmt` needs neither torch nor the finalize driver).
"""

import importlib

_LAZY_EXPORTS = {
    "CheckReport": "check",
    "check_files": "check",
    "Explanation": "explain",
    "NearMiss": "explain",
    "explain_module": "explain",
    "FinalizeSummary": "finalize_cmd",
    "finalize_file": "finalize_cmd",
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
