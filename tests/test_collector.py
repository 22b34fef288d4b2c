"""qdsl's TorchScript drivers run with Python's cyclic collector paused (qdsl.core.collector):
a full collection of the caller's heap that qdsl's allocations would start inside the
call is left to the caller's own allocations, and the collector's state is the caller's
again afterwards."""

from __future__ import annotations

import gc

import pytest

import qdsl
from tests.support.models import debug_copies
from tests.test_ondevice import ondevice_module
from tests.support.rules import fusion_rules


def observed_rules(seen: list[bool]) -> qdsl.RuleSet:
    """A rule whose guard records whether the collector is enabled while qdsl rewrites."""
    def collector_enabled(value) -> bool:
        seen.append(gc.isenabled())
        return True

    return fusion_rules("rule observed: relu(a) where collector_enabled(a) -> relu(a)", "user.qpat",
                        predicates={"collector_enabled": collector_enabled})


@pytest.fixture
def collections():
    """The generations of the collections that start while the test runs."""
    started: list[int] = []

    def callback(phase: str, info: dict) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.callbacks.append(callback)
    yield started
    gc.callbacks.remove(callback)


def test_finalize_rewrites_with_the_collector_paused_then_collects_only_its_own_allocations(collections):
    seen: list[bool] = []
    module, = debug_copies("linear_relu", 1)
    qdsl.finalize(module, rules=observed_rules(seen))
    assert seen and not any(seen)
    assert gc.isenabled()
    assert collections[-1:] == [0]


def test_on_device_finalize_rewrites_with_the_collector_paused():
    seen: list[bool] = []
    rules = qdsl.compile_source("stage fusion dynamic\nrule observed: linear(a, w, b) where collector_enabled(a) "
                                "-> linear(a, w, b)\n", "user.qpat",
                                predicates={"collector_enabled": lambda value: seen.append(gc.isenabled()) or True})
    qdsl.finalize_on_device_ptq(ondevice_module("mlp"), qdsl.QuantType.DYNAMIC, "quantize_forward",
                                rules=rules + qdsl.default_rules())
    assert seen and not any(seen)
    assert gc.isenabled()


def test_a_collector_the_caller_disabled_stays_disabled_and_nothing_is_collected(collections):
    seen: list[bool] = []
    module, = debug_copies("linear_relu", 1)
    gc.disable()
    try:
        qdsl.finalize(module, rules=observed_rules(seen))
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert seen and not any(seen)
    assert collections == []


def test_the_collector_is_enabled_again_after_an_error():
    module, = debug_copies("linear_relu", 1)
    with pytest.raises(qdsl.InputError, match="unknown quant type"):
        qdsl.finalize(module, quant_type=7)
    assert gc.isenabled()
