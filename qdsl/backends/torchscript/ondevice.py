"""On-device post-training quantization: `finalize_on_device_ptq`, the drop-in for
`torch._C._jit_pass_quant_finalize_for_ondevice_ptq` (upstream FinalizeOnDevicePTQ).

The rewrite is finalize's own steps on the `quantize_<name>` method (clear shape
information, then torch's cleanup passes, prepack insertion, fusion); then the module
surgery of upstream: each packed weight is stored in a new attribute, `quantize_<name>`
keeps only the packing (and returns None), and the new `quantized_<name>` runs the
fused ops on the stored weights.
"""

from __future__ import annotations

import builtins
import typing

import torch

from ...core.collector import collector_paused
from ...core.loading import RulesArg
from ...diagnostics import InputError
from . import PREPACK, torch_api
from .finalize import (CLEAR, FUSE, INSERT_PREPACK, FinalizeRun, QuantType, active_rules, c_module_of,
                       fusion_stage, prepare_run, run_steps)
from .graph import all_nodes, blocks_depth_first

OBSERVER_ATTRIBUTE_MARK = "_observer_"
"""Part of the attribute name of every observer torch's on-device preparation inserts."""


class Canonicalize:
    """The cleanup upstream runs before fusing on device (CSE, DCE, peephole, constants)."""

    name = "canonicalize"

    def run(self, run: FinalizeRun) -> None:
        torch_api.canonicalize(run.graph)


ONDEVICE_STEPS = (CLEAR, Canonicalize(), INSERT_PREPACK, FUSE)
"""The rewrite of `quantize_<name>`, before the module surgery."""


@collector_paused()
def finalize_on_device_ptq(module, quant_type: QuantType | int, method_name: str, *,
                           rules: RulesArg = None, inplace: bool = False):
    """Drop-in for `torch._C._jit_pass_quant_finalize_for_ondevice_ptq` (FinalizeOnDevicePTQ).

    `method_name` is `quantize_<name>`, made by torch's on-device quant/dequant insertion.
    Afterwards `quantize_<name>` only computes the packed weights and stores them in
    attributes (returning None), and the new `quantized_<name>` runs the fused ops on
    those attributes. Schemas differ from upstream only in their name field: upstream's
    copied methods keep the schema name `forward`. The result is a new module even with
    `inplace=True` (which edits the input's `quantize_<name>` graph, as upstream does),
    because an existing method's schema cannot be changed from Python.
    """
    c_module = c_module_of(module, "finalize_on_device_ptq")
    stage = fusion_stage(quant_type)
    prefix = "quantize_"
    if not isinstance(method_name, str) or not method_name.startswith(prefix):
        raise InputError(f"quantized ops can only be added to a quantize_<name> method, not {method_name!r}; "
                         f"run torch's quant/dequant insertion for on-device PTQ first")
    if not c_module._has_method(method_name):
        raise InputError(f"module of type {c_module._type().qualified_name()} has no method {method_name}")
    rule_set = active_rules(rules, (PREPACK, stage))
    work = c_module if inplace else torch_api.clone_module(c_module)
    run = prepare_run(work, rule_set, stage, method=method_name)
    run_steps(ONDEVICE_STEPS, run)
    packed_param_names = _register_prepack_params(work, method_name, set(rule_set.foldable_ops(PREPACK)))

    graph = run.graph
    result = torch_api.clone_module(work, [method_name])
    schema = work._get_method(method_name).schema
    quantize_graph = _add_method(result, method_name, schema, "None", graph)
    quantized_graph = _add_method(result, "quantized_" + method_name[len(prefix):], schema,
                                  schema.returns[0].type.annotation_str, graph)
    _remove_packed_param_insertion_and_fp_weight_set_attr(quantized_graph, packed_param_names)
    _remove_observer_call_methods(quantized_graph)
    _keep_only_packed_params_generation(quantize_graph)
    return torch_api.wrap(result) if isinstance(module, torch.jit.ScriptModule) else result


