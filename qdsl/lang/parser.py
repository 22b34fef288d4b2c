"""Text -> AST: the LALR grammar of grammar.lark plus a thin Transformer.

Syntax errors become a `RuleError` with file:line:col, the source line, a caret and
what was expected, in words.
"""

from __future__ import annotations

import math
import re
import sys
from functools import cache
from importlib import resources

from lark import Lark, Token, Transformer, Tree, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError
from lark.lexer import PatternStr

from . import syntax as ast
from ..diagnostics import Diagnostic, RuleError, SourceLocation, source_line
from .syntax import DTYPES, MAX_NESTING


KEYWORDS = frozenset({"stage", "engines", "rule", "for", "in", "where", "def", "from", "import", "commutative", "fold",
                      "and", "or", "not", "true", "false", "None"})
"""The language's keywords; like the dtype names, no variable can have these names."""

_TERMINAL_WORDS = {
    "IDENT": "a name",
    "NUMBER": "a number",
    "STRING": "a string",
    "CHOICE": "a choice",
    "$END": "end of file",
}

_NESTING_RULES = frozenset({"expr_call", "list", "not_guard", "and_guard", "or_guard"})
"""Tree nodes that nest one level deeper (see `_check_nesting`)."""

_INTERPOLATION = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z0-9_]*))?\}")


@cache
def _lark() -> Lark:
    grammar = resources.files("qdsl.lang").joinpath("grammar.lark").read_text()
    return Lark(grammar, parser="lalr", propagate_positions=True, maybe_placeholders=False, cache=True)


def parse(text: str, filename: str = "<string>") -> ast.Module:
    """Parse a `.qpat` source into its AST; raise RuleError on a syntax error."""
    _refuse_lone_carriage_return(text, filename)
    parser = _lark()
    try:
        tree = parser.parse(text)
    except UnexpectedInput as error:
        raise RuleError(_syntax_diagnostic(parser, error, text, filename)) from None
    _check_nesting(tree, text, filename)
    try:
        items = _ToAst(filename, text).transform(tree)
    except VisitError as error:
        if isinstance(error.orig_exc, RuleError):
            raise error.orig_exc from None
        raise
    return ast.Module(items=tuple(items), filename=filename, text=text)


_LONE_CARRIAGE_RETURN = re.compile(r"\r(?!\n)")


def _refuse_lone_carriage_return(text: str, filename: str) -> None:
    """Lines end at `\\n` (or `\\r\\n`). A file with old Mac line endings (`\\r` alone) would
    otherwise parse as one line, its first comment swallowing every rule after it."""
    found = _LONE_CARRIAGE_RETURN.search(text)
    if found is None:
        return
    start = text.rfind("\n", 0, found.start()) + 1
    line, column = text.count("\n", 0, start) + 1, found.start() - start + 1
    location = SourceLocation(filename, line, column, line, column + 1)
    raise RuleError(Diagnostic(location, "a carriage return (\\r) without a line feed: lines must end with "
                                         "\\n or \\r\\n", source_line=text[start:found.start()]))


def _check_nesting(tree: Tree, text: str, filename: str) -> None:
    """Refuse nesting deeper than the later (recursive) stages handle, at the deepest point.

    Calls, list literals and guard operators count a level each.
    """
    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        depth += node.data in _NESTING_RULES
        if depth > MAX_NESTING:
            meta = node.meta
            location = SourceLocation(filename, meta.line, meta.column, meta.line, meta.column + 1)
            raise RuleError(Diagnostic(location, f"expressions nest more than {MAX_NESTING} levels deep",
                                       source_line=source_line(text, meta.line)))
        stack.extend((child, depth) for child in node.children if isinstance(child, Tree))


def _syntax_diagnostic(parser: Lark, error: UnexpectedInput, text: str, filename: str) -> Diagnostic:
    line, column = max(error.line, 1), max(error.column, 1)
    width = 1
    if isinstance(error, UnexpectedCharacters) and text[error.pos_in_stream] == '"':
        # The only way a quote is unexpected: no STRING token starts there.
        found = "a string not closed on its line, or holding a backslash (strings have no escapes)"
        expected = set()
    elif isinstance(error, UnexpectedCharacters):
        found = f"unexpected character {text[error.pos_in_stream]!r}"
        expected = _accepted_before(parser, text[:error.pos_in_stream]) or error.allowed
    elif isinstance(error, UnexpectedEOF) or (
        isinstance(error, UnexpectedToken) and error.token.type == "$END"
    ):
        found = "unexpected end of file"
        expected = error.expected
        lines = text.split("\n")
        if len(lines) > 1 and not lines[-1]:
            lines.pop()
        line, column = len(lines), len(lines[-1].rstrip("\r")) + 1
    else:
        token = error.token
        found = f"unexpected {_describe_token(token)}"
        expected = error.accepts or error.expected
        width = max(1, len(token.value))
    words = sorted({_describe_terminal(parser, name) for name in expected})
    message = found + (f"; expected {_join_words(words)}" if words else "")
    location = SourceLocation(filename, line, column, line, column + width)
    return Diagnostic(location, message, source_line=source_line(text, line))


