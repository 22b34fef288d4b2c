"""The finalize driver: torch's C++ `Finalize` (finalize.cpp) in Python, with qdsl rules.

`finalize(module, quant_type, preserved_attrs)` can be called exactly where
`torch.ao.quantization` calls `torch._C._jit_pass_quant_finalize(module, quant_type,
preserved_attrs)`; `finalize_on_device_ptq` replaces
`torch._C._jit_pass_quant_finalize_for_ondevice_ptq`. Steps, in upstream's order:
clear shape information, insert prepack/unpack, fuse, freeze (torch's own
`_freeze_module`), fold the prepack ops (those the rule set's prepack rules mark `fold`).

Unlike upstream, the caller's module is left as it was: the work happens on a clone
with its own class types (`inplace=True` skips the clone).
"""

from __future__ import annotations

import contextlib
import os
import time
import warnings
from dataclasses import dataclass
from typing import Iterable, Sequence

import torch
from torch.ao.quantization.quant_type import QuantType
from torch.jit._recursive import wrap_cpp_module

from .errors import Diagnostic, QdslError
from .graph_walk import blocks_depth_first
from .prepack_folding import FOLDABLE_PREPACK_OPS, fold_quantized_prepacking_ops
from .quant_marks import quant_type_mismatch
from .rewriter import Fusion, apply_rules
from .rules import Rule, RuleSet, is_verified

__all__ = [
    "FinalizeResult",
    "QuantType",
    "clear_profiling_information",
    "finalize",
    "finalize_on_device_ptq",
    "finalize_with_report",
    "fold_quantized_prepacking_ops",
    "insert_prepack_unpack",
    "quant_fusion",
    "resolve_rules",
]

RulesArg = RuleSet | Sequence[Rule] | str | os.PathLike | None
"""A rule set, a sequence of rules, a `.qpat` file or directory, or None for the shipped rules."""


@dataclass(frozen=True)
class FinalizeResult:
    """The finalized module and what each stage rewrote."""

    module: torch.jit.ScriptModule | torch._C.ScriptModule
    """The frozen, fused module (the same kind as the input)."""
    prepack: tuple[Fusion, ...]
    """Prepack/unpack insertions on `forward`, in the order they were made. Fusion
    consumes the unpack, dequantize and op nodes they made (torch raises on access to
    a destroyed node); the prepack node, the first of each, stays."""
    fusion: tuple[Fusion, ...]
    """Fusions on `forward`, in the order they were made."""
    rewritten: torch._C.ScriptModule
    """The module before freezing, whose `forward` graph holds the nodes named in
    `prepack` and `fusion` (kept so that those nodes stay alive)."""


def resolve_rules(rules: RulesArg) -> RuleSet:
    """Turn any accepted `rules` argument into a RuleSet."""
    if rules is None:
        from .compiler import default_rules

        return default_rules()
    if isinstance(rules, RuleSet):
        return rules
    if isinstance(rules, (str, os.PathLike)):
        from .compiler import load_rules

        return load_rules(rules)
    if isinstance(rules, Rule):
        return RuleSet((rules,))
    if isinstance(rules, Iterable):
        items = tuple(rules)
        if all(isinstance(rule, Rule) for rule in items):
            return RuleSet(items)
    raise QdslError(
        f"rules must be a qdsl.RuleSet, a sequence of qdsl.Rule or a path to .qpat rules, "
        f"not {type(rules).__name__}")


def quant_fusion(graph: torch._C.Graph, quant_type: QuantType | int = QuantType.STATIC,
                 rules: RulesArg = None) -> list[Fusion]:
    """Fuse dequantize - op - quantize chains of `graph` in place (upstream QuantFusion)."""
    _check_graph(graph, "quant_fusion")
    quant_type_name = _quant_type_name(quant_type)
    stage_rules = _stage_rules(resolve_rules(rules), "fusion", quant_type_name)
    _warn_on_other_quant_type(graph, quant_type, quant_type_name, stacklevel=3)
    return apply_rules(graph, stage_rules, validate=True, record_sources=False)


