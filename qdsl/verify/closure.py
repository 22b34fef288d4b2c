"""A rule made runnable on its own: packed-parameter captures made by the rule set's prepack rules.

A fusion rule captures packed weights (`packed : Conv2dPackedParamsBase`) that only a
prepack op can make. The rule set says how: some rule's replacement makes a value of that
type and unpacks it with the op this rule's pattern unpacks it with (the prepack rule).
The closed rule prepends that packing call to both sides: the packed capture becomes the
packing call's output, and the packing call's inputs become captures, shared with the rule
where unifying the prepack rule's replacement with this rule's pattern relates them (the
conv's `stride` is the prepack's `stride`), fresh otherwise (`packed.w`, the weight). Each
side makes its own packed object, so no kernel state is shared between the two runs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..core.patterns import Constant, PatternGraph, PatternNode, PatternValue
from ..core.rules import Rule
from ..ops.registry import LIST_CONSTRUCT


@dataclass(frozen=True)
class ListOf:
    """A packing argument the rule's pattern builds as a list of its captures (`[s0, s1]`)."""

    names: tuple[str, ...]
    """The captures, in order."""
    node: PatternNode
    """The pattern's list construction (its op and overload are reused)."""

    def __str__(self) -> str:
        return f"[{', '.join(self.names)}]"


@dataclass(frozen=True)
class Packing:
    """How one packed capture of a rule is made."""

    capture: str
    """The rule's packed capture (`packed`)."""
    maker: Rule
    """The prepack rule whose replacement makes it."""
    node: int
    """The packing call's index in `maker.replacement`."""
    arguments: tuple[str | Constant | ListOf, ...]
    """The closed rule's captures (or the prepack rule's literals, or lists the rule builds of its
    captures) passed to the packing call."""
    fresh: tuple[tuple[str, str], ...]
    """(closed capture, the prepack rule's capture) for the packing inputs this rule does not share."""
    shared: tuple[tuple[str, str], ...] = ()
    """(closed capture, the prepack rule's capture) for the values unifying related."""


@dataclass(frozen=True)
class ClosedRule:
    """A rule whose packed captures are made from plain captures: both sides run on drawn values."""

    rule: Rule
    """The rule verified."""
    pattern: PatternGraph
    """The pattern, with the packing calls first; its captures are the closed captures."""
    replacement: PatternGraph
    """The replacement, with its own packing calls; the same captures in the same order."""
    packings: tuple[Packing, ...]
    """One per packed capture."""
    unmade: tuple[str, ...]
    """Packed captures no rule makes (the rule cannot be run)."""
    literals: tuple[tuple[str, tuple[Constant, ...]], ...] = ()
    """Captures and the literals rules of the set write in their place, where their
    replacement makes a call this pattern matches (`\"sum\"` for the binary post-op of a
    `qconv2d_pointwise.binary(...)`): values the captures take in the graphs the rule sees."""

    def evidence(self, capture: str) -> tuple[tuple[PatternGraph, int], ...]:
        """Graphs and value indices showing how a capture is used: in the closed pattern, and for
        a packing input also in its prepack rule's pattern (where `dq(w)` shows `w` is quantized)."""
        found = [(self.pattern, self.pattern.index_of[capture])]
        for packing in self.packings:
            for closed, original in packing.fresh + packing.shared:
                if closed == capture and original in packing.maker.pattern.index_of:
                    found.append((packing.maker.pattern, packing.maker.pattern.index_of[original]))
        return tuple(found)


def close(rule: Rule, makers: tuple[Rule, ...]) -> ClosedRule:
    """`rule` with each packed capture made by the first of `makers` that makes it: a
    capture of a packed-parameters type, or one standing where a maker's `fold` call's
    result stands in the maker's replacement."""
    packings, unmade = [], []
    for index in rule.pattern.inputs:
        value = rule.pattern.values[index]
        packing = _packing_for(rule, value.name, makers)
        if packing is not None:
            packings.append(packing)
        elif is_packed_type(value.type):
            unmade.append(value.name)
    literals = _literals(rule, makers)
    if not packings:
        return ClosedRule(rule, rule.pattern, rule.replacement, (), tuple(unmade), literals)
    return ClosedRule(rule, _prepend(rule.pattern, rule, packings), _prepend(rule.replacement, rule, packings),
                      tuple(packings), tuple(unmade), literals)


