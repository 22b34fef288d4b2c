"""Engine and driver properties on random graphs and real modules (hypothesis).

- On random quantization-shaped graphs (tests/support/random_graphs.py) with the shipped
  and the engine's test rules: the rewritten graph lints, and the pass with explain's
  tracer attached (every decision, the partial candidates too) rewrites exactly as the
  pass without one.
- On random *runnable* quantized graphs built here from the ops of the numerically
  exact shipped rules (nearest upsampling, which only selects elements, and `cat` of
  tensors that share the output's qparams, which only copies them), with values used
  outside a candidate match and chains inside `prim::If` branches: the rewritten graph
  lints and gives bit-identical outputs on random inputs. (The scalar add/mul rules are
  not exact: the fused kernels choose their own output qparams.)
"""

from __future__ import annotations

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import qdsl
from qdsl.backends.torchscript import FUSION_STATIC
from qdsl.backends.torchscript.compiled import rendered
from qdsl.backends.torchscript.explain import ExplainTracer
from qdsl.backends.torchscript.rewriter import apply_rules
from tests.support.fuzzing import fuzz_settings
from tests.support.random_graphs import random_graph
from tests.support.rules import guard_free_rules

STATIC = qdsl.default_rules().for_stage(FUSION_STATIC)
EXACT_RULES = {"cat", "upsample_nearest2d", "upsample_nearest2d_vec"}


@fuzz_settings(60)
@given(seed=st.integers(0, 10_000), chains=st.integers(1, 30), nested=st.booleans(),
       shipped=st.booleans())
def test_rewritten_random_graphs_lint_and_the_traced_pass_is_the_pass(seed, chains, nested, shipped):
    graph = random_graph(seed, chains=chains, nested=nested)
    traced = graph.copy()
    rules = STATIC if shipped else guard_free_rules()
    made = apply_rules(graph, rules)
    graph.lint()
    assert [(r.rule, r.kinds, r.outputs) for r in apply_rules(traced, rules, tracer=ExplainTracer())] == [
        (r.rule, r.kinds, r.outputs) for r in made]
    assert str(traced) == str(graph)


class _RunnableGraph:
    """Builds a graph of quantize -> (dequantize -> op -> quantize)* that torch can run."""

    def __init__(self, draw):
        self.draw = draw
        self.graph = torch._C.Graph()
        self.x = self.graph.addInput("x")
        self.x.setType(torch._C.TensorType.get())
        self.cond = self.graph.addInput("cond")
        self.cond.setType(torch._C.BoolType.get())
        self.block = self.graph.block()
        self.qparams = (draw(st.sampled_from([0.02, 0.05, 0.1])), draw(st.sampled_from([0, 64, 128])), 13)
        first = self.op("aten::quantize_per_tensor", [self.x, *map(self.constant, self.qparams)])
        self.values = [first]
        self.shapes = {first: (1, 2, 4, 4)}

    def constant(self, value) -> torch._C.Value:
        with self.graph.insert_point_guard(self.block):
            return self.graph.insertConstant(value)

    def op(self, kind: str, inputs, output_type=None) -> torch._C.Value:
        node = self.graph.create(kind, list(inputs), 1)
        with self.graph.insert_point_guard(self.block):
            self.graph.insertNode(node)
        if output_type is not None:
            node.output().setType(output_type)
        return node.output()

    def inherit(self, kind: str, quantized: torch._C.Value, extra) -> torch._C.Value:
        """`kind` on the dequantized value, quantized with the input's own qparams."""
        dequantized = self.op("aten::dequantize", [quantized])
        if self.draw(st.integers(0, 9)) == 0:
            self.op("aten::sigmoid", [dequantized])
        result = self.op(kind, [dequantized, *extra])
        qparams = [self.op("aten::q_scale", [quantized], torch._C.FloatType.get()),
                   self.op("aten::q_zero_point", [quantized], torch._C.IntType.get()),
                   self.op("prim::dtype", [quantized], torch._C.IntType.get())]
        return self.op("aten::quantize_per_tensor", [result, *qparams])

    def step(self, depth: int = 0) -> torch._C.Value:
        """One more quantized value (of a known shape) from the values made so far."""
        draw = self.draw
        source = draw(st.sampled_from(self.values))
        batch, channels, _, _ = self.shapes[source]
        kind = draw(st.sampled_from(["nearest", "nearest_vec", "cat", "if"] if depth < 2 else ["nearest", "cat"]))
        if kind == "cat" and channels > 8:
            kind = "nearest"
        if kind in ("nearest", "nearest_vec"):
            size = draw(st.sampled_from([[4, 4], [8, 8], [2, 2], [3, 5]]))
            extra = [self.constant(size), self.constant(None)] + [self.constant(None)] * (kind == "nearest")
            result = self.inherit("aten::upsample_nearest2d", source, extra)
            self.shapes[result] = (batch, channels, *size)
            return result
        if kind == "cat":
            same_shape = [v for v in self.values if self.shapes[v][2:] == self.shapes[source][2:]]
            parts = [source, *draw(st.lists(st.sampled_from(same_shape), min_size=1, max_size=2))]
            tensors = self.op("prim::ListConstruct", parts, torch._C.ListType(torch._C.TensorType.get()))
            dequantized = self.op("aten::dequantize", [tensors], torch._C.ListType(torch._C.TensorType.get()))
            joined = self.op("aten::cat", [dequantized, self.constant(1)])
            result = self.op("aten::quantize_per_tensor", [joined, *map(self.constant, self.qparams)])
            self.shapes[result] = (batch, sum(self.shapes[p][1] for p in parts), *self.shapes[source][2:])
            return result
        node = self.graph.create("prim::If", [self.cond], 1)
        with self.graph.insert_point_guard(self.block):
            self.graph.insertNode(node)
        outer, visible = self.block, list(self.values)
        results = []
        for branch in (node.addBlock(), node.addBlock()):
            self.block, self.values = branch, list(visible)
            results.append(self.step(depth + 1))
            branch.registerOutput(results[-1])
        self.block, self.values = outer, visible
        if self.shapes[results[0]] != self.shapes[results[1]]:
            node.destroy()
            return self.step(depth)
        node.output().setType(torch._C.TensorType.get())
        self.shapes[node.output()] = self.shapes[results[0]]
        return node.output()


