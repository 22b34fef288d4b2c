"""The finalize driver: torch's C++ `Finalize` (finalize.cpp) in Python, with qdsl rules.

`finalize(module, quant_type, preserved_attrs)` can be called exactly where
`torch.ao.quantization` calls `torch._C._jit_pass_quant_finalize(module, quant_type,
preserved_attrs)`. The work is a declared list of steps, in upstream's order
(`FINALIZE_STEPS`: clear shape information, insert prepack/unpack, fuse, freeze with
torch's own `_freeze_module`, fold the prepack ops the rule set marks `fold`), run by
`run_steps`; on-device PTQ, `explain` and the benchmarks run the same steps, through the
same function, with its hooks: a clock for per-step timings, a tracer that sees every
decision of the rewrite passes.

Unlike upstream, the caller's module is left as it was: the work happens on a clone
with its own class types that shares the caller's weights (`module_clone`;
`inplace=True` skips the clone). The drivers run with Python's garbage collector paused
(`core.collector`): torch's C++ pass allocates no Python objects, and a full collection
of the caller's heap must not start inside qdsl's call instead.
"""

from __future__ import annotations

import os
import time
import warnings
from dataclasses import dataclass, field
from typing import Callable, Iterable, NamedTuple, Protocol, Sequence

import torch
from torch.ao.quantization.quant_type import QuantType

from ...core.collector import collector_paused
from ...core.engine import Rewrite, Tracer
from ...core.loading import RulesArg, default_rules_for, rule_set_of
from ...core.rules import Rule, RuleSet, Stage
from ...diagnostics import InputError, RuleRuntimeError, user_warning
from . import BACKEND, FUSION_DYNAMIC, FUSION_STATIC, PREPACK, torch_api
from .graph import blocks_depth_first
from .module_clone import clone_sharing_tensors, unshare
from .prepack_folding import UnpackableWeight, fold_quantized_prepacking_ops
from .quant_marks import quant_type_mismatch
from .rewriter import apply_rules

__all__ = [
    "FINALIZE_STEPS", "FinalizeResult", "FinalizeRun", "QuantType", "Step", "clear_profiling_information", "finalize",
    "finalize_with_report", "fusion_stage", "insert_prepack_unpack", "load_module", "quant_fusion",
    "active_rules", "run_steps",
]



@dataclass(frozen=True)
class FinalizeResult:
    """The finalized module and what each rewrite step changed, as plain data."""

    module: torch.jit.ScriptModule | torch._C.ScriptModule
    """The frozen, fused module (the same kind as the input)."""
    prepack: tuple[Rewrite, ...]
    """Prepack/unpack insertions on the method rewritten, in the order they were made."""
    fusion: tuple[Rewrite, ...]
    """Fusions on the method rewritten, in the order they were made."""


# ---------------------------------------------------------------- the steps


@dataclass
class FinalizeRun:
    """What the steps of one finalize share: the module worked on and what each step made."""

    work: torch._C.ScriptModule
    """The module the steps edit (a clone of the caller's, unless in place)."""
    rule_set: RuleSet
    """All the rules; `stage_rules` holds the ones each rewrite step applies."""
    stage_rules: dict[str, tuple[Rule, ...]]
    """Rewrite step name (`prepack`, `fusion`) -> its rules in application order."""
    method: str = "forward"
    """The method whose graph the rewrite steps change."""
    preserved_attrs: list[str] = field(default_factory=list)
    """Attributes and methods freezing keeps."""
    tracer: Tracer | None = None
    """Sees every decision of the rewrite steps (explain)."""
    record_sources: bool = False
    """Fill `Rewrite.source` (costs a source-range format per rewrite)."""
    rewrites: dict[str, list[Rewrite]] = field(default_factory=dict)
    """Rewrite step name -> what it rewrote."""
    frozen: torch._C.ScriptModule | None = None
    """The frozen module, once the freeze step ran."""
    shared: frozenset[int] = frozenset()
    """ids of the caller's tensors `work` holds (the frozen module gets private copies of
    those it keeps as attributes)."""

    @property
    def graph(self) -> torch._C.Graph:
        return self.work._get_method(self.method).graph


class Step(Protocol):
    """One step of a driver: it changes the run's module and records what it made in the run."""

    name: str
    """Its key in `timings`."""

    def run(self, run: FinalizeRun) -> None:
        """Do the step's work on `run`."""


