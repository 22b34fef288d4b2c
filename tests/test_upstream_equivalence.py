"""Each shipped rule is equivalent to upstream's, with torch's own C++ passes as the reference.

Forward: a rule's pattern, instantiated as a graph (guard variables bound to values the
guard accepts), goes through torch's pass (`_jit_pass_quant_fusion`,
`_jit_pass_insert_prepack_unpack`, or `_jit_pass_quant_finalize` in dynamic mode, the
only Python entry to the dynamic fusion); the result must equal the rule's replacement,
canonicalised. Guarded rules are also instantiated with values the guard rejects:
torch must leave those alone, and so must qdsl.

Reverse: the pre-finalize graphs of the zoo's small models (tests/support/models.py) go
through torch's passes on one copy and through qdsl's rules in application order on
another (guard-free rules with torch's own `_jit_pass_custom_pattern_based_rewrite_graph`,
guarded ones with qdsl's engine); both results must be equal and run to `torch.equal`
outputs. (qdsl's engine applying every rule to the same graphs: tests/test_engine_differential.py.)

Deviations (docs/rules.md) have their own tests asserting the documented difference.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

import pytest
import torch

import qdsl
from qdsl.backends.torchscript import FUSION_DYNAMIC, FUSION_STATIC, PREPACK
from qdsl.backends.torchscript.compiled import rendered
from qdsl.backends.torchscript.rewriter import apply_rules
from qdsl.core.guards import And
from tests.support.graphs import canonical_form, live_kinds, node_kinds
from tests.support.harness import fused_by_torch, rewrite_with_torch
from tests.support.instances import guard_terms, instantiate, module_running, rejecting_instances, upstream_has
from tests.support.models import BY_NAME, SMALL, cases, clone, debug_copies, seeded_inputs

PATTERNS = Path(__file__).resolve().parents[1] / "patterns"
OPTIONAL_ADD_ALPHA_FLOAT = PATTERNS / "optional" / "add_alpha_float.qpat"


def shipped() -> qdsl.RuleSet:
    """The shipped rules, as finalize applies them."""
    return qdsl.default_rules()


STAGES = {"prepack": PREPACK, "static": FUSION_STATIC, "dynamic": FUSION_DYNAMIC}


def stage(name: str) -> tuple[qdsl.Rule, ...]:
    """The shipped rules of stage `prepack`, `static` or `dynamic` (fusion) that apply on every
    engine, as upstream's do (the onednn-only rules are qdsl's own: tests/test_onednn_rules.py)."""
    return tuple(rule for rule in shipped().for_stage(STAGES[name]) if not rule.engines)


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
    assert tuple(r.name for r in stage("static")) == tuple(n for n in UPSTREAM_STATIC_ORDER if n)
    assert len(UPSTREAM_STATIC_ORDER) == 80


def test_dynamic_and_prepack_rules_in_upstreams_order():
    assert tuple(r.name for r in stage("dynamic")) == UPSTREAM_DYNAMIC_ORDER
    assert tuple(r.name for r in stage("prepack")) == UPSTREAM_PREPACK_ORDER


def test_default_set_does_not_include_optional_rules():
    """patterns/optional/ is opt-in: neither load_rules("patterns") nor generated/ has it."""
    optional = set(qdsl.load_rules(str(OPTIONAL_ADD_ALPHA_FLOAT)).names())
    assert optional and optional.isdisjoint(shipped().names())
    assert qdsl.load_rules(str(PATTERNS)).names() == shipped().names()


def torch_static_fusion(graph: torch._C.Graph) -> torch._C.Graph:
    torch._C._jit_pass_quant_fusion(graph)
    return graph


def torch_prepack(graph: torch._C.Graph) -> torch._C.Graph:
    torch._C._jit_pass_insert_prepack_unpack(graph)
    return graph


def pattern_ir(rule: qdsl.Rule) -> str:
    return rendered(rule)[0]


def replacement_graph(rule: qdsl.Rule) -> torch._C.Graph:
    return torch._C.parse_ir(rendered(rule)[1])


def assert_same(actual: torch._C.Graph, expected: torch._C.Graph) -> None:
    assert canonical_form(actual) == canonical_form(expected), (
        f"torch's result:\n{actual}\nqdsl's:\n{expected}")


# ---- forward: static fusion ----------------------------------------------------------

@pytest.mark.parametrize("name", [r.name for r in stage("static") if r.name not in FIXED_RULES])
def test_static_rule_matches_torch_fusion(name):
    rule = shipped()[name]
    fused = torch_static_fusion(instantiate(pattern_ir(rule), rule.guard))
    assert_same(fused, instantiate(rendered(rule)[1], rule.guard))
    assert live_kinds(fused) != live_kinds(instantiate(pattern_ir(rule), rule.guard)), "nothing fused"
    ours = instantiate(pattern_ir(rule), rule.guard)
    apply_rules(ours, stage("static"))
    assert_same(fused, ours)


GUARDED_STATIC = [
    pytest.param(rule.name, rejected, id=f"{rule.name}-{label}")
    for rule in stage("static") if rule.guard is not None
    for label, rejected in rejecting_instances(rule) if upstream_has(rejected[0])
]


@pytest.mark.parametrize("name, rejected", GUARDED_STATIC)
def test_static_guard_rejects_like_upstream(name, rejected):
    rule = shipped()[name]
    untouched = canonical_form(instantiate(pattern_ir(rule), rule.guard, rejected))
    assert canonical_form(torch_static_fusion(instantiate(pattern_ir(rule), rule.guard, rejected))) == untouched
    graph = instantiate(pattern_ir(rule), rule.guard, rejected)
    apply_rules(graph, stage("static"))
    assert canonical_form(graph) == untouched


QDSLS_OWN_GUARDS = [
    pytest.param(rule.name, rejected, id=f"{rule.name}-{label}")
    for rule in stage("static") if rule.guard is not None
    for label, rejected in rejecting_instances(rule) if not upstream_has(rejected[0])
]


@pytest.mark.parametrize("name, rejected", QDSLS_OWN_GUARDS)
def test_qdsls_own_guard_leaves_unfused_what_upstream_fuses(name, rejected):
    """Deviations: the fused `_out` kernel leaves another value in the tensor it writes than
    the pattern does (qdsl fuses only where nothing else reads that tensor); the quantized
    batch_norm raises without a weight or a bias and takes no None statistics, the quantized
    mean raises on a dtype (qdsl leaves those chains unfused)."""
    rule = shipped()[name]
    untouched = canonical_form(instantiate(pattern_ir(rule), rule.guard, rejected))
    fused = torch_static_fusion(instantiate(pattern_ir(rule), rule.guard, rejected))
    assert_same(fused, instantiate(rendered(rule)[1], rule.guard, rejected))
    graph = instantiate(pattern_ir(rule), rule.guard, rejected)
    apply_rules(graph, stage("static"))
    assert canonical_form(graph) == untouched


@pytest.mark.parametrize("name", sorted(FIXED_RULES))
def test_inplace_fixed_qparam_rule_uses_the_out_of_place_kernel(name):
    """Deviation: upstream makes the kernel-less in-place op; qdsl the out-of-place one."""
    rule = shipped()[name]
    upstream_kind, qdsl_kind = FIXED_RULES[name]
    fused = torch_static_fusion(instantiate(pattern_ir(rule), rule.guard))
    assert_same(fused, replacement_graph(unshipped()[f"upstream_{name}"]))
    assert live_kinds(fused) == [upstream_kind]
    assert live_kinds(replacement_graph(rule)) == [qdsl_kind]
    ours = instantiate(pattern_ir(rule), rule.guard)
    apply_rules(ours, stage("static"))
    assert_same(ours, replacement_graph(rule))


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


def without_qdsls_own_guards(rule: qdsl.Rule) -> qdsl.Rule:
    """Upstream's entry of a shipped rule: its guard without the conjuncts upstream has no
    filter for (`consumed_by`, `is_none`)."""
    kept = [term for term in guard_terms(rule.guard) if upstream_has(term)]
    guard = None if not kept else kept[0] if len(kept) == 1 else And(tuple(kept), rule.guard.span)
    return rule if guard == rule.guard else dataclasses.replace(rule, guard=guard)


@cache
def upstream_like_static() -> tuple[qdsl.Rule, ...]:
    """qdsl's static rules as upstream's entries: the kernel-less ones put back in their
    slots, the guards qdsl adds dropped."""
    missing = iter(r for r in unshipped() if not r.name.startswith("upstream_"))
    rules = []
    for name in UPSTREAM_STATIC_ORDER:
        if name is None:
            rules.append(next(missing))
        elif name in FIXED_RULES:
            rules.append(unshipped()[f"upstream_{name}"])
        else:
            rules.append(without_qdsls_own_guards(shipped()[name]))
    return tuple(rules)


@pytest.mark.parametrize("name", [r.name for r in unshipped() if not r.name.startswith("upstream_")])
def test_kernelless_upsample_stays_unfused(name):
    """Deviation: torch fuses these into ops with no QuantizedCPU kernel; qdsl leaves them."""
    rule = unshipped()[name]
    fused = torch_static_fusion(instantiate(pattern_ir(rule), None))
    assert_same(fused, replacement_graph(rule))
    graph = torch._C.parse_ir(pattern_ir(rule))
    untouched = canonical_form(graph)
    assert apply_rules(graph, stage("static")) == []
    assert canonical_form(graph) == untouched


# ---- forward: prepack ----------------------------------------------------------------

@pytest.mark.parametrize("name", [r.name for r in stage("prepack")])
def test_prepack_rule_matches_torch_insert_prepack_unpack(name):
    rule = shipped()[name]
    assert_same(torch_prepack(torch._C.parse_ir(pattern_ir(rule))), replacement_graph(rule))


# ---- forward: dynamic fusion (reachable from Python only through finalize) ------------

@pytest.mark.parametrize("name", [r.name for r in stage("dynamic")])
def test_dynamic_rule_matches_torch_dynamic_finalize(name):
    """Torch's dynamic finalize = prepack insertion, dynamic fusion, freeze (nothing to fold:
    the weights are graph inputs); qdsl's stages then torch's freeze must give the same."""
    rule = shipped()[name]
    upstream = torch._C._jit_pass_quant_finalize(module_running(pattern_ir(rule))._c, 0, [])
    ours = module_running(pattern_ir(rule))
    rewrite_with_torch(ours.graph, stage("prepack"))
    rewrite_with_torch(ours.graph, stage("dynamic"))
    frozen = torch._C._freeze_module(ours._c, [])
    assert_same(upstream._get_method("forward").graph, frozen._get_method("forward").graph)
    made = set(live_kinds(replacement_graph(rule)))
    assert made <= set(live_kinds(frozen._get_method("forward").graph))


# ---- reverse: the zoo's models ---------------------------------------------------------

STATIC_MODELS = [m for m in SMALL if m.mode == "static"]
DYNAMIC_MODELS = [m for m in SMALL if m.mode != "static"]


def children(module: torch.jit.ScriptModule) -> list[str]:
    """Names of the direct children and parameters (preserved: freezing keeps every weight
    an attribute, so there is no prepacking to fold, a step torch does not expose)."""
    return [name for name, _ in (*module.named_children(), *module.named_parameters(recurse=False))]


@pytest.mark.parametrize("model", cases(STATIC_MODELS))
def test_static_model_through_torchs_rewriter_matches_torch(model):
    module, = debug_copies(model.name, 1)
    upstream, ours = clone(module), clone(module)
    fused_by_torch(upstream.graph)
    rewrite_with_torch(ours.graph, stage("prepack"))
    rewrite_with_torch(ours.graph, stage("static"))
    assert set(model.expect_kinds) <= set(node_kinds(upstream.graph))
    inputs = seeded_inputs(model, 7)
    if not model.upstream_raises:
        assert_same(upstream.graph, ours.graph)
        assert torch.equal(upstream(*inputs), ours(*inputs))
        return
    # The difference is exactly the deviations: putting upstream's entries back gives torch's graph.
    upstream_like = clone(module)
    rewrite_with_torch(upstream_like.graph, stage("prepack"))
    rewrite_with_torch(upstream_like.graph, upstream_like_static())
    assert_same(upstream.graph, upstream_like.graph)
    assert canonical_form(upstream.graph) != canonical_form(ours.graph)
    with pytest.raises(RuntimeError):
        upstream(*inputs)


@pytest.mark.parametrize("model", cases(DYNAMIC_MODELS))
def test_dynamic_model_through_torchs_rewriter_matches_torch(model):
    module, = debug_copies(model.name, 1)
    keep = children(module)
    upstream = torch._C._jit_pass_quant_finalize(clone(module)._c, 0, keep)
    ours = clone(module)
    rewrite_with_torch(ours.graph, stage("prepack"))
    rewrite_with_torch(ours.graph, stage("dynamic"))
    frozen = torch._C._freeze_module(ours._c, keep)
    upstream_graph = upstream._get_method("forward").graph
    assert set(model.expect_kinds) <= set(live_kinds(upstream_graph))
    assert_same(upstream_graph, frozen._get_method("forward").graph)
    inputs = seeded_inputs(model, 7)
    assert torch.equal(upstream.forward(*inputs), frozen.forward(*inputs))


# ---- the opt-in alpha == 1.0 rules ---------------------------------------------------

@cache
def with_alpha_float() -> tuple[qdsl.Rule, ...]:
    return stage("static") + qdsl.load_rules(str(OPTIONAL_ADD_ALPHA_FLOAT)).for_stage(FUSION_STATIC)


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
    untouched = canonical_form(instantiate(pattern_ir(rule), rule.guard))
    assert canonical_form(torch_static_fusion(instantiate(pattern_ir(rule), rule.guard))) == untouched
    default = instantiate(pattern_ir(rule), rule.guard)
    apply_rules(default, stage("static"))
    assert canonical_form(default) == untouched
    opted_in = instantiate(pattern_ir(rule), rule.guard)
    apply_rules(opted_in, with_alpha_float())
    assert_same(opted_in, instantiate(rendered(rule)[1], rule.guard))


def test_alpha_float_model_fuses_to_the_alpha_one_result():
    """Opted in, a float-alpha add finalizes to the same graph and output as torch's int-alpha add."""
    int_alpha, float_alpha = BY_NAME["add"], BY_NAME["add_alpha_float1"]
    upstream, = debug_copies(int_alpha.name, 1)
    fused_by_torch(upstream.graph)
    ours, = debug_copies(float_alpha.name, 1)
    rewrite_with_torch(ours.graph, stage("prepack"))
    rewrite_with_torch(ours.graph, with_alpha_float())
    # Two scripted models: observer attribute names differ, so compare kinds, not wiring.
    assert live_kinds(upstream.graph) == live_kinds(ours.graph)
    inputs = seeded_inputs(int_alpha, 7)
    assert torch.equal(upstream(*inputs), ours(*inputs))


