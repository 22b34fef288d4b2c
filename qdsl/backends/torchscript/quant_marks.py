"""What tells dynamic from static quantization, in a pattern or in a graph to finalize.

Graph-mode quantization (insert_quant_dequant.cpp, helper.cpp) leaves these marks:

- dynamic quantization quantizes the inputs of `aten::linear` only; an activation gets
  its qparams at run time from `aten::_choose_qparams_per_tensor`, and fp16 weights go
  through `aten::_saturate_weight_to_fp16` (then `linear_prepack_fp16`/`_unpack_fp16`).
  So in a dynamic graph every `aten::dequantize` feeds an `aten::linear`.
- static quantization never computes qparams at run time: an activation is quantized
  with the qparams observed at calibration, read from module attributes.

A rule whose pattern carries the other kind's mark can never fire in its stage; a graph
that carries only the other kind's marks was most likely given the wrong quant type.
"""

from __future__ import annotations

DYNAMIC_ONLY_OPS = frozenset({
    "aten::_choose_qparams_per_tensor",
    "aten::quantize_per_tensor_dynamic",
    "aten::_saturate_weight_to_fp16",
    "quantized::linear_prepack_fp16",
    "quantized::linear_unpack_fp16",
})
"""Ops only dynamic quantization (or the prepack rules on its graphs) puts in a graph."""

DYNAMIC_DEQUANTIZE_USERS = frozenset({"aten::linear"})
"""The only ops a dequantize feeds in a dynamically quantized graph (helper.cpp's
`_dynamic_quantizable_aten_funcs`)."""

WEIGHT_PRODUCERS = frozenset({"prim::GetAttr", "prim::Constant"})
"""What produces a weight before (attribute) and after (constant) freezing."""


def dynamic_evidence(graph) -> str | None:
    """Why `graph` is dynamically quantized, or None: the first dynamic-only op in it."""
    for kind in sorted(DYNAMIC_ONLY_OPS):
        if graph.findAllNodes(kind, True):
            return f"it has {kind}"
    return None


def static_evidence(graph) -> str | None:
    """Why `graph` is statically quantized, or None: a dequantize feeding another op than
    linear, or an activation quantized with qparams that were not computed at run time."""
    for node in graph.findAllNodes("aten::dequantize", True):
        for use in node.output().uses():
            if use.user.kind() not in DYNAMIC_DEQUANTIZE_USERS:
                return f"a dequantize feeds {use.user.kind()}"
    for node in graph.findAllNodes("aten::quantize_per_tensor", True):
        if node.inputsSize() < 2:
            continue
        quantized = node.inputsAt(0).node().kind()
        scale = node.inputsAt(1).node().kind()
        if quantized not in WEIGHT_PRODUCERS and scale != "aten::_choose_qparams_per_tensor":
            return f"an activation ({node.inputsAt(0).debugName()}) is quantized with fixed qparams"
    return None


def quant_type_mismatch(graph, requested: str) -> str | None:
    """Why `graph` looks like the other quantization than `requested` (`static` or
    `dynamic`), or None when it does not clearly."""
    if requested == "static":
        found, against = dynamic_evidence(graph), None
        if found is not None:
            against = static_evidence(graph)
        return f"the graph is dynamically quantized ({found})" if found and not against else None
    if dynamic_evidence(graph) is not None:  # a few C++ searches, before a walk of every dequantize's uses
        return None
    found = static_evidence(graph)
    return None if found is None else f"the graph is statically quantized ({found})"
