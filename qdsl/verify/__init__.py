"""Numerical verification of rules: each replacement against its pattern, on drawn inputs.

`verify(rules, engines=..., samples=..., seed=..., tolerance=...)` returns a `Report`
(docs/verification.md explains the method and its limits).
"""

from .api import DEFAULT_SAMPLES, DEFAULT_TOLERANCE, ENGINES, available_engines, verify
from .results import Report, RuleReport

__all__ = ["DEFAULT_SAMPLES", "DEFAULT_TOLERANCE", "ENGINES", "Report", "RuleReport", "available_engines", "verify"]
