"""Invariants of a comparison, for any drafts hypothesis can think of.

- every pair's segments rebuild its old text (equal + delete) and its new text (equal + insert);
- every provision of either round is on exactly one pair: no word of either draft is lost;
- comparing a draft with itself finds no change;
- the same inputs give the same comparison and byte-identical JSON.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from treatydiff.diff.worddiff import diff_text, new_text, old_text
from treatydiff.model import ChangeKind, CompareOptions, Provision, ProvisionKind, Round, RoundInfo
from treatydiff.pipeline import compare
from treatydiff.render import render

WORDS = ["shall", "should", "may", "the", "Parties", "Article", "3", "30", "thirty (30)", "days", "border",
         "commission", "not", "within", ",", ".", ";", "(a)", "[", "]", "Ä", "ß", "  ", "\n", "all"]
text = st.lists(st.sampled_from(WORDS), max_size=25).map(lambda ws: " ".join(ws).strip())
raw_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)
options = st.builds(
    CompareOptions,
    ignore_case=st.booleans(),
    ignore_whitespace=st.booleans(),
    ignore_punctuation=st.booleans(),
    numbers_as_words=st.booleans(),
    analyse=st.just(False),
)


@st.composite
def rounds(draw: st.DrawFn, label: str = "R") -> Round:
    count = draw(st.integers(min_value=0, max_value=6))
    numbers = draw(st.permutations(range(1, count + 1)))
    articles = []
    for n in numbers:
        paragraphs = tuple(
            Provision(id=f"art-{n}-p{k}", label=f"{k}.", text=t, kind=ProvisionKind.PARAGRAPH)
            for k, t in enumerate(draw(st.lists(text.filter(bool), max_size=3)), 1)
        )
        articles.append(Provision(id=f"art-{n}", label=f"Article {n}", text=draw(text), heading=draw(st.none() | text), paragraphs=paragraphs,
                                  notes=draw(st.none() | text.map("[^1] ".__add__))))
    return Round(info=RoundInfo(label=label), provisions=tuple(articles))


@st.composite
def edited(draw: st.DrawFn) -> tuple[Round, Round]:
    """A round and a plausible next round: some articles kept, edited, dropped, reordered."""
    old = draw(rounds(label="R1"))
    kept = [p for p in old.provisions if draw(st.booleans()) or draw(st.booleans())]
    kept = draw(st.permutations(kept))
    new_articles = []
    for n, article in enumerate([*kept, *draw(rounds(label="x")).provisions], 1):
        body = draw(text) if draw(st.integers(0, 3)) == 0 else article.text
        notes = draw(st.none() | text) if draw(st.integers(0, 3)) == 0 else article.notes
        new_articles.append(Provision(id=f"art-{n}", label=f"Article {n}", text=body, heading=article.heading, notes=notes, paragraphs=tuple(
            Provision(id=f"art-{n}-p{k}", label=f"{k}.", text=p.text, kind=ProvisionKind.PARAGRAPH)
            for k, p in enumerate(article.paragraphs, 1)
        )))
    return old, Round(info=RoundInfo(label="R2"), provisions=tuple(new_articles))


@given(raw_text, raw_text, options)
@settings(deadline=None, max_examples=400)
def test_segments_rebuild_both_texts(old: str, new: str, opts: CompareOptions) -> None:
    segments = diff_text(old, new, opts)
    assert old_text(segments) == old
    assert new_text(segments) == new
    assert all(s.text for s in segments)


@given(text, text, options)
@settings(deadline=None, max_examples=400)
def test_word_segments_rebuild_both_texts(old: str, new: str, opts: CompareOptions) -> None:
    segments = diff_text(old, new, opts, renumbered={"3": "4", "30": "3"})
    assert old_text(segments) == old
    assert new_text(segments) == new


@given(edited(), options)
@settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_no_word_of_either_draft_is_lost(pair: tuple[Round, Round], opts: CompareOptions) -> None:
    old, new = pair
    comparison = compare(old, new, options=opts)
    olds: Counter[str] = Counter()
    news: Counter[str] = Counter()
    keys = []
    for p in comparison.walk():
        keys.append(p.key)
        assert old_text(p.segments) == (p.old.text if p.old else "")
        assert new_text(p.segments) == (p.new.text if p.new else "")
        assert old_text(p.heading_segments) == ((p.old.heading or "") if p.old else "")
        assert new_text(p.heading_segments) == ((p.new.heading or "") if p.new else "")
        assert old_text(p.notes_segments) == ((p.old.notes or "") if p.old else "")
        assert new_text(p.notes_segments) == ((p.new.notes or "") if p.new else "")
        olds.update([p.old.id] if p.old else [])
        news.update([p.new.id] if p.new else [])
    assert olds == Counter(p.id for p in old.walk())
    assert news == Counter(p.id for p in new.walk())
    assert len(keys) == len(set(keys))
    # article-level pairs follow the new round's order
    assert [p.new.id for p in comparison.pairs if p.new] == [p.id for p in new.provisions]


@given(rounds(), options)
@settings(deadline=None, max_examples=150)
def test_a_draft_compared_with_itself_has_no_changes(draft: Round, opts: CompareOptions) -> None:
    comparison = compare(draft, draft, options=opts)
    assert all(p.kinds == (ChangeKind.UNCHANGED,) for p in comparison.walk())
    assert all(s.op == "equal" for p in comparison.walk() for s in p.segments)


@given(edited())
@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
def test_deterministic(pair: tuple[Round, Round]) -> None:
    old, new = pair
    first = compare(old, new, options=CompareOptions(analyse=False))
    second = compare(old, new, options=CompareOptions(analyse=False))
    assert first == second
    assert render(first, "json") == render(second, "json")
    assert render(first, "text") == render(second, "text")
