"""ResNet-18/50 (quantizable variant), ResNeXt-101 32x8d and R3D-18.

Written from He et al. 2016 (ResNet), Xie et al. 2017 (ResNeXt) and Tran et al. 2018
(R3D), with torchvision's layer tables: the stem, four stages of residual blocks with
the published block counts, downsampling 1x1 convs on the shortcut, adaptive average
pool, flatten, fc. The quantizable variant is torchvision's: QuantStub/DeQuantStub
around the network and `FloatFunctional.add_relu` for the residual join; the others
join with `out += identity` and a ReLU module, as the float models do.
"""

from __future__ import annotations

from typing import Optional

import torch
import torch.nn as nn
from torch.ao.nn.quantized import FloatFunctional
from torch.ao.quantization import DeQuantStub, QuantStub


class BasicBlock(nn.Module):
    """Two 3x3 convs with batch norm; ResNet-18/34."""

    expansion = 1

    def __init__(self, in_planes: int, planes: int, stride: int = 1,
                 downsample: Optional[nn.Module] = None, groups: int = 1, base_width: int = 64,
                 quantizable: bool = False) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = downsample
        self.add_relu = FloatFunctional() if quantizable else None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        identity = x
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        if self.downsample is not None:
            identity = self.downsample(x)
        if self.add_relu is not None:
            return self.add_relu.add_relu(out, identity)
        out += identity
        return self.relu(out)


