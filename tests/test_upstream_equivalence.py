"""Each shipped rule is equivalent to upstream's, with torch's own C++ passes as the reference.

Forward: a rule's pattern, instantiated as a graph (guard variables bound to values the
guard accepts), goes through torch's pass (`_jit_pass_quant_fusion`,
`_jit_pass_insert_prepack_unpack`, or `_jit_pass_quant_finalize` in dynamic mode, the
only Python entry to the dynamic fusion); the result must equal the rule's replacement,
canonicalised. Guarded rules are also instantiated with values the guard rejects:
torch must leave those alone, and so must qdsl.

Reverse: real pre-finalize graphs of small real models go through torch's passes on one
copy and through qdsl's rules in application order on another (guard-free rules with
torch's own `_jit_pass_custom_pattern_based_rewrite_graph`, guarded ones with qdsl's
engine); both results must be equal and run to `torch.equal` outputs. qdsl's engine
applying every rule must give the same graph too.

Deviations (docs/rules.md) have their own tests asserting the documented difference.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import torch

import qdsl
from qdsl.rewriter import apply_rules

from graph_canon import canonical_form, live_kinds
from upstream_models import CASES, clone, debug_module, seeded_input, submodule_names

PATTERNS = Path(__file__).resolve().parents[1] / "patterns"
OPTIONAL_ADD_ALPHA_FLOAT = PATTERNS / "optional" / "add_alpha_float.qpat"


@cache
def shipped() -> qdsl.RuleSet:
    return qdsl.load_rules(str(PATTERNS))


def stage(name: str, quant_type: str = "static") -> tuple[qdsl.Rule, ...]:
    return shipped().for_stage(name, quant_type)


# ---- the inventory -------------------------------------------------------------------
# quant_fusion_pattern_and_replacements() entry by entry, in upstream's order; None marks
# an upstream entry qdsl deliberately does not ship (no QuantizedCPU kernel).
UPSTREAM_STATIC_ORDER = (
    "conv1d", "conv1d_relu", "conv1d_relu_", "conv2d", "conv2d_relu", "conv2d_relu_",
    "conv3d", "conv3d_relu", "conv3d_relu_", "conv_transpose1d", "conv_transpose2d",
    "linear", "linear_relu", "linear_relu_",
    "add_relu", "add_relu_", "add__relu", "add__relu_", "add_scalar", "add_scalar_out",
    "add_scalar_relu", "add_scalar_relu_", "add_scalar_out_relu", "add_scalar_out_relu_",
    "add", "add_", "cat", "batch_norm", "batch_norm_relu", "batch_norm_relu_",
    "mul_scalar", "mul_scalar_out", "mul_scalar_relu", "mul_scalar_relu_",
    "mul_scalar_out_relu", "mul_scalar_out_relu_", "mul_relu", "mul_relu_", "mul__relu",
    "mul__relu_", "mul", "mul_", "hardswish", "hardswish_", "layer_norm", "group_norm",
    "instance_norm", "elu", "elu_", "avg_pool1d", "avg_pool2d", "avg_pool3d",
    "adaptive_avg_pool1d", "adaptive_avg_pool2d", "adaptive_avg_pool3d", "mean", "mean_dim",
    None, "upsample_nearest2d", "upsample_nearest3d", None, "upsample_bilinear2d", None,
    None, "upsample_nearest2d_vec", "upsample_nearest3d_vec", None, "upsample_bilinear2d_vec", None,
    "clamp", "hardtanh", "hardtanh_", "leaky_relu", "leaky_relu_",
    "hardsigmoid", "hardsigmoid_", "sigmoid", "sigmoid_", "tanh", "tanh_",
)
UPSTREAM_DYNAMIC_ORDER = ("linear_dynamic", "linear_dynamic_fp16", "linear_dynamic_float_input")
UPSTREAM_PREPACK_ORDER = (
    "linear_prepack_unpack", "linear_fp16_prepack_unpack", "conv1d_prepack_unpack",
    "conv2d_prepack_unpack", "conv3d_prepack_unpack", "conv_transpose1d_prepack_unpack",
    "conv_transpose2d_prepack_unpack",
)

# Rules whose replacement deliberately differs from upstream's: upstream kind -> qdsl kind.
FIXED_RULES = {"sigmoid_": ("aten::sigmoid_", "aten::sigmoid"), "tanh_": ("aten::tanh_", "aten::tanh")}


def test_static_rules_are_upstreams_entries_in_upstreams_order():
    assert tuple(r.name for r in stage("fusion")) == tuple(n for n in UPSTREAM_STATIC_ORDER if n)
    assert len(UPSTREAM_STATIC_ORDER) == 80


def test_dynamic_and_prepack_rules_in_upstreams_order():
    assert tuple(r.name for r in stage("fusion", "dynamic")) == UPSTREAM_DYNAMIC_ORDER
    assert tuple(r.name for r in stage("prepack")) == UPSTREAM_PREPACK_ORDER


def test_default_set_does_not_include_optional_rules():
    """patterns/optional/ is opt-in: neither load_rules("patterns") nor generated/ has it."""
    optional = set(qdsl.load_rules(str(OPTIONAL_ADD_ALPHA_FLOAT)).names())
    assert optional and optional.isdisjoint(shipped().names())
    assert set(qdsl.default_rules().names()) == set(shipped().names())


# ---- instantiating a rule as a graph -------------------------------------------------

def _guard_terms(guard) -> list[tuple]:
    """The conjuncts of a guard (the shipped guards are conjunctions of atoms)."""
    if guard is None:
        return []
    if guard[0] == "and":
        return [term for part in guard[1:] for term in _guard_terms(part)]
    assert guard[0] in ("eq", "pred"), f"unsupported guard in a shipped rule: {guard!r}"
    return [guard]


def _rejecting_values(kind: str, value) -> list:
    """Constants the `eq` atom must reject: another value, and the same number as the other kind."""
    if kind == "int":
        return [value + 1, float(value)]
    if kind == "float":
        return [value + 1.0, int(value)]
    return [0]


def instantiate(ir: str, guard, rejected: tuple | None = None) -> torch._C.Graph:
    """`ir` as a graph whose guard variables hold values the guard accepts.

    `rejected = (term, value)` replaces one atom's value by one it must reject (for
    `is_scalar`: the value stays a Tensor input).
    """
    graph = torch._C.parse_ir(ir)
    bindings = {}
    for term in _guard_terms(guard):
        if term[0] == "eq":
            bindings[term[1]] = ("constant", term[3])
        elif term[1] == "is_scalar":
            bindings[term[2][0]] = ("type", torch._C.FloatType.get())
        else:
            raise AssertionError(f"unsupported predicate {term[1]}")
    if rejected is not None:
        term, value = rejected
        variable = term[1] if term[0] == "eq" else term[2][0]
        if term[0] == "eq":
            bindings[variable] = ("constant", value)
        else:
            del bindings[variable]
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
        with graph.insert_point_guard(first):
            constant = graph.insertConstant(binding[1])
        value.replaceAllUsesWith(constant)
        graph.eraseInput(position)
    return graph


def rejecting_instances(rule: qdsl.Rule) -> list[tuple[str, tuple]]:
    cases = []
    for term in _guard_terms(rule.guard):
        if term[0] == "eq":
            cases += [(f"{term[1]}={v!r}", (term, v)) for v in _rejecting_values(term[2], term[3])]
        else:
            cases.append((f"{term[2][0]}:Tensor", (term, None)))
    return cases


def torch_static_fusion(graph: torch._C.Graph) -> torch._C.Graph:
    torch._C._jit_pass_quant_fusion(graph)
    return graph


def torch_prepack(graph: torch._C.Graph) -> torch._C.Graph:
    torch._C._jit_pass_insert_prepack_unpack(graph)
    return graph


def apply_in_order(graph: torch._C.Graph, rules) -> None:
    """qdsl's rules, one full pass each, in order: torch's rewriter where no guard applies."""
    for rule in rules:
        if rule.guard is None:
            torch._C._jit_pass_custom_pattern_based_rewrite_graph(rule.pattern, rule.replacement, graph)
        else:
            apply_rules(graph, [rule])


def assert_same(actual: torch._C.Graph, expected: torch._C.Graph) -> None:
    assert canonical_form(actual) == canonical_form(expected), (
        f"torch's result:\n{actual}\nqdsl's:\n{expected}")


# ---- forward: static fusion ----------------------------------------------------------

@pytest.mark.parametrize("name", [r.name for r in stage("fusion") if r.name not in FIXED_RULES])
def test_static_rule_matches_torch_fusion(name):
    rule = shipped()[name]
    fused = torch_static_fusion(instantiate(rule.pattern, rule.guard))
    assert_same(fused, instantiate(rule.replacement, rule.guard))
    assert live_kinds(fused) != live_kinds(instantiate(rule.pattern, rule.guard)), "nothing fused"
    ours = instantiate(rule.pattern, rule.guard)
    apply_rules(ours, stage("fusion"))
    assert_same(fused, ours)


GUARDED_STATIC = [
    pytest.param(rule.name, rejected, id=f"{rule.name}-{label}")
    for rule in stage("fusion") if rule.guard is not None
    for label, rejected in rejecting_instances(rule)
]


@pytest.mark.parametrize("name, rejected", GUARDED_STATIC)
def test_static_guard_rejects_like_upstream(name, rejected):
    rule = shipped()[name]
    untouched = canonical_form(instantiate(rule.pattern, rule.guard, rejected))
    assert canonical_form(torch_static_fusion(instantiate(rule.pattern, rule.guard, rejected))) == untouched
    graph = instantiate(rule.pattern, rule.guard, rejected)
    apply_rules(graph, stage("fusion"))
    assert canonical_form(graph) == untouched


@pytest.mark.parametrize("name", sorted(FIXED_RULES))
def test_inplace_fixed_qparam_rule_uses_the_out_of_place_kernel(name):
    """Deviation: upstream makes the kernel-less in-place op; qdsl the out-of-place one."""
    rule = shipped()[name]
    upstream_kind, qdsl_kind = FIXED_RULES[name]
    fused = torch_static_fusion(instantiate(rule.pattern, rule.guard))
    assert_same(fused, torch._C.parse_ir(unshipped()[f"upstream_{name}"].replacement))
    assert live_kinds(fused) == [upstream_kind]
    assert live_kinds(torch._C.parse_ir(rule.replacement)) == [qdsl_kind]
    ours = instantiate(rule.pattern, rule.guard)
    apply_rules(ours, stage("fusion"))
    assert_same(ours, torch._C.parse_ir(rule.replacement))


def test_inplace_fixed_qparam_fix_is_numerically_upstreams_intent():
    """sigmoid/tanh on the quantized tensor == dequantize -> in-place op -> fixed-qparam quantize."""
    generator = torch.Generator().manual_seed(0)
    for op, scale, zero_point in (("sigmoid", 0.00390625, 0), ("tanh", 0.0078125, 128)):
        for _ in range(100):
            x = torch.randn(4, 9, generator=generator) * 4
            a = torch.quantize_per_tensor(
                x, float(torch.rand(1, generator=generator)) * 0.1 + 0.005,
                int(torch.randint(0, 256, (1,), generator=generator)), torch.quint8)
            fused = getattr(torch, op)(a)
            reference = torch.quantize_per_tensor(getattr(torch, op + "_")(a.dequantize()), scale, zero_point,
                                                   torch.quint8)
            assert (fused.q_scale(), fused.q_zero_point()) == (scale, zero_point)
            assert torch.equal(fused.int_repr(), reference.int_repr())


# The upstream entries qdsl ships changed, written as the rules that would reproduce
# upstream (tests only; the reference is still torch's pass, run live). The entries it
# does not ship by default are the opt-in file UPSTREAM_KERNELLESS.
UPSTREAM_KERNELLESS = Path(__file__).resolve().parents[1] / "patterns" / "optional" / "upstream_kernelless_upsample.qpat"
CHANGED_SOURCE = """
stage fusion static
rule upstream_sigmoid_:
    q(sigmoid_(dq(a)), 0.00390625, 0, quint8) -> sigmoid_(a)