class ClearShapes:
    """Erase the shapes tracing recorded, on every method (upstream ClearProfilingInformation)."""

    name = "clear"

    def run(self, run: FinalizeRun) -> None:
        for method_name in run.work._method_names():
            clear_profiling_information(run.work._get_method(method_name).graph)


class ApplyRules(NamedTuple):
    """One rule stage on the rewritten method: each rule one full pass, in order."""

    name: str
    """`prepack` or `fusion`: the key of its rules in `FinalizeRun.stage_rules`."""
    inherit_metadata: bool = False
    """Give every made node the matched anchor's source range and call stack (so that a
    later error about it, e.g. a weight torch cannot pack, names the model's layer)."""

    def run(self, run: FinalizeRun) -> None:
        run.rewrites[self.name] = apply_rules(
            run.graph, run.stage_rules[self.name], predicates=run.rule_set.predicates, tracer=run.tracer,
            validate=True, record_sources=run.record_sources, inherit_metadata=self.inherit_metadata)


class Freeze:
    """torch's own `Freeze`: attributes become constants, methods are inlined."""

    name = "freeze"

    def run(self, run: FinalizeRun) -> None:
        try:
            run.frozen = torch_api.freeze(run.work, run.preserved_attrs)
        except RuntimeError as error:
            raise InputError(f"freezing failed: {str(error).splitlines()[0]}") from None
        unshare(run.frozen, run.shared)


class FoldPrepack:
    """Run each foldable prepack op once and store its result (upstream FoldQuantizedPrepackingOps)."""

    name = "fold"

    def run(self, run: FinalizeRun) -> None:
        try:
            fold_quantized_prepacking_ops(run.frozen, run.rule_set.foldable_ops(PREPACK))
        except UnpackableWeight as error:
            culprit = _user_rule_that_made(error.op, run.rewrites.values())
            if culprit is None:
                raise
            raise RuleRuntimeError(culprit.name, culprit.location, f"made a prepack op that torch cannot run on "
                                   f"this model: {error.reason}") from None


CLEAR = ClearShapes()
INSERT_PREPACK = ApplyRules("prepack", inherit_metadata=True)
FUSE = ApplyRules("fusion")
FREEZE = Freeze()
FOLD = FoldPrepack()

FINALIZE_STEPS = (CLEAR, INSERT_PREPACK, FUSE, FREEZE, FOLD)
"""`finalize`'s steps in upstream's order; their names key `timings`."""


def run_steps(steps: Iterable[Step], run: FinalizeRun, *, timings: dict[str, float] | None = None,
              clock: Callable[[], float] = time.perf_counter) -> None:
    """Run `steps` in order on `run`; with `timings`, add each step's `clock` seconds under its name."""
    if timings is None:
        for step in steps:
            step.run(run)
        return
    for step in steps:
        start = clock()
        step.run(run)
        timings[step.name] = timings.get(step.name, 0.0) + clock() - start


def _user_rule_that_made(op: str, rewrites: Iterable[list[Rewrite]]) -> Rule | None:
    """The first rule not shipped with qdsl that made an `op` node."""
    return next((rewrite.rule for made in rewrites for rewrite in made
                 if not rewrite.rule.provenance.shipped and op in rewrite.kinds), None)


# ---------------------------------------------------------------- the public API


def finalize(module, quant_type: QuantType | int = QuantType.STATIC, preserved_attrs: Sequence[str] = (),
             *, rules: RulesArg = None, inplace: bool = False, timings: dict[str, float] | None = None,
             clock: Callable[[], float] = time.perf_counter):
    """Drop-in for `torch._C._jit_pass_quant_finalize`; returns the frozen, fused module.

    With `timings`, each step's seconds (read with `clock`) are added under `clear`,
    `prepack`, `fusion`, `freeze` and `fold`.
    """
    return _finalize(module, quant_type, preserved_attrs, rules, inplace, timings, clock).module


