"""`lower`: a PT2E-quantized program (`convert_pt2e`'s reference graph) to oneDNN kernels.

The caller's program is never changed: lowering works on a deep copy of its module
(`ExportedProgram.module()` for an exported program), without re-exporting it, so its
input guards and symbolic dimensions stay. Fake values are propagated once (the
quantize/dequantize nodes `convert_pt2e` inserts have none, and shape guards need
them), then the rules of the `pt2e x86` stage run, each one pass, packing weights once
into the module's `PackedWeights` (see `packing`).
"""

from __future__ import annotations

import copy
import warnings
from collections import Counter
from dataclasses import dataclass
from typing import Any, Sequence

import torch
from torch.fx import GraphModule

from ...core.engine import Rewrite, Tracer
from ...core.loading import RulesArg, rule_set_of
from ...diagnostics import InputError
from . import X86
from .rewriter import apply_rules
from .torch_api import attribute_at, is_observer, propagate_fake_values



@dataclass(frozen=True)
class LoweringResult:
    """The lowered module and what the rules rewrote."""

    module: GraphModule
    """The lowered module: the caller's graph with oneDNN kernels, a module of its own."""
    rewrites: tuple[Rewrite, ...]
    """Every rewrite, in the order made."""

    def fired(self) -> Counter[str]:
        """How often each rule fired."""
        return Counter(rewrite.rule.name for rewrite in self.rewrites)

    def format_text(self) -> str:
        """The rules that fired, each with its count and `.qpat` location, one per line."""
        first = {rewrite.rule.name: rewrite.rule for rewrite in reversed(self.rewrites)}
        return "".join(f"{name} x{count} ({first[name].location})\n" for name, count in self.fired().items())


def lower(program: torch.export.ExportedProgram | GraphModule, example_inputs: Sequence[Any] | None = None,
          rules: RulesArg = None) -> GraphModule:
    """The x86 oneDNN lowering of a PT2E-quantized program (`convert_pt2e`'s module, or an
    exported program of one): a new GraphModule; `program` is left untouched.

    `example_inputs` are used for shapes only when the graph's inputs carry none (an
    exported graph's do). `rules` defaults to the shipped rules (`patterns/pt2e_x86.qpat`).
    """
    return lower_with_report(program, example_inputs, rules).module


def lower_with_report(program: torch.export.ExportedProgram | GraphModule,
                      example_inputs: Sequence[Any] | None = None, rules: RulesArg = None, *,
                      tracer: Tracer | None = None) -> LoweringResult:
    """`lower`, also returning which rules fired where; `tracer` sees every decision."""
    rule_set = rule_set_of(rules)
    stage_rules = rule_set.for_stage(X86)
    if len(rule_set) and not stage_rules:
        raise InputError(f"the rule set has no rules for 'stage {X86}' (its rules: {', '.join(rule_set.names())})")
    module = private_copy(program)
    if example_inputs is not None and not isinstance(example_inputs, (tuple, list)):
        raise InputError(f"example_inputs must be a tuple of the program's inputs, got "
                         f"{type(example_inputs).__name__}")
    propagate_fake_values(module, example_inputs)
    rewrites = apply_rules(module, stage_rules, predicates=rule_set.predicates, tracer=tracer,
                           foldable=rule_set.foldable_ops(X86))
    module.graph.lint()
    module.recompile()
    return LoweringResult(module, tuple(rewrites))


def private_copy(program: torch.export.ExportedProgram | GraphModule) -> GraphModule:
    """A GraphModule of the program that shares no tensor with it."""
    if isinstance(program, torch.export.ExportedProgram):
        program = program.module()
    if not isinstance(program, GraphModule):
        raise InputError(f"lower expects a torch.export.ExportedProgram or a torch.fx.GraphModule (what "
                         f"convert_pt2e returns), got {type(program).__name__}")
    check_converted(program)
    with warnings.catch_warnings():
        # torch's own pytree specs warn when deep-copied (a deprecation inside torch).
        warnings.filterwarnings("ignore", message=".*LeafSpec.*", category=FutureWarning)
        return copy.deepcopy(program)


def check_converted(module: GraphModule) -> None:
    """InputError, with `module` left as it was, unless it is what `convert_pt2e` returned.
    Refused: a graph still running the observers `prepare_pt2e` inserted (not converted
    yet), and a graph reading attributes its module does not have (the module given to
    `prepare_pt2e` or to `convert_pt2e`: they share their graph, which `convert_pt2e`
    rewrites in place while it puts the quantized weights and qparams on the module it
    returns)."""
    observers = list(dict.fromkeys(node.target for node in module.graph.nodes
                                   if node.op == "call_module" and is_observer(attribute_at(module, node.target))))
    if observers:
        raise InputError(f"the module still runs the observers prepare_pt2e inserted ({_listed(observers)}): "
                         f"it must be converted with convert_pt2e first; lower the module convert_pt2e returns")
    missing = list(dict.fromkeys(node.target for node in module.graph.nodes
                                 if node.op in ("get_attr", "call_module")
                                 and attribute_at(module, node.target, _MISSING) is _MISSING))
    if missing:
        message = f"the module's graph reads {_listed(missing)}, which the module does not have"
        if any(is_observer(submodule) for submodule in module.modules()):
            message += (": it is the module given to prepare_pt2e or to convert_pt2e, whose graph convert_pt2e "
                        "rewrote in place, keeping the quantized weights on the module it returned; lower the "
                        "module convert_pt2e returned")
        raise InputError(message)


_MISSING = object()


def _listed(names: Sequence[str], shown: int = 3) -> str:
    listed = ", ".join(names[:shown])
    return listed + (f" and {len(names) - shown} more" if len(names) > shown else "")