def _register_prepack_params(c_module: torch._C.ScriptModule, method_name: str, prepack_ops: set[str]) -> set[str]:
    """Store each packed weight of `method_name` in a new attribute (upstream RegisterPrePackParams).

    After each prepack node: a SetAttr of the packed params, a GetAttr that feeds the
    node's one user, and a SetAttr that empties the float weight. Returns the new
    attribute names and the access paths (`a.b.`) of the modules whose weight was emptied.
    """
    graph = c_module._get_method(method_name).graph
    self_value = next(iter(graph.inputs()))
    attr_base = f"_{method_name}_ondevice_ptq_packed_weight_"
    names: set[str] = set()
    uid = 0
    for _, nodes, kinds in blocks_depth_first(graph):
        for node, kind in zip(nodes, kinds):
            if kind not in prepack_ops:
                continue
            packed = node.output()
            uses = packed.uses()
            if len(uses) != 1:
                raise InputError(f"packed params of {kind} at {node.sourceRange().strip() or '?'} must be "
                                 f"used by exactly one op, found {len(uses)}")
            attr_name = attr_base + str(uid)
            uid += 1
            while c_module.hasattr(attr_name):
                attr_name = f"{attr_base}_{uid}"
                uid += 1
            c_module._register_attribute(attr_name, packed.type(), _packed_placeholder(node))
            set_packed = _set_attr(graph, self_value, attr_name, packed)
            set_packed.insertAfter(node)
            get_packed = graph.create("prim::GetAttr", [self_value])
            get_packed.s_("name", attr_name)
            get_packed.output().setType(packed.type())
            get_packed.output().setDebugName(attr_name)
            get_packed.insertAfter(set_packed)
            uses[0].user.replaceInput(uses[0].offset, get_packed.output())
            names.add(attr_name)

            owner, weight_name = _float_weight(node)
            empty = graph.create("prim::Constant")
            empty.t_("value", torch.empty(0, requires_grad=False))
            reset_weight = _set_attr(graph, owner, weight_name, empty.output())
            reset_weight.insertAfter(get_packed)
            empty.insertBefore(reset_weight)
            names.add("".join(f"{part}." for part in _module_access_path(owner, self_value)))
    return names


def _packed_placeholder(prepack: torch._C.Node):
    """A stand-in value for a packed-params attribute until quantize_<name> stores the real one.

    Upstream registers the attribute with no value; Python's `_register_attribute`
    cannot do that for a class type, so it holds packed params of a 1x1 zero weight.
    """
    if prepack.kind() != "quantized::linear_prepack":
        raise InputError(f"on-device PTQ supports linear weights only (as torch tests it), found {prepack.kind()}")
    zero_weight = torch.quantize_per_tensor(torch.zeros(1, 1), 1.0, 0, torch.qint8)
    return torch.ops.quantized.linear_prepack(zero_weight, None)


def _set_attr(graph: torch._C.Graph, owner: torch._C.Value, name: str, value: torch._C.Value) -> torch._C.Node:
    node = graph.create("prim::SetAttr", [owner, value], 0)
    node.s_("name", name)
    return node


def _float_weight(prepack: torch._C.Node) -> tuple[torch._C.Value, str]:
    """The module value and attribute name of the float weight a prepack node's input quantizes."""
    quantize = prepack.inputsAt(0).node()
    if quantize.kind() not in ("aten::quantize_per_tensor", "aten::quantize_per_channel"):
        raise InputError(f"the input of {prepack.kind()} must be the output of weight quantization, "
                         f"found {quantize.kind()}")
    weight = quantize.inputsAt(0).node()
    if weight.kind() != "prim::GetAttr":
        raise InputError(f"the weight quantized for {prepack.kind()} is not a module attribute "
                         f"(produced by {weight.kind()})")
    return weight.input(), weight.s("name")


def _module_access_path(value: torch._C.Value, self_value: torch._C.Value) -> list[str]:
    """Attribute names from `self` down to the module `value` (upstream getModuleAccessPath)."""
    path = []
    while value.unique() != self_value.unique() and value.node().kind() == "prim::GetAttr":
        path.append(value.node().s("name"))
        value = value.node().input()
    if value.unique() != self_value.unique():
        raise InputError("cannot find the module access path of a weight: it is not reached from self")
    return path[::-1]


