"""hardtanh / relu6 / hardswish / silu after conv and gelu after linear are never fused.

The unary post-op patterns are written against Inductor's decompositions
(`clamp_min → clamp_max`, `x * clamp(x + 3, 0, 6) / 6`, `x / (1 + exp(-x))`, the erf
and tanh forms of gelu). The lowering decomposes only CompositeImplicit ops, so these
activations reach the matcher as single ATen ops, and only relu is ever fused.
"""

import torch
import torch.nn as nn

from _flow import lower, quantize


class ConvAct(nn.Module):
    def __init__(self, act):
        super().__init__()
        self.conv, self.act, self.tail = nn.Conv2d(4, 4, 3, padding=1), act, nn.Conv2d(4, 4, 1)

    def forward(self, x):
        return self.tail(self.act(self.conv(x)))


class LinearAct(nn.Module):
    def __init__(self, act):
        super().__init__()
        self.fc, self.act, self.tail = nn.Linear(8, 8), act, nn.Linear(8, 4)

    def forward(self, x):
        return self.tail(self.act(self.fc(x)))


def _post_ops(module):
    return [node.args[14] if "qconv" in str(node.target) else node.args[10]
            for node in module.graph.nodes if str(node.target).startswith("onednn.q")]


def reproduce() -> list[str]:
    torch.manual_seed(0)
    lines = []
    cases = [(ConvAct(act), torch.randn(2, 4, 6, 6)) for act in (nn.ReLU(), nn.ReLU6(), nn.Hardtanh(-0.5, 0.5),
                                                                 nn.Hardswish(), nn.SiLU())]
    cases += [(LinearAct(act), torch.randn(2, 8)) for act in (nn.ReLU(), nn.GELU(), nn.GELU(approximate="tanh"))]
    for model, x in cases:
        lowered = lower(quantize(model, (x,)), (x,))
        left = [str(n.target) for n in lowered.graph.nodes if n.op == "call_function"
                and str(n.target).split(".")[1] in ("hardtanh", "hardswish", "silu", "gelu")]
        tanh = "(tanh)" if getattr(model.act, "approximate", "none") == "tanh" else ""
        lines.append(f"{type(model).__name__}+{type(model.act).__name__}{tanh}: post-ops {_post_ops(lowered)}; "
                     f"activation left unfused: {left}")
    return lines


if __name__ == "__main__":
    print("\n".join(reproduce()))
