"""QuantFusion alone: qdsl `quant_fusion` vs `torch._C._jit_pass_quant_fusion`.

Both start from the same graph: the model's `forward` after torch's own
`_jit_pass_insert_prepack_unpack`, i.e. what the fusion stage of finalize sees. Each
timed run gets its own `Graph.copy()` of it, made before the clock starts; runs are
interleaved and the median is reported. The result graphs are compared node by node
(kinds, attributes, wiring; see `harness.first_difference`).

torch's Python binding of QuantFusion runs only the static rules; for the dynamic
shape the torch column is torch's C++ SubgraphRewriter running qdsl's dynamic rule
strings (see `harness.torch_quant_fusion`).

Writes results/fusion.csv: shape, blocks, nodes, torch_s, qdsl_s, ratio, identical.
"""

from __future__ import annotations

import time

import torch

import harness
import models

COLUMNS = ("shape", "blocks", "nodes", "torch_s", "qdsl_s", "ratio", "identical")


def measure(model: models.BuiltModel, repeats: int, qdsl: harness.QdslSide,
            clock=time.process_time) -> dict:
    """One CSV row for `model`."""
    prepacked = harness.clone_module(model.module._c)
    torch._C._jit_pass_insert_prepack_unpack(prepacked)
    base = harness.forward_graph(prepacked)
    contenders = {}
    torch_fusion = harness.torch_quant_fusion(model.quant_type, qdsl)
    if torch_fusion is not None:
        def torch_run(graph: torch._C.Graph) -> torch._C.Graph:
            torch_fusion(graph)
            return graph
        contenders["torch"] = (base.copy, torch_run)
    if qdsl.unavailable is None:
        def qdsl_run(graph: torch._C.Graph) -> torch._C.Graph:
            qdsl.quant_fusion(graph, model.quant_type)
            return graph
        contenders["qdsl"] = (base.copy, qdsl_run)
    timings, results = harness.time_interleaved(contenders, repeats, clock)
    torch_s = timings["torch"].median if "torch" in timings else None
    qdsl_s = timings["qdsl"].median if "qdsl" in timings else None
    identical = None
    if len(results) == 2:
        difference = harness.first_difference(results["torch"], results["qdsl"])
        identical = not difference
        if difference:
            print(f"  {model.shape} {model.blocks}: graphs differ at {difference}")
    return {"shape": model.shape, "blocks": model.blocks, "nodes": models.node_count(base),
            "torch_s": torch_s, "qdsl_s": qdsl_s, "ratio": harness.ratio(qdsl_s, torch_s),
            "identical": identical}


def main() -> None:
    args = harness.common_arguments(__doc__.splitlines()[0]).parse_args()
    harness.apply_threads(args)
    qdsl = harness.QdslSide()
    if qdsl.unavailable:
        print(f"qdsl not available, timing torch only: {qdsl.unavailable}")
    print(f"QuantFusion, median of {args.repeats} interleaved runs ({args.large_repeats} from {harness.LARGE_BLOCKS} blocks) ({args.clock} seconds)")
    print(f"{'shape':<12} {'blocks':>6} {'nodes':>7} {'torch':>9} {'qdsl':>9} {'qdsl/torch':>10}  identical")
    rows = []
    for shape in args.shapes:
        for blocks in args.blocks:
            row = measure(harness.build_model(args, shape, blocks), harness.repeats_for(args, blocks), qdsl,
                          harness.CLOCKS[args.clock])
            rows.append(row)
            print(f"{shape:<12} {blocks:>6} {row['nodes']:>7} {harness.format_seconds(row['torch_s']):>9} "
                  f"{harness.format_seconds(row['qdsl_s']):>9} {harness.format_ratio(row['ratio']):>10}  "
                  f"{'-' if row['identical'] is None else row['identical']}", flush=True)
    harness.write_csv(args.results_dir / "fusion.csv", COLUMNS, rows)
    print(f"wrote {args.results_dir / 'fusion.csv'}")


if __name__ == "__main__":
    main()
