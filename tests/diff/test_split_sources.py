"""Where a split piece came from when its text stands in more than one old unit: a sentence
a draft repeats in several articles ("... are eligible for support in the implementation of
this Article") was cut from its own article's paragraph, not from the copy elsewhere, even when
the copy keeps it more nearly word for word.  Fixtures are ours; the shape is that of the Paris
drafts of December 2015 (options of one paragraph becoming paragraphs of their own)."""

from __future__ import annotations

from treatydiff.diff.concordance import Relation, concordance
from treatydiff.model import CompareOptions, Provision, ProvisionKind, Round, RoundInfo
from treatydiff.pipeline import compare

OFF = CompareOptions(analyse=False)
ELIGIBLE = "Coastal States are eligible for support in the implementation of this Article."
# The copy in the other article has it word for word; the piece's own article had it bracketed.
ELIGIBLE_BRACKETED = "Coastal States [in need of support] that request it are eligible for support in the implementation of this Article."
ELIGIBLE_NEW = "Coastal States are eligible for support in the implementation of this Article."
FISHERIES = ("Option 2: The coastal States shall establish a joint fisheries commission, which shall set annual catch limits for every "
             "shared stock on the advice of its scientific committee and report to the meeting of the States every second year.")
FISHERIES_NEW = FISHERIES.removeprefix("Option 2: ")
SURVEYS = ("Option 2: Each coastal State shall carry out hydrographic surveys of its waters every five years and publish charts that "
           "meet the standards of the International Hydrographic Organization.")
SURVEYS_NEW = ("Coastal States shall survey their waters at least every five years, with assistance from other States where "
               "needed, and publish charts that meet international hydrographic standards.")


def _article(number: int, heading: str, *texts: str) -> Provision:
    return Provision(id=f"a{number}", label=f"Article {number}", text="", heading=heading, paragraphs=tuple(
        Provision(id=f"a{number}-{k}", label=f"{k}.", text=t, kind=ProvisionKind.PARAGRAPH) for k, t in enumerate(texts, 1)))


def _rounds() -> tuple[Round, Round]:
    # Ids derived from labels, as an importer makes them: content decides which paragraph is which.
    old = Round(info=RoundInfo(label="old", derived_ids=True), provisions=(
        _article(4, "Surveys", "The coastal States shall cooperate in surveying the shared waters.", f"Option 1: {ELIGIBLE} {SURVEYS}"),
        _article(7, "Fisheries", "The coastal States shall conserve the living resources of the shared waters.",
                 f"Option 1: {ELIGIBLE_BRACKETED} {FISHERIES}"),
    ))
    new = Round(info=RoundInfo(label="new", derived_ids=True), provisions=(
        _article(4, "Surveys", "The coastal States shall cooperate in surveying the shared waters.", SURVEYS_NEW),
        _article(7, "Fisheries", "The coastal States shall conserve the living resources of the shared waters.", ELIGIBLE_NEW, FISHERIES_NEW),
    ))
    return old, new


def test_a_piece_is_cut_from_its_own_article_rather_than_from_a_copy_elsewhere() -> None:
    rows = [(r.old, r.new, r.relation) for r in concordance(compare(*_rounds(), options=OFF)).rows]
    assert (("Article 7(2)",), ("Article 7(2)", "Article 7(3)"), Relation.SPLIT) in rows
    assert not [r for r in rows if "Article 4(2)" in r[0] and "Article 7(2)" in r[1]]
