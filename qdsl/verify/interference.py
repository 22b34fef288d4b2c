"""Stateful kernels: replacements sharing one packed weight, run in sequence, against fresh runs.

A packed weight is an object kernels may cache things in (oneDNN keeps a primitive built
on the first call). Graphs share one packed weight between several fused calls, so each
pair of rules whose replacements take the same kind of packed weight (made by the same
packing op) runs A then B, and B then A, on one packed weight, with equal and with
different output qparams; each result must equal the same call on a fresh packed weight.
A difference is the kernel's bug: each call alone is what its rule verified.
"""

from __future__ import annotations

import random

from . import interpret
from .closure import ClosedRule, ListOf
from .compare import compare
from .describe import difference_text
from .draws import Draws
from .guarding import GuardMode
from .progress import Progress
from .results import KernelFinding
from .sampler import Rejected, Sample, Sampler, copy
from .trial import same

TRIALS_PER_PAIR = 3
"""Shared-weight sequences tried per ordered pair of rules and qparams choice."""
ATTEMPTS = 12
"""Draws tried to find each sequence's samples."""


def interference(group: list[ClosedRule], engine: str, seed: int, progress: Progress) -> list[KernelFinding]:
    """Findings of running the replacements of one group's rules in sequence on one packed weight
    (a sample that crashed before is skipped, the pair goes on with the next)."""
    findings = []
    for first in group:
        for then in group:
            if first is then:
                continue
            for qparams in ("equal", "different"):
                key = f"{seed}:{first.rule.name}:{then.rule.name}:{engine}:{qparams}"
                finding = _pair(first, then, engine, qparams, key, progress)
                if finding is not None:
                    findings.append(finding)
    return findings


def groups(closed: tuple[ClosedRule, ...]) -> list[list[ClosedRule]]:
    """Rules with one packed capture that their replacement hands to a kernel, by packing op;
    one rule per distinct replacement."""
    groups: dict[str, dict[tuple, ClosedRule]] = {}
    for rule in closed:
        if len(rule.packings) != 1 or rule.unmade:
            continue
        packing = rule.packings[0]
        packing_op = packing.maker.replacement.nodes[packing.node].op
        replacement = rule.rule.replacement
        packed = replacement.index_of[packing.capture]
        if not any(packed in node.inputs and not node.op.endswith("_unpack") for node in replacement.nodes):
            continue
        signature = tuple((node.op, node.overload) for node in replacement.nodes)
        groups.setdefault(packing_op, {}).setdefault(signature, rule)
    return [list(group.values()) for group in groups.values() if len(group) > 1]


def _pair(first: ClosedRule, then: ClosedRule, engine: str, qparams: str, key: str,
          progress: Progress) -> KernelFinding | None:
    seeds = random.Random(key)
    first_sampler, then_sampler = Sampler(first, engine), Sampler(then, engine)
    attempt = 0
    for _ in range(TRIALS_PER_PAIR):
        pair = None
        while pair is None and attempt < ATTEMPTS * TRIALS_PER_PAIR:
            attempt += 1
            if progress.attempt(key, attempt):
                pair = _samples(first_sampler, then_sampler, qparams, seeds)
        if pair is None:
            return None
        for order in (pair, pair[::-1]):
            finding = _sequence(order, engine, qparams)
            if finding is not None:
                return finding
    return None


def _samples(first: Sampler, then: Sampler, qparams: str, seeds: random.Random) -> tuple | None:
    """A sample of each rule, the second sharing the first's values wherever they share a name
    (so both make the same packed weight); for `different`, with other output qparams."""
    try:
        sample = first.sample(Draws(seed=seeds.randrange(2**62)), GuardMode(roomy=True))
        names = [first.graph.values[index].name for index in first.graph.inputs]
        shared = dict(zip(names, sample.captures))
        packed_from = _packing_values(first, sample)
        for argument, value in zip(then.closed.packings[0].arguments, packed_from):
            if isinstance(argument, str):
                shared[argument] = value
            elif isinstance(argument, ListOf):
                if not isinstance(value, list) or len(value) != len(argument.names):
                    return None
                shared.update(zip(argument.names, value))
        if qparams == "different":
            for name in _output_qparams(then):
                if name in shared and isinstance(shared[name], float):
                    shared[name] = shared[name] * 1.25
                elif name in shared and isinstance(shared[name], int) and not isinstance(shared[name], bool):
                    shared[name] = (shared[name] + 7) % 128
        other = then.sample(Draws(seed=seeds.randrange(2**62)), GuardMode(roomy=True), fixed=shared)
    except Rejected:
        return None
    return (first, sample), (then, other)


