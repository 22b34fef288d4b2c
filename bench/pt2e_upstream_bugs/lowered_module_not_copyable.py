"""The lowered module cannot be deep-copied, its state_dict cannot be saved, nor can it be
re-exported and saved with torch.export.save.

Packed oneDNN weights are stored as ordinary buffers; they are opaque tensors without
storage, and every copy or serialisation path touches their storage.
"""

import copy
import io

import torch
import torch.nn as nn

from _flow import first_line, lower, quantize


def _attempt(action) -> str:
    try:
        action()
        return "ok"
    except Exception as error:
        return first_line(error)


def reproduce() -> list[str]:
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.Conv2d(4, 4, 1))
    x = torch.randn(2, 3, 6, 6)
    reference = quantize(model, (x,))
    lowered = lower(reference, (x,))
    opaque = [name for name, buffer in lowered.named_buffers() if buffer.is_mkldnn]

    def export_and_save():
        torch.export.save(torch.export.export(lowered, (x,), strict=False), io.BytesIO())

    return [
        f"packed weights held as buffers: {opaque}",
        f"copy.deepcopy(reference): {_attempt(lambda: copy.deepcopy(reference))}",
        f"copy.deepcopy(lowered): {_attempt(lambda: copy.deepcopy(lowered))}",
        f"torch.save(lowered.state_dict()): {_attempt(lambda: torch.save(lowered.state_dict(), io.BytesIO()))}",
        f"torch.export.save(export(lowered)): {_attempt(export_and_save)}",
    ]


if __name__ == "__main__":
    print("\n".join(reproduce()))