def _literals(rule: Rule, makers: tuple[Rule, ...]) -> tuple[tuple[str, tuple[Constant, ...]], ...]:
    """`ClosedRule.literals`: unify each maker's replacement result with the pattern's calls
    of its op and overload, and collect the maker's literals standing at pattern captures."""
    pattern = rule.pattern
    found: dict[int, dict[Constant, None]] = {}
    for maker in makers:
        graph = maker.replacement
        root = graph.producers[graph.outputs[0]] if maker is not rule and graph.outputs else None
        if root is None:
            continue
        for node in pattern.nodes:
            if node.op == graph.nodes[root].op and node.overload == graph.nodes[root].overload:
                placed: dict[int, Constant] = {}
                if _unify(graph, pattern, graph.outputs[0], node.outputs[0], None, -1, {}, [], placed):
                    for value, literal in placed.items():
                        found.setdefault(value, {})[literal] = None
    return tuple((pattern.values[value].name, tuple(literals)) for value, literals in found.items())


QUANTIZED_TENSOR_OPS = frozenset({"aten::quantize_per_tensor", "aten::quantize_per_channel", "aten::dequantize"})
"""aten ops that make or take torch's quantized tensors, whose kernels the quantized engine picks."""


def engine_dependent(closed: ClosedRule) -> bool:
    """Whether the quantized engine can change the rule's results: it runs `quantized::` ops or
    torch's quantized tensors (a PT2E rule's plain integer tensors and oneDNN calls do not)."""
    return any(node.op.startswith("quantized::") or node.op in QUANTIZED_TENSOR_OPS
               for graph in (closed.pattern, closed.replacement) for node in graph.nodes)


def is_packed_type(type_text: str) -> bool:
    """A custom class of torch (packed weights), which no value drawn at random can be."""
    return type_text.startswith("__torch__.")


def _packing_for(rule: Rule, capture: str, makers: tuple[Rule, ...]) -> Packing | None:
    pattern = rule.pattern
    index = pattern.index_of[capture]
    packed_type = is_packed_type(pattern.values[index].type)
    consumers = {node.op for node in pattern.nodes if index in node.inputs}
    if not consumers:
        return None
    for maker in makers:
        if maker is rule:
            continue
        graph = maker.replacement
        for position, node in enumerate(graph.nodes):
            if not node.outputs or node.constant is not None:
                continue
            if packed_type:
                made = node.outputs[0]
                if graph.values[made].type != pattern.values[index].type or not _unpacked_alike(graph, made, consumers):
                    continue
            elif node.op not in maker.folds:
                continue
            shared = _unify_root(graph, pattern, position, index)
            if shared is None and not packed_type:
                continue
            return _packing(capture, maker, position, shared or {}, pattern)
    return None if packed_type else _passed_on(rule, capture, makers)


