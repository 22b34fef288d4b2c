"""Run PyTorch's own graph-mode quantization suites with qdsl's finalize in place of torch's.

`torch.ao.quantization.quantize_jit` looks up `torch._C._jit_pass_quant_finalize` and
`torch._C._jit_pass_quant_finalize_for_ondevice_ptq` on `torch._C` each time it
finalizes. While the tests of one module of this directory run, both names are qdsl's
drop-ins (`qdsl.finalize`, `qdsl.finalize_on_device_ptq`, with the shipped rules plus
the opt-in file that reproduces upstream's kernel-less upsample fusions); torch's own
functions are
put back when the module's tests end, so the rest of the suite, whose oracle is torch's
finalize, sees torch untouched.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import hypothesis
import pytest
import torch

import qdsl

# PyTorch's test utilities load their own hypothesis profile when imported ("dev":
# random examples), which would change the default of every later test of the
# session; the vendored files hold no hypothesis tests, so the default is put back.
_DEFAULT_SETTINGS = hypothesis.settings.default
import torch.testing._internal.common_utils  # noqa: E402,F401

hypothesis.settings.register_profile("qdsl-before-pytorch-test-utils", _DEFAULT_SETTINGS)
hypothesis.settings.load_profile("qdsl-before-pytorch-test-utils")

_HERE = Path(__file__).resolve().parent

UPSTREAM_RULES = _HERE.parents[1] / "patterns" / "optional" / "upstream_kernelless_upsample.qpat"
"""The opt-in rules that fuse, as upstream does, the upsample ops without a quantized
kernel: `test_general_value_ops` pins upstream's graph of a module it says is not
executable (scripted F.interpolate holds every rank's op in prim::If branches)."""


@cache
def _rules() -> qdsl.RuleSet:
    return qdsl.default_rules() + qdsl.load_rules(UPSTREAM_RULES)


def _finalize(module, quant_type=1, preserved_attrs=()):
    return qdsl.finalize(module, quant_type, preserved_attrs, rules=_rules())


def _finalize_on_device_ptq(module, quant_type=1, method_name="forward"):
    return qdsl.finalize_on_device_ptq(module, quant_type, method_name, rules=_rules())


QDSL_PASSES = {
    "_jit_pass_quant_finalize": _finalize,
    "_jit_pass_quant_finalize_for_ondevice_ptq": _finalize_on_device_ptq,
}
"""The torch._C attribute each qdsl drop-in replaces."""

DESELECTED = {
    "test_quantize_jit.py::test_only_eval_fn":
        "a calibration helper that test_quantize_jit.py imports from "
        "torch.testing._internal.common_quantization; pytest collects it because of its "
        "name, but it is not a test (PyTorch runs this file with unittest)",
}
"""Vendored test ids (relative to this directory) that are not run, with the reason."""

def pytest_collection_modifyitems(config, items):
    kept, dropped = [], []
    for item in items:
        path = Path(str(item.path)).resolve()
        local_id = "::".join([path.name, *item.nodeid.split("::")[1:]])
        if path.parent != _HERE:
            kept.append(item)
        elif local_id in DESELECTED:
            dropped.append(item)
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(autouse=True, scope="module")
def qdsl_finalize_in_torch():
    """qdsl's finalize installed in torch._C for one vendored module; fails the module
    if torch never called it (the suite would then be testing torch, not qdsl)."""
    calls: Counter[str] = Counter()
    originals = {name: getattr(torch._C, name) for name in QDSL_PASSES}

    def counted(name, drop_in):
        def run(*args, **kwargs):
            calls[name] += 1
            return drop_in(*args, **kwargs)
        return run

    for name, drop_in in QDSL_PASSES.items():
        setattr(torch._C, name, counted(name, drop_in))
    try:
        yield calls
    finally:
        for name, original in originals.items():
            setattr(torch._C, name, original)
    assert calls, "torch.ao.quantization never called the finalize installed in torch._C"
