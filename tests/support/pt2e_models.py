"""A zoo of small models as users write them, quantized by torchao's PT2E x86 flow.

Each entry is a float `nn.Module` with seeded example inputs. `converted_module` runs
the documented PT2E recipe (`torch.export` → `prepare_pt2e` with
`X86InductorQuantizer` → fixed calibration → `convert_pt2e`) and returns the reference
GraphModule that a lowering pass receives: `dequantize → float op → quantize` with int8
weight constants. Everything is seeded, so two calls give identical graphs and qparams.
The models are tiny on purpose: the zoo has to quantize and lower in seconds.
"""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import torch
import torch.nn as nn

CALIBRATION_BATCHES = 4
"""Seeded batches fed to the prepared model, after the example inputs themselves."""


@dataclass(frozen=True)
class Pt2eModel:
    """One float model of the zoo and how its inputs look."""

    name: str
    """Test id."""
    build: Callable[[], nn.Module]
    """Builds the float model; called under `torch.manual_seed(0)`, then `eval()`."""
    input_shapes: tuple[tuple[int, ...], ...]
    """Shapes of the seeded float example inputs to `forward`."""
    config: str = "static"
    """x86 quantization config: `static`, `reduce_range` (static, activations in 0..127),
    `dynamic` (int8 activations with per-batch qparams) or `dynamic_fp16` (fp16 weights,
    float activations)."""
    dynamic_batch: bool = False
    """Exported with a symbolic batch dimension (`torch.export.Dim`) on every input."""
    float_modules: tuple[str, ...] = ()
    """Submodules the quantizer is told to leave float (`set_module_name_qconfig(name, None)`)."""
    exercises: str = ""
    """What this model is in the zoo for: the fusion family, or why fusion must not fire."""


# ---------------------------------------------------------------- building blocks


class ConvAct(nn.Module):
    """conv{1,2,3}d, then an optional activation module, then an optional 1x1 conv.

    The trailing conv makes the activation's output quantized (int8 out); without it
    the model ends in float, which is a different fusion family.
    """

    def __init__(self, act: nn.Module | None = None, dims: int = 2, depthwise: bool = False,
                 tail: bool = False, channels: int = 4):
        super().__init__()
        conv = {1: nn.Conv1d, 2: nn.Conv2d, 3: nn.Conv3d}[dims]
        self.conv = conv(channels, channels, 3, padding=1, groups=channels if depthwise else 1)
        self.act = act if act is not None else nn.Identity()
        self.tail = conv(channels, channels, 1) if tail else nn.Identity()

    def forward(self, x):
        return self.tail(self.act(self.conv(x)))


class TwoConvAdd(nn.Module):
    """Two convs of the same input summed: the accumulator is another conv's output."""

    def __init__(self, relu: bool = False, alpha: float = 1.0):
        super().__init__()
        self.conv_a = nn.Conv2d(3, 4, 3, padding=1)
        self.conv_b = nn.Conv2d(3, 4, 3, padding=1)
        self.relu = nn.ReLU() if relu else nn.Identity()
        self.alpha = alpha

    def forward(self, x):
        if self.alpha != 1.0:
            return self.relu(torch.add(self.conv_a(x), self.conv_b(x), alpha=self.alpha))
        return self.relu(self.conv_a(x) + self.conv_b(x))


class ResidualBlock(nn.Module):
    """A ResNet basic block after a stem: the accumulator is the block's quantized input."""

    def __init__(self, relu_after_add: bool = True, tail: bool = False, channels: int = 4):
        super().__init__()
        self.stem = nn.Conv2d(3, channels, 3, padding=1)
        self.relu = nn.ReLU()
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1)
        self.relu1 = nn.ReLU()
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1)
        self.relu2 = nn.ReLU() if relu_after_add else nn.Identity()
        self.tail = nn.Conv2d(channels, channels, 1) if tail else nn.Identity()

    def forward(self, x):
        identity = self.relu(self.stem(x))
        return self.tail(self.relu2(self.conv2(self.relu1(self.conv1(identity))) + identity))


