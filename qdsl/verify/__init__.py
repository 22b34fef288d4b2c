"""Numerical verification of rules: each replacement against its pattern, on drawn inputs.

`qdsl.verify(rules, engines=..., samples=..., seed=..., tolerance=...)` returns a `Report`
(docs/verification.md explains the method and its limits). `qdsl.verify` is this package
and the function at once: the package's module is callable, so that importing one of its
modules (which makes `qdsl.verify` the package) cannot hide the function.
"""

import sys
import types

from .api import DEFAULT_SAMPLES, DEFAULT_TOLERANCE, ENGINES, available_engines, verify
from .results import Report, RuleReport

__all__ = ["DEFAULT_SAMPLES", "DEFAULT_TOLERANCE", "ENGINES", "Report", "RuleReport", "available_engines", "verify"]


class _CallablePackage(types.ModuleType):
    def __call__(self, *args, **kwargs) -> Report:
        return verify(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
