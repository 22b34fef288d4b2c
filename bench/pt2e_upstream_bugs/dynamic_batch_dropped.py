"""A model exported with a dynamic batch dimension comes back specialised to one batch size.

The lowering re-exports the quantized module with `torch.export.export(model,
example_inputs)` and no `dynamic_shapes`, so the user's dynamic dimensions are lost.
"""

import torch
import torch.nn as nn
from torch.export import Dim

from _flow import first_line, lower, quantize


def reproduce() -> list[str]:
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.Conv2d(4, 4, 1))
    x = torch.randn(2, 3, 6, 6)
    reference = quantize(model, (x,), dynamic_shapes=({0: Dim("batch")},))
    other_batch = torch.randn(5, 3, 6, 6)
    lines = [f"reference, batch 5: output {tuple(reference(other_batch).shape)}"]
    lowered = lower(reference, (x,))
    try:
        lines.append(f"lowered, batch 5: output {tuple(lowered(other_batch).shape)}")
    except Exception as error:  # the guard raises a plain RuntimeError / AssertionError
        lines.append(f"lowered, batch 5: {first_line(error)}")
    return lines


if __name__ == "__main__":
    print("\n".join(reproduce()))
