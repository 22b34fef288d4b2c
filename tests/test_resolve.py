"""The resolve stage: argument types checked against the chosen overload, as torch's IR does.

The acceptance rule is compared with torch's own schema matching (`parse_ir` builds
the node, `Node.schema()` is its overload or "(no schema)") for every overload of a
set of operators, every argument position and every kind of value; the diagnostics
are tested on the mistakes a rule author makes.
"""

import re

import pytest
import torch

import qdsl
from qdsl import RuleError, compile_source
from qdsl.backends.torchscript import FUSION_DYNAMIC, FUSION_STATIC, PREPACK
from qdsl.backends.torchscript.types import ir_type
from qdsl.core.backend import all_backends, stage_spellings
from qdsl.core.engine import MatchStatus
from qdsl.core.resolve import ResolvedCall, Resolver
from qdsl.core.typing_solver import _results
from qdsl.ops import types as jit_types
from qdsl.ops.registry import parameter_names
from qdsl.lang.concrete import OpCall
from qdsl.lang.expand import expand
from qdsl.lang.macros import load_imports
from qdsl.lang.parser import parse
from qdsl.ops import registry
from qdsl.ops import types as jit_types
from tests.support.cli import REPO

OPERATORS = (
    "aten::quantize_per_tensor", "aten::dequantize", "aten::add", "aten::add_", "aten::mul", "aten::cat",
    "aten::conv2d", "aten::conv_transpose1d", "aten::linear", "aten::relu", "aten::clamp", "aten::hardtanh",
    "aten::upsample_nearest2d", "aten::upsample_bilinear2d", "aten::mean", "aten::batch_norm",
    "aten::layer_norm", "aten::elu", "aten::leaky_relu", "aten::scalar_tensor", "aten::item", "aten::q_scale",
    "aten::zeros", "aten::to", "aten::index", "aten::max_pool2d", "aten::_choose_qparams_per_tensor",
    "aten::quantize_per_channel", "aten::full", "aten::where", "prim::dtype", "quantized::add",
    "quantized::add_scalar", "quantized::conv2d", "quantized::conv2d_prepack", "quantized::linear_dynamic",
    "quantized::linear_unpack", "quantized::batch_norm", "quantized::elu", "quantized::clamp",
)
VALUE_TYPES = (
    "Tensor", "Tensor?", "int", "float", "bool", "str", "NoneType", "complex", "Scalar", "int[]", "float[]",
    "bool[]", "Tensor[]", "Tensor?[]", "int?", "float?", "int[]?", "Scalar?", "Device", "Generator",
    "__torch__.torch.classes.quantized.LinearPackedParamsBase",
)


def annotation(jit_type) -> str | None:
    """The IR annotation of a parameter type (None for one with a type variable)."""
    if jit_types.is_wildcard(jit_type):
        return None
    return ir_type(jit_type) or "Tensor"


def torch_overload(op: str, annotations: list[str], outputs: int) -> str | None:
    """The overload torch's IR gives a node of `op` with inputs of these types, or None."""
    header = ", ".join(f"%x{i} : {a}" for i, a in enumerate(annotations))
    results = ", ".join(f"%r{i}" for i in range(outputs))
    inputs = ", ".join(f"%x{i}" for i in range(len(annotations)))
    graph = torch._C.parse_ir(f"graph({header}):\n  {results} = {op}({inputs})\n  return ()")
    schema = next(n for n in graph.nodes() if n.kind() == op).schema()
    return None if schema == "(no schema)" else schema


def qdsl_overloads(op: str, annotations: list[str], outputs: int) -> list:
    """The overloads qdsl's acceptance rule lets take inputs of these types."""
    types = [torch._C.parse_ir(f"graph(%x : {a}):\n  return (%x)").inputs().__next__().type() for a in annotations]
    universe = frozenset(jit_types.atom(t) for t in types) | frozenset(
        a for s in registry.schemas_for(op) for item in (*s.arguments, *s.returns)
        for a in jit_types.inhabitants(item.type))
    return [s for s in registry.fitting(op, None, len(types), outputs) if len(s.arguments) == len(types)
            and all(not jit_types.exactly(t).meet(jit_types.accepted(p.type, universe)).is_empty
                    for t, p in zip(types, s.arguments))]


def _cases():
    for op in OPERATORS:
        for schema in registry.schemas_for(op):
            base = [annotation(a.type) for a in schema.arguments]
            if None not in base and schema.returns:  # a qdsl call has at least one result
                yield op, schema, base


