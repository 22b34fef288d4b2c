"""One concrete rule's two sides and guard: family variables interpolated, macros
inlined, the q/dq short forms spelled out, `commutative` and `fold` markers checked and
recorded, `...` filled from the operator's schema, within the size limits.

`expand` decides which concrete rules a definition makes; this module builds each one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from ..diagnostics import SourceLocation
from . import syntax as ast
from .concrete import LIST_CONSTRUCT, Bind, Const, Name, OpCall, Side, Value
from .macros import Scope
from .syntax import MAX_NESTING

MAX_RULE_SIZE = 5_000
"""Most calls and values one concrete rule may hold after macro expansion (macros that
use each other twice per level grow exponentially)."""
ParameterNames = Callable[[str, "str | None"], "tuple[str, ...] | None"]
"""For `...`: the parameter names of an operator's overload (the default one when None
is named), or None when it is not registered. The op registry answers it; expansion
itself knows no operators."""
Fail = Callable[[SourceLocation, str], None]
"""Reports a problem at a location (the expansion goes on)."""

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class TooLarge(Exception):
    """Stops expanding a rule that exceeds a limit; carries where and why."""

    def __init__(self, location: SourceLocation, message: str):
        super().__init__(message)
        self.location = location
        self.message = message


def is_name(text: str) -> bool:
    """Whether `text` is a valid variable, rule or family-variable name."""
    return _NAME.match(text) is not None


def interpolated(ident: ast.Ident, env: dict[str, str | None], what: str, fail: Fail) -> str | None:
    """`ident` with its `{var}` parts replaced from `env`; None (and a problem reported)
    when a part names no family variable or the result is not a name."""
    for part in ident.parts:
        if isinstance(part, ast.Interpolation) and part.var not in env:
            fail(ident.span, f"'{{{part.var}}}' in {what} '{ident.written()}' names no family variable")
            return None
    text = ident.interpolated(env)
    if not is_name(text):
        fail(ident.span, f"{what} '{ident.written()}' becomes '{text}', which is not a valid name")
        return None
    return text


@dataclass(frozen=True)
class Sides:
    """What one concrete rule's expansion made."""

    pattern: Side
    guard: ast.Guard | None
    replacement: Side
    folds: tuple[str, ...]
    """The ops of the replacement's `fold` calls, in the order written."""
    commutative_calls: tuple[SourceLocation, ...]
    """The pattern's `commutative` calls, in the order written."""


def expand_sides(rule: ast.RuleDef, env: dict[str, str | None], *, scopes: dict[str, Scope], filename: str,
                 parameters: ParameterNames, folds_allowed: bool, swapped: frozenset[int], fail: Fail) -> Sides:
    """The sides of `rule` for one choice of its family variables (`env`), with the
    operands of the commutative calls numbered in `swapped` exchanged."""
    return _SideExpander(scopes, parameters, folds_allowed, swapped, fail).run(rule, env, filename)


@dataclass
class _Context:
    """Mutable state while expanding one concrete rule."""

    env: dict[str, str | None]
    taken: set[str]
    scope: Scope
    rest: tuple[Name, ...] | None = None
    macro_uses: int = 0
    substitution: dict[str, Value] = field(default_factory=dict)
    fresh_prefix: str = ""
    macro_stack: tuple[ast.MacroDef, ...] = ()



