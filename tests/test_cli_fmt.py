"""`qdsl fmt`: canonical layout, idempotence, comments, and the CLI's modes."""

from __future__ import annotations

import re
import sys
import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qdsl.diagnostics import RuleError
from qdsl.lang.format import ast_without_spans, concrete_tree, format_source, leaves
from qdsl.lang.parser import parse
from tests.support.fuzzing import fuzz_settings
from tests.support.cli import REPO, run_qdsl


def parsing_files() -> list[Path]:
    candidates = sorted([*REPO.glob("patterns/**/*.qpat"), *REPO.glob("tests/fixtures/**/*.qpat"),
                         *REPO.glob("tests/golden/**/*.qpat")])
    found = []
    for path in candidates:
        try:
            parse(path.read_text(), path.name)
        except RuleError:
            continue
        found.append(path)
    return found


FILES = parsing_files()


def test_the_corpus_holds_the_shipped_files_and_the_fixtures():
    """The corpus keeps the files that parse: a parser that refused them would empty it."""
    names = {p.relative_to(REPO).as_posix() for p in FILES}
    assert {"patterns/fusion_static.qpat", "patterns/fusion_dynamic.qpat", "patterns/prepack.qpat",
            "patterns/optional/add_alpha_float.qpat", "tests/golden/misc.qpat",
            "tests/fixtures/first_rule.qpat"} <= names


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_formatting_keeps_the_meaning_and_is_idempotent(path):
    text = path.read_text()
    once = format_source(text, path.name)
    assert ast_without_spans(parse(once, path.name)) == ast_without_spans(parse(text, path.name))
    assert format_source(once, path.name) == once
    assert _comments(once) == _comments(text)


def _comments(text: str) -> list[str]:
    return [m.group(0).rstrip() for m in re.finditer(r"#[^\n]*", text)]


def test_shipped_files_are_in_canonical_layout():
    result = run_qdsl("fmt", "--check", "patterns", "patterns/optional")
    assert result.returncode == 0, result.stderr


MESSY = """\
# header


stage   fusion static   # the stage
def sq(x)=item( dq(x) )
rule   a{act:_}{act}  for act in [none,relu,
  relu_] :  w,b=quantized::linear_unpack( packed )   # after binding
  # before result
  q(act(linear(dq(a),dq(w),b))) where   not(alpha == 1 or b!=quint8) and is_scalar(a)
       -> quantized::linear( a , packed ,
   scale, zero_point )
rule t: (a, q(relu(dq(b)))) -> (a,
 relu(b))  # end
# last
"""

CANONICAL = """\
# header

stage fusion static  # the stage
def sq(x) = item(dq(x))
rule a{act:_}{act} for act in [none, relu,
                               relu_]:
    w, b = quantized::linear_unpack(packed)  # after binding
    # before result
    q(act(linear(dq(a), dq(w), b))) where not (alpha == 1 or b != quint8) and is_scalar(a)
    -> quantized::linear(a, packed,
                         scale, zero_point)
rule t:
    (a, q(relu(dq(b)))) -> (a,
                            relu(b))  # end
# last
"""


def test_messy_input_gets_the_documented_layout():
    assert format_source(MESSY) == CANONICAL


MESSY_SHARED = """\
from   "lib/macros.qpat"import q_like ,   # shared
     scalar_q
stage prepack
rule r: linear(a, dq(w), b) ->  packed =  fold   quantized::linear_prepack( w, b )
  w2, b2 = quantized::linear_unpack(packed)
  linear(a, dq(w2), b2)
stage fusion static
rule s: q( commutative  add(dq(a),b , alpha))
  -> quantized::add(a, b, scale, zero_point)
"""

CANONICAL_SHARED = """\
from "lib/macros.qpat" import q_like,  # shared
        scalar_q
stage prepack
rule r:
    linear(a, dq(w), b) -> packed = fold quantized::linear_prepack(w, b)
                           w2, b2 = quantized::linear_unpack(packed)
                           linear(a, dq(w2), b2)
stage fusion static
rule s:
    q(commutative add(dq(a), b, alpha))
    -> quantized::add(a, b, scale, zero_point)
"""


def test_imports_and_call_markers_get_the_documented_layout():
    assert format_source(MESSY_SHARED) == CANONICAL_SHARED
    assert format_source(CANONICAL_SHARED) == CANONICAL_SHARED
    assert ast_without_spans(parse(CANONICAL_SHARED)) == ast_without_spans(parse(MESSY_SHARED))
    assert ast_without_spans(parse(CANONICAL_SHARED)) != ast_without_spans(
        parse(CANONICAL_SHARED.replace('"lib/macros.qpat"', '"lib/other.qpat"')))


