"""Mobile convnets: MobileNetV2, MobileNetV3-Small, ShuffleNetV2 x0.5, EfficientNet-B0.

Written from Sandler et al. 2018 (MobileNetV2), Howard et al. 2019 (MobileNetV3),
Ma et al. 2018 (ShuffleNetV2) and Tan & Le 2019 (EfficientNet), with torchvision's
layer tables: every block of the published configurations, at full width. Inverted
residuals, depthwise convs, squeeze-excitation gates (hardsigmoid in V3, sigmoid in
EfficientNet), channel shuffle (view/transpose/contiguous/view), chunk and cat.
"""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F


def make_divisible(value: float, divisor: int = 8) -> int:
    """Round channels to a multiple of `divisor`, never more than 10 % down (as the papers do)."""
    rounded = max(divisor, int(value + divisor / 2) // divisor * divisor)
    return rounded + divisor if rounded < 0.9 * value else rounded


def conv_norm_act(in_channels: int, out_channels: int, kernel: int = 3, stride: int = 1, groups: int = 1,
                  activation: type | None = nn.ReLU6) -> nn.Sequential:
    """conv (no bias), batch norm, then `activation` unless None."""
    layers = [nn.Conv2d(in_channels, out_channels, kernel, stride, (kernel - 1) // 2, groups=groups, bias=False),
              nn.BatchNorm2d(out_channels)]
    if activation is not None:
        layers.append(activation(inplace=True))
    return nn.Sequential(*layers)


class InvertedResidualV2(nn.Module):
    """Expand 1x1, depthwise 3x3, linear project 1x1; residual when shapes allow."""

    def __init__(self, in_channels: int, out_channels: int, stride: int, expand_ratio: int) -> None:
        super().__init__()
        hidden = int(round(in_channels * expand_ratio))
        self.use_res_connect = stride == 1 and in_channels == out_channels
        layers = [conv_norm_act(in_channels, hidden, 1)] if expand_ratio != 1 else []
        layers += [conv_norm_act(hidden, hidden, 3, stride, hidden),
                   nn.Conv2d(hidden, out_channels, 1, bias=False), nn.BatchNorm2d(out_channels)]
        self.conv = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.use_res_connect:
            return x + self.conv(x)
        return self.conv(x)


class MobileNetV2(nn.Module):
    """MobileNetV2 1.0: 17 inverted residuals (t, c, n, s table of the paper), 1280-channel head."""

    SETTINGS = ((1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2),
                (6, 320, 1, 1))

    def __init__(self, num_classes: int = 1000) -> None:
        super().__init__()
        features = [conv_norm_act(3, 32, stride=2)]
        in_channels = 32
        for expand, channels, count, stride in self.SETTINGS:
            for index in range(count):
                features.append(InvertedResidualV2(in_channels, channels, stride if index == 0 else 1, expand))
                in_channels = channels
        features.append(conv_norm_act(in_channels, 1280, 1))
        self.features = nn.Sequential(*features)
        self.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(1280, num_classes))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.adaptive_avg_pool2d(self.features(x), (1, 1))
        return self.classifier(torch.flatten(x, 1))


class SqueezeExcitation(nn.Module):
    """Global average pool, 1x1 conv, activation, 1x1 conv, gate, scale the input."""

    def __init__(self, channels: int, squeeze: int, activation: type = nn.ReLU,
                 gate: type = nn.Hardsigmoid) -> None:
        super().__init__()
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc1 = nn.Conv2d(channels, squeeze, 1)
        self.activation = activation()
        self.fc2 = nn.Conv2d(squeeze, channels, 1)
        self.scale_activation = gate()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        scale = self.fc2(self.activation(self.fc1(self.avgpool(x))))
        return self.scale_activation(scale) * x


class InvertedResidualV3(nn.Module):
    """MobileNetV3 bneck: optional expand, depthwise kxk, optional SE, linear project."""

    def __init__(self, in_channels: int, kernel: int, expanded: int, out_channels: int, use_se: bool,
                 activation: str, stride: int) -> None:
        super().__init__()
        self.use_res_connect = stride == 1 and in_channels == out_channels
        act = nn.Hardswish if activation == "HS" else nn.ReLU
        layers: list[nn.Module] = []
        if expanded != in_channels:
            layers.append(conv_norm_act(in_channels, expanded, 1, activation=act))
        layers.append(conv_norm_act(expanded, expanded, kernel, stride, expanded, activation=act))
        if use_se:
            layers.append(SqueezeExcitation(expanded, make_divisible(expanded // 4)))
        layers.append(conv_norm_act(expanded, out_channels, 1, activation=None))
        self.block = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        result = self.block(x)
        if self.use_res_connect:
            result += x
        return result


class MobileNetV3Small(nn.Module):
    """MobileNetV3-Small: the paper's 11 bneck rows, hardswish, hardsigmoid SE gates."""

    BNECK = ((16, 3, 16, 16, True, "RE", 2), (16, 3, 72, 24, False, "RE", 2), (24, 3, 88, 24, False, "RE", 1),
             (24, 5, 96, 40, True, "HS", 2), (40, 5, 240, 40, True, "HS", 1), (40, 5, 240, 40, True, "HS", 1),
             (40, 5, 120, 48, True, "HS", 1), (48, 5, 144, 48, True, "HS", 1), (48, 5, 288, 96, True, "HS", 2),
             (96, 5, 576, 96, True, "HS", 1), (96, 5, 576, 96, True, "HS", 1))

    def __init__(self, num_classes: int = 1000) -> None:
        super().__init__()
        layers: list[nn.Module] = [conv_norm_act(3, 16, 3, 2, activation=nn.Hardswish)]
        layers += [InvertedResidualV3(*row) for row in self.BNECK]
        layers.append(conv_norm_act(96, 576, 1, activation=nn.Hardswish))
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Sequential(nn.Linear(576, 1024), nn.Hardswish(inplace=True), nn.Dropout(0.2),
                                        nn.Linear(1024, num_classes))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.avgpool(self.features(x))
        return self.classifier(torch.flatten(x, 1))


def channel_shuffle(x: torch.Tensor, groups: int) -> torch.Tensor:
    batch, channels, height, width = x.size()
    x = x.view(batch, groups, channels // groups, height, width)
    x = torch.transpose(x, 1, 2).contiguous()
    return x.view(batch, -1, height, width)


class ShuffleUnit(nn.Module):
    """ShuffleNetV2 unit: split (or two strided branches), concat, channel shuffle."""

    def __init__(self, in_channels: int, out_channels: int, stride: int) -> None:
        super().__init__()
        self.stride = stride
        branch = out_channels // 2
        if stride > 1:
            self.branch1 = nn.Sequential(conv_norm_act(in_channels, in_channels, 3, stride, in_channels, None),
                                         conv_norm_act(in_channels, branch, 1, activation=nn.ReLU))
        else:
            self.branch1 = nn.Sequential()
        self.branch2 = nn.Sequential(
            conv_norm_act(in_channels if stride > 1 else branch, branch, 1, activation=nn.ReLU),
            conv_norm_act(branch, branch, 3, stride, branch, None),
            conv_norm_act(branch, branch, 1, activation=nn.ReLU))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.stride == 1:
            x1, x2 = x.chunk(2, dim=1)
            out = torch.cat((x1, self.branch2(x2)), dim=1)
        else:
            out = torch.cat((self.branch1(x), self.branch2(x)), dim=1)
        return channel_shuffle(out, 2)


class ShuffleNetV2(nn.Module):
    """ShuffleNetV2 x0.5: stages of 4, 8, 4 units, 24-48-96-192-1024 channels."""

    def __init__(self, num_classes: int = 1000) -> None:
        super().__init__()
        self.conv1 = conv_norm_act(3, 24, 3, 2, activation=nn.ReLU)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        in_channels = 24
        stages = []
        for repeats, channels in zip((4, 8, 4), (48, 96, 192)):
            units = [ShuffleUnit(in_channels, channels, 2)]
            units += [ShuffleUnit(channels, channels, 1) for _ in range(repeats - 1)]
            stages.append(nn.Sequential(*units))
            in_channels = channels
        self.stage2, self.stage3, self.stage4 = stages
        self.conv5 = conv_norm_act(in_channels, 1024, 1, activation=nn.ReLU)
        self.fc = nn.Linear(1024, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.maxpool(self.conv1(x))
        x = self.conv5(self.stage4(self.stage3(self.stage2(x))))
        return self.fc(x.mean([2, 3]))


class MBConv(nn.Module):
    """EfficientNet block: expand 1x1 (SiLU), depthwise kxk (SiLU), sigmoid SE, project 1x1."""

    def __init__(self, in_channels: int, out_channels: int, kernel: int, stride: int, expand_ratio: int) -> None:
        super().__init__()
        self.use_res_connect = stride == 1 and in_channels == out_channels
        expanded = make_divisible(in_channels * expand_ratio)
        layers: list[nn.Module] = []
        if expanded != in_channels:
            layers.append(conv_norm_act(in_channels, expanded, 1, activation=nn.SiLU))
        layers.append(conv_norm_act(expanded, expanded, kernel, stride, expanded, activation=nn.SiLU))
        layers.append(SqueezeExcitation(expanded, max(1, in_channels // 4), nn.SiLU, nn.Sigmoid))
        layers.append(conv_norm_act(expanded, out_channels, 1, activation=None))
        self.block = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        result = self.block(x)
        if self.use_res_connect:
            result += x  # stochastic depth is the identity in eval mode
        return result


class EfficientNetB0(nn.Module):
    """EfficientNet-B0: 16 MBConv blocks in 7 stages, SiLU, 1280-channel head."""

    STAGES = ((1, 3, 1, 32, 16, 1), (6, 3, 2, 16, 24, 2), (6, 5, 2, 24, 40, 2), (6, 3, 2, 40, 80, 3),
              (6, 5, 1, 80, 112, 3), (6, 5, 2, 112, 192, 4), (6, 3, 1, 192, 320, 1))

    def __init__(self, num_classes: int = 1000) -> None:
        super().__init__()
        layers: list[nn.Module] = [conv_norm_act(3, 32, 3, 2, activation=nn.SiLU)]
        for expand, kernel, stride, in_channels, out_channels, count in self.STAGES:
            stage = [MBConv(in_channels if index == 0 else out_channels, out_channels, kernel,
                            stride if index == 0 else 1, expand) for index in range(count)]
            layers.append(nn.Sequential(*stage))
        layers.append(conv_norm_act(320, 1280, 1, activation=nn.SiLU))
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Sequential(nn.Dropout(0.2, inplace=True), nn.Linear(1280, num_classes))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.flatten(self.avgpool(self.features(x)), 1)
        return self.classifier(x)
