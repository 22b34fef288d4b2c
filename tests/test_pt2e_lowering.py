"""`qdsl.pt2e.lower` as users call it: what it leaves untouched, what it accepts, what the
lowered module can do (run, copy, save its weights, pack once), how it explains itself."""

from __future__ import annotations

import importlib.util
import operator
import subprocess
import sys

import pytest
import torch

import qdsl
from tests.support.pt2e_models import convert, converted_module, prepared_module, without_archive_version
from tests.support.pt2e_oracle import TOLERANCE, distance, fused_kinds, lowerings, outputs

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("torchao") is None, reason="the PT2E flow lives in torchao"),
    pytest.mark.filterwarnings("ignore:`torch.jit.script_method` is deprecated:DeprecationWarning"),
]


@pytest.mark.parametrize("name", ["resnet_block_conv", "linear_add_input", "transformer_block", "linear_dynamic"])
def test_the_callers_module_and_inputs_are_left_as_they_were(name):
    reference, inputs = converted_module(name)
    code, state = reference.code, {key: value.clone() for key, value in reference.state_dict().items()}
    given = tuple(tensor.clone() for tensor in inputs)
    lowered = qdsl.pt2e.lower(reference, given)
    outputs(lowered, given)
    with torch.no_grad():
        lowered(*given)
    assert reference.code == code
    assert all(torch.equal(state[key], value) for key, value in reference.state_dict().items())
    assert all(torch.equal(a, b) for a, b in zip(given, inputs))
    assert not any(a is b for a in lowered.state_dict().values() for b in reference.state_dict().values())


def test_an_exported_program_lowers_as_its_module_and_after_saving(tmp_path):
    reference, inputs = converted_module("resnet_block_conv")
    program = torch.export.export(reference, inputs, strict=False)
    path = tmp_path / "resnet.pt2"
    torch.export.save(program, path)
    from qdsl.backends.pt2e.commands import load_input

    direct = lowerings("resnet_block_conv").qdsl.module
    for lowered in (qdsl.pt2e.lower(program), qdsl.pt2e.lower(load_input(str(path)))):
        assert fused_kinds(lowered) == fused_kinds(direct)
        assert all(torch.equal(a, b) for a, b in zip(outputs(lowered, inputs), outputs(direct, inputs)))


def test_weights_are_packed_once_and_again_after_they_change():
    lowered = lowerings("resnet_block_conv")
    module = lowered.qdsl.module
    prepacks = {torch.ops.onednn.qconv_prepack.default, torch.ops.onednn.qlinear_prepack.default}
    assert not any(node.target in prepacks for node in module.graph.nodes)
    [holder] = [node for node in module.graph.nodes if node.op == "call_module" and node.target == "_qdsl_packed"]
    sources = [getattr(module, node.target) for node in holder.args]
    first = module._qdsl_packed(*sources)
    outputs(module, lowered.inputs)
    assert all(a is b for a, b in zip(module._qdsl_packed(*sources), first))
    with torch.no_grad():
        sources[0].copy_(sources[0])  # an in-place write, as load_state_dict makes
    repacked = module._qdsl_packed(*sources)
    assert repacked[0] is not first[0] and all(a is b for a, b in zip(repacked[1:], first[1:]))


def test_lowering_is_deterministic():
    first, second = lowerings("transformer_block").qdsl.module, qdsl.pt2e.lower(*converted_module("transformer_block"))
    assert first.code == second.code


def test_the_report_is_plain_data_naming_rules_and_model_lines():
    result = lowerings("resnet_block_conv").qdsl
    assert result.fired()["x86_conv2d_add_int8"] == 1
    binary = next(r for r in result.rewrites if r.rule.name == "x86_conv2d_add")
    assert binary.kinds == ("packed onednn::qconv_prepack", "quantized_decomposed::dequantize_per_tensor",
                            "aten::contiguous", "onednn::qconv2d_pointwise.binary")
    assert binary.source.endswith(": return self.tail(self.relu2(self.conv2(self.relu1(self.conv1(identity))) "
                                  "+ identity))")
    assert all(isinstance(item, str) for rewrite in result.rewrites for item in (*rewrite.kinds, *rewrite.outputs))
    assert "x86_conv2d_add_int8 x1 (patterns/pt2e_x86.qpat:" in result.format_text()