def finalize_with_report(module, quant_type: QuantType | int = QuantType.STATIC,
                         preserved_attrs: Sequence[str] = (), *, rules: RulesArg = None, inplace: bool = False,
                         timings: dict[str, float] | None = None,
                         clock: Callable[[], float] = time.perf_counter) -> FinalizeResult:
    """`finalize`, also returning which rules fired where.

    Warns (torch's pass would accept it silently) when the graph clearly holds the other
    quantization than `quant_type` asks for: `QuantType.STATIC` is 1, `DYNAMIC` 0.
    """
    return _finalize(module, quant_type, preserved_attrs, rules, inplace, timings, clock)


def _finalize(module, quant_type, preserved_attrs, rules, inplace, timings, clock) -> FinalizeResult:
    with collector_paused():
        c_module = c_module_of(module, "finalize")
        stage = fusion_stage(quant_type)
        preserved = _preserved_attrs(preserved_attrs)
        rule_set = active_rules(rules, (PREPACK, stage))
        work, shared = (c_module, frozenset()) if inplace else clone_sharing_tensors(c_module)
        run = prepare_run(work, rule_set, stage, preserved_attrs=preserved, shared=shared)
        warn_on_other_quant_type(c_module._get_method("forward").graph, quant_type, stage, stacklevel=4)
        run_steps(FINALIZE_STEPS, run, timings=timings, clock=clock)
    result = torch_api.wrap(run.frozen) if isinstance(module, torch.jit.ScriptModule) else run.frozen
    return FinalizeResult(result, tuple(run.rewrites["prepack"]), tuple(run.rewrites["fusion"]))


def prepare_run(work: torch._C.ScriptModule, rule_set: RuleSet, stage: Stage, **options) -> FinalizeRun:
    """The run of the rewrite steps with `rule_set`'s prepack rules and its rules of `stage`;
    InputError when the set has rules but none for either."""
    prepack_rules, fusion_rules = rule_set.for_stage(PREPACK), rule_set.for_stage(stage)
    if len(rule_set) and not prepack_rules and not fusion_rules:
        raise InputError(f"the rule set has no prepack rules and no rules for {stage} (its rules: "
                         f"{', '.join(rule_set.names())})")
    return FinalizeRun(work, rule_set, {"prepack": prepack_rules, "fusion": fusion_rules}, **options)


def quant_fusion(graph: torch._C.Graph, quant_type: QuantType | int = QuantType.STATIC,
                 rules: RulesArg = None) -> list[Rewrite]:
    """Fuse dequantize - op - quantize chains of `graph` in place (upstream QuantFusion)."""
    if not isinstance(graph, torch._C.Graph):
        raise InputError(f"quant_fusion expects a torch._C.Graph, got {type(graph).__name__}")
    stage = fusion_stage(quant_type)
    rule_set = active_rules(rules, (stage,))
    selected = _stage_rules(rule_set, stage)
    warn_on_other_quant_type(graph, quant_type, stage, stacklevel=3)
    return apply_rules(graph, selected, predicates=rule_set.predicates, validate=True)


def insert_prepack_unpack(graph_or_module, rules: RulesArg = None) -> list[Rewrite]:
    """Insert prepack/unpack pairs in place (upstream InsertPrepackUnpack).

    On a graph, that graph; on a module, every method of it and, recursively, of its
    children, in upstream's order (a module shared by two parents is visited twice,
    as upstream does).
    """
    rule_set = active_rules(rules, (PREPACK,))
    selected = _stage_rules(rule_set, PREPACK)
    if isinstance(graph_or_module, torch._C.Graph):
        return apply_rules(graph_or_module, selected, predicates=rule_set.predicates, validate=True)
    rewrites: list[Rewrite] = []
    pending = [c_module_of(graph_or_module, "insert_prepack_unpack")]
    while pending:
        c_module = pending.pop()
        for method_name in c_module._method_names():
            rewrites.extend(apply_rules(c_module._get_method(method_name).graph, selected,
                                        predicates=rule_set.predicates, validate=True))
        pending.extend(reversed(torch_api.children(c_module)))
    return rewrites


def clear_profiling_information(graph: torch._C.Graph) -> None:
    """Erase tensor shape information (upstream ClearProfilingInformation).

    Tracing records the example inputs' shapes on every tensor value; the finalized
    module must not be specialized to them.
    """
    # Only TensorType values are subtypes of Tensor (Optional[Tensor] and the like are
    # not), so a Python isinstance saves a binding call per value over `isSubtypeOf`.
    tensor_type = torch._C.TensorType
    tensor = tensor_type.get()
    for value in graph.inputs():
        if isinstance(value.type(), tensor_type):
            value.setType(tensor)
    for _, nodes, _ in blocks_depth_first(graph):
        for node in nodes:
            for position in range(node.outputsSize()):
                value = node.outputsAt(position)
                if isinstance(value.type(), tensor_type):
                    value.setType(tensor)


