"""The benchmarks' models: the zoo's scaled models (tests/support/models.py) in the state
finalize receives them, cached on disk.

Each model is built the way users build one: script an eager model, `prepare_jit`
(or `prepare_dynamic_jit`), calibrate once, `convert_jit(m, debug=True)`. Building a
400-block model takes tens of seconds to minutes (scripting and observer insertion
dominate), so built models are cached with `torch.jit.save` under
`bench/results/cache/`, keyed by the zoo's model code and the torch version.
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import torch

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # the scripts run as `python bench/x.py`: the zoo is tests.support

from tests.support import models as zoo  # noqa: E402
from tests.support.architectures import scaled as scaled_architectures  # noqa: E402
from tests.support.graphs import nodes  # noqa: E402

SHAPES = scaled_architectures.SHAPES
"""Model shapes; `mlp_dynamic` is the transformer-MLP shape with dynamic quantization."""

BLOCK_COUNTS = (10, 50, 200, 400)
"""Model sizes the benchmarks run by default."""

DEFAULT_CACHE_DIR = Path(__file__).resolve().parent / "results" / "cache"


@dataclass(frozen=True)
class BuiltModel:
    """A pre-finalize quantized module and what is needed to run and finalize it."""

    shape: str
    """One of SHAPES."""
    blocks: int
    """Number of repeated blocks."""
    module: torch.jit.ScriptModule
    """The output of `convert_jit(..., debug=True)` (or its dynamic counterpart)."""
    example_input: torch.Tensor
    """An input the module accepts; also used for the output equality check."""
    quant_type: int
    """0 = dynamic, 1 = static, as torch's `QuantType`."""
    build_seconds: float
    """Wall time to build (or load from cache) the module."""
    from_cache: bool
    """Whether the module was loaded from the cache."""


def _cache_key() -> str:
    """Changes whenever the model definitions, the quantization recipe or torch change."""
    parts = [inspect.getsource(scaled_architectures), inspect.getsource(zoo.debug_module),
             inspect.getsource(zoo.scaled), torch.__version__]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]


def build(shape: str, blocks: int, cache_dir: Path | None = DEFAULT_CACHE_DIR) -> BuiltModel:
    """The pre-finalize module of `shape` with `blocks` blocks, from the cache if there.

    `cache_dir=None` always builds and never writes.
    """
    start = time.perf_counter()
    model = zoo.scaled(shape, blocks)
    example, = zoo.seeded_inputs(model)
    path = None if cache_dir is None else Path(cache_dir) / f"{shape}-{blocks}-{_cache_key()}.pt"
    if path is not None and path.exists():
        module = torch.jit.load(str(path))
        # Loading recompiles the saved code, which spells constant int lists as
        # prim::ListConstruct; convert_jit ends with these two passes, and after
        # them the graph has the built graph's op nodes, in the same order (only
        # the number and place of prim::Constant nodes differ).
        torch._C._jit_pass_constant_propagation(module.graph)
        torch._C._jit_pass_dce(module.graph)
        return BuiltModel(shape, blocks, module, example, model.quant_type, time.perf_counter() - start, True)
    module = zoo.debug_module(model)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        torch.jit.save(module, str(path))
    return BuiltModel(shape, blocks, module, example, model.quant_type, time.perf_counter() - start, False)


def node_count(graph: torch._C.Graph) -> int:
    """Number of nodes in `graph`, nested blocks included."""
    return sum(1 for _ in nodes(graph))


def main() -> None:
    """Build (and cache) every model; print build time and graph size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=SHAPES)
    parser.add_argument("--blocks", nargs="+", type=int, default=list(BLOCK_COUNTS))
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE_DIR)
    parser.add_argument("--no-cache", action="store_true", help="build, do not read or write the cache")
    args = parser.parse_args()
    print(f"{'shape':<12} {'blocks':>6} {'nodes':>7} {'seconds':>8}  source")
    for shape in args.shapes:
        for blocks in args.blocks:
            model = build(shape, blocks, None if args.no_cache else args.cache_dir)
            source = "cache" if model.from_cache else "built"
            print(f"{shape:<12} {blocks:>6} {node_count(model.module.graph):>7} "
                  f"{model.build_seconds:>8.2f}  {source}", flush=True)


if __name__ == "__main__":
    main()