def test_explain_names_the_failing_part_of_the_rule():
    from qdsl.backends.pt2e.explain import explain

    report = explain(*converted_module("conv_add_alpha"))
    [miss] = [m for m in report.near_misses if m.rule == "x86_conv2d_add"]
    assert miss.reason == "constant differs: expected 1, found 2.0"
    assert miss.part == "1" and miss.part_location.startswith("patterns/pt2e_x86.qpat:")
    assert miss.place.endswith("torch.add(self.conv_a(x), self.conv_b(x), alpha=self.alpha))")
    two_users = explain(*converted_module("conv_two_users"))
    assert [m.rule for m in two_users.near_misses] == ["x86_conv_relu"]
    assert two_users.near_misses[0].reason.startswith("value used outside the match")


def test_explain_lists_quantized_ops_left_in_float():
    from qdsl.backends.pt2e.explain import explain

    report = explain(*converted_module("conv_maxpool_conv"))
    assert [chain.split("  (")[0] for chain in report.unfused] == ["aten::max_pool2d"]
    assert "left in float" in report.format_text()


def test_rules_from_a_file_replace_the_shipped_ones(tmp_path):
    rule_file = tmp_path / "only_linear.qpat"
    rule_file.write_text(
        "stage pt2e x86\n"
        "rule my_linear:\n"
        "    linear(quantized_decomposed::dequantize_per_tensor(x, xs, xz, lo, hi, uint8, None),\n"
        "           quantized_decomposed::dequantize_per_channel(w, ws, wz, 0, wlo, whi, int8, None), b)\n"
        "    where is_constant(w) and all_zero(wz)\n"
        "    -> onednn::qlinear_pointwise(x, xs, xz, fold onednn::qlinear_prepack(w, None), ws, wz, b,\n"
        "           1.0, 0, float32, \"none\", [], \"\")\n")
    reference, inputs = converted_module("mlp_2d")
    result = qdsl.pt2e.lower_with_report(reference, inputs, rules=rule_file)
    assert dict(result.fired()) == {"my_linear": 2}
    assert distance(outputs(result.module, inputs), outputs(reference, inputs)) <= TOLERANCE


@pytest.mark.parametrize("program, arguments, message", [
    (3, (), "lower expects a torch.export.ExportedProgram or a torch.fx.GraphModule"),
    (None, (torch.randn(2, 8),), "example_inputs must be a tuple"),
    (None, ((), qdsl.RuleSet()), None),
    (None, ((), "no/such/rules.qpat"), "no/such/rules.qpat"),
])
def test_bad_arguments_are_input_errors(program, arguments, message):
    reference, _ = converted_module("linear")
    if message is None:  # a rule set without x86 rules: the TorchScript rules alone
        torchscript_only = qdsl.RuleSet(tuple(r for r in qdsl.default_rules() if r.stage.backend == "torchscript"))
        arguments, message = ((), torchscript_only), "the rule set has no rules for 'stage pt2e x86'"
    with pytest.raises(qdsl.InputError, match=message):
        qdsl.pt2e.lower(reference if program is None else program, *arguments)


def state_of(module: torch.fx.GraphModule) -> tuple:
    return (str(module.graph), module.code, [(key, value.clone()) for key, value in module.state_dict().items()])


def same_state(module: torch.fx.GraphModule, state: tuple) -> bool:
    graph, code, tensors = state
    now = module.state_dict()
    return (str(module.graph), module.code) == (graph, code) and len(now) == len(tensors) and all(
        torch.equal(now[key], value) for key, value in tensors)



def assert_refused_and_unchanged(module: torch.fx.GraphModule, inputs: tuple, message: str) -> None:
    """`lower` raises an InputError matching `message` and leaves `module` as it was."""
    state = state_of(module)
    with pytest.raises(qdsl.InputError, match=message):
        qdsl.pt2e.lower(module, inputs)
    assert same_state(module, state)


@pytest.mark.parametrize("name", ["linear", "linear_dynamic"])
def test_a_module_not_converted_yet_is_an_input_error_saying_to_convert_it(name):
    exported, prepared, inputs = prepared_module(name)
    for module in (prepared, exported):  # prepare_pt2e's module shares its graph with the one it was given
        assert_refused_and_unchanged(module, inputs, r"the module still runs the observers prepare_pt2e inserted "
                                                     r"\(activation_post_process_.*\): it must be converted with "
                                                     r"convert_pt2e first")
    converted = convert(prepared)
    assert fused_kinds(qdsl.pt2e.lower(converted, inputs))


