"""The small real modules of the model zoo (tests/support/models.py): one op family each,
or one structure (nesting, shared class types, control flow, methods, attributes)."""

from __future__ import annotations

from typing import Callable

import torch
import torch.nn as nn
import torch.nn.functional as F


class Fn(nn.Module):
    """A module around a scriptable function of one tensor."""

    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def forward(self, x):
        return self.fn(x)


def conv2(c_in: int = 2, c_out: int = 2) -> nn.Conv2d:
    return nn.Conv2d(c_in, c_out, 3, padding=1)


class ConvThen(nn.Module):
    """A convolution followed by one function (the function sees a quantized input)."""

    def __init__(self, fn, conv: nn.Module):
        super().__init__()
        self.conv = conv
        self.fn = fn

    def forward(self, x):
        return self.fn(self.conv(x))


_SPECIALIZED: dict[tuple[type, str], type] = {}


def specialized(cls: type, fn: Callable, *args) -> nn.Module:
    """An instance of a subclass of `cls` made for `fn` alone.

    TorchScript shares one class type between instances of a class whose function
    attributes differ, and then refuses to compile the second `forward`; one subclass
    per function gives each its own type.
    """
    key = (cls, fn.__name__)
    if key not in _SPECIALIZED:
        _SPECIALIZED[key] = type(f"{cls.__name__}_{fn.__name__}", (cls,), {})
    return _SPECIALIZED[key](fn, *args)


def conv_then(fn, dims: int = 2):
    """Builder of conv{dims}d followed by `fn`."""
    make_conv = {1: nn.Conv1d, 2: nn.Conv2d, 3: nn.Conv3d}[dims]
    return lambda: specialized(ConvThen, fn, make_conv(2, 2, 3, padding=1))


class Binary(nn.Module):
    """Two convs, so both operands of the binary op in `forward` are quantized.

    The op must be written in `forward` itself: observers are inserted before calls
    to function attributes are inlined, so an op inside such a function stays float.
    """

    def __init__(self):
        super().__init__()
        self.a = conv2()
        self.b = conv2()


class Add(Binary):
    def forward(self, x):
        return self.a(x) + self.b(x)


class AddRelu(Binary):
    def forward(self, x):
        return F.relu(self.a(x) + self.b(x))


class AddInplaceRelu_(Binary):
    def forward(self, x):
        return torch.relu_(self.a(x).add_(self.b(x)))


class AddAlpha2(Binary):
    def forward(self, x):
        return torch.add(self.a(x), self.b(x), alpha=2)


class AddAlphaFloat1(Binary):
    def forward(self, x):
        return torch.add(self.a(x), self.b(x), alpha=1.0)


class Mul(Binary):
    def forward(self, x):
        return self.a(x) * self.b(x)


class MulRelu(Binary):
    def forward(self, x):
        return F.relu(self.a(x) * self.b(x))


class MulInplaceRelu_(Binary):
    def forward(self, x):
        return torch.relu_(self.a(x).mul_(self.b(x)))


class Cat(Binary):
    def forward(self, x):
        return torch.cat([self.a(x), self.b(x)], 1)


