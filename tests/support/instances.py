"""A rule's pattern as a real graph: what torch's passes and qdsl's engine must agree on.

`instantiate` parses a rule's rendered pattern and binds its guard's variables to values
the guard accepts (or, `rejecting_instances`, to values it must reject); `module_running`
makes a scripted module whose `forward` is such a graph, for the passes reachable from
Python only through finalize.
"""

from __future__ import annotations

import torch

import qdsl
from qdsl.core.guards import Call, Compare, operands

from .models import clone


def guard_terms(guard) -> tuple:
    """The conjuncts of a guard (the shipped guards are conjunctions of `==`, `is_scalar` and
    `consumed_by`)."""
    if guard is None:
        return ()
    terms = operands(guard)
    for term in terms:
        assert (isinstance(term, Compare) and term.op == "eq") or (
            isinstance(term, Call) and term.name in ("is_scalar", "consumed_by")), \
            f"unsupported guard in a shipped rule: {guard}"
    return terms


def upstream_has(term) -> bool:
    """Whether upstream's pattern has this guard term as a match filter (`consumed_by` is
    qdsl's: upstream fuses whoever reads the tensor later)."""
    return not (isinstance(term, Call) and term.name == "consumed_by")


def _rejecting_values(term: Compare) -> list:
    """Constants the `==` atom must reject: another value, and the same number as the other kind."""
    value = term.literal.value
    if term.literal.kind == "int":
        return [value + 1, float(value)]
    if term.literal.kind == "float":
        return [value + 1.0, int(value)]
    return [0]


def instantiate(ir: str, guard, rejected: tuple | None = None) -> torch._C.Graph:
    """`ir` as a graph whose guard variables hold values the guard accepts.

    `rejected = (term, value)` replaces one atom's value by one it must reject (for
    `is_scalar`: the value is a Tensor input; for `consumed_by(a, t)`: `a` is also
    returned). The other inputs are typed as their consumers' schemas say (qparams are
    numbers), as in a real graph; `a` of `consumed_by(a, t)` is made by a call (a clone of
    an input), as a graph's temporaries are.
    """
    graph = torch._C.parse_ir(ir)
    schema_typed_inputs(graph)
    bindings = {}
    for term in guard_terms(guard):
        if isinstance(term, Compare):
            bindings[term.var] = ("constant", term.literal.value)
        elif term.name == "consumed_by":
            bindings[term.args[0]] = ("made", False)
        else:
            bindings[term.args[0]] = ("type", torch._C.FloatType.get())
    if rejected is not None:
        term, value = rejected
        if isinstance(term, Compare):
            bindings[term.var] = ("constant", value)
        elif term.name == "consumed_by":
            bindings[term.args[0]] = ("made", True)
        else:
            bindings[term.args[0]] = ("type", torch._C.TensorType.get())
    inputs = list(graph.inputs())
    first = next(iter(graph.nodes()))
    for position in reversed(range(len(inputs))):
        value = inputs[position]
        binding = bindings.get(value.debugName())
        if binding is None:
            continue
        if binding[0] == "type":
            value.setType(binding[1])
            continue
        if binding[0] == "made":
            _made_by_a_call(graph, value, first, returned=binding[1])
            continue
        with graph.insert_point_guard(first):
            constant = graph.insertConstant(binding[1])
        value.replaceAllUsesWith(constant)
        graph.eraseInput(position)
    return graph


def _made_by_a_call(graph: torch._C.Graph, value: torch._C.Value, first: torch._C.Node, returned: bool) -> None:
    """`value`'s uses read a clone of it instead (also returned by the graph, when `returned`)."""
    with graph.insert_point_guard(first):
        none = graph.insertConstant(None)
        made = graph.insertNode(graph.create("aten::clone", [value, none]))
    made.output().setType(value.type())
    value.replaceAllUsesAfterNodeWith(made, made.output())
    if returned:
        graph.registerOutput(made.output())


def rejecting_instances(rule: qdsl.Rule) -> list[tuple[str, tuple]]:
    cases = []
    for term in guard_terms(rule.guard):
        if isinstance(term, Compare):
            cases += [(f"{term.var}={v!r}", (term, v)) for v in _rejecting_values(term)]
        elif term.name == "consumed_by":
            cases.append((f"{term.args[0]}:read-later", (term, None)))
        else:
            cases.append((f"{term.args[0]}:Tensor", (term, None)))
    return cases


class _Holder(torch.nn.Module):
    def forward(self, x):
        return x


def schema_typed_inputs(graph: torch._C.Graph) -> None:
    """Type non-Tensor inputs as their consumer's schema says (freezing's alias analysis
    needs a schema match); `parse_ir` types every unannotated input as Tensor."""
    for value in graph.inputs():
        for use in value.uses():
            schemas = [s for s in torch._C._jit_get_schemas_for_operator(use.user.kind())
                       if len(s.arguments) == use.user.inputsSize()]
            schemas.sort(key=lambda s: s.overload_name != "")
            if schemas:
                wanted = schemas[0].arguments[use.offset].type
                if not wanted.isSubtypeOf(torch._C.TensorType.get()):
                    value.setType(wanted)


def module_running(ir: str) -> torch.jit.ScriptModule:
    """A scripted module whose `forward` graph is `ir` (after `self`)."""
    module = clone(torch.jit.script(_Holder()))  # scripting reuses one class type: clone it
    graph = module.graph
    pattern = torch._C.parse_ir(ir)
    schema_typed_inputs(pattern)
    first = list(graph.inputs())[1]
    extra = [graph.addInput() for _ in range(len(list(pattern.inputs())) - 1)]
    for added, original in zip([first, *extra], pattern.inputs()):
        added.setType(original.type())
    graph.eraseOutput(0)
    with graph.insert_point_guard(graph.return_node()):
        outputs = graph.insertGraph(pattern, [first, *extra])
    for output in outputs:
        graph.registerOutput(output)
    return module