class ConvAddInput(nn.Module):
    """`conv(x) + x`: the accumulator is the float model input itself."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, x):
        return self.conv(x) + x


class ConvFlattenLinear(nn.Module):
    """A classifier head written the short way: conv → relu → flatten → linear."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.relu = nn.ReLU()
        self.fc = nn.Linear(4 * 6 * 6, 5)

    def forward(self, x):
        return self.fc(torch.flatten(self.relu(self.conv(x)), 1))


class ConvInplaceActivations(nn.Module):
    """MobileNet-style convs with in-place activations: relu_, hardswish_, silu_, relu6 (hardtanh_)."""

    def __init__(self):
        super().__init__()
        self.convs = nn.ModuleList(nn.Conv2d(4, 4, 3, padding=1) for _ in range(5))
        self.acts = nn.ModuleList([nn.ReLU(inplace=True), nn.Hardswish(inplace=True), nn.SiLU(inplace=True),
                                   nn.ReLU6(inplace=True)])

    def forward(self, x):
        for conv, act in zip(self.convs, self.acts):
            x = act(conv(x))
        return self.convs[-1](x)


class BasicBlock(nn.Module):
    """torchvision's ResNet BasicBlock after a stem: `out += identity`, in-place relus.

    One ReLU module per use: with torchvision's single shared `self.relu`, the x86
    quantizer raises ("Input partition has more than one output node")."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 4, 3, padding=1)
        self.relu0 = nn.ReLU(inplace=True)
        self.conv1 = nn.Conv2d(4, 4, 3, padding=1)
        self.relu1 = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(4, 4, 3, padding=1)
        self.relu2 = nn.ReLU(inplace=True)
        self.tail = nn.Conv2d(4, 4, 1)

    def forward(self, x):
        identity = self.relu0(self.stem(x))
        out = self.conv2(self.relu1(self.conv1(identity)))
        out += identity
        return self.tail(self.relu2(out))


class IdentityFirstResidual(nn.Module):
    """`identity + conv(...)`: the accumulator is the add's first operand."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 4, 3, padding=1)
        self.relu = nn.ReLU()
        self.conv = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, x):
        identity = self.relu(self.stem(x))
        return identity + self.conv(identity)


class ConvViewLinear(nn.Module):
    """A classifier head written with `view`: conv → relu → view(batch, -1) → linear."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.relu = nn.ReLU()
        self.fc = nn.Linear(4 * 6 * 6, 5)

    def forward(self, x):
        y = self.relu(self.conv(x))
        return self.fc(y.view(y.shape[0], -1))


class ResidualViewLinear(nn.Module):
    """A residual block whose float output is flattened with `view` for a linear head."""

    def __init__(self):
        super().__init__()
        self.block = ResidualBlock()
        self.fc = nn.Linear(4 * 6 * 6, 5)

    def forward(self, x):
        y = self.block(x)
        return self.fc(y.view(y.shape[0], -1))


class ConvPool(nn.Module):
    """conv → relu → pool → conv, or with `head` pool → flatten → linear."""

    def __init__(self, pool: nn.Module, head: bool = False):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.relu = nn.ReLU()
        self.pool = pool
        self.tail = nn.Sequential(nn.Flatten(), nn.Linear(4, 5)) if head else nn.Conv2d(4, 4, 1)

    def forward(self, x):
        return self.tail(self.pool(self.relu(self.conv(x))))


class ConvCat(nn.Module):
    """Two conv branches concatenated on channels, then a conv over the result."""

    def __init__(self):
        super().__init__()
        self.conv_a = nn.Conv2d(3, 4, 3, padding=1)
        self.relu = nn.ReLU()
        self.conv_b = nn.Conv2d(3, 4, 1)
        self.conv_c = nn.Conv2d(8, 4, 3, padding=1)

    def forward(self, x):
        return self.conv_c(torch.cat([self.relu(self.conv_a(x)), self.conv_b(x)], 1))


class ConvBnRelu(nn.Module):
    """conv → BatchNorm → relu → conv; `prepare_pt2e` folds the BN into the conv."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.bn = nn.BatchNorm2d(4)
        self.relu = nn.ReLU()
        self.tail = nn.Conv2d(4, 4, 1)

    def forward(self, x):
        return self.tail(self.relu(self.bn(self.conv(x))))


