"""Guard predicates at compile time: what `predicates=` may hold, and each call in a guard
checked against the arguments its predicate takes (the builtins' as their backend
declares them, a user predicate's as its signature says)."""

import importlib
import inspect
import re

import pytest

import qdsl
from qdsl import RuleError
from qdsl.core.backend import BUILTIN_BACKENDS


@pytest.mark.parametrize("predicates, message", [
    (5, "predicates must be a mapping of predicate names to functions, got int"),
    ({3: abs}, "predicate names must be identifiers"),
    ({"small": 5}, "predicate 'small' is not callable"),
])
def test_predicates_that_are_not_named_functions_are_an_input_error(predicates, message):
    with pytest.raises(qdsl.InputError, match=message):
        qdsl.compile_source("stage prepack\nrule r: relu(a) -> relu(a)", predicates=predicates)


@pytest.mark.parametrize("predicates, guard, message", [
    ({}, "is_scalar(a, scale)", "predicate 'is_scalar' takes 1 argument, 2 given"),
    ({}, "consumed_by(a)", "predicate 'consumed_by' takes 2 arguments, 1 given"),
    ({"near": lambda value, other, slack=0: True}, "near(a)", "predicate 'near' takes 2 to 3 arguments, 1 given"),
    ({"near": lambda value, *others: True}, "near(a, scale, zero_point)", ""),
])
def test_a_predicate_called_with_the_wrong_number_of_arguments_is_located(predicates, guard, message):
    text = f"stage fusion static\nrule r: q(hardswish(dq(a))) where {guard} -> quantized::hardswish(a, scale, zero_point)"
    if not message:
        assert qdsl.compile_source(text, predicates=predicates).names() == ("r",)
        return
    with pytest.raises(RuleError, match=re.escape(message)) as raised:
        qdsl.compile_source(text, predicates=predicates)
    assert (raised.value.line, raised.value.column) == (2, text.splitlines()[1].index(guard) + 1)


@pytest.mark.parametrize("backend", BUILTIN_BACKENDS)
def test_each_backends_builtin_predicates_take_the_arguments_it_declares(backend):
    info = importlib.import_module(f"qdsl.backends.{backend}").BACKEND
    functions = importlib.import_module(f"qdsl.backends.{backend}.values").BUILTIN_PREDICATES
    assert set(functions) == set(info.builtin_predicates)
    for name, function in functions.items():
        assert len(inspect.signature(function).parameters) == info.builtin_predicates[name], name


def test_the_compile_cache_tells_predicates_of_one_name_apart_by_their_arguments():
    """A cached result of the same text and predicate names must not hide an arity error."""
    text = ("stage fusion static\nrule r: q(hardswish(dq(a))) where near(a)\n"
            "    -> quantized::hardswish(a, scale, zero_point)")
    assert qdsl.compile_source(text, "near.qpat", predicates={"near": lambda value: True}).names() == ("r",)
    with pytest.raises(RuleError, match=re.escape("predicate 'near' takes 2 arguments, 1 given")):
        qdsl.compile_source(text, "near.qpat", predicates={"near": lambda value, other: True})