rule upstream_tanh_:
    q(tanh_(dq(a)), 0.0078125, 128, quint8) -> tanh_(a)
"""


@cache
def unshipped() -> qdsl.RuleSet:
    return qdsl.load_rules(UPSTREAM_KERNELLESS) + qdsl.compile_source(CHANGED_SOURCE, "<upstream entries qdsl changes>")


@cache
def upstream_like_static() -> tuple[qdsl.Rule, ...]:
    """qdsl's static rules with upstream's kernel-less entries put back in upstream's slots."""
    missing = iter(r for r in unshipped() if not r.name.startswith("upstream_"))
    rules = []
    for name in UPSTREAM_STATIC_ORDER:
        if name is None:
            rules.append(next(missing))
        elif name in FIXED_RULES:
            rules.append(unshipped()[f"upstream_{name}"])
        else:
            rules.append(shipped()[name])
    return tuple(rules)


@pytest.mark.parametrize("name", [r.name for r in unshipped() if not r.name.startswith("upstream_")])
def test_kernelless_upsample_stays_unfused(name):
    """Deviation: torch fuses these into ops with no QuantizedCPU kernel; qdsl leaves them."""
    rule = unshipped()[name]
    fused = torch_static_fusion(instantiate(rule.pattern, None))
    assert_same(fused, torch._C.parse_ir(rule.replacement))
    graph = torch._C.parse_ir(rule.pattern)
    untouched = canonical_form(graph)
    assert apply_rules(graph, stage("fusion")) == []
    assert canonical_form(graph) == untouched