def _passed_on(rule: Rule, capture: str, makers: tuple[Rule, ...]) -> Packing | None:
    """The packing of `capture` when a maker's replacement makes the call it is passed to from a
    capture of its own (a later stage's kernel, `qlinear_pointwise.binary(x, .., w, ..)`, made by
    a rule whose pattern takes the packed `w` an earlier rule folded): that capture's packing,
    its captures renamed to the ones unifying relates them to."""
    pattern = rule.pattern
    index = pattern.index_of[capture]
    for maker in makers:
        if maker is rule:
            continue
        graph = maker.replacement
        binding = _unify_root(graph, pattern, None, index)
        theirs = next((mine for mine, value in (binding or {}).items() if value == index), None)
        if theirs is None:
            continue
        inner = _packing_for(maker, graph.values[theirs].name, tuple(m for m in makers if m is not maker))
        if inner is None:
            continue
        renamed = {graph.values[mine].name: pattern.values[value].name for mine, value in binding.items()
                   if pattern.producers[value] is None}
        rename = lambda name: renamed.get(name, f"{capture}.{name.partition('.')[2] or name}")
        arguments = tuple(rename(a) if isinstance(a, str) else
                          replace(a, names=tuple(map(rename, a.names))) if isinstance(a, ListOf) else a
                          for a in inner.arguments)
        kept = tuple(pair for pair in inner.shared if pair[0] in renamed)
        unkept = tuple(pair for pair in inner.shared if pair[0] not in renamed)
        return Packing(capture, inner.maker, inner.node, arguments,
                       tuple((rename(closed), original) for closed, original in inner.fresh + unkept),
                       tuple((rename(closed), original) for closed, original in kept))
    return None


def _packing(capture: str, maker: Rule, position: int, shared: dict[int, int], pattern: PatternGraph) -> Packing | None:
    graph = maker.replacement
    arguments: list[str | Constant | ListOf] = []
    fresh, kept = [], []
    for input_index in graph.nodes[position].inputs:
        name = graph.values[input_index].name
        producer = graph.producers[input_index]
        if producer is not None and graph.nodes[producer].constant is not None:
            arguments.append(graph.nodes[producer].constant)
        elif producer is not None:
            return None
        elif input_index in shared and pattern.producers[shared[input_index]] is None:
            arguments.append(pattern.values[shared[input_index]].name)
        elif input_index in shared and (built := _list_of_captures(pattern, shared[input_index])) is not None:
            arguments.append(built)
        else:
            arguments.append(f"{capture}.{name}")
            fresh.append((f"{capture}.{name}", name))
    for mine, theirs in shared.items():
        if pattern.producers[theirs] is None and graph.producers[mine] is None:
            kept.append((pattern.values[theirs].name, graph.values[mine].name))
    return Packing(capture, maker, position, tuple(arguments), tuple(dict.fromkeys(fresh)), tuple(kept))


def _list_of_captures(pattern: PatternGraph, value: int) -> ListOf | None:
    """The list `value` as the pattern builds it of captures, if it does."""
    node = pattern.nodes[pattern.producers[value]]
    if node.op != LIST_CONSTRUCT or any(pattern.producers[item] is not None for item in node.inputs):
        return None
    return ListOf(tuple(pattern.values[item].name for item in node.inputs), node)


def _unpacked_alike(graph: PatternGraph, made: int, unpackers: set[str]) -> bool:
    """The maker's replacement consumes the packed value with an op the rule's pattern uses on it."""
    consumers = {node.op for node in graph.nodes if made in node.inputs}
    return not unpackers or bool(consumers & unpackers)


def _unify_root(maker: PatternGraph, pattern: PatternGraph, packing_node: int | None,
                packed: int) -> dict[int, int] | None:
    """Maker captures -> pattern values, from unifying the maker's replacement result with some
    node of `pattern`, the packing call's result standing for the packed capture (with no
    packing node: any unifying node); None when no node unifies so."""
    root = maker.producers[maker.outputs[0]]
    if root is None:
        return None
    for node in pattern.nodes:
        if node.op != maker.nodes[root].op:
            continue
        binding: dict[int, int] = {}
        cut: list[bool] = []
        if _unify(maker, pattern, maker.outputs[0], node.outputs[0], packing_node, packed, binding, cut) \
                and (cut or packing_node is None):
            return binding
    return None