def insert_prepack_unpack(graph_or_module, rules: RulesArg = None) -> list[Fusion]:
    """Insert prepack/unpack pairs in place (upstream InsertPrepackUnpack).

    On a graph, that graph; on a module, every method of it and, recursively, of its
    children, in upstream's order (a module shared by two parents is visited twice,
    as upstream does).
    """
    stage_rules = _stage_rules(resolve_rules(rules), "prepack", "any")
    if isinstance(graph_or_module, torch._C.Graph):
        return apply_rules(graph_or_module, stage_rules, validate=True, record_sources=False)
    c_module = _c_module(graph_or_module, "insert_prepack_unpack")
    fusions: list[Fusion] = []
    _insert_prepack_unpack_module(c_module, stage_rules, fusions)
    return fusions


def finalize(module, quant_type: QuantType | int = QuantType.STATIC, preserved_attrs: Sequence[str] = (),
             *, rules: RulesArg = None, inplace: bool = False, timings: dict[str, float] | None = None):
    """Drop-in for `torch._C._jit_pass_quant_finalize`; returns the frozen, fused module.

    With `timings`, each stage's seconds are added under `clear`, `prepack`, `fusion`,
    `freeze` and `fold` (for benchmarks).
    """
    return _finalize(module, quant_type, preserved_attrs, rules, inplace, timings).module


def finalize_with_report(module, quant_type: QuantType | int = QuantType.STATIC,
                         preserved_attrs: Sequence[str] = (), *, rules: RulesArg = None,
                         inplace: bool = False, timings: dict[str, float] | None = None) -> FinalizeResult:
    """`finalize`, also returning which rules fired where.

    Warns (torch's pass would accept it silently) when the graph clearly holds the other
    quantization than `quant_type` asks for: `QuantType.STATIC` is 1, `DYNAMIC` 0.
    """
    return _finalize(module, quant_type, preserved_attrs, rules, inplace, timings)


def _finalize(module, quant_type, preserved_attrs, rules, inplace, timings) -> FinalizeResult:
    c_module = _c_module(module, "finalize")
    quant_type_name = _quant_type_name(quant_type)
    preserved = _preserved_attrs(preserved_attrs)
    rule_set = resolve_rules(rules)
    prepack_rules = rule_set.for_stage("prepack", "any")
    fusion_rules = rule_set.for_stage("fusion", quant_type_name)
    if len(rule_set) and not prepack_rules and not fusion_rules:
        raise QdslError(f"the rule set has no prepack rules and no fusion rules for {quant_type_name} "
                        f"quantization (its rules: {', '.join(rule_set.names())})")
    work = c_module if inplace else clone_module(c_module)
    stage = _StageClock(timings)
    with stage("clear"):
        for method_name in work._method_names():
            clear_profiling_information(work._get_method(method_name).graph)
    graph = work._get_method("forward").graph
    _warn_on_other_quant_type(graph, quant_type, quant_type_name, stacklevel=4)
    with stage("prepack"):
        # The prepack nodes carry their layer's metadata into folding, which names it on failure.
        prepack = apply_rules(graph, prepack_rules, validate=True, record_sources=False, inherit_metadata=True)
    with stage("fusion"):
        fusion = apply_rules(graph, fusion_rules, validate=True, record_sources=False)
    with stage("freeze"):
        frozen = _freeze(work, preserved)
    with stage("fold"):
        _fold(frozen, (*prepack, *fusion), rule_set.foldable_ops())
    result = wrap_cpp_module(frozen) if isinstance(module, torch.jit.ScriptModule) else frozen
    return FinalizeResult(result, tuple(prepack), tuple(fusion), work)


class _StageClock:
    """Adds each stage's wall time to a caller's dict; does nothing without one."""

    def __init__(self, timings: dict[str, float] | None):
        self.timings = timings

    @contextlib.contextmanager
    def __call__(self, name: str):
        start = time.perf_counter()
        yield
        if self.timings is not None:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start


def clone_module(c_module: torch._C.ScriptModule) -> torch._C.ScriptModule:
    """A copy with its own class types, hence its own method graphs.

    `copy.copy`/`copy.deepcopy` of a ScriptModule share the class type, so editing a
    method graph of the "copy" edits the original's.
    """
    return torch._C._hack_do_not_use_clone_module_with_class(c_module, [], [])