# ---- forward: prepack ----------------------------------------------------------------

@pytest.mark.parametrize("name", [r.name for r in stage("prepack")])
def test_prepack_rule_matches_torch_insert_prepack_unpack(name):
    rule = shipped()[name]
    assert_same(torch_prepack(torch._C.parse_ir(rule.pattern)), torch._C.parse_ir(rule.replacement))


# ---- forward: dynamic fusion (reachable from Python only through finalize) ------------

class _Holder(torch.nn.Module):
    def forward(self, x):
        return x


def _schema_typed_inputs(graph: torch._C.Graph) -> None:
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
    _schema_typed_inputs(pattern)
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


@pytest.mark.parametrize("name", [r.name for r in stage("fusion", "dynamic")])
def test_dynamic_rule_matches_torch_dynamic_finalize(name):
    """Torch's dynamic finalize = prepack insertion, dynamic fusion, freeze (nothing to fold:
    the weights are graph inputs); qdsl's stages then torch's freeze must give the same."""
    rule = shipped()[name]
    upstream = torch._C._jit_pass_quant_finalize(module_running(rule.pattern)._c, 0, [])
    ours = module_running(rule.pattern)
    apply_in_order(ours.graph, stage("prepack"))
    apply_in_order(ours.graph, stage("fusion", "dynamic"))
    frozen = torch._C._freeze_module(ours._c, [])
    assert_same(upstream._get_method("forward").graph, frozen._get_method("forward").graph)
    made = set(live_kinds(torch._C.parse_ir(rule.replacement)))
    assert made <= set(live_kinds(frozen._get_method("forward").graph))


