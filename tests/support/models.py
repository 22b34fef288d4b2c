"""The model zoo: small real models, one per rule family and structure, and real
architectures, each with the recipe that quantizes it.

Every entry is a real `nn.Module`, scripted or traced, quantized by torch's own graph
mode API (`prepare_jit`/`convert_jit(debug=True)` for static, `prepare_dynamic_jit`/
`convert_dynamic_jit(debug=True)` for dynamic and fp16), and calibrated on seeded
inputs. The result is the debug module that `torch._C._jit_pass_quant_finalize` would
receive; the differential tests (tests/support/harness.py) feed it to both finalizers,
and the benchmarks time both on it.

`ARCHITECTURES` are real networks (ResNet, MobileNet, Inception, DenseNet, ViT, BERT,
GPT-2, ...; tests/support/architectures) quantized the way their users quantize them:
per-channel weights for the static ones, `quantize_dynamic`-style linears for the text
models.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
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

from qdsl.backends.torchscript import torch_api

from . import architectures as arch
from .architectures import scaled as scaled_architectures
from .functions import (adaptive_avg_pool1d, adaptive_avg_pool2d, adaptive_avg_pool3d, add_scalar,
                        add_scalar_inplace, add_scalar_inplace_relu, add_scalar_inplace_relu_, add_scalar_int, add_scalar_method_relu_,
                        add_scalar_reflected, add_scalar_relu, avg_pool1d, avg_pool2d, avg_pool3d, hardsigmoid_,
                        interpolate_bilinear, interpolate_linear, interpolate_nearest, interpolate_trilinear,
                        leaky_relu, leaky_relu_, max_pool2d, mean_all, mean_all_float, mean_dims, mean_dims_float,
                        mul_scalar, mul_scalar_inplace, mul_scalar_inplace_relu, mul_scalar_inplace_relu_, mul_scalar_int_reflected, mul_scalar_negative, mul_scalar_relu,
                        mul_scalar_relu_, relu_, sigmoid_, tanh_, upsample_bilinear2d, upsample_linear1d,
                        upsample_nearest1d, upsample_nearest2d, upsample_nearest3d, upsample_trilinear3d)
from .modules import (Add, AddAlpha2, AddAlphaFloat1, AddInplace, AddInplaceRelu, AddInplaceRelu_, AddRelu,
                      AddRelu_, AddTensorAttr, Attr, BatchNorm, Cat, Clamp, ConvUsedTwice, CountsCalls, DynMLP, Elu_, Fn,
                      Hardtanh, Hardtanh_, IfBranch, InterpolateInIf, LargeWeights, LinearRelu_, Loop, Mul, MulInplace,
                      MulInplaceRelu, MulInplaceRelu_, MulRelu, MulRelu_, Nested, Norms, Shared, TwoMethods, conv2,
                      conv_then)


@dataclass(frozen=True)
class Model:
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
    upstream_raises: str = ""
    """Where torch's finalize of this model fails, qdsl's deliberately not (upstream fuses
    into an op without a QuantizedCPU kernel, or into a kernel that raises on the model's
    arguments): `run` (the finalized module raises when run) or `finalize` (finalize
    itself raises); "" where torch's finalize works."""
    unfused_like_debug: bool = False
    """Where torch's fails, qdsl's finalized module computes what the debug module does
    (the model is the chain qdsl leaves unfused): equal outputs, not one step apart."""
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
    calibration_batches: int = 3
    """Seeded batches run through the prepared model before conversion."""
    simple_executor: bool = False
    """Calibrate with the simple executor: the profiling one records shapes, for seconds on
    big graphs (and its recorded shapes change what convert_jit makes of some ops)."""

    @property
    def quant_type(self) -> int:
        """0 = dynamic (also fp16), 1 = static, as torch's QuantType."""
        return 1 if self.mode == "static" else 0


def seeded_inputs(model: Model, seed: int = 0) -> tuple[torch.Tensor, ...]:
    generator = torch.Generator().manual_seed(seed)
    if model.vocabulary:
        return tuple(torch.randint(model.vocabulary, shape, generator=generator) for shape in model.input_shapes)
    return tuple(torch.randn(*shape, generator=generator) for shape in model.input_shapes)


