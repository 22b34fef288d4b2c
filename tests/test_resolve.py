"""The resolve stage: argument types checked against the chosen overload, as torch's IR does.

The acceptance rule is compared with torch's own schema matching (`parse_ir` builds
the node, `Node.schema()` is its overload or "(no schema)") for every overload of a
set of operators, every argument position and every kind of value; the diagnostics
are tested on the mistakes a rule author makes.
"""

import re

import pytest
import torch

from qdsl import QdslError, compile_source
from qdsl import jit_types, schemas

OPERATORS = (
    "aten::quantize_per_tensor", "aten::dequantize", "aten::add", "aten::add_", "aten::mul", "aten::cat",
    "aten::conv2d", "aten::conv_transpose1d", "aten::linear", "aten::relu", "aten::clamp", "aten::hardtanh",
    "aten::upsample_nearest2d", "aten::upsample_bilinear2d", "aten::mean", "aten::batch_norm",
    "aten::layer_norm", "aten::elu", "aten::leaky_relu", "aten::scalar_tensor", "aten::item", "aten::q_scale",
    "aten::zeros", "aten::to", "aten::index", "aten::max_pool2d", "aten::_choose_qparams_per_tensor",
    "aten::quantize_per_channel", "aten::full", "aten::where", "prim::dtype", "quantized::add",
    "quantized::add_scalar", "quantized::conv2d", "quantized::conv2d_prepack", "quantized::linear_dynamic",
    "quantized::linear_unpack", "quantized::batch_norm", "quantized::elu", "quantized::clamp",
)
VALUE_TYPES = (
    "Tensor", "Tensor?", "int", "float", "bool", "str", "NoneType", "complex", "Scalar", "int[]", "float[]",
    "bool[]", "Tensor[]", "Tensor?[]", "int?", "float?", "int[]?", "Scalar?", "Device", "Generator",
    "__torch__.torch.classes.quantized.LinearPackedParamsBase",
)


def annotation(jit_type) -> str | None:
    """The IR annotation of a parameter type (None for one with a type variable)."""
    if jit_types.is_wildcard(jit_type):
        return None
    return schemas.ir_type(jit_type) or "Tensor"


def torch_overload(op: str, annotations: list[str], outputs: int) -> str | None:
    """The overload torch's IR gives a node of `op` with inputs of these types, or None."""
    header = ", ".join(f"%x{i} : {a}" for i, a in enumerate(annotations))
    results = ", ".join(f"%r{i}" for i in range(outputs))
    inputs = ", ".join(f"%x{i}" for i in range(len(annotations)))
    graph = torch._C.parse_ir(f"graph({header}):\n  {results} = {op}({inputs})\n  return ()")
    schema = next(n for n in graph.nodes() if n.kind() == op).schema()
    return None if schema == "(no schema)" else schema


def qdsl_overloads(op: str, annotations: list[str], outputs: int) -> list:
    """The overloads qdsl's acceptance rule lets take inputs of these types."""
    types = [torch._C.parse_ir(f"graph(%x : {a}):\n  return (%x)").inputs().__next__().type() for a in annotations]
    universe = frozenset(jit_types.atom(t) for t in types) | frozenset(
        a for s in schemas.schemas_for(op) for item in (*s.arguments, *s.returns)
        for a in jit_types.inhabitants(item.type))
    return [s for s in schemas.fitting(op, None, len(types), outputs) if len(s.arguments) == len(types)
            and all(not jit_types.exactly(t).meet(jit_types.accepted(p.type, universe)).is_empty
                    for t, p in zip(types, s.arguments))]


def _cases():
    for op in OPERATORS:
        for schema in schemas.schemas_for(op):
            base = [annotation(a.type) for a in schema.arguments]
            if None not in base and schema.returns:  # a qdsl call has at least one result
                yield op, schema, base


@pytest.mark.parametrize("op", OPERATORS)
def test_argument_acceptance_is_torchs_schema_matching(op):
    """Each overload's own parameter types, then each argument replaced by each kind of
    value: qdsl accepts exactly what torch matches, except where the overload it accepts
    has a type variable (unified by torch, accepted as anything by qdsl)."""
    disagreements = []
    checked = 0
    for _, schema, base in (case for case in _cases() if case[0] == op):
        outputs = len(schema.returns)
        for position in range(len(base)):
            for value_type in VALUE_TYPES:
                annotations = [*base[:position], value_type, *base[position + 1:]]
                by_torch = torch_overload(op, annotations, outputs)
                by_qdsl = qdsl_overloads(op, annotations, outputs)
                checked += 1
                lenient = by_qdsl and all(any(jit_types.is_wildcard(p.type) for p in s.arguments) for s in by_qdsl)
                if bool(by_torch) != bool(by_qdsl) and not (by_qdsl and not by_torch and lenient):
                    disagreements.append((schema.overload_name, position, value_type, by_torch,
                                          [s.overload_name for s in by_qdsl]))
    assert checked > 0
    assert disagreements == []
