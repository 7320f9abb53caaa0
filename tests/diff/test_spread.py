"""Text spread over several units, or gathered from several, when every piece was reworded on
the way: a flat section cut into lettered items (CC BY 3.0 → 4.0, MPL 1.1 → 2.0), clauses
gathered into one provision, a merge that dropped one clause.  No sentence survives and few
phrases do, so neither shingle containment nor sentence anchors find these; the words and the
phrases left say where each piece came from.  Fixtures are ours; the shapes are those of real
licence revisions."""

from __future__ import annotations

import sys
from pathlib import Path

from treatydiff.diff.align import align_rounds
from treatydiff.diff.anchors import follow_sentences
from treatydiff.diff.concordance import Relation, concordance
from treatydiff.diff.recut import recut
from treatydiff.diff.restructure import restructure
from treatydiff.diff.spread import spread
from treatydiff.model import (
    ChangeKind,
    ClausePair,
    CompareOptions,
    Provision,
    ProvisionKind,
    Round,
    RoundInfo,
)
from treatydiff.pipeline import compare

ROOT = Path(__file__).resolve().parents[2]
OFF = CompareOptions(analyse=False)

OTHERS = {
    "scope": "This Agreement applies to the maritime boundary between the two coastal States and to the resources of the continental shelf.",
    "commission": "A joint fisheries commission composed of three members appointed by each State shall meet twice a year in alternating capitals.",
    "disputes": "Any dispute concerning the interpretation of this Agreement shall be settled by consultation, failing which by arbitration at The Hague.",
}
# The old round defines its terms inline, in one flat section ...
FLAT = (
    'Definitions. a. "Vessel" means any ship, boat or other craft registered under the flag of either State and used for commercial '
    "fishing in the joint zone. b. \"Catch quota\" means the tonnage of each species that a State may land in one calendar year, as fixed "
    "by the joint commission after hearing the scientific committee. c. \"Inspector\" means an officer designated by a State to board "
    "vessels, examine logbooks and verify landings at the ports of either State. d. \"Zone\" means the waters beyond twelve nautical "
    "miles lying between the agreed median line and the outer edge of the continental shelf."
)
# ... the new one as lettered items, each reworded.
ITEMS = (
    "Fishing vessel means a boat, ship or other craft flying the flag of a State Party that is used commercially to fish in the joint zone.",
    "Quota means the annual tonnage of a species which a State Party is allowed to land, as the joint commission fixes it on advice "
    "from its scientific committee.",
    "Inspector means any officer whom a State Party designates to board fishing vessels, check their logbooks and verify what they land in port.",
    "Joint zone means the waters lying between the median line and the outer edge of the continental shelf, beyond twelve nautical miles.",
)


def _round(label: str, *provisions: Provision) -> Round:
    return Round(info=RoundInfo(label=label), provisions=provisions)


def _plain(number: int, key: str, text: str | None = None) -> Provision:
    return Provision(id=key, label=f"Article {number}", text=OTHERS[key] if text is None else text)


def _items(number: int, key: str, texts: tuple[str, ...], heading: str = "Definitions") -> Provision:
    return Provision(id=key, label=f"Article {number}", text="", heading=heading, paragraphs=tuple(
        Provision(id=f"{key}-{letter}", label=f"({letter})", text=t, kind=ProvisionKind.PARAGRAPH) for letter, t in zip("abcd", texts, strict=False)))


def _rows(old: Round, new: Round) -> list[tuple[tuple[str, ...], tuple[str, ...], Relation]]:
    return [(r.old, r.new, r.relation) for r in concordance(compare(old, new, options=OFF)).rows]


def _before_spread(old: Round, new: Round) -> tuple[ClausePair, ...]:
    return follow_sentences(recut(restructure(align_rounds(old, new, OFF), OFF)), OFF)


def _cut_up() -> tuple[Round, Round]:
    # The definitions moved from the end to the front, under a new id: nothing pairs them by place.
    old = _round("old", _plain(1, "scope"), _plain(2, "commission"), _plain(3, "disputes"), _plain(4, "terms", FLAT))
    new = _round("new", _items(1, "definitions", ITEMS), _plain(2, "scope"), _plain(3, "commission"), _plain(4, "disputes"))
    return old, new


def test_a_flat_section_cut_into_reworded_items_is_one_split_row() -> None:
    rows = _rows(*_cut_up())
    assert (("Article 4",), ("Article 1", "Article 1(a)", "Article 1(b)", "Article 1(c)", "Article 1(d)"), Relation.SPLIT) in rows
    assert not [r for r in rows if r[2] in (Relation.ADDED, Relation.DELETED)]


def test_the_earlier_passes_leave_a_reworded_item_one_sided() -> None:
    # What this pass is for: containment and sentence anchors miss the item reworded most.
    old, new = _cut_up()
    before = [q for p in _before_spread(old, new) for q in p.walk()]
    assert [q.new_citation for q in before if q.kinds == (ChangeKind.ADDED,)] == ["Article 1(c)"]


