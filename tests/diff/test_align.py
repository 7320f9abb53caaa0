"""Alignment: which provision became which, across renumbering, moves, splits and merges."""

from __future__ import annotations

from collections import Counter

from treatydiff.diff.align import align_rounds, article_number
from treatydiff.diff.matching import increasing_run
from treatydiff.diff.worddiff import has_substantive_change, new_text, old_text
from treatydiff.model import (
    ChangeKind,
    ClausePair,
    CompareOptions,
    Provision,
    ProvisionKind,
    Round,
    RoundInfo,
)

K = ChangeKind
OPTIONS = CompareOptions(analyse=False)

TEXTS = {
    "purpose": "This Agreement aims to establish a durable peace between the Parties and to settle all outstanding questions of the border.",
    "border": "The Parties recognise each other's territorial integrity within the borders established under the Alma-Ata Declaration of 1991.",
    "commission": "A bilateral commission on the delimitation of the state border shall be established within thirty (30) days of signature.",
    "transport": "The Parties shall open all transport and economic communications in the region, including rail and road links through their territories.",
    "refugees": "Internally displaced persons and refugees shall have the right to return to their former places of residence in safety and dignity.",
    "heritage": "Each Party shall protect the cultural and religious heritage situated on its territory and ensure access for pilgrims.",
    "disputes": "Any dispute concerning the interpretation of this Agreement shall be settled through consultations between the Parties.",
    "force": "This Agreement shall enter into force on the date of the exchange of instruments of ratification between the Parties.",
}


def _article(number: str, text: str = "", paragraphs: tuple[str, ...] = (), heading: str | None = None) -> Provision:
    return Provision(
        id=f"art-{number}",
        label=f"Article {number}",
        text=text,
        heading=heading,
        paragraphs=tuple(
            Provision(id=f"art-{number}-p{n}", label=f"{n}.", text=t, kind=ProvisionKind.PARAGRAPH)
            for n, t in enumerate(paragraphs, 1)
        ),
    )


def _round(*articles: Provision, label: str = "R1") -> Round:
    return Round(info=RoundInfo(label=label, derived_ids=True), provisions=articles)


def _numbered(*texts: str, label: str = "R1") -> Round:
    return _round(*(_article(str(n), t) for n, t in enumerate(texts, 1)), label=label)


def _by_old(pairs: tuple[ClausePair, ...]) -> dict[str, ClausePair]:
    return {p.old.label: p for p in pairs if p.old is not None}


def check_invariant(old: Round, new: Round, pairs: tuple[ClausePair, ...]) -> None:
    """Every provision of each round is on exactly one pair; segments rebuild both texts."""
    olds: Counter[str] = Counter()
    news: Counter[str] = Counter()
    keys: list[str] = []
    for top in pairs:
        for pair in top.walk():
            keys.append(pair.key)
            if pair.old is not None:
                olds[pair.old.id] += 1
            if pair.new is not None:
                news[pair.new.id] += 1
            assert old_text(pair.segments) == (pair.old.text if pair.old else "")
            assert new_text(pair.segments) == (pair.new.text if pair.new else "")
            assert old_text(pair.heading_segments) == ((pair.old.heading or "") if pair.old else "")
            assert new_text(pair.heading_segments) == ((pair.new.heading or "") if pair.new else "")
            assert old_text(pair.notes_segments) == ((pair.old.notes or "") if pair.old else "")
            assert new_text(pair.notes_segments) == ((pair.new.notes or "") if pair.new else "")
    assert len(keys) == len(set(keys))
    assert olds == Counter(p.id for p in old.walk())
    assert news == Counter(p.id for p in new.walk())


def test_identical_rounds_are_unchanged() -> None:
    old = _numbered(*TEXTS.values())
    pairs = align_rounds(old, old, OPTIONS)
    assert [p.kinds for p in pairs] == [(K.UNCHANGED,)] * len(TEXTS)
    assert all(p.similarity == 1.0 for p in pairs)


