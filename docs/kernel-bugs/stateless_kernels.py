"""Kernels whose result is wrong on inputs `qdsl verify` drew, each against its reference.

Each case prints the kernel's result next to the reference (dequantize -> float op ->
quantize with the same qparams, or the float op on a contiguous copy). Cases that crash or
corrupt memory run in a child process. Run: python docs/kernel-bugs/stateless_kernels.py
"""

import subprocess
import sys
import warnings

import torch
import torch.nn.functional as F

warnings.filterwarnings("ignore")


def codes(values, scale=0.1, zero_point=0):
    return torch._make_per_tensor_quantized_tensor(torch.tensor(values, dtype=torch.uint8), scale, zero_point)


def reference(op, quantized, *args):
    out = op(quantized.dequantize(), *args)
    return torch.quantize_per_tensor(out, quantized.q_scale(), quantized.q_zero_point(), quantized.dtype)


def show(title, kernel, expected):
    print(f"{title}\n  kernel    {kernel.int_repr().flatten().tolist()}\n  reference {expected.int_repr().flatten().tolist()}")


# 1. Quantized upsampling and adaptive pooling mix channels when a tensor's spatial sizes are
#    1 (its strides read as channels-last): both channels get [0, 107].
x = codes([[[[0]], [[107]]]])
show("upsample_nearest2d of a 1x2x1x1 quint8 tensor to 1x2:",
     torch.ops.aten.upsample_nearest2d(x, [1, 2]), reference(torch.ops.aten.upsample_nearest2d, x, [1, 2]))
show("adaptive_avg_pool2d of the same tensor to 1x2:",
     torch.ops.aten.adaptive_avg_pool2d(x, [1, 2]), reference(torch.ops.aten.adaptive_avg_pool2d, x, [1, 2]))

# 2. upsample_nearest3d of a 2x1x2x1x1 tensor of zeros (identity size) returns bytes it did
#    not write in the second batch: a different result on every call.
zeros = torch._make_per_tensor_quantized_tensor(torch.zeros(2, 1, 2, 1, 1, dtype=torch.uint8), 0.1, 0)
for _ in range(2):
    show("upsample_nearest3d of zeros, size unchanged:", torch.ops.aten.upsample_nearest3d(zeros, [2, 1, 1]), zeros)

# 3. quantized::add_scalar_out(a, b, a), as torch's TorchScript fusion emits it for `a.add_(b)`:
#    when it requantizes, it keeps the input codes under the new scale (12.47 for 11 + 1).
a = codes([110, 5])
print("add_scalar_out(a, 1.0, a) for a = [11.0, 0.5]:", torch.ops.quantized.add_scalar_out(a.clone(), 1.0, a.clone())
      .dequantize().tolist(), "out-of-place:", torch.ops.quantized.add_scalar(a, 1.0).dequantize().tolist(),
      "aliased:", torch.ops.quantized.add_scalar_out(a, 1.0, a).dequantize().tolist())

# 4. onednn: quantized::conv2d_add takes an accumulator that broadcasts against the conv output
#    and returns a tensor of the accumulator's shape (and may corrupt memory: a child runs it).
broadcast = """
import warnings
import torch
import torch.nn.functional as F
warnings.filterwarnings("ignore")
torch.backends.quantized.engine = "onednn"
torch.manual_seed(0)
xq = torch.quantize_per_tensor(torch.rand(1, 2, 4, 4), 0.02, 10, torch.quint8)
wq = torch.quantize_per_tensor(torch.randn(3, 2, 3, 3), 0.02, 0, torch.qint8)
accumulator = torch.quantize_per_tensor(torch.randn(1, 3, 1, 1), 0.05, 128, torch.quint8)
packed = torch.ops.quantized.conv2d_prepack(wq, None, [1, 1], [1, 1], [1, 1], 1)
out = torch.ops.quantized.conv2d_add(xq, accumulator, packed, 0.1, 100)
reference = F.conv2d(xq.dequantize(), wq.dequantize(), None, 1, 1) + accumulator.dequantize()
print("onednn conv2d_add with a 1x3x1x1 accumulator: result shape", tuple(out.shape), "reference shape",
      tuple(reference.shape), flush=True)
"""
print("exit status", subprocess.run([sys.executable, "-c", broadcast]).returncode)