# ---- the ordering constraints the rule files document ---------------------------------

def _moved_before(rules, moved: str, anchor: str) -> tuple[qdsl.Rule, ...]:
    rest = [r for r in rules if r.name != moved]
    position = [r.name for r in rest].index(anchor)
    return tuple(rest[:position] + [next(r for r in rules if r.name == moved)] + rest[position:])


@pytest.mark.parametrize("model_name, moved, anchor", [
    ("add_scalar_relu", "add_scalar_relu", "add_scalar"),
    ("mul_scalar_relu_", "mul_scalar_relu_", "mul_scalar"),
])
def test_scalar_relu_rules_must_follow_the_scalar_rules(model_name, moved, anchor):
    module, = debug_copies(model_name, 1)
    upstream = clone(module)
    fused_by_torch(upstream.graph)
    reordered = clone(module)
    rewrite_with_torch(reordered.graph, stage("prepack"))
    rewrite_with_torch(reordered.graph, _moved_before(stage("static"), moved, anchor))
    assert canonical_form(reordered.graph) != canonical_form(upstream.graph)
    assert set(BY_NAME[model_name].expect_kinds).isdisjoint(live_kinds(reordered.graph))


def test_float_input_dynamic_linear_must_follow_linear_dynamic():
    module, = debug_copies("dynamic_linear", 1)
    keep = children(module)
    upstream = torch._C._jit_pass_quant_finalize(clone(module)._c, 0, keep)
    reordered = clone(module)
    rewrite_with_torch(reordered.graph, stage("prepack"))
    rewrite_with_torch(reordered.graph, _moved_before(stage("dynamic"), "linear_dynamic_float_input",
                                                      "linear_dynamic"))
    frozen = torch._C._freeze_module(reordered._c, keep)
    kinds = live_kinds(frozen._get_method("forward").graph)
    assert canonical_form(frozen._get_method("forward").graph) != canonical_form(
        upstream._get_method("forward").graph)
    assert "aten::_choose_qparams_per_tensor" in kinds
