"""Differential tests: qdsl's engine against torch's own SubgraphRewriter and QuantFusion.

For guard-free rules torch's Python binding `_jit_pass_custom_pattern_based_rewrite_graph`
runs exactly upstream's rewriter on a rule's rendered IR; with `hoist_like_upstream=True`
qdsl must then print the very same graph (node order, wiring, value names). In qdsl's
default placement the only allowed difference is where a fused op goes when all its
inputs come from an enclosing block (upstream hoists it out of its branch or loop body).
"""

from __future__ import annotations

import functools
from collections import Counter

import pytest
import torch

import qdsl
from qdsl.backends.torchscript import FUSION_DYNAMIC, FUSION_STATIC
from qdsl.backends.torchscript.rewriter import apply_rules
from qdsl.core.engine import MatchStatus
from tests.support.graphs import node_kinds, nodes
from tests.support.harness import rewrite_with_torch
from tests.support.models import ZOO, cases, debug_copies
from tests.support.random_graphs import random_graph
from tests.support.rules import guard_free_rules

SEEDS = range(60)


def upstream_rewrites(graph: torch._C.Graph, rules) -> torch._C.Graph:
    return rewrite_with_torch(graph.copy(), rules)


def qdsl_rewrites(graph: torch._C.Graph, rules, **options) -> torch._C.Graph:
    copy = graph.copy()
    apply_rules(copy, rules, validate=True, **options)
    return copy


@pytest.mark.parametrize("seed", SEEDS)
def test_random_graph_matches_upstream_rewriter_exactly(seed):
    graph = random_graph(seed)
    rules = guard_free_rules()
    assert str(qdsl_rewrites(graph, rules, hoist_like_upstream=True)) == str(upstream_rewrites(graph, rules))


@pytest.mark.parametrize("seed", SEEDS)
def test_random_flat_graph_default_placement_is_upstream_placement(seed):
    graph = random_graph(seed, nested=False)
    rules = guard_free_rules()
    assert str(qdsl_rewrites(graph, rules)) == str(upstream_rewrites(graph, rules))


class AnchorBlocks:
    """The block of each matched anchor (blocks outlive the nodes a pass destroys)."""

    wants_partials = False

    def __init__(self):
        self.blocks = []

    def decided(self, decision):
        if decision.status is MatchStatus.MATCHED:
            self.blocks.append(decision.anchor.owningBlock())


@pytest.mark.parametrize("seed", SEEDS)
def test_random_nested_graph_fuses_the_same_ops_inside_their_blocks(seed):
    graph = random_graph(seed)
    rules = guard_free_rules()
    ours = graph.copy()
    for rule in rules:
        anchors = AnchorBlocks()
        rewrites = apply_rules(ours, [rule], validate=True, tracer=anchors)
        made = {node.outputsAt(0).debugName(): node for node in nodes(ours) if node.outputsSize()}
        assert [made[rewrite.outputs[-1]].owningBlock() for rewrite in rewrites] == anchors.blocks
    # one rule at a time the same ops fuse; in sequence qdsl may fuse more, because a
    # hoisted op no longer shares a block with its consumer (quantized::linear -> relu)
    for rule in rules:
        assert Counter(node_kinds(qdsl_rewrites(graph, [rule]))) == Counter(node_kinds(upstream_rewrites(graph, [rule])))


def test_random_graphs_exercise_every_rule_and_nesting():
    fired = Counter()
    nested = 0
    for seed in SEEDS:
        graph = random_graph(seed)
        nested += any(n.kind() in ("prim::If", "prim::Loop") for n in graph.nodes())
        fired.update(rewrite.rule.name for rewrite in apply_rules(graph, guard_free_rules()))
    assert set(fired) == {rule.name for rule in guard_free_rules()}
    assert nested > len(SEEDS) // 2


@functools.lru_cache(maxsize=None)
def prepacked_zoo_graph(name: str) -> torch._C.Graph:
    """A zoo model's forward graph as finalize's fusion stage sees it."""
    graph = debug_copies(name, 1)[0].graph
    torch._C._jit_pass_insert_prepack_unpack(graph)
    return graph


@pytest.mark.parametrize("model", cases(ZOO))
def test_zoo_graph_matches_upstream_rewriter_for_test_rules(model):
    graph = prepacked_zoo_graph(model.name)
    rules = guard_free_rules()
    assert str(qdsl_rewrites(graph, rules, hoist_like_upstream=True)) == str(upstream_rewrites(graph, rules))


@pytest.mark.parametrize("model", cases(ZOO))
def test_zoo_graph_matches_upstream_rewriter_for_shipped_guard_free_rules(model, shipped_rules):
    graph = prepacked_zoo_graph(model.name)
    stage = FUSION_STATIC if model.mode == "static" else FUSION_DYNAMIC
    rules = [r for r in shipped_rules.for_stage(stage) if r.guard is None]
    assert rules
    assert str(qdsl_rewrites(graph, rules, hoist_like_upstream=True)) == str(upstream_rewrites(graph, rules))


@pytest.mark.parametrize("model", cases(m for m in ZOO if not m.upstream_raises and m.mode == "static"))
def test_zoo_graph_fuses_like_torch_quant_fusion_with_shipped_rules(model):
    graph = prepacked_zoo_graph(model.name)
    upstream = graph.copy()
    torch._C._jit_pass_quant_fusion(upstream)
    assert str(qdsl_rewrites(graph, qdsl.default_rules().for_stage(FUSION_STATIC))) == str(upstream)
