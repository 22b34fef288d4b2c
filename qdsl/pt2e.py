"""The torch.export / PT2E backend's public API: lower a `convert_pt2e` program to oneDNN.

    import qdsl
    lowered = qdsl.pt2e.lower(converted, example_inputs)
"""

from .backends.pt2e.driver import LoweringResult, lower, lower_with_report

__all__ = ["LoweringResult", "lower", "lower_with_report"]
