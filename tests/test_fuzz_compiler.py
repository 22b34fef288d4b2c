"""Fuzzing the compiler's public API (compile_source, load_rules, the CLI) with hypothesis.

Sources are the shipped rule files, the invalid fixtures and the golden files, mutated
token by token (truncations, deletions, duplications, swaps, insertions of fragments
that try to inject IR or template syntax), plus random text, random bytes, deep nesting
and huge files. The contract checked on every one: the only exception is `RuleError`,
located in the file (line and column >= 1); a compiled rule's IR holds only names of
the identifier alphabet, in exactly the shape the templates write; nothing hangs
(parsing is linear: a 10x larger input makes about 10x the function calls).
"""

from __future__ import annotations

import itertools
import re
import warnings

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from qdsl import InputError, RuleError, compile_source, diagnostics, load_rules
from qdsl.backends.torchscript.compiled import rendered
from qdsl.lang.parser import parse
from qdsl.lang.sources import display_path
from qdsl.lang.syntax import MAX_NESTING
from tests.support.cli import REPO, run_qdsl
from tests.support.counted_work import calls_made
from tests.support.fuzzing import assert_ir_is_only_identifiers, fuzz_settings
SEED_FILES = sorted([*(REPO / "patterns").glob("*.qpat"), *(REPO / "patterns" / "optional").glob("*.qpat"),
                     *(REPO / "tests" / "fixtures" / "invalid").glob("*.qpat"),
                     *(REPO / "tests" / "golden").glob("*.qpat")])
SEEDS = [path.read_text() for path in SEED_FILES]

_TOKEN = re.compile(r'\s+|#[^\n]*|"[^"\n]*"|->|\.\.\.|==|!=|::|[A-Za-z0-9_{}]+|.', re.S)

INJECTIONS = [
    "%x = aten::relu(%y)", "%x", "aten::", "prim::Constant[value=1]()", "return (%x)", "graph(%a):",
    "{{ x }}", "{{", "}}", "{% if true %}", "{%", "%}", "{# c #}", "{x}", "{x:y}", '"', "\\", "\n", "\r",
    "\x00", "é", "\u2028", "a b", "a-b", "1e999", "99999999999999999999", "1e-320", "()", "[]",
]
FRAGMENTS = INJECTIONS + [
    "(", ")", ",", "...", "->", "=", "==", "!=", "where", "rule", "stage", "def", "for", "in", "[", "]",
    "#", "none", "None", "true", "q(", "dq(", "::", ".", "-0", "0.5", '"s"', "quint8", "if", "not", "and",
    "or", "rule r:", "stage fusion static", "stage prepack", "def m(x) = relu(x)", "n = None", "x, y =",
]


