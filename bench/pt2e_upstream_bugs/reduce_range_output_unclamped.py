"""With `reduce_range=True`, the int8 outputs of fused kernels are not clamped to 0..127.

The quantizer quantizes activations to 0..127 (`quant_max=127`); the lowering fuses the
quantize after a conv or linear into the kernel anyway, whose uint8 output spans
0..255. On the calibration inputs nothing shows; inputs beyond the calibrated range
come out wrong, where the reference clamps.
"""

import torch
import torch.nn as nn

from _flow import lower, quantize


def reproduce() -> list[str]:
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(4, 4, 3, padding=1), nn.ReLU(), nn.Conv2d(4, 4, 1)).eval()
    x = torch.randn(2, 4, 6, 6)
    reference = quantize(model, (x,), reduce_range=True)
    lowered = lower(quantize(model, (x,), reduce_range=True), (x,))
    lines = []
    with torch.no_grad():
        for scale in (1, 4):
            expected = reference(scale * x)
            error = (lowered(scale * x) - expected).abs().max().item()
            lines.append(f"inputs x{scale}: max |lowered - reference| = {error:.3g} "
                         f"(max |reference| = {expected.abs().max().item():.3g})")
    return lines


if __name__ == "__main__":
    print("\n".join(reproduce()))