def clear_profiling_information(graph: torch._C.Graph) -> None:
    """Erase tensor shape information (upstream ClearProfilingInformation).

    Tracing records the example inputs' shapes on every tensor value; the finalized
    module must not be specialized to them.
    """
    tensor = torch._C.TensorType.get()
    for value in graph.inputs():
        if value.type().isSubtypeOf(tensor):
            value.setType(tensor)
    for _, nodes, _ in blocks_depth_first(graph):
        for node in nodes:
            for position in range(node.outputsSize()):
                value = node.outputsAt(position)
                if value.type().isSubtypeOf(tensor):
                    value.setType(tensor)


def _insert_prepack_unpack_module(c_module: torch._C.ScriptModule, rules: Sequence[Rule],
                                  fusions: list[Fusion]) -> None:
    for method_name in c_module._method_names():
        fusions.extend(apply_rules(c_module._get_method(method_name).graph, rules, validate=True, record_sources=False))
    for _, child in torch._C.ModuleDict(c_module).items():
        _insert_prepack_unpack_module(child, rules, fusions)


def _freeze(c_module: torch._C.ScriptModule, preserved: list[str]) -> torch._C.ScriptModule:
    try:
        return torch._C._freeze_module(c_module, preserved)
    except RuntimeError as error:
        raise QdslError(f"freezing failed: {str(error).splitlines()[0]}") from None


def _warn_on_other_quant_type(graph: torch._C.Graph, quant_type, name: str, stacklevel: int) -> None:
    mismatch = quant_type_mismatch(graph, name)
    if mismatch is not None:
        other = "dynamic" if name == "static" else "static"
        value = QuantType.DYNAMIC if other == "dynamic" else QuantType.STATIC
        warnings.warn(f"{mismatch}, but quant_type={quant_type!r} asks for {name} quantization, so the {name} "
                      f"fusion rules run; for {other} quantization pass QuantType.{value.name} ({int(value)})",
                      UserWarning, stacklevel=stacklevel)


def _fold(frozen: torch._C.ScriptModule, rewrites: Sequence[Fusion], foldable_ops: Sequence[str]) -> None:
    """Fold the prepack ops; when one that a user's rule made cannot run, name the rule."""
    try:
        fold_quantized_prepacking_ops(frozen, foldable_ops)
    except QdslError as error:
        message = error.diagnostics[0].message
        culprit = next((f.rule for f in rewrites if not is_verified(f.rule)
                        and any(kind in message for kind in f.kinds if kind != "prim::Constant")), None)
        if culprit is None:
            raise
        raise QdslError(Diagnostic(culprit.location, f"rule {culprit.name} made a prepack op that torch cannot "
                                   f"run on this model: {message}")) from None


def _stage_rules(rule_set: RuleSet, stage: str, quant_type_name: str) -> tuple[Rule, ...]:
    selected = rule_set.for_stage(stage, quant_type_name)
    if len(rule_set) and not selected:
        stages = sorted({f"{rule.stage} {rule.quant_type}" for rule in rule_set})
        wanted = stage if stage == "prepack" else f"{stage} {quant_type_name}"
        raise QdslError(f"the rule set has no rules for stage {wanted}; its rules are for: {', '.join(stages)}")
    return selected


def _quant_type_name(quant_type) -> str:
    """`static` or `dynamic` for torch's QuantType (or its int); the C++ pass knows only these two."""
    if isinstance(quant_type, int) and not isinstance(quant_type, bool):
        if int(quant_type) == QuantType.STATIC:
            return "static"
        if int(quant_type) == QuantType.DYNAMIC:
            return "dynamic"
    raise QdslError(f"unknown quant type {quant_type!r}: expected QuantType.STATIC (1) or QuantType.DYNAMIC (0)")


def _preserved_attrs(preserved_attrs) -> list[str]:
    if preserved_attrs is None:
        return []
    if isinstance(preserved_attrs, str) or not all(isinstance(name, str) for name in preserved_attrs):
        raise QdslError(f"preserved_attrs must be a sequence of attribute names, got {preserved_attrs!r}")
    return list(preserved_attrs)


