"""The in-place `sum` post-op writes into tensors the caller owns.

For a float-output `linear + add`, the lowering passes the add's other operand as the
accumulator of `qlinear_pointwise.binary(..., 'sum', ...)`, which the kernel overwrites
and returns. When that operand is the model input, the caller's tensor changes; when it
is a parameter, the parameter (shared with the float model) changes on every call.
"""

import copy

import torch
import torch.nn as nn

from _flow import fused_kinds, lower, quantize


class LinearPlusInput(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 8)

    def forward(self, x):
        return self.fc(x) + x


class LinearPlusParameter(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 8)
        self.offset = nn.Parameter(torch.randn(1, 8))

    def forward(self, x):
        return self.fc(x) + self.offset


def reproduce() -> list[str]:
    torch.manual_seed(0)
    x = torch.randn(2, 8)
    lowered = lower(quantize(LinearPlusInput(), (x,)), (x,))
    caller_x = x.clone()
    lowered(caller_x)
    lines = [f"linear(x) + x: fused {fused_kinds(lowered)}; caller's x changed by the call: "
             f"{not torch.equal(caller_x, x)} (max change {(caller_x - x).abs().max().item():.3f})"]

    model = LinearPlusParameter()
    x = torch.randn(1, 8)
    pristine = copy.deepcopy(model)
    lowered = lower(quantize(model, (x,)), (x,))
    with torch.no_grad():
        expected = pristine(x)
        outputs = [lowered(x).clone() for _ in range(3)]
    drift = [f"{(out - expected).abs().max().item():.3f}" for out in outputs]
    lines.append(f"linear(x) + self.offset: fused {fused_kinds(lowered)}; max |output - float model| on calls 1..3: "
                 f"{', '.join(drift)}; float model's own offset overwritten: "
                 f"{not torch.equal(model.offset, pristine.offset)}")
    return lines


if __name__ == "__main__":
    print("\n".join(reproduce()))
