"""Fold prepack ops of a frozen module into attributes (upstream `PrePackingOpsFolder`).

After freezing, the weight and bias of each `quantized::*_prepack` node are graph
constants. Running the node once at finalize time, storing the packed params as an
attribute of the module and reading that attribute in the graph saves repacking on
every call. Semantics follow `PrePackingOpsFolder` (prepack_folding.cpp) with the
filter of `FoldQuantizedPrepackingOps` (finalize.cpp), including the attribute names
`quantized_<method>._jit_pass_packed_weight_<n>`, numbered per method in upstream's
block traversal order.
"""

from __future__ import annotations

import torch

from .errors import QdslError
from .graph_walk import blocks_depth_first
from .predicates import NOT_CONSTANT, constant_value

FOLDABLE_PREPACK_OPS = (
    "quantized::linear_prepack",
    "quantized::conv1d_prepack",
    "quantized::conv2d_prepack",
    "quantized::conv3d_prepack",
    "quantized::conv_transpose1d_prepack",
    "quantized::conv_transpose2d_prepack",
)
"""The node kinds upstream's FoldQuantizedPrepackingOps folds; `linear_prepack_fp16`
is not among them, so fp16 weights stay packed at run time as upstream leaves them."""

ATTRIBUTE_PREFIX = "quantized"


def fold_quantized_prepacking_ops(module):
    """Fold every foldable prepack node of every method of `module`, in place; return it.

    `module` is a `torch.jit.ScriptModule` or a `torch._C.ScriptModule`, normally the
    result of freezing, so that weights are constants.
    """
    c_module = module._c if isinstance(module, torch.jit.ScriptModule) else module
    if not isinstance(c_module, torch._C.ScriptModule):
        raise QdslError(f"fold_quantized_prepacking_ops expects a ScriptModule, got {type(module).__name__}")
    for method_name in c_module._method_names():
        _fold_method(c_module, method_name)
    return module


def _fold_method(c_module: torch._C.ScriptModule, method_name: str) -> None:
    graph = c_module._get_method(method_name).graph
    self_value = next(iter(graph.inputs()))
    attr_base = f"{ATTRIBUTE_PREFIX}_{method_name}._jit_pass_packed_weight_"
    folded: list[torch._C.Node] = []
    for node in _upstream_order(graph):
        if node.kind() not in FOLDABLE_PREPACK_OPS:
            continue
        arguments = _constant_inputs(node)
        if arguments is None:
            continue
        packed = _run_prepack(node, arguments)
        attr_name = attr_base + str(len(folded))
        if c_module.hasattr(attr_name):
            raise QdslError(
                f"attribute {attr_name} already exists in module of type "
                f"{c_module._type().qualified_name()}; fold prepacking ops on the top-level module only")
        packed_type = node.output().type()
        c_module._register_attribute(attr_name, packed_type, packed)
        get_attr = graph.create("prim::GetAttr", [self_value])
        get_attr.s_("name", attr_name)
        get_attr.insertBefore(node)
        get_attr.output().setType(packed_type)
        get_attr.output().setDebugName(attr_name)
        node.output().replaceAllUsesWith(get_attr.output())
        folded.append(node)
    for node in folded:
        node.removeAllInputs()
    for node in folded:
        node.destroy()


def _upstream_order(graph: torch._C.Graph):
    """Nodes in PrePackingOpsFolder's order: a block's nodes, then its sub-blocks, last met first."""
    for _, nodes, _ in blocks_depth_first(graph):
        yield from nodes


def _constant_inputs(node: torch._C.Node) -> list | None:
    """The input values when every input is a graph constant (as runNodeIfInputsAreConstant)."""
    values = []
    for value in node.inputs():
        constant = constant_value(value)
        if constant is NOT_CONSTANT:
            return None
        values.append(constant)
    return values


def _run_prepack(node: torch._C.Node, arguments: list):
    namespace, op_name = node.kind().split("::")
    operator = getattr(getattr(torch.ops, namespace), op_name)
    try:
        return operator(*arguments)
    except RuntimeError as error:
        where = node.sourceRange().strip() or node.kind()
        raise QdslError(f"cannot fold {node.kind()} at {where}: {str(error).splitlines()[0]}") from None