@pytest.mark.parametrize("op", OPERATORS)
def test_argument_acceptance_is_torchs_schema_matching(op):
    """Each overload's own parameter types, then each argument replaced by each kind of
    value: qdsl accepts exactly what torch matches, except where the overload it accepts
    has a type variable (unified by torch, accepted as anything by qdsl)."""
    disagreements = []
    checked = 0
    for _, schema, base in (case for case in _cases() if case[0] == op):
        outputs = len(schema.returns)
        for position in range(len(base)):
            for value_type in VALUE_TYPES:
                annotations = [*base[:position], value_type, *base[position + 1:]]
                by_torch = torch_overload(op, annotations, outputs)
                by_qdsl = qdsl_overloads(op, annotations, outputs)
                checked += 1
                lenient = by_qdsl and all(any(jit_types.is_wildcard(p.type) for p in s.arguments) for s in by_qdsl)
                if bool(by_torch) != bool(by_qdsl) and not (by_qdsl and not by_torch and lenient):
                    disagreements.append((schema.overload_name, position, value_type, by_torch,
                                          [s.overload_name for s in by_qdsl]))
    assert checked > 0
    assert disagreements == []


INVALID = REPO / "tests" / "fixtures" / "invalid"


def resolved_rules(text: str, filename: str = "r.qpat"):
    """The resolve stage's result for each concrete rule of `text` (the stages before it as
    the compiler runs them)."""
    module = parse(text, filename)
    folding = {words for info in all_backends() for words in info.folding_stages}
    concrete, problems = expand(module, load_imports(module), {words: words in folding for words in stage_spellings()},
                                parameter_names)
    assert problems == []
    resolver = Resolver(text)
    return [resolver.resolve(rule) for rule in concrete]


def calls(value):
    if isinstance(value, OpCall):
        yield value
        for arg in value.args:
            yield from calls(arg)


def test_shipped_conv_rule_types_its_captures_as_the_graph_does():
    (conv,) = [r for r in resolved_rules((REPO / "patterns" / "fusion_static.qpat").read_text())
               if r.rule.name == "conv2d_relu"]
    assert conv.problems == ()
    pattern_calls = {c.op: c for b in conv.rule.pattern.bindings for c in calls(b.value)}
    pattern_calls.update({c.op: c for r in conv.rule.pattern.results for c in calls(r)})
    quantize = pattern_calls["aten::quantize_per_tensor"]
    assert quantize.schema.overload_name == ""
    assert [t.describe() for t in quantize.argument_types[1:]] == ["float", "int", "int"]
    unpack = pattern_calls["quantized::conv2d_unpack"]
    assert [t.describe() for t in (*unpack.argument_types, *unpack.result_types)] == [
        "Conv2dPackedParamsBase", "Tensor", "Tensor?"]
    assert pattern_calls["aten::dequantize"].schema.overload_name == "self"
    (replacement,) = conv.rule.replacement.results
    assert isinstance(replacement, ResolvedCall) and replacement.schema.overload_name == "new"


def test_a_pattern_call_without_a_fitting_default_keeps_every_overload_its_types_allow():
    (rule,) = resolved_rules("stage fusion static\nrule m: q_like(mul(dq(a), b), a) -> quantized::mul_scalar(a, b)\n"
                             "def q_like(x, a) = quantize_per_tensor(x, q_scale(a), q_zero_point(a), prim::dtype(a))")
    assert rule.problems == ()
    mul = next(c for c in calls(rule.rule.pattern.results[0]) if c.op == "aten::mul")
    assert {s.overload_name for s in mul.overloads} == {"Tensor", "Scalar"}
    assert mul.argument_types[1].describe() == "Tensor or int or float or Scalar or complex"


def test_swapped_qparams_are_an_error_where_torch_would_leave_a_node_without_an_overload():
    with pytest.raises(RuleError) as raised:
        compile_source((INVALID / "type_scale_zero_point_swapped.qpat").read_text(), "swapped.qpat")
    assert [(d.location.line, d.location.column) for d in raised.value.diagnostics] == [(6, 41), (6, 53)]
    # The same rewrite by torch's own rewriter, on a graph typed as graph-mode quantization types it.
    graph = torch._C.parse_ir("""graph(%x : Tensor, %s : float, %z : int, %t : int):
      %d : Tensor = aten::dequantize(%x)
      %r : Tensor = aten::relu(%d)
      %q : Tensor = aten::quantize_per_tensor(%r, %s, %z, %t)
      return (%q)""")
    pattern = """graph(%a, %scale, %zero_point, %dtype):
      %d = aten::dequantize(%a)
      %r = aten::relu(%d)
      %q = aten::quantize_per_tensor(%r, %scale, %zero_point, %dtype)
      return (%q)"""
    swapped = pattern.replace("%r, %scale, %zero_point", "%r, %zero_point, %scale")
    torch._C._jit_pass_custom_pattern_based_rewrite_graph(pattern, swapped, graph)
    (quantize,) = [n for n in graph.nodes() if n.kind() == "aten::quantize_per_tensor"]
    assert quantize.schema() == "(no schema)"