def test_where_and_arrow_keep_the_authors_line_choice():
    one_line = "stage prepack\n\nrule r:\n    linear(a, dq(w), b) -> linear(a, w, b)\n"
    broken = "stage prepack\n\nrule r:\n    linear(a, dq(w), b)\n    -> linear(a, w, b)\n"
    assert format_source(one_line) == one_line
    assert format_source(broken) == broken
    replacement_bindings = ("stage prepack\n\nrule r:\n    linear(a, dq(w), b)\n"
                            "    -> packed = quantized::linear_prepack(w, b)\n"
                            "       x, y = quantized::linear_unpack(packed)\n"
                            "       linear(a, dq(x), y)\n")
    assert format_source(replacement_bindings.replace("\n       ", "\n ")) == replacement_bindings


def _tokens(text: str) -> list[str]:
    """The shipped file's tokens, comments dropped (a re-layout must not split a token)."""
    tree, _ = concrete_tree(text)
    return [token.value for token in leaves(tree)]


STATIC_TOKENS = _tokens((REPO / "patterns" / "fusion_static.qpat").read_text()[:4000].rsplit("\nrule ", 1)[0])


@fuzz_settings(25)
@given(st.lists(st.sampled_from([" ", "  ", "\n", "\n\n", "\n    ", " # note\n"]), min_size=len(STATIC_TOKENS),
                max_size=len(STATIC_TOKENS)))
def test_any_relayout_formats_to_the_same_meaning_and_is_stable(separators):
    text = "".join(token + separator for token, separator in zip(STATIC_TOKENS, separators))
    once = format_source(text)
    assert ast_without_spans(parse(once)) == ast_without_spans(parse(text))
    assert format_source(once) == once
    assert once.count("# note") == text.count("# note")


def test_check_reports_a_file_that_would_change_and_leaves_it(tmp_path):
    messy = tmp_path / "messy.qpat"
    messy.write_text(MESSY)
    result = run_qdsl("fmt", "--check", str(messy))
    assert result.returncode == 1
    assert "would reformat" in result.stderr and "messy.qpat" in result.stderr
    assert messy.read_text() == MESSY


def test_a_file_named_twice_is_reported_once(tmp_path):
    (tmp_path / "messy.qpat").write_text(MESSY)
    result = run_qdsl("fmt", "--check", "messy.qpat", ".", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, "would reformat messy.qpat\n")


def test_diff_prints_a_unified_diff_and_leaves_the_file(tmp_path):
    messy = tmp_path / "messy.qpat"
    messy.write_text(MESSY)
    result = run_qdsl("fmt", "--diff", str(messy))
    assert result.returncode == 0
    assert messy.read_text() == MESSY
    assert "--- " in result.stdout and "+++ " in result.stdout
    assert "-def sq(x)=item( dq(x) )\n" in result.stdout
    assert "+def sq(x) = item(dq(x))\n" in result.stdout


def test_in_place_rewrites_then_check_passes(tmp_path):
    messy = tmp_path / "messy.qpat"
    messy.write_text(MESSY)
    assert run_qdsl("fmt", str(messy)).returncode == 0
    assert messy.read_text() == CANONICAL
    assert run_qdsl("fmt", "--check", str(messy)).returncode == 0


def test_syntax_error_exits_1_with_the_diagnostic_and_missing_file_exits_2(tmp_path):
    bad = tmp_path / "bad.qpat"
    bad.write_text("stage fusion static\nrule r:\n    q(relu(dq(a)))\n    quantized::relu(a)\n")
    result = run_qdsl("fmt", str(bad))
    assert result.returncode == 1
    assert "bad.qpat:4:5: error: unexpected name 'quantized'" in result.stderr
    assert "    ^~~~~~~~~" in result.stderr
    missing = run_qdsl("fmt", str(tmp_path / "absent.qpat"))
    assert missing.returncode == 2
    assert "no such rule file or directory" in missing.stderr


def test_a_byte_order_mark_is_read_as_nothing_and_dropped(tmp_path):
    marked = tmp_path / "marked.qpat"
    marked.write_bytes(b"\xef\xbb\xbf" + CANONICAL.encode())
    check = run_qdsl("fmt", "--check", str(marked))
    assert check.returncode == 1 and "would reformat" in check.stderr
    diff = run_qdsl("fmt", "--diff", str(marked))
    assert f"-\ufeff{CANONICAL.splitlines()[0]}\n+{CANONICAL.splitlines()[0]}\n" in diff.stdout
    assert marked.read_bytes().startswith(b"\xef\xbb\xbf")
    assert run_qdsl("fmt", str(marked)).returncode == 0
    assert marked.read_bytes() == CANONICAL.encode()
    assert run_qdsl("fmt", "--check", str(marked)).returncode == 0


def test_formatting_in_threads_keeps_each_files_comments():
    """Each call collects its own comments: files formatted at once in several threads
    come out as formatted one by one (switching threads as often as the interpreter can)."""
    texts = [MESSY, MESSY_SHARED, (REPO / "patterns" / "fusion_static.qpat").read_text()]
    expected = [format_source(text) for text in texts]
    results: list[list[str]] = [[] for _ in texts]

    def work(index: int) -> None:
        for _ in range(8):
            results[index].append(format_source(texts[index]))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=work, args=(index,)) for index in range(len(texts))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert results == [[text] * 8 for text in expected]
