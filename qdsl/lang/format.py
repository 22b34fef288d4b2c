"""The canonical layout of a `.qpat` file, comments kept (`qdsl fmt`).

The layout (docs/tooling.md): one top-level item per line start, at most one blank
line between top-level items; a rule's pattern bindings and result each on their own
line, indented four spaces; the replacement after `-> `, its further lines aligned
under its first; single spaces around `=`, `==`, `!=`, `->` and after commas and
keywords, none inside brackets or before a call's `(`. Two choices stay the author's:
whether `where` and `->` start a new line, and where a list (arguments, choices,
parameters) is broken after a comma; continuation lines align under the bracket's
first element. Comments stay where they were: a trailing comment after the token it
followed (two spaces before `#`), a full-line comment before the token it preceded,
indented like that token's line.

The printer works on the concrete syntax tree (every token, as written), so number
spellings, dtype names and redundant parentheses survive; it checks its own output:
`parse(fmt(x))` must equal `parse(x)` up to source positions.
"""

from __future__ import annotations

import dataclasses
from contextvars import ContextVar
from functools import cache
from importlib import resources

from lark import Lark, Token, Tree

from ..diagnostics import Diagnostic, RuleError, SourceLocation

BODY_INDENT = 4
"""Indent of a rule's pattern lines, `where` and `->` lines."""
HANGING_INDENT = 8
"""Extra indent of a continuation line broken outside any bracket."""

_COMMENTS: ContextVar[list[Token]] = ContextVar("qdsl_format_comments")
"""The comment collector of the `concrete_tree` call running in this context (calls nest
and run in threads each with their own list)."""


def _collect_comment(token: Token) -> Token:
    _COMMENTS.get().append(token)
    return token


@cache
def _lark() -> Lark:
    grammar = resources.files("qdsl.lang").joinpath("grammar.lark").read_text()
    return Lark(grammar, parser="lalr", propagate_positions=True, maybe_placeholders=False,
                keep_all_tokens=True, lexer_callbacks={"COMMENT": _collect_comment})


def concrete_tree(text: str) -> tuple[Tree, list[Token]]:
    """The concrete syntax tree of `text` (every token kept) and its comments, in order."""
    comments: list[Token] = []
    collecting = _COMMENTS.set(comments)
    try:
        tree = _lark().parse(text)
    finally:
        _COMMENTS.reset(collecting)
    return tree, comments


def format_source(text: str, filename: str = "<string>") -> str:
    """`text` in the canonical layout; raises RuleError if it does not parse."""
    from .parser import parse

    before = parse(text, filename)
    tree, comments = concrete_tree(text)
    tokens = list(leaves(tree))
    roles = _roles(tree, tokens)
    formatted = _Writer(tokens, roles, comments).run()
    try:
        after = parse(formatted, filename)
    except RuleError:
        after = None
    if after is None or ast_without_spans(after) != ast_without_spans(before):
        raise RuleError(Diagnostic(SourceLocation(filename, 1, 1, 1, 2),
                                   "internal error: formatting would change the meaning of this file; "
                                   "please report it with the file"))
    return formatted


def ast_without_spans(node):
    """An AST with every source position erased (and the module's text and file name),
    for comparing the meaning of two texts."""
    from . import syntax as ast

    if isinstance(node, ast.Module):
        return tuple(ast_without_spans(item) for item in node.items)
    if isinstance(node, SourceLocation):
        return None
    if isinstance(node, tuple):
        return tuple(ast_without_spans(item) for item in node)
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        changes = {f.name: (None if f.name == "span" else ast_without_spans(getattr(node, f.name)))
                   for f in dataclasses.fields(node)}
        return dataclasses.replace(node, **changes)
    return node


def leaves(tree: Tree):
    """The tokens of a concrete syntax tree, in source order."""
    for child in tree.children:
        if isinstance(child, Token):
            yield child
        else:
            yield from leaves(child)


def _first_token(node) -> Token:
    return node if isinstance(node, Token) else next(leaves(node))