def _add_method(c_module: torch._C.ScriptModule, name: str, schema, returns: str,
                body: torch._C.Graph) -> torch._C.Graph:
    """Give `c_module` a method `name` with `schema`'s arguments whose graph is a copy of `body`.

    Python cannot add a graph as a method (upstream's cloneMethod is C++ only), so a
    stub with the wanted signature is compiled from a template and its graph replaced
    by `body`. `body` comes from a module whose class types `c_module`'s are clones of;
    module-typed values are retyped to `c_module`'s types.
    """
    from ...templating import render_template  # jinja: only when a method is added

    arguments = list(schema.arguments)[1:]
    for argument in arguments:
        if argument.default_value is not None:
            raise InputError(f"on-device PTQ of a method with default arguments ({argument.name}) is not supported")
    source = render_template(
        "torchscript/method_stub.py.j2", name=name, returns=returns,
        arguments=[{"name": a.name, "annotation": a.type.annotation_str} for a in arguments])
    torch_api.define_method(c_module, source, _annotation_resolver)
    graph = c_module._get_method(name).graph
    for index in reversed(range(len(list(graph.outputs())))):
        graph.eraseOutput(index)
    for node in reversed(list(graph.nodes())):
        node.destroy()
    with graph.insert_point_guard(graph.return_node()):
        outputs = graph.insertGraph(body, list(graph.inputs()))
    for value in outputs:
        graph.registerOutput(value)
    for stub_input, body_input in zip(graph.inputs(), body.inputs()):
        stub_input.setDebugName(body_input.debugName())
    _retype_modules(graph, c_module)
    return graph


def _annotation_resolver(name: str):
    for namespace in (typing, torch, builtins):
        if hasattr(namespace, name):
            return getattr(namespace, name)
    return None


def _retype_modules(graph: torch._C.Graph, c_module: torch._C.ScriptModule) -> None:
    """Set each module-typed GetAttr output to the type of the submodule it reads in `c_module`."""
    self_value = next(iter(graph.inputs()))
    modules = {self_value.unique(): c_module}
    for node in all_nodes(graph):
        if node.kind() != "prim::GetAttr" or node.input().unique() not in modules:
            continue
        owner = modules[node.input().unique()]
        attribute = owner.getattr(node.s("name"))
        if isinstance(attribute, torch._C.ScriptModule):
            node.output().setType(attribute._type())
            modules[node.output().unique()] = attribute


def _remove_packed_param_insertion_and_fp_weight_set_attr(graph: torch._C.Graph, names: set[str]) -> None:
    """Drop the SetAttrs that store packed params or empty float weights (for quantized_<name>)."""
    self_value = next(iter(graph.inputs()))
    doomed = []
    for node in all_nodes(graph):
        if node.kind() != "prim::SetAttr":
            continue
        path = "".join(f"{part}." for part in _module_access_path(node.inputsAt(0), self_value))
        if node.s("name") in names or path in names:
            doomed.append(node)
    _destroy(doomed)
    torch_api.pool_constants(graph)
    torch_api.eliminate_dead_code(graph)


def _remove_observer_call_methods(graph: torch._C.Graph) -> None:
    """Drop `calculate_qparams` calls on observers; DCE keeps calls because they may have effects."""
    doomed = [node for node in all_nodes(graph)
              if node.kind() == "prim::CallMethod" and node.s("name") == "calculate_qparams"
              and node.inputsAt(0).node().kind() == "prim::GetAttr"
              and OBSERVER_ATTRIBUTE_MARK in node.inputsAt(0).node().s("name")]
    use = next((use for node in doomed for use in node.output().uses()), None)
    if use is not None:
        raise InputError(f"the rules left {use.user.kind()} at {use.user.sourceRange().strip() or '?'} "
                         f"computing its qparams with an observer, which quantized_<name> cannot call; "
                         f"on-device finalize needs rules that pack and fuse every quantized op "
                         f"(as the shipped prepack and fusion rules do)")
    _destroy(doomed)
    torch_api.eliminate_dead_code(graph)


def _keep_only_packed_params_generation(graph: torch._C.Graph) -> None:
    """Make quantize_<name> return None, so DCE leaves only the packing and its SetAttrs."""
    for index in reversed(range(len(list(graph.outputs())))):
        graph.eraseOutput(index)
    none = graph.create("prim::Constant")
    none.output().setType(torch._C.NoneType.get())
    none.insertBefore(graph.return_node())
    graph.registerOutput(none.output())
    torch_api.eliminate_dead_code(graph)


def _destroy(nodes: list[torch._C.Node]) -> None:
    for node in nodes:
        node.removeAllInputs()
    for node in nodes:
        node.destroy()
