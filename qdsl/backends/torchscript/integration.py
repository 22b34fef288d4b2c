"""`patch_torch()`: make torch.ao.quantization's graph mode API finalize with qdsl.

`torch.ao.quantization.quantize_jit` reaches the C++ passes as
`torch._C._jit_pass_quant_finalize` and `torch._C._jit_pass_quant_finalize_for_ondevice_ptq`
through its module global `torch`. The patch swaps that one global for a view of
`torch` whose `_C` answers those two names with qdsl's functions; every other name,
and every other module's `torch`, is untouched. `convert_jit`, `convert_dynamic_jit`,
`quantize_jit`, `quantize_dynamic_jit` and the on-device PTQ entry points all finalize
through those two names, so all of them run qdsl.

The patched `_jit_pass_quant_finalize` edits its input, as torch's binding does:
`convert_jit` hands it either `_jit_pass_insert_quant_dequant`'s private copy of the
user's module (`inplace=False`) or the user's module, which it then rebuilds from the
finalized result (`inplace=True`); nothing reads the input afterwards, so qdsl's copy
(`qdsl.finalize`'s promise to leave the caller's module alone) would protect nothing.
"""

from __future__ import annotations

import importlib
import types

import torch

from ...diagnostics import InputError
from ...core.loading import RulesArg, rule_set_of
from .finalize import finalize
from .ondevice import finalize_on_device_ptq

# `import torch.ao.quantization.quantize_jit as m` would bind the function
# torch.ao.quantization.quantize_jit, which shadows its own module.
quantize_jit_module = importlib.import_module("torch.ao.quantization.quantize_jit")


class _OverlayModule(types.ModuleType):
    """A module object that answers some names itself and delegates the rest."""

    def __init__(self, base: types.ModuleType, overrides: dict):
        super().__init__(base.__name__, base.__doc__)
        self._qdsl_base = base
        self.__dict__.update(overrides)

    def __getattr__(self, name):
        return getattr(self._qdsl_base, name)


class TorchPatch:
    """An active patch; `undo()` (or leaving the `with` block) restores torch exactly."""

    def __init__(self, rules: RulesArg = None):
        rule_set = rule_set_of(rules)

        def quant_finalize(module, quant_type=1, preserved_attrs=()):
            return finalize(module, quant_type, list(preserved_attrs), rules=rule_set, inplace=True)

        def quant_finalize_for_ondevice_ptq(module, quant_type=1, method_name="forward"):
            return finalize_on_device_ptq(module, quant_type, method_name, rules=rule_set)

        self.rules = rule_set
        self._original = quantize_jit_module.__dict__.get("torch")
        if isinstance(self._original, _OverlayModule):
            raise InputError("qdsl.patch_torch() is already active; undo it before patching again")
        c_view = _OverlayModule(torch._C, {
            "_jit_pass_quant_finalize": quant_finalize,
            "_jit_pass_quant_finalize_for_ondevice_ptq": quant_finalize_for_ondevice_ptq,
        })
        quantize_jit_module.torch = _OverlayModule(torch, {"_C": c_view})
        self._active = True

    def undo(self) -> None:
        """Restore `torch.ao.quantization.quantize_jit` as it was; a second call does nothing."""
        if self._active:
            quantize_jit_module.torch = self._original
            self._active = False

    def __enter__(self) -> "TorchPatch":
        return self

    def __exit__(self, *exc_info) -> None:
        self.undo()


def patch_torch(rules: RulesArg = None) -> TorchPatch:
    """Route torch's graph mode quantization finalize through qdsl.

    Use as `with qdsl.patch_torch(): ...` or `patch = qdsl.patch_torch(); ...; patch.undo()`.
    `rules` is any rule set `qdsl.finalize` accepts (default: the shipped rules).
    """
    return TorchPatch(rules)