class ConvTwoUsers(nn.Module):
    """A conv output read twice (relu and a plain branch): the relu must not be fused."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.relu = nn.ReLU()

    def forward(self, x):
        y = self.conv(x)
        return self.relu(y), y * 2.0


class ConvAddBroadcast(nn.Module):
    """conv(x) + a per-channel tensor: shapes differ, so the binary post-op cannot fire."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.shift = nn.Parameter(torch.randn(1, 4, 1, 1))

    def forward(self, x):
        return self.conv(x) + self.shift


class LinearAct(nn.Module):
    """linear, then an optional activation module, then an optional linear; 2-D or 3-D."""

    def __init__(self, act: nn.Module | None = None, bias: bool = True, tail: bool = False):
        super().__init__()
        self.fc = nn.Linear(8, 6, bias=bias)
        self.act = act if act is not None else nn.Identity()
        self.tail = nn.Linear(6, 4) if tail else nn.Identity()

    def forward(self, x):
        return self.tail(self.act(self.fc(x)))


class Mlp(nn.Module):
    """linear → relu → linear; 2-D or 3-D input."""

    def __init__(self, features: int = 8, hidden: int = 16):
        super().__init__()
        self.fc1 = nn.Linear(features, hidden)
        self.relu = nn.ReLU()
        self.fc2 = nn.Linear(hidden, features)

    def forward(self, x):
        return self.fc2(self.relu(self.fc1(x)))


class LinearResidual(nn.Module):
    """`fc2(relu(fc1(x))) + fc1(x)`, optionally relu'd after the add, optionally then a linear."""

    def __init__(self, relu_after_add: bool = False, tail: bool = False):
        super().__init__()
        self.fc1 = nn.Linear(8, 8)
        self.relu = nn.ReLU()
        self.fc2 = nn.Linear(8, 8)
        self.relu_after_add = nn.ReLU() if relu_after_add else nn.Identity()
        self.tail = nn.Linear(8, 4) if tail else nn.Identity()

    def forward(self, x):
        h = self.fc1(x)
        return self.tail(self.relu_after_add(self.fc2(self.relu(h)) + h))