def _roles(tree: Tree, tokens: list[Token]) -> dict[int, str]:
    """Token id -> its layout role: where a line must, or may, start."""
    roles: dict[int, str] = {}
    for item in tree.children:
        roles[id(_first_token(item))] = "item"
    for rule in tree.find_data("rule"):
        bodies = [c for c in rule.children if isinstance(c, Tree) and c.data == "body"]
        for start in _body_item_starts(bodies[0]):
            roles[id(start)] = "pattern_item"
        for position, start in enumerate(_body_item_starts(bodies[1])):
            roles[id(start)] = "replacement_first" if position == 0 else "replacement_item"
        for child in rule.children:
            if isinstance(child, Token) and child.value == "->":
                roles[id(child)] = "arrow"
            elif isinstance(child, Tree) and child.data == "guard_clause":
                roles[id(_first_token(child))] = "where"
    for previous, token in zip(tokens, tokens[1:]):
        if previous.value == "," and id(token) not in roles:
            roles[id(token)] = "after_comma"
    return roles


def _body_item_starts(body: Tree) -> list[Token]:
    starts = []
    in_tuple = False
    for child in body.children:
        if isinstance(child, Tree) and child.data == "binding":
            starts.append(_first_token(child))
        elif not in_tuple:
            starts.append(_first_token(child))
            in_tuple = True
    return starts


class _Writer:
    """Lays the tokens out line by line, re-attaching comments by source position."""

    def __init__(self, tokens: list[Token], roles: dict[int, str], comments: list[Token]):
        self.tokens = tokens
        self.roles = roles
        self.comments = sorted(comments, key=lambda c: (c.line, c.column))
        self.lines: list[str] = []
        self.current = ""
        self.line_indent = 0
        self.brackets: list[int] = []
        self.last_source_line = 0
        self.previous: Token | None = None
        self.replacement_column = 0
        self.must_break = False

    def run(self) -> str:
        for token in self.tokens:
            self._write(token)
        self._flush_comments(None, None)
        self._end_line()
        text = "\n".join(line.rstrip() for line in self.lines)
        return text + "\n" if text else ""

    def _write(self, token: Token) -> None:
        role = self.roles.get(id(token))
        indent = self._break_indent(token, role)
        indent = self._flush_comments(token, indent)
        if indent is None and self.must_break:
            indent = self._continuation_indent(role)
        if indent is not None:
            self._start_line(indent, token.line)
        elif self._space_before(token):
            self.current += " "
        if role == "replacement_first":
            self.replacement_column = len(self.current)
        self.current += token.value
        if token.value in ("(", "["):
            self.brackets.append(len(self.current))
        elif token.value in (")", "]"):
            self.brackets.pop()
        self.previous = token
        self.last_source_line = token.line
        self.must_break = False

    def _break_indent(self, token: Token, role: str | None) -> int | None:
        """The indent of the new line `token` starts, or None to stay on this line."""
        if self.previous is None:
            return 0
        broken = token.line > self.previous.end_line
        if role == "item":
            return 0
        if role == "pattern_item":
            return BODY_INDENT
        if role == "replacement_item":
            return self.replacement_column
        if role in ("where", "arrow"):
            return BODY_INDENT if broken else None
        if role == "after_comma":
            return self._continuation_indent(role) if broken else None
        return None

    def _continuation_indent(self, role: str | None) -> int:
        if role in ("where", "arrow"):
            return BODY_INDENT
        if role == "replacement_item":
            return self.replacement_column
        return self.brackets[-1] if self.brackets else self.line_indent + HANGING_INDENT

    def _flush_comments(self, token: Token | None, indent: int | None) -> int | None:
        """Write the comments before `token` (None: the file's end); returns the indent
        `token` gets, which a full-line comment forces."""
        while self.comments and (token is None or (self.comments[0].line, self.comments[0].column)
                                 < (token.line, token.column)):
            comment = self.comments.pop(0)
            text = comment.value.rstrip()
            if self.current.strip() and comment.line == self.last_source_line:
                self.current += "  " + text
                self.must_break = True
                continue
            if indent is None:
                indent = 0 if token is None else self._continuation_indent(self.roles.get(id(token)))
            self._start_line(indent, comment.line)
            self.current += text
            self.last_source_line = comment.line
            self.must_break = True
        return indent

    def _start_line(self, indent: int, source_line: int) -> None:
        self._end_line()
        if indent == 0 and self.lines and source_line > self.last_source_line + 1:
            self.lines.append("")
        self.current = " " * indent
        self.line_indent = indent

    def _end_line(self) -> None:
        if self.current.strip():
            self.lines.append(self.current)
        self.current = ""

    def _space_before(self, token: Token) -> bool:
        previous = self.previous.value
        if token.value in (",", ")", "]", ":", ".", "::") or previous in ("(", "[", ".", "::"):
            return False
        if token.value == "(" and self.previous.type in ("IDENT",):
            return False
        return True