def _unify(maker: PatternGraph, pattern: PatternGraph, mine: int, theirs: int, packing_node: int | None,
           packed: int, binding: dict[int, int], cut: list[bool], placed: dict[int, Constant] | None = None) -> bool:
    """Whether the maker's value `mine` can be the pattern's `theirs`; `binding` gets the maker's
    captures, `placed` the maker's literals standing where the pattern has a capture."""
    producer = maker.producers[mine]
    if producer is None:
        return binding.setdefault(mine, theirs) == theirs
    if producer == packing_node:
        cut.append(theirs == packed)
        return theirs == packed
    their_producer = pattern.producers[theirs]
    if their_producer is None:
        if placed is not None and maker.nodes[producer].constant is not None:
            placed[theirs] = maker.nodes[producer].constant
        return True  # a capture of the pattern matches whatever the maker computes there
    node, their_node = maker.nodes[producer], pattern.nodes[their_producer]
    if node.constant is not None or their_node.constant is not None:
        return node.constant == their_node.constant
    if node.op != their_node.op or len(node.inputs) != len(their_node.inputs):
        return False
    if node.outputs.index(mine) != their_node.outputs.index(theirs):
        return False
    return all(_unify(maker, pattern, a, b, packing_node, packed, binding, cut, placed)
               for a, b in zip(node.inputs, their_node.inputs))


def _prepend(graph: PatternGraph, rule: Rule, packings: list[Packing]) -> PatternGraph:
    """`graph` with the packing calls first: packed captures replaced by their outputs, the
    packing inputs added as captures (after the rule's own, in order of first appearance)."""
    packed = {p.capture for p in packings}
    capture_values = [rule.pattern.values[i] for i in rule.pattern.inputs if rule.pattern.values[i].name not in packed]
    known = {value.name for value in capture_values}
    for packing in packings:
        maker_graph = packing.maker.replacement
        for closed, original in packing.fresh:
            if closed not in known:
                known.add(closed)
                source = maker_graph.value(original)
                capture_values.append(PatternValue(closed, source.type, source.span))
    values = list(capture_values)
    index_of = {value.name: position for position, value in enumerate(values)}
    nodes = []
    for packing in packings:
        node = packing.maker.replacement.nodes[packing.node]
        for argument in packing.arguments:
            if isinstance(argument, Constant):
                index_of[f"{packing.capture}.{argument}"] = len(values)
                values.append(PatternValue(f"{packing.capture}.{argument}", "", node.span))
                nodes.append(PatternNode("", "", (), (len(values) - 1,), node.span, constant=argument))
        for argument in packing.arguments:
            if isinstance(argument, ListOf) and str(argument) not in index_of:
                index_of[str(argument)] = len(values)
                values.append(PatternValue(str(argument), "", argument.node.span))
                nodes.append(replace(argument.node, inputs=tuple(index_of[name] for name in argument.names),
                                     outputs=(index_of[str(argument)],)))
        made = packing.maker.replacement.values[node.outputs[0]]
        outputs = []
        for output in node.outputs:
            source = packing.maker.replacement.values[output]
            name = packing.capture if output == node.outputs[0] else f"{packing.capture}.{source.name}"
            index_of[name] = len(values)
            values.append(PatternValue(name, made.type if output == node.outputs[0] else source.type, source.span))
            outputs.append(index_of[name])
        nodes.append(PatternNode(node.op, node.overload,
                                 tuple(index_of[a if isinstance(a, str) else str(a) if isinstance(a, ListOf)
                                                else f"{packing.capture}.{a}"] for a in packing.arguments),
                                 tuple(outputs), node.span, node.argument_names, None, node.macro))
    remap = {}
    for index, value in enumerate(graph.values):
        if graph.producers[index] is None:
            remap[index] = index_of[value.name]
        else:
            remap[index] = len(values)
            values.append(value)
    for node in graph.nodes:
        nodes.append(PatternNode(node.op, node.overload, tuple(remap[i] for i in node.inputs),
                                 tuple(remap[i] for i in node.outputs), node.span, node.argument_names,
                                 node.constant, node.macro))
    return PatternGraph(tuple(values), tuple(nodes), tuple(range(len(capture_values))),
                        tuple(remap[i] for i in graph.outputs))
