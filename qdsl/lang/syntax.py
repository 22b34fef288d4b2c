"""The AST of a `.qpat` file: frozen dataclasses, each node with the span it came from.

The parser builds these; `expand` turns them into concrete rules. Identifiers keep
their `{var}` / `{var:text}` interpolation parts until expansion.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass
from typing import Union

from ..diagnostics import SourceLocation


DTYPES = {
    "uint8": 0, "int8": 1, "int16": 2, "short": 2, "int32": 3, "int": 3, "int64": 4, "long": 4,
    "float16": 5, "half": 5, "float32": 6, "float": 6, "float64": 7, "double": 7, "bool": 11,
    "qint8": 12, "quint8": 13, "qint32": 14, "bfloat16": 15, "quint4x2": 16,
}
"""Dtype names (reserved words) and their torch ScalarType numbers."""

ENGINES = ("fbgemm", "qnnpack", "onednn", "x86")
"""The quantized engines (`torch.backends.quantized.engine`) an `engines` header may name."""
ALL_ENGINES = "all"
"""`engines all`: the rules below are valid on every engine (the default)."""

MAX_NESTING = 64
"""Deepest expression or guard nesting, as written (parser) and after macro expansion:
every later stage recurses on expressions, and this keeps them far from Python's limit."""


@dataclass(frozen=True)
class Interpolation:
    """A `{var}` or `{var:text}` part of an identifier."""

    var: str
    """The family variable it names."""
    text: str | None
    """For `{var:text}`, the text used when the choice is not `none`; else None."""


@dataclass(frozen=True)
class Ident:
    """An identifier as written, possibly containing interpolations."""

    parts: tuple[str | Interpolation, ...]
    """Literal text fragments and interpolations, in order."""
    span: SourceLocation
    """Where the identifier is written."""

    @property
    def plain(self) -> str | None:
        """The identifier's text when it has no interpolation, else None."""
        if all(isinstance(p, str) for p in self.parts):
            return "".join(self.parts)
        return None

    def interpolated(self, env) -> str:
        """The identifier with each interpolation replaced by its family variable's choice
        in `env` (`{var:text}` by `text`; a `none` choice by nothing)."""
        out = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            choice = env.get(part.var)
            if choice is not None:
                out.append(choice if part.text is None else part.text)
        return "".join(out)

    def written(self) -> str:
        """The identifier as the user wrote it (for messages)."""
        return "".join(
            p if isinstance(p, str)
            else "{" + p.var + ("" if p.text is None else ":" + p.text) + "}"
            for p in self.parts
        )


@dataclass(frozen=True)
class OpName:
    """`ns::name.overload`, each part optional but the name."""

    namespace: Ident | None
    """`aten`, `quantized`, ...; None when unqualified."""
    name: Ident
    """The operator's base name."""
    overload: Ident | None
    """The overload name after `.`, or None."""
    span: SourceLocation
    """The whole op name."""


@dataclass(frozen=True)
class Literal:
    """A constant: int, float, bool, None, str, int list or dtype name (an int)."""

    kind: str
    """`int`, `float`, `bool`, `none`, `str` or `int_list`."""
    value: object
    """The Python value (a tuple for `int_list`)."""
    span: SourceLocation
    """Where the literal is written."""


@dataclass(frozen=True)
class Var:
    """A variable: a capture, or a name bound by a binding."""

    name: Ident
    """The variable's identifier."""
    span: SourceLocation
    """Where this occurrence is written."""


@dataclass(frozen=True)
class Rest:
    """`...` as the last argument: the remaining schema arguments as captures."""

    span: SourceLocation
    """Where `...` is written."""


@dataclass(frozen=True)
class Call:
    """An op call, short form (`q`, `dq`), macro use or family-variable call."""

    op: OpName
    """What is called."""
    args: tuple["Expr", ...]
    """The arguments in order; a `Rest` can only be last."""
    span: SourceLocation
    """The whole call, its marker included."""
    marker: str | None = None
    """`commutative` (a pattern call whose first two arguments match in either order),
    `fold` (a prepack replacement call that finalize folds into an attribute), or None."""


@dataclass(frozen=True)
class ListExpr:
    """`[e, ...]` that is not an int list literal: `[]`, `[0.0, 6.0]`, `[lo, hi]`."""

    items: tuple["Expr", ...]
    """The elements in order (none for `[]`)."""
    span: SourceLocation
    """The whole list, brackets included."""


Expr = Union[Call, Var, Literal, Rest, ListExpr]


@dataclass(frozen=True)
class Binding:
    """`a, b = call(...)` or `n = None`: names for the outputs of one node."""

    targets: tuple[Ident, ...]
    """One name per output of the call (one name for a literal)."""
    value: Union[Call, Literal, ListExpr]
    """The call whose outputs are named, a literal (one constant shared by every use) or a list."""
    span: SourceLocation
    """The whole binding."""


@dataclass(frozen=True)
class Body:
    """One side of a rule: bindings, then the result expression(s)."""

    bindings: tuple[Binding, ...]
    """Bindings in the order written."""
    results: tuple[Expr, ...]
    """One expression, or several for a tuple result."""
    span: SourceLocation
    """The whole side."""


