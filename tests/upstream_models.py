"""Small real models whose pre-finalize graphs exercise each shipped rule family.

`debug_module(case)` quantizes a case with torch's own graph-mode API
(`prepare_jit`/`convert_jit(debug=True)` for static, `quantize_dynamic_jit(debug=True)`
for dynamic and fp16): the result is exactly what torch's finalize receives.
"""


from dataclasses import dataclass
from typing import Callable, Final

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.ao.quantization import (
    convert_jit,
    default_dynamic_qconfig,
    default_qconfig,
    float16_dynamic_qconfig,
    prepare_jit,
    quantize_dynamic_jit,
)


@dataclass(frozen=True)
class Case:
    """One model, its input shape, and how it is quantized."""

    name: str
    """Test id."""
    build: Callable[[], nn.Module]
    """Builds the float model."""
    input_shape: tuple[int, ...]
    """Shape of the seeded float input."""
    mode: str = "static"
    """`static`, `dynamic` (int8 weights) or `fp16`."""
    expect_kinds: tuple[str, ...] = ()
    """Kinds torch's own finalize produces for it: proves the model exercises its family."""
    upstream_raises: bool = False
    """Torch's fused graph has an op without a QuantizedCPU kernel (a documented deviation)."""
    frontend: str = "script"
    """`script` or `trace` (tracing records only the branch taken: no prim::If)."""


class ConvAct(nn.Module):
    act: Final[str]

    def __init__(self, dims: int, act: str):
        super().__init__()
        self.conv = {1: nn.Conv1d, 2: nn.Conv2d, 3: nn.Conv3d}[dims](2, 3, 3)
        self.act = act

    def forward(self, x):
        x = self.conv(x)
        if self.act == "relu":
            x = F.relu(x)
        elif self.act == "relu_":
            x = F.relu(x, inplace=True)
        return x


class ConvTranspose(nn.Module):
    def __init__(self, dims: int):
        super().__init__()
        self.conv = {1: nn.ConvTranspose1d, 2: nn.ConvTranspose2d}[dims](2, 3, 3)

    def forward(self, x):
        return self.conv(x)


class LinearAct(nn.Module):
    act: Final[str]

    def __init__(self, act: str):
        super().__init__()
        self.fc = nn.Linear(4, 5)
        self.act = act

    def forward(self, x):
        x = self.fc(x)
        if self.act == "relu":
            x = F.relu(x)
        elif self.act == "relu_":
            x = torch.relu_(x)
        return x


class Binary(nn.Module):
    """Two conv branches combined by `op` (tensor-tensor add / mul forms, and cat)."""

    op: Final[str]

    def __init__(self, op: str):
        super().__init__()
        self.left = nn.Conv2d(2, 2, 1)
        self.right = nn.Conv2d(2, 2, 1)
        self.out = nn.Conv2d(4 if op == "cat" else 2, 2, 1)
        self.op = op

    def forward(self, x):
        a = self.left(x)
        b = self.right(x)
        if self.op == "add":
            y = a + b
        elif self.op == "add_relu":
            y = F.relu(a + b)
        elif self.op == "add_relu_":
            y = torch.relu_(a + b)
        elif self.op == "add_":
            a += b
            y = a
        elif self.op == "add__relu":
            a += b
            y = F.relu(a)
        elif self.op == "add_alpha2":
            y = torch.add(a, b, alpha=2)
        elif self.op == "add_alpha_float":
            y = torch.add(a, b, alpha=1.0)
        elif self.op == "mul":
            y = a * b
        elif self.op == "mul_relu":
            y = F.relu(a * b)
        elif self.op == "mul_":
            a *= b
            y = a
        elif self.op == "mul__relu_":
            a *= b
            y = torch.relu_(a)
        else:
            y = torch.cat([a, b], 1)
        return self.out(y)