def test_insertion_renumbers_without_modifying() -> None:
    texts = list(TEXTS.values())
    old = _numbered(*texts)
    new = _numbered(texts[0], "A new article on the demining of the border areas shall be agreed by the Parties.", *texts[1:], label="R2")
    pairs = align_rounds(old, new, OPTIONS)
    check_invariant(old, new, pairs)
    assert pairs[1].kinds == (K.ADDED,)
    for pair in pairs[2:]:
        assert pair.kinds == (K.RENUMBERED,), pair
        assert article_number(pair.new_label or "") == str(int(article_number(pair.old_label or "") or 0) + 1)


def test_cross_references_that_follow_renumbering_are_not_changes() -> None:
    old = _numbered(TEXTS["purpose"], TEXTS["border"], f"{TEXTS['commission']} The commission shall report under Article 2.")
    new = _numbered(
        "A new first article on the principles of good neighbourliness between the Parties and their peoples.",
        TEXTS["purpose"], TEXTS["border"], f"{TEXTS['commission']} The commission shall report under Article 3.", label="R2",
    )
    pairs = align_rounds(old, new, OPTIONS)
    commission = _by_old(pairs)["Article 3"]
    assert commission.new_label == "Article 4"
    assert commission.kinds == (K.RENUMBERED,)
    assert [s.text for s in commission.segments if s.op != "equal"] == ["2", "3"]
    assert all(s.ignorable for s in commission.segments if s.op != "equal")


def test_a_wrong_cross_reference_is_still_a_change() -> None:
    old = _numbered(TEXTS["purpose"], f"{TEXTS['border']} See Article 1.")
    new = _numbered(TEXTS["purpose"], f"{TEXTS['border']} See Article 2.", label="R2")
    pairs = align_rounds(old, new, OPTIONS)
    assert pairs[1].kinds == (K.MODIFIED,)


def test_renumbered_and_edited() -> None:
    texts = list(TEXTS.values())
    old = _numbered(*texts)
    edited = texts[3].replace("shall open", "should consider opening")
    new = _numbered(*texts[:2], edited, *texts[4:], label="R2")  # Article 3 deleted
    pairs = align_rounds(old, new, OPTIONS)
    check_invariant(old, new, pairs)
    transport = _by_old(pairs)["Article 4"]
    assert transport.new_label == "Article 3"
    assert transport.kinds == (K.RENUMBERED, K.MODIFIED)
    assert 0.5 < transport.similarity < 1
    assert _by_old(pairs)["Article 3"].kinds == (K.DELETED,)
    # the deleted article stays where it stood: after Article 2, before its successor
    assert [p.old_label for p in pairs[:4]] == ["Article 1", "Article 2", "Article 3", "Article 4"]


def test_moved_article_is_found_even_when_edited() -> None:
    texts = list(TEXTS.values())
    old = _numbered(*texts)
    moved = texts[1] + " The commission shall publish its maps."
    new = _numbered(texts[0], *texts[2:6], moved, *texts[6:], label="R2")
    pairs = align_rounds(old, new, OPTIONS)
    check_invariant(old, new, pairs)
    border = _by_old(pairs)["Article 2"]
    assert border.new_label == "Article 6"
    assert border.kinds == (K.RENUMBERED, K.MOVED, K.MODIFIED)
    # the articles it jumped over are renumbered, not moved
    assert _by_old(pairs)["Article 3"].kinds == (K.RENUMBERED,)


def test_ids_from_labels_do_not_override_content() -> None:
    # Importers derive ids from labels, so after renumbering "art-2" names another article.
    texts = list(TEXTS.values())
    old = _numbered(*texts[:4])
    new = _numbered(texts[0], texts[2], texts[1] + " Rewritten in part.", texts[3], label="R2")
    pairs = _by_old(align_rounds(old, new, OPTIONS))
    assert pairs["Article 2"].new_label == "Article 3"
    assert pairs["Article 3"].new_label == "Article 2"


