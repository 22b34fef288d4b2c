"""A ReLU module called twice crashes `prepare_pt2e` (quantizer, not lowering).

torchvision's ResNet BasicBlock keeps one `self.relu` and calls it after the first conv
and after the residual add; the x86 quantizer groups nodes by module and raises.
"""

import torch
import torch.nn as nn

from _flow import first_line, quantize


class SharedRelu(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(4, 4, 3, padding=1), nn.Conv2d(4, 4, 3, padding=1)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        out = self.conv2(self.relu(self.conv1(x)))
        out += x
        return self.relu(out)


def reproduce() -> list[str]:
    torch.manual_seed(0)
    try:
        quantize(SharedRelu(), (torch.randn(2, 4, 6, 6),))
        return ["prepare_pt2e: ok"]
    except Exception as error:  # the quantizer's own error, whatever its type
        return [f"prepare_pt2e: {first_line(error)}"]


if __name__ == "__main__":
    print("\n".join(reproduce()))