def test_a_split_piece_does_not_commit_anything_new() -> None:
    comparison = compare(*_cut_up())
    assert [f.code for f in comparison.findings if f.code in ("commitment-added", "commitment-deleted")] == []


# Clauses of three old articles gathered, reworded, into one new article; a fourth is dropped.
CLAUSES = (
    "Each State shall keep a register of the fishing vessels flying its flag and shall send the register to the secretariat every January.",
    "Each State shall require the master of every registered vessel to keep a logbook of the catch and to produce it to any inspector.",
    "Landings of catch taken in the joint zone shall be made only at ports listed by the joint commission, under its supervision.",
)
DROPPED = "The secretariat shall translate every report received under this Agreement into the languages of both States within ninety days."
GATHERED = (
    "Every January each State shall send the secretariat its register of fishing vessels flying its flag; masters of registered vessels "
    "shall keep a catch logbook and produce it to inspectors on request, and shall land catch from the joint zone only at ports "
    "the joint commission lists and supervises."
)


def _gathered(*, dropped: bool) -> tuple[Round, Round]:
    old_articles = [_plain(n, f"clause-{n}", text) for n, text in enumerate(CLAUSES, 1)]
    if dropped:
        old_articles.append(_plain(4, "translation", DROPPED))
    old = _round("old", *old_articles, _plain(len(old_articles) + 1, "disputes"))
    new = _round("new", _plain(1, "records", GATHERED), _plain(2, "disputes"))
    return old, new


def test_clauses_gathered_reworded_into_one_article_are_one_merged_row() -> None:
    rows = _rows(*_gathered(dropped=False))
    assert (("Article 1", "Article 2", "Article 3"), ("Article 1",), Relation.MERGED) in rows


def test_a_merge_that_dropped_one_clause_keeps_the_dropped_clause_deleted() -> None:
    rows = _rows(*_gathered(dropped=True))
    assert (("Article 1", "Article 2", "Article 3"), ("Article 1",), Relation.MERGED) in rows
    assert (("Article 4",), (), Relation.DELETED) in rows


def test_a_host_that_shares_the_words_but_none_of_the_phrases_takes_no_piece() -> None:
    # A long section written in the licence's everyday words holds most words of any new item;
    # an item that keeps none of its phrases was not cut from it.
    generic = ("You may copy the work and give copies to others, and you may change your copy of the work in any way, provided that you "
               "state in each changed copy that you changed it, and provided that you give others the same freedom to copy and change it.")
    old = _round("old", _plain(1, "scope"), _plain(2, "terms", generic))
    new = _round("new", _plain(1, "scope"), _items(2, "defs", (
        "Copy means to make any reproduction of the work, in any medium, whether or not others receive a copy of it.",
        "Change means any change that you make to your copy of the work, whether in whole or in part.",
    ), heading="Terms"))
    before = _before_spread(old, new)
    assert [q.new_citation for p in before for q in p.walk() if q.kinds == (ChangeKind.ADDED,)] == ["Article 2(a)"]
    assert spread(before, OFF) == before


def test_templated_drafts_give_no_spread() -> None:
    # Generated drafts write every unit from one vocabulary: no stem is rare and no piece may be
    # grouped by its words there (2,000 articles, 60 moves, all exact before this pass).
    sys.path.insert(0, str(ROOT))
    from bench.generate import generate_case

    for seed in (1, 2):
        case = generate_case(2000, seed=seed)
        pairs = follow_sentences(recut(restructure(align_rounds(case.old, case.new, OFF), OFF)), OFF)
        assert spread(pairs, OFF) == pairs




def test_a_round_read_on_both_sides_is_weighed_once_and_reads_the_same() -> None:
    # A timeline reads each round twice (the new side of one comparison, the old side of the
    # next) and most texts recur unchanged: sentences, stems and rarity are memoised by text.
    from treatydiff.diff import similarity
    from treatydiff.diff import spread as spread_module

    memos = (spread_module._rarity, spread_module._sentences, similarity.mask)
    old, new = _cut_up()
    for memo in memos:
        memo.cache_clear()
    cut_up = compare(old, new, options=OFF).pairs  # the split pass weighs the old round's words
    gathered = compare(new, old, options=OFF).pairs  # the merge pass weighs the same round's, as its new side
    assert (spread_module._rarity.cache_info().misses, spread_module._rarity.cache_info().hits) == (1, 1)
    assert compare(old, new, options=OFF).pairs == cut_up
    for memo in memos:  # what the memos gave is what a fresh reading gives
        memo.cache_clear()
    assert compare(new, old, options=OFF).pairs == gathered
    assert ChangeKind.MERGED in {kind for pair in gathered for part in pair.walk() for kind in part.kinds}
