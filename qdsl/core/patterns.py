"""The backend-neutral form of a rule's two sides: a `PatternGraph`.

Lowering produces one per side. It is plain data (no torch objects, no IR text):
operator calls with their resolved schema overloads, constants, typed values with the
`.qpat` names and source spans, multi-output nodes. Each backend renders it (TorchScript
IR, torch.fx graphs) or matches with it directly.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cached_property
from typing import Any

from ..diagnostics import SourceLocation

LITERAL_KINDS = ("int", "float", "bool", "none", "str", "int_list")
"""The kinds of constants a rule can write."""


@dataclass(frozen=True)
class Constant:
    """A literal value of a rule: `1`, `0.5`, `true`, `None`, `"tanh"`, `[1, 1]`, dtype names (ints)."""

    kind: str
    """One of `LITERAL_KINDS`."""
    value: Any
    """The Python value; a tuple of ints for `int_list`."""

    @classmethod
    def of(cls, value: Any, sequences: tuple[type, ...] = (list, tuple)) -> "Constant | None":
        """The literal a Python value is, or None when it is none of the literal kinds
        (an int list is one of `sequences` holding only ints)."""
        if value is None:
            return cls("none", None)
        for kind, python_type in (("bool", bool), ("int", int), ("float", float), ("str", str)):
            if type(value) is python_type:
                return cls(kind, value)
        if isinstance(value, sequences) and all(type(item) is int for item in value):
            return cls("int_list", tuple(value))
        return None

    def __str__(self) -> str:
        if self.kind == "bool":
            return "true" if self.value else "false"
        if self.kind == "none":
            return "None"
        if self.kind == "str":
            return f'"{self.value}"'
        if self.kind == "int_list":
            return "[" + ", ".join(str(v) for v in self.value) + "]"
        return repr(self.value)


@dataclass(frozen=True)
class PatternValue:
    """One value of a pattern graph: a capture (graph input), a node output or a constant."""

    name: str
    """Unique within the rule; a capture has the same name on both sides. User-written
    names are the `.qpat` variables; others are made from the op or parameter name."""
    type: str
    """Its torch schema type as written in schemas (`Tensor`, `Tensor?`, `int`, `float`,
    `Scalar`, `int[]`, `Tensor[]`, ...), or '' where no single type is known."""
    span: SourceLocation
    """What wrote it: the capture's first occurrence, the call, or the literal."""


@dataclass(frozen=True)
class PatternNode:
    """One operator call or constant of a pattern graph."""

    op: str
    """The operator, `ns::name`; '' for a constant."""
    overload: str
    """The schema overload the call resolved to ('' for the default overload)."""
    inputs: tuple[int, ...]
    """Value indices of the arguments, in schema order."""
    outputs: tuple[int, ...]
    """Value indices of the results."""
    span: SourceLocation
    """The call (or literal) as written; inside a macro, in the macro's body."""
    argument_names: tuple[str, ...] = ()
    """The schema's parameter names of `inputs` (backends with keyword arguments use them)."""
    constant: Constant | None = None
    """For a constant node, its literal."""
    macro: str = ""
    """The macro whose body wrote this call, or '' when written in the rule itself."""
    named: bool = False
    """The rule names the overload (`dequantize.tensors(x)`), rather than leaving it to
    resolution; a backend whose IR has no overloads types the call by it alone."""

    @property
    def kind(self) -> str:
        """A display name: the op, or `constant`."""
        return self.op or "constant"


