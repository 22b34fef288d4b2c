"""End-to-end finalize: qdsl `finalize` vs `torch._C._jit_pass_quant_finalize`, and per stage.

Each timed run gets its own clone of the pre-finalize module, with its own class types
(torch's pass edits its input's `forward` in place), made before the clock starts;
qdsl is called with `inplace=True` on that clone, so both do the same work. Runs are
interleaved, the median is reported. The two frozen modules must have identical
`forward` graphs (harness.first_difference) and bit-identical outputs (`torch.equal`).

Per stage: qdsl's own `finalize(..., timings=, clock=)` times its steps (clear,
prepack, fusion, freeze, fold) within the same runs; torch's C++ exposes prepack,
fusion and freeze as separate passes (not clear and fold), timed in separate runs of
the same interleaved loop.

Writes results/finalize.csv and prints, per shape, how time per node grows from the
smallest to the largest size.
"""

from __future__ import annotations

import statistics
import time

import torch

import harness
import models

COLUMNS = ("shape", "blocks", "nodes", "torch_s", "qdsl_s", "ratio", "identical", "outputs_equal",
           "torch_us_per_node", "qdsl_us_per_node",
           *(f"qdsl_{stage}_s" for stage in harness.QDSL_STAGES),
           "torch_prepack_s", "torch_fusion_s", "torch_freeze_s")


def torch_by_stage(quant_type: int, qdsl: harness.QdslSide, clock):
    """torch's finalize as its three exposed passes, appending each pass's seconds to
    `timings`; None when torch's fusion for `quant_type` cannot be run."""
    fusion = harness.torch_quant_fusion(quant_type, qdsl)
    if fusion is None:
        return None

    def run(c_module: torch._C.ScriptModule, timings: dict[str, list[float]]) -> torch._C.ScriptModule:
        start = clock()
        torch._C._jit_pass_insert_prepack_unpack(c_module)
        after_prepack = clock()
        fusion(harness.forward_graph(c_module))
        after_fusion = clock()
        frozen = torch._C._freeze_module(c_module, [])
        end = clock()
        for stage, seconds in (("prepack", after_prepack - start), ("fusion", after_fusion - after_prepack),
                               ("freeze", end - after_fusion)):
            timings.setdefault(stage, []).append(seconds)
        return frozen
    return run


def measure(model: models.BuiltModel, repeats: int, qdsl: harness.QdslSide,
            clock=time.process_time) -> dict:
    """One CSV row for `model`."""
    source = model.module._c
    quant_type = model.quant_type

    def fresh_clone() -> torch._C.ScriptModule:
        return harness.clone_module(source)

    contenders = {"torch": (fresh_clone, lambda c: torch._C._jit_pass_quant_finalize(c, quant_type, []))}
    torch_stage_runs: dict[str, list[float]] = {}
    qdsl_stage_runs: dict[str, list[float]] = {}
    staged_torch = torch_by_stage(quant_type, qdsl, clock)
    if staged_torch is not None:
        contenders["torch by stage"] = (fresh_clone, lambda c: staged_torch(c, torch_stage_runs))
    if qdsl.unavailable is None:
        def qdsl_staged(c_module: torch._C.ScriptModule) -> torch._C.ScriptModule:
            timings: dict[str, float] = {}
            frozen = qdsl.finalize(c_module, quant_type, timings, clock)
            for stage, seconds in timings.items():
                qdsl_stage_runs.setdefault(stage, []).append(seconds)
            return frozen
        contenders["qdsl"] = (fresh_clone, qdsl_staged)
    try:
        timings, results = harness.time_interleaved(contenders, repeats, clock)
    except Exception as error:  # a qdsl failure: report it, keep torch's numbers
        print(f"  {model.shape} {model.blocks}: qdsl failed ({type(error).__name__}: {error}); torch only")
        contenders = {"torch": contenders["torch"]}
        qdsl_stage_runs.clear()
        timings, results = harness.time_interleaved(contenders, repeats, clock)
    nodes = models.node_count(harness.forward_graph(source))
    torch_s = timings["torch"].median
    qdsl_s = timings["qdsl"].median if "qdsl" in timings else None
    row = {"shape": model.shape, "blocks": model.blocks, "nodes": nodes,
           "torch_s": torch_s, "qdsl_s": qdsl_s, "ratio": harness.ratio(qdsl_s, torch_s),
           "torch_us_per_node": torch_s / nodes * 1e6,
           "qdsl_us_per_node": None if qdsl_s is None else qdsl_s / nodes * 1e6}
    # Stage medians skip the warm-up run (the first entry).
    for stage, runs in qdsl_stage_runs.items():
        row[f"qdsl_{stage}_s"] = statistics.median(runs[1:] or runs)
    for stage, runs in torch_stage_runs.items():
        row[f"torch_{stage}_s"] = statistics.median(runs[1:] or runs)
    if "qdsl" in results:
        torch_module, qdsl_module = results["torch"], results["qdsl"]
        difference = harness.first_difference(harness.forward_graph(torch_module),
                                              harness.forward_graph(qdsl_module))
        row["identical"] = not difference
        if difference:
            print(f"  {model.shape} {model.blocks}: graphs differ at {difference}")
        try:
            row["outputs_equal"] = torch.equal(harness.run_module(torch_module, model.example_input),
                                               harness.run_module(qdsl_module, model.example_input))
        except RuntimeError as error:
            print(f"  {model.shape} {model.blocks}: qdsl's module fails to run: {str(error).splitlines()[0]}")
            row["outputs_equal"] = False
    return row


