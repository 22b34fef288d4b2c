"""`python -m qdsl.backends.torchscript.demo`: finalize a small real model with qdsl and with torch, side by side.

The model (conv / relu / residual add / pool / linear) is quantized by torch's graph
mode API (`prepare_jit`, calibration, `convert_jit(debug=True)`); then qdsl's
`finalize` and torch's C++ `_jit_pass_quant_finalize` each finalize their own copy.
Exit status 1 if the two disagree.
"""

from __future__ import annotations

import sys
import warnings
from collections import Counter

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.ao.quantization import convert_jit, default_qconfig, prepare_jit

from . import torch_api
from .finalize import finalize_with_report
from .graph import all_nodes


class DemoNet(nn.Module):
    """A residual conv block with pooling and a linear head."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.body = nn.Conv2d(8, 8, 3, padding=1)
        self.head = nn.Linear(8, 4)

    def forward(self, x):
        y = F.relu(self.stem(x))
        y = y + self.body(y)
        y = F.adaptive_avg_pool2d(F.max_pool2d(y, 2), 1)
        return self.head(torch.flatten(y, 1))


def node_kinds(graph: torch._C.Graph) -> list[str]:
    return [node.kind() for node in all_nodes(graph)]


def show_kinds(title: str, kinds: list[str]) -> None:
    counts = Counter(kind for kind in kinds if kind not in ("prim::Constant", "prim::GetAttr"))
    print(f"{title} ({len(kinds)} nodes; constants and attribute reads not listed)")
    for kind, count in sorted(counts.items()):
        print(f"    {count:3d}  {kind}")


def main() -> int:
    warnings.filterwarnings("ignore", message="`torch.jit.script` is deprecated", category=DeprecationWarning)
    torch.manual_seed(0)
    generator = torch.Generator().manual_seed(0)
    calibration = [torch.randn(2, 3, 8, 8, generator=generator) for _ in range(4)]
    prepared = prepare_jit(torch.jit.script(DemoNet().eval()), {"": default_qconfig})
    for batch in calibration:
        prepared(batch)
    debug = convert_jit(prepared, debug=True)
    theirs_input = torch_api.clone_module(debug._c)

    report = finalize_with_report(debug)
    theirs = torch_api.wrap(torch._C._jit_pass_quant_finalize(theirs_input, 1, []))
    ours = report.module

    print("qdsl finalize of DemoNet (conv / relu / add / pool / linear)\n")
    print("rules that fired:")
    for stage, rewrites in (("prepack", report.prepack), ("fusion", report.fusion)):
        for name, count in sorted(Counter(rewrite.rule.name for rewrite in rewrites).items()):
            print(f"    {stage:8s} {name:32s} x{count}")
    print()
    show_kinds("forward before finalize", node_kinds(debug.graph))
    show_kinds("forward after qdsl finalize", node_kinds(ours.graph))
    print()

    same_graph = node_kinds(ours.graph) == node_kinds(theirs.graph)
    test_input = torch.randn(2, 3, 8, 8, generator=generator)
    ours_out, theirs_out, debug_out = ours(test_input), theirs(test_input), debug(test_input)
    same_output = torch.equal(ours_out, theirs_out)
    print(f"same node kinds as torch's _jit_pass_quant_finalize: {same_graph}")
    print(f"bit-identical output to torch's finalized module:    {same_output}")
    print(f"max |qdsl - unfinalized debug module|:               {(ours_out - debug_out).abs().max().item():.6f}")
    return 0 if same_graph and same_output else 1


if __name__ == "__main__":
    sys.exit(main())