class MlpInplace(nn.Module):
    """linear → ReLU(inplace=True) → linear, and a residual add with an in-place relu after it."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(8, 8)
        self.relu = nn.ReLU(inplace=True)
        self.fc2 = nn.Linear(8, 8)
        self.fc3 = nn.Linear(8, 4)

    def forward(self, x):
        h = self.relu(self.fc1(x))
        return self.fc3(self.relu(self.fc2(h) + h))


class LinearAddInput(nn.Module):
    """`linear(x) + x` returned as the model output."""

    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 8)

    def forward(self, x):
        return self.fc(x) + x


class LinearAddParameter(nn.Module):
    """`linear(x) + self.offset`: the other operand of the add is a parameter."""

    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 8)
        self.offset = nn.Parameter(torch.randn(1, 8))

    def forward(self, x):
        return self.fc(x) + self.offset


class TransformerBlock(nn.Module):
    """A pre-norm transformer encoder block on (batch, tokens, features)."""

    def __init__(self, dim: int = 16, heads: int = 2):
        super().__init__()
        self.heads = heads
        self.norm1 = nn.LayerNorm(dim)
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)
        self.norm2 = nn.LayerNorm(dim)
        self.fc1 = nn.Linear(dim, 2 * dim)
        self.gelu = nn.GELU()
        self.fc2 = nn.Linear(2 * dim, dim)

    def forward(self, x):
        batch, tokens, dim = x.shape
        qkv = self.qkv(self.norm1(x)).reshape(batch, tokens, 3, self.heads, dim // self.heads)
        q, k, v = qkv.permute(2, 0, 3, 1, 4).unbind(0)
        attention = torch.softmax(q @ k.transpose(-2, -1) / (dim // self.heads) ** 0.5, dim=-1)
        y = (attention @ v).transpose(1, 2).reshape(batch, tokens, dim)
        x = x + self.proj(y)
        return x + self.fc2(self.gelu(self.fc1(self.norm2(x))))


# ---------------------------------------------------------------- the zoo

IMAGE = (2, 3, 6, 6)
FEATURE_MAP = (2, 4, 6, 6)
TOKENS = (2, 5, 8)


def _model(name, build, *shapes, **options) -> Pt2eModel:
    return Pt2eModel(name, build, shapes, **options)


ZOO: tuple[Pt2eModel, ...] = (
    _model("conv2d", ConvAct, FEATURE_MAP, exercises="conv alone, float output"),
    _model("conv2d_relu", lambda: ConvAct(nn.ReLU()), FEATURE_MAP, exercises="conv + relu, float output"),
    _model("conv2d_relu_conv", lambda: ConvAct(nn.ReLU(), tail=True), FEATURE_MAP,
           exercises="conv + relu, int8 output"),
    _model("conv2d_relu6_conv", lambda: ConvAct(nn.ReLU6(), tail=True), FEATURE_MAP,
           exercises="conv + hardtanh(0, 6), int8 output"),
    _model("conv2d_hardtanh_conv", lambda: ConvAct(nn.Hardtanh(-0.5, 0.5), tail=True), FEATURE_MAP,
           exercises="conv + hardtanh with its own bounds"),
    _model("dwconv_hardswish_conv", lambda: ConvAct(nn.Hardswish(), depthwise=True, tail=True), FEATURE_MAP,
           exercises="depthwise conv + hardswish (MobileNetV3)"),
    _model("conv2d_silu_conv", lambda: ConvAct(nn.SiLU(), tail=True), FEATURE_MAP, exercises="conv + silu"),
    _model("conv2d_gelu_conv", lambda: ConvAct(nn.GELU(), tail=True), FEATURE_MAP,
           exercises="conv + gelu (no conv-gelu family)"),
    _model("conv1d_relu_conv1d", lambda: ConvAct(nn.ReLU(), dims=1, tail=True), (2, 4, 10),
           exercises="conv1d + relu"),
    _model("conv3d_relu", lambda: ConvAct(nn.ReLU(), dims=3), (1, 4, 4, 4, 4),
           exercises="conv3d, which the x86 quantizer leaves float"),
    _model("conv_bn_relu_conv", ConvBnRelu, IMAGE, exercises="conv + folded batch norm + relu"),
    _model("conv_add_conv", TwoConvAdd, IMAGE, exercises="conv + add, accumulator another conv"),
    _model("conv_add_conv_relu", lambda: TwoConvAdd(relu=True), IMAGE,
           exercises="conv + add + relu, accumulator another conv"),
    _model("conv_add_alpha", lambda: TwoConvAdd(alpha=2.0), IMAGE,
           exercises="torch.add(conv, conv, alpha=2): alpha must survive"),
    _model("resnet_block", ResidualBlock, IMAGE, exercises="residual conv + add + relu"),
    _model("resnet_block_no_relu", lambda: ResidualBlock(relu_after_add=False), IMAGE,
           exercises="residual conv + add"),
    _model("resnet_block_conv", lambda: ResidualBlock(tail=True), IMAGE,
           exercises="residual conv + add + relu, int8 output (quantized accumulator)"),
    _model("conv_add_input", ConvAddInput, FEATURE_MAP, exercises="conv(x) + x, accumulator the float input"),
    _model("conv_flatten_linear", ConvFlattenLinear, IMAGE, exercises="conv → flatten → linear"),
    _model("conv_view_linear", ConvViewLinear, IMAGE,
           exercises="conv → view → linear (view of a channels-last output)"),
    _model("residual_view_linear", ResidualViewLinear, IMAGE, exercises="conv + add + relu → view → linear"),
    _model("conv_inplace_activations", ConvInplaceActivations, FEATURE_MAP,
           exercises="conv + relu_, hardswish_, silu_, hardtanh_ (relu6 in place)"),
    _model("basic_block", BasicBlock, IMAGE, exercises="out += identity; relu_(out): conv + add_ + relu_"),
    _model("residual_identity_first", IdentityFirstResidual, IMAGE,
           exercises="identity + conv(identity): accumulator first"),
    _model("conv_maxpool_conv", lambda: ConvPool(nn.MaxPool2d(2)), IMAGE, exercises="int8 max pool"),
    _model("conv_avgpool_conv", lambda: ConvPool(nn.AvgPool2d(2)), IMAGE, exercises="int8 avg pool"),
    _model("conv_adaptive_pool_linear", lambda: ConvPool(nn.AdaptiveAvgPool2d(1), head=True), IMAGE,
           exercises="adaptive avg pool → flatten → linear (ResNet head)"),
    _model("conv_cat_conv", ConvCat, IMAGE, exercises="cat of two quantized branches"),
    _model("conv_two_users", ConvTwoUsers, IMAGE, exercises="negative: conv output has two users"),
    _model("conv_add_broadcast", ConvAddBroadcast, IMAGE, exercises="negative: add operands of different shapes"),
    _model("linear", LinearAct, (2, 8), exercises="2-D linear, float output"),
    _model("linear_no_bias_relu_linear", lambda: LinearAct(nn.ReLU(), bias=False, tail=True), (2, 8),
           exercises="2-D linear without bias + relu, int8 output"),
    _model("linear_gelu_linear", lambda: LinearAct(nn.GELU(), tail=True), (2, 8),
           exercises="linear + gelu (erf)"),
    _model("linear_gelu_tanh_linear", lambda: LinearAct(nn.GELU(approximate="tanh"), tail=True), (2, 8),
           exercises="linear + gelu (tanh)"),
    _model("mlp_2d", Mlp, (2, 8), exercises="2-D MLP"),
    _model("mlp_3d", Mlp, TOKENS, exercises="3-D MLP (token inputs)"),
    _model("linear_3d_relu", lambda: LinearAct(nn.ReLU()), TOKENS, exercises="3-D linear + relu"),
    _model("linear_residual", LinearResidual, (2, 8), exercises="linear + add (residual)"),
    _model("linear_residual_relu", lambda: LinearResidual(relu_after_add=True), (2, 8),
           exercises="linear + add + relu"),
    _model("linear_residual_relu_linear", lambda: LinearResidual(relu_after_add=True, tail=True), (2, 8),
           exercises="linear + add + relu, int8 output"),
    _model("linear_add_input", LinearAddInput, (2, 8), exercises="linear(x) + x as the model output"),
    _model("linear_add_parameter", LinearAddParameter, (1, 8),
           exercises="linear(x) + self.offset: the add's other operand is a parameter"),
    _model("mlp_inplace", MlpInplace, (2, 8), exercises="linear + relu_, linear + add + relu_"),
    _model("transformer_block", TransformerBlock, (2, 5, 16),
           exercises="layernorm, attention, 3-D linear, gelu, residual adds"),
    _model("conv2d_relu_conv_reduce_range", lambda: ConvAct(nn.ReLU(), tail=True), FEATURE_MAP, config="reduce_range",
           exercises="negative: activations in 0..127, so no int8-output kernel (it outputs 0..255)"),
    _model("mlp_2d_reduce_range", Mlp, (2, 8), config="reduce_range",
           exercises="negative: linear kernels with float output; the quantize to 0..127 stays"),
    _model("resnet_block_dynamic_batch", lambda: ResidualBlock(tail=True), IMAGE, dynamic_batch=True,
           exercises="exported with a symbolic batch: the lowered module runs any batch"),
    _model("mlp_3d_dynamic_batch", Mlp, TOKENS, dynamic_batch=True, exercises="3-D MLP, symbolic batch"),
    _model("mlp_2d_fc2_float", Mlp, (2, 8), float_modules=("fc2",),
           exercises="negative: fc2 excluded from quantization (set_module_name_qconfig None)"),
    _model("linear_dynamic", Mlp, (2, 8), config="dynamic", exercises="dynamically quantized linear"),
    _model("linear_dynamic_fp16", Mlp, (2, 8), config="dynamic_fp16", exercises="fp16-weight dynamic linear"),
)

ZOO_BY_NAME = {model.name: model for model in ZOO}


def seeded_inputs(model: Pt2eModel, seed: int = 0) -> tuple[torch.Tensor, ...]:
    generator = torch.Generator().manual_seed(seed)
    return tuple(torch.randn(*shape, generator=generator) for shape in model.input_shapes)


def float_model(name: str) -> tuple[nn.Module, tuple[torch.Tensor, ...]]:
    """The float model `name`, in eval mode, and its example inputs."""
    model = ZOO_BY_NAME[name]
    torch.manual_seed(0)
    return model.build().eval(), seeded_inputs(model)


def converted_module(name: str) -> tuple[torch.fx.GraphModule, tuple[torch.Tensor, ...]]:
    """The `convert_pt2e` reference module of `name` and its example inputs."""
    _, prepared, inputs = prepared_module(name)
    return convert(prepared), inputs


def prepared_module(name: str) -> tuple[torch.fx.GraphModule, torch.fx.GraphModule, tuple[torch.Tensor, ...]]:
    """The PT2E recipe on `name` up to calibration: the exported module given to
    `prepare_pt2e`, what `prepare_pt2e` returned (calibrated, not converted; the two share
    their graph) and the example inputs."""
    model = ZOO_BY_NAME[name]
    module, inputs = float_model(name)
    calibration = [seeded_inputs(model, seed) for seed in range(1, CALIBRATION_BATCHES + 1)]
    return (*prepare(module, inputs, calibration, model.config, model.float_modules, model.dynamic_batch), inputs)


def quantize(module: nn.Module, inputs: tuple[torch.Tensor, ...], calibration: list[tuple[torch.Tensor, ...]],
             config: str = "static", float_modules: tuple[str, ...] = (), dynamic_batch: bool = False
             ) -> torch.fx.GraphModule:
    """The PT2E recipe on a float module: `prepare` (export, `prepare_pt2e`, calibration),
    then `convert`."""
    return convert(prepare(module, inputs, calibration, config, float_modules, dynamic_batch)[1])


def convert(prepared: torch.fx.GraphModule) -> torch.fx.GraphModule:
    """`convert_pt2e` of a calibrated prepared module (which rewrites its graph in place)."""
    from torchao.quantization.pt2e.quantize_pt2e import convert_pt2e

    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return convert_pt2e(prepared)


def prepare(module: nn.Module, inputs: tuple[torch.Tensor, ...], calibration: list[tuple[torch.Tensor, ...]],
            config: str = "static", float_modules: tuple[str, ...] = (), dynamic_batch: bool = False
            ) -> tuple[torch.fx.GraphModule, torch.fx.GraphModule]:
    """The PT2E recipe on a float module up to `convert_pt2e`: export, `prepare_pt2e` with
    `X86InductorQuantizer` (`config` as `Pt2eModel.config`), calibration on `inputs` then
    each of `calibration`. The exported module and the calibrated prepared one."""
    from torchao.quantization.pt2e.quantize_pt2e import prepare_pt2e
    from torchao.quantization.pt2e.quantizer.x86_inductor_quantizer import (
        X86InductorQuantizer,
        get_default_x86_inductor_quantization_config,
        get_x86_inductor_linear_dynamic_fp16_config,
    )

    if config == "dynamic_fp16":
        quantization_config = get_x86_inductor_linear_dynamic_fp16_config()
    else:
        quantization_config = get_default_x86_inductor_quantization_config(
            is_dynamic=config == "dynamic", reduce_range=config == "reduce_range")
    dynamic_shapes = None
    if dynamic_batch:
        batch = torch.export.Dim("batch", min=1, max=64)
        dynamic_shapes = tuple({0: batch} for _ in inputs)
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exported = torch.export.export(module, inputs, dynamic_shapes=dynamic_shapes, strict=False).module()
        quantizer = X86InductorQuantizer().set_global(quantization_config)
        for module_name in float_modules:
            quantizer.set_module_name_qconfig(module_name, None)
        prepared = prepare_pt2e(exported, quantizer)
        for batch in (inputs, *calibration):
            prepared(*batch)
        return exported, prepared


def without_archive_version(program_file: Path, copy: Path) -> Path:
    """`copy`: the archive `torch.export.save` wrote at `program_file`, less its
    `archive_version` entry. Its bytes still say it is a saved program; `torch.export.load`
    fails on it (after logging a traceback)."""
    with zipfile.ZipFile(program_file) as source, zipfile.ZipFile(copy, "w") as target:
        for entry in source.infolist():
            if not entry.filename.endswith("/archive_version"):
                target.writestr(entry, source.read(entry.filename))
    return copy