def per_node_growth(rows: list[dict], key: str) -> dict[str, tuple[int, int, float]]:
    """Per shape: (smallest blocks >= 50, largest blocks, growth of `key` per node)."""
    growth = {}
    for shape in dict.fromkeys(row["shape"] for row in rows):
        sized = sorted((row for row in rows if row["shape"] == shape and row.get(key) is not None),
                       key=lambda row: row["blocks"])
        baseline = [row for row in sized if row["blocks"] >= 50] or sized
        if len(baseline) >= 2:
            first, last = baseline[0], baseline[-1]
            growth[shape] = (first["blocks"], last["blocks"], last[key] / first[key] - 1)
    return growth


def main() -> None:
    args = harness.common_arguments(__doc__.splitlines()[0]).parse_args()
    harness.apply_threads(args)
    qdsl = harness.QdslSide()
    if qdsl.unavailable:
        print(f"qdsl not available, timing torch only: {qdsl.unavailable}")
    print(f"finalize, median of {args.repeats} interleaved runs ({args.large_repeats} from {harness.LARGE_BLOCKS} blocks) ({args.clock} seconds)")
    print(f"{'shape':<12} {'blocks':>6} {'nodes':>7} {'torch':>9} {'qdsl':>9} {'qdsl/torch':>10}  "
          f"identical outputs  qdsl stages: " + " ".join(harness.QDSL_STAGES)
          + "  | torch stages: prepack fusion freeze")
    rows = []
    for shape in args.shapes:
        for blocks in args.blocks:
            row = measure(harness.build_model(args, shape, blocks), harness.repeats_for(args, blocks), qdsl,
                          harness.CLOCKS[args.clock])
            rows.append(row)
            stages = " ".join(harness.format_seconds(row.get(f"qdsl_{stage}_s")) for stage in harness.QDSL_STAGES)
            torch_stages = " ".join(harness.format_seconds(row.get(f"torch_{stage}_s"))
                                    for stage in ("prepack", "fusion", "freeze"))
            print(f"{shape:<12} {blocks:>6} {row['nodes']:>7} {harness.format_seconds(row['torch_s']):>9} "
                  f"{harness.format_seconds(row['qdsl_s']):>9} {harness.format_ratio(row['ratio']):>10}  "
                  f"{str(row.get('identical', '-')):>9} {str(row.get('outputs_equal', '-')):>7}  "
                  f"{stages}  | {torch_stages}", flush=True)
    harness.write_csv(args.results_dir / "finalize.csv", COLUMNS, rows)
    print(f"wrote {args.results_dir / 'finalize.csv'}")
    for key, label in (("torch_us_per_node", "torch"), ("qdsl_us_per_node", "qdsl")):
        for shape, (small, large, growth) in per_node_growth(rows, key).items():
            print(f"time per node, {label:<5} {shape:<12} {small:>3} -> {large:>3} blocks: {growth:+.0%}")


if __name__ == "__main__":
    main()