# 5. fbgemm's conv2d_unpack returns weights with channels-last strides; the float CPU conv2d
#    crashes on such a 1x1x2x1 weight with dilation (a child process runs it).
crash = """
import torch
weight = torch.empty_strided((1, 1, 2, 1), (2, 1, 1, 1)).copy_(torch.randn(1, 1, 2, 1))
torch.nn.functional.conv2d(torch.randn(2, 1, 1, 1), weight, torch.randn(1), [1, 2], [1, 1], [1, 2])
"""
status = subprocess.run([sys.executable, "-c", crash]).returncode
print("float conv2d with a weight of strides (2, 1, 1, 1) and dilation [1, 2]: exit status", status,
      "(negative: killed by a signal)")

# 6. oneDNN int8 conv (`onednn::qconv_pointwise`, what the PT2E x86 lowering runs, on any
#    quantized engine) crashes on a 1-wide input with a 1-wide kernel, padding 1, stride 2 and
#    dilation 2 along that dimension (case 5 is the float conv meeting the same geometry).
onednn_crash = """
import torch
x = torch.full((1, 1, 1, 1), 100, dtype=torch.uint8)
w = torch.ones((1, 1, 1, 1), dtype=torch.int8)
scales, zero_points = torch.full((1,), 0.1), torch.zeros(1, dtype=torch.int64)
packed = torch.ops.onednn.qconv_prepack(w, scales, 0.2, 0, [1, 2], [0, 1], [1, 2], 1, None)
torch.ops.onednn.qconv_pointwise(x, 0.2, 0, packed, scales, zero_points, None, [1, 2], [0, 1], [1, 2], 1,
                                 1.0, 0, torch.float32, "none", [], "")
"""
status = subprocess.run([sys.executable, "-c", onednn_crash]).returncode
print("onednn::qconv_pointwise, 1x1x1x1 input and kernel, stride [1, 2], padding [0, 1], dilation [1, 2]: "
      "exit status", status, "(negative: killed by a signal; the float conv gives 1x1x1x2 zeros)")

# 7. The same kernel reads outside its input when a dilated kernel's taps all fall on padding
#    (a 1-wide input, kernel width 2, dilation 2, padding 1, two groups): the float conv gives
#    zeros, the kernel a nonzero value in the second group (in the verification run, where the
#    memory around held other values, up to 366113).
x = torch.tensor([[[[250]], [[0]]]], dtype=torch.uint8)
w = torch.tensor([[[[0, 0]]], [[[0, 0]]], [[[0, 0]]], [[[-37, 89]]]], dtype=torch.int8)
scales, zero_points = torch.full((4,), 0.02), torch.zeros(4, dtype=torch.int64)
packed = torch.ops.onednn.qconv_prepack(w, scales, 0.02, 23, [1, 1], [1, 1], [1, 2], 2, None)
kernel = torch.ops.onednn.qconv_pointwise(x, 0.02, 23, packed, scales, zero_points, None, [1, 1], [1, 1], [1, 2], 2,
                                          1.0, 0, torch.float32, "none", [], "")
expected = F.conv2d((x.float() - 23) * 0.02, w.float() * 0.02, None, [1, 1], [1, 1], [1, 2], 2)
print(f"onednn::qconv_pointwise, dilated taps on padding only:\n  kernel    {kernel.flatten().tolist()}\n"
      f"  reference {expected.flatten().tolist()}")

# 8. The same kernel miscomputes the input zero point's compensation on a grouped conv with
#    padding and stride (batch 2, 3 groups of 3 output channels, a 2x2 input and kernel,
#    stride [1, 2], padding [1, 0]): an input of zero-point codes (0.0 everywhere) gives up
#    to 78.8 where the float conv gives 0. Batch 1, one group, no padding or stride 1 are right.
x = torch.full((2, 3, 2, 2), 197, dtype=torch.uint8)
w = torch.full((9, 1, 2, 2), 100, dtype=torch.int8)
scales, zero_points = torch.full((9,), 0.02), torch.zeros(9, dtype=torch.int64)
packed = torch.ops.onednn.qconv_prepack(w, scales, 0.1, 197, [1, 2], [1, 0], [1, 1], 3, None)
kernel = torch.ops.onednn.qconv_pointwise(x, 0.1, 197, packed, scales, zero_points, None, [1, 2], [1, 0], [1, 1], 3,
                                          1.0, 0, torch.float32, "none", [], "")
print(f"onednn::qconv_pointwise, grouped, padded, strided, input all zero point: largest |result| "
      f"{kernel.abs().max().item():.4g} (the float conv gives 0 everywhere)")
