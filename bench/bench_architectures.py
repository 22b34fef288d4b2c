"""Finalize on real architectures: qdsl `finalize` vs `torch._C._jit_pass_quant_finalize`.

The models are the zoo's ARCHITECTURES (tests/support/models.py, written in
tests/support/architectures): ResNet, ResNeXt, MobileNet, ShuffleNet, GoogLeNet,
Inception-v3, DenseNet, EfficientNet, ConvNeXt, ViT, R3D, and BERT, DistilBERT and
GPT-2 style text models, each scripted or traced and quantized as its users do it,
built in memory here. Per model:

- **steady state**: in a fresh process per model (so that the garbage of earlier models
  and the class types TorchScript keeps for every clone do not weigh on later rows),
  interleaved runs on fresh clones after one warm-up each (harness), median; qdsl is called as users call it (`qdsl.finalize(module, quant_type)`: it
  clones the caller's module, torch's pass edits it), so the ratio includes that clone.
  Also timed in the same rounds: qdsl in place (`inplace=True`, as `qdsl.patch_torch()`
  runs it under `convert_jit`, which hands finalize its own copy), column `inplace_ratio`.
- **per stage**, median over the same runs, same clock: qdsl's own
  `finalize(..., timings=)` (clear, prepack, fusion, freeze, fold; `other` is the rest
  of the call: the clone and the per-call set-up). torch's exposed passes run one after
  another on a fresh clone: `_jit_pass_insert_prepack_unpack` and `_jit_pass_quant_fusion`
  on the forward graph (for dynamic models torch's SubgraphRewriter running qdsl's
  dynamic rule strings, see harness.torch_quant_fusion), `_freeze_module`. torch's
  ClearProfilingInformation and FoldQuantizedPrepackingOps have no binding, so
  `torch_clear_fold_s` is torch's end-to-end median minus its three stages.
- **first call in a fresh process**: one subprocess per side and repetition builds the
  model the same way, then times the first finalize; qdsl's time includes
  `import qdsl` and the import of the engine that reading `qdsl.finalize` makes (also
  reported on their own; the call then reads the rules of its two stages): the qdsl
  modules the harness imported are dropped from `sys.modules` first, so that import runs
  every module as a user's first import does. The
  garbage of the build is not collected before, as in a user's process. Python
  compiles a module's source on every import when no bytecode is cached (as with
  PYTHONDONTWRITEBYTECODE=1, set on the machine this was written on: 0.1 s for qdsl);
  an installed package has its bytecode, so the children may write and use it (one
  unmeasured priming run per side first) unless `--no-bytecode-cache`.
- **first call on a loaded model**: per side and repetition, `first_call_loaded.py` in a
  fresh interpreter that imports nothing but torch loads the debug module the
  steady-state child saved (`torch.jit.save`) and times the first finalize, as a script
  or `qdsl finalize model.pt` runs it. Such a process has made few Python objects since
  `import torch`, whose ~165,000 objects no full collection has examined yet: the first
  few thousand allocations start that collection (~50 ms), which qdsl's call must not
  be the one to pay (qdsl/core/collector.py). Columns `loaded_*`.
- **peak memory** in those subprocesses: RSS high-water mark (VmHWM after, reset via
  /proc/self/clear_refs, minus VmRSS before), which sees C++ allocations, for the first
  call, for a second call in the same process, and for qdsl also for a third call with
  `inplace=True` (no clone of the caller's module).

Every row checks that the two finalized modules have the same forward graph
(harness.first_difference) and equal outputs (`torch.equal`) on a seeded input.
Writes results/architectures.csv; `--markdown` prints the table for bench/README.md.
"""

from __future__ import annotations

import argparse
import ctypes
import functools
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import torch

import harness
import models
from tests.support.harness import outputs_equal
from tests.support.models import ARCHITECTURES, BY_NAME, Model, debug_module, seeded_inputs

STAGES = (*harness.QDSL_STAGES, "other")
TORCH_STAGES = ("prepack", "fusion", "freeze", "clear_fold")
COLUMNS = ("model", "frontend", "mode", "nodes", "build_s", "torch_s", "qdsl_s", "ratio", "qdsl_inplace_s",
           "inplace_ratio", "identical",
           "outputs_equal", *(f"qdsl_{stage}_s" for stage in STAGES), *(f"torch_{stage}_s" for stage in TORCH_STAGES),
           "cold_torch_s", "cold_qdsl_s", "cold_ratio", "cold_qdsl_import_s",
           "cold_qdsl_finalize_s", "torch_peak_mib", "qdsl_peak_mib", "peak_ratio", "qdsl_inplace_peak_mib",
           "torch_cold_peak_mib",
           "qdsl_cold_peak_mib", "cold_peak_ratio", "loaded_torch_s", "loaded_qdsl_s", "loaded_ratio")

