"""Per-text memos of the analysis: the same results as without them, bounded, shared safely."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from treatydiff.analysis import analyse
from treatydiff.analysis.editorial import _normalise, normalise
from treatydiff.analysis.hits import _find_hits, find_hits
from treatydiff.analysis.lexicon import detect_language, load_lexicon
from treatydiff.analysis.memo import Memo
from treatydiff.analysis.rules import analyse_pair
from treatydiff.model import (
    ChangeKind,
    ClausePair,
    NegotiationInfo,
    Op,
    Party,
    Provision,
    Round,
    RoundInfo,
    Segment,
)
from treatydiff.pipeline import compare
from treatydiff.settings import Settings

WORDS = ["shall", "may", "should", "endeavour", "to", "within", "30", "days", "Article", "4", "Armenia", "not",
         "[", "]", "promptly", "Option", "1:", "the", "Parties", "withdraw", "forces", "thirty", "by", "2030", "\n"]
texts = st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join)


def test_memo_computes_once_and_forgets_the_oldest_first() -> None:
    calls: list[str] = []
    memo: Memo[str, str] = Memo(2)

    def compute(key: str) -> str:
        calls.append(key)
        return key.upper()

    assert [memo.get(k, lambda k=k: compute(k)) for k in ("a", "b", "a", "c", "a", "b")] == ["A", "B", "A", "C", "A", "B"]
    assert calls == ["a", "b", "c", "a", "b"]  # "a" left when "c" came; "b" left when "a" came back
    assert len(memo) == 2


@settings(max_examples=60, deadline=None)
@given(texts)
def test_memoised_hits_and_normalised_text_equal_fresh_ones(text: str) -> None:
    lexicon = load_lexicon("en")
    assert find_hits(lexicon, text) == _find_hits(lexicon, text) == find_hits(lexicon, text)
    assert normalise(lexicon, text) == _normalise(lexicon, text)


@settings(max_examples=60, deadline=None)
@given(texts)
def test_an_unchanged_text_fires_no_text_rule(text: str) -> None:
    # analyse() skips analyse_pair for identical texts: this is why that is safe.
    lexicon = load_lexicon("en")
    old, new = Provision(id="a", label="Article 4", text=text), Provision(id="b", label="Article 5", text=text)
    for segments in ((Segment(Op.EQUAL, text),) if text else (), ()):
        pair = ClausePair(key="p1", old=old, new=new, kinds=(ChangeKind.RENUMBERED,), similarity=1.0, segments=segments)
        assert analyse_pair(pair, lexicon, ()) == []


def test_analysing_twice_gives_the_same_comparison() -> None:
    parties = (Party("AM", "Republic of Armenia", ("Armenia",)), Party("AZ", "Republic of Azerbaijan", ("Azerbaijan",)))
    old = Round(RoundInfo(label="R1"), (Provision(id="a", label="Article 4", text="Armenia shall withdraw within 30 days."),))
    new = Round(RoundInfo(label="R2"), (Provision(id="a", label="Article 4", text="Armenia may withdraw [within 90 days]."),))
    first = compare(old, new, Settings(negotiation=NegotiationInfo(title="t", parties=parties)))
    again = analyse(first)
    assert first.findings and again == first


def test_language_guess_needs_letters_only_for_cyrillic_text() -> None:
    assert detect_language("The Parties shall withdraw.") == "en"
    assert detect_language("Стороны обязуются вывести войска.") == "ru"
    assert detect_language("Les Parties retirent les forces dans le délai.") == "fr"
    assert detect_language("\u0483\u0483 1 2") == "en"  # Cyrillic marks but no letter: not Russian
