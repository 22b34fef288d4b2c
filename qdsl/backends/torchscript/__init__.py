"""The TorchScript backend: `quantize(op(dequantize(a)))` chains of graph-mode quantization
fused into `quantized::*` kernels, as torch's C++ finalize pass (finalize.cpp) does.

Importing this package loads nothing heavy: the front end reads `BACKEND` to resolve
stage headers; the engine and driver modules import torch.
"""

from ...core.backend import BackendInfo
from ...core.rules import Stage

PREPACK = Stage("torchscript", ("prepack",))
"""Insert prepack/unpack pairs (upstream InsertPrepackUnpack)."""
FUSION_STATIC = Stage("torchscript", ("fusion", "static"))
"""Fuse statically quantized chains (upstream QuantFusion, STATIC)."""
FUSION_DYNAMIC = Stage("torchscript", ("fusion", "dynamic"))
"""Fuse dynamically quantized chains (upstream QuantFusion, DYNAMIC)."""

RENDERED_PATTERN = "torchscript.pattern"
"""`Rule.renderings` key of the pattern's IR text."""
RENDERED_REPLACEMENT = "torchscript.replacement"
"""`Rule.renderings` key of the replacement's IR text."""

BACKEND = BackendInfo(
    name="torchscript",
    stages=(PREPACK, FUSION_STATIC, FUSION_DYNAMIC),
    builtin_predicates={"is_scalar": 1, "is_constant": 1, "is_none": 1, "consumed_by": 2},
    folding_stages=(PREPACK.words,),
    compiler="qdsl.backends.torchscript.compiler",
    description="TorchScript graph-mode quantization (torch.ao.quantization's convert_jit)",
    pipelines=((PREPACK, FUSION_STATIC), (PREPACK, FUSION_DYNAMIC)),
    # convert_jit's pre-finalize graphs hold aten:: and prim:: ops only: quantized:: ops are the rules' work.
    rule_made_namespaces=("quantized",),
    commands="qdsl.backends.torchscript.commands",
    saved_model="TORCHSCRIPT",
)
