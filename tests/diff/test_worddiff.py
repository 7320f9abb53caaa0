"""Word-level diff: exact in both directions, words never split, options that users expect."""

from __future__ import annotations

import pytest

from treatydiff.diff.dmp import diff_tokens
from treatydiff.diff.worddiff import diff_text, has_substantive_change, new_text, old_text, tokenize
from treatydiff.model import CompareOptions, Op, Segment


def _changes(segments: tuple[Segment, ...]) -> list[tuple[str, str, bool]]:
    return [(s.op.value, s.text, s.ignorable) for s in segments if s.op != Op.EQUAL]


def _rebuilds(old: str, new: str, options: CompareOptions | None = None) -> tuple[Segment, ...]:
    segments = diff_text(old, new, options)
    assert old_text(segments) == old
    assert new_text(segments) == new
    return segments


def test_tokenize_concatenates_back() -> None:
    text = "Each Party’s forces shall withdraw, within thirty (30) days,\n(a) from the zone;"
    assert "".join(t for t, _ in tokenize(text)) == text
    assert "".join(t for t, _ in tokenize(text, numbers_as_words=True)) == text
    assert ("thirty (30)", "30") in tokenize(text, numbers_as_words=True)


def test_word_granularity_never_splits_a_word() -> None:
    segments = _rebuilds("The Parties shall cooperate.", "The Parties should cooperate.")
    assert _changes(segments) == [("delete", "shall", False), ("insert", "should", False)]


def test_deletions_come_before_insertions() -> None:
    segments = _rebuilds("within thirty days of signature", "no later than ninety days after ratification")
    previous = Op.EQUAL
    for segment in segments:
        assert not (previous == Op.INSERT and segment.op == Op.DELETE)
        previous = segment.op


def test_semantic_cleanup_reads_like_a_redline() -> None:
    old = "The commission shall meet twice a year in the capital of each Party in turn."
    new = "A joint body may convene once every two years at a venue agreed by both sides."
    segments = _rebuilds(old, new)
    # a rewritten sentence becomes one deletion and one insertion, not a word salad
    assert len([s for s in segments if s.op != Op.EQUAL]) <= 4


def test_identical_and_empty() -> None:
    assert diff_text("", "") == ()
    assert diff_text("same", "same") == (Segment(Op.EQUAL, "same"),)
    assert _changes(_rebuilds("", "new text")) == [("insert", "new text", False)]
    assert _changes(_rebuilds("old text", "")) == [("delete", "old text", False)]


def test_ignore_case() -> None:
    options = CompareOptions(ignore_case=True)
    segments = _rebuilds("The Parties SHALL cooperate.", "The parties shall cooperate.", options)
    assert _changes(segments) and not has_substantive_change(segments)
    assert has_substantive_change(diff_text("The Parties SHALL cooperate.", "The parties shall cooperate."))


def test_ignore_whitespace() -> None:
    options = CompareOptions(ignore_whitespace=True)
    segments = _rebuilds("shall  cooperate\nfully", "shall cooperate fully", options)
    assert not has_substantive_change(segments)
    assert has_substantive_change(diff_text("shall  cooperate", "shall cooperate"))


def test_ignore_punctuation_only_changes() -> None:
    options = CompareOptions(ignore_punctuation=True)
    segments = _rebuilds("roads, railways and airports;", "roads railways and airports.", options)
    assert not has_substantive_change(segments)
    # a changed word next to punctuation still counts
    assert has_substantive_change(diff_text("roads, railways;", "roads, pipelines.", options))


def test_spelled_numbers_equal_their_figure() -> None:
    segments = _rebuilds("within thirty (30) days", "within 30 days")
    assert _changes(segments) and not has_substantive_change(segments)
    strict = diff_text("within thirty (30) days", "within 30 days", CompareOptions(numbers_as_words=False))
    assert has_substantive_change(strict)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("within thirty (30) days", "within 60 days"),
        ("within thirty (30) days", "within sixty (60) days"),
        ("within thirty (30) days", "within thirty (31) days"),
        ("within 30 days", "within 300 days"),
        ("USD 1,000,000", "USD 1,000,001"),
    ],
)
def test_a_changed_number_is_never_hidden(old: str, new: str) -> None:
    for options in (CompareOptions(), CompareOptions(ignore_case=True, ignore_whitespace=True, ignore_punctuation=True)):
        assert has_substantive_change(_rebuilds(old, new, options))


def test_renumbered_cross_reference_is_ignorable_only_when_it_follows_the_renumbering() -> None:
    follows = _rebuilds("as set out in Article 5, paragraph 2", "as set out in Article 6, paragraph 2")
    assert has_substantive_change(follows)
    renumbered = diff_text("as set out in Article 5, paragraph 2", "as set out in Article 6, paragraph 2", renumbered={"5": "6"})
    assert old_text(renumbered).endswith("Article 5, paragraph 2") and new_text(renumbered).endswith("Article 6, paragraph 2")
    assert not has_substantive_change(renumbered)
    wrong = diff_text("as set out in Article 5", "as set out in Article 7", renumbered={"5": "6"})
    assert has_substantive_change(wrong)
    # the slow path (other edits in the same text) agrees
    mixed = diff_text("Parties shall act under Article 5.", "Parties may act under Article 6.", renumbered={"5": "6"})
    assert _changes(mixed) == [("delete", "shall", False), ("insert", "may", False), ("delete", "5", True), ("insert", "6", True)]


def test_long_texts_with_one_edit_keep_whole_words() -> None:
    body = " ".join(f"word{n}" for n in range(2000))
    old = f"{body} shall comply {body}"
    new = f"{body} should comply {body}"
    assert _changes(_rebuilds(old, new)) == [("delete", "shall", False), ("insert", "should", False)]
    # an edit at a word's end: the whole word is replaced, not a suffix
    assert _changes(_rebuilds("the Parties cooperate", "the Parties cooperated")) == [
        ("delete", "cooperate", False),
        ("insert", "cooperated", False),
    ]


def test_diff_tokens_runs_cover_both_sequences() -> None:
    runs = diff_tokens(["a", "b", "c"], ["a", "x", "c", "d"])
    assert sum(n for op, n in runs if op != "insert") == 3
    assert sum(n for op, n in runs if op != "delete") == 4
