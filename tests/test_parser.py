"""The parser: grammar shape, AST spans, literals, syntax errors in words."""

import dataclasses
import logging
from importlib import resources

import lark
import pytest

from qdsl import RuleError
from qdsl.lang import syntax as ast
from qdsl.lang.parser import parse

CONV = """\
stage fusion static

rule conv{d}{act:_}{act} for d in [1d, 2d], act in [none, relu_]:
    w, b = quantized::conv{d}_unpack(packed)
    q(act(conv{d}(dq(a), dq(w), b, stride, padding, dilation, groups)))
    where groups == 1
    -> quantized::conv{d}{act:_relu}(a, packed, scale, zero_point)
"""


def test_grammar_is_lalr_without_conflicts(caplog):
    grammar = resources.files("qdsl.lang").joinpath("grammar.lark").read_text()
    with caplog.at_level(logging.DEBUG, logger="lark"):
        lark.Lark(grammar, parser="lalr", debug=True)
    assert not [r for r in caplog.records if "conflict" in r.getMessage().lower()]


def test_rule_structure_and_spans():
    module = parse(CONV, "conv.qpat")
    stage, rule = module.items
    assert (stage.name.plain, stage.quant_type.plain) == ("fusion", "static")
    assert rule.name.parts == ("conv", ast.Interpolation("d", None), ast.Interpolation("act", "_"),
                               ast.Interpolation("act", None))
    assert (rule.name.span.line, rule.name.span.column, rule.name.span.end_column) == (3, 6, 25)
    assert [f.var.plain for f in rule.families] == ["d", "act"]
    assert [c.text for c in rule.families[1].choices] == [None, "relu_"]
    (binding,) = rule.pattern.bindings
    assert [t.plain for t in binding.targets] == ["w", "b"]
    assert binding.value.op.namespace.plain == "quantized"
    assert binding.value.span.line == 4 and binding.value.span.column == 12
    (result,) = rule.pattern.results
    assert result.op.name.plain == "q"
    assert result.span.as_tuple() == ("conv.qpat", 5, 5, 5, 72)
    assert isinstance(rule.guard, ast.GuardCompare) and rule.guard.value == ast.Literal(
        "int", 1, rule.guard.value.span)
    assert rule.replacement.results[0].op.name.parts[-1] == ast.Interpolation("act", "_relu")


def _spanned_nodes(node):
    if isinstance(node, tuple):
        for item in node:
            yield from _spanned_nodes(item)
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        if hasattr(node, "span"):
            yield node
        for f in dataclasses.fields(node):
            yield from _spanned_nodes(getattr(node, f.name))


def test_every_node_has_a_span_inside_the_text():
    module = parse(CONV, "conv.qpat")
    lines = CONV.splitlines()
    nodes = list(_spanned_nodes(module.items))
    assert len(nodes) > 40
    for node in nodes:
        span = node.span
        assert 1 <= span.line <= span.end_line <= len(lines)
        assert 1 <= span.column <= len(lines[span.line - 1]) + 1


def test_whitespace_and_comments_are_insignificant():
    one_line = "stage fusion static rule r: q(relu(dq(a))) -> relu(a)"
    spread = "stage\n fusion   static  # header\n\nrule r :\n  q(\n relu( dq(a)\n ))  # pattern\n->\n relu(a)\n"
    strip = lambda m: ast.dump(m).replace("\n", " ")
    assert _without_spans(strip(parse(one_line))) == _without_spans(strip(parse(spread)))


def _without_spans(text):
    import re
    return re.sub(r"@\d+:\d+-\d+:\d+", "", text)


@pytest.mark.parametrize("text, kind, value", [
    ("1", "int", 1), ("-2", "int", -2), ("0.5", "float", 0.5), ("1e-3", "float", 0.001),
    ("0.00390625", "float", 0.00390625), ("true", "bool", True), ("false", "bool", False),
    ("None", "none", None), ('"nearest"', "str", "nearest"), ("[1, -2]", "int_list", (1, -2)),
    ("quint8", "int", 13), ("qint8", "int", 12), ("float32", "int", 6), ("half", "int", 5),
])
def test_literals(text, kind, value):
    rule = parse(f"stage prepack rule r: relu(dq(a), {text}) -> relu(a)").items[1]
    literal = rule.pattern.results[0].args[1]
    assert (literal.kind, literal.value) == (kind, value)
    assert isinstance(literal.value, type(value))


def test_guard_precedence_and_flattening():
    rule = parse("stage prepack rule r: f(a, b, c) where a == 1 or b != 2.0 and not is_scalar(c) "
                 "or c == None -> f(a, b, c)").items[1]
    guard = rule.guard
    assert guard.op == "or" and len(guard.items) == 3
    middle = guard.items[1]
    assert middle.op == "and" and middle.items[1].op == "not"
    assert isinstance(middle.items[1].items[0], ast.GuardPredicate)


