"""A deleted paragraph split, reworded, into new paragraphs of its renumbered article's successor
(the shape of Paris 9 Dec Article 9(7) → 12 Dec Article 13(11)–(12)).  Fixtures are ours."""

from __future__ import annotations

from treatydiff import compare
from treatydiff.diff.concordance import concordance
from treatydiff.model import CompareOptions, Provision, ProvisionKind, Round, RoundInfo

OFF = CompareOptions(analyse=False)
KEPT = ("Each Party shall regularly provide a national inventory report of emissions by sources and removals by sinks of "
        "greenhouse gases, prepared using good practice methodologies accepted by the Panel.")
SOURCE = ("Information submitted by each Party under this Article shall undergo a technical expert review, which shall consider the "
          "support provided and the implementation of the nationally determined contribution, identify areas of improvement and "
          "include a review of consistency with the modalities; each Party shall also participate in a facilitative multilateral "
          "consideration of progress with respect to its efforts.")
PIECES = ("The information submitted by each Party shall undergo a technical expert review, consistent with the modalities; for "
          "those developing country Parties that need it, the review process shall include assistance in identifying capacity needs.",
          "The technical expert review shall consider the Party's support provided and its implementation and achievement of its "
          "nationally determined contribution, and identify areas of improvement for the Party.")


def _paragraphs(prefix: str, texts: tuple[str, ...]) -> tuple[Provision, ...]:
    return tuple(Provision(id=f"{prefix}{n}", label=f"{n}.", text=t, kind=ProvisionKind.PARAGRAPH) for n, t in enumerate(texts, 1))


def test_a_deleted_paragraph_split_into_its_articles_successor_is_one_split() -> None:
    old = Round(info=RoundInfo(label="old"), provisions=(
        Provision(id="o9", label="Article 9", heading="Transparency", text="", paragraphs=_paragraphs("o9-", (KEPT, SOURCE))),))
    new = Round(info=RoundInfo(label="new"), provisions=(
        Provision(id="n13", label="Article 13", heading="Transparency", text="", paragraphs=_paragraphs("n13-", (KEPT, *PIECES))),))
    rows = [(row.old, row.new, row.relation) for row in concordance(compare(old, new, options=OFF)).rows]
    assert (("Article 9(2)",), ("Article 13(2)", "Article 13(3)"), "split") in rows


def test_a_host_gone_from_its_article_stands_in_that_articles_successor() -> None:
    from treatydiff.diff.restructure import _by_article
    from treatydiff.model import ChangeKind, ClausePair

    gone = ClausePair(key="p1.2", old=Provision(id="o", label="2.", text=SOURCE, kind=ProvisionKind.PARAGRAPH), new=None,
                      kinds=(ChangeKind.DELETED,), similarity=0.0, segments=(), old_parent="Article 9")
    came = ClausePair(key="p2.2", old=None, new=Provision(id="n", label="2.", text=PIECES[0], kind=ProvisionKind.PARAGRAPH),
                      kinds=(ChangeKind.ADDED,), similarity=0.0, segments=(), new_parent="Article 13")
    # Splits look hosts up on the new side, merges on the old.
    assert _by_article([gone], True, {"Article 9": "Article 13"}) == {"Article 13": [0]}
    assert _by_article([came], False, {"Article 13": "Article 9"}) == {"Article 9": [0]}
    assert _by_article([gone], True, {}) == {}