class _SideExpander:
    def __init__(self, scopes: dict[str, Scope], parameters: ParameterNames, folds_allowed: bool,
                 swapped: frozenset[int], fail: Fail):
        self.scopes = scopes
        self.parameters = parameters
        self.folds_allowed = folds_allowed
        self.swapped = swapped
        """Indexes in `commutative_calls` of the calls whose operands this order swaps."""
        self.fail = fail
        self.depth = 0
        self.size = 0
        self.commutative_calls: list[SourceLocation] = []
        """The marked calls met so far in the pattern, in the order written."""
        self.folds: list[str] = []

    def run(self, rule: ast.RuleDef, env: dict[str, str | None], filename: str) -> Sides:
        taken: set[str] = set()
        for body in (rule.pattern, rule.replacement):
            _collect_names(body, env, taken)
        ctx = _Context(env=env, taken=taken, scope=self.scopes[filename])
        pattern = self._side(rule.pattern, ctx, in_pattern=True)
        guard = self._guard(rule.guard, env) if rule.guard else None
        replacement = self._side(rule.replacement, ctx, in_pattern=False)
        return Sides(pattern, guard, replacement, tuple(self.folds), tuple(self.commutative_calls))

    def _name(self, ident: ast.Ident, env, what: str) -> str | None:
        return interpolated(ident, env, what, self.fail)

    def _side(self, body: ast.Body, ctx: _Context, in_pattern: bool) -> Side:
        bindings = []
        for binding in body.bindings:
            targets = tuple(Name(self._name(t, ctx.env, "variable") or "", t.span) for t in binding.targets)
            if isinstance(binding.value, ast.Call) and binding.value.marker == "fold" and len(targets) != 1:
                self.fail(binding.span, "a 'fold' call has one output (the folded value), but "
                          f"{len(targets)} names are bound")
            value = self._expr(binding.value, ctx, in_pattern)
            bindings.append(Bind(targets, value, binding.span))
        results = tuple(self._expr(r, ctx, in_pattern) for r in body.results)
        return Side(tuple(bindings), results, body.span)

    def _expr(self, expr: ast.Expr, ctx: _Context, in_pattern: bool) -> Value:
        self.size += 1
        if self.size > MAX_RULE_SIZE:
            raise TooLarge(expr.span, f"the rule grows beyond {MAX_RULE_SIZE} values after macro expansion")
        nests = isinstance(expr, (ast.Call, ast.ListExpr))
        self.depth += nests
        if self.depth > MAX_NESTING:
            raise TooLarge(expr.span, f"calls and lists nest more than {MAX_NESTING} levels deep after macro expansion")
        try:
            return self._expr_unbounded(expr, ctx, in_pattern)
        finally:
            self.depth -= nests

    def _expr_unbounded(self, expr: ast.Expr, ctx: _Context, in_pattern: bool) -> Value:
        if isinstance(expr, ast.Literal):
            return Const(expr.kind, expr.value, expr.span)
        if isinstance(expr, ast.Var):
            return self._var(expr, ctx)
        if isinstance(expr, ast.Rest):
            self.fail(expr.span, "'...' can only be the last argument of a call")
            return Const("none", None, expr.span)
        if isinstance(expr, ast.ListExpr):
            items = tuple(self._expr(item, ctx, in_pattern) for item in expr.items)
            return OpCall(LIST_CONSTRUCT, None, items, expr.span)
        return self._call(expr, ctx, in_pattern)

    def _var(self, var: ast.Var, ctx: _Context) -> Value:
        name = self._name(var.name, ctx.env, "variable") or ""
        if ctx.macro_stack:
            if name in ctx.substitution:
                return ctx.substitution[name]
            return Name(f"{ctx.fresh_prefix}_{name}", var.span)
        return Name(name, var.span)

    def _call(self, call: ast.Call, ctx: _Context, in_pattern: bool) -> Value:
        op = call.op
        simple = op.name.plain if op.namespace is None and op.overload is None else None
        has_rest = bool(call.args) and isinstance(call.args[-1], ast.Rest)
        written_args = call.args[:-1] if has_rest else call.args
        if call.marker is not None:
            self._check_marker(call, simple, written_args, ctx, in_pattern)
        if simple is not None and simple in ctx.env:
            choice = ctx.env[simple]
            if choice is None:
                if len(call.args) != 1 or has_rest:
                    self.fail(call.span, f"'{simple}' can be 'none', so its call must have exactly one argument")
                    return Const("none", None, call.span)
                return self._expr(call.args[0], ctx, in_pattern)
            namespace, _, rest_of = choice.rpartition("::")
            base, _, overload = rest_of.partition(".")
            return self._op(namespace or "aten", base, overload or None, written_args, has_rest, call, ctx,
                            in_pattern)
        if simple == "dq" or simple == "q":
            return self._short_form(simple, call, ctx, in_pattern)
        if simple is not None and simple in ctx.scope:
            return self._macro(ctx.scope[simple], call, ctx, in_pattern)
        namespace = self._name(op.namespace, ctx.env, "namespace") if op.namespace else "aten"
        base = self._name(op.name, ctx.env, "operator name")
        overload = self._name(op.overload, ctx.env, "overload name") if op.overload else None
        if namespace is None or base is None:
            return Const("none", None, call.span)
        return self._op(namespace, base, overload, written_args, has_rest, call, ctx, in_pattern)

    def _check_marker(self, call: ast.Call, simple: str | None, written_args, ctx: _Context, in_pattern) -> None:
        """Report a marker where it means nothing; the call is then expanded as if unmarked."""
        if call.marker == "commutative":
            if not in_pattern:
                self.fail(call.span, "'commutative' marks a pattern call (its operands match in either order); "
                          "a replacement builds its calls in the order written")
            elif len(written_args) < 2:
                self.fail(call.span, f"'commutative' swaps the first two arguments of a call, but this call "
                          f"writes {len(written_args)} before any '...'")
            return
        if in_pattern:
            self.fail(call.span, "'fold' marks a replacement call, whose result finalize computes once and "
                      "stores; a pattern call matches what is there")
        elif not self.folds_allowed:
            self.fail(call.span, "'fold' marks a call whose result the driver computes once, and this stage's "
                      "driver folds none (TorchScript: only 'stage prepack')")
        elif simple in ("q", "dq") or (simple is not None and simple in ctx.scope and simple not in ctx.env):
            self.fail(call.span, f"'fold' marks an operator call, and '{simple}' is a "
                      f"{'short form' if simple in ('q', 'dq') else 'macro'}")
        elif simple is not None and ctx.env.get(simple, "") is None:
            self.fail(call.span, f"'fold' marks an operator call, and '{simple}' is 'none' here (no call)")

    def _arguments(self, call: ast.Call, written_args, ctx: _Context, in_pattern) -> list[Value]:
        """The written arguments expanded in the order written; for a commutative pattern
        call, the first two swapped when this order swaps that call."""
        swappable = call.marker == "commutative" and in_pattern and len(written_args) >= 2
        if swappable:
            index = len(self.commutative_calls)
            self.commutative_calls.append(call.span)
        args = [self._expr(a, ctx, in_pattern) for a in written_args]
        if swappable and index in self.swapped:
            args[0], args[1] = args[1], args[0]
        return args

    def _op(self, namespace, base, overload, written_args, has_rest, call: ast.Call, ctx, in_pattern) -> OpCall:
        args = self._arguments(call, written_args, ctx, in_pattern)
        op = f"{namespace}::{base}"
        if call.marker == "fold" and not in_pattern:
            self.folds.append(op)
        if has_rest:
            args.extend(self._rest(op, overload, len(args), call, ctx, in_pattern))
        return OpCall(op, overload, tuple(args), call.span, macro=_macro_name(ctx))

    def _rest(self, op, overload, given: int, call: ast.Call, ctx: _Context, in_pattern) -> tuple[Name, ...]:
        rest_span = call.args[-1].span
        if not in_pattern:
            if ctx.rest is None:
                self.fail(rest_span, "'...' in a replacement needs a '...' in the pattern to stand for")
                return ()
            return ctx.rest
        if ctx.rest is not None:
            self.fail(rest_span, "at most one call in a pattern may use '...'")
            return ()
        parameters = self.parameters(op, overload)
        if parameters is None:
            shown = op + (f".{overload}" if overload else "")
            self.fail(rest_span, f"'...' needs the schema of '{shown}', which is not a registered operator "
                      "overload (name one with '.overload')")
            ctx.rest = ()
            return ()
        if given > len(parameters):
            self.fail(rest_span, f"'{op}' takes {len(parameters)} arguments, but {given} are given before '...'")
            ctx.rest = ()
            return ()
        names = []
        for parameter in parameters[given:]:
            name = parameter
            suffix = 1
            while name in ctx.taken:
                name = f"{parameter}_{suffix}"
                suffix += 1
            ctx.taken.add(name)
            names.append(Name(name, rest_span))
        ctx.rest = tuple(names)
        return ctx.rest

    def _short_form(self, which: str, call: ast.Call, ctx: _Context, in_pattern) -> Value:
        args = self._arguments(call, call.args, ctx, in_pattern)
        if which == "dq":
            if len(args) != 1:
                self.fail(call.span, f"dq(x) takes exactly one argument, {len(args)} given")
            return OpCall("aten::dequantize", None, tuple(args[:1]), call.span, macro=_macro_name(ctx))
        if len(args) == 1:
            qparams = [Name(n, call.span) for n in ("scale", "zero_point", "dtype")]
            if ctx.macro_stack:
                qparams = [Name(f"{ctx.fresh_prefix}_{n.name}", call.span) for n in qparams]
            args.extend(qparams)
        elif len(args) != 4:
            self.fail(call.span, f"q takes one argument (q(e)) or four (q(e, scale, zero_point, dtype)), "
                      f"{len(args)} given")
        return OpCall("aten::quantize_per_tensor", None, tuple(args), call.span, macro=_macro_name(ctx))

    def _macro(self, macro: ast.MacroDef, call: ast.Call, ctx: _Context, in_pattern) -> Value:
        name = macro.name.plain
        if macro in ctx.macro_stack:
            chain = " -> ".join(m.name.plain for m in (*ctx.macro_stack, macro))
            self.fail(call.span, f"macro '{name}' uses itself ({chain}); macros cannot be recursive")
            return Const("none", None, call.span)
        if len(call.args) != len(macro.params):
            self.fail(call.span, f"macro '{name}' takes {len(macro.params)} argument"
                      f"{'' if len(macro.params) == 1 else 's'}, {len(call.args)} given")
            return Const("none", None, call.span)
        args = self._arguments(call, call.args, ctx, in_pattern)
        ctx.macro_uses += 1
        inner = _Context(
            env=ctx.env, taken=ctx.taken, scope=self.scopes[macro.name.span.filename], rest=ctx.rest,
            macro_uses=ctx.macro_uses, substitution={p.plain: a for p, a in zip(macro.params, args)},
            fresh_prefix=f"{name}_{ctx.macro_uses}",
            macro_stack=(*ctx.macro_stack, macro),
        )
        value = self._expr(macro.body, inner, in_pattern)
        ctx.rest, ctx.macro_uses = inner.rest, inner.macro_uses
        return _respan(value, call.span, _macro_name(ctx))

    def _guard(self, guard: ast.Guard, env) -> ast.Guard:
        if isinstance(guard, ast.GuardBool):
            return ast.GuardBool(guard.op, tuple(self._guard(g, env) for g in guard.items), guard.span)
        if isinstance(guard, ast.GuardCompare):
            return ast.GuardCompare(guard.op, self._plain(guard.var, env), guard.value, guard.span)
        return ast.GuardPredicate(guard.name, tuple(self._plain(a, env) for a in guard.args), guard.span)

    def _plain(self, ident: ast.Ident, env) -> ast.Ident:
        return ast.Ident((self._name(ident, env, "variable") or "",), ident.span)



def _collect_names(body: ast.Body, env, taken: set[str]) -> None:
    """Add every name `body` binds or uses (so `...` names avoid them)."""
    stack: list = [*body.bindings, *body.results]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Binding):
            taken.update(t.interpolated(env) or "" for t in node.targets)
            stack.append(node.value)
        elif isinstance(node, ast.Call):
            stack.extend(node.args)
        elif isinstance(node, ast.ListExpr):
            stack.extend(node.items)
        elif isinstance(node, ast.Var):
            taken.add(node.name.interpolated(env) or "")

def _respan(value: Value, span: SourceLocation, macro: str) -> Value:
    """A macro use's top node points at the use, not into the macro body."""
    if isinstance(value, OpCall):
        return OpCall(value.op, value.overload, value.args, span, macro=macro)
    return value


def _macro_name(ctx: "_Context") -> str:
    """The innermost macro being expanded, or ''."""
    return ctx.macro_stack[-1].name.plain if ctx.macro_stack else ""