def test_the_modules_convert_pt2e_rewrote_in_place_are_input_errors_naming_the_one_to_lower():
    exported, prepared, inputs = prepared_module("resnet_block_conv")
    converted = convert(prepared)
    for module in (exported, prepared):
        assert_refused_and_unchanged(module, inputs, r"the module's graph reads _(scale|frozen_param)_?0, .* which "
                                                     r"the module does not have: it is the module given to "
                                                     r"prepare_pt2e or to convert_pt2e.*lower the module "
                                                     r"convert_pt2e returned$")
    assert fused_kinds(qdsl.pt2e.lower(converted, inputs)) == fused_kinds(lowerings("resnet_block_conv").qdsl.module)


def test_a_file_that_is_no_saved_program_is_an_input_error(tmp_path):
    from qdsl.backends.pt2e.commands import load_input

    path = tmp_path / "not_a_program.pt2"
    path.write_bytes(b"no zip")
    with pytest.raises(qdsl.InputError, match="cannot load .* as a program saved with torch.export.save: it is "
                                              "neither a zip archive nor a pickle"):
        load_input(str(path))
    with pytest.raises(qdsl.InputError, match="no such file"):
        load_input(str(tmp_path / "missing.pt2"))


def test_a_saved_program_loads_under_any_name_and_a_damaged_one_says_why(tmp_path):
    from qdsl.backends.pt2e.commands import load_input

    reference, inputs = converted_module("linear")
    saved = tmp_path / "linear.pt"  # torch.export.save takes any name: the kind is read from the bytes
    torch.export.save(torch.export.export(reference, inputs, strict=False), saved)
    assert fused_kinds(qdsl.pt2e.lower(load_input(str(saved)))) == fused_kinds(qdsl.pt2e.lower(reference, inputs))
    damaged = without_archive_version(saved, tmp_path / "damaged.pt2")
    with pytest.raises(qdsl.InputError, match="cannot load .*damaged.pt2 as a program saved with torch.export.save: "
                                              "PytorchStreamReader failed locating file archive_version"):
        load_input(str(damaged))


def test_the_lowered_graph_reads_each_packed_weight_from_the_holder():
    module = lowerings("mlp_2d").qdsl.module
    packed = [node for node in module.graph.nodes if node.target is operator.getitem
              and node.args[0].op == "call_module"]
    assert len(packed) == 2
    assert all(user.target == torch.ops.onednn.qlinear_pointwise.default for node in packed for user in node.users)


def test_compiling_pt2e_rules_registers_their_ops_and_torchscript_rules_do_not():
    script = ("import sys, qdsl\n"
              "qdsl.load_rules('patterns/fusion_static.qpat')\n"
              "print('torch.ao.quantization.fx._decomposed' in sys.modules, 'torchao' in sys.modules)\n"
              "qdsl.load_rules('patterns/pt2e_x86.qpat')\n"
              "print('torch.ao.quantization.fx._decomposed' in sys.modules, 'torchao' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False", "True", "False"]


def test_the_command_line_explains_a_saved_program_and_refuses_to_save_a_lowering(tmp_path):
    import json

    from tests.support.cli import run_qdsl

    reference, inputs = converted_module("conv_add_alpha")
    path = tmp_path / "alpha.pt2"
    torch.export.save(torch.export.export(reference, inputs, strict=False), path)
    text = run_qdsl("explain", "--backend", "pt2e", str(path))
    assert text.returncode == 0 and "constant differs: expected 1, found 2.0" in text.stdout
    report = json.loads(run_qdsl("explain", "--backend", "pt2e", str(path), "--format", "json").stdout)
    assert [miss["rule"] for miss in report["near_misses"]] == ["x86_conv2d_add"]
    refused = run_qdsl("finalize", "--backend", "pt2e", str(path), "-o", str(tmp_path / "out.pt2"))
    assert refused.returncode == 2 and "save the convert_pt2e program with torch.export.save" in refused.stderr


def test_the_command_line_checks_formats_and_shows_the_x86_rules():
    from tests.support.cli import run_qdsl

    assert run_qdsl("check", "patterns/pt2e_x86.qpat").returncode == 0
    assert run_qdsl("fmt", "--check", "patterns/pt2e_x86.qpat").returncode == 0
    shown = run_qdsl("show", "x86_conv_hardtanh", "--backend", "pt2e")
    assert shown.returncode == 0
    assert ('torch.ops.onednn.qconv_pointwise.default(x, xs, xz, w, ws, wz, b, [s0, s1], pad, dil, g, 1.0, 0, '
            'torch.float32, "hardtanh", [low, high], algorithm)') in shown.stdout