def _accepted_before(parser: Lark, prefix: str) -> set[str]:
    """The terminals the parser accepts after `prefix` (exact, unlike the lexer's guess)."""
    interactive = parser.parse_interactive(prefix)
    try:
        interactive.exhaust_lexer()
    except UnexpectedInput:
        return set()
    return interactive.accepts()


def _describe_token(token: Token) -> str:
    if token.type == "IDENT":
        return f"name '{token.value}'"
    if token.type in ("NUMBER", "STRING", "CHOICE"):
        return f"{_TERMINAL_WORDS[token.type][2:]} {token.value}"
    return f"'{token.value}'"


def _describe_terminal(parser: Lark, name: str) -> str:
    if name in _TERMINAL_WORDS:
        return _TERMINAL_WORDS[name]
    terminal = parser.get_terminal(name)
    if isinstance(terminal.pattern, PatternStr):
        return f"'{terminal.pattern.value}'"
    return name.lower()


def _join_words(words: list[str]) -> str:
    if len(words) == 1:
        return words[0]
    return "one of " + ", ".join(words)


@v_args(inline=True)
class _ToAst(Transformer):
    """Builds the AST; one short method per grammar rule."""

    def __init__(self, filename: str, text: str):
        super().__init__()
        self.filename = filename
        self.text = text

    def _span(self, node) -> SourceLocation:
        return SourceLocation(self.filename, node.line, node.column, node.end_line, node.end_column)

    def _ident(self, token: Token) -> ast.Ident:
        if "{" not in token.value:
            return ast.Ident((token.value,), self._span(token))
        parts: list = []
        position = 0
        for match in _INTERPOLATION.finditer(token.value):
            if match.start() > position:
                parts.append(token.value[position:match.start()])
            parts.append(ast.Interpolation(match.group(1), match.group(2)))
            position = match.end()
        if position < len(token.value):
            parts.append(token.value[position:])
        return ast.Ident(tuple(parts), self._span(token))

    def _variable(self, token: Token) -> ast.Ident:
        """A name that binds or names a variable: not a keyword, not a dtype name (which
        would read as a constant wherever it is used)."""
        name = token.value
        if name in KEYWORDS:
            self._fail(self._span(token), f"'{name}' is a keyword and cannot name a variable; rename it")
        if name in DTYPES:
            self._fail(self._span(token), f"'{name}' is a dtype name (the constant {DTYPES[name]}) and cannot "
                       "name a variable; rename it")
        return self._ident(token)

    def start(self, *items):
        return list(items)

    @v_args(meta=True, inline=True)
    def stage(self, meta, name, quant_type=None):
        return ast.Stage(self._ident(name), quant_type and self._ident(quant_type), self._span(meta))

    @v_args(meta=True, inline=True)
    def engines(self, meta, *names):
        return ast.Engines(tuple(self._ident(name) for name in names), self._span(meta))

    @v_args(meta=True, inline=True)
    def macro(self, meta, name, *rest):
        *params, body = rest
        return ast.MacroDef(self._ident(name), tuple(self._variable(p) for p in params), body, self._span(meta))

    @v_args(meta=True, inline=True)
    def macro_import(self, meta, path, *names):
        return ast.Import(path.value[1:-1], self._span(path), tuple(self._ident(n) for n in names),
                          self._span(meta))

    @v_args(meta=True, inline=True)
    def rule(self, meta, name, *rest):
        families: tuple = ()
        guard = None
        if isinstance(rest[0], tuple):
            families, rest = rest[0], rest[1:]
        if len(rest) == 3:
            pattern, guard, replacement = rest
        else:
            pattern, replacement = rest
        return ast.RuleDef(self._ident(name), families, pattern, guard, replacement, self._span(meta))

    def families(self, *families):
        return tuple(families)

    @v_args(meta=True, inline=True)
    def family(self, meta, var, *choices):
        return ast.Family(
            self._variable(var),
            tuple(ast.Choice(None if c.value == "none" else c.value, self._span(c)) for c in choices),
            self._span(meta),
        )

    def guard_clause(self, guard):
        return guard

    @v_args(meta=True, inline=True)
    def body(self, meta, *items):
        bindings = tuple(i for i in items if isinstance(i, ast.Binding))
        results = tuple(i for i in items if not isinstance(i, ast.Binding))
        return ast.Body(bindings, results, self._span(meta))

    @v_args(meta=True, inline=True)
    def binding(self, meta, *items):
        *targets, value = items
        return ast.Binding(tuple(self._variable(t) for t in targets), value, self._span(meta))

    @v_args(meta=True, inline=True)
    def expr_call(self, meta, *parts):
        marker = None
        if isinstance(parts[0], Token):
            marker, parts = parts[0].value, parts[1:]
        op, *args = parts
        return ast.Call(op, tuple(args), self._span(meta), marker)

    @v_args(meta=True, inline=True)
    def op_name(self, meta, *parts):
        namespace = overload = None
        if isinstance(parts[0], ast.Ident):
            namespace, parts = parts[0], parts[1:]
        name = self._ident(parts[0])
        if len(parts) > 1:
            overload = parts[1][1]
        return ast.OpName(namespace, name, overload, self._span(meta))

    def namespace(self, token):
        return self._ident(token)

    def overload(self, token):
        return ("overload", self._ident(token))

    def var(self, token):
        name = token.value
        if name in DTYPES:
            return ast.Literal("int", DTYPES[name], self._span(token))
        return ast.Var(self._variable(token), self._span(token))

    @v_args(meta=True, inline=True)
    def rest(self, meta):
        return ast.Rest(self._span(meta))

    def number(self, token):
        text = token.value
        if any(c in text for c in ".eE"):
            return ast.Literal("float", self._float(token), self._span(token))
        return ast.Literal("int", self._int(token), self._span(token))

    def _int(self, token: Token) -> int:
        """TorchScript ints are 64-bit: a larger literal cannot reach the IR."""
        value = int(token.value)
        if not -2**63 <= value < 2**63:
            self._fail(self._span(token), f"integer {token.value} does not fit in 64 bits")
        return value

    def _float(self, token: Token) -> float:
        """A finite double that is not rounded to zero or to a subnormal (the IR parser rejects those)."""
        value = float(token.value)
        mantissa = re.split("[eE]", token.value)[0]
        flushed = value == 0 and any(c in "123456789" for c in mantissa)
        if not math.isfinite(value):
            self._fail(self._span(token), f"float {token.value} is too large for a double")
        if flushed or 0 < abs(value) < sys.float_info.min:
            self._fail(self._span(token), f"float {token.value} is too small: TorchScript's IR takes no subnormal "
                                          f"doubles (the smallest normal one is {sys.float_info.min!r})")
        return value

    def string(self, token):
        return ast.Literal("str", token.value[1:-1], self._span(token))

    @v_args(meta=True, inline=True)
    def true(self, meta):
        return ast.Literal("bool", True, self._span(meta))

    @v_args(meta=True, inline=True)
    def false(self, meta):
        return ast.Literal("bool", False, self._span(meta))

    @v_args(meta=True, inline=True)
    def none(self, meta):
        return ast.Literal("none", None, self._span(meta))

    @v_args(meta=True, inline=True)
    def list(self, meta, *items):
        """An int list literal when every element is an int literal, else a list expression."""
        if items and all(isinstance(i, ast.Literal) and i.kind == "int" for i in items):
            return ast.Literal("int_list", tuple(i.value for i in items), self._span(meta))
        return ast.ListExpr(tuple(items), self._span(meta))

    def named_value(self, token):
        if token.value not in DTYPES:
            self._fail(self._span(token), f"expected a literal after '==' or '!=', found name '{token.value}'")
        return ast.Literal("int", DTYPES[token.value], self._span(token))

    @v_args(meta=True, inline=True)
    def or_guard(self, meta, left, right):
        return ast.GuardBool("or", _flatten("or", left) + (right,), self._span(meta))

    @v_args(meta=True, inline=True)
    def and_guard(self, meta, left, right):
        return ast.GuardBool("and", _flatten("and", left) + (right,), self._span(meta))

    @v_args(meta=True, inline=True)
    def not_guard(self, meta, item):
        return ast.GuardBool("not", (item,), self._span(meta))

    @v_args(meta=True, inline=True)
    def eq_guard(self, meta, var, value):
        return ast.GuardCompare("eq", self._variable(var), self._guard_literal(value), self._span(meta))

    @v_args(meta=True, inline=True)
    def ne_guard(self, meta, var, value):
        return ast.GuardCompare("ne", self._variable(var), self._guard_literal(value), self._span(meta))

    def _guard_literal(self, value):
        if not isinstance(value, ast.Literal):
            self._fail(value.span, "a guard compares a variable with a literal; a list compared must hold "
                       "integer literals only")
        return value

    @v_args(meta=True, inline=True)
    def pred_guard(self, meta, name, *args):
        return ast.GuardPredicate(self._ident(name), tuple(self._variable(a) for a in args), self._span(meta))

    def _fail(self, location: SourceLocation, message: str):
        raise RuleError(Diagnostic(location, message, source_line=source_line(self.text, location.line)))


def _flatten(op: str, guard) -> tuple:
    """`a and b and c` parses left-nested; keep it one n-ary node."""
    if isinstance(guard, ast.GuardBool) and guard.op == op:
        return guard.items
    return (guard,)
