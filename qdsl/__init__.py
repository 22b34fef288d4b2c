"""qdsl: a declarative pattern-DSL compiler for PyTorch quantization lowering.

Everything but the error classes is imported on first use: `import qdsl` loads neither
torch, lark nor jinja, and loading the shipped rules (`default_rules()`) needs only the
generated modules.
"""

import importlib

__version__ = "0.2.0"
"""Recorded in generated modules and printed by `qdsl --version`."""

from .diagnostics import Diagnostic, InputError, QdslError, RuleError, RuleRuntimeError, SourceLocation

_LAZY_EXPORTS = {
    "Rule": "core.rules",
    "RuleSet": "core.rules",
    "Stage": "core.rules",
    "compile_source": "core.loading",
    "load_rules": "core.loading",
    "default_rules": "core.loading",
    "QuantType": "backends.torchscript.finalize",
    "finalize": "backends.torchscript.finalize",
    "finalize_with_report": "backends.torchscript.finalize",
    "insert_prepack_unpack": "backends.torchscript.finalize",
    "quant_fusion": "backends.torchscript.finalize",
    "finalize_on_device_ptq": "backends.torchscript.ondevice",
    "fold_quantized_prepacking_ops": "backends.torchscript.prepack_folding",
    "patch_torch": "backends.torchscript.integration",
}
"""Public name -> the qdsl module that defines it."""
_LAZY_MODULES = ("pt2e", "verify")
"""Public submodules, imported on first use (`qdsl.pt2e.lower`; `qdsl.verify`, which is also
callable: `qdsl.verify(rules, ...)`)."""

__all__ = ["Diagnostic", "InputError", "QdslError", "RuleError", "RuleRuntimeError", "SourceLocation",
           *_LAZY_EXPORTS, *_LAZY_MODULES]


def __getattr__(name: str):
    if name in _LAZY_MODULES:
        return _import(name)
    module = _LAZY_EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'qdsl' has no attribute {name!r}")
    value = getattr(_import(module), name)
    globals()[name] = value
    return value


def _import(module: str):
    """Import a qdsl module with the garbage collector paused: on the first use of a name,
    defining qdsl's classes would otherwise often start a full collection of the caller's
    heap (see `qdsl.core.collector`)."""
    from .core.collector import collector_paused

    with collector_paused():
        return importlib.import_module(f".{module}", __name__)