@pytest.mark.parametrize("text, expected", [
    ("stage prepack\nrule r a", "f.qpat:2:8: error: unexpected name 'a'; expected one of ':', 'for'\n"
                                "    rule r a\n           ^"),
    ("stage prepack\nrule r: f(a) ->", "f.qpat:2:16: error: unexpected end of file; expected one of '(', "
                                      "'None', '[', 'commutative', 'false', 'fold', 'true', a name, a number, a string\n"
                                      "    rule r: f(a) ->\n                   ^"),
    ("stage prepack\nrule r: f(a) -> g(a) $", "f.qpat:2:22: error: unexpected character '$'; expected one of "
                                             "'def', 'engines', 'from', 'rule', 'stage', end of file\n"
                                             "    rule r: f(a) -> g(a) $\n                         ^"),
    ("stage prepack\nrule r: f(a,) -> g(a)", "f.qpat:2:13: error: unexpected ')'; expected one of '...', "
                                            "'None', '[', 'commutative', 'false', 'fold', 'true', a name, a number, a string\n"
                                            "    rule r: f(a,) -> g(a)\n                ^"),
])
def test_syntax_errors_are_reported_in_words(text, expected):
    with pytest.raises(RuleError) as info:
        parse(text, "f.qpat")
    assert str(info.value) == expected
    assert (info.value.filename, info.value.line) == ("f.qpat", 2)


def test_string_literals_cannot_carry_quotes_or_escapes():
    with pytest.raises(RuleError, match="a string not closed on its line, or holding a backslash") as info:
        parse('stage prepack rule r: f(a, "x\\"]()") -> f(a)')
    assert info.value.column == 28


def test_an_unclosed_string_is_named_at_its_opening_quote():
    with pytest.raises(RuleError) as info:
        parse('stage prepack\nrule r: f(a, "nearest) -> f(a)', "f.qpat")
    assert str(info.value).startswith("f.qpat:2:14: error: a string not closed on its line")


def test_the_caret_lines_up_under_tabs():
    with pytest.raises(RuleError) as info:
        parse("stage prepack\n\trule r a", "f.qpat")
    assert str(info.value).splitlines()[1:] == ["    \trule r a", "    \t       ^"]


_RESERVED_PLACES = {
    "binding target": ("rule r:\n    {name}, b = quantized::linear_unpack(p)\n    linear(x, dq(b), b) -> x", "{name}"),
    "capture": ("rule r: relu({name}) -> relu(x)", "{name}"),
    "macro parameter": ("def m({name}) = relu(x)\nrule r: m(x) -> x", "{name}"),
    "family variable": ("rule r_{{v}} for {name} in [relu]: relu(x) -> x", "{name}"),
    "compared in a guard": ("rule r: relu(x) where {name} == 1 -> x", "{name}"),
    "predicate argument": ("rule r: relu(x) where is_scalar({name}) -> x", "{name}"),
}


_RESERVED_NAMES = [("where", "is a keyword"), ("in", "is a keyword"), ("def", "is a keyword"), ("not", "is a keyword"),
                   ("float", "is a dtype name (the constant 6)"), ("int", "is a dtype name (the constant 3)")]


@pytest.mark.parametrize("place, name, why", [
    (place, name, why) for place in sorted(_RESERVED_PLACES) for name, why in _RESERVED_NAMES
    # A dtype name in an expression is the dtype's constant (the type check reports misuse);
    # `where not` starts a negation (a syntax error at '==').
    if not (place == "capture" and "dtype" in why) and not (place == "compared in a guard" and name == "not")])
def test_a_reserved_word_cannot_name_a_variable(place, name, why):
    template, written = _RESERVED_PLACES[place]
    text = "stage fusion static\n" + template.format(name=name)
    with pytest.raises(RuleError) as info:
        parse(text, "f.qpat")
    (diagnostic,) = info.value.diagnostics
    assert diagnostic.message == f"'{name}' {why} and cannot name a variable; rename it"
    line = text.split("\n")[diagnostic.location.line - 1]
    assert line[diagnostic.location.column - 1:diagnostic.location.end_column - 1] == written.format(name=name)


def test_dtype_names_stay_literals_in_arguments_and_guards():
    rule = parse("stage fusion static\nrule r: q(relu(dq(a)), s, z, quint8) where z == int -> relu(a)").items[1]
    assert rule.pattern.results[0].args[3] == ast.Literal("int", 13, rule.pattern.results[0].args[3].span)
    assert rule.guard.value.value == 3
