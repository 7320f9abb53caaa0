"""A document's title line merged into the paragraph after it (or cut out of it) while its
version number changed: "Eclipse Public License - v 1.0" above the opening paragraph became
the first line of that paragraph, "- v 2.0".  Fixtures are ours; the shape is that of licence
revisions."""

from __future__ import annotations

from treatydiff.diff.concordance import Relation, concordance
from treatydiff.model import CompareOptions, Provision, Round, RoundInfo
from treatydiff.pipeline import compare

OFF = CompareOptions(analyse=False)
OPENING = ("THE WATERS DESCRIBED IN THE ANNEX ARE MANAGED UNDER THE TERMS OF THIS AGREEMENT. ANY FISHING IN THOSE WATERS "
           "CONSTITUTES ACCEPTANCE OF THESE TERMS BY THE STATE WHOSE FLAG THE VESSEL FLIES.")
ARTICLE = "Each State shall keep a register of the vessels flying its flag and send it to the commission every January."


def _unit(label: str, text: str) -> Provision:
    return Provision(id=label, label=label, text=text)


def _round(label: str, *units: Provision) -> Round:
    return Round(info=RoundInfo(label=label, derived_ids=True), provisions=units)


def _rows(old: Round, new: Round) -> list[tuple[tuple[str, ...], tuple[str, ...], Relation]]:
    return [(r.old, r.new, r.relation) for r in concordance(compare(old, new, options=OFF)).rows]


def test_a_title_line_merged_into_the_next_paragraph_with_a_new_version_number_is_one_merge() -> None:
    old = _round("old", _unit("Preamble, para 1", "Coastal Fisheries Agreement - revision 1.0"), _unit("Preamble, para 2", OPENING),
                 _unit("Article 1", ARTICLE))
    new = _round("new", _unit("Preamble, para 1", "Coastal Fisheries Agreement - revision 2.0\n" + OPENING.replace("ANY FISHING", "ALL FISHING")),
                 _unit("Article 1", ARTICLE))
    assert (("Preamble, para 1", "Preamble, para 2"), ("Preamble, para 1",), Relation.MERGED) in _rows(old, new)


def test_a_one_word_line_found_in_the_neighbour_is_not_a_title_merged_into_it() -> None:
    old = _round("old", _unit("Preamble, para 1", "Contents"), _unit("Preamble, para 2", OPENING), _unit("Article 1", ARTICLE))
    new = _round("new", _unit("Preamble, para 1", "Contents\n" + OPENING.replace("ANY FISHING", "ALL FISHING")), _unit("Article 1", ARTICLE))
    assert (("Preamble, para 1",), (), Relation.DELETED) in _rows(old, new)
