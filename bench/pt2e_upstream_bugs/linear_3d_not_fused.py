"""Linear on 3-D inputs (every transformer block) is not fused at all.

The lowering re-exports with only the CompositeImplicit decompositions, which turn a
3-D `aten.linear` into `view → permute → addmm → view`; the 3-D patterns expect
`aten.reshape` around `addmm`, so nothing matches and the linear stays float.
"""

import torch
import torch.nn as nn

from _flow import fused_kinds, lower, quantize


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1, self.relu, self.fc2 = nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 8)

    def forward(self, x):
        return self.fc2(self.relu(self.fc1(x)))


def reproduce() -> list[str]:
    torch.manual_seed(0)
    lines = []
    for x in (torch.randn(10, 8), torch.randn(2, 5, 8)):
        lowered = lower(quantize(Mlp(), (x,)), (x,))
        around = sorted({str(n.target) for n in lowered.graph.nodes if n.op == "call_function"
                         and str(n.target).split(".")[1] in ("view", "reshape", "addmm", "permute")})
        lines.append(f"MLP on {tuple(x.shape)}: fused {fused_kinds(lowered)}; float ops left: {around}")
    return lines


if __name__ == "__main__":
    print("\n".join(reproduce()))