def saved_module(results_dir: Path, name: str) -> Path:
    """Where the steady-state child saves the debug module for the loaded-model first calls."""
    return results_dir / "cache" / "architectures" / f"{name}.pt"


def torch_by_stage(quant_type: int, qdsl: harness.QdslSide, runs: dict[str, list[float]], clock):
    """torch's exposed finalize passes in finalize's order, seconds appended to `runs`."""
    fusion = harness.torch_quant_fusion(quant_type, qdsl)
    if fusion is None:
        return None

    def run(c_module: torch._C.ScriptModule) -> torch._C.ScriptModule:
        graph = harness.forward_graph(c_module)
        start = clock()
        torch._C._jit_pass_insert_prepack_unpack(graph)
        after_prepack = clock()
        fusion(graph)
        after_fusion = clock()
        frozen = torch._C._freeze_module(c_module, [])
        end = clock()
        for stage, seconds in (("prepack", after_prepack - start), ("fusion", after_fusion - after_prepack),
                               ("freeze", end - after_fusion)):
            runs.setdefault(stage, []).append(seconds)
        return frozen
    return run


def steady_state(model: Model, debug: torch.jit.ScriptModule, repeats: int, clock,
                 qdsl: harness.QdslSide) -> dict:
    """End-to-end and per-stage columns of one row, and the same-result checks."""
    source, quant_type = debug._c, model.quant_type
    qdsl_runs: dict[str, list[float]] = {}
    torch_runs: dict[str, list[float]] = {}

    def fresh_clone() -> torch._C.ScriptModule:
        return harness.clone_module(source)

    def run_torch(c_module):
        start = clock()
        frozen = torch._C._jit_pass_quant_finalize(c_module, quant_type, [])
        torch_runs.setdefault("total", []).append(clock() - start)
        return frozen

    def run_qdsl(c_module):
        timings: dict[str, float] = {}
        start = clock()
        frozen = qdsl.finalize_as_users_do(c_module, quant_type, timings, clock)
        timings["other"] = clock() - start - sum(timings.values())
        for stage, seconds in timings.items():
            qdsl_runs.setdefault(stage, []).append(seconds)
        return frozen

    contenders = {"torch": (fresh_clone, run_torch)}
    staged = torch_by_stage(quant_type, qdsl, torch_runs, clock)
    if staged is not None:
        contenders["torch by stage"] = (fresh_clone, staged)
    if qdsl.unavailable is None:
        contenders["qdsl"] = (fresh_clone, run_qdsl)
        contenders["qdsl in place"] = (fresh_clone, lambda c_module: qdsl.finalize(c_module, quant_type))
    timings, results = harness.time_interleaved(contenders, repeats, clock)
    row = {"torch_s": timings["torch"].median}
    # The stage lists start with the untimed warm-up run; it is left out.
    medians = {stage: statistics.median(runs[1:] or runs) for stage, runs in torch_runs.items()}
    for stage in ("prepack", "fusion", "freeze"):
        row[f"torch_{stage}_s"] = medians.get(stage)
    if staged is not None:
        row["torch_clear_fold_s"] = medians["total"] - medians["prepack"] - medians["fusion"] - medians["freeze"]
    if "qdsl" not in results:
        return row
    row["qdsl_s"] = timings["qdsl"].median
    row["ratio"] = harness.ratio(row["qdsl_s"], row["torch_s"])
    row["qdsl_inplace_s"] = timings["qdsl in place"].median
    row["inplace_ratio"] = harness.ratio(row["qdsl_inplace_s"], row["torch_s"])
    for stage, runs in qdsl_runs.items():
        row[f"qdsl_{stage}_s"] = statistics.median(runs[1:] or runs)
    ours, theirs = results["qdsl"], results["torch"]
    difference = harness.first_difference(harness.forward_graph(theirs), harness.forward_graph(ours))
    row["identical"] = not difference
    if difference:
        print(f"  {model.name}: graphs differ at {difference}")
    inputs = seeded_inputs(model, 11)
    try:
        row["outputs_equal"] = outputs_equal(harness.run_module(ours, *inputs), harness.run_module(theirs, *inputs))
    except RuntimeError as error:
        print(f"  {model.name}: a finalized module fails to run: {str(error).splitlines()[0]}")
        row["outputs_equal"] = False
    return row


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def _reset_peak(collect: bool = True) -> int:
    """Return freed heap to the kernel, reset the RSS high-water mark; RSS now, KiB."""
    if collect:
        gc.collect()
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    Path("/proc/self/clear_refs").write_text("5")
    return _status_kib("VmRSS")


