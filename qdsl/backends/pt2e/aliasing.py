"""Which tensors a replacement may let a kernel overwrite.

Rules are written as if every kernel were out of place; some are not: the conv `sum`
post-op (`qconv2d_pointwise.binary`) writes its result into its accumulator
(`Tensor(a!) qaccum`). The engine hands such a parameter the tensor the rule names only
when nothing can observe the write: the tensor is made by the graph (an op with a
fresh result, not an input, a constant or a view of one), and neither it nor any view
of it is read after the fused node, nor returned. Otherwise it hands over a copy
(`aten.clone`, which keeps the tensor's memory format).
"""

from __future__ import annotations

from typing import Collection

from torch.fx import Node

from .index import GraphIndex
from .values import parameters


def writable(value: Node, at: Node, index: GraphIndex, replaced: Collection[Node],
             also_read: Collection[Node] = ()) -> bool:
    """A kernel placed right before `at` may overwrite `value`: its storage belongs to
    the graph, is not among the kernel's other inputs `also_read`, and is read by no node
    at or after `at` but the `replaced` nodes (the match, which goes, and the
    replacement's own nodes)."""
    roots = _roots(value)
    if roots is None:
        return False
    aliases = _aliases(roots, replaced)
    if any(node in aliases for node in also_read):
        return False
    for alias in aliases:
        for reader in alias.users:
            if reader in replaced:
                continue
            if reader.op == "output" or not index.alive(reader) or not index.before(reader, at):
                return False
    return True


def _roots(value: Node) -> set[Node] | None:
    """The nodes that made the storage `value` may share, each with a fresh result; None
    when some of it comes from outside the graph or from an op of unknown aliasing."""
    roots: set[Node] = set()
    pending = [value]
    while pending:
        node = pending.pop()
        if node.op != "call_function":
            return None
        params = parameters(node.target)
        if params is None:
            return None  # getitem and other Python functions: aliasing unknown
        sources = [arg for arg, param in zip(node.args, params) if param.aliased and isinstance(arg, Node)]
        sources += [node.kwargs[p.name] for p in params if p.aliased and isinstance(node.kwargs.get(p.name), Node)]
        if sources:
            pending.extend(sources)
        else:
            roots.add(node)
    return roots


def _aliases(roots: set[Node], replaced: Collection[Node]) -> set[Node]:
    """The roots and every node whose result may share their storage (views, writers,
    calls of unknown aliasing), but for the `replaced` nodes, whose results go."""
    found = set(roots)
    pending = list(roots)
    while pending:
        node = pending.pop()
        for user in node.users:
            if user in found or user in replaced or user.op != "call_function":
                continue
            if _may_return(user, node):
                found.add(user)
                pending.append(user)
    return found


def _may_return(user: Node, argument: Node) -> bool:
    params = parameters(user.target)
    if params is None:
        return True
    for position, arg in enumerate(user.args):
        if arg is argument and position < len(params) and params[position].aliased:
            return True
    return any(user.kwargs.get(p.name) is argument and p.aliased for p in params)
