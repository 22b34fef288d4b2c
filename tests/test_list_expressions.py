"""List expressions (`[]`, `[0.0, 6.0]`, `[low, high]`): parsed, typed by the parameter
they are passed to, written back as lists; the TorchScript backend refuses them."""

from __future__ import annotations

import pytest

import qdsl
from qdsl.core.pipeline import compile_text
from qdsl.lang import syntax as ast
from qdsl.lang.parser import parse

CONV = ("onednn::qconv_pointwise(x, 1.0, 0, x, x, x, None, [1, 1], [0, 0], [1, 1], 1, 1.0, 0, float32, "
        "\"{attr}\", {scalars}, \"\")")


def _result(text: str):
    module = parse("stage pt2e x86\nrule r:\n    relu(x) -> sigmoid(" + text + ")\n", "lists.qpat")
    return module.items[1].replacement.results[0].args[0]


def test_a_list_of_int_literals_stays_an_int_list_literal():
    assert _result("[1, -2]") == ast.Literal("int_list", (1, -2), _result("[1, -2]").span)


@pytest.mark.parametrize("text, items", [("[]", 0), ("[0.0, 6.0]", 2), ("[x, 1]", 2), ("[x]", 1)])
def test_any_other_list_is_a_list_expression(text, items):
    value = _result(text)
    assert isinstance(value, ast.ListExpr) and len(value.items) == items


def test_rest_is_no_list_element():
    with pytest.raises(qdsl.RuleError, match="unexpected '...'"):
        _result("[x, ...]")


def test_a_guard_compares_with_int_lists_only():
    with pytest.raises(qdsl.RuleError, match="a guard compares a variable with a literal"):
        parse("stage pt2e x86\nrule r:\n    relu(x) where x == [0.5] -> sigmoid(x)\n", "lists.qpat")


def _compiled(scalars: str, stage: str = "pt2e x86"):
    text = (f"stage {stage}\nrule r:\n    hardtanh(x, low, high)\n"
            f"    -> {CONV.format(attr='hardtanh', scalars=scalars)}\n")
    return compile_text(text, "lists.qpat")


@pytest.mark.parametrize("scalars", ["[]", "[low, high]", "[0.0, 6.0]"])
def test_a_list_takes_the_type_of_its_parameter(scalars):
    result = _compiled(scalars)
    assert not result.errors
    replacement = result.rules["r"].replacement
    assert replacement.value("scalars").type == "Scalar?[]"
    assert f"{scalars}, \"\")" in result.rules["r"].provenance.expansion


def test_an_int_list_literal_is_no_list_of_scalars():
    [error] = _compiled("[0, 6]").errors
    assert "'scalars' of 'onednn::qconv_pointwise' must be Scalar?[], but" in error.message


def test_a_list_element_of_the_wrong_type_is_an_error_at_the_element():
    [error] = _compiled("[low, x]").errors
    assert (error.location.line, error.location.column) == (4, 120)


def test_the_torchscript_backend_refuses_list_expressions():
    result = _compiled("[low, high]", "fusion static")
    assert [e.message for e in result.errors] == [
        "rule 'r' uses a list expression ([], [a, b], [0.5]); the TorchScript backend takes int list literals only"]
