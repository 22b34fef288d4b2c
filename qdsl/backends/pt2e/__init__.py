"""The torch.export / PT2E backend: `convert_pt2e` reference graphs (dequantize -> float
ATen op -> quantize, int8 weight constants) lowered to oneDNN int8 kernels.

Importing this package loads nothing heavy: the front end reads `BACKEND` to resolve
stage headers; the engine and driver modules import torch. The rules name ops of
`quantized_decomposed::` (registered by torch's `torch.ao.quantization.fx._decomposed`,
imported only when a file with a PT2E stage header is compiled), `onednn::` and `aten::`.
"""

from ...core.backend import BackendInfo
from ...core.rules import Stage

X86 = Stage("pt2e", ("pt2e", "x86"))
"""Fuse a PT2E-quantized graph into x86 oneDNN kernels; rules run in the order written,
each as one pass, and `fold` calls (weight prepacking) run once, at lowering."""

RENDERED_PATTERN = "pt2e.pattern"
"""`Rule.renderings` key of the pattern as fx graph code."""
RENDERED_REPLACEMENT = "pt2e.replacement"
"""`Rule.renderings` key of the replacement as fx graph code."""

BACKEND = BackendInfo(
    name="pt2e",
    stages=(X86,),
    builtin_predicates={"is_constant": 1, "is_none": 1, "is_scalar": 1, "all_zero": 1, "same_shape": 2,
                        "consumed_by": 2},
    folding_stages=(X86.words,),
    compiler="qdsl.backends.pt2e.compiler",
    description="torch.export graphs quantized by PT2E (torchao's convert_pt2e)",
    # convert_pt2e's graphs hold no oneDNN kernels: onednn:: ops are the rules' work.
    rule_made_namespaces=("onednn",),
    commands="qdsl.backends.pt2e.commands",
    saved_model="EXPORTED_PROGRAM",
    operator_modules=("torch.ao.quantization.fx._decomposed",),
    copies_observed_writes=True,
)