class Unary(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = conv2()


class Elu_(Unary):
    def forward(self, x):
        return F.elu(self.conv(x), inplace=True)


class Clamp(Unary):
    def forward(self, x):
        return torch.clamp(self.conv(x), -0.5, 0.5)


class Hardtanh(Unary):
    def forward(self, x):
        return F.hardtanh(self.conv(x), -0.5, 0.5)


class Hardtanh_(Unary):
    def forward(self, x):
        return F.hardtanh(self.conv(x), -0.5, 0.5, inplace=True)


class ConvUsedTwice(nn.Module):
    """Negative case: the conv output feeds relu and add, so conv+relu must not fuse."""

    def __init__(self):
        super().__init__()
        self.conv = conv2()

    def forward(self, x):
        y = self.conv(x)
        return F.relu(y) + y


class AddTensorAttr(nn.Module):
    """Negative case for add_scalar: `b` is a float tensor that is not 0-dim."""

    def __init__(self):
        super().__init__()
        self.conv = conv2()
        self.register_buffer("offset", torch.full((1, 2, 1, 1), 0.25))

    def forward(self, x):
        return self.conv(x) + self.offset


class Sub(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = conv2()
        self.relu = nn.ReLU()

    def forward(self, x):
        return self.relu(self.conv(x))


class Shared(nn.Module):
    """Two instances of one submodule class: TorchScript gives them one class type."""

    def __init__(self):
        super().__init__()
        self.first = Sub()
        self.second = Sub()
        self.fc = nn.Linear(2 * 4 * 4, 3)

    def forward(self, x):
        y = self.second(self.first(x))
        return self.fc(y.flatten(1))


class Nested(nn.Module):
    """Three levels of submodules, mixed conv / linear / residual add."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(conv2(), nn.ReLU())
        self.block = nn.ModuleDict({"inner": Sub(), "proj": conv2()})
        self.head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(2, 3))

    def forward(self, x):
        y = self.stem(x)
        y = self.block["inner"](y) + self.block["proj"](y)
        return self.head(y)


class IfBranch(nn.Module):
    """Data-dependent `if`: fused ops must stay inside their branch."""

    def __init__(self):
        super().__init__()
        self.conv = conv2()
        self.left = conv2()
        self.right = conv2()

    def forward(self, x):
        y = self.conv(x)
        if bool(x.sum() > 0):
            y = F.relu(self.left(y))
        else:
            y = self.right(y) + y
        return y


class Loop(nn.Module):
    """A `for` loop whose body holds quantized ops."""

    def __init__(self):
        super().__init__()
        self.conv = conv2()

    def forward(self, x):
        y = self.conv(x)
        for _ in range(x.size(0) + 1):
            y = F.max_pool2d(y, 1) * 2.0
        return y


class InterpolateInIf(nn.Module):
    """Upstream hoists the fused upsample out of the branch; the module then raises."""

    def __init__(self):
        super().__init__()
        self.conv = conv2()

    def forward(self, x):
        y = self.conv(x)
        if bool(x.sum() > 0):
            y = F.interpolate(y, scale_factor=2.0, mode="nearest")
        else:
            y = F.interpolate(y, scale_factor=3.0, mode="nearest")
        return y


class TwoMethods(nn.Module):
    """forward plus an exported method kept through freezing by preserved_attrs."""

    def __init__(self):
        super().__init__()
        self.conv = conv2()
        self.gain = 3

    def forward(self, x):
        return F.relu(self.conv(x)) * float(self.gain)

    @torch.jit.export
    def doubled(self, x):
        return x * float(self.gain) * 2.0


class Attr(nn.Module):
    """An attribute preserved by freezing stays a prim::GetAttr."""

    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)
        self.steps = 2

    def forward(self, x):
        y = self.fc(x)
        for _ in range(self.steps):
            y = F.relu(y)
        return y


class DynMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 8)
        self.fc2 = nn.Linear(8, 3)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))


class Norms(nn.Module):
    def __init__(self, kind: str):
        super().__init__()
        self.conv = conv2(2, 4)
        self.norm = {
            "layer_norm": nn.LayerNorm([4, 4, 4]),
            "group_norm": nn.GroupNorm(2, 4),
            "instance_norm": nn.InstanceNorm2d(4, affine=True),
        }[kind]

    def forward(self, x):
        return self.norm(self.conv(x))


class BatchNorm(nn.Module):
    """batch_norm on the (observed) input: after a conv, bn is left for conv-bn folding.
    `options` go to `nn.BatchNorm2d` (`affine=False`: no weight and bias;
    `track_running_stats=False`: no running statistics)."""

    def __init__(self, relu: str = "none", **options):
        super().__init__()
        self.norm = nn.BatchNorm2d(2, **options).eval()
        if self.norm.track_running_stats:
            with torch.no_grad():
                self.norm.running_mean.uniform_(-0.2, 0.2)
                self.norm.running_var.uniform_(0.5, 1.5)
        self.relu = {"none": nn.Identity(), "relu": nn.ReLU(), "relu_": nn.ReLU(inplace=True)}[relu]

    def forward(self, x):
        return self.relu(self.norm(x))


class AddRelu_(Binary):
    def forward(self, x):
        return torch.relu_(self.a(x) + self.b(x))


class AddInplace(Binary):
    def forward(self, x):
        y = self.a(x)
        y += self.b(x)
        return y


class AddInplaceRelu(Binary):
    def forward(self, x):
        y = self.a(x)
        y += self.b(x)
        return F.relu(y)


class MulRelu_(Binary):
    def forward(self, x):
        return torch.relu_(self.a(x) * self.b(x))


class MulInplaceRelu(Binary):
    def forward(self, x):
        y = self.a(x)
        y *= self.b(x)
        return F.relu(y)


class MulInplace(Binary):
    def forward(self, x):
        y = self.a(x)
        y *= self.b(x)
        return y


class LinearRelu_(nn.Module):
    """`torch.relu_` written in `forward` (a function attribute would stay float)."""

    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 3)

    def forward(self, x):
        return torch.relu_(self.fc(x))


class CountsCalls(nn.Module):
    """forward writes to a buffer: freezing keeps it an attribute of the frozen module,
    which must not write to the caller's tensor (finalize shares the caller's parameters
    and buffers with its working copy)."""

    def __init__(self):
        super().__init__()
        self.conv = conv2()
        self.fc = nn.Linear(64, 256)
        self.register_buffer("calls", torch.zeros(8))

    def forward(self, x):
        self.calls.add_(1.0)
        return self.fc(self.conv(x).flatten(1).repeat(1, 2)) + self.calls[0]


class LargeWeights(nn.Module):
    """Weights shared with the caller, one of them preserved by freezing."""

    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(128, 256)
        self.table = nn.Parameter(torch.randn(256, 128))

    def forward(self, x):
        return self.fc(x) + (x @ self.table.t())


class ScalarInplaceReadLater(Unary):
    """`y = x; x op= 0.5; relu(x) + y`: `y` is `x` itself, read after the in-place ops: it
    holds x op 0.5 (after `relu(x, inplace=True)`, the relu of that)."""


class AddScalarInplaceReluReadLater(ScalarInplaceReadLater):
    def forward(self, x):
        x = self.conv(x)
        y = x
        x += 0.5
        return F.relu(x) + y


class AddScalarInplaceRelu_ReadLater(ScalarInplaceReadLater):
    def forward(self, x):
        x = self.conv(x)
        y = x
        x += 0.5
        return F.relu(x, inplace=True) + y


class MulScalarInplaceReluReadLater(ScalarInplaceReadLater):
    def forward(self, x):
        x = self.conv(x)
        y = x
        x *= 0.5
        return F.relu(x) + y


class MulScalarInplaceRelu_ReadLater(ScalarInplaceReadLater):
    def forward(self, x):
        x = self.conv(x)
        y = x
        x *= 0.5
        return F.relu(x, inplace=True) + y


class Misses(nn.Module):
    """Quantized by torch's graph mode API; two places no shipped rule fuses."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 2, 3, padding=1)
        self.conv2 = nn.Conv2d(2, 2, 3, padding=1)

    def forward(self, x):
        y = self.conv(x)
        doubled = torch.add(y, y, alpha=2)
        clipped = F.hardtanh(self.conv2(doubled), -0.5, 0.5)
        return F.relu(clipped)


class TwoConsumers(nn.Module):
    """Written in the form convert_jit(debug=True) emits, with the conv's float output
    feeding both the relu and a mean: graph mode quantization itself would observe
    (and so quantize) such a conv output, which is why this one is written by hand."""

    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(2, 2, 3, 3), requires_grad=False)
        self.bias = nn.Parameter(torch.randn(2), requires_grad=False)

    def forward(self, x):
        xq = torch.quantize_per_tensor(x, 0.05, 128, torch.quint8)
        wq = torch.quantize_per_tensor(self.weight, 0.01, 0, torch.qint8)
        y = F.conv2d(xq.dequantize(), wq.dequantize(), self.bias, 1, 1, 1, 1)
        r = torch.quantize_per_tensor(torch.relu(y), 0.05, 0, torch.quint8)
        return r.dequantize() + y.mean()
