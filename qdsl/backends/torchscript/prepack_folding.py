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

import linecache
import os
import re
from collections.abc import Iterable
from typing import NamedTuple

import torch

from ...diagnostics import Diagnostic, InputError, SourceLocation
from .index import GraphIndex
from .values import NOT_CONSTANT, constant_value

FOLDABLE_PREPACK_OPS = (
    "quantized::linear_prepack",
    "quantized::conv1d_prepack",
    "quantized::conv2d_prepack",
    "quantized::conv3d_prepack",
    "quantized::conv_transpose1d_prepack",
    "quantized::conv_transpose2d_prepack",
)
"""The node kinds upstream's FoldQuantizedPrepackingOps folds; `linear_prepack_fp16`
is not among them, so fp16 weights stay packed at run time as upstream leaves them.
The shipped prepack rules mark exactly these `fold`; finalize folds the ops its rule
set marks (`RuleSet.foldable_ops`)."""

ATTRIBUTE_PREFIX = "quantized"


class UnpackableWeight(InputError):
    """Torch cannot pack a weight of the module (its qconfig or the quantized engine does
    not fit the op): told at the model's source line when it is known."""

    def __init__(self, op: str, reason: str, location: SourceLocation | None):
        self.op = op
        """The prepack op that failed, e.g. `quantized::conv_transpose1d_prepack`."""
        self.reason = reason
        """What failed and the remedy, without the location."""
        self.location = location
        """The model source the op was made from, if known."""
        shown = reason if location is None else Diagnostic(
            location, reason, source_line=linecache.getline(location.filename, location.line)).format()
        super().__init__(shown, None if location is None else location.filename)


def fold_quantized_prepacking_ops(module, foldable_ops=FOLDABLE_PREPACK_OPS):
    """Fold every node of a kind in `foldable_ops` of every method of `module`, in place; return it.

    `module` is a `torch.jit.ScriptModule` or a `torch._C.ScriptModule`, normally the
    result of freezing, so that weights are constants. A node is folded when it has one
    output and all its inputs are constants.
    """
    c_module = module._c if isinstance(module, torch.jit.ScriptModule) else module
    if not isinstance(c_module, torch._C.ScriptModule):
        raise InputError(f"fold_quantized_prepacking_ops expects a ScriptModule, got {type(module).__name__}")
    if isinstance(foldable_ops, str) or not isinstance(foldable_ops, Iterable) or not all(
            isinstance(op, str) for op in foldable_ops):
        raise InputError(f"foldable_ops must be a collection of op kinds ('ns::name'), got {foldable_ops!r}")
    foldable = frozenset(foldable_ops)
    for method_name in c_module._method_names():
        _fold_method(c_module, method_name, foldable)
    return module


def _fold_method(c_module: torch._C.ScriptModule, method_name: str, foldable: frozenset[str]) -> None:
    graph = c_module._get_method(method_name).graph
    self_value = next(iter(graph.inputs()))
    attr_base = f"{ATTRIBUTE_PREFIX}_{method_name}._jit_pass_packed_weight_"
    folded: list[torch._C.Node] = []
    for node in GraphIndex(graph).in_upstream_order(sorted(foldable)):
        if node.outputsSize() != 1:
            continue
        arguments = _constant_inputs(node)
        if arguments is None:
            continue
        packed = _run_prepack(node, arguments)
        attr_name = attr_base + str(len(folded))
        if c_module.hasattr(attr_name):
            raise InputError(
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


def _constant_inputs(node: torch._C.Node) -> list | None:
    """The input values when every input is a graph constant (as runNodeIfInputsAreConstant)."""
    values = []
    for position in range(node.inputsSize()):
        constant = constant_value(node.inputsAt(position))
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
        raise _cannot_pack(node, arguments, str(error)) from None


def _cannot_pack(node: torch._C.Node, arguments: list, torch_message: str) -> UnpackableWeight:
    """What a user can act on when torch cannot pack a weight: the layer, the op,
    torch's reason and the remedy, at the model's source line when it is known.

    Torch's own finalize leaves such a node in place and the finalized module raises
    when it runs; qdsl stops at finalize time instead.
    """
    layer = _layer(node)
    reason = torch_message.strip().splitlines()[0] if torch_message.strip() else "no reason given"
    weight = arguments[0] if arguments else None
    shape = f" (shape {list(weight.shape)})" if isinstance(weight, torch.Tensor) else ""
    owner = f" of {layer.description}" if layer else ""
    message = (f"cannot pack the weight{shape}{owner} with {node.kind()} "
               f"(quantized engine {torch.backends.quantized.engine}): {reason}. ")
    per_channel = isinstance(weight, torch.Tensor) and weight.is_quantized and weight.qscheme() in (
        torch.per_channel_affine, torch.per_channel_symmetric)
    if per_channel and "conv_transpose" in node.kind():
        message += ("The weight is quantized per channel, and quantized transposed convolutions take "
                    "per-tensor weights only: ")
        if layer and layer.path:
            message += (f"give this layer a qconfig with a per-tensor weight observer, e.g. prepare_jit(model, "
                        f'{{"": qconfig, "{layer.path}": torch.ao.quantization.default_qconfig}}).')
        else:
            message += ("give the module that runs this op a qconfig with a per-tensor weight observer, "
                        "e.g. torch.ao.quantization.default_qconfig.")
    else:
        message += ("Change the qconfig of the layer that owns this weight, or the quantized engine "
                    "(torch.backends.quantized.engine).")
    return UnpackableWeight(node.kind(), message, _model_location(node))


class _Layer(NamedTuple):
    """The submodule whose weight a prepack node packs."""

    path: str
    """Attribute path from the top module, e.g. `up.decoder`; empty for the top module."""
    description: str
    """How messages name it, e.g. ``layer `up.decoder` (ConvTranspose1d)``."""


def _layer(node: torch._C.Node) -> _Layer | None:
    """From the node's inlined call stack (finalize gives prepack nodes their layer's),
    else from the bias constant, which freezing names after its attribute
    (`self.up.decoder.bias`): the call stack is not saved by `torch.jit.save`."""
    hierarchy = node.getModuleHierarchy()
    if hierarchy:
        parts = [part.split("(", 1) for part in hierarchy.split(".")]
        path = ".".join(name for name, *_ in parts)
        type_name = parts[-1][1].rstrip(")") if len(parts[-1]) == 2 else ""
        return _Layer(path, f"layer `{path}`" + (f" ({type_name})" if type_name else ""))
    bias_name = node.inputsAt(1).debugName() if node.inputsSize() > 1 else ""
    if not bias_name.startswith("self."):
        return None
    path, _, attribute = bias_name[len("self."):].rpartition(".")
    if path:
        return _Layer(path, f"layer `{path}`")
    return _Layer("", f"the top module (bias `{attribute}`)")


_NODE_SOURCE = re.compile(r" # (.+):(\d+):(\d+)$")
_TORCH_DIRECTORY = os.path.dirname(torch.__file__) + os.sep


def _model_location(node: torch._C.Node) -> SourceLocation | None:
    """Where the node's source range points, if that is the model's code (not torch's
    library code, nor the IR text of a rule)."""
    first_line = str(node).split("\n", 1)[0]
    found = _NODE_SOURCE.search(first_line)
    if found is None or found[1].startswith(_TORCH_DIRECTORY):
        return None
    filename, line, column = found[1], int(found[2]), int(found[3]) + 1
    text = linecache.getline(filename, line)
    end = column
    while end - 1 < len(text) and (text[end - 1].isalnum() or text[end - 1] in "_."):
        end += 1
    return SourceLocation(filename, line, column, line, max(end, column + 1))