def cold_child(name: str, side: str, clock_name: str) -> dict:
    """In this fresh process: build the model, then time and measure the first finalize
    (for qdsl: `import qdsl` and the engine import, then the call, which reads the rules
    of its two stages) and a second one."""
    clock = harness.CLOCKS[clock_name]
    model = BY_NAME[name]
    debug = debug_module(model)
    first, second, third = (harness.clone_module(debug._c) for _ in range(3))
    result: dict[str, float] = {}
    # The garbage of the build stays, as in a user's process: a full collection that
    # qdsl's Python allocations start is part of its first call (torch's allocates none).
    before = _reset_peak(collect=False)
    start = clock()
    if side == "torch":
        frozen = torch._C._jit_pass_quant_finalize(first, model.quant_type, [])
    else:
        harness.forget_qdsl()
        import qdsl
        finalize = qdsl.finalize
        imported = clock()
        frozen = finalize(first, model.quant_type)
        result.update(import_s=imported - start, finalize_s=clock() - imported)
    result.update(cold_s=clock() - start, cold_peak_mib=(_status_kib("VmHWM") - before) / 1024)
    del frozen, first
    before = _reset_peak()
    start = clock()
    if side == "torch":
        frozen = torch._C._jit_pass_quant_finalize(second, model.quant_type, [])
    else:
        frozen = qdsl.finalize(second, model.quant_type)
    result.update(second_s=clock() - start, peak_mib=(_status_kib("VmHWM") - before) / 1024)
    if side == "qdsl":
        del frozen, second
        before = _reset_peak()
        frozen = qdsl.finalize(third, model.quant_type, inplace=True)
        result.update(inplace_peak_mib=(_status_kib("VmHWM") - before) / 1024)
    return result


