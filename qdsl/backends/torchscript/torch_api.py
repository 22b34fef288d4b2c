"""The one facade over the private torch entry points the TorchScript backend uses.

Everything here is private or undocumented in torch (and TorchScript is deprecated in
torch 2.13): when torch moves, this is the one file to adapt.
"""

from __future__ import annotations

from typing import Callable, Sequence

import torch
from torch.jit._recursive import wrap_cpp_module


def clone_module(c_module: torch._C.ScriptModule, ignored_methods: Sequence[str] = ()) -> torch._C.ScriptModule:
    """A copy with its own class types, hence its own method graphs, without `ignored_methods`.

    `copy.copy`/`copy.deepcopy` of a ScriptModule share the class type, so editing a
    method graph of the "copy" edits the original's.
    """
    return torch._C._hack_do_not_use_clone_module_with_class(c_module, list(ignored_methods), [])


def wrap(c_module: torch._C.ScriptModule) -> torch.jit.ScriptModule:
    """The Python `ScriptModule` of a C++ module."""
    return wrap_cpp_module(c_module)


def freeze(c_module: torch._C.ScriptModule, preserved_attrs: list[str]) -> torch._C.ScriptModule:
    """torch's own `Freeze` (what `_jit_pass_quant_finalize` calls)."""
    return torch._C._freeze_module(c_module, preserved_attrs)


def parse_ir(text: str) -> torch._C.Graph:
    return torch._C.parse_ir(text)


def define_method(c_module: torch._C.ScriptModule, source: str, resolver: Callable) -> None:
    """Compile TorchScript `source` (one `def`) as a method of `c_module`."""
    concrete_type = torch._C.ConcreteModuleType.from_jit_type(c_module._type())
    c_module._define(concrete_type, source, resolver)


def canonicalize(graph: torch._C.Graph) -> None:
    """The cleanup upstream's FinalizeOnDevicePTQ runs before fusing (CSE, DCE, peephole,
    constant propagation, loop unrolling, constant pooling)."""
    for canonical_pass in (torch._C._jit_pass_cse, torch._C._jit_pass_dce, torch._C._jit_pass_peephole,
                           torch._C._jit_pass_constant_propagation, torch._C._jit_pass_constant_loop_unrolling,
                           torch._C._jit_pass_constant_pooling):
        canonical_pass(graph)


def eliminate_dead_code(graph: torch._C.Graph) -> None:
    torch._C._jit_pass_dce(graph)


def pool_constants(graph: torch._C.Graph) -> None:
    torch._C._jit_pass_constant_pooling(graph)


def children(c_module: torch._C.ScriptModule) -> list[torch._C.ScriptModule]:
    """The direct submodules of a C++ module, in definition order."""
    return [child for _, child in torch._C.ModuleDict(c_module).items()]


def parameters_and_buffers(c_module: torch._C.ScriptModule) -> list[tuple[str, torch.Tensor | None]]:
    """(name, value) of a C++ module's own parameters, then its buffers."""
    return torch._C.ParameterDict(c_module).items() + torch._C.BufferDict(c_module).items()


def module_iterators(c_module: torch._C.ScriptModule) -> dict:
    """`named_modules`, `named_attributes_r`, ... of a C++ module."""
    return torch._C._jit_debug_module_iterators(c_module)