def debug_module(model: Model) -> torch.jit.ScriptModule:
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
    else:
        qconfig = default_dynamic_qconfig if model.mode == "dynamic" else float16_dynamic_qconfig
        prepared = prepare_dynamic_jit(scripted, {"": qconfig})
    with torch.jit.optimized_execution(not model.simple_executor):
        for seed in range(model.calibration_batches if model.mode == "static" else 1):
            prepared(*seeded_inputs(model, seed))
    if model.mode == "static":
        return convert_jit(prepared, debug=True)
    return convert_dynamic_jit(prepared, debug=True)


@cache
def _built(name: str) -> torch.jit.ScriptModule:
    return debug_module(BY_NAME[name])


def clone(module: torch.jit.ScriptModule) -> torch.jit.ScriptModule:
    """A copy with its own class types (hence its own graphs): editing it leaves `module` alone."""
    return torch_api.wrap(torch_api.clone_module(module._c))


def debug_copies(name: str, count: int = 2) -> list[torch.jit.ScriptModule]:
    """Independent copies of one zoo model's debug module, built once per process: no
    finalizer sees another's edits."""
    original = _built(name)
    return [clone(original) for _ in range(count)]


def cases(models) -> list:
    """pytest parameters of zoo models, named after them, the slow ones marked `slow`."""
    import pytest

    return [pytest.param(model, id=model.name, marks=[pytest.mark.slow] if model.slow else []) for model in models]


# ---------------------------------------------------------------- the zoo

IMG = ((1, 2, 4, 4),)
SEQ = ((1, 2, 4),)
VOL = ((1, 2, 3, 3, 3),)
VEC = ((2, 4),)


def static(name, build, shapes, *kinds, **options) -> Model:
    return Model(name, build, shapes, expect_kinds=kinds, **options)


def scripted_and_traced(name, build, shapes, *kinds, **options) -> tuple[Model, Model]:
    """`name` scripted and `name_traced` traced: for models whose rules read a constant.

    Tracing records a Python scalar operand as a wrapped-number tensor constant and
    literal arguments as plain constants; scripting keeps scalars typed as numbers. A
    rule that reads a constant must agree with torch on both.
    """
    return (static(name, build, shapes, *kinds, **options),
            static(f"{name}_traced", build, shapes, *kinds, frontend="trace", **options))


