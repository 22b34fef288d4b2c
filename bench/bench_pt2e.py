"""PT2E x86: what `qdsl.pt2e.lower` gains a user, measured side by side in one process.

- **Latency**: one inference of the `convert_pt2e` reference module (eager), of qdsl's
  lowered module, of torchao's `lower_pt2e_quantized_to_x86` module and of
  `torch.compile` of the reference (Inductor with freezing, where it compiles here), at
  1 thread and at all threads. Wall time per call: rounds of calls, contenders
  interleaved, median round. Every lowered output is checked against the reference.
- **Lowering time**: `qdsl.pt2e.lower` vs `lower_pt2e_quantized_to_x86` on the same
  converted module (a deep copy each run, made outside the clock), CPU seconds, one
  thread, after one untimed run of each (torchao's first lowering also registers
  Inductor's patterns). With it, each lowering's distance from the reference
  (max |out - ref| / max(1, max |ref|)): at these sizes a uint8 intermediate can round
  one step apart from the float reference, so the distance is up to one quantization
  step of an intermediate, for torchao's lowering as for qdsl's.

    .venv/bin/python bench/bench_pt2e.py                       # all models, with torch.compile
    .venv/bin/python bench/bench_pt2e.py --models resnet_block --no-compile --rounds 3

Models are the PT2E zoo's architectures (tests/support/pt2e_models.py) at realistic
sizes, quantized with `X86InductorQuantizer` as the zoo is.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Callable

import torch
import torch.nn as nn

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the zoo is tests.support
sys.path.insert(0, str(Path(__file__).resolve().parent))
warnings.filterwarnings("ignore")

import harness  # noqa: E402
import qdsl  # noqa: E402
from tests.support.pt2e_models import ConvAct, Mlp, ResidualBlock, TransformerBlock, quantize  # noqa: E402
from tests.support.pt2e_oracle import distance  # noqa: E402

MODELS: dict[str, tuple[Callable[[], nn.Module], tuple[int, ...], str]] = {
    "conv_relu_conv": (lambda: ConvAct(nn.ReLU(), tail=True, channels=64), (1, 64, 28, 28), "conv"),
    "resnet_block": (lambda: ResidualBlock(tail=True, channels=64), (1, 3, 28, 28), "conv"),
    "mobilenet_block": (lambda: ConvAct(nn.Hardswish(), depthwise=True, tail=True, channels=64), (1, 64, 28, 28),
                        "conv"),
    "mlp_3d": (lambda: Mlp(256, 1024), (1, 64, 256), "linear"),
    "transformer_block": (lambda: TransformerBlock(dim=256, heads=4), (1, 64, 256), "linear"),
}
"""name -> (float model, input shape, kind)."""


def converted(name: str) -> tuple[torch.fx.GraphModule, torch.Tensor]:
    build, shape, _ = MODELS[name]
    torch.manual_seed(0)
    model = build().eval()
    generator = torch.Generator().manual_seed(0)
    inputs = torch.randn(*shape, generator=generator)
    calibration = [(torch.randn(*shape, generator=generator),) for _ in range(2)]
    return quantize(model, (inputs,), calibration), inputs


def compiled(reference: torch.fx.GraphModule, example: torch.Tensor):
    """`torch.compile` of the reference with Inductor's freezing (its int8 path), or the
    reason it does not compile here."""
    import torch._inductor.config as inductor_config

    inductor_config.freezing = True
    try:
        module = torch.compile(copy.deepcopy(reference))
        with torch.no_grad():
            module(example)
        return module
    except Exception as error:  # no C++ compiler, unsupported op: reported, not fatal
        return f"{type(error).__name__}: {str(error).splitlines()[0][:80]}"


def per_call(modules: dict[str, Callable], example: torch.Tensor, rounds: int, calls: int) -> dict[str, float]:
    """Median over rounds of the wall seconds per call; contenders interleaved."""
    times: dict[str, list[float]] = {name: [] for name in modules}
    names = list(modules)
    with torch.no_grad():
        for module in modules.values():
            module(example)
        for round_index in range(rounds):
            for name in names[round_index % len(names):] + names[:round_index % len(names)]:
                start = time.perf_counter()
                for _ in range(calls):
                    modules[name](example)
                times[name].append((time.perf_counter() - start) / calls)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="+", default=list(MODELS), choices=list(MODELS))
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds per contender (median reported)")
    parser.add_argument("--calls", type=int, default=20, help="calls per round")
    parser.add_argument("--lowering-repeats", type=int, default=5)
    parser.add_argument("--no-compile", action="store_true", help="leave torch.compile out (it takes ~20 s a model)")
    parser.add_argument("--results-dir", type=Path, default=harness.RESULTS_DIR)
    args = parser.parse_args()
    from torchao.quantization.pt2e.lowering import lower_pt2e_quantized_to_x86

    all_threads = torch.get_num_threads()
    latency_rows, lowering_rows = [], []
    for name in args.models:
        reference, example = converted(name)
        torch.set_num_threads(1)
        timings, results = harness.time_interleaved({
            "qdsl": (lambda: copy.deepcopy(reference), lambda m: qdsl.pt2e.lower(m, (example,))),
            "torchao": (lambda: copy.deepcopy(reference), lambda m: _torchao(lower_pt2e_quantized_to_x86, m, example)),
        }, args.lowering_repeats)
        lowering_rows.append({"model": name, "qdsl_s": timings["qdsl"].median, "torchao_s": timings["torchao"].median,
                              "speedup": harness.ratio(timings["torchao"].median, timings["qdsl"].median)})
        modules = {"reference": reference, "qdsl": results["qdsl"], "torchao": results["torchao"]}
        compiled_module = None if args.no_compile else compiled(reference, example)
        if compiled_module is not None and not isinstance(compiled_module, str):
            modules["torch.compile"] = compiled_module
        with torch.no_grad():
            expected, ours, theirs = reference(example), results["qdsl"](example), results["torchao"](example)
        lowering_rows[-1].update({
            "qdsl_distance": distance((ours,), (expected,)), "torchao_distance": distance((theirs,), (expected,)),
            "equal_to_torchao": torch.equal(ours, theirs)})
        for threads in sorted({1, all_threads}):
            torch.set_num_threads(threads)
            seconds = per_call(modules, example, args.rounds, args.calls)
            for contender, value in seconds.items():
                latency_rows.append({"model": name, "kind": MODELS[name][2], "threads": threads,
                                     "contender": contender, "ms_per_call": value * 1e3,
                                     "speedup_vs_reference": harness.ratio(seconds["reference"], value)})
        if isinstance(compiled_module, str):
            print(f"{name}: torch.compile did not compile: {compiled_module}")
        torch.set_num_threads(all_threads)
    harness.write_csv(args.results_dir / "pt2e_latency.csv",
                      ["model", "kind", "threads", "contender", "ms_per_call", "speedup_vs_reference"], latency_rows)
    harness.write_csv(args.results_dir / "pt2e_lowering.csv",
                      ["model", "qdsl_s", "torchao_s", "speedup", "qdsl_distance", "torchao_distance",
                       "equal_to_torchao"], lowering_rows)
    print(_latency_table(latency_rows))
    print(_lowering_table(lowering_rows))
    return 0


def _torchao(lower, module, example):
    with torch.no_grad():
        return lower(module, (example,))


def _latency_table(rows: list[dict]) -> str:
    contenders = list(dict.fromkeys(row["contender"] for row in rows))
    lines = ["| model | threads | " + " | ".join(f"{c} ms (× ref)" for c in contenders) + " |",
             "|---|---|" + "---|" * len(contenders)]
    keys = list(dict.fromkeys((row["model"], row["threads"]) for row in rows))
    for model, threads in keys:
        cells = {row["contender"]: row for row in rows if row["model"] == model and row["threads"] == threads}
        shown = [f"{cells[c]['ms_per_call']:.3f} ({harness.format_ratio(cells[c]['speedup_vs_reference'])}×)"
                 if c in cells else "-" for c in contenders]
        lines.append(f"| {model} | {threads} | " + " | ".join(shown) + " |")
    return "\n".join(lines)


def _lowering_table(rows: list[dict]) -> str:
    lines = ["| model | qdsl s | torchao s | torchao / qdsl | qdsl vs ref | torchao vs ref | qdsl == torchao |",
             "|---|---|---|---|---|---|---|"]
    lines += [f"| {r['model']} | {r['qdsl_s']:.4f} | {r['torchao_s']:.4f} | {harness.format_ratio(r['speedup'])} | "
              f"{r['qdsl_distance']:.1e} | {r['torchao_distance']:.1e} | {r['equal_to_torchao']} |" for r in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
