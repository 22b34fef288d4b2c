"""A zoo of small real models, each with the recipe that quantizes it.

Every entry is a real `nn.Module`, scripted or traced, quantized by torch's own graph
mode API (`prepare_jit`/`convert_jit(debug=True)` for static, `prepare_dynamic_jit`/
`convert_dynamic_jit(debug=True)` for dynamic and fp16), and calibrated on seeded
inputs. The result is the debug module that `torch._C._jit_pass_quant_finalize` would
receive; the differential tests feed it to both finalizers.

`ARCHITECTURES` are real networks (ResNet, MobileNet, Inception, DenseNet, ViT, BERT,
GPT-2, ...; tests/support/architectures) quantized the way their users quantize them:
per-channel weights for the static ones, `quantize_dynamic`-style linears for the text
models.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.ao.quantization import (
    QConfig,
    convert_dynamic_jit,
    convert_jit,
    default_dynamic_qconfig,
    default_per_channel_qconfig,
    default_qconfig,
    float16_dynamic_qconfig,
    prepare_dynamic_jit,
    prepare_jit,
)

import support.architectures as arch


@dataclass(frozen=True)
class ZooModel:
    """One model of the zoo and how to quantize it."""

    name: str
    """Test id."""
    build: Callable[[], nn.Module]
    """Builds the float model; called under a fixed seed, then put in eval mode."""
    input_shapes: tuple[tuple[int, ...], ...]
    """Shapes of the seeded float inputs to `forward`."""
    mode: str = "static"
    """`static`, `dynamic` or `fp16`."""
    frontend: str = "script"
    """`script` or `trace`."""
    preserved_attrs: tuple[str, ...] = ()
    """Passed to finalize: attributes and methods that freezing keeps."""
    upstream_raises: bool = False
    """Torch's finalized module raises at run time (issue 3 point 5)."""
    expect_kinds: tuple[str, ...] = ()
    """Node kinds torch's finalize is known to produce for this model (sanity check of
    the zoo itself: the model really exercises the rule family it is named after)."""
    extra_calls: tuple[str, ...] = ()
    """Other methods of the finalized module to run on the same inputs."""
    qconfig: QConfig = default_qconfig
    """The qconfig of static quantization (dynamic and fp16 use torch's defaults)."""
    vocabulary: int = 0
    """When set, the inputs are token ids below it (text models), not normal floats."""
    slow: bool = False
    """Building and finalizing takes seconds: its tests carry the `slow` marker."""

    @property
    def quant_type(self) -> int:
        """0 = dynamic (also fp16), 1 = static, as torch's QuantType."""
        return 1 if self.mode == "static" else 0


def seeded_inputs(model: ZooModel, seed: int = 0) -> tuple[torch.Tensor, ...]:
    generator = torch.Generator().manual_seed(seed)
    if model.vocabulary:
        return tuple(torch.randint(model.vocabulary, shape, generator=generator) for shape in model.input_shapes)
    return tuple(torch.randn(*shape, generator=generator) for shape in model.input_shapes)


def debug_module(model: ZooModel) -> torch.jit.ScriptModule:
    """The quantized, not yet finalized module: what convert_jit hands to finalize."""
    torch.manual_seed(0)
    float_model = model.build().eval()
    inputs = seeded_inputs(model)
    if model.frontend == "trace":
        scripted = torch.jit.trace(float_model, inputs)
    else:
        scripted = torch.jit.script(float_model)
    if model.mode == "static":
        prepared = prepare_jit(scripted, {"": model.qconfig})
        for seed in range(3):
            prepared(*seeded_inputs(model, seed))
        return convert_jit(prepared, debug=True)
    qconfig = default_dynamic_qconfig if model.mode == "dynamic" else float16_dynamic_qconfig
    prepared = prepare_dynamic_jit(scripted, {"": qconfig})
    prepared(*inputs)
    return convert_dynamic_jit(prepared, debug=True)


