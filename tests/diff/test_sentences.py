"""Word diffs of heavily edited provisions: sentence by sentence, exact in both directions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.bench_worddiff import definitions_article
from treatydiff.diff import sentences
from treatydiff.diff.dmp import diff_tokens
from treatydiff.diff.sentences import fold_small_equalities, unit_ends
from treatydiff.diff.worddiff import _keys, _split, diff_text, new_text, old_text, tokenize
from treatydiff.model import CompareOptions, Op

_WORDS = st.sampled_from(["the", "Parties", "shall", "may", "cooperate", "report", "on", "finance", "Article", "4", "(a)", "and", "or"])
_SENTENCE = st.lists(_WORDS, min_size=1, max_size=12).map(lambda words: " ".join(words))
_TEXT = st.lists(st.tuples(_SENTENCE, st.sampled_from([". ", ", ", ";\n", "\n", ": ", " "])), max_size=12).map(
    lambda parts: "".join(s + end for s, end in parts)
)


@pytest.fixture
def always_by_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sentences, "WHOLE_DISTANCE", 0)


@settings(max_examples=300, deadline=None)
@given(_TEXT, _TEXT, st.booleans())
def test_sentence_diff_rebuilds_both_texts(old: str, new: str, ignore_case: bool) -> None:
    original = sentences.WHOLE_DISTANCE
    sentences.WHOLE_DISTANCE = 0  # every changed provision takes the sentence path
    try:
        segments = diff_text(old, new, CompareOptions(ignore_case=ignore_case))
    finally:
        sentences.WHOLE_DISTANCE = original
    assert old_text(segments) == old
    assert new_text(segments) == new


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["equal", "delete", "insert"]), st.integers(1, 5)), max_size=30))
def test_folding_keeps_every_token(runs: list[tuple[str, int]]) -> None:
    folded = fold_small_equalities(runs)  # type: ignore[arg-type]
    for side in ("delete", "insert"):
        assert sum(n for op, n in folded if op != side) == sum(n for op, n in runs if op != side)
    assert all(n > 0 for _, n in folded)


def test_a_lightly_edited_provision_is_the_librarys_diff() -> None:
    old = " ".join(f"Sentence {n} of the provision reads as before." for n in range(200))
    new = old.replace("Sentence 17 of", "Sentence 17 in").replace("Sentence 150 of the", "Clause 150 of a")
    options = CompareOptions()
    (old_tokens, old_numbers), (new_tokens, new_numbers) = _split(old, numbers_as_words=True), _split(new, numbers_as_words=True)
    old_keys, new_keys = _keys(old_tokens, old_numbers, options), _keys(new_tokens, new_numbers, options)
    expected = diff_tokens(old_keys, new_keys)
    runs = sentences.diff_units(old_keys, new_keys, old_tokens, new_tokens)
    assert runs == expected


def test_equal_sentences_anchor_a_rewritten_provision(always_by_sentence: None) -> None:
    old = "The Parties shall meet annually. Each Party shall report on finance. The secretariat shall assist."
    new = "The Parties shall meet annually. Every Party may report on its finance and support. The secretariat shall assist."
    segments = diff_text(old, new)
    equal = "".join(s.text for s in segments if s.op == Op.EQUAL)
    assert "The Parties shall meet annually. " in equal
    assert "The secretariat shall assist." in equal
    assert old_text(segments) == old and new_text(segments) == new


def test_the_generated_worst_case_takes_the_sentence_path_and_rebuilds() -> None:
    old, new = definitions_article()
    assert len(old.split()) > 2000
    segments = diff_text(old, new)
    assert old_text(segments) == old and new_text(segments) == new
    # anchored: the untouched opening sentence and first definition stay equal
    assert segments[0].op == Op.EQUAL and segments[0].text.startswith("For the purposes of this Regulation")


def test_unit_ends_mark_sentences_lines_and_clauses() -> None:
    tokens = [token for token, _ in tokenize("One, two. Three\nfour")]
    levels = dict(zip(tokens, unit_ends(tokens), strict=False))
    assert [level for level in unit_ends(tokens) if level] == [1, 2, 2]
    assert levels["\n"] == sentences.SENTENCE


def test_long_stretches_are_paired_in_windows_in_order() -> None:
    old = [f"sentence {n} about finance and support" for n in range(500)]
    new = [f"sentence {n} about finance and adaptation" for n in range(0, 500, 2)] + [f"added {n}" for n in range(50)]
    pairs = sentences._pairs(old, new)
    assert pairs == sorted(pairs)
    assert len({x for x, _ in pairs}) == len(pairs) == len({y for _, y in pairs})
    assert len(pairs) > 200  # most rewritten sentences still find their partner


def test_a_very_long_rewritten_provision_rebuilds(always_by_sentence: None) -> None:
    old = " ".join(f"The Parties shall report on item {n} every year." for n in range(400))
    new = " ".join(f"Each Party may report on item {n} when it can." for n in range(0, 400, 3))
    segments = diff_text(old, new)
    assert old_text(segments) == old and new_text(segments) == new