# ---- reverse: real models ------------------------------------------------------------

STATIC_CASES = [c for c in CASES if c.mode == "static"]
DYNAMIC_CASES = [c for c in CASES if c.mode != "static"]


def output_step(module: torch.jit.ScriptModule) -> float:
    """The quantization step of the debug module's output: `dequantize(quantize(y, scale, ...))`."""
    quantize = module.graph.return_node().input().node().input().node()
    assert quantize.kind() == "aten::quantize_per_tensor"
    scale = quantize.inputsAt(1).node()
    assert scale.kind() == "prim::GetAttr"
    return getattr(module, scale.s("name"))


@pytest.mark.parametrize("case", STATIC_CASES, ids=lambda c: c.name)
def test_static_model_matches_torch(case):
    module = debug_module(case)
    upstream, ours = clone(module), clone(module)
    torch_static_fusion(torch_prepack(upstream.graph))
    apply_in_order(ours.graph, stage("prepack"))
    apply_in_order(ours.graph, stage("fusion"))
    assert set(case.expect_kinds) <= set(live_kinds(upstream.graph))
    x = seeded_input(case, seed=7)
    if not case.upstream_raises:
        assert_same(upstream.graph, ours.graph)
        assert torch.equal(upstream(x), ours(x))
        engine = clone(module)
        apply_rules(engine.graph, stage("prepack"))
        apply_rules(engine.graph, stage("fusion"))
        assert_same(upstream.graph, engine.graph)
        return
    # The difference is exactly the deviations: putting upstream's entries back gives torch's graph.
    upstream_like = clone(module)
    apply_in_order(upstream_like.graph, stage("prepack"))
    apply_in_order(upstream_like.graph, upstream_like_static())
    assert_same(upstream.graph, upstream_like.graph)
    assert canonical_form(upstream.graph) != canonical_form(ours.graph)
    with pytest.raises(RuntimeError):
        upstream(x)
    # qdsl's own engine (it never hoists a fused op out of its If branch) gives a module that runs.
    engine = clone(module)
    apply_rules(engine.graph, stage("prepack"))
    apply_rules(engine.graph, stage("fusion"))
    assert torch.allclose(engine(x), module(x), atol=output_step(module) * 1.001, rtol=0)