class Scalar(nn.Module):
    """A conv output combined with a Python scalar."""

    op: Final[str]

    def __init__(self, op: str):
        super().__init__()
        self.conv = nn.Conv2d(2, 2, 1)
        self.out = nn.Conv2d(2, 2, 1)
        self.op = op

    def forward(self, x):
        a = self.conv(x)
        if self.op == "add_scalar":
            y = a + 0.5
        elif self.op == "add_scalar_relu":
            y = F.relu(a + 0.5)
        elif self.op == "add_scalar_out":
            a += 0.5
            y = a
        elif self.op == "add_scalar_out_relu_":
            a += 0.5
            y = torch.relu_(a)
        elif self.op == "mul_scalar":
            y = a * 2.0
        elif self.op == "mul_scalar_relu_":
            y = torch.relu_(a * 2.0)
        else:
            a *= 2.0
            y = F.relu(a)
        return self.out(y)


class Norm(nn.Module):
    kind: Final[str]

    def __init__(self, kind: str):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 1)
        self.out = nn.Conv2d(4, 4, 1)
        self.kind = kind
        self.norm = {
            "batch_norm": nn.BatchNorm2d(4), "batch_norm_relu": nn.BatchNorm2d(4),
            "layer_norm": nn.LayerNorm([4, 4, 4]), "group_norm": nn.GroupNorm(2, 4),
            "instance_norm": nn.InstanceNorm2d(4, affine=True),
        }[kind]

    def forward(self, x):
        y = self.conv(x)
        if self.kind == "batch_norm":
            y = self.norm(y + y)
        elif self.kind == "batch_norm_relu":
            y = F.relu(self.norm(y + y))
        else:
            y = self.norm(y)
        return self.out(y)


class Elementwise(nn.Module):
    """Ops with observed, inherited or fixed output qparams, between two convs."""

    kind: Final[str]

    def __init__(self, kind: str, dims: int = 2):
        super().__init__()
        conv = {1: nn.Conv1d, 2: nn.Conv2d, 3: nn.Conv3d}[dims]
        self.conv = conv(2, 2, 1)
        self.out = conv(2, 2, 1)
        self.kind = kind

    def forward(self, x):
        y = self.conv(x)
        k = self.kind
        if k == "hardswish":
            y = F.hardswish(y)
        elif k == "elu":
            y = F.elu(y)
        elif k == "elu_":
            y = F.elu(y, inplace=True)
        elif k == "avg_pool1d":
            y = F.avg_pool1d(y, 2)
        elif k == "avg_pool2d":
            y = F.avg_pool2d(y, 2)
        elif k == "avg_pool3d":
            y = F.avg_pool3d(y, 2)
        elif k == "adaptive_avg_pool1d":
            y = F.adaptive_avg_pool1d(y, 2)
        elif k == "adaptive_avg_pool2d":
            y = F.adaptive_avg_pool2d(y, 2)
        elif k == "adaptive_avg_pool3d":
            y = F.adaptive_avg_pool3d(y, 2)
        elif k == "mean_dim":
            y = torch.mean(y, [2], True)
        elif k == "upsample_nearest2d":
            y = F.interpolate(y, scale_factor=2.0, mode="nearest")
        elif k == "upsample_bilinear2d":
            y = F.interpolate(y, size=[6, 6], mode="bilinear", align_corners=False)
        elif k == "upsample_nearest3d":
            y = F.interpolate(y, size=[4, 4, 4], mode="nearest")
        elif k == "upsample_nearest1d":
            y = F.interpolate(y, scale_factor=2.0, mode="nearest")
        elif k == "upsample_linear1d":
            y = F.interpolate(y, size=[8], mode="linear", align_corners=False)
        elif k == "upsample_trilinear3d":
            y = F.interpolate(y, size=[4, 4, 4], mode="trilinear", align_corners=False)
        elif k == "clamp":
            y = torch.clamp(y, -0.5, 0.5)
        elif k == "hardtanh_":
            y = F.hardtanh(y, -0.5, 0.5, inplace=True)
        elif k == "leaky_relu":
            y = F.leaky_relu(y, 0.1)
        elif k == "leaky_relu_":
            y = F.leaky_relu(y, 0.1, inplace=True)
        elif k == "hardsigmoid":
            y = F.hardsigmoid(y)
        elif k == "sigmoid":
            y = torch.sigmoid(y)
        elif k == "sigmoid_":
            y = torch.sigmoid_(y)
        elif k == "tanh":
            y = torch.tanh(y)
        else:
            y = torch.tanh_(y)
        return self.out(y)


class TwoLinear(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 6)
        self.fc2 = nn.Linear(6, 3)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))


