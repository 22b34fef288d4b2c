"""qdsl: a declarative pattern-DSL compiler for PyTorch graph-mode quantization.

Everything but the rule model is imported on first use: loading the shipped rules
(`default_rules()`) needs neither lark nor jinja, and `import qdsl` does not import torch.
"""

import importlib

from .errors import QdslError
from .rules import Rule, RuleSet

_LAZY_EXPORTS = {
    "register_predicate": "predicates",
    "compile_source": "compiler",
    "load_rules": "compiler",
    "default_rules": "compiler",
    "QuantType": "driver",
    "finalize": "driver",
    "finalize_on_device_ptq": "driver",
    "finalize_with_report": "driver",
    "insert_prepack_unpack": "driver",
    "quant_fusion": "driver",
    "fold_quantized_prepacking_ops": "prepack_folding",
    "patch_torch": "integration",
}
"""Public name -> the qdsl submodule that defines it."""

__all__ = ["QdslError", "Rule", "RuleSet", *_LAZY_EXPORTS]


def __getattr__(name: str):
    module = _LAZY_EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'qdsl' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
