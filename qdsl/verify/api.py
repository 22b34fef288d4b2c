"""`qdsl.verify(rules, ...)`: every rule on every engine asked for, crashes survived.

Each engine's rules run in a forked child process (when the platform can fork), so that a
kernel that crashes the process costs one sample, not the whole verification: the parent
records the crashing call, and a new child goes on without that sample. A rule found
wrong is verified again in a fresh child, so that memory an earlier kernel corrupted
cannot make it wrong. Engines run one after
the other with one intra-op thread (kernel results do not depend on thread counts then).
"""

from __future__ import annotations

import contextlib
import faulthandler
import math
import multiprocessing
import numbers
import os
import traceback
from dataclasses import replace
from typing import Callable, Iterable, Iterator, Sequence

import torch

from ..core.backend import BUILTIN_BACKENDS, backend_named, load_operators
from ..core.rules import Rule, RuleSet
from ..diagnostics import InputError
from .closure import ClosedRule, close, engine_dependent
from .describe import describe
from .interference import groups, interference
from .interpret import KnownCrash, call_signature, observing
from .progress import Progress, SharedProgress
from .results import CRASHED, EXACT, NOT_FOR_ENGINE, WITHIN_TOLERANCE, WRONG, KernelFinding, Report, RuleReport
from .runner import verify_rule

ENGINES = ("fbgemm", "qnnpack", "onednn", "x86")
"""The quantized engines `verify` knows, in report order."""
DEFAULT_SAMPLES = 20
"""Samples per rule and engine (guard and assumption checks take half as many)."""
DEFAULT_TOLERANCE = 1.0
"""Steps a result may differ and be within tolerance: kernels requantize with their own
rounding (qnnpack's conv differs from the float reference by 1 step on some elements)."""
MAX_RESTARTS = 16
"""Crashes of one rule's samples before the rule is reported as crashed."""


def available_engines() -> tuple[str, ...]:
    """The engines of `ENGINES` this torch build supports."""
    supported = set(torch.backends.quantized.supported_engines)
    return tuple(engine for engine in ENGINES if engine in supported)


def verify(rules: RuleSet | Sequence[Rule] | str | os.PathLike | None = None, *,
           engines: Iterable[str] | str | None = None, samples: int = DEFAULT_SAMPLES, seed: int = 0,
           tolerance: float = DEFAULT_TOLERANCE, backend: str | None = None, isolate: bool = True) -> Report:
    """Verify each rule numerically: its replacement against its pattern on drawn inputs.

    `rules`: a RuleSet, rules, a `.qpat` path, or None for the shipped rules. `engines`: names
    or `all` (default: every available engine). `samples`: at least 1; `seed`: any whole
    number; `tolerance`: steps, at least 0 (`math.inf`: only shapes, dtypes and raises
    count); `backend`: a backend's name (only its rules), or None. Packed weights are made
    by the prepack rules of `rules`, or else of the shipped rules. With `isolate`, a
    crashing kernel is survived. A bad argument raises `InputError` before any rule is loaded;
    `rules` that hold no rule, or none for `backend`, raise it once loaded.
    """
    from ..core.loading import default_rules, rule_set_of

    samples, seed, tolerance = check_options(samples, seed, tolerance, backend)
    chosen = _engines(engines)
    given = rule_set_of(rules)
    load_operators({rule.stage.words for rule in given})
    rule_set = rules_to_verify(given, backend, rules, _backend_argument)
    makers = tuple(rule_set) + tuple(rule for rule in default_rules() if rule.name not in set(rule_set.names()))
    closed = tuple(close(rule, makers) for rule in rule_set)
    reports: list[RuleReport] = []
    kernels: list[KernelFinding] = []
    independent = tuple(rule for rule in closed if not engine_dependent(rule))
    for engine in chosen:
        verified = closed if engine == chosen[0] else tuple(rule for rule in closed if rule not in independent)
        engine_reports, engine_kernels = _verify_engine(verified, engine, samples, seed, tolerance, isolate)
        reports.extend(engine_reports)
        kernels.extend(engine_kernels)
    once = {report.rule: report for report in reports if report.engine == chosen[0]}
    for rule in independent:
        report = once[rule.rule.name]
        note = f"engine-independent (no torch-quantized tensors): verified once, on {chosen[0]}"
        run = replace(report.run, notes=report.run.notes + (note,)) if report.run is not None else None
        reports.extend(replace(report, engine=engine, run=run) for engine in chosen[1:])
    ordered = sorted(reports, key=lambda r: (rule_set.names().index(r.rule), chosen.index(r.engine)))
    return Report(chosen, seed, samples, tolerance, tuple(_with_causes(ordered)), tuple(kernels))


