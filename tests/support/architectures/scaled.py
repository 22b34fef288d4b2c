"""Models of any depth: one block repeated `blocks` times, for the benchmarks' size series.

Channel counts are tiny on purpose: finalize works on the graph, so only the number of
nodes matters, not the tensors. Shapes: `resnet` (conv-bn-relu, conv-bn, add, relu),
`mobilenet` (depthwise conv-bn + hardswish, squeeze-excite, pools, pointwise conv, add),
`mlp` (linear, layer_norm, relu, linear, add; `mlp_dynamic` is the same model for
dynamic quantization).
"""

from __future__ import annotations

import torch
import torch.nn as nn
from torch.ao.quantization import MinMaxObserver, PerChannelMinMaxObserver, QConfig

SHAPES = ("resnet", "mobilenet", "mlp", "mlp_dynamic")
"""Model shapes; `mlp_dynamic` is the transformer-MLP shape with dynamic quantization."""

CHANNELS = 4
"""Channel / feature width of every block: small, because only graph size matters."""

INPUT_SHAPES = {"resnet": (1, 3, 8, 8), "mobilenet": (1, 3, 8, 8), "mlp": (2, 3, CHANNELS * 2),
                "mlp_dynamic": (2, 3, CHANNELS * 2)}
"""The input of each shape."""

STATIC_QCONFIG = QConfig(
    activation=MinMaxObserver.with_args(dtype=torch.quint8, quant_min=0, quant_max=127),
    weight=PerChannelMinMaxObserver.with_args(dtype=torch.qint8, qscheme=torch.per_channel_symmetric),
)
"""fbgemm's default qconfig with the range given explicitly (avoids the `reduce_range`
deprecation warning of `get_default_qconfig`)."""


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


def scaled_model(shape: str, blocks: int) -> nn.Module:
    """The float model of `shape` with `blocks` blocks."""
    if shape == "resnet":
        layers = [nn.Conv2d(3, CHANNELS, 3, padding=1)]
        layers += [ResNetBlock(CHANNELS) for _ in range(blocks)]
        return nn.Sequential(*layers)
    if shape == "mobilenet":
        layers = [nn.Conv2d(3, CHANNELS, 3, padding=1), nn.Hardswish()]
        layers += [MobileNetBlock(CHANNELS) for _ in range(blocks)]
        layers += [nn.AdaptiveAvgPool2d(1)]
        return nn.Sequential(*layers)
    if shape in ("mlp", "mlp_dynamic"):
        layers = [nn.Linear(CHANNELS * 2, CHANNELS)]
        layers += [MlpBlock(CHANNELS) for _ in range(blocks)]
        return nn.Sequential(*layers)
    raise ValueError(f"unknown model shape {shape!r}; expected one of {SHAPES}")