def _cases() -> tuple[Case, ...]:
    cases = []
    for dims, shape in ((1, (1, 2, 8)), (2, (1, 2, 6, 6)), (3, (1, 2, 5, 5, 5))):
        for act in ("none", "relu", "relu_"):
            op = f"quantized::conv{dims}d" + ("_relu" if act != "none" else "")
            cases.append(Case(f"conv{dims}d_{act}", lambda d=dims, a=act: ConvAct(d, a), shape,
                              expect_kinds=(op,)))
    for dims, shape in ((1, (1, 2, 8)), (2, (1, 2, 6, 6))):
        cases.append(Case(f"conv_transpose{dims}d", lambda d=dims: ConvTranspose(d), shape,
                          expect_kinds=(f"quantized::conv_transpose{dims}d",)))
    for act in ("none", "relu", "relu_"):
        op = "quantized::linear" + ("_relu" if act != "none" else "")
        cases.append(Case(f"linear_{act}", lambda a=act: LinearAct(a), (3, 4), expect_kinds=(op,)))
    binary = {
        "add": "quantized::add", "add_relu": "quantized::add_relu", "add_relu_": "quantized::add_relu",
        "add_": "quantized::add", "add__relu": "quantized::add_relu",
        "add_alpha2": "aten::add", "add_alpha_float": "aten::add",
        "mul": "quantized::mul", "mul_relu": "quantized::mul_relu", "mul_": "quantized::mul",
        "mul__relu_": "quantized::mul_relu", "cat": "quantized::cat",
    }
    for op, kind in binary.items():
        cases.append(Case(f"binary_{op}", lambda o=op: Binary(o), (1, 2, 4, 4), expect_kinds=(kind,)))
    scalar = {
        "add_scalar": "quantized::add_scalar", "add_scalar_relu": "quantized::add_scalar_relu",
        "add_scalar_out": "quantized::add_scalar_out",
        "add_scalar_out_relu_": "quantized::add_scalar_relu_out",
        "mul_scalar": "quantized::mul_scalar", "mul_scalar_relu_": "quantized::mul_scalar_relu",
        "mul_scalar_out_relu": "quantized::mul_scalar_relu_out",
    }
    for op, kind in scalar.items():
        cases.append(Case(f"scalar_{op}", lambda o=op: Scalar(o), (1, 2, 4, 4), expect_kinds=(kind,)))
    norm = {
        "batch_norm": "quantized::batch_norm", "batch_norm_relu": "quantized::batch_norm_relu",
        "layer_norm": "quantized::layer_norm", "group_norm": "quantized::group_norm",
        "instance_norm": "quantized::instance_norm",
    }
    for kind, op in norm.items():
        cases.append(Case(f"norm_{kind}", lambda k=kind: Norm(k), (1, 4, 4, 4), expect_kinds=(op,)))
    elementwise = {
        "hardswish": (2, "quantized::hardswish"), "elu": (2, "quantized::elu"),
        "elu_": (2, "quantized::elu"),
        "avg_pool1d": (1, "aten::avg_pool1d"), "avg_pool2d": (2, "aten::avg_pool2d"),
        "avg_pool3d": (3, "aten::avg_pool3d"),
        "adaptive_avg_pool1d": (1, "aten::adaptive_avg_pool1d"),
        "adaptive_avg_pool2d": (2, "aten::adaptive_avg_pool2d"),
        "adaptive_avg_pool3d": (3, "aten::adaptive_avg_pool3d"),
        "mean_dim": (2, "aten::mean"),
        "upsample_bilinear2d": (2, "aten::upsample_bilinear2d"),
        "clamp": (2, "aten::clamp"), "hardtanh_": (2, "aten::hardtanh_"),
        "leaky_relu": (2, "aten::leaky_relu"), "leaky_relu_": (2, "aten::leaky_relu_"),
        "hardsigmoid": (2, "aten::hardsigmoid"), "sigmoid": (2, "aten::sigmoid"),
        "tanh": (2, "aten::tanh"),
    }
    shapes = {1: (1, 2, 8), 2: (1, 2, 6, 6), 3: (1, 2, 4, 4, 4)}
    for kind, (dims, op) in elementwise.items():
        cases.append(Case(f"elementwise_{kind}", lambda k=kind, d=dims: Elementwise(k, d), shapes[dims],
                          expect_kinds=(op,)))
    # Scripted F.interpolate(mode="nearest") holds the 1d, 2d and 3d calls in prim::If
    # branches; upstream fuses the dead upsample_nearest1d branch and hoists it out of the
    # If, so the 2d and 3d models raise too.
    deviating = {
        "upsample_nearest2d": (2, "aten::upsample_nearest2d"),
        "upsample_nearest3d": (3, "aten::upsample_nearest3d"),
        "upsample_nearest1d": (1, "aten::upsample_nearest1d"),
        "upsample_linear1d": (1, "aten::upsample_linear1d"),
        "upsample_trilinear3d": (3, "aten::upsample_trilinear3d"),
        "sigmoid_": (2, "aten::sigmoid_"),
        "tanh_": (2, "aten::tanh_"),
    }
    for kind, (dims, op) in deviating.items():
        cases.append(Case(f"deviating_{kind}", lambda k=kind, d=dims: Elementwise(k, d), shapes[dims],
                          expect_kinds=(op,), upstream_raises=True))
    traced = {
        "conv2d_relu": (lambda: ConvAct(2, "relu"), (1, 2, 6, 6), "quantized::conv2d_relu", False),
        "add_relu": (lambda: Binary("add_relu"), (1, 2, 4, 4), "quantized::add_relu", False),
        "upsample_nearest2d": (lambda: Elementwise("upsample_nearest2d", 2), shapes[2],
                               "aten::upsample_nearest2d", False),
        "upsample_nearest3d": (lambda: Elementwise("upsample_nearest3d", 3), shapes[3],
                               "aten::upsample_nearest3d", False),
        "upsample_bilinear2d": (lambda: Elementwise("upsample_bilinear2d", 2), shapes[2],
                                "aten::upsample_bilinear2d", False),
        "upsample_nearest1d": (lambda: Elementwise("upsample_nearest1d", 1), shapes[1],
                               "aten::upsample_nearest1d", True),
        "sigmoid_": (lambda: Elementwise("sigmoid_", 2), shapes[2], "aten::sigmoid_", True),
    }
    for name, (build, shape, kind, raises) in traced.items():
        cases.append(Case(f"traced_{name}", build, shape, expect_kinds=(kind,), upstream_raises=raises,
                          frontend="trace"))
    cases.append(Case("dynamic_linear", TwoLinear, (3, 4), mode="dynamic",
                      expect_kinds=("quantized::linear_dynamic",)))
    cases.append(Case("fp16_linear", TwoLinear, (3, 4), mode="fp16",
                      expect_kinds=("quantized::linear_dynamic_fp16",)))
    return tuple(cases)


