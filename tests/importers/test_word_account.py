"""The words-in = words-out account: matching whole lines first never lets a word through."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from treatydiff.importers.patterns import _word_chunks, account_words
from treatydiff.model import Provision


def _account(read: list[str], provisions: list[Provision]) -> tuple[int, int, tuple[str, ...]]:
    words = account_words(read, provisions)
    return words.read, words.written, words.missing


def test_lines_found_whole_or_after_their_number_balance() -> None:
    read = ["Article 1", "1. The Parties – shall * cooperate.", "", "Definitions | terms"]
    round_ = [
        Provision(id="a", label="Article 1", paragraphs=(Provision(id="p", label="1.", text="The Parties – shall * cooperate."),)),
        Provision(id="b", label="Other", text="Definitions | terms"),
    ]
    assert _account(read, round_) == (9, 9, ())  # "–", "*" and "|" are no words


def test_a_line_read_twice_and_kept_once_misses_its_words() -> None:
    read = ["The Parties shall cooperate.", "The Parties shall cooperate."]
    assert _account(read, [Provision(id="a", label="Article 1", text="The Parties shall cooperate.")]) == (
        8, 4, ("The", "Parties", "shall", "cooperate."),
    )


def test_a_word_dropped_inside_a_line_is_missing() -> None:
    read = ["2. Each Party shall report annually."]
    round_ = [Provision(id="a", label="2.", text="Each Party shall report.")]
    assert _account(read, round_) == (6, 5, ("annually.",))


def test_a_number_matched_with_its_line_cannot_stand_for_a_word() -> None:
    # "1." of the second line is found with its line; the "1" of "1.0%" must still be found.
    read = ["1. Rate", "see 1.", "1.0%"]
    round_ = [Provision(id="a", label="1.", text="Rate"), Provision(id="b", label="2.", text="see 1.")]
    assert _account(read, round_) == (5, 4, ("1.0%",))


def _chunks_with_a_word(lines: list[str]) -> int:
    """The definition the fast count must keep: chunks between whitespace holding a \\w."""
    return sum(1 for chunk in "\n".join(lines).split() if re.search(r"\w", chunk))


def test_the_count_of_a_balanced_account_is_its_chunks_holding_a_word() -> None:
    # ASCII lines and lines with a dash or curly quote are counted by different means; a chunk
    # of punctuation alone ("##", "–", "*", "|") is no word, one with an underscore or digit is.
    read = ["## Article 1 — Scope", "1. The Parties * shall cooperate_fully, ", "\tsee (a) | 2.5 %", "“Party” means –"]
    round_ = [
        Provision(id="a", label="Article 1", heading="— Scope", paragraphs=(
            Provision(id="p", label="1.", text="The Parties * shall cooperate_fully,\nsee (a) | 2.5 %\n“Party” means –"),)),
    ]
    words = account_words(read, round_)
    assert words.read == words.written == _chunks_with_a_word(read) == 13


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=" \t\n\x0b\x0c\r\x1c\x1f\xa0\u2003ab_9#-.,()*—éß", max_size=30), max_size=6))
def test_the_fast_count_agrees_with_splitting_and_testing_every_chunk(lines: list[str]) -> None:
    assert _word_chunks(lines) == _chunks_with_a_word(lines)
