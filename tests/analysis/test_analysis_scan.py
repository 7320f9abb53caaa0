"""The fast scanners find exactly what the plain combined patterns find (scan.py)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from treatydiff.analysis.lexicon import LANGUAGES, load_lexicon
from treatydiff.analysis.scan import Prefilter, Scanner, canonical, first_words


def _plain(scanner: Scanner, text: str) -> list[tuple[int, int, int]]:
    combined = re.compile("|".join(f"(?P<a{i}>{scanner.lead}(?:{a}))" for i, a in enumerate(scanner.alternatives)), scanner.flags)
    return [(m.start(), m.end(), int((m.lastgroup or "a0")[1:])) for m in combined.finditer(text)]


def _fast(scanner: Scanner, text: str) -> list[tuple[int, int, int]]:
    return [(m.start(), m.end(), i) for m, i in scanner.finditer(text)]


def _words(language: str) -> list[str]:
    """Words of the lexicon's terms, so random texts hit many of them."""
    lexicon = load_lexicon(language)
    found = {w for a in lexicon.term_scanner.alternatives for w in re.findall(r"[^\W\d_]{2,}", a)}
    return sorted(found | {"the", "Parties", "30", "2030", "days", "Article", "5", "paragraph", "2", "İS", "ſhall", "SHALL", "Not"})


@pytest.mark.parametrize("language", LANGUAGES)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_every_scanner_matches_the_plain_pattern(language: str, data: st.DataObject) -> None:
    lexicon = load_lexicon(language)
    words = data.draw(st.lists(st.sampled_from(_words(language)), max_size=40))
    seps = data.draw(st.lists(st.sampled_from([" ", "  ", "\n", ", ", ". ", "(", ") ", "-"]), min_size=len(words), max_size=len(words)))
    text = "".join(w + s for w, s in zip(words, seps, strict=True))
    scanners = [lexicon.term_scanner, *lexicon.deadline_scanners, *lexicon.reference_scanners, lexicon.number_scanner]
    for scanner in scanners:
        assert _fast(scanner, text) == _plain(scanner, text)


def test_first_words_are_read_from_the_pattern() -> None:
    assert first_words(r"(?:undertakes?\s+to)(?!\w)", re.IGNORECASE) == {"undertake to", "undertakes to"}
    assert first_words(r"(?:(?:is|are)\s+obliged\s+to)(?!\w)", re.IGNORECASE) == {"is obliged", "are obliged"}
    assert first_words(r"(?:\w+\s+shall)(?!\w)", re.IGNORECASE) is None  # unknown: always tried


def test_an_unreadable_alternative_falls_back_to_the_plain_pattern() -> None:
    scanner = Scanner([r"(?:\w+ly)(?!\w)", r"(?:shall)(?!\w)"], re.IGNORECASE, lead=r"(?<!\w)")
    text = "Parties shall promptly act."
    assert _fast(scanner, text) == _plain(scanner, text) == [(8, 13, 1), (14, 22, 0)]


def test_canonical_form_keeps_offsets_and_folds_what_re_folds() -> None:
    assert canonical("İS ſhall") == "is shall"
    assert len(canonical("ΣΑΣ Straße")) == len("ΣΑΣ Straße")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"aZ 9.—éЖ", "İ", "I", "ı", "ſ", "K", "Σ", "ς", "σ", "ẞ", "ß", "µ", "ǅ", "ﬀ", "ϐ", "ᲀ", "ͅ"]) | st.characters()))
def test_canonical_form_skips_the_tables_only_where_they_change_nothing(text: str) -> None:
    from treatydiff.analysis.regexread import _AFTER_LOWER, _BEFORE_LOWER

    assert canonical(text) == text.translate(_BEFORE_LOWER).lower().translate(_AFTER_LOWER)


def test_prefilter_requires_the_literal_pieces() -> None:
    option = Prefilter(re.compile(r"(?:\*\*)?option \d+[a-z]?(?:\*\*)? ?:", re.IGNORECASE))
    assert option.may_match("**OPTION 2:** text")
    assert not option.may_match("no alternatives here")


def test_without_the_private_parser_every_hit_is_still_found(monkeypatch: pytest.MonkeyPatch) -> None:
    """``re._parser`` is private: if a Python upgrade changed it, the self-check turns the
    prefilters off, and the plain patterns must find exactly the same hits."""
    from treatydiff.analysis import hits, lexicon, regexread

    text = ("Each Party shall, where appropriate and within 30 days, take note of the report; it may not "
            "withdraw unless otherwise agreed, and shall report annually under Article 4, paragraph 2.")
    fast = hits._find_hits(lexicon.load_lexicon("en"), text)
    assert regexread.TRUSTED
    monkeypatch.setattr(regexread, "TRUSTED", False)
    plain = hits._find_hits(lexicon._build(lexicon._builtin("en"), "en"), text)  # built afresh, prefilters off
    assert [(h.start, h.end, h.kind, h.family) for h in plain] == [(h.start, h.end, h.kind, h.family) for h in fast]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_built_in_term_compiles_alone(language: str) -> None:
    """Loading a built-in lexicon no longer compiles each term alone to name a bad one (only a
    user's terms are checked so): this test keeps the shipped terms honest instead."""
    from treatydiff.analysis import lexicon

    built = lexicon._build(lexicon._builtin(language), language, checked=True)
    assert built.terms.groups == len(built.term_info)  # the alternation, compiled when asked
    assert len(built.deadline_patterns) == len(built.deadline_scanners)  # compiled when asked, too


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"0123456789.., a_x\n", "é", "٣", "²"]), max_size=16))
def test_numbers_are_found_where_a_leading_lookbehind_finds_them(text: str) -> None:
    from treatydiff.analysis.hits import _NUMBER

    plain = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])")
    assert [m.span() for m in _NUMBER.finditer(text)] == [m.span() for m in plain.finditer(text)]


# The sentence-end pattern as it was written first (three branches tried at every character);
# pairstate.SENTENCE_END opens each match with its whitespace so ``re`` skips ahead in C.
_SENTENCE_END_AS_WRITTEN = re.compile(r"(?<=;)[^\S\n]+|(?<![A-Z]\.[A-Z]\.)(?<=[.!?])[^\S\n]+(?![\sa-z])|[^\S\n]*\n\s*")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=" \t\n\u00a0\u2003;.!?,ABUSabx2(", max_size=40), st.integers(min_value=0, max_value=3))
def test_sentence_ends_are_those_of_the_pattern_as_written(text: str, pos: int) -> None:
    from treatydiff.analysis.pairstate import SENTENCE_END

    def ends(pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        return [m.span() for m in pattern.finditer(text, pos)]

    assert ends(SENTENCE_END) == ends(_SENTENCE_END_AS_WRITTEN)


def test_sentence_ends_of_a_draft() -> None:
    from treatydiff.analysis.pairstate import sentences

    text = "The U.S. Government shall act; each Party may report.  It shall report.\nArticle 2 follows. and goes on\n\nNext."
    assert [text[a:b] for a, b in sentences(text)] == [
        "The U.S. Government shall act;", "each Party may report.", "It shall report.",
        "Article 2 follows. and goes on", "Next.",
    ]
