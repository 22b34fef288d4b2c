"""Synthetic quantized models for the benchmarks, in the state finalize receives them.

Each model is built the way users build one: script an eager model, `prepare_jit`
(or `prepare_dynamic_jit`), calibrate once, `convert_jit(m, debug=True)`. The result
is the module just before `torch._C._jit_pass_quant_finalize`: quantize/dequantize
nodes around float ops, weights still attributes. Channel counts are tiny on purpose:
finalize works on the graph, so only the number of nodes matters, not the tensors.

Building a 400-block model takes tens of seconds (scripting and observer insertion
dominate), so built models are cached with `torch.jit.save` under
`bench/results/cache/`, keyed by this file's source and the torch version.
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import time
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn as nn
from torch.ao.quantization import (
    MinMaxObserver,
    PerChannelMinMaxObserver,
    QConfig,
    convert_dynamic_jit,
    convert_jit,
    default_dynamic_qconfig,
    prepare_dynamic_jit,
    prepare_jit,
)

SHAPES = ("resnet", "mobilenet", "mlp", "mlp_dynamic")
"""Model shapes; `mlp_dynamic` is the transformer-MLP shape with dynamic quantization."""

BLOCK_COUNTS = (10, 50, 200, 400)
"""Model sizes the benchmarks run by default."""

CHANNELS = 4
"""Channel / feature width of every block: small, because only graph size matters."""

DEFAULT_CACHE_DIR = Path(__file__).resolve().parent / "results" / "cache"

STATIC_QCONFIG = QConfig(
    activation=MinMaxObserver.with_args(dtype=torch.quint8, quant_min=0, quant_max=127),
    weight=PerChannelMinMaxObserver.with_args(
        dtype=torch.qint8, qscheme=torch.per_channel_symmetric
    ),
)
"""fbgemm's default qconfig with the range given explicitly (avoids the
`reduce_range` deprecation warning of `get_default_qconfig`)."""


@dataclass(frozen=True)
class BuiltModel:
    """A pre-finalize quantized module and what is needed to run and finalize it."""

    shape: str
    """One of SHAPES."""
    blocks: int
    """Number of repeated blocks."""
    module: torch.jit.ScriptModule
    """The output of `convert_jit(..., debug=True)` (or its dynamic counterpart)."""
    example_input: torch.Tensor
    """An input the module accepts; also used for the output equality check."""
    quant_type: int
    """0 = dynamic, 1 = static, as torch's `QuantType`."""
    build_seconds: float
    """Wall time to build (or load from cache) the module."""
    from_cache: bool
    """Whether the module was loaded from the cache."""


def _randomize_batch_norm(bn: nn.BatchNorm2d) -> None:
    """Give a batch norm non-trivial statistics so that conv-bn folding changes weights."""
    with torch.no_grad():
        bn.running_mean.uniform_(-0.5, 0.5)
        bn.running_var.uniform_(0.5, 1.5)
        bn.weight.uniform_(0.5, 1.5)
        bn.bias.uniform_(-0.5, 0.5)