def check_options(samples, seed, tolerance, backend) -> tuple[int, int, float]:
    """`verify`'s numeric options as it uses them; InputError for a value it cannot use
    (a NaN tolerance would pass every difference, a negative one fail equal results)."""
    if not _whole(samples) or samples < 1:
        raise InputError(f"samples must be a whole number of at least 1, not {samples!r}")
    if not _whole(seed):
        raise InputError(f"seed must be a whole number, not {seed!r}")
    if isinstance(tolerance, bool) or not isinstance(tolerance, numbers.Real) or math.isnan(tolerance) \
            or tolerance < 0:
        raise InputError(f"tolerance must be a number of steps of at least 0, not {tolerance!r}")
    if backend is not None:
        backend_named(backend, also="or None: the rules of every backend")
    return int(samples), int(seed), float(tolerance)


def rules_to_verify(rule_set: RuleSet, backend: str | None, rules,
                    spell: Callable[[str | None], str]) -> RuleSet:
    """The rules of `rule_set` that `backend` selects (every rule for None). Verifying no
    rule would report success for nothing, so InputError when `rule_set` (loaded from
    `rules`, as `verify` takes them: paths, a RuleSet, None) is empty or `backend` selects
    none of it, naming the backends its rules are for; `spell(name)` writes the backend
    option as the caller passes it (`backend='pt2e'`, `--backend pt2e`; None: leaving it
    out)."""
    if not len(rule_set):
        raise InputError(f"no rules to verify: there are none in {_given(rules)}")
    if backend is None:
        return rule_set
    selected = RuleSet(tuple(rule for rule in rule_set if rule.stage.backend == backend), rule_set.predicates)
    if len(selected):
        return selected
    found = [name for name in BUILTIN_BACKENDS if any(rule.stage.backend == name for rule in rule_set)]
    count = len(rule_set)
    raise InputError(f"no rules to verify for {spell(backend)}: the {count} rule{'s' if count != 1 else ''} of "
                     f"{_given(rules)} {'is' if count == 1 else 'are'} for the {' and '.join(found)} "
                     f"backend{'s' if len(found) != 1 else ''} (pass {spell(found[0])}, or {spell(None)} "
                     f"for every backend's rules)")


def _backend_argument(name: str | None) -> str:
    return f"backend={name!r}"


def _given(rules) -> str:
    """How `verify`'s `rules` argument is named in an error: its paths, else what it is."""
    if rules is None:
        return "the shipped rules"
    if isinstance(rules, (str, os.PathLike)):
        return os.fspath(rules)
    if isinstance(rules, (RuleSet, Rule)):
        return "the rule set given"
    items = tuple(rules) if isinstance(rules, Iterable) else ()
    if items and all(isinstance(item, (str, os.PathLike)) for item in items):
        return ", ".join(os.fspath(item) for item in items)
    return "the rules given"