def compile_checked(text: str, filename: str = "fuzz.qpat"):
    """Compile `text`; assert the error contract or the IR contract; return the rules or None."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rules = compile_source(text, filename)
    except RuleError as error:
        assert error.diagnostics and error.filename == filename
        for diagnostic in error.diagnostics:
            location = diagnostic.location
            assert location.filename == filename and location.line >= 1 and location.column >= 1, diagnostic
            assert diagnostic.format()
        assert error.line == error.diagnostics[0].location.line >= 1
        return None
    for rule in rules:
        for ir in rendered(rule):
            assert_ir_is_only_identifiers(ir)
    return rules


@st.composite
def mutated_sources(draw) -> str:
    tokens = _TOKEN.findall(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(tokens)))
        edit = draw(st.sampled_from(["truncate", "delete", "duplicate", "swap", "insert", "replace"]))
        if edit == "truncate":
            tokens = tokens[:at]
        elif edit == "delete":
            del tokens[at:at + draw(st.integers(1, 6))]
        elif edit == "duplicate":
            tokens[at:at] = tokens[at:at + draw(st.integers(1, 12))]
        elif edit == "swap" and tokens:
            other = draw(st.integers(0, len(tokens) - 1))
            at = min(at, len(tokens) - 1)
            tokens[at], tokens[other] = tokens[other], tokens[at]
        else:
            fragment = draw(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)))
            tokens[at:at + (edit == "replace")] = [fragment]
    return "".join(tokens)


@fuzz_settings(1000)
@given(mutated_sources())
def test_mutated_sources_give_located_errors_or_clean_ir(text):
    compile_checked(text)


@fuzz_settings(400)
@given(st.one_of(
    st.text(max_size=300),
    st.text(alphabet='abdqr():,=->._[]{}#"\n 0123456789', max_size=300),
    st.text(max_size=200).map(lambda tail: "stage fusion static\nrule r: " + tail),
))
def test_random_text_gives_located_errors_or_clean_ir(text):
    compile_checked(text)


_INJECTABLE = st.one_of(st.sampled_from(INJECTIONS), st.sampled_from(["a", "relu", "x_1", "return", "if"]),
                        st.text(min_size=1, max_size=8))


@fuzz_settings(400)
@given(name=_INJECTABLE, op=_INJECTABLE, var=_INJECTABLE, choice=_INJECTABLE, string=_INJECTABLE)
def test_identifiers_cannot_inject_ir_or_template_text(name, op, var, choice, string):
    """Every identifier position gets text that would be IR or Jinja if it got through.

    Compiled or not, the contract holds; compiled, each graph input is a name the
    source wrote or one of q()'s implicit captures (a TorchScript keyword gets a `_`
    suffix), and the string is verbatim.
    """
    text = (f"stage fusion static\nrule {name}{{c}} for c in [{choice}]:\n"
            f"    q(gelu({op}(dq({var})), \"{string}\"))\n    -> gelu({op}({var}), \"{string}\")\n")
    rules = compile_checked(text)
    if rules is None:
        return
    words = set(re.findall(r"[A-Za-z0-9_]+", text)) | {"scale", "zero_point", "dtype"}
    for rule in rules:
        pattern = rendered(rule)[0]
        inputs = re.match(r"graph\(([^)]*)\)", pattern).group(1)
        for input_name in re.findall(r"%([A-Za-z0-9_]+)", inputs):
            assert input_name in words or input_name.rstrip("_") in words
        assert f'[value="{string}"]' in pattern


def test_template_syntax_in_a_string_reaches_the_ir_verbatim():
    rules = compile_checked('stage fusion static\nrule g: q(gelu(dq(a), "{{ 1 + 1 }}{% if x %}")) '
                            '-> gelu(a, "{{ 1 + 1 }}{% if x %}")')
    assert '[value="{{ 1 + 1 }}{% if x %}"]' in rendered(rules["g"])[0]


@fuzz_settings(150)
@given(data=st.binary(max_size=400), seed=st.sampled_from(SEEDS), at=st.floats(0, 1),
       kind=st.sampled_from(["random", "seed_with_bad_byte"]))
def test_files_of_any_bytes_load_or_fail_located(tmp_path, data, seed, at, kind):
    path = tmp_path / "fuzz.qpat"
    if kind == "random":
        path.write_bytes(data)
    else:
        raw = seed.encode()
        position = int(at * len(raw))
        path.write_bytes(raw[:position] + b"\xff" + raw[position:])
    shown = display_path(str(path))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            load_rules(path)
    except RuleError as error:
        assert error.filename == shown and error.line >= 1 and error.column >= 1
        if kind == "seed_with_bad_byte":
            before = raw[:position]
            assert error.line == before.count(b"\n") + 1
            assert error.column == len(before) - (before.rfind(b"\n") + 1) + 1
            assert "not UTF-8" in str(error)


@fuzz_settings(80)
@given(depth=st.integers(1, 3 * MAX_NESTING), where=st.sampled_from(["pattern", "replacement", "guard", "macros"]))
def test_deep_nesting_is_compiled_or_refused_without_recursion_errors(depth, where):
    chain = "relu(" * depth + "a" + ")" * depth
    if where == "pattern":
        text = f"stage fusion static\nrule r: {chain} -> relu(a)"
    elif where == "replacement":
        text = f"stage fusion static\nrule r: relu(a) -> {chain}"
    elif where == "guard":
        text = f"stage fusion static\nrule r: relu(a) where {'not ' * depth}is_none(a) -> relu(a)"
    else:
        macros = "".join(f"def m{i}(x) = m{i - 1}(x)\n" for i in range(1, depth))
        text = f"stage fusion static\ndef m0(x) = relu(x)\n{macros}rule r: m{depth - 1}(a) -> relu(a)"
    rules = compile_checked(text)
    assert (rules is not None) == (depth <= MAX_NESTING)


def test_deep_nesting_is_refused_at_its_deepest_point():
    text = "stage fusion static\nrule r: " + "relu(" * (MAX_NESTING + 1) + "a" + ")" * (MAX_NESTING + 1) + " -> relu(a)"
    with pytest.raises(RuleError, match=f"nest more than {MAX_NESTING} levels") as raised:
        compile_source(text)
    assert (raised.value.line, raised.value.column) == (2, 9 + 5 * MAX_NESTING)


@pytest.mark.parametrize("where", ["pattern", "guard"])
def test_deeply_nested_list_literals_are_refused_without_recursion_errors(where):
    depth = 10 * MAX_NESTING
    nested = "[" * depth + "1" + "]" * depth
    if where == "pattern":  # the call is the first level
        text = f"stage fusion static\nrule r: upsample_nearest2d(a, {nested}, None) -> relu(a)"
        deepest = MAX_NESTING
    else:
        text = f"stage fusion static\nrule r: relu(a) where a == {nested} -> relu(a)"
        deepest = MAX_NESTING + 1
    with pytest.raises(RuleError, match=f"nest more than {MAX_NESTING} levels") as raised:
        compile_source(text)
    assert raised.value.column == text.splitlines()[1].index("[") + deepest


_RUNS = itertools.count()
"""Numbers the files of counted runs: the compiler caches results by file name and text,
and a counted run must compile."""


def _refused(text: str, message: str):
    def run():
        with pytest.raises(RuleError, match=message) as raised:
            compile_source(text, f"refused{next(_RUNS)}.qpat")
        return raised.value
    return run


def _doubling_macros(depth: int) -> str:
    """A rule whose macro doubles `depth` times: 2**depth relu calls if not refused."""
    macros = "".join(f"def m{i}(x) = add(m{i - 1}(x), m{i - 1}(x))\n" for i in range(1, depth + 1))
    return f"stage fusion static\ndef m0(x) = relu(x)\n{macros}rule r: m{depth}(a) -> relu(a)"


def _cubic_family(choices: int) -> str:
    names = ", ".join(f"c{i}" for i in range(choices))
    return (f"stage fusion static\nrule r{{a}}{{b}}{{c}} for a in [{names}], b in [{names}], "
            f"c in [{names}]: relu(x) -> relu(x)")


def test_exponential_macros_and_families_are_refused_before_the_work_explodes():
    """Refused at the size limits: a definition 4,000 times larger than the limit costs
    about as much work as one just beyond it."""
    small, large = calls_made([_refused(_doubling_macros(13), "grows beyond"),
                               _refused(_doubling_macros(25), "grows beyond")])
    assert large < 2 * small, (small, large)
    small, large = calls_made([_refused(_cubic_family(22), "would make 10648 rules"),
                               _refused(_cubic_family(30), "would make 27000 rules")])
    assert large < 2 * small, (small, large)
    refused = _refused(_cubic_family(30), "would make 27000 rules")()
    assert (refused.line, refused.column) == (2, 21)


@pytest.mark.parametrize("tail", ["", "\nrule broken: relu(a -> relu(a)\n"], ids=["valid", "error_at_end"])
def test_parsing_work_grows_linearly(tail):
    """10x the text makes about 10x the calls (allowing 12x), also when the syntax error
    is at the very end (the error path re-reads the whole prefix)."""
    text = (REPO / "patterns" / "fusion_static.qpat").read_text()

    def parse_copies(copies: int):
        def run():
            try:
                parse(text * copies + tail, "big.qpat")
            except RuleError as error:
                assert error.line == (text * copies).count("\n") + 2
        return run

    small, large = calls_made([parse_copies(2), parse_copies(20)])
    assert large < 12 * small, (small, large)


def test_a_file_of_a_thousand_errors_is_reported_with_linear_work():
    """Each error shows its source line (the file is split into lines once, not once per
    error: one builtin call whose work the call count does not see), and the first
    unknown operators get suggestions."""

    def errors(count: int):
        text = "stage fusion static\n" + "".join(f"rule r{i}: q(relux{i}(dq(a))) -> relu(a)\n" for i in range(count))

        def run():
            splits = diagnostics._lines.cache_info().misses
            with pytest.raises(RuleError) as raised:
                compile_source(text, f"errors{count}_{next(_RUNS)}.qpat")
            assert diagnostics._lines.cache_info().misses <= splits + 1, "the file was split into lines twice"
            assert len(raised.value.diagnostics) == count
            assert raised.value.diagnostics[-1].source_line == f"rule r{count - 1}: q(relux{count - 1}(dq(a))) -> relu(a)"
        return run

    assert "did you mean 'aten::relu'" in str(pytest.raises(RuleError, compile_source,
                                                             "stage prepack\nrule r: relux(a) -> relu(a)").value)
    small, large = calls_made([errors(100), errors(1000)])
    assert large < 12 * small, (small, large)


def test_huge_identifiers_and_strings_compile():
    name = "a" * 20_000
    rules = compile_checked(f'stage fusion static\nrule {name}: q(gelu(dq({name}), "{"s" * 20_000}")) '
                            f'-> gelu({name}, "nearest")')
    assert rules.names() == (name,)


@pytest.mark.parametrize("newline", ["\r\n", "\x0c", "\u2028"])
def test_source_lines_follow_the_parsers_line_count(newline):
    """Only `\\n` ends a line for the parser; the line shown must be the one it counted."""
    text = f"stage fusion static{newline}rule r: relu(a -> relu(a)\n"
    with pytest.raises(RuleError) as raised:
        compile_source(text)
    assert raised.value.line == 1 + newline.count("\n")
    shown = raised.value.diagnostics[0].source_line
    assert shown.endswith("rule r: relu(a -> relu(a)") and "\n" not in shown and not shown.endswith("\r")


def test_a_carriage_return_without_a_line_feed_is_refused_where_it_is():
    """Old Mac line endings would make the file one line, its first comment hiding every rule."""
    text = "stage fusion static\n# my rules\rrule r: relu(a) -> relu(a)\n"
    with pytest.raises(RuleError, match="carriage return .* without a line feed") as raised:
        compile_source(text)
    assert (raised.value.line, raised.value.column) == (2, 11)
    assert raised.value.diagnostics[0].source_line == "# my rules"


@fuzz_settings(60)
@given(text=st.one_of(mutated_sources(), st.text(max_size=100)))
def test_cli_compile_exits_with_a_status_never_a_traceback(tmp_path, text):
    source = tmp_path / "src"
    source.mkdir(exist_ok=True)
    (source / "fuzz.qpat").write_text(text, encoding="utf-8", errors="surrogatepass")
    result = run_qdsl("compile", source, "-o", tmp_path / "out")
    assert result.returncode in (0, 1, 2)
    assert "Traceback" not in result.stderr
    if result.returncode == 1:
        assert re.search(r"fuzz\.qpat:\d+:\d+: error: ", result.stderr)


@pytest.mark.parametrize("argument", [b"stage prepack", None, 42, ["patterns", 3]])
def test_wrong_argument_types_are_input_errors(argument):
    with pytest.raises(InputError, match="expects"):
        if isinstance(argument, list):
            load_rules(argument)
        else:
            compile_source(argument)
    with pytest.raises(InputError, match="expects"):
        load_rules(argument)


def test_surrogates_in_source_text_are_a_located_error():
    with pytest.raises(RuleError) as raised:
        compile_source("stage fusion static\nrule r\udcff: relu(a) -> relu(a)", "s.qpat")
    assert (raised.value.line, raised.value.column) == (2, 7)


@pytest.mark.parametrize("literal, message", [
    ("1e999", "float 1e999 is too large for a double"),
    ("1e-320", "float 1e-320 is too small: TorchScript's IR takes no subnormal doubles"),
    ("1e-400", "float 1e-400 is too small: TorchScript's IR takes no subnormal doubles"),
    ("9223372036854775808", "integer 9223372036854775808 does not fit in 64 bits"),
    ("[1, -9223372036854775809]", "integer -9223372036854775809 does not fit in 64 bits"),
])
def test_numbers_torch_cannot_hold_are_located_errors(literal, message):
    line = f"rule r: q(relu(dq(a)), s, z, d) where z == {literal} -> relu(a)"
    with pytest.raises(RuleError, match=message) as raised:
        compile_source(f"stage fusion static\n{line}")
    offending = literal.strip("[]").split(", ")[-1]
    assert (raised.value.line, raised.value.column) == (2, line.index(offending) + 1)


def test_the_largest_numbers_torch_holds_compile():
    rules = compile_checked("stage fusion static\nrule r: q(relu(dq(a)), 1.7976931348623157e308, "
                            "-9223372036854775808, 9223372036854775807) -> relu(a)")
    constants = [n.output().toIValue() for n in torch._C.parse_ir(rendered(rules["r"])[0]).nodes()
                 if n.kind() == "prim::Constant"]
    assert constants == [1.7976931348623157e308, -2**63, 2**63 - 1]
