"""A conv whose result is never used makes `prepare_pt2e` crash with an IndexError.

`X86InductorQuantizer` takes `output_nodes[0]` of every conv source partition; a conv
with no users has none.
"""

import torch
import torch.nn as nn

from _flow import first_line, quantize


class UnusedBranch(nn.Module):
    def __init__(self):
        super().__init__()
        self.used, self.unused = nn.Conv2d(3, 4, 3), nn.Conv2d(3, 4, 3)

    def forward(self, x):
        self.unused(x)
        return self.used(x)


def reproduce() -> list[str]:
    x = torch.randn(1, 3, 8, 8)
    try:
        quantize(UnusedBranch(), (x,))
        return ["prepare_pt2e: ok"]
    except IndexError as error:
        return [f"prepare_pt2e: {first_line(error)}"]


if __name__ == "__main__":
    print("\n".join(reproduce()))