def _whole(value) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _engines(engines) -> tuple[str, ...]:
    available = available_engines()
    if engines is None or engines == "all":
        return available
    if isinstance(engines, str):
        names: tuple = (engines,)
    else:
        try:
            names = tuple(engines)
        except TypeError:
            raise InputError(f"engines must be an engine's name, a sequence of them or 'all', not {engines!r}") \
                from None
    if names == ("all",):
        return available
    if not names:
        raise InputError(f"engines is empty: name at least one of {', '.join(ENGINES)}, or all")
    if "all" in names:
        raise InputError("engine 'all' stands alone: it means every available engine; name engines without it")
    for name in names:
        if name not in ENGINES:
            raise InputError(f"unknown quantized engine {name!r}: expected one of {', '.join(ENGINES)} or all")
        if name not in available:
            raise InputError(f"this torch build has no '{name}' engine (it has: {', '.join(available)})")
    return tuple(dict.fromkeys(names))


@contextlib.contextmanager
def active_engine(engine: str) -> Iterator[None]:
    """Make `engine` the quantized engine, with one intra-op thread, for the block."""
    engine_before, threads_before = torch.backends.quantized.engine, torch.get_num_threads()
    torch.backends.quantized.engine = engine
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.backends.quantized.engine = engine_before
        torch.set_num_threads(threads_before)


def _verify_engine(closed: tuple[ClosedRule, ...], engine: str, samples: int, seed: int, tolerance: float,
                   isolate: bool) -> tuple[list[RuleReport], list[KernelFinding]]:
    applicable = [c for c in closed if not getattr(c.rule, 'engines', ()) or engine in c.rule.engines]
    skipped = [RuleReport(c.rule.name, str(c.rule.location), engine, NOT_FOR_ENGINE, None)
               for c in closed if c not in applicable]
    job = _Job(tuple(applicable), engine, samples, seed, tolerance)
    if not isolate or "fork" not in multiprocessing.get_all_start_methods():
        results = [job.run(task, Progress()) for task in range(job.tasks)]
        rules = len(job.closed)
        return skipped + results[:rules], [finding for findings in results[rules:] for finding in findings]
    return _run_isolated(job, skipped)


class _Job:
    """One engine's rules and its stateful-kernel checks, as tasks."""

    def __init__(self, closed: tuple[ClosedRule, ...], engine: str, samples: int, seed: int, tolerance: float):
        self.closed, self.engine, self.samples, self.seed, self.tolerance = closed, engine, samples, seed, tolerance
        self.groups = groups(closed)

    @property
    def tasks(self) -> int:
        """One task per rule, then one per group of rules sharing a kind of packed weight."""
        return len(self.closed) + len(self.groups)

    def run(self, task: int, progress: Progress):
        """A rule's report, or for a group's task its stateful-kernel findings."""
        observer = observing(_watcher(progress)) if isinstance(progress, SharedProgress) else contextlib.nullcontext()
        progress.rule = task
        with active_engine(self.engine), observer:
            if task < len(self.closed):
                return verify_rule(self.closed[task], self.engine, self.samples, self.seed, self.tolerance, progress)
            return interference(self.groups[task - len(self.closed)], self.engine, self.seed, progress)

    def child(self, connection, tasks: list[int], progress: SharedProgress) -> None:
        """Run `tasks` in a forked process; kernels' own logging to the C stderr is silenced
        there, and a crash is reported by the parent (not by an inherited fault handler)."""
        faulthandler.disable()
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 2)
        try:
            for task in tasks:
                connection.send(("done", task, self.run(task, progress)))
        except BaseException:
            connection.send(("error", -1, traceback.format_exc()))
        connection.close()


def _watcher(progress: SharedProgress):
    """Before each call: record it where a crash leaves it readable; refuse one with a crashed
    call's signature."""
    def watch(node, arguments) -> None:
        signature = call_signature(node, arguments)
        if signature in progress.avoid:
            raise KnownCrash(signature)
        progress.call(_call_text(node, arguments), signature)
    return watch