# ---------------------------------------------------------------- building blocks


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
    """batch_norm on the (observed) input: after a conv, bn is left for conv-bn folding."""

    def __init__(self, relu: str = "none"):
        super().__init__()
        self.norm = nn.BatchNorm2d(2).eval()
        with torch.no_grad():
            self.norm.running_mean.uniform_(-0.2, 0.2)
            self.norm.running_var.uniform_(0.5, 1.5)
        self.relu = {"none": nn.Identity(), "relu": nn.ReLU(), "relu_": nn.ReLU(inplace=True)}[relu]

    def forward(self, x):
        return self.relu(self.norm(x))


# The functions below become function attributes of the wrappers above; TorchScript
# compiles them and inlines their calls.


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


IMG = ((1, 2, 4, 4),)
SEQ = ((1, 2, 4),)
VOL = ((1, 2, 3, 3, 3),)
VEC = ((2, 4),)


def static(name, build, shapes, *kinds, **options) -> ZooModel:
    return ZooModel(name, build, shapes, expect_kinds=kinds, **options)


def scripted_and_traced(name, build, shapes, *kinds, **options) -> tuple[ZooModel, ZooModel]:
    """`name` scripted and `name_traced` traced: for models whose rules read a constant.

    Tracing records a Python scalar operand as a wrapped-number tensor constant and
    literal arguments as plain constants; scripting keeps scalars typed as numbers. A
    rule that reads a constant must agree with torch on both.
    """
    return (static(name, build, shapes, *kinds, **options),
            static(f"{name}_traced", build, shapes, *kinds, frontend="trace", **options))