def test_stable_id_breaks_a_near_tie_and_heavily_rewritten_article_keeps_its_slot() -> None:
    old = _numbered(TEXTS["purpose"], TEXTS["commission"], TEXTS["force"])
    rewritten = "The delimitation commission will meet as agreed by the Parties, and its composition shall be decided later."
    new = _numbered(TEXTS["purpose"], rewritten, TEXTS["force"], label="R2")
    pairs = align_rounds(old, new, OPTIONS)
    assert pairs[1].old_label == "Article 2" and pairs[1].new_label == "Article 2"
    assert pairs[1].kinds == (K.MODIFIED,)


def test_paragraph_moved_across_articles_appears_once_as_moved() -> None:
    old = _round(
        _article("3", paragraphs=(TEXTS["border"], TEXTS["commission"], TEXTS["transport"])),
        _article("5", paragraphs=(TEXTS["refugees"], TEXTS["heritage"])),
    )
    new = _round(
        _article("3", paragraphs=(TEXTS["border"], TEXTS["transport"])),
        _article("5", paragraphs=(TEXTS["refugees"], TEXTS["heritage"], TEXTS["commission"])),
        label="R2",
    )
    pairs = align_rounds(old, new, OPTIONS)
    check_invariant(old, new, pairs)
    art3, art5 = pairs
    assert K.MODIFIED in art3.kinds and K.MODIFIED in art5.kinds
    assert [c.old_label for c in art3.paragraphs] == ["1.", "3."]
    moved = art5.paragraphs[2]
    assert moved.old_label == "2." and moved.new_label == "3."
    assert K.MOVED in moved.kinds and K.MODIFIED not in moved.kinds
    assert moved.old_parent == "Article 3" and moved.new_parent == "Article 5"
    assert art3.paragraphs[1].kinds == (K.RENUMBERED,)


def test_paragraph_reordered_inside_an_article() -> None:
    old = _round(_article("1", paragraphs=(TEXTS["border"], TEXTS["commission"], TEXTS["transport"])))
    new = _round(_article("1", paragraphs=(TEXTS["transport"], TEXTS["border"], TEXTS["commission"])), label="R2")
    (pair,) = align_rounds(old, new, OPTIONS)
    assert pair.kinds == (K.MODIFIED,)
    moved = [c for c in pair.paragraphs if K.MOVED in c.kinds]
    assert [c.old_label for c in moved] == ["3."]


def test_split_by_paragraphs() -> None:
    old = _round(
        _article("1", TEXTS["purpose"]),
        _article("2", paragraphs=(TEXTS["border"], TEXTS["commission"], TEXTS["transport"], TEXTS["refugees"])),
        _article("3", TEXTS["force"]),
    )
    new = _round(
        _article("1", TEXTS["purpose"]),
        _article("2", paragraphs=(TEXTS["border"], TEXTS["commission"])),
        _article("3", paragraphs=(TEXTS["transport"], TEXTS["refugees"])),
        _article("4", TEXTS["force"]),
        label="R2",
    )
    pairs = align_rounds(old, new, OPTIONS)
    check_invariant(old, new, pairs)
    first, second = pairs[1], pairs[2]
    assert first.old_label == "Article 2" and K.SPLIT in first.kinds and first.related == ("Article 3",)
    assert second.old is None and second.kinds == (K.SPLIT,) and second.related == ("Article 2",)
    assert all(K.MOVED in c.kinds and c.old_parent == "Article 2" for c in second.paragraphs)
    assert pairs[3].kinds == (K.RENUMBERED,)


def test_split_of_plain_text() -> None:
    old = _numbered(TEXTS["purpose"], f"{TEXTS['transport']} {TEXTS['refugees']}", TEXTS["force"])
    new = _numbered(TEXTS["purpose"], TEXTS["transport"], TEXTS["refugees"], TEXTS["force"], label="R2")
    pairs = align_rounds(old, new, OPTIONS)
    check_invariant(old, new, pairs)
    assert K.SPLIT in pairs[1].kinds and pairs[1].related == ("Article 3",)
    assert pairs[2].old is None and pairs[2].kinds == (K.SPLIT,)