def _packing_values(sampler: Sampler, sample: Sample) -> list:
    """The values the sample's packing call took (so that another rule's sample packs alike)."""
    return [sample.pattern[index] for index in _packing_node(sampler).inputs]


def _output_qparams(sampler: Sampler) -> set[str]:
    """Captures passed as the scale or zero point of a quantize in the pattern."""
    graph = sampler.graph
    return {graph.values[value].name for node in graph.nodes if node.op == "aten::quantize_per_tensor"
            for value in node.inputs[1:3] if graph.producers[value] is None}


def _sequence(order, engine: str, qparams: str) -> KernelFinding | None:
    """Run both replacements on one packed weight; a finding when the second result differs
    from the same call on a fresh weight."""
    (first_sampler, first_sample), (then_sampler, then_sample) = order
    packing = first_sampler.closed.packings[0]
    packed = _packed(first_sampler, first_sample)
    _call(first_sampler, first_sample, packed)
    shared_result = _call(then_sampler, then_sample, packed)
    fresh_result = _call(then_sampler, then_sample, _packed(then_sampler, then_sample))
    if shared_result is None or fresh_result is None or same(shared_result, fresh_result):
        return None
    difference = compare(fresh_result, shared_result)
    first_op, then_op = _kernel(first_sampler), _kernel(then_sampler)
    return KernelFinding(
        engine, "stateful",
        f"{then_op} after {first_op} on one packed weight ({qparams} output qparams) differs from a fresh "
        f"packed weight: {difference_text(difference)}",
        (first_sampler.closed.rule.name, then_sampler.closed.rule.name),
        (f"{packing.capture} = {_packing_node(first_sampler).op}(...) made once, then "
         f"{first_op} (rule {first_sampler.closed.rule.name}) and {then_op} (rule {then_sampler.closed.rule.name})",))


def _packing_node(sampler: Sampler):
    graph = sampler.graph
    return graph.nodes[graph.producers[graph.index_of[sampler.closed.packings[0].capture]]]


def _packed(sampler: Sampler, sample: Sample):
    """A new packed weight made from the sample's captures (and the packing call's literals and
    lists, as the pattern's run computed them)."""
    graph = sampler.graph
    node = _packing_node(sampler)
    values = dict(zip(graph.inputs, sample.captures))
    arguments = [copy(values[index] if index in values else sample.pattern[index]) for index in node.inputs]
    return interpret.run_node(node, arguments)[0]


def _call(sampler: Sampler, sample: Sample, packed):
    """The rule's own replacement (packed capture and all) on the sample, given `packed`."""
    rule = sampler.closed.rule
    graph = rule.replacement
    values = {sampler.graph.values[index].name: value for index, value in zip(sampler.graph.inputs, sample.captures)}
    packing = sampler.closed.packings[0]
    inputs = [packed if graph.values[index].name == packing.capture else copy(values[graph.values[index].name])
              for index in graph.inputs]
    try:
        env = interpret.evaluate(graph, inputs)
    except (interpret.MissingKernel, interpret.NodeFailed, interpret.KnownCrash):
        return None
    return interpret.outputs(graph, env)


def _kernel(sampler: Sampler) -> str:
    rule = sampler.closed.rule
    packed = rule.replacement.index_of[sampler.closed.packings[0].capture]
    return next(node.op for node in rule.replacement.nodes if packed in node.inputs)