@pytest.mark.parametrize("case", DYNAMIC_CASES, ids=lambda c: c.name)
def test_dynamic_model_matches_torch(case):
    module = debug_module(case)
    keep = submodule_names(module)
    upstream = torch._C._jit_pass_quant_finalize(clone(module)._c, 0, keep)
    ours = clone(module)
    apply_in_order(ours.graph, stage("prepack"))
    apply_in_order(ours.graph, stage("fusion", "dynamic"))
    frozen = torch._C._freeze_module(ours._c, keep)
    upstream_graph = upstream._get_method("forward").graph
    assert set(case.expect_kinds) <= set(live_kinds(upstream_graph))
    assert_same(upstream_graph, frozen._get_method("forward").graph)
    x = seeded_input(case, seed=7)
    assert torch.equal(upstream.forward(x), frozen.forward(x))


# ---- the opt-in alpha == 1.0 rules ---------------------------------------------------

@cache
def with_alpha_float() -> tuple[qdsl.Rule, ...]:
    return stage("fusion") + qdsl.load_rules(str(OPTIONAL_ADD_ALPHA_FLOAT)).for_stage("fusion")


def test_quantized_add_equals_reference_for_float_alpha_one():
    """quantized::add ignores alpha; x + 1.0 * y is bit-identical to the dequant-add-quant chain."""
    generator = torch.Generator().manual_seed(0)
    for _ in range(300):
        sa, sb, so = (float(torch.rand(1, generator=generator)) * 0.2 + 0.01 for _ in range(3))
        za, zb, zo = (int(torch.randint(0, 256, (1,), generator=generator)) for _ in range(3))
        a = torch.quantize_per_tensor(torch.randn(3, 17, generator=generator) * 3, sa, za, torch.quint8)
        b = torch.quantize_per_tensor(torch.randn(3, 17, generator=generator) * 3, sb, zb, torch.quint8)
        reference = torch.quantize_per_tensor(torch.add(a.dequantize(), b.dequantize(), alpha=1.0), so, zo,
                                              torch.quint8)
        for fused, ref in ((torch.ops.quantized.add(a, b, so, zo), reference),
                           (torch.ops.quantized.add_relu(a, b, so, zo),
                            torch.quantize_per_tensor(torch.relu(reference.dequantize()), so, zo, torch.quint8))):
            assert torch.equal(fused.int_repr(), ref.int_repr())