def test_merge_by_paragraphs() -> None:
    old = _round(
        _article("1", paragraphs=(TEXTS["border"], TEXTS["commission"])),
        _article("2", paragraphs=(TEXTS["transport"], TEXTS["refugees"])),
        _article("3", TEXTS["force"]),
    )
    new = _round(
        _article("1", paragraphs=(TEXTS["border"], TEXTS["commission"], TEXTS["transport"], TEXTS["refugees"])),
        _article("2", TEXTS["force"]),
        label="R2",
    )
    pairs = align_rounds(old, new, OPTIONS)
    check_invariant(old, new, pairs)
    merged = _by_old(pairs)["Article 2"]
    assert merged.new is None and merged.kinds == (K.MERGED,) and merged.related == ("Article 1",)
    assert K.MERGED in pairs[0].kinds and pairs[0].related == ("Article 2",)


def test_heading_change_is_a_modification() -> None:
    old = _round(_article("1", TEXTS["purpose"], heading="Purpose"))
    new = _round(_article("1", TEXTS["purpose"], heading="Objectives"), label="R2")
    (pair,) = align_rounds(old, new, OPTIONS)
    assert pair.kinds == (K.MODIFIED,)
    assert has_substantive_change(pair.heading_segments)
    assert not has_substantive_change(pair.segments)


def test_everything_new_and_everything_gone() -> None:
    old = _numbered(TEXTS["purpose"])
    new = _round(label="R2")
    assert [p.kinds for p in align_rounds(old, new, OPTIONS)] == [(K.DELETED,)]
    assert [p.kinds for p in align_rounds(new, old, OPTIONS)] == [(K.ADDED,)]


def test_detect_moves_off_reports_no_moves() -> None:
    texts = list(TEXTS.values())
    old = _numbered(*texts)
    new = _numbered(*texts[1:], texts[0], label="R2")
    pairs = align_rounds(old, new, CompareOptions(analyse=False, detect_moves=False))
    assert not any(K.MOVED in p.kinds for p in pairs)
    assert any(K.MOVED in p.kinds for p in align_rounds(old, new, OPTIONS))


def test_increasing_run() -> None:
    assert increasing_run({0: 0, 1: 2, 2: 1, 3: 3}) in ({0, 1, 3}, {0, 2, 3})
    assert increasing_run({}) == set()
    assert increasing_run({5: 0, 0: 1, 1: 2}) == {0, 1}


def test_heavily_rewritten_paragraph_inside_an_aligned_article_is_paired() -> None:
    """Paris 3.3 → 4.4 in miniature: most words changed, but the article and the subject hold."""
    old = _round(
        _article("3", paragraphs=(
            TEXTS["purpose"],
            TEXTS["border"],
            "Developed country Parties shall undertake quantified economy-wide absolute emission reduction commitments, comparable and verifiable, covering all greenhouse gases.",
            TEXTS["heritage"],
            TEXTS["disputes"],
        )),
    )
    new = _round(
        _article("4", paragraphs=(
            TEXTS["purpose"],
            TEXTS["border"],
            TEXTS["disputes"],  # moved up: the rewrite no longer sits alone in a gap
            "Developed country Parties should continue taking the lead by undertaking economy-wide targets, and developing country Parties are "
            "encouraged to move over time towards such targets in the light of national circumstances.",
            TEXTS["refugees"],
            TEXTS["heritage"],
        )),
        label="R2",
    )
    pairs = align_rounds(old, new, OPTIONS)
    check_invariant(old, new, pairs)
    (article,) = pairs
    rewritten = [p for p in article.paragraphs if p.old is not None and p.old.label == "3."]
    assert len(rewritten) == 1 and rewritten[0].new is not None and rewritten[0].new.label == "4."
    assert [p.kinds for p in article.paragraphs if p.old is None] == [(K.ADDED,)]