def _check_graph(graph, function: str) -> None:
    if not isinstance(graph, torch._C.Graph):
        raise QdslError(f"{function} expects a torch._C.Graph, got {type(graph).__name__}")


def _c_module(module, function: str) -> torch._C.ScriptModule:
    if isinstance(module, torch.jit.ScriptModule):
        c_module = module._c
    elif isinstance(module, torch._C.ScriptModule):
        c_module = module
    else:
        hint = " (script or trace it first, then quantize it with prepare_jit/convert_jit(debug=True))" \
            if isinstance(module, torch.nn.Module) else ""
        raise QdslError(f"{function} expects a torch.jit.ScriptModule or torch._C.ScriptModule, "
                        f"got {type(module).__name__}{hint}")
    if not c_module._has_method("forward"):
        raise QdslError(f"{function}: module of type {c_module._type().qualified_name()} has no forward method")
    return c_module



# ---------------------------------------------------------------- on-device PTQ

_OBSERVER_ATTRIBUTE_MARK = "_observer_"


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
    c_module = _c_module(module, "finalize_on_device_ptq")
    quant_type_name = _quant_type_name(quant_type)
    prefix = "quantize_"
    if not isinstance(method_name, str) or not method_name.startswith(prefix):
        raise QdslError(f"quantized ops can only be added to a quantize_<name> method, not {method_name!r}; "
                        f"run torch's quant/dequant insertion for on-device PTQ first")
    if not c_module._has_method(method_name):
        raise QdslError(f"module of type {c_module._type().qualified_name()} has no method {method_name}")
    quantized_name = "quantized_" + method_name[len(prefix):]
    rule_set = resolve_rules(rules)
    work = c_module if inplace else clone_module(c_module)
    for name in work._method_names():
        clear_profiling_information(work._get_method(name).graph)
    graph = work._get_method(method_name).graph
    for canonical_pass in (torch._C._jit_pass_cse, torch._C._jit_pass_dce, torch._C._jit_pass_peephole,
                           torch._C._jit_pass_constant_propagation, torch._C._jit_pass_constant_loop_unrolling,
                           torch._C._jit_pass_constant_pooling):
        canonical_pass(graph)
    apply_rules(graph, rule_set.for_stage("prepack", "any"), validate=True, record_sources=False)
    apply_rules(graph, rule_set.for_stage("fusion", quant_type_name), validate=True, record_sources=False)
    packed_param_names = _register_prepack_params(work, method_name)

    result = torch._C._hack_do_not_use_clone_module_with_class(work, [method_name], [])
    schema = work._get_method(method_name).schema
    quantize_graph = _add_method(result, method_name, schema, "None", graph)
    quantized_graph = _add_method(result, quantized_name, schema, schema.returns[0].type.annotation_str, graph)
    _remove_packed_param_insertion_and_fp_weight_set_attr(quantized_graph, packed_param_names)
    _remove_observer_call_methods(quantized_graph)
    _keep_only_packed_params_generation(quantize_graph)
    return wrap_cpp_module(result) if isinstance(module, torch.jit.ScriptModule) else result