def active_rules(rules: RulesArg, stages: Sequence[Stage] = ()) -> RuleSet:
    """The rules of `rules` valid on the active quantized engine (`torch.backends.quantized.engine`;
    a rule file's `engines` header): what a run applies. With `stages` and `rules=None`,
    only the shipped rules of `stages` are loaded."""
    rule_set = default_rules_for(stages) if rules is None and stages else rule_set_of(rules)
    return rule_set.for_engine(torch.backends.quantized.engine)


def fusion_stage(quant_type) -> Stage:
    """The fusion stage for torch's QuantType (or its int); the C++ pass knows only these two."""
    if isinstance(quant_type, int) and not isinstance(quant_type, bool):
        if int(quant_type) == QuantType.STATIC:
            return FUSION_STATIC
        if int(quant_type) == QuantType.DYNAMIC:
            return FUSION_DYNAMIC
    raise InputError(f"unknown quant type {quant_type!r}: expected QuantType.STATIC (1) or QuantType.DYNAMIC (0)")


def warn_on_other_quant_type(graph: torch._C.Graph, quant_type, stage: Stage, stacklevel: int) -> None:
    """Warn when `graph` clearly holds the other quantization than `stage` fuses
    (`stacklevel` as for `warnings.warn` called here)."""
    asked = stage.words[-1]
    mismatch = quant_type_mismatch(graph, asked)
    if mismatch is not None:
        other = QuantType.DYNAMIC if stage == FUSION_STATIC else QuantType.STATIC
        name = other.name.lower()

        def worded(asking: str, remedy: str) -> str:
            return (f"{mismatch}, but {asking} asks for {asked} quantization, so the {asked} fusion rules run; "
                    f"for {name} quantization pass {remedy}")

        warnings.warn(user_warning(worded(f"quant_type={quant_type!r}", f"QuantType.{other.name} ({int(other)})"),
                                   worded(f"--quant-type {asked}", f"--quant-type {name}")),
                      stacklevel=stacklevel)


def c_module_of(module, function: str) -> torch._C.ScriptModule:
    """The C++ module of a ScriptModule that has a forward method; InputError for anything else."""
    if isinstance(module, torch.jit.ScriptModule):
        c_module = module._c
    elif isinstance(module, torch._C.ScriptModule):
        c_module = module
    else:
        hint = " (script or trace it first, then quantize it with prepare_jit/convert_jit(debug=True))" \
            if isinstance(module, torch.nn.Module) else ""
        raise InputError(f"{function} expects a torch.jit.ScriptModule or torch._C.ScriptModule, "
                         f"got {type(module).__name__}{hint}")
    if not c_module._has_method("forward"):
        raise InputError(f"{function}: module of type {c_module._type().qualified_name()} has no forward method")
    return c_module


def load_module(path: str | os.PathLike) -> torch.jit.ScriptModule:
    """A module saved with `torch.jit.save`; InputError when the file is missing or not one
    (saying what it is instead: a torch.export program, a torch.save pickle, ...)."""
    BACKEND.check_saved_model(path)
    try:
        return torch.jit.load(str(path))
    except Exception as error:  # torch raises RuntimeError, ValueError, ... for a damaged archive
        first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise BACKEND.cannot_load(path, first_line) from None


def _stage_rules(rule_set: RuleSet, stage: Stage) -> tuple[Rule, ...]:
    selected = rule_set.for_stage(stage)
    if len(rule_set) and not selected:
        stages = ", ".join(str(s) for s in rule_set.stages())
        raise InputError(f"the rule set has no rules for stage {stage}; its rules are for: {stages}")
    return selected


def _preserved_attrs(preserved_attrs) -> list[str]:
    if preserved_attrs is None:
        return []
    if isinstance(preserved_attrs, str) or not all(isinstance(name, str) for name in preserved_attrs):
        raise InputError(f"preserved_attrs must be a sequence of attribute names, got {preserved_attrs!r}")
    return list(preserved_attrs)
