"""The oracles of the PT2E differential tests: torchao's lowering and the reference module.

`lowerings(name)` lowers one zoo model both ways, once per session: torchao's
`lower_pt2e_quantized_to_x86` on its own copy of the `convert_pt2e` module, qdsl's
`lower` on another. `fused_kinds` is what the two are compared on: the oneDNN kernels
called, each with its post-ops and output dtype (`qconv_pointwise.default(relu)->uint8`).
`TOLERANCE` is the distance torchao's own correct lowerings keep from the reference module.
"""

from __future__ import annotations

import collections
import functools
import warnings
from dataclasses import dataclass
from typing import Any

import torch

from .pt2e_models import converted_module

TOLERANCE = 1e-6
"""max |lowered - reference| <= TOLERANCE * max(1, max |reference|): torchao's correct
lowerings of the zoo stay within 4.8e-7 of the reference (float32 rounding: the kernels
accumulate in int32, the reference in float)."""

_POST_OP_STRINGS = {"none", ""}


@dataclass(frozen=True)
class Lowerings:
    """One zoo model lowered both ways."""

    reference: torch.fx.GraphModule
    """The `convert_pt2e` module (qdsl's input)."""
    inputs: tuple[torch.Tensor, ...]
    """Its seeded example inputs."""
    qdsl: Any
    """`qdsl.pt2e.lower_with_report`'s result."""
    torchao: torch.fx.GraphModule
    """torchao's lowered module."""


@functools.lru_cache(maxsize=None)
def lowerings(name: str) -> Lowerings:
    import qdsl
    from torchao.quantization.pt2e.lowering import lower_pt2e_quantized_to_x86

    reference, inputs = converted_module(name)
    torchao_input, _ = converted_module(name)
    result = qdsl.pt2e.lower_with_report(reference, inputs)
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torchao = lower_pt2e_quantized_to_x86(torchao_input, inputs)
    return Lowerings(reference, inputs, result, torchao)


def fused_kinds(module: torch.fx.GraphModule) -> collections.Counter[str]:
    """`kernel.overload(post-ops)->output dtype` of every oneDNN call of `module`."""
    kinds: collections.Counter[str] = collections.Counter()
    for node in module.graph.nodes:
        name = str(node.target)
        if node.op != "call_function" or not name.startswith("onednn."):
            continue
        post_ops = [a for a in node.args if isinstance(a, str) and a not in _POST_OP_STRINGS]
        dtypes = [a for a in node.args if isinstance(a, torch.dtype)]
        output = f"->{str(dtypes[0]).removeprefix('torch.')}" if dtypes else ""
        kinds[f"{name.removeprefix('onednn.')}({','.join(post_ops)}){output}"] += 1
    return kinds


def float_kernels(module: torch.fx.GraphModule) -> collections.Counter[str]:
    """The calls of `module` into Inductor's float kernels (the `mkl` and `mkldnn` namespaces):
    torchao's lowering runs its freezing passes, which pick them per CPU for float ops."""
    return collections.Counter(str(node.target) for node in module.graph.nodes
                               if node.op == "call_function" and str(node.target).startswith(("mkl.", "mkldnn.")))


def outputs(module, inputs) -> tuple[torch.Tensor, ...]:
    """The module's outputs on fresh copies of `inputs`, as a tuple."""
    with torch.no_grad():
        result = module(*(tensor.clone() for tensor in inputs))
    return tuple(result) if isinstance(result, (tuple, list)) else (result,)


def distance(given: tuple[torch.Tensor, ...], expected: tuple[torch.Tensor, ...]) -> float:
    """max |given - expected| / max(1, max |expected|) over the outputs."""
    assert len(given) == len(expected)
    return max(float((a.detach() - b.detach()).abs().max()) / max(1.0, float(b.detach().abs().max()))
               for a, b in zip(given, expected))
