"""One packed weight used by two fused kernels: the second result depends on the first call.

`qdsl verify` found these with its stateful-kernel check (docs/verification.md). Each case
runs kernel A then kernel B on one packed weight and compares B's result with B on a fresh
packed weight (each kernel alone is right: B fresh equals the dequantize -> float op ->
quantize reference). Run: python docs/kernel-bugs/shared_packed_weight.py
"""

import warnings

import torch

warnings.filterwarnings("ignore")
Q = torch.ops.quantized


def conv_pack():
    return Q.conv2d_prepack(WEIGHT, BIAS, [1, 1], [0, 0], [1, 1], 1)


def linear_pack():
    return Q.linear_prepack(LINEAR_WEIGHT, LINEAR_BIAS)


torch.manual_seed(0)
X = torch.quantize_per_tensor(torch.randn(1, 4, 10, 10), 0.05, 64, torch.quint8)
WEIGHT = torch.quantize_per_tensor(torch.randn(8, 4, 3, 3), 0.02, 0, torch.qint8)
BIAS = torch.randn(8)
ROWS = torch.quantize_per_tensor(torch.randn(16, 32), 0.05, 64, torch.quint8)
LINEAR_WEIGHT = torch.quantize_per_tensor(torch.randn(24, 32), 0.02, 0, torch.qint8)
LINEAR_BIAS = torch.randn(24)

CASES = [
    # (engines, make the packed weight, input, first kernel, second kernel, first qparams, second qparams)
    (("onednn", "x86"), conv_pack, X, Q.conv2d, Q.conv2d_relu, (0.1, 64), (0.1, 64)),
    (("onednn", "x86"), conv_pack, X, Q.conv2d_relu, Q.conv2d, (0.1, 64), (0.1, 64)),
    (("onednn",), linear_pack, ROWS, Q.linear, Q.linear_relu, (0.1, 64), (0.1, 64)),
    (("qnnpack",), linear_pack, ROWS, Q.linear, Q.linear_relu, (0.1, 64), (0.13, 70)),
    (("qnnpack",), conv_pack, X, Q.conv2d_relu, Q.conv2d, (0.1, 64), (0.13, 70)),
]

for engines, pack, inputs, first, second, first_qparams, second_qparams in CASES:
    for engine in ("fbgemm", "qnnpack", "onednn", "x86"):
        torch.backends.quantized.engine = engine
        shared = pack()
        first(inputs, shared, *first_qparams)
        after = second(inputs, shared, *second_qparams).int_repr().int()
        fresh = second(inputs, pack(), *second_qparams).int_repr().int()
        differ = int((after != fresh).sum())
        expected = "bug expected" if engine in engines else "no bug expected"
        print(f"{engine:8s} {second.__name__} after {first.__name__} on one packed weight, qparams {first_qparams} then "
              f"{second_qparams}: {differ} of {fresh.numel()} elements differ from a fresh packed weight, max "
              f"{int((after - fresh).abs().max())} steps ({expected})")