SMALL: tuple[Model, ...] = (
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
    static("linear_relu_", LinearRelu_, VEC, "quantized::linear_relu"),
    static("conv1d_relu_", lambda: nn.Sequential(nn.Conv1d(2, 2, 3), nn.ReLU(inplace=True)), SEQ,
           "quantized::conv1d_relu"),
    static("conv3d_relu_", lambda: nn.Sequential(nn.Conv3d(2, 2, 3, padding=1), nn.ReLU(inplace=True)), VOL,
           "quantized::conv3d_relu"),
    # binary ops: the add rules read alpha, the scalar rules read the scalar operand
    *scripted_and_traced("add", Add, IMG, "quantized::add"),
    *scripted_and_traced("add_relu", AddRelu, IMG, "quantized::add_relu"),
    *scripted_and_traced("add__relu_", AddInplaceRelu_, IMG, "quantized::add_relu"),
    static("add_relu_", AddRelu_, IMG, "quantized::add_relu"),
    static("add_", AddInplace, IMG, "quantized::add"),
    static("add__relu", AddInplaceRelu, IMG, "quantized::add_relu"),
    *scripted_and_traced("add_alpha2", AddAlpha2, IMG, "aten::add"),
    *scripted_and_traced("add_alpha_float1", AddAlphaFloat1, IMG, "aten::add"),
    *scripted_and_traced("add_scalar", conv_then(add_scalar), IMG, "quantized::add_scalar"),
    *scripted_and_traced("add_scalar_int", conv_then(add_scalar_int), IMG, "quantized::add_scalar"),
    *scripted_and_traced("add_scalar_reflected", conv_then(add_scalar_reflected), IMG, "quantized::add_scalar"),
    *scripted_and_traced("add_scalar_relu", conv_then(add_scalar_relu), IMG, "quantized::add_scalar_relu"),
    *scripted_and_traced("add_scalar_method_relu_", conv_then(add_scalar_method_relu_), IMG,
                         "quantized::add_scalar_relu"),
    *scripted_and_traced("add_scalar_inplace", conv_then(add_scalar_inplace), IMG, "quantized::add_scalar_out"),
    static("add_scalar_inplace_relu", conv_then(add_scalar_inplace_relu), IMG, "quantized::add_scalar_relu_out"),
    *scripted_and_traced("add_scalar_inplace_relu_", conv_then(add_scalar_inplace_relu_), IMG,
                         "quantized::add_scalar_relu_out"),
    *scripted_and_traced("add_non_scalar_b", AddTensorAttr, IMG, "aten::add"),
    static("mul", Mul, IMG, "quantized::mul"),
    static("mul_relu", MulRelu, IMG, "quantized::mul_relu"),
    static("mul_relu_", MulRelu_, IMG, "quantized::mul_relu"),
    static("mul__relu", MulInplaceRelu, IMG, "quantized::mul_relu"),
    static("mul__relu_", MulInplaceRelu_, IMG, "quantized::mul_relu"),
    static("mul_", MulInplace, IMG, "quantized::mul"),
    *scripted_and_traced("mul_scalar", conv_then(mul_scalar), IMG, "quantized::mul_scalar"),
    *scripted_and_traced("mul_scalar_negative", conv_then(mul_scalar_negative), IMG, "quantized::mul_scalar"),
    *scripted_and_traced("mul_scalar_int_reflected", conv_then(mul_scalar_int_reflected), IMG,
                         "quantized::mul_scalar"),
    *scripted_and_traced("mul_scalar_relu", conv_then(mul_scalar_relu), IMG, "quantized::mul_scalar_relu"),
    *scripted_and_traced("mul_scalar_relu_", conv_then(mul_scalar_relu_), IMG, "quantized::mul_scalar_relu"),
    *scripted_and_traced("mul_scalar_inplace", conv_then(mul_scalar_inplace), IMG, "quantized::mul_scalar_out"),
    static("mul_scalar_inplace_relu_", conv_then(mul_scalar_inplace_relu_), IMG, "quantized::mul_scalar_relu_out"),
    *scripted_and_traced("mul_scalar_inplace_relu", conv_then(mul_scalar_inplace_relu), IMG,
                         "quantized::mul_scalar_relu_out"),
    static("cat", Cat, IMG, "quantized::cat"),
    # normalization and activations with observed output qparams
    static("batch_norm", BatchNorm, IMG, "quantized::batch_norm"),
    static("batch_norm_relu", lambda: BatchNorm("relu"), IMG, "quantized::batch_norm_relu"),
    static("batch_norm_relu_", lambda: BatchNorm("relu_"), IMG, "quantized::batch_norm_relu", frontend="trace"),
    # the quantized batch_norm raises without weight or bias, and takes no None statistics
    *scripted_and_traced("batch_norm_affine_false", lambda: BatchNorm(affine=False), IMG, upstream_raises="run",
                         unfused_like_debug=True),
    static("batch_norm_relu_affine_false", lambda: BatchNorm("relu", affine=False), IMG, upstream_raises="run",
           unfused_like_debug=True),
    static("batch_norm_without_running_stats", lambda: BatchNorm(track_running_stats=False), IMG,
           upstream_raises="finalize", unfused_like_debug=True),
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
    static("avg_pool1d", conv_then(avg_pool1d, 1), SEQ, "aten::avg_pool1d"),
    static("adaptive_avg_pool3d", conv_then(adaptive_avg_pool3d, 3), VOL, "aten::adaptive_avg_pool3d"),
    static("adaptive_avg_pool2d", conv_then(adaptive_avg_pool2d), IMG, "aten::adaptive_avg_pool2d",
           frontend="trace"),
    static("adaptive_avg_pool1d", conv_then(adaptive_avg_pool1d, 1), SEQ, "aten::adaptive_avg_pool1d"),
    static("mean", conv_then(mean_dims), IMG, "aten::mean"),
    static("mean_all", conv_then(mean_all), IMG, "aten::mean"),
    # the quantized mean raises on a dtype
    *scripted_and_traced("mean_dtype", conv_then(mean_all_float), IMG, upstream_raises="run"),
    *scripted_and_traced("mean_dim_dtype", conv_then(mean_dims_float), IMG, upstream_raises="run"),
    static("leaky_relu", conv_then(leaky_relu), IMG, "aten::leaky_relu"),
    static("leaky_relu_", conv_then(leaky_relu_), IMG, "aten::leaky_relu_"),
    static("upsample_nearest2d_vec", conv_then(interpolate_nearest), IMG, "aten::upsample_nearest2d",
           frontend="trace"),
    static("upsample_bilinear2d_vec", conv_then(interpolate_bilinear), IMG, "aten::upsample_bilinear2d",
           frontend="trace"),
    static("upsample_nearest3d_vec", conv_then(interpolate_nearest, 3), VOL, "aten::upsample_nearest3d",
           frontend="trace"),
    static("interpolate_scripted", conv_then(interpolate_nearest), IMG, upstream_raises="run"),
    static("interpolate_scripted_3d", conv_then(interpolate_nearest, 3), VOL, upstream_raises="run"),
    static("upsample_nearest2d", conv_then(upsample_nearest2d), IMG, "aten::upsample_nearest2d"),
    static("upsample_bilinear2d", conv_then(upsample_bilinear2d), IMG, "aten::upsample_bilinear2d"),
    static("upsample_nearest3d", conv_then(upsample_nearest3d, 3), VOL, "aten::upsample_nearest3d"),
    # upstream fuses these into ops without a QuantizedCPU kernel
    static("upsample_nearest1d_vec", conv_then(interpolate_nearest, 1), SEQ, upstream_raises="run"),
    static("upsample_nearest1d_vec_traced", conv_then(interpolate_nearest, 1), SEQ, upstream_raises="run",
           frontend="trace"),
    static("upsample_linear1d_vec", conv_then(interpolate_linear, 1), SEQ, upstream_raises="run"),
    static("upsample_trilinear3d_vec", conv_then(interpolate_trilinear, 3), VOL, upstream_raises="run"),
    static("upsample_nearest1d", conv_then(upsample_nearest1d, 1), SEQ, upstream_raises="run"),
    static("upsample_linear1d", conv_then(upsample_linear1d, 1), SEQ, upstream_raises="run"),
    static("upsample_trilinear3d", conv_then(upsample_trilinear3d, 3), VOL, upstream_raises="run"),
    *scripted_and_traced("sigmoid_", conv_then(sigmoid_), IMG, upstream_raises="run"),
    *scripted_and_traced("tanh_", conv_then(tanh_), IMG, upstream_raises="run"),
    static("interpolate_in_if", InterpolateInIf, IMG, upstream_raises="run"),
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
    static("counts_calls", CountsCalls, IMG, "quantized::linear", "aten::add_"),
    static("large_weights_preserved", LargeWeights, ((2, 128),), "quantized::linear", preserved_attrs=("table",)),
    Model("dynamic_large_weights", LargeWeights, ((2, 128),), mode="dynamic",
          expect_kinds=("quantized::linear_dynamic",)),
    # dynamic and fp16
    Model("dynamic_linear", DynMLP, VEC, mode="dynamic", expect_kinds=("quantized::linear_dynamic",)),
    Model("dynamic_linear_traced", DynMLP, VEC, mode="dynamic", frontend="trace",
             expect_kinds=("quantized::linear_dynamic",)),
    Model("dynamic_shared", Shared, IMG, mode="dynamic", expect_kinds=("quantized::linear_dynamic",)),
    Model("fp16_linear", DynMLP, VEC, mode="fp16", expect_kinds=("quantized::linear_dynamic_fp16",)),
    Model("fp16_linear_traced", DynMLP, VEC, mode="fp16", frontend="trace",
             expect_kinds=("quantized::linear_dynamic_fp16",)),
)


def architecture(name, build, shape, *kinds, **options) -> Model:
    """A real network: per-channel static quantization unless `mode` says otherwise."""
    return Model(name, build, (shape,), qconfig=default_per_channel_qconfig, expect_kinds=kinds, **options)


PICTURE = (1, 3, 32, 32)
TOKENS = (1, 16)

ARCHITECTURES: tuple[Model, ...] = (
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

ZOO = SMALL + ARCHITECTURES
"""Every model: the small ones (one rule family or structure each) and the architectures."""

BY_NAME = {model.name: model for model in ZOO}


def scaled(shape: str, blocks: int) -> Model:
    """The model of `shape` (`architectures.scaled.SHAPES`) with `blocks` blocks, for the
    benchmarks' size series (one calibration batch: their largest take minutes to build)."""
    return Model(f"{shape}_{blocks}", lambda: scaled_architectures.scaled_model(shape, blocks),
                 (scaled_architectures.INPUT_SHAPES[shape],), mode="dynamic" if shape == "mlp_dynamic" else "static",
                 qconfig=scaled_architectures.STATIC_QCONFIG, calibration_batches=1, simple_executor=True)