@dataclass(frozen=True)
class PatternGraph:
    """One side of a rule: nodes in evaluation order over named, typed values.

    A graph read from a generated module (`from_record`) keeps its record and decodes
    all fields on the first read of any (`__getattr__` runs only for an attribute not yet
    set): loading the shipped rules then allocates almost nothing, and an engine decodes
    only the graphs of the rules it tries. Equality, hashing, `repr`, copying and
    `dataclasses.replace` read the fields, so they see a decoded graph.
    """

    values: tuple[PatternValue, ...]
    """Every value; captures first, in order of first appearance."""
    nodes: tuple[PatternNode, ...]
    """Nodes in evaluation order (each after the producers of its inputs)."""
    inputs: tuple[int, ...]
    """Value indices of the captures: the graph's inputs."""
    outputs: tuple[int, ...]
    """Value indices of the results."""

    @cached_property
    def producers(self) -> tuple[int | None, ...]:
        """Per value, the index of the node producing it (None for a capture)."""
        producer: list[int | None] = [None] * len(self.values)
        for index, node in enumerate(self.nodes):
            for value in node.outputs:
                producer[value] = index
        return tuple(producer)

    @cached_property
    def use_counts(self) -> tuple[int, ...]:
        """Per value, its uses as a node input or graph output (as torch counts uses)."""
        counts = [0] * len(self.values)
        for node in self.nodes:
            for value in node.inputs:
                counts[value] += 1
        for value in self.outputs:
            counts[value] += 1
        return tuple(counts)

    @cached_property
    def index_of(self) -> dict[str, int]:
        """Value name -> index."""
        return {value.name: index for index, value in enumerate(self.values)}

    @property
    def anchor(self) -> int:
        """The node producing the first output: where matching starts."""
        producer = self.producers[self.outputs[0]]
        if producer is None:
            raise ValueError("the first output of a pattern must be produced by a node")
        return producer

    def op_kinds(self) -> frozenset[str]:
        """The operators called (constants excluded)."""
        return frozenset(node.op for node in self.nodes if node.op)

    def value(self, name: str) -> PatternValue:
        return self.values[self.index_of[name]]

    def format(self, title: str) -> str:
        """A stable text form: `title(captures):`, one line per node, `return (...)`."""
        def shown(index: int) -> str:
            value = self.values[index]
            return f"%{value.name}" + (f" : {value.type}" if value.type else "")

        lines = [f"{title}({', '.join(shown(i) for i in self.inputs)}):"]
        for node in self.nodes:
            outputs = ", ".join(shown(i) for i in node.outputs)
            if node.constant is not None:
                lines.append(f"  {outputs} = constant {node.constant}")
                continue
            op = node.op + (f".{node.overload}" if node.overload else "")
            lines.append(f"  {outputs} = {op}({', '.join('%' + self.values[i].name for i in node.inputs)})")
        lines.append(f"  return ({', '.join('%' + self.values[i].name for i in self.outputs)})")
        return "\n".join(lines) + "\n"

    def to_record(self, filename: str) -> tuple:
        """Plain nested tuples for the generated artifact (see `from_record`); spans in
        `filename` are written without it."""
        def span(location: SourceLocation) -> tuple:
            return location.as_tuple()[1:] if location.filename == filename else location.as_tuple()

        return (
            tuple((v.name, v.type, span(v.span)) for v in self.values),
            tuple((n.op, n.overload, n.inputs, n.outputs, span(n.span), n.argument_names,
                   None if n.constant is None else (n.constant.kind, n.constant.value), n.macro, n.named)
                  for n in self.nodes),
            self.inputs,
            self.outputs,
        )

    @classmethod
    def from_record(cls, record: tuple, filename: str) -> "PatternGraph":
        """The graph of a `to_record` record, decoded on first use of a field."""
        graph = object.__new__(cls)
        graph.__dict__["_record"] = (record, filename)
        return graph

    def __getattr__(self, name: str):
        pending = self.__dict__.get("_record")
        if pending is None or name not in _FIELD_NAMES:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        self.__dict__.update(zip(_FIELD_NAMES, _decoded(*pending)))
        self.__dict__.pop("_record", None)  # another thread may have decoded it meanwhile
        return self.__dict__[name]


_FIELD_NAMES = tuple(field.name for field in fields(PatternGraph))


def _decoded(record: tuple, filename: str) -> tuple:
    """The field values of a `PatternGraph.to_record` record, in field order."""
    def span(location: tuple) -> SourceLocation:
        return SourceLocation(filename, *location) if len(location) == 4 else SourceLocation(*location)

    values, nodes, inputs, outputs = record
    return (
        tuple(PatternValue(name, type_, span(location)) for name, type_, location in values),
        tuple(PatternNode(op, overload, tuple(ins), tuple(outs), span(location), tuple(arguments),
                          None if constant is None else Constant(*constant), macro, named)
              for op, overload, ins, outs, location, arguments, constant, macro, named in nodes),
        tuple(inputs),
        tuple(outputs),
    )