ZOO: tuple[ZooModel, ...] = (
    # conv / linear families
    static("conv1d", lambda: nn.Conv1d(2, 2, 3), SEQ, "quantized::conv1d"),
    static("conv1d_relu", lambda: nn.Sequential(nn.Conv1d(2, 2, 3), nn.ReLU()), SEQ,
           "quantized::conv1d_relu", frontend="trace"),
    static("conv2d", conv2, IMG, "quantized::conv2d", frontend="trace"),
    static("conv2d_relu", lambda: nn.Sequential(conv2(), nn.ReLU()), IMG, "quantized::conv2d_relu"),
    static("conv2d_relu_inplace", lambda: nn.Sequential(conv2(), nn.ReLU(inplace=True)), IMG,
           "quantized::conv2d_relu"),
    static("conv3d", lambda: nn.Conv3d(2, 2, 3, padding=1), VOL, "quantized::conv3d"),
    static("conv3d_relu", lambda: nn.Sequential(nn.Conv3d(2, 2, 3, padding=1), nn.ReLU()), VOL,
           "quantized::conv3d_relu", frontend="trace"),
    static("conv_transpose1d", lambda: nn.ConvTranspose1d(2, 2, 3), SEQ, "quantized::conv_transpose1d"),
    static("conv_transpose2d", lambda: nn.ConvTranspose2d(2, 2, 3), IMG, "quantized::conv_transpose2d",
           frontend="trace"),
    static("linear", lambda: nn.Linear(4, 3), VEC, "quantized::linear"),
    static("linear_relu", lambda: nn.Sequential(nn.Linear(4, 3), nn.ReLU()), VEC, "quantized::linear_relu",
           frontend="trace"),
    static("linear_then_relu_", lambda: nn.Sequential(nn.Linear(4, 3), Fn(relu_)), VEC, "quantized::linear"),
    # binary ops: the add rules read alpha, the scalar rules read the scalar operand
    *scripted_and_traced("add", Add, IMG, "quantized::add"),
    *scripted_and_traced("add_relu", AddRelu, IMG, "quantized::add_relu"),
    *scripted_and_traced("add__relu_", AddInplaceRelu_, IMG, "quantized::add_relu"),
    *scripted_and_traced("add_alpha2", AddAlpha2, IMG, "aten::add"),
    *scripted_and_traced("add_alpha_float1", AddAlphaFloat1, IMG, "aten::add"),
    *scripted_and_traced("add_scalar", conv_then(add_scalar), IMG, "quantized::add_scalar"),
    *scripted_and_traced("add_scalar_int", conv_then(add_scalar_int), IMG, "quantized::add_scalar"),
    *scripted_and_traced("add_scalar_reflected", conv_then(add_scalar_reflected), IMG, "quantized::add_scalar"),
    *scripted_and_traced("add_scalar_relu", conv_then(add_scalar_relu), IMG, "quantized::add_scalar_relu"),
    *scripted_and_traced("add_scalar_method_relu_", conv_then(add_scalar_method_relu_), IMG,
                         "quantized::add_scalar_relu"),
    *scripted_and_traced("add_scalar_inplace", conv_then(add_scalar_inplace), IMG, "quantized::add_scalar_out"),
    *scripted_and_traced("add_scalar_inplace_relu_", conv_then(add_scalar_inplace_relu_), IMG,
                         "quantized::add_scalar_relu_out"),
    *scripted_and_traced("add_non_scalar_b", AddTensorAttr, IMG, "aten::add"),
    static("mul", Mul, IMG, "quantized::mul"),
    static("mul_relu", MulRelu, IMG, "quantized::mul_relu"),
    static("mul__relu_", MulInplaceRelu_, IMG, "quantized::mul_relu"),
    *scripted_and_traced("mul_scalar", conv_then(mul_scalar), IMG, "quantized::mul_scalar"),
    *scripted_and_traced("mul_scalar_negative", conv_then(mul_scalar_negative), IMG, "quantized::mul_scalar"),
    *scripted_and_traced("mul_scalar_int_reflected", conv_then(mul_scalar_int_reflected), IMG,
                         "quantized::mul_scalar"),
    *scripted_and_traced("mul_scalar_relu", conv_then(mul_scalar_relu), IMG, "quantized::mul_scalar_relu"),
    *scripted_and_traced("mul_scalar_relu_", conv_then(mul_scalar_relu_), IMG, "quantized::mul_scalar_relu"),
    *scripted_and_traced("mul_scalar_inplace", conv_then(mul_scalar_inplace), IMG, "quantized::mul_scalar_out"),
    *scripted_and_traced("mul_scalar_inplace_relu", conv_then(mul_scalar_inplace_relu), IMG,
                         "quantized::mul_scalar_relu_out"),
    static("cat", Cat, IMG, "quantized::cat"),
    # normalization and activations with observed output qparams
    static("batch_norm", BatchNorm, IMG, "quantized::batch_norm"),
    static("batch_norm_relu", lambda: BatchNorm("relu"), IMG, "quantized::batch_norm_relu"),
    static("batch_norm_relu_", lambda: BatchNorm("relu_"), IMG, "quantized::batch_norm_relu", frontend="trace"),
    static("layer_norm", lambda: Norms("layer_norm"), IMG, "quantized::layer_norm"),
    static("group_norm", lambda: Norms("group_norm"), IMG, "quantized::group_norm"),
    static("instance_norm", lambda: Norms("instance_norm"), IMG, "quantized::instance_norm"),
    static("elu", conv_then(F.elu), IMG, "quantized::elu"),
    static("elu_", Elu_, IMG, "quantized::elu"),
    static("hardswish", conv_then(F.hardswish), IMG, "quantized::hardswish"),
    static("hardswish_", lambda: nn.Sequential(conv2(), nn.Hardswish(inplace=True)), IMG, "quantized::hardswish",
           frontend="trace"),
    # ops that inherit qparams from their input
    static("max_pool2d", conv_then(max_pool2d), IMG, "aten::max_pool2d"),
    static("avg_pool2d", conv_then(avg_pool2d), IMG, "aten::avg_pool2d"),
    static("avg_pool3d", conv_then(avg_pool3d, 3), VOL, "aten::avg_pool3d"),
    static("adaptive_avg_pool2d", conv_then(adaptive_avg_pool2d), IMG, "aten::adaptive_avg_pool2d",
           frontend="trace"),
    static("adaptive_avg_pool1d", conv_then(adaptive_avg_pool1d, 1), SEQ, "aten::adaptive_avg_pool1d"),
    static("mean", conv_then(mean_dims), IMG, "aten::mean"),
    static("mean_all", conv_then(mean_all), IMG, "aten::mean"),
    static("leaky_relu", conv_then(leaky_relu), IMG, "aten::leaky_relu"),
    static("leaky_relu_", conv_then(leaky_relu_), IMG, "aten::leaky_relu_"),
    static("upsample_nearest2d_vec", conv_then(interpolate_nearest), IMG, "aten::upsample_nearest2d",
           frontend="trace"),
    static("upsample_bilinear2d_vec", conv_then(interpolate_bilinear), IMG, "aten::upsample_bilinear2d",
           frontend="trace"),
    static("upsample_nearest3d_vec", conv_then(interpolate_nearest, 3), VOL, "aten::upsample_nearest3d",
           frontend="trace"),
    static("interpolate_scripted", conv_then(interpolate_nearest), IMG, upstream_raises=True),
    static("upsample_nearest2d", conv_then(upsample_nearest2d), IMG, "aten::upsample_nearest2d"),
    static("upsample_bilinear2d", conv_then(upsample_bilinear2d), IMG, "aten::upsample_bilinear2d"),
    static("upsample_nearest3d", conv_then(upsample_nearest3d, 3), VOL, "aten::upsample_nearest3d"),
    # upstream fuses these into ops without a QuantizedCPU kernel (issue 3 point 5)
    static("upsample_nearest1d_vec", conv_then(interpolate_nearest, 1), SEQ, upstream_raises=True),
    static("upsample_linear1d_vec", conv_then(interpolate_linear, 1), SEQ, upstream_raises=True),
    static("upsample_trilinear3d_vec", conv_then(interpolate_trilinear, 3), VOL, upstream_raises=True),
    static("upsample_nearest1d", conv_then(upsample_nearest1d, 1), SEQ, upstream_raises=True),
    static("upsample_linear1d", conv_then(upsample_linear1d, 1), SEQ, upstream_raises=True),
    static("upsample_trilinear3d", conv_then(upsample_trilinear3d, 3), VOL, upstream_raises=True),
    *scripted_and_traced("sigmoid_", conv_then(sigmoid_), IMG, upstream_raises=True),
    *scripted_and_traced("tanh_", conv_then(tanh_), IMG, upstream_raises=True),
    static("interpolate_in_if", InterpolateInIf, IMG, upstream_raises=True),
    # clamp family (the rules read the bounds' dtype and None literals) and
    # fixed-qparams activations (the rules read the scale, zero point and dtype literals)
    *scripted_and_traced("clamp", Clamp, IMG, "aten::clamp"),
    *scripted_and_traced("hardtanh", Hardtanh, IMG, "aten::hardtanh"),
    *scripted_and_traced("hardtanh_", Hardtanh_, IMG, "aten::hardtanh_"),
    *scripted_and_traced("sigmoid", conv_then(torch.sigmoid), IMG, "aten::sigmoid"),
    *scripted_and_traced("hardsigmoid", conv_then(F.hardsigmoid), IMG, "aten::hardsigmoid"),
    *scripted_and_traced("hardsigmoid_", conv_then(hardsigmoid_), IMG, "aten::hardsigmoid_"),
    *scripted_and_traced("tanh", conv_then(torch.tanh), IMG, "aten::tanh"),
    # structure: nesting, shared class types, control flow, methods, attributes
    static("nested", Nested, IMG, "quantized::conv2d_relu", "quantized::add", "quantized::linear"),
    static("shared_types", Shared, IMG, "quantized::conv2d_relu", "quantized::linear"),
    static("shared_types_traced", Shared, IMG, "quantized::conv2d_relu", frontend="trace"),
    static("if_branch", IfBranch, IMG, "prim::If", "quantized::conv2d_relu"),
    static("loop", Loop, IMG, "prim::Loop"),
    static("two_methods", TwoMethods, IMG, "quantized::conv2d_relu", preserved_attrs=("doubled",),
           extra_calls=("doubled",)),
    static("preserved_attr", Attr, VEC, "prim::GetAttr", "quantized::linear", preserved_attrs=("steps",)),
    static("conv_used_twice", ConvUsedTwice, IMG, "quantized::conv2d"),
    # dynamic and fp16
    ZooModel("dynamic_linear", DynMLP, VEC, mode="dynamic", expect_kinds=("quantized::linear_dynamic",)),
    ZooModel("dynamic_linear_traced", DynMLP, VEC, mode="dynamic", frontend="trace",
             expect_kinds=("quantized::linear_dynamic",)),
    ZooModel("dynamic_shared", Shared, IMG, mode="dynamic", expect_kinds=("quantized::linear_dynamic",)),
    ZooModel("fp16_linear", DynMLP, VEC, mode="fp16", expect_kinds=("quantized::linear_dynamic_fp16",)),
    ZooModel("fp16_linear_traced", DynMLP, VEC, mode="fp16", frontend="trace",
             expect_kinds=("quantized::linear_dynamic_fp16",)),
)


