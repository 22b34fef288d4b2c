"""Three lowered modules that raise when run eagerly, while the reference runs.

oneDNN int8 convolutions return channels_last tensors. After conv → flatten, the
lowering's re-export has turned `flatten` into `aten.view`, which cannot view a
channels_last tensor as (N, C*H*W); a `view` the user wrote fails the same way. In
`conv(x) + x`, the `sum` post-op requires a channels_last accumulator, and the
dequantized model input is NCHW-contiguous.
"""

import torch
import torch.nn as nn

from _flow import first_line, lower, quantize


class ConvFlattenLinear(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv, self.relu, self.fc = nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.Linear(4 * 6 * 6, 5)

    def forward(self, x):
        return self.fc(torch.flatten(self.relu(self.conv(x)), 1))


class ConvViewLinear(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv, self.relu, self.fc = nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.Linear(4 * 6 * 6, 5)

    def forward(self, x):
        y = self.relu(self.conv(x))
        return self.fc(y.view(y.shape[0], -1))


class ConvPlusInput(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, x):
        return self.conv(x) + x


def reproduce() -> list[str]:
    torch.manual_seed(0)
    lines = []
    for model, x in ((ConvFlattenLinear(), torch.randn(2, 3, 6, 6)), (ConvViewLinear(), torch.randn(2, 3, 6, 6)),
                     (ConvPlusInput(), torch.randn(2, 4, 6, 6))):
        reference = quantize(model, (x,))
        reference(x)
        lowered = lower(reference, (x,))
        try:
            lowered(x)
            outcome = "runs"
        except RuntimeError as error:
            outcome = first_line(error)
        lines.append(f"{type(model).__name__}: reference runs; lowered: {outcome}")
    return lines


if __name__ == "__main__":
    print("\n".join(reproduce()))