def _register_prepack_params(c_module: torch._C.ScriptModule, method_name: str) -> set[str]:
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
    blocks = [graph.block()]
    while blocks:
        block = blocks.pop()
        for node in list(block.nodes()):
            blocks.extend(node.blocks())
            if node.kind() not in FOLDABLE_PREPACK_OPS:
                continue
            packed = node.output()
            uses = packed.uses()
            if len(uses) != 1:
                raise QdslError(f"packed params of {node.kind()} at {node.sourceRange().strip() or '?'} must be "
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
        raise QdslError(f"on-device PTQ supports linear weights only (as torch tests it), found {prepack.kind()}")
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
        raise QdslError(f"the input of {prepack.kind()} must be the output of weight quantization, "
                        f"found {quantize.kind()}")
    weight = quantize.inputsAt(0).node()
    if weight.kind() != "prim::GetAttr":
        raise QdslError(f"the weight quantized for {prepack.kind()} is not a module attribute "
                        f"(produced by {weight.kind()})")
    return weight.input(), weight.s("name")


def _module_access_path(value: torch._C.Value, self_value: torch._C.Value) -> list[str]:
    """Attribute names from `self` down to the module `value` (upstream getModuleAccessPath)."""
    path = []
    while value.unique() != self_value.unique() and value.node().kind() == "prim::GetAttr":
        path.append(value.node().s("name"))
        value = value.node().input()
    if value.unique() != self_value.unique():
        raise QdslError("cannot find the module access path of a weight: it is not reached from self")
    return path[::-1]


def _add_method(c_module: torch._C.ScriptModule, name: str, schema, returns: str,
                body: torch._C.Graph) -> torch._C.Graph:
    """Give `c_module` a method `name` with `schema`'s arguments whose graph is a copy of `body`.

    Python cannot add a graph as a method (upstream's cloneMethod is C++ only), so a
    stub with the wanted signature is compiled from a template and its graph replaced
    by `body`. `body` comes from a module whose class types `c_module`'s are clones of;
    module-typed values are retyped to `c_module`'s types.
    """
    from .templating import render_template

    arguments = list(schema.arguments)[1:]
    for argument in arguments:
        if argument.default_value is not None:
            raise QdslError(f"on-device PTQ of a method with default arguments ({argument.name}) is not supported")
    source = render_template(
        "method_stub.py.j2",
        name=name, returns=returns,
        arguments=[{"name": a.name, "annotation": a.type.annotation_str} for a in arguments])
    concrete_type = torch._C.ConcreteModuleType.from_jit_type(c_module._type())
    c_module._define(concrete_type, source, _annotation_resolver)
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
    import builtins
    import typing

    for namespace in (typing, torch, builtins):
        if hasattr(namespace, name):
            return getattr(namespace, name)
    return None


def _retype_modules(graph: torch._C.Graph, c_module: torch._C.ScriptModule) -> None:
    """Set each module-typed GetAttr output to the type of the submodule it reads in `c_module`."""
    self_value = next(iter(graph.inputs()))
    modules = {self_value.unique(): c_module}
    blocks = [graph.block()]
    while blocks:
        block = blocks.pop()
        for node in block.nodes():
            blocks.extend(node.blocks())
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
    for node in _all_nodes(graph):
        if node.kind() != "prim::SetAttr":
            continue
        path = "".join(f"{part}." for part in _module_access_path(node.inputsAt(0), self_value))
        if node.s("name") in names or path in names:
            doomed.append(node)
    _destroy(doomed)
    torch._C._jit_pass_constant_pooling(graph)
    torch._C._jit_pass_dce(graph)


def _remove_observer_call_methods(graph: torch._C.Graph) -> None:
    """Drop `calculate_qparams` calls on observers; DCE keeps calls because they may have effects."""
    doomed = [node for node in _all_nodes(graph)
              if node.kind() == "prim::CallMethod" and node.s("name") == "calculate_qparams"
              and node.inputsAt(0).node().kind() == "prim::GetAttr"
              and _OBSERVER_ATTRIBUTE_MARK in node.inputsAt(0).node().s("name")]
    _destroy(doomed)
    torch._C._jit_pass_dce(graph)


def _keep_only_packed_params_generation(graph: torch._C.Graph) -> None:
    """Make quantize_<name> return None, so DCE leaves only the packing and its SetAttrs."""
    for index in reversed(range(len(list(graph.outputs())))):
        graph.eraseOutput(index)
    none = graph.create("prim::Constant")
    none.output().setType(torch._C.NoneType.get())
    none.insertBefore(graph.return_node())
    graph.registerOutput(none.output())
    torch._C._jit_pass_dce(graph)


def _all_nodes(graph: torch._C.Graph) -> list[torch._C.Node]:
    """Every node, depth first (upstream DepthFirstGraphNodeIterator order)."""
    found = []

    def visit(block):
        for node in block.nodes():
            found.append(node)
            for sub in node.blocks():
                visit(sub)

    visit(graph.block())
    return found


def _destroy(nodes: list[torch._C.Node]) -> None:
    for node in nodes:
        node.removeAllInputs()
    for node in nodes:
        node.destroy()