class ResNetBlock(nn.Module):
    """conv-bn-relu, conv-bn, residual add, relu (bn folded into conv by prepare_jit)."""

    def __init__(self, channels: int) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(channels)
        self.relu = nn.ReLU()
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(channels)
        _randomize_batch_norm(self.bn1)
        _randomize_batch_norm(self.bn2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return torch.relu(y + x)


class MobileNetBlock(nn.Module):
    """Depthwise conv-bn + hardswish, squeeze-excite gate (adaptive avg pool, conv,
    hardsigmoid, mul), max pool, pointwise conv, average pool, residual add."""

    def __init__(self, channels: int) -> None:
        super().__init__()
        self.depthwise = nn.Conv2d(channels, channels, 3, padding=1, groups=channels)
        self.bn = nn.BatchNorm2d(channels)
        self.act = nn.Hardswish()
        self.squeeze = nn.AdaptiveAvgPool2d(1)
        self.excite = nn.Conv2d(channels, channels, 1)
        self.gate = nn.Hardsigmoid()
        self.max_pool = nn.MaxPool2d(3, stride=1, padding=1)
        self.project = nn.Conv2d(channels, channels, 1)
        self.avg_pool = nn.AvgPool2d(3, stride=1, padding=1)
        _randomize_batch_norm(self.bn)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.act(self.bn(self.depthwise(x)))
        y = self.max_pool(y * self.gate(self.excite(self.squeeze(y))))
        y = self.avg_pool(self.project(y))
        return y + x


class MlpBlock(nn.Module):
    """Transformer-MLP style: linear, layer_norm, relu, linear, residual add."""

    def __init__(self, features: int) -> None:
        super().__init__()
        self.fc1 = nn.Linear(features, features)
        self.norm = nn.LayerNorm(features)
        self.fc2 = nn.Linear(features, features)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = torch.relu(self.norm(self.fc1(x)))
        return self.fc2(y) + x


def _eager_model(shape: str, blocks: int) -> tuple[nn.Module, torch.Tensor]:
    """The float model of `shape` with `blocks` blocks and an input for it."""
    if shape == "resnet":
        layers = [nn.Conv2d(3, CHANNELS, 3, padding=1)]
        layers += [ResNetBlock(CHANNELS) for _ in range(blocks)]
        return nn.Sequential(*layers), torch.randn(1, 3, 8, 8)
    if shape == "mobilenet":
        layers = [nn.Conv2d(3, CHANNELS, 3, padding=1), nn.Hardswish()]
        layers += [MobileNetBlock(CHANNELS) for _ in range(blocks)]
        layers += [nn.AdaptiveAvgPool2d(1)]
        return nn.Sequential(*layers), torch.randn(1, 3, 8, 8)
    if shape in ("mlp", "mlp_dynamic"):
        layers = [nn.Linear(CHANNELS * 2, CHANNELS)]
        layers += [MlpBlock(CHANNELS) for _ in range(blocks)]
        return nn.Sequential(*layers), torch.randn(2, 3, CHANNELS * 2)
    raise ValueError(f"unknown model shape {shape!r}; expected one of {SHAPES}")


def _quantize(shape: str, blocks: int) -> tuple[torch.jit.ScriptModule, torch.Tensor, int]:
    """Script, prepare, calibrate and convert (debug) the model; no cache."""
    torch.manual_seed(0)
    eager, example = _eager_model(shape, blocks)
    scripted = torch.jit.script(eager.eval())
    if shape == "mlp_dynamic":
        prepared = prepare_dynamic_jit(scripted, {"": default_dynamic_qconfig})
        return convert_dynamic_jit(prepared, debug=True), example, 0
    prepared = prepare_jit(scripted, {"": STATIC_QCONFIG})
    # One calibration batch; the unoptimized executor skips the profiling runs,
    # which otherwise cost seconds on big graphs and record shapes we do not need.
    with torch.jit.optimized_execution(False):
        prepared(example)
    return convert_jit(prepared, debug=True), example, 1


def _cache_key() -> str:
    """Changes whenever the model definitions, the quantization recipe or torch change."""
    parts = [inspect.getsource(item) for item in
             (_randomize_batch_norm, ResNetBlock, MobileNetBlock, MlpBlock, _eager_model, _quantize)]
    parts += [repr(STATIC_QCONFIG), str(CHANNELS), torch.__version__]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]


def build(shape: str, blocks: int, cache_dir: Path | None = DEFAULT_CACHE_DIR) -> BuiltModel:
    """The pre-finalize module of `shape` with `blocks` blocks, from the cache if there.

    `cache_dir=None` always builds and never writes.
    """
    start = time.perf_counter()
    path = None
    if cache_dir is not None:
        path = Path(cache_dir) / f"{shape}-{blocks}-{_cache_key()}"
        if (path / "module.pt").exists():
            module = torch.jit.load(str(path / "module.pt"))
            # Loading recompiles the saved code, which spells constant int lists as
            # prim::ListConstruct; convert_jit ends with these two passes, and after
            # them the graph has the built graph's op nodes, in the same order (only
            # the number and place of prim::Constant nodes differ).
            torch._C._jit_pass_constant_propagation(module.graph)
            torch._C._jit_pass_dce(module.graph)
            example = torch.load(path / "input.pt")
            quant_type = 0 if shape == "mlp_dynamic" else 1
            return BuiltModel(shape, blocks, module, example, quant_type,
                              time.perf_counter() - start, True)
    module, example, quant_type = _quantize(shape, blocks)
    if path is not None:
        path.mkdir(parents=True, exist_ok=True)
        torch.jit.save(module, str(path / "module.pt"))
        torch.save(example, path / "input.pt")
    return BuiltModel(shape, blocks, module, example, quant_type,
                      time.perf_counter() - start, False)


def node_count(graph: torch._C.Graph) -> int:
    """Number of nodes in `graph`, nested blocks included."""
    count = 0
    pending = list(graph.nodes())
    while pending:
        node = pending.pop()
        count += 1
        for block in node.blocks():
            pending.extend(block.nodes())
    return count


def main() -> None:
    """Build (and cache) every model; print build time and graph size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=SHAPES)
    parser.add_argument("--blocks", nargs="+", type=int, default=list(BLOCK_COUNTS))
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE_DIR)
    parser.add_argument("--no-cache", action="store_true", help="build, do not read or write the cache")
    args = parser.parse_args()
    print(f"{'shape':<12} {'blocks':>6} {'nodes':>7} {'seconds':>8}  source")
    for shape in args.shapes:
        for blocks in args.blocks:
            model = build(shape, blocks, None if args.no_cache else args.cache_dir)
            source = "cache" if model.from_cache else "built"
            print(f"{shape:<12} {blocks:>6} {node_count(model.module.graph):>7} "
                  f"{model.build_seconds:>8.2f}  {source}", flush=True)


if __name__ == "__main__":
    main()