@st.composite
def runnable_graphs(draw) -> torch._C.Graph:
    builder = _RunnableGraph(draw)
    for _ in range(draw(st.integers(1, 8))):
        builder.values.append(builder.step())
    outputs = [builder.op("aten::dequantize", [value])
               for value in draw(st.lists(st.sampled_from(builder.values), min_size=1, max_size=3))]
    if len(outputs) > 1:
        tuple_type = torch._C.TupleType([torch._C.TensorType.get()] * len(outputs))
        outputs = [builder.op("prim::TupleConstruct", outputs, tuple_type)]
    builder.graph.registerOutput(outputs[0])
    builder.graph.lint()
    return builder.graph


def _as_tuple(result) -> tuple:
    return result if isinstance(result, tuple) else (result,)


@fuzz_settings(60)
@given(graph=runnable_graphs(), seeds=st.lists(st.integers(0, 2**31), min_size=2, max_size=2))
def test_exact_rules_keep_outputs_bit_identical_on_random_inputs(graph, seeds):
    rewritten = graph.copy()
    rewrites = apply_rules(rewritten, STATIC)
    rewritten.lint()
    assert {rewrite.rule.name for rewrite in rewrites} <= EXACT_RULES
    for seed in seeds:
        x = torch.randn(1, 2, 4, 4, generator=torch.Generator().manual_seed(seed)) * 4
        for cond in (True, False):
            # the interpreter as is: no executor specializing or optimizing the graphs first
            expected = _as_tuple(torch._C._jit_interpret_graph(graph, (x, cond)))
            actual = _as_tuple(torch._C._jit_interpret_graph(rewritten, (x, cond)))
            assert all(torch.equal(e, a) for e, a in zip(expected, actual, strict=True))


def test_runnable_graphs_exercise_every_exact_rule():
    """The generator above is not vacuous: over its examples every exact rule fires."""
    fired: set[str] = set()

    @fuzz_settings(60)
    @given(runnable_graphs())
    def collect(graph):
        fired.update(rewrite.rule.name for rewrite in apply_rules(graph, STATIC))

    collect()
    assert fired == EXACT_RULES


_PATTERNS = ["q(relu(dq(a)))", "relu(a)", "dq(a)", "add(dq(a), dq(b), alpha)", "q(mul(dq(a), dq(b)))",
             "quantize_per_tensor(a, scale, zero_point, dtype)", "relu(relu(a))"]
_REPLACEMENTS = ["relu(a)", "a", "dq(a)", "q_scale(a)", "size(a)", "quantized::add(a, b, scale, zero_point)",
                 "add(a, b, alpha)", "relu_(a)", "q(relu(dq(a)))", "quantized::relu6(a, false)", "b", "alpha"]


@fuzz_settings(150)
@given(pattern=st.sampled_from(_PATTERNS), replacement=st.sampled_from(_REPLACEMENTS),
       seed=st.integers(0, 10_000), nested=st.booleans())
def test_user_rules_fail_named_or_leave_a_valid_graph(pattern, replacement, seed, nested):
    """Rules torch would apply blindly (changing types, dropping uses) either rewrite into a
    graph torch's lint accepts or raise a RuleRuntimeError at the rule's .qpat location."""
    try:
        rules = qdsl.compile_source(f"stage fusion static\n\nrule user_rule: {pattern}\n    -> {replacement}\n",
                                    "user.qpat")
    except qdsl.RuleError:
        return
    graph = random_graph(seed, chains=8, nested=nested)
    try:
        apply_rules(graph, rules, validate=True)
    except qdsl.RuleRuntimeError as error:
        assert error.rule_name == "user_rule"
        location = error.location
        assert (location.filename, location.line, location.column) == ("user.qpat", 3, 6)
        return
    graph.lint()
    for node in graph.nodes():
        if node.kind() == "aten::q_scale":
            assert node.output().type().kind() == "FloatType"


def test_an_identity_replacement_on_a_chain_of_matches_rewrites_to_the_chain_start():
    """Regression: `relu(a) -> a` on relu(relu(x)) made the second rewrite point at the
    first relu's doomed output (torch's own rewriter then fails an internal assert)."""
    text = "graph(%x):\n  %a = aten::relu(%x)\n  %b = aten::relu(%a)\n  %c = aten::relu(%b)\n  return (%c)\n"
    rules = qdsl.compile_source("stage fusion static\nrule drop_relu: relu(a) -> a")
    with pytest.raises(RuntimeError, match="INTERNAL ASSERT"):
        torch._C._jit_pass_custom_pattern_based_rewrite_graph(*rendered(rules["drop_relu"]), torch._C.parse_ir(text))
    graph = torch._C.parse_ir(text)
    assert len(apply_rules(graph, rules, validate=True)) == 3
    graph.lint()
    assert list(graph.nodes()) == []
    assert next(iter(graph.outputs())) == next(iter(graph.inputs()))
