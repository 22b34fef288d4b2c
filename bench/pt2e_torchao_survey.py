"""What torchao's `lower_pt2e_quantized_to_x86` does to every model of the PT2E zoo.

For each model: the oneDNN kernels the lowered module calls (with their post-ops),
whether it runs eagerly, whether it writes into the caller's inputs, and how far its
output is from the `convert_pt2e` reference module. Prints a Markdown table and the
time the zoo took to export + quantize and to lower.

    .venv/bin/python bench/pt2e_torchao_survey.py [model ...]
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
import warnings
from pathlib import Path

import torch
from torch._dynamo.utils import counters

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the zoo is tests.support
warnings.filterwarnings("ignore")

from tests.support.pt2e_models import ZOO, converted_module  # noqa: E402
from torchao.quantization.pt2e.lowering import lower_pt2e_quantized_to_x86  # noqa: E402

POST_OP_ARGUMENTS = {"qconv_pointwise": (14,), "qconv2d_pointwise": (17, 19), "qlinear_pointwise": (10,)}
"""Argument positions of the binary / unary post-op names, per kernel (overload-independent)."""


def fused_kinds(module: torch.fx.GraphModule) -> str:
    """`kernel(post-ops)×count` for every oneDNN or mkldnn call, sorted."""
    kinds: collections.Counter[str] = collections.Counter()
    for node in module.graph.nodes:
        name = str(node.target)
        if node.op != "call_function" or not name.startswith(("onednn.", "mkldnn.")):
            continue
        kernel = name.split(".")[1]
        if kernel == "qlinear_pointwise" and name.endswith(("binary", "binary_tensor")):
            positions = (13, 15)
        else:
            positions = POST_OP_ARGUMENTS.get(kernel, ())
        post_ops = [node.args[i] for i in positions if node.args[i] not in ("none", "")]
        overload = name.split(".", 2)[2]
        kinds[f"{kernel}.{overload}({','.join(post_ops)})"] += 1
    return ", ".join(f"{kind}×{count}" for kind, count in sorted(kinds.items())) or "—"


def fired_families() -> str:
    """The matchers of the last lowering that fired, from Inductor's counters."""
    fired = {key.removesuffix("_matcher_count"): count for key, count in counters["inductor"].items()
             if key.endswith("_matcher_count") and key != "pattern_matcher_count"}
    return ", ".join(f"{key}×{count}" for key, count in sorted(fired.items())) or "—"


def as_tuple(value) -> tuple[torch.Tensor, ...]:
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


def survey(names: list[str]) -> None:
    quantize_seconds = lower_seconds = 0.0
    print("| model | torchao's fused kernels | matchers fired | eager | inputs written | max abs | max abs / max ref | bit-equal |")
    print("|---|---|---|---|---|---|---|---|")
    for model in ZOO:
        if names and model.name not in names:
            continue
        start = time.process_time()
        reference, inputs = converted_module(model.name)
        quantize_seconds += time.process_time() - start
        start = time.process_time()
        counters.clear()
        with torch.no_grad():
            lowered = lower_pt2e_quantized_to_x86(reference, inputs)
        lower_seconds += time.process_time() - start
        families = fired_families()
        with torch.no_grad():
            expected = as_tuple(reference(*inputs))
            given = tuple(t.clone() for t in inputs)
            try:
                actual = as_tuple(lowered(*given))
            except RuntimeError as error:
                print(f"| {model.name} | {fused_kinds(lowered)} | {families} | raises: {str(error).splitlines()[0][:60]} | | | | |")
                continue
        written = any(not torch.equal(a, b) for a, b in zip(given, inputs))
        abs_error = max((a - e).abs().max().item() for a, e in zip(actual, expected))
        magnitude = max(e.abs().max().item() for e in expected)
        equal = all(torch.equal(a, e) for a, e in zip(actual, expected))
        print(f"| {model.name} | {fused_kinds(lowered)} | {families} | runs | {'**yes**' if written else 'no'} | "
              f"{abs_error:.3g} | {abs_error / magnitude:.2g} | {'yes' if equal else 'no'} |")
    print(f"\nCPU time: export + quantize {quantize_seconds:.1f} s, lower_pt2e_quantized_to_x86 {lower_seconds:.1f} s "
          f"(the first lowering also registers Inductor's patterns)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="*", help="zoo model names (default: every model)")
    survey(parser.parse_args().models)


if __name__ == "__main__":
    main()