@pytest.mark.parametrize("name", [r.name for r in qdsl.load_rules(str(OPTIONAL_ADD_ALPHA_FLOAT))])
def test_alpha_float_rule_is_opt_in(name):
    rule = qdsl.load_rules(str(OPTIONAL_ADD_ALPHA_FLOAT))[name]
    untouched = canonical_form(instantiate(rule.pattern, rule.guard))
    assert canonical_form(torch_static_fusion(instantiate(rule.pattern, rule.guard))) == untouched
    default = instantiate(rule.pattern, rule.guard)
    apply_rules(default, stage("fusion"))
    assert canonical_form(default) == untouched
    opted_in = instantiate(rule.pattern, rule.guard)
    apply_rules(opted_in, with_alpha_float())
    assert_same(opted_in, instantiate(rule.replacement, rule.guard))


def test_alpha_float_model_fuses_to_the_alpha_one_result():
    """Opted in, a float-alpha add finalizes to the same graph and output as torch's int-alpha add."""
    by_name = {c.name: c for c in CASES}
    int_alpha, float_alpha = by_name["binary_add"], by_name["binary_add_alpha_float"]
    upstream = clone(debug_module(int_alpha))
    torch_static_fusion(torch_prepack(upstream.graph))
    ours = clone(debug_module(float_alpha))
    apply_in_order(ours.graph, stage("prepack"))
    apply_in_order(ours.graph, with_alpha_float())
    # Two scripted models: observer attribute names differ, so compare kinds, not wiring.
    assert live_kinds(upstream.graph) == live_kinds(ours.graph)
    x = seeded_input(int_alpha, seed=7)
    assert torch.equal(upstream(x), ours(x))


# ---- the ordering constraints the rule files document ---------------------------------

def _moved_before(rules, moved: str, anchor: str) -> tuple[qdsl.Rule, ...]:
    rest = [r for r in rules if r.name != moved]
    position = [r.name for r in rest].index(anchor)
    return tuple(rest[:position] + [next(r for r in rules if r.name == moved)] + rest[position:])


@pytest.mark.parametrize("case_name, moved, anchor", [
    ("scalar_add_scalar_relu", "add_scalar_relu", "add_scalar"),
    ("scalar_mul_scalar_relu_", "mul_scalar_relu_", "mul_scalar"),
])
def test_scalar_relu_rules_must_follow_the_scalar_rules(case_name, moved, anchor):
    case = next(c for c in CASES if c.name == case_name)
    module = debug_module(case)
    upstream = clone(module)
    torch_static_fusion(torch_prepack(upstream.graph))
    reordered = clone(module)
    apply_in_order(reordered.graph, stage("prepack"))
    apply_in_order(reordered.graph, _moved_before(stage("fusion"), moved, anchor))
    assert canonical_form(reordered.graph) != canonical_form(upstream.graph)
    assert set(case.expect_kinds).isdisjoint(live_kinds(reordered.graph))


def test_float_input_dynamic_linear_must_follow_linear_dynamic():
    case = next(c for c in CASES if c.name == "dynamic_linear")
    module = debug_module(case)
    keep = submodule_names(module)
    upstream = torch._C._jit_pass_quant_finalize(clone(module)._c, 0, keep)
    reordered = clone(module)
    apply_in_order(reordered.graph, stage("prepack"))
    apply_in_order(reordered.graph, _moved_before(stage("fusion", "dynamic"), "linear_dynamic_float_input",
                                                  "linear_dynamic"))
    frozen = torch._C._freeze_module(reordered._c, keep)
    kinds = live_kinds(frozen._get_method("forward").graph)
    assert canonical_form(frozen._get_method("forward").graph) != canonical_form(
        upstream._get_method("forward").graph)
    assert "aten::_choose_qparams_per_tensor" in kinds