class Bottleneck(nn.Module):
    """1x1 reduce, 3x3 (grouped for ResNeXt), 1x1 expand by 4; ResNet-50/101, ResNeXt."""

    expansion = 4

    def __init__(self, in_planes: int, planes: int, stride: int = 1,
                 downsample: Optional[nn.Module] = None, groups: int = 1, base_width: int = 64,
                 quantizable: bool = False) -> None:
        super().__init__()
        width = int(planes * (base_width / 64.0)) * groups
        self.conv1 = nn.Conv2d(in_planes, width, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = nn.Conv2d(width, width, 3, stride, 1, groups=groups, bias=False)
        self.bn2 = nn.BatchNorm2d(width)
        self.conv3 = nn.Conv2d(width, planes * self.expansion, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes * self.expansion)
        self.relu1 = nn.ReLU(inplace=True)
        self.relu2 = nn.ReLU(inplace=True)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample
        self.skip_add_relu = FloatFunctional() if quantizable else None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        identity = x
        out = self.relu1(self.bn1(self.conv1(x)))
        out = self.relu2(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        if self.downsample is not None:
            identity = self.downsample(x)
        if self.skip_add_relu is not None:
            return self.skip_add_relu.add_relu(out, identity)
        out += identity
        return self.relu(out)


class ResNet(nn.Module):
    """ResNet / ResNeXt for images; `stem_planes` scales every stage's width."""

    def __init__(self, block: type, layers: tuple[int, int, int, int], stem_planes: int = 64,
                 groups: int = 1, width_per_group: int = 64, num_classes: int = 1000,
                 quantizable: bool = False) -> None:
        super().__init__()
        self.quant = QuantStub() if quantizable else nn.Identity()
        self.dequant = DeQuantStub() if quantizable else nn.Identity()
        self.in_planes = stem_planes
        self.conv1 = nn.Conv2d(3, stem_planes, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(stem_planes)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        stages = []
        for index, count in enumerate(layers):
            planes = stem_planes * 2 ** index
            stages.append(self._stage(block, planes, count, 1 if index == 0 else 2, groups, width_per_group,
                                      quantizable))
        self.layer1, self.layer2, self.layer3, self.layer4 = stages
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(stem_planes * 8 * block.expansion, num_classes)

    def _stage(self, block: type, planes: int, count: int, stride: int, groups: int, width_per_group: int,
               quantizable: bool) -> nn.Sequential:
        downsample = None
        if stride != 1 or self.in_planes != planes * block.expansion:
            downsample = nn.Sequential(
                nn.Conv2d(self.in_planes, planes * block.expansion, 1, stride, bias=False),
                nn.BatchNorm2d(planes * block.expansion))
        blocks = [block(self.in_planes, planes, stride, downsample, groups, width_per_group, quantizable)]
        self.in_planes = planes * block.expansion
        blocks += [block(self.in_planes, planes, 1, None, groups, width_per_group, quantizable)
                   for _ in range(count - 1)]
        return nn.Sequential(*blocks)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.quant(x)
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        x = torch.flatten(self.avgpool(x), 1)
        return self.dequant(self.fc(x))


def quantizable_resnet18() -> ResNet:
    """torchvision's quantizable ResNet-18 at full width (11.7 M parameters)."""
    return ResNet(BasicBlock, (2, 2, 2, 2), quantizable=True)


def quantizable_resnet50() -> ResNet:
    """torchvision's quantizable ResNet-50 (3-4-6-3 bottlenecks) at a quarter width
    (stem 16 channels, 2.0 M parameters instead of 25.6 M) to keep calibration cheap."""
    return ResNet(Bottleneck, (3, 4, 6, 3), stem_planes=16, quantizable=True)


def resnext101_32x8d() -> ResNet:
    """ResNeXt-101 32x8d (3-4-23-3 bottlenecks, 32 groups of 8 channels per 64 planes)
    at a quarter width: stem 16 channels, 32 groups of 2 (6.0 M parameters, not 88.8 M)."""
    return ResNet(Bottleneck, (3, 4, 23, 3), stem_planes=16, groups=32, width_per_group=8)


class Conv3DBasicBlock(nn.Module):
    """R3D's basic block: two full 3x3x3 convolutions with 3-D batch norm."""

    def __init__(self, in_planes: int, planes: int, stride: int = 1,
                 downsample: Optional[nn.Module] = None) -> None:
        super().__init__()
        self.conv1 = nn.Sequential(nn.Conv3d(in_planes, planes, 3, stride, 1, bias=False),
                                   nn.BatchNorm3d(planes), nn.ReLU(inplace=True))
        self.conv2 = nn.Sequential(nn.Conv3d(planes, planes, 3, 1, 1, bias=False), nn.BatchNorm3d(planes))
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        residual = x
        out = self.conv2(self.conv1(x))
        if self.downsample is not None:
            residual = self.downsample(x)
        out += residual
        return self.relu(out)


class R3D18(nn.Module):
    """R3D-18 video network (torchvision's `r3d_18`): (3,7,7) stem with stride (1,2,2),
    four stages of two 3-D basic blocks, adaptive 3-D average pool, fc."""

    def __init__(self, stem_planes: int = 64, num_classes: int = 400) -> None:
        super().__init__()
        self.stem = nn.Sequential(
            nn.Conv3d(3, stem_planes, (3, 7, 7), (1, 2, 2), (1, 3, 3), bias=False),
            nn.BatchNorm3d(stem_planes), nn.ReLU(inplace=True))
        in_planes = stem_planes
        stages = []
        for index in range(4):
            planes, stride = stem_planes * 2 ** index, 1 if index == 0 else 2
            downsample = None
            if stride != 1 or in_planes != planes:
                downsample = nn.Sequential(nn.Conv3d(in_planes, planes, 1, stride, bias=False),
                                           nn.BatchNorm3d(planes))
            stages.append(nn.Sequential(Conv3DBasicBlock(in_planes, planes, stride, downsample),
                                        Conv3DBasicBlock(planes, planes)))
            in_planes = planes
        self.layer1, self.layer2, self.layer3, self.layer4 = stages
        self.avgpool = nn.AdaptiveAvgPool3d((1, 1, 1))
        self.fc = nn.Linear(in_planes, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.stem(x)
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.fc(self.avgpool(x).flatten(1))


def r3d_18() -> R3D18:
    """R3D-18 at a quarter width (stem 16 channels; 2.1 M parameters, not 33 M)."""
    return R3D18(stem_planes=16)