CASES = _cases()


def seeded_input(case: Case, seed: int = 0) -> torch.Tensor:
    return torch.randn(case.input_shape, generator=torch.Generator().manual_seed(seed))


def debug_module(case: Case) -> torch.jit.ScriptModule:
    """The pre-finalize module torch's `convert_jit(debug=True)` / dynamic variant makes."""
    torch.manual_seed(0)
    model = case.build().eval()
    if case.frontend == "trace":
        scripted = torch.jit.trace(model, seeded_input(case))
    else:
        scripted = torch.jit.script(model)
    if case.mode == "static":
        prepared = prepare_jit(scripted, {"": default_qconfig})
        for seed in range(3):
            prepared(seeded_input(case, seed))
        return convert_jit(prepared, debug=True)
    qconfig = default_dynamic_qconfig if case.mode == "dynamic" else float16_dynamic_qconfig
    return quantize_dynamic_jit(scripted, {"": qconfig}, debug=True)


def clone(module: torch.jit.ScriptModule) -> torch.jit.ScriptModule:
    """A copy with its own class type, so editing its graphs leaves `module` alone."""
    cloned = torch._C._hack_do_not_use_clone_module_with_class(module._c, [], [])
    return torch.jit._recursive.wrap_cpp_module(cloned)


def submodule_names(module: torch.jit.ScriptModule) -> list[str]:
    """Names of the direct children (preserved when freezing keeps weights non-constant)."""
    return [name for name, _ in module.named_children()]
