"""The PT2E x86 recipe every reproduction here uses, written out once.

export → `prepare_pt2e` with `X86InductorQuantizer` → one calibration call →
`convert_pt2e` → `lower_pt2e_quantized_to_x86`. Plain torch and torchao, nothing else.
"""

from __future__ import annotations

import collections
import warnings

import torch

warnings.filterwarnings("ignore")

from torchao.quantization.pt2e.lowering import lower_pt2e_quantized_to_x86  # noqa: E402
from torchao.quantization.pt2e.quantize_pt2e import convert_pt2e, prepare_pt2e  # noqa: E402
from torchao.quantization.pt2e.quantizer.x86_inductor_quantizer import (  # noqa: E402
    X86InductorQuantizer,
    get_default_x86_inductor_quantization_config,
)


def quantize(model: torch.nn.Module, inputs: tuple, dynamic_shapes=None, reduce_range: bool = False
             ) -> torch.fx.GraphModule:
    """The `convert_pt2e` reference module of `model`, calibrated on `inputs`."""
    torch.manual_seed(0)
    exported = torch.export.export(model.eval(), inputs, dynamic_shapes=dynamic_shapes, strict=False).module()
    config = get_default_x86_inductor_quantization_config(reduce_range=reduce_range)
    quantizer = X86InductorQuantizer().set_global(config)
    prepared = prepare_pt2e(exported, quantizer)
    prepared(*inputs)
    return convert_pt2e(prepared)


def lower(converted: torch.fx.GraphModule, inputs: tuple) -> torch.fx.GraphModule:
    return lower_pt2e_quantized_to_x86(converted, inputs)


def fused_kinds(module: torch.fx.GraphModule) -> dict[str, int]:
    """How many nodes of each oneDNN kernel the module calls."""
    return dict(collections.Counter(
        str(node.target) for node in module.graph.nodes
        if node.op == "call_function" and str(node.target).startswith("onednn.")))


def first_line(error: BaseException) -> str:
    return f"{type(error).__name__}: {str(error).strip().splitlines()[0]}"
