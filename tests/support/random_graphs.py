"""Seeded random TorchScript graphs shaped like graph-mode quantization output.

Graphs are built with torch's graph API (no IR text): chains of
`dequantize -> op [-> relu] -> quantize_per_tensor [-> relu]` over linear, conv2d, add and mul,
with the irregularities the engine has to get right: values used twice, a pooled
alpha constant or a private one (1, 2 or 1.0), chains inside `prim::If` branches and
`prim::Loop` bodies fed from the enclosing block, and chains that consume the output
of earlier chains (overlapping candidate matches). `tests.support.rules.guard_free_rules()`
fuses them.
"""

from __future__ import annotations

import random

import torch


def _packed_params_type(unpack_op: str):
    """The class of packed weights an unpack op takes (what quantized graphs carry)."""
    return torch._C._jit_get_schemas_for_operator(unpack_op)[0].arguments[0].type


class _Builder:
    """Appends nodes through torch's graph API at a movable insertion block."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.graph = torch._C.Graph()
        self.block = self.graph.block()
        self.quantized: list[torch._C.Value] = []
        self.packed = self._input("packed", _packed_params_type("quantized::linear_unpack"))
        self.conv_packed = self._input("conv_packed", _packed_params_type("quantized::conv2d_unpack"))
        self.scale = self._input("scale", torch._C.FloatType.get())
        self.zero_point = self._input("zero_point", torch._C.IntType.get())
        self.dtype = self._input("dtype", torch._C.IntType.get())
        self.cond = self._input("cond", torch._C.BoolType.get())
        self.trips = self._input("trips", torch._C.IntType.get())
        self.scalar = self._input("scalar", torch._C.FloatType.get())
        self.quantized = [self._input(f"x{i}", torch._C.TensorType.get()) for i in range(3)]
        self.pooled_one = self.constant(1)

    def _input(self, name, type_):
        value = self.graph.addInput(name)
        value.setType(type_)
        return value

    def constant(self, value):
        with self.graph.insert_point_guard(self.block):
            return self.graph.insertConstant(value)

    def op(self, kind, inputs, outputs=1):
        node = self.graph.create(kind, list(inputs), outputs)
        with self.graph.insert_point_guard(self.block):
            self.graph.insertNode(node)
        return node

    def pick(self):
        return self.rng.choice(self.quantized)

    def alpha(self):
        choice = self.rng.random()
        if choice < 0.5:
            return self.pooled_one
        return self.constant(self.rng.choice([1, 1, 2, 1.0]))

    def chain(self):
        """One dequantize -> op -> quantize chain, with random irregularities."""
        rng = self.rng
        kind = rng.choice(["linear", "conv2d", "add", "mul", "mul_scalar"])
        a = self.op("aten::dequantize", [self.pick()]).output()
        if kind in ("linear", "conv2d"):
            unpack = self.op(f"quantized::{kind}_unpack",
                             [self.packed if kind == "linear" else self.conv_packed], 2)
            w = self.op("aten::dequantize", [unpack.outputsAt(0)]).output()
            args = [a, w, unpack.outputsAt(1)]
            if kind == "conv2d":
                args += [self.constant([1, 1]), self.constant([0, 0]), self.constant([1, 1]),
                         self.constant(1)]
            r = self.op(f"aten::{kind}", args).output()
        elif kind == "mul_scalar":
            r = self.op("aten::mul", [a, self.scalar if rng.random() < 0.7 else a]).output()
        else:
            b = a if rng.random() < 0.2 else self.op("aten::dequantize", [self.pick()]).output()
            args = [a, b] + ([self.alpha()] if kind == "add" else [])
            r = self.op(f"aten::{kind}", args).output()
        if rng.random() < 0.4:
            r = self.op(rng.choice(["aten::relu", "aten::relu", "aten::relu_"]), [r]).output()
            if rng.random() < 0.2:
                r = self.op("aten::relu", [r]).output()
        if rng.random() < 0.15:
            self.op("aten::sigmoid", [r])
        if rng.random() < 0.1:
            self.op("aten::sigmoid", [a])
        q = self.op("aten::quantize_per_tensor", [r, self.scale, self.zero_point, self.dtype]).output()
        if rng.random() < 0.25:
            q = self.op("aten::relu", [q]).output()
        self.quantized.append(q)
        return q

    def nested(self, depth):
        """A prim::If or prim::Loop whose body holds chains fed from outside."""
        rng = self.rng
        outer_block = self.block
        if rng.random() < 0.6:
            node = self.op("prim::If", [self.cond])
            blocks = [node.addBlock(), node.addBlock()]
        else:
            start = self.constant(True)
            node = self.op("prim::Loop", [self.trips, start, self.pick()])
            body = node.addBlock()
            body.addInputToBlock().setType(torch._C.IntType.get())
            carried = body.addInputToBlock()
            carried.setType(torch._C.TensorType.get())
            blocks = [body]
        results = []
        visible = list(self.quantized)
        for block in blocks:
            self.block = block
            self.quantized = list(visible)
            out = self.pick()
            for _ in range(rng.randint(0, 3)):
                out = self.nested(depth + 1) if depth < 2 and rng.random() < 0.2 else self.chain()
            results.append(out)
        self.block = outer_block
        self.quantized = visible
        if node.kind() == "prim::If":
            for block, out in zip(blocks, results):
                block.registerOutput(out)
        else:
            blocks[0].registerOutput(self.constant_in(blocks[0], True))
            blocks[0].registerOutput(results[0])
        out = node.output()
        self.quantized.append(out)
        return out

    def constant_in(self, block, value):
        with self.graph.insert_point_guard(block):
            return self.graph.insertConstant(value)


def random_graph(seed: int, chains: int = 12, nested: bool = True) -> torch._C.Graph:
    """A valid (lint-clean) random quantization-shaped graph, reproducible from `seed`."""
    rng = random.Random(seed)
    builder = _Builder(rng)
    for _ in range(chains):
        if nested and rng.random() < 0.2:
            builder.nested(0)
        else:
            builder.chain()
    for value in rng.sample(builder.quantized, k=min(3, len(builder.quantized))):
        builder.graph.registerOutput(value)
    builder.graph.lint()
    return builder.graph