@pytest.mark.parametrize("text, message", [
    ("q(cat(dq(x), dim), dim, z, d) -> relu(x)", "'dim' is int (from its use as argument 2 'dim' of 'aten::cat'"),
    ("q(relu(dq(a)), item(s), z, d) -> relu(a)", "must be float, but 'aten::item' returns Scalar"),
    ("q(relu(dq(a)), 0.5, 0, 13) -> quantized::relu6(a, 1)", "'inplace' of 'quantized::relu6' must be bool"),
    ("q(relu(dq(a))) -> quantized::add(a, a, zero_point, scale)", "must be float, but 'zero_point' is int"),
    ("upsample_nearest2d(dq(a), [2, 2], 1, None) -> relu(a)", "'scales_h' of 'aten::upsample_nearest2d' must be float?"),
    ("q(relu(dq(a))) -> quantized::linear_dynamic(a, scale, true)", "must be LinearPackedParamsBase, but 'scale'"),
    ("relu(dq(a)) -> quantize_per_tensor(a, 0.5, 0, \"quint8\")", "'dtype' of 'aten::quantize_per_tensor' must be "
     "ScalarType, but the literal \"quint8\" is str"),
])
def test_argument_type_errors_name_the_argument_and_where_its_type_came_from(text, message):
    with pytest.raises(RuleError, match=re.escape(message)) as raised:
        compile_source(f"stage fusion static\nrule r: {text}", "t.qpat")
    assert raised.value.filename == "t.qpat" and raised.value.line == 2


def test_a_guard_comparison_that_cannot_hold_is_a_warning():
    with pytest.warns(UserWarning, match=re.escape("`scale == 1` never holds: 'scale' is float, the literal is int")):
        compile_source("stage fusion static\nrule r: q(relu(dq(a))) where scale == 1 -> relu(a)")


def _shipped_resolutions() -> dict[str, object]:
    resolved = {}
    for path in sorted((REPO / "patterns").glob("*.qpat")):
        resolved.update((r.rule.name, r) for r in resolved_rules(path.read_text(), path.name))
    return resolved


@pytest.mark.parametrize("model", ["conv2d_relu", "linear_relu", "add_scalar", "mul_scalar_relu", "cat", "clamp",
                                   "batch_norm_relu", "elu", "layer_norm", "mean", "upsample_nearest2d_vec",
                                   "hardsigmoid", "dynamic_linear", "fp16_linear"])
def test_captures_have_the_types_real_graphs_give_them(model):
    """Where a shipped rule matches a real quantized graph, every captured value's type is
    one the rule's captures resolved to (the pattern typing is what graphs hold)."""
    from qdsl.backends.torchscript.finalize import clear_profiling_information
    from qdsl.backends.torchscript.rewriter import apply_rules
    from tests.support.models import BY_NAME, debug_copies

    resolutions = _shipped_resolutions()
    shipped = qdsl.default_rules()
    module, = debug_copies(model, 1)
    graph = module.graph
    clear_profiling_information(graph)
    fusion = FUSION_STATIC if BY_NAME[model].mode == "static" else FUSION_DYNAMIC
    mistyped, checked = [], []

    class CaptureTypes:
        """Checks the captured values of every match while the pass runs."""

        def decided(self, decision):
            if decision.status is not MatchStatus.MATCHED:
                return
            captures = resolutions[decision.rule.name].captures
            for name, value in decision.values.items():
                if name in captures and not captures[name].is_any:
                    allowed = captures[name].types()
                    checked.append(name)
                    if not any(value.type().isSubtypeOf(t) for t in allowed):
                        mistyped.append((decision.rule.name, name, str(value.type()),
                                         [jit_types.describe(t) for t in allowed]))

    apply_rules(graph, (*shipped.for_stage(PREPACK), *shipped.for_stage(fusion)), tracer=CaptureTypes())
    assert checked and mistyped == []


def test_an_overloads_result_types_are_its_own_when_a_freed_schemas_id_comes_back():
    """The solver caches an overload's result types per schema. Keyed by `id(schema)` alone,
    a schema freed by the registry's refresh (PT2E's operator modules register ops) left
    its entry for the next schema at the same address: a PT2E rule's `relu` output was
    once typed Conv2dPackedParamsBase, depending on the hash seed."""
    tensor = (jit_types.exactly(torch._C.TensorType.get()),)
    found = []
    packed = torch._C.parse_schema("quantized::conv2d_prepack(Tensor weight, Tensor? bias, int[] stride, "
                                   "int[] padding, int[] dilation, int groups) -> "
                                   "__torch__.torch.classes.quantized.Conv2dPackedParamsBase")
    packed_results = _results(packed)
    del packed
    for _ in range(50):  # new schemas, one of them soon at the freed one's address
        relu = torch._C.parse_schema("aten::relu(Tensor self) -> Tensor")
        found.append(_results(relu))
    assert "Conv2dPackedParamsBase" in str(packed_results)
    assert all(results == tensor for results in found)