@dataclass(frozen=True)
class GuardCompare:
    """`var == literal` or `var != literal`."""

    op: str
    """`eq` or `ne`."""
    var: Ident
    """The pattern variable compared."""
    value: Literal
    """The literal it is compared with."""
    span: SourceLocation
    """The whole comparison."""


@dataclass(frozen=True)
class GuardPredicate:
    """`name(var, ...)`: a registered predicate on pattern values."""

    name: Ident
    """The predicate's registered name."""
    args: tuple[Ident, ...]
    """Pattern variables passed to it."""
    span: SourceLocation
    """The whole predicate call."""


@dataclass(frozen=True)
class GuardBool:
    """`and` / `or` of several guards, or `not` of one."""

    op: str
    """`and`, `or` or `not`."""
    items: tuple["Guard", ...]
    """The operands (one for `not`)."""
    span: SourceLocation
    """The whole expression."""


Guard = Union[GuardCompare, GuardPredicate, GuardBool]


@dataclass(frozen=True)
class Choice:
    """One choice of a family variable: an identifier fragment or `none`."""

    text: str | None
    """The fragment, or None for `none`."""
    span: SourceLocation
    """Where the choice is written."""


@dataclass(frozen=True)
class Family:
    """`var in [c1, c2, ...]`."""

    var: Ident
    """The family variable."""
    choices: tuple[Choice, ...]
    """Its choices in order."""
    span: SourceLocation
    """The whole clause."""


@dataclass(frozen=True)
class RuleDef:
    """`rule NAME [for ...]: PATTERN [where GUARD] -> REPLACEMENT`."""

    name: Ident
    """The rule name as written (may interpolate family variables)."""
    families: tuple[Family, ...]
    """Family variables; their cartesian product gives the concrete rules."""
    pattern: Body
    """The left side."""
    guard: Guard | None
    """The `where` clause, or None."""
    replacement: Body
    """The right side."""
    span: SourceLocation
    """The whole rule."""


@dataclass(frozen=True)
class Stage:
    """`stage prepack` / `stage fusion static` / `stage fusion dynamic`."""

    name: Ident
    """`prepack` or `fusion`."""
    quant_type: Ident | None
    """`static` / `dynamic` for fusion; None for prepack."""
    span: SourceLocation
    """The whole header."""

    @property
    def words(self) -> tuple[str, ...]:
        """The header's words as written (`("fusion", "static")`)."""
        return tuple(i.written() for i in (self.name, self.quant_type) if i)


@dataclass(frozen=True)
class Engines:
    """`engines onednn, x86` / `engines all`: the quantized engines the rules below it are valid for."""

    names: tuple[Ident, ...]
    """The engine names as written (`all` alone lifts the restriction)."""
    span: SourceLocation
    """The whole header."""


@dataclass(frozen=True)
class MacroDef:
    """`def NAME(PARAM, ...) = EXPR`."""

    name: Ident
    """The macro's name, used like an unqualified call."""
    params: tuple[Ident, ...]
    """Parameter names, substituted by the argument expressions."""
    body: Expr
    """The expression the use expands to."""
    span: SourceLocation
    """The whole definition."""


@dataclass(frozen=True)
class Import:
    """`from "PATH" import NAME, ...`: macros defined in another file."""

    path: str
    """The path as written, relative to the importing file's directory."""
    path_span: SourceLocation
    """Where the quoted path is written."""
    names: tuple[Ident, ...]
    """The imported macro names, in order."""
    span: SourceLocation
    """The whole import."""


Item = Union[Stage, Engines, MacroDef, RuleDef, Import]


@dataclass(frozen=True)
class Module:
    """A parsed `.qpat` file."""

    items: tuple[Item, ...]
    """Stage and engines headers, imports, macros and rules in file order."""
    filename: str
    """The name diagnostics use for this file."""
    text: str
    """The source text (for diagnostics' source lines)."""


def dump(node, indent: int = 0) -> str:
    """A stable, indented text form of an AST (for `qdsl compile --dump ast` and goldens).

    A field left at its default (a call without a marker) is not shown."""
    pad = "  " * indent
    if isinstance(node, Ident):
        return f"{pad}Ident {node.written()!r} {_at(node.span)}\n"
    if isinstance(node, (Interpolation, str, int, float, bool)) or node is None:
        return f"{pad}{node!r}\n"
    if isinstance(node, SourceLocation):
        return f"{pad}{_at(node)}\n"
    if isinstance(node, tuple):
        return "".join(dump(item, indent) for item in node) if node else f"{pad}()\n"
    span = getattr(node, "span", None)
    lines = [f"{pad}{type(node).__name__}{' ' + _at(span) if span else ''}\n"]
    for name, field in node.__dataclass_fields__.items():
        if name in ("span", "text"):
            continue
        value = getattr(node, name)
        if field.default is not MISSING and value == field.default:
            continue
        if isinstance(node, Literal) or isinstance(value, (str, int, float, bool, type(None))):
            lines.append(f"{pad}  {name}: {value!r}\n")
        else:
            lines.append(f"{pad}  {name}:\n" + dump(value, indent + 2))
    return "".join(lines)


def _at(span: SourceLocation) -> str:
    return f"@{span.line}:{span.column}-{span.end_line}:{span.end_column}"
