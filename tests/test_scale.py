"""Scale: a 5,000-rule file compiles, and a 20,000-node graph finalizes like torch's pass.

Growth is asserted on counted work (function calls, tests/support/counted_work.py), never on
time: 10x the input may make at most 12x the calls, which catches a quadratic
regression on any machine load. Speed is measured in bench/.
"""

from __future__ import annotations

import itertools
import sys
import warnings

import pytest
import torch
from torch import nn
from torch.ao.quantization import default_qconfig
from torch.ao.quantization.quantize_jit import convert_jit, prepare_jit

import qdsl
from qdsl.backends.torchscript.compiled import rendered
from tests.support.counted_work import calls_made
from tests.support.fuzzing import assert_ir_is_only_identifiers
from tests.support.graphs import node_kinds
from tests.support.harness import finalized_by_torch
from tests.support.models import clone
from tests.support.rule_sources import generated_source

pytestmark = pytest.mark.slow

def _compile_quietly(text: str, filename: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return qdsl.compile_source(text, filename)


def test_a_5000_rule_file_compiles():
    rules = _compile_quietly(generated_source(5000), "generated_5000.qpat")
    assert len(rules) == 5000
    assert rules.names()[:3] == ("conv0", "conv0relu", "add1")
    for rule in rules.rules[::997]:
        for ir in rendered(rule):
            assert_ir_is_only_identifiers(ir)
    last_add = [name for name in rules.names() if name.startswith("add")][-1]
    index = int(last_add[3:])
    assert index > 4000
    assert str(rules[last_add].guard) == f"alpha == {index} and not is_none(b)"


def test_compile_work_grows_linearly_with_the_rule_count():
    runs = itertools.count()

    def compile_rules(count: int):
        text = generated_source(count)
        # A new file name each run: the compiler caches results by name and text.
        return lambda: _compile_quietly(text, f"generated_{count}_{next(runs)}.qpat")

    small, large = calls_made([compile_rules(100), compile_rules(1000)])
    assert large < 12 * small, (small, large)


class _Block(nn.Module):
    """linear -> relu -> linear -> relu, plus a residual add: three rule families."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 4)
        self.fc2 = nn.Linear(4, 4)

    def forward(self, x):
        return torch.relu(self.fc2(torch.relu(self.fc1(x)))) + x


def _deep_debug_module(min_nodes: int) -> torch.jit.ScriptModule:
    """A real convert_jit(debug=True) module whose forward repeats its block's graph
    until it has `min_nodes` nodes: each copy reads the same weights and qparams and
    feeds the next, so it is one 20,000-node chain."""
    torch.manual_seed(0)
    prepared = prepare_jit(torch.jit.script(_Block().eval()), {"": default_qconfig})
    for seed in range(3):
        prepared(torch.randn(1, 4, generator=torch.Generator().manual_seed(seed)))
    debug = convert_jit(prepared, debug=True)
    graph = debug.graph
    block = graph.copy()
    self_value = next(iter(graph.inputs()))
    block_nodes = len(list(block.nodes()))
    for _ in range(-(-min_nodes // block_nodes) - 1):
        with graph.insert_point_guard(graph.return_node()):
            output, = graph.insertGraph(block, [self_value, graph.return_node().inputsAt(0)])
        graph.return_node().replaceInput(0, output)
    graph.lint()
    return debug


def test_a_20000_node_graph_finalizes_like_torch_without_recursion_errors():
    debug = _deep_debug_module(20_000)
    assert len(node_kinds(debug.graph)) >= 20_000
    theirs_input = clone(debug)
    limit = sys.getrecursionlimit()
    ours = qdsl.finalize(debug)
    assert sys.getrecursionlimit() == limit
    theirs = finalized_by_torch(theirs_input, 1)
    assert node_kinds(ours.graph) == node_kinds(theirs.graph)
    assert node_kinds(ours.graph).count("quantized::linear_relu") >= 800
    for seed in range(2):
        x = torch.randn(1, 4, generator=torch.Generator().manual_seed(seed))
        assert torch.equal(ours(x), theirs(x))


def test_finalize_work_grows_linearly_with_the_graph():
    small, large = _deep_debug_module(2_000), _deep_debug_module(20_000)
    small_calls, large_calls = calls_made([lambda: qdsl.finalize(small), lambda: qdsl.finalize(large)])
    assert large_calls < 12 * small_calls, (small_calls, large_calls)
