"""`torch.add(op(x), other, alpha=2)` is fused as a plain sum: alpha is dropped.

Inductor's pattern matcher compares only the kwargs a pattern names and ignores the
rest of the node's kwargs, and the conv/linear binary patterns do not name `alpha`.
"""

import torch
import torch.nn as nn

from _flow import fused_kinds, lower, quantize


class ConvAlpha(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv_a, self.conv_b = nn.Conv2d(3, 4, 3, padding=1), nn.Conv2d(3, 4, 3, padding=1)

    def forward(self, x):
        return torch.add(self.conv_a(x), self.conv_b(x), alpha=2)


class LinearAlpha(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc_a, self.fc_b = nn.Linear(8, 8), nn.Linear(8, 8)

    def forward(self, x):
        return torch.add(self.fc_a(x), self.fc_b(x), alpha=2)


def reproduce() -> list[str]:
    lines = []
    torch.manual_seed(0)
    for model, x in ((ConvAlpha(), torch.randn(2, 3, 6, 6)), (LinearAlpha(), torch.randn(2, 8))):
        reference = quantize(model, (x,))
        expected = reference(x)
        lowered = lower(reference, (x,))
        error = (lowered(x) - expected).abs().max().item()
        lines.append(f"{type(model).__name__}: fused {fused_kinds(lowered)}; max |lowered - reference| = "
                     f"{error:.3f} (max |reference| = {expected.abs().max().item():.3f})")
    return lines


if __name__ == "__main__":
    print("\n".join(reproduce()))
