"""A working copy of the caller's module that shares its tensors instead of copying them.

Finalize edits method graphs, so it works on a module with its own class types
(`torch_api.clone_module`). That clone deep-copies every attribute, and the float weights
are most of a model's memory (45 MiB for ResNet-18) and most of the clone's time. torch's
own `_freeze_module` clones with shared tensors (`Module::clone(inplace=true)`), which has
no Python binding. So the parameters and buffers are handed over instead of copied:
around the clone, each of the caller's module tree holds an empty placeholder (restored
in a `finally`, so the caller's module ends up holding its very tensor objects again),
and the clone then gets the same tensor objects. Nothing of the pipeline writes
to an attribute tensor: freezing folds only attributes the graph never mutates into
constants; the attributes it keeps are given private copies (`unshare`), so the
finalized module cannot mutate the caller's tensors either.

Why a copy at all: only `forward` and the types the shapes clear erases change, but they
cannot be restored exactly afterwards: re-created nodes print their unnamed values with
new numbers, and a method's graph cannot be swapped from Python (bench/README.md, item 6).

While the clone is made (one C++ call), the caller's module holds the placeholders: a
thread running it at that moment would see them. Modules with `__setstate__` (which the
clone runs, and which could read a placeholder) are deep-copied as before.
"""

from __future__ import annotations

import torch

from . import torch_api

PLACEHOLDER = torch.empty(0)
"""What a swapped tensor attribute holds during the clone (any plain-`Tensor` attribute accepts it)."""



def clone_sharing_tensors(c_module: torch._C.ScriptModule) -> tuple[torch._C.ScriptModule, frozenset[int]]:
    """A clone with its own class types and method graphs whose parameters and buffers are
    the caller's tensor objects (other attributes are copied); and the ids of those
    tensors (for `unshare`)."""
    tree = _module_tree(c_module)
    if any(module._has_method("__setstate__") for module in tree):
        return torch_api.clone_module(c_module), frozenset()
    swapped: list[list[tuple[str, torch.Tensor]]] = []
    try:
        for module in tree:
            tensors: list[tuple[str, torch.Tensor]] = []
            swapped.append(tensors)
            for name, tensor in torch_api.parameters_and_buffers(module):
                if tensor is not None and _took_placeholder(module, name):
                    tensors.append((name, tensor))
        clone = torch_api.clone_module(c_module)
    finally:
        for module, tensors in zip(tree, swapped):
            for name, tensor in tensors:
                module.setattr(name, tensor)
    for module, tensors in zip(_module_tree(clone), swapped):
        for name, tensor in tensors:
            module.setattr(name, tensor)
    return clone, frozenset(id(tensor) for tensors in swapped for _, tensor in tensors)


def unshare(c_module: torch._C.ScriptModule, shared: frozenset[int]) -> None:
    """Give every parameter and buffer of `c_module`'s tree whose id is in `shared` a private copy."""
    if not shared:
        return
    for module in _module_tree(c_module):
        for name, tensor in torch_api.parameters_and_buffers(module):
            if tensor is not None and id(tensor) in shared:
                copy = tensor.detach().clone()
                copy.requires_grad_(tensor.requires_grad)
                module.setattr(name, copy)


def _took_placeholder(module: torch._C.ScriptModule, name: str) -> bool:
    """Whether the attribute now holds the placeholder. Scripting declares parameters and
    buffers `Tensor`; one declared with a shape refuses it (no binding tells the declared
    types apart: `ConcreteModuleType` reports them without shapes) and is copied by the
    clone instead. Other tensor attributes (the qparams quantization registers, declared
    with their shapes) are not tried: a refusal costs ~0.2 ms, more than copying them."""
    try:
        module.setattr(name, PLACEHOLDER)
    except RuntimeError:
        return False
    return True


def _module_tree(c_module: torch._C.ScriptModule) -> list[torch._C.ScriptModule]:
    """`c_module` and every submodule, depth first (the same order for a clone); a module
    reached by two paths is listed twice."""
    found = []
    pending = [c_module]
    while pending:
        module = pending.pop()
        found.append(module)
        pending.extend(reversed(torch_api.children(module)))
    return found