def test_unrelated_leftover_paragraphs_are_not_forced_together() -> None:
    old = _round(_article("1", paragraphs=(TEXTS["purpose"], TEXTS["transport"])))
    new = _round(_article("1", paragraphs=(TEXTS["purpose"], TEXTS["force"])), label="R2")
    (article,) = align_rounds(old, new, OPTIONS)
    assert [p.kinds for p in article.paragraphs[1:]] in ([(K.ADDED,), (K.DELETED,)], [(K.DELETED,), (K.ADDED,)])


def test_stable_ids_are_the_first_evidence() -> None:
    """Clause files written by people: the same id is the same provision, whatever its text."""
    old = Round(info=RoundInfo(label="R1"), provisions=(
        Provision(id="art-purpose", label="Article 1", text=TEXTS["purpose"]),
        Provision(id="art-law", label="Article 2", text=TEXTS["heritage"]),
        Provision(id="art-disputes", label="Article 3", text=TEXTS["disputes"]),
    ))
    new = Round(info=RoundInfo(label="R2"), provisions=(
        Provision(id="art-purpose", label="Article 1", text=TEXTS["purpose"]),
        Provision(id="art-law", label="Article 2", text="[deleted]"),
        Provision(id="art-disputes", label="Article 3", text=TEXTS["disputes"]),
    ))
    pairs = align_rounds(old, new, OPTIONS)
    check_invariant(old, new, pairs)
    assert [(p.old.id if p.old else None, p.new.id if p.new else None) for p in pairs] == [
        ("art-purpose", "art-purpose"), ("art-law", "art-law"), ("art-disputes", "art-disputes")]
    assert pairs[1].kinds == (K.MODIFIED,)


def test_derived_ids_do_not_override_content() -> None:
    """The same placeholder pair from an importer: ids made from labels are no identity."""
    def derived(round_: Round) -> Round:
        return Round(info=RoundInfo(label=round_.info.label, derived_ids=True), provisions=round_.provisions)

    old = derived(_numbered(TEXTS["purpose"], TEXTS["heritage"], TEXTS["disputes"]))
    new = derived(_numbered(TEXTS["purpose"], TEXTS["disputes"], TEXTS["heritage"], label="R2"))
    pairs = align_rounds(old, new, OPTIONS)
    by_old = _by_old(pairs)
    assert by_old["Article 2"].new is not None and by_old["Article 2"].new.label == "Article 3"
    assert by_old["Article 3"].new is not None and by_old["Article 3"].new.label == "Article 2"


def _front(text: str) -> Provision:
    return Provision(id="front", label="Front matter", text=text, kind=ProvisionKind.OTHER)


def test_the_only_provision_of_a_name_on_each_side_is_one_provision_rewritten() -> None:
    old = _round(_front("Compiled text of the co-facilitators, version of 4 March, for the second reading at the resumed session."),
                 _article("1", TEXTS["purpose"]), _article("2", TEXTS["border"]))
    new = _round(_front("Agreed outcome as adopted by the plenary; the annex on procedures follows in a separate document."),
                 _article("1", TEXTS["purpose"]), _article("2", TEXTS["border"]), label="R2")
    pairs = align_rounds(old, new, OPTIONS)
    check_invariant(old, new, pairs)
    front = _by_old(pairs)["Front matter"]
    assert front.new is not None and front.new.label == "Front matter"
    assert K.MODIFIED in front.kinds and K.DELETED not in front.kinds


def test_numbers_and_repeated_names_are_not_names() -> None:
    # "Article 3" was renumbered or deleted: its number says nothing; two "Annex" say nothing either.
    old = _round(_article("1", TEXTS["purpose"]), _article("3", TEXTS["heritage"]),
                 Provision(id="x1", label="Annex", text=TEXTS["disputes"]), Provision(id="x2", label="Annex", text=TEXTS["force"]))
    new = _round(_article("1", TEXTS["purpose"]), _article("3", TEXTS["transport"]),
                 Provision(id="y1", label="Annex", text=TEXTS["refugees"]), Provision(id="y2", label="Annex", text=TEXTS["commission"]), label="R2")
    pairs = align_rounds(old, new, OPTIONS)
    assert [p.kinds for p in pairs if p.old is not None and p.new is not None and p.old.label != "Article 1"] == []