def steady_child(name: str, repeats: int, clock_name: str, results_dir: Path) -> dict:
    """In this fresh process: build the model, then its steady-state and per-stage columns."""
    model = BY_NAME[name]
    start = time.process_time()
    debug = debug_module(model)
    path = saved_module(results_dir, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.jit.save(debug, path)
    row = {"model": name, "frontend": model.frontend, "mode": model.mode,
           "build_s": time.process_time() - start, "nodes": models.node_count(debug.graph)}
    qdsl = harness.QdslSide()
    if qdsl.unavailable:
        print(f"  qdsl not available, timing torch only: {qdsl.unavailable}")
    row.update(steady_state(model, debug, repeats, harness.CLOCKS[clock_name], qdsl))
    return row


def run_child(name: str, mode: str, args: argparse.Namespace, loaded: bool = False) -> dict | None:
    """`steady_child` or `cold_child` (mode: the side), or with `loaded`
    first_call_loaded.py, in a fresh interpreter; its JSON result, None (reason printed)
    on failure. Its other output is passed on."""
    environment = dict(os.environ)
    if not args.no_bytecode_cache:
        environment.pop("PYTHONDONTWRITEBYTECODE", None)
    if loaded:
        arguments = [str(Path(__file__).resolve().parent / "first_call_loaded.py"),
                     str(saved_module(args.results_dir, name)), str(int(BY_NAME[name].quant_type)), mode, args.clock,
                     str(args.threads)]
    else:
        arguments = [str(Path(__file__).resolve()), "--child", mode, "--models", name, "--repeats", str(args.repeats),
                     "--clock", args.clock, "--threads", str(args.threads), "--results-dir", str(args.results_dir)]
    command = [sys.executable, "-W", "ignore", *arguments]
    completed = subprocess.run(command, capture_output=True, text=True, env=environment)
    lines = completed.stdout.splitlines()
    results = [line for line in lines if line.startswith("{")]
    for line in lines:
        if not line.startswith("{"):
            print(line)
    if completed.returncode != 0 or not results:
        tail = (completed.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"  {name} {mode}: child exited with {completed.returncode}: {tail}")
        return None
    return json.loads(results[-1])


def cold_runs(name: str, repeats: int, args: argparse.Namespace, loaded: bool = False) -> dict[str, list[dict]]:
    """`repeats` fresh processes per side, alternating which side goes first."""
    found: dict[str, list[dict]] = {"torch": [], "qdsl": []}
    for index in range(repeats):
        for side in (("torch", "qdsl") if index % 2 == 0 else ("qdsl", "torch")):
            result = run_child(name, side, args, loaded)
            if result is not None:
                found[side].append(result)
    return found


def _median(found: dict[str, list[dict]], side: str, key: str) -> float | None:
    """The median of `key` over one side's fresh processes (None when none reported it)."""
    values = [run[key] for run in found[side] if key in run]
    return statistics.median(values) if values else None


def cold_columns(found: dict[str, list[dict]]) -> dict:
    median = functools.partial(_median, found)
    row = {"cold_torch_s": median("torch", "cold_s"), "cold_qdsl_s": median("qdsl", "cold_s"),
           "cold_qdsl_import_s": median("qdsl", "import_s"),
           "cold_qdsl_finalize_s": median("qdsl", "finalize_s"),
           "torch_peak_mib": median("torch", "peak_mib"), "qdsl_peak_mib": median("qdsl", "peak_mib"),
           "qdsl_inplace_peak_mib": median("qdsl", "inplace_peak_mib"),
           "torch_cold_peak_mib": median("torch", "cold_peak_mib"), "qdsl_cold_peak_mib": median("qdsl", "cold_peak_mib")}
    row["cold_ratio"] = harness.ratio(row["cold_qdsl_s"], row["cold_torch_s"])
    row["peak_ratio"] = harness.ratio(row["qdsl_peak_mib"], row["torch_peak_mib"])
    row["cold_peak_ratio"] = harness.ratio(row["qdsl_cold_peak_mib"], row["torch_cold_peak_mib"])
    return row


def loaded_columns(found: dict[str, list[dict]]) -> dict:
    row = {"loaded_torch_s": _median(found, "torch", "cold_s"), "loaded_qdsl_s": _median(found, "qdsl", "cold_s")}
    row["loaded_ratio"] = harness.ratio(row["loaded_qdsl_s"], row["loaded_torch_s"])
    return row


def summary(rows: list[dict]) -> list[tuple[str, float, float, str]]:
    """(measure, median, worst, worst model) over the rows, per ratio column."""
    lines = []
    for key, label in (("ratio", "steady state"), ("inplace_ratio", "steady state, in place (patch_torch)"),
                       ("cold_ratio", "first call in a fresh process"),
                       ("loaded_ratio", "first call in a fresh process, loaded model"),
                       ("peak_ratio", "peak memory, steady"), ("cold_peak_ratio", "peak memory, first call")):
        values = [(row[key], row["model"]) for row in rows if row.get(key) is not None]
        if values:
            worst = max(values)
            lines.append((label, statistics.median(v for v, _ in values), worst[0], worst[1]))
    return lines


def markdown(rows: list[dict]) -> str:
    """The per-model table and the summary, for bench/README.md."""
    def cell(value, digits=3):
        if value is None:
            return "-"
        return f"{value:.{digits}f}" if isinstance(value, float) else str(value)

    head = ("| model | nodes | torch s | qdsl s | ratio | in place ratio | first call torch s | qdsl s | ratio "
            "| qdsl imports s | loaded model: first call torch s | qdsl s | ratio "
            "| same | qdsl clear / prepack / fusion / freeze / fold / other ms | torch prepack / fusion / freeze / "
            "clear+fold ms | peak MiB torch / qdsl | ratio |")
    lines = [head, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|---:|"]
    for row in rows:
        ms = lambda key: "-" if row.get(key) is None else f"{row[key] * 1000:.1f}"  # noqa: E731
        lines.append(
            f"| {row['model']} | {row['nodes']} | {cell(row.get('torch_s'))} | {cell(row.get('qdsl_s'))} | "
            f"{cell(row.get('ratio'), 2)} | {cell(row.get('inplace_ratio'), 2)} | {cell(row.get('cold_torch_s'))} | "
            f"{cell(row.get('cold_qdsl_s'))} | "
            f"{cell(row.get('cold_ratio'), 2)} | {cell(row.get('cold_qdsl_import_s'))} | {cell(row.get('loaded_torch_s'))} | "
            f"{cell(row.get('loaded_qdsl_s'))} | {cell(row.get('loaded_ratio'), 2)} | "
            f"{'yes' if row.get('identical') and row.get('outputs_equal') else 'NO'} | "
            + " / ".join(ms(f"qdsl_{stage}_s") for stage in STAGES) + " | "
            + " / ".join(ms(f"torch_{stage}_s") for stage in TORCH_STAGES) + " | "
            f"{cell(row.get('torch_peak_mib'), 1)} / {cell(row.get('qdsl_peak_mib'), 1)} | "
            f"{cell(row.get('peak_ratio'), 2)} |")
    lines += ["", "| qdsl/torch | median | worst | worst model |", "|---|---:|---:|---|"]
    lines += [f"| {label} | {median:.2f} | {worst:.2f} | {name} |" for label, median, worst, name in summary(rows)]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    names = [model.name for model in ARCHITECTURES]
    parser.add_argument("--models", nargs="+", default=names, choices=names)
    parser.add_argument("--repeats", type=int, default=5, help="timed steady-state runs per contender")
    parser.add_argument("--cold-repeats", type=int, default=3, help="fresh processes per side (0: skip)")
    parser.add_argument("--loaded-repeats", type=int, default=3,
                        help="fresh processes per side finalizing the saved model (0: skip)")
    parser.add_argument("--clock", choices=sorted(harness.CLOCKS), default="cpu",
                        help="cpu: process CPU seconds (robust on a shared machine); wall: stopwatch")
    parser.add_argument("--threads", type=int, default=1, help="torch intra-op threads")
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="first-call children compile qdsl from source (keep PYTHONDONTWRITEBYTECODE)")
    parser.add_argument("--results-dir", type=Path, default=harness.RESULTS_DIR)
    parser.add_argument("--markdown", action="store_true", help="print the README table at the end")
    parser.add_argument("--child", choices=("steady", "torch", "qdsl"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    harness.apply_threads(args)
    if args.child == "steady":
        print(json.dumps(steady_child(args.models[0], args.repeats, args.clock, args.results_dir)))
        return
    if args.child:
        print(json.dumps(cold_child(args.models[0], args.child, args.clock)))
        return
    print(f"finalize on real architectures: median of {args.repeats} interleaved runs, "
          f"{args.cold_repeats} fresh processes per side ({args.clock} seconds, {args.threads} thread)")
    print(f"{'model':<22} {'nodes':>6} {'build':>6} {'torch':>8} {'qdsl':>8} {'ratio':>6} {'inpl.':>6}  "
          f"{'cold torch':>10} {'qdsl':>8} {'ratio':>6} {'loaded':>6}  {'peak torch':>10} {'qdsl':>6} {'ratio':>6}  same")
    if args.cold_repeats and not args.no_bytecode_cache:
        for side in ("torch", "qdsl"):  # writes the bytecode the measured children then load
            run_child(args.models[0], side, args)
    rows = []
    for name in args.models:
        row = run_child(name, "steady", args)
        if row is None:
            continue
        if args.cold_repeats and row.get("qdsl_s") is not None:
            row.update(cold_columns(cold_runs(name, args.cold_repeats, args)))
        if args.loaded_repeats and row.get("qdsl_s") is not None:
            row.update(loaded_columns(cold_runs(name, args.loaded_repeats, args, loaded=True)))
        rows.append(row)
        print(f"{name:<22} {row['nodes']:>6} {row['build_s']:>6.1f} {harness.format_seconds(row['torch_s']):>8} "
              f"{harness.format_seconds(row.get('qdsl_s')):>8} {harness.format_ratio(row.get('ratio')):>6} "
              f"{harness.format_ratio(row.get('inplace_ratio')):>6}  "
              f"{harness.format_seconds(row.get('cold_torch_s')):>10} {harness.format_seconds(row.get('cold_qdsl_s')):>8} "
              f"{harness.format_ratio(row.get('cold_ratio')):>6} {harness.format_ratio(row.get('loaded_ratio')):>6}  "
              f"{_mib(row.get('torch_peak_mib')):>10} "
              f"{_mib(row.get('qdsl_peak_mib')):>6} {harness.format_ratio(row.get('peak_ratio')):>6}  "
              f"{row.get('identical')}/{row.get('outputs_equal')}", flush=True)
    for label, median, worst, worst_name in summary(rows):
        print(f"{label}: median {median:.2f}, worst {worst:.2f} ({worst_name})")
    harness.write_csv(args.results_dir / "architectures.csv", COLUMNS, rows)
    print(f"wrote {args.results_dir / 'architectures.csv'}")
    if args.markdown:
        print(markdown(rows))


def _mib(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


if __name__ == "__main__":
    main()
