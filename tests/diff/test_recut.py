"""Re-granulation: an article whose subsections are inline text in one round and paragraphs of
their own in the next (MPL 1.1 → 2.0), found even when the article also moved and was reworded.
Fixtures are ours; the shape is the one real licence and treaty revisions take."""

from __future__ import annotations

from treatydiff.diff.concordance import Relation, concordance
from treatydiff.model import ChangeKind, CompareOptions, Provision, ProvisionKind, Round, RoundInfo
from treatydiff.pipeline import compare

OTHERS = {
    "scope": "This Agreement applies to the maritime boundary between the two coastal States and to the resources of the continental shelf.",
    "commission": "A joint fisheries commission composed of three members appointed by each State shall meet twice a year in alternating capitals.",
    "disputes": "Any dispute concerning the interpretation of this Agreement shall be settled by consultation, failing which by arbitration at The Hague.",
}
# The old round prints the withdrawal clauses inline; the new one rewords each as a paragraph.
INLINE = (
    "Withdrawal. 1. Either State may withdraw from this Agreement by written notification addressed to the depositary government. "
    "2. Withdrawal takes effect twelve months after the depositary government receives that notification, unless a later date is named. "
    "3. Obligations relating to licences granted before withdrawal remain binding on the withdrawing State for their remaining term. "
    "4. Licence shall mean this permit."
)
PARAGRAPHS = (
    "Notification: the depositary government receives, in writing, any withdrawal by which either State leaves this Agreement.",
    "Twelve months after the depositary government has received such notification, or on any later date it names, withdrawal takes effect.",
    "Licences granted earlier remain, for their remaining term, binding obligations upon the withdrawing State despite its withdrawal.",
    "Licence shall mean this permit.",
)


def _round(label: str, *provisions: Provision) -> Round:
    return Round(info=RoundInfo(label=label), provisions=provisions)


def _plain(number: int, key: str) -> Provision:
    return Provision(id=key, label=f"Article {number}", text=OTHERS[key])  # ids say which provision it is


def _drafts() -> tuple[Round, Round]:
    old = _round("old", _plain(1, "scope"), Provision(id="withdrawal", label="Article 2", text=INLINE), _plain(3, "commission"), _plain(4, "disputes"))
    # A new id: the drafter of the new round did not know it was the old Article 2.
    recut = Provision(id="exit", label="Article 4", text="Withdrawal", paragraphs=tuple(
        Provision(id=f"exit-{k}", label=f"{k}.", text=t, kind=ProvisionKind.PARAGRAPH) for k, t in enumerate(PARAGRAPHS, 1)))
    new = _round("new", _plain(1, "scope"), _plain(2, "commission"), _plain(3, "disputes"), recut)
    return old, new


def test_an_inline_article_moved_and_cut_into_paragraphs_is_one_split_row() -> None:
    old, new = _drafts()
    rows = concordance(compare(old, new, options=CompareOptions(analyse=False))).rows
    split = [r for r in rows if r.relation == Relation.SPLIT]
    assert [(r.old, r.new) for r in split] == [
        (("Article 2",), ("Article 4", "Article 4(1)", "Article 4(2)", "Article 4(3)", "Article 4(4)"))
    ]
    assert not [r for r in rows if r.relation in (Relation.ADDED, Relation.DELETED)]


def test_the_recut_article_is_redlined_against_its_predecessor_and_commits_nothing_new() -> None:
    old, new = _drafts()
    comparison = compare(old, new)
    recut = next(p for p in comparison.pairs if p.new is not None and p.new.label == "Article 4")
    assert recut.old is not None and recut.old.label == "Article 2"
    assert ChangeKind.DELETED not in {k for p in comparison.walk() for k in p.kinds}
    assert [f.code for f in comparison.findings if f.code in ("commitment-added", "commitment-deleted")] == []


def test_an_unrelated_new_article_is_not_taken_for_a_recut_one() -> None:
    old, new = _drafts()
    unrelated = Provision(id="final", label="Article 4", text="Final clauses", paragraphs=tuple(
        Provision(id=f"final-{k}", label=f"{k}.", text=t, kind=ProvisionKind.PARAGRAPH) for k, t in enumerate((
            "This Agreement shall enter into force on the date of the exchange of the instruments of ratification.",
            "The Arabic and English texts of this Agreement are equally authentic.",
        ), 1)))
    new = Round(info=new.info, provisions=(*new.provisions[:3], unrelated))
    rows = concordance(compare(old, new, options=CompareOptions(analyse=False))).rows
    assert (("Article 2",), ()) in [(r.old, r.new) for r in rows if r.relation == Relation.DELETED]
    assert not [r for r in rows if r.relation == Relation.SPLIT]
