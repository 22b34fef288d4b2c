"""DenseNet-121 (Huang et al. 2017), with torchvision's layer table.

Four dense blocks of 6, 12, 24 and 16 pre-activation layers (batch norm, relu, 1x1
conv, batch norm, relu, 3x3 conv) whose inputs are the concatenation of every earlier
feature map in the block (a list grown with `append`, as torchvision writes it),
transitions (batch norm, relu, 1x1 conv, 2x2 average pool), final batch norm, functional
relu, pool, flatten, fc. Full depth; growth rate 16 instead of 32 and a 32-channel
stem (2.3 M parameters instead of 8.0 M).
"""

from __future__ import annotations

from typing import List

import torch
import torch.nn as nn
import torch.nn.functional as F


class DenseLayer(nn.Module):
    def __init__(self, in_channels: int, growth_rate: int, bn_size: int) -> None:
        super().__init__()
        self.norm1 = nn.BatchNorm2d(in_channels)
        self.relu1 = nn.ReLU(inplace=True)
        self.conv1 = nn.Conv2d(in_channels, bn_size * growth_rate, 1, bias=False)
        self.norm2 = nn.BatchNorm2d(bn_size * growth_rate)
        self.relu2 = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(bn_size * growth_rate, growth_rate, 3, padding=1, bias=False)

    def forward(self, features: List[torch.Tensor]) -> torch.Tensor:
        bottleneck = self.conv1(self.relu1(self.norm1(torch.cat(features, 1))))
        return self.conv2(self.relu2(self.norm2(bottleneck)))


class DenseBlock(nn.ModuleDict):
    def __init__(self, layers: int, in_channels: int, growth_rate: int, bn_size: int) -> None:
        super().__init__()
        for index in range(layers):
            self[f"denselayer{index + 1}"] = DenseLayer(in_channels + index * growth_rate, growth_rate, bn_size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        features = [x]
        for layer in self.values():
            features.append(layer(features))
        return torch.cat(features, 1)


class Transition(nn.Sequential):
    def __init__(self, in_channels: int, out_channels: int) -> None:
        super().__init__(nn.BatchNorm2d(in_channels), nn.ReLU(inplace=True),
                         nn.Conv2d(in_channels, out_channels, 1, bias=False), nn.AvgPool2d(2, 2))


class DenseNet121(nn.Module):
    def __init__(self, growth_rate: int = 16, init_features: int = 32, bn_size: int = 4,
                 num_classes: int = 1000) -> None:
        super().__init__()
        layers: list[nn.Module] = [nn.Conv2d(3, init_features, 7, 2, 3, bias=False), nn.BatchNorm2d(init_features),
                                   nn.ReLU(inplace=True), nn.MaxPool2d(3, 2, 1)]
        channels = init_features
        block_config = (6, 12, 24, 16)
        for index, count in enumerate(block_config):
            layers.append(DenseBlock(count, channels, growth_rate, bn_size))
            channels += count * growth_rate
            if index != len(block_config) - 1:
                layers.append(Transition(channels, channels // 2))
                channels //= 2
        layers.append(nn.BatchNorm2d(channels))
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Linear(channels, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.features(x), inplace=True)
        x = torch.flatten(F.adaptive_avg_pool2d(x, (1, 1)), 1)
        return self.classifier(x)
