"""Scriptable functions of one tensor for the model zoo's wrappers (`modules.conv_then`,
`modules.Fn`): TorchScript compiles them as function attributes and inlines their calls.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F


def add_scalar(x):
    return x + 0.5


def add_scalar_int(x):
    return x + 2


def add_scalar_reflected(x):
    return 2 + x


def add_scalar_relu(x):
    return F.relu(x + 0.5)


def add_scalar_method_relu_(x):
    return torch.add(x, 1.5).relu_()


def add_scalar_inplace(x):
    return x.add_(1.0)


def add_scalar_inplace_relu_(x):
    x += 0.5
    return F.relu(x, inplace=True)


def add_scalar_inplace_relu(x):
    x += 0.5
    return F.relu(x)


def mul_scalar_inplace_relu_(x):
    x *= 0.5
    return torch.relu_(x)


def mul_scalar(x):
    return x * 2.0


def mul_scalar_negative(x):
    return x * -2.0


def mul_scalar_int_reflected(x):
    return 3 * x


def mul_scalar_relu(x):
    return F.relu(x * 2.0)


def mul_scalar_relu_(x):
    return torch.relu_(x * 3)


def mul_scalar_inplace(x):
    x *= 0.5
    return x


def mul_scalar_inplace_relu(x):
    x *= 0.5
    return F.relu(x)


def max_pool2d(x):
    return F.max_pool2d(x, 2)


def avg_pool2d(x):
    return F.avg_pool2d(x, 2)


def avg_pool3d(x):
    return F.avg_pool3d(x, 2)


def adaptive_avg_pool2d(x):
    return F.adaptive_avg_pool2d(x, 2)


def adaptive_avg_pool1d(x):
    return F.adaptive_avg_pool1d(x, 2)


def mean_dims(x):
    return torch.mean(x, [2, 3])


def mean_all(x):
    return torch.mean(x)


def mean_all_float(x):
    return torch.mean(x, dtype=torch.float)


def mean_dims_float(x):
    return torch.mean(x, [2, 3], dtype=torch.float)


def leaky_relu(x):
    return F.leaky_relu(x, 0.1)


def leaky_relu_(x):
    return F.leaky_relu(x, 0.1, inplace=True)


def interpolate_nearest(x):
    return F.interpolate(x, scale_factor=2.0)


def interpolate_linear(x):
    return F.interpolate(x, scale_factor=2.0, mode="linear")


def interpolate_bilinear(x):
    return F.interpolate(x, size=[6, 6], mode="bilinear", align_corners=False)


def interpolate_trilinear(x):
    return F.interpolate(x, scale_factor=2.0, mode="trilinear")


def upsample_nearest1d(x):
    return torch._C._nn.upsample_nearest1d(x, [8], None)


def upsample_linear1d(x):
    return torch._C._nn.upsample_linear1d(x, [8], False, None)


def upsample_nearest2d(x):
    return torch._C._nn.upsample_nearest2d(x, [8, 8], None, None)


def upsample_bilinear2d(x):
    return torch._C._nn.upsample_bilinear2d(x, [8, 8], False, None, None)


def upsample_nearest3d(x):
    return torch._C._nn.upsample_nearest3d(x, [6, 6, 6], None, None, None)


def upsample_trilinear3d(x):
    return torch._C._nn.upsample_trilinear3d(x, [6, 6, 6], False, None, None, None)


def hardsigmoid_(x):
    return F.hardsigmoid(x, inplace=True)


def sigmoid_(x):
    return x.sigmoid_()


def tanh_(x):
    return x.tanh_()


def relu_(x):
    return torch.relu_(x)


def avg_pool1d(x):
    return F.avg_pool1d(x, 2)


def adaptive_avg_pool3d(x):
    return F.adaptive_avg_pool3d(x, 2)
