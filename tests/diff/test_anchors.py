"""Sentences as anchors: a unit rewritten around a sentence it kept, or re-cut, is followed by
its sentences and not reported deleted plus added.  Fixtures are ours; the shapes are those of
Paris 9 → 12 Dec (3(19) → 6(2), 7(6) + 7(7) → 10(6), 2bis + 2bis(1) → 3)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from treatydiff.diff.align import align_rounds
from treatydiff.diff.anchors import follow_sentences
from treatydiff.diff.concordance import Relation, concordance
from treatydiff.diff.recut import recut
from treatydiff.diff.restructure import restructure
from treatydiff.model import CompareOptions, Provision, ProvisionKind, Round, RoundInfo
from treatydiff.pipeline import compare

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent / "shared" / "corpora"
OFF = CompareOptions(analyse=False)

SCOPE = "This Agreement applies to the maritime boundary between the two coastal States and to the resources of the continental shelf."
COMMISSION = "A joint fisheries commission composed of three members appointed by each State shall meet twice a year in alternating capitals."
DISPUTES = "Any dispute concerning the interpretation of this Agreement shall be settled by consultation, failing which by arbitration at The Hague."
# A paragraph with an unrelated passage glued before it (an importer's cut, or a drafter's):
# the kept sentence is a third of its words, so whole-text similarity says nothing.
GLUED = ("If the States act jointly through a regional organisation, each remains answerable for the share of the catch allotted to it, "
         "and the organisation reports that share to the secretariat every second year together with the inspection records. "
         "[The States shall, where they engage in cooperative approaches involving transferred mitigation outcomes, apply robust accounting "
         "to ensure the avoidance of double counting.]")
MOVED = ("The States shall, where engaging on a voluntary basis in cooperative approaches that involve internationally transferred "
         "mitigation outcomes, apply robust accounting to ensure the avoidance of double counting.")


def _round(label: str, *provisions: Provision) -> Round:
    return Round(info=RoundInfo(label=label), provisions=provisions)


def _article(number: int, key: str, own: str, *paragraphs: str) -> Provision:
    return Provision(id=key, label=f"Article {number}", text=own, paragraphs=tuple(
        Provision(id=f"{key}-{k}", label=f"{k}.", text=t, kind=ProvisionKind.PARAGRAPH) for k, t in enumerate(paragraphs, 1)))


def _rows(old: Round, new: Round) -> list[tuple[tuple[str, ...], tuple[str, ...], Relation]]:
    return [(r.old, r.new, r.relation) for r in concordance(compare(old, new, options=OFF)).rows]


def test_a_paragraph_rewritten_around_the_sentence_it_kept_is_one_moved_row() -> None:
    old = _round("old", _article(1, "scope", "", SCOPE, GLUED), _article(2, "commission", COMMISSION), _article(3, "disputes", DISPUTES))
    new = _round("new", _article(1, "scope", "", SCOPE), _article(2, "commission", COMMISSION), _article(3, "disputes", "", DISPUTES, MOVED))
    rows = _rows(old, new)
    assert (("Article 1(2)",), ("Article 3(2)",), Relation.MOVED) in rows
    assert not [r for r in rows if r[2] in (Relation.ADDED, Relation.DELETED)]


def test_a_sentence_found_in_two_new_units_anchors_neither() -> None:
    # Which of the two carries it is anybody's guess: the paragraph stays deleted, both added.
    other = MOVED.replace("The States shall", "Each State shall")
    old = _round("old", _article(1, "scope", "", SCOPE, GLUED), _article(2, "commission", COMMISSION), _article(3, "disputes", DISPUTES))
    new = _round("new", _article(1, "scope", "", SCOPE), _article(2, "commission", "", COMMISSION, other), _article(3, "disputes", "", DISPUTES, MOVED))
    rows = _rows(old, new)
    assert (("Article 1(2)",), (), Relation.DELETED) in rows
    assert [r[1] for r in rows if r[2] == Relation.ADDED] == [("Article 2(2)",), ("Article 3(2)",)]


# Paris 7(6) + 7(7) → 10(6): a short paragraph merged into its neighbour, which was rewritten
# and came out shorter than it was.
LONG_OLD = ("[In accordance with the relevant provisions of the Convention,] [developed country] [All] States [and other States listed in "
            "the annex] shall provide support, including financial support, for strengthening cooperative action on technology "
            "development and transfer through the technology mechanism and the financial mechanism. [The overall implementation of "
            "these commitments will be assessed periodically.] States shall regularly communicate the progress made in providing "
            "support in a measurable, reportable and verifiable manner.")
ELIGIBLE = "Developing coastal States are eligible for support in the implementation of this Article."
MERGED = ("Support, including financial support, shall be provided to developing coastal States for the implementation of this Article, "
          "including for strengthening cooperative action on technology development and transfer at different stages of the "
          "technology cycle, with a view to achieving a balance between support for mitigation and adaptation.")


def test_a_paragraph_merged_into_a_rewritten_neighbour_that_shrank_is_one_merged_row() -> None:
    old = _round("old", _article(1, "scope", SCOPE), _article(2, "technology", "", COMMISSION, LONG_OLD, ELIGIBLE), _article(3, "disputes", DISPUTES))
    new = _round("new", _article(1, "scope", SCOPE), _article(2, "technology", "", COMMISSION, MERGED), _article(3, "disputes", DISPUTES))
    rows = _rows(old, new)
    assert (("Article 2(2)", "Article 2(3)"), ("Article 2(2)",), Relation.MERGED) in rows
    assert not [r for r in rows if r[2] in (Relation.ADDED, Relation.DELETED)]


# Paris 2bis → 3: an article of options became one text of its own, without paragraphs.
OPTION_1 = ("Option 1: All States shall undertake the efforts defined in the Articles on mitigation, adaptation and finance towards "
            "achieving the purpose of this Agreement as set out in its second Article, and communicate such efforts in accordance with its "
            "provisions. Over time such efforts will represent a progression taking into account the differing national circumstances and "
            "development stages of States while recognizing that the extent of the efforts of developing States depends on the extent of "
            "support they receive.")
OPTION_2 = "Option 2: Each State shall determine for itself, in the light of its national circumstances, whether to communicate a contribution."
ONE_TEXT = ("As nationally determined contributions to the common response, all States are to undertake and communicate ambitious "
            "efforts as defined in the Articles on mitigation and finance with the view to achieving the purpose of this Agreement. The "
            "efforts of all States will represent a progression over time, while recognizing the need to support developing States for "
            "the effective implementation of this Agreement.")


def test_an_article_whose_option_became_its_own_text_is_one_merged_row() -> None:
    old = _round("old", _article(1, "scope", SCOPE), _article(2, "efforts", "", OPTION_1, OPTION_2), _article(3, "disputes", DISPUTES))
    new = _round("new", _article(1, "scope", SCOPE), _article(2, "efforts", ONE_TEXT), _article(3, "disputes", DISPUTES))
    rows = _rows(old, new)
    assert (("Article 2", "Article 2(1)"), ("Article 2",), Relation.MERGED) in rows
    assert (("Article 2(2)",), (), Relation.DELETED) in rows  # the option dropped is still deleted


def test_templated_drafts_give_no_sentence_anchor() -> None:
    # Generated drafts write every sentence from one vocabulary: no unit may be re-paired or
    # grouped by its sentences there (2,000 articles, 60 moves, all exact before this pass).
    sys.path.insert(0, str(ROOT))
    from bench.generate import generate_case

    case = generate_case(2000)
    pairs = recut(restructure(align_rounds(case.old, case.new, OFF), OFF))
    assert follow_sentences(pairs, OFF) == pairs


PARIS = CORPORA / "paris_agreement_2015" / "markdown"


def _imported(old: Path, new: Path) -> tuple[Round, Round]:
    from treatydiff.importers import import_draft

    return import_draft(old).round, import_draft(new).round


@pytest.mark.corpora
@pytest.mark.skipif(not PARIS.is_dir(), reason="../shared/corpora is absent")
def test_paris_9_to_12_december_restructuring() -> None:
    rows = _rows(*_imported(PARIS / "v3_2015-12-09_draft-paris-outcome_agreement.md", PARIS / "v4_2015-12-12_FCCC-CP-2015-L9-Rev1_agreement.md"))
    assert (("Article 3(19)",), ("Article 6(2)",), Relation.MOVED) in rows
    assert (("Article 7(6)", "Article 7(7)"), ("Article 10(6)",), Relation.MERGED) in rows
    assert (("Article 2bis", "Article 2bis(1)"), ("Article 3",), Relation.MERGED) in rows


GITHUB = CORPORA / "github_terms_of_service"


@pytest.mark.corpora
@pytest.mark.skipif(not GITHUB.is_dir(), reason="../shared/corpora is absent")
def test_github_private_repositories_split_into_a_section_of_their_own() -> None:
    # D.8 became E.1-E.4; E.3 rewords D.8's second sentence, which containment alone misses.
    rows = _rows(*_imported(*(next(GITHUB.glob(f"{v}_*.md")) for v in ("v01", "v02"))))
    assert (("D.(8)",), ("E.(1)", "E.(3)", "E.(4)"), Relation.SPLIT) in rows
