"""`onednn.qlinear_pointwise` given an int8 weight that was not prepacked kills the process.

`onednn.qconv_pointwise` checks and raises ("Weight should be prepacked as an MKLDNN
tensor"); the linear kernel dereferences it and segfaults. Run in a child process.
"""

import subprocess
import sys

_CHILD = """
import torch, torchao.quantization.pt2e
qx = torch.randint(0, 255, (2, 8), dtype=torch.uint8)
w = torch.randint(-127, 127, (6, 8), dtype=torch.int8)
torch.ops.onednn.qlinear_pointwise(qx, 0.02, 128, w, torch.ones(6), torch.zeros(6, dtype=torch.int64),
                                   None, 1.0, 0, torch.float32, "none", [], "")
print("returned")
"""


def reproduce() -> list[str]:
    child = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True)
    outcome = "returned normally" if child.returncode == 0 else f"exit code {child.returncode}"
    if child.returncode == -11:
        outcome += " (SIGSEGV)"
    return [f"qlinear_pointwise with an unpacked int8 weight: {outcome}"]


if __name__ == "__main__":
    print("\n".join(reproduce()))
