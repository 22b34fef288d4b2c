"""qdsl: a declarative pattern-DSL compiler for PyTorch graph-mode quantization.

Compiler entry points are imported lazily, so loading the shipped rules
(`default_rules()`) needs neither lark nor jinja.
"""

from .errors import QdslError
from .predicates import register_predicate
from .rules import Rule, RuleSet

_COMPILER_EXPORTS = ("compile_source", "load_rules", "default_rules")

__all__ = ["QdslError", "Rule", "RuleSet", "register_predicate", *_COMPILER_EXPORTS]


def __getattr__(name: str):
    if name in _COMPILER_EXPORTS:
        from . import compiler

        return getattr(compiler, name)
    raise AttributeError(f"module 'qdsl' has no attribute {name!r}")



# ---- finalize driver (issue 3). `finalize` is imported eagerly: the function shares
# its name with the submodule qdsl/finalize.py, and importing that submodule would
# otherwise rebind `qdsl.finalize` to the module. torch is already loaded by
# qdsl.predicates, so this adds only qdsl's own driver modules.
from .finalize import (  # noqa: E402
    QuantType,
    finalize,
    finalize_on_device_ptq,
    finalize_with_report,
    insert_prepack_unpack,
    quant_fusion,
)
from .prepack_folding import fold_quantized_prepacking_ops  # noqa: E402

_INTEGRATION_EXPORTS = ("patch_torch",)
__all__ += [
    "QuantType", "finalize", "finalize_on_device_ptq", "finalize_with_report", "insert_prepack_unpack",
    "quant_fusion", "fold_quantized_prepacking_ops", *_INTEGRATION_EXPORTS,
]
_compiler_getattr = __getattr__


def __getattr__(name: str):
    if name in _INTEGRATION_EXPORTS:
        from . import integration

        return getattr(integration, name)
    return _compiler_getattr(name)