def architecture(name, build, shape, *kinds, **options) -> ZooModel:
    """A real network: per-channel static quantization unless `mode` says otherwise."""
    return ZooModel(name, build, (shape,), qconfig=default_per_channel_qconfig, expect_kinds=kinds, **options)


PICTURE = (1, 3, 32, 32)
TOKENS = (1, 16)

ARCHITECTURES: tuple[ZooModel, ...] = (
    architecture("resnet18", arch.quantizable_resnet18, PICTURE, "quantized::conv2d_relu", "quantized::add_relu"),
    architecture("resnet18_traced", arch.quantizable_resnet18, PICTURE, "quantized::add_relu", frontend="trace",
                 slow=True),
    architecture("resnet18_dynamic", arch.quantizable_resnet18, PICTURE, "quantized::linear_dynamic",
                 mode="dynamic"),
    architecture("resnet50", arch.quantizable_resnet50, PICTURE, "quantized::conv2d_relu", "quantized::add_relu"),
    architecture("resnext101_32x8d", arch.resnext101_32x8d, PICTURE, "quantized::conv2d_relu", "quantized::add_relu",
                 slow=True),
    architecture("mobilenet_v2", arch.MobileNetV2, PICTURE, "quantized::conv2d", "quantized::add"),
    architecture("mobilenet_v2_traced", arch.MobileNetV2, PICTURE, "quantized::conv2d", frontend="trace", slow=True),
    architecture("mobilenet_v3_small", arch.MobileNetV3Small, PICTURE, "quantized::hardswish", "aten::hardsigmoid",
                 "quantized::mul"),
    architecture("shufflenet_v2", arch.ShuffleNetV2, (1, 3, 64, 64), "quantized::cat", "aten::transpose"),
    architecture("googlenet", arch.GoogLeNet, PICTURE, "quantized::conv2d_relu", "quantized::cat"),
    architecture("inception_v3", arch.InceptionV3, (1, 3, 75, 75), "quantized::conv2d_relu", "quantized::cat"),
    architecture("densenet121", arch.DenseNet121, PICTURE, "quantized::batch_norm_relu", "quantized::cat"),
    architecture("densenet121_traced", arch.DenseNet121, PICTURE, "quantized::batch_norm_relu", frontend="trace",
                 slow=True),
    architecture("efficientnet_b0", arch.EfficientNetB0, PICTURE, "quantized::conv2d", "aten::silu"),
    architecture("convnext_tiny", arch.ConvNeXtTiny, PICTURE, "quantized::linear", "quantized::layer_norm"),
    architecture("vit_tiny", arch.VisionTransformer, (1, 3, 64, 64), "quantized::linear", "aten::softmax"),
    architecture("vit_tiny_traced", arch.VisionTransformer, (1, 3, 64, 64), "quantized::linear", frontend="trace",
                 slow=True),
    architecture("r3d_18", arch.r3d_18, (1, 3, 4, 32, 32), "quantized::conv3d_relu", "quantized::add_relu"),
    architecture("bert", arch.BertEncoder, TOKENS, "quantized::linear_dynamic", mode="dynamic",
                 vocabulary=arch.VOCABULARY),
    architecture("bert_traced", arch.BertEncoder, TOKENS, "quantized::linear_dynamic", mode="dynamic",
                 frontend="trace", vocabulary=arch.VOCABULARY),
    architecture("distilbert", arch.DistilBert, TOKENS, "quantized::linear_dynamic", mode="dynamic",
                 vocabulary=arch.VOCABULARY),
    architecture("gpt2_traced", arch.Gpt2, TOKENS, "quantized::linear_dynamic", mode="dynamic", frontend="trace",
                 vocabulary=arch.VOCABULARY),
)
"""Real networks (see tests/support/architectures), as their users quantize them."""

ZOO = ZOO + ARCHITECTURES

ZOO_BY_NAME = {model.name: model for model in ZOO}