class _Children:
    """Runs tasks in forked children: after a crash, a new child goes on from the crashed task
    without the crashing sample (which becomes a kernel finding)."""

    def __init__(self, job: _Job):
        self.job = job
        self.context = multiprocessing.get_context("fork")
        self.skip: set[tuple[int, str, int]] = set()
        self.avoid: set[str] = set()
        self.kernels: list[KernelFinding] = []

    def crashes(self, task: int) -> int:
        return sum(1 for crashed, _, _ in self.skip if crashed == task)

    def run(self, tasks: list[int]) -> dict:
        """Task -> its result (None for a task that crashed every time)."""
        results: dict = {}
        pending = list(tasks)
        for _ in range(MAX_RESTARTS * max(1, len(tasks))):
            if not pending:
                break
            receiver, sender = self.context.Pipe(duplex=False)
            progress = SharedProgress(frozenset(self.skip), frozenset(self.avoid))
            child = self.context.Process(target=self.job.child, args=(sender, pending, progress), daemon=True)
            child.start()
            sender.close()
            while True:
                try:
                    kind, task, payload = receiver.recv()
                except EOFError:
                    break
                if kind == "error":
                    child.join()
                    raise RuntimeError(f"verification failed on {self.job.engine}:\n{payload}")
                results[task] = payload
                pending.remove(task)
            child.join()
            receiver.close()
            if pending:
                last = progress.last() or {"rule": pending[0], "key": "", "attempt": 0, "call": ""}
                self.kernels.append(_crash_finding(self.job, last, child.exitcode))
                self.skip.add((last["rule"], last["key"], last["attempt"]))
                if last.get("signature"):
                    self.avoid.add(last["signature"])
                if self.crashes(last["rule"]) >= MAX_RESTARTS:
                    pending.remove(last["rule"])
        return results


def _run_isolated(job: _Job, skipped: list[RuleReport]) -> tuple[list[RuleReport], list[KernelFinding]]:
    """The rules one after the other in a child; then each wrong one again alone in a fresh
    child (memory an earlier kernel corrupted can make a later result wrong), and each
    group's stateful-kernel checks in a fresh child too."""
    children = _Children(job)
    rules = list(range(len(job.closed)))
    results = children.run(rules)
    results.update(children.run([task for task in rules if getattr(results.get(task), "verdict", "") == WRONG]))
    stateful = []
    for task in range(len(job.closed), job.tasks):
        stateful.extend(children.run([task]).get(task) or [])
    reports = []
    for task in rules:
        report = results.get(task)
        if report is None:
            rule = job.closed[task].rule
            report = RuleReport(rule.name, str(rule.location), job.engine, CRASHED, None)
        reports.append(replace(report, crashes=children.crashes(task)) if children.crashes(task) else report)
    return skipped + reports, children.kernels + list(stateful)


def _crash_finding(job: _Job, last: dict, exitcode: int | None) -> KernelFinding:
    index = last["rule"]
    rule = job.closed[index].rule.name if index < len(job.closed) else "(stateful-kernel checks)"
    signal = f"signal {-exitcode}" if exitcode is not None and exitcode < 0 else f"exit status {exitcode}"
    call = last["call"] or "(no operator call recorded)"
    return KernelFinding(job.engine, "crash", f"{call.split('(')[0]} crashed the process ({signal})", (rule,),
                         (call,))


def _call_text(node, arguments) -> str:
    names = node.argument_names or tuple(f"arg{i}" for i in range(len(arguments)))
    shown = []
    for name, value in zip(names, arguments):
        text = describe(value)
        if isinstance(value, torch.Tensor) and value.stride() != torch.empty(value.shape).stride():
            text += f", strides {tuple(value.stride())}"
        shown.append(f"{name}={text}")
    return f"{node.op}{'.' + node.overload if node.overload else ''}({'; '.join(shown)})"


def _with_causes(reports: list[RuleReport]) -> list[RuleReport]:
    """A rule wrong on one engine and right on another is a kernel's fault there."""
    right = {report.rule for report in reports if report.verdict in (EXACT, WITHIN_TOLERANCE)}
    return [replace(report, cause="kernel") if report.verdict == WRONG and report.cause == "rule"
            and report.rule in right else report for report in reports]
