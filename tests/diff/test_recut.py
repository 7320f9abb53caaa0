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
    # The permission stays a permission ("may"): a right reworded away would be a finding of its own.
    "Either State may leave this Agreement: the depositary government receives, in writing, any such withdrawal.",
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


# A paragraph that left its article and became most of a new article's paragraphs (GitHub's
# Terms: D.8 "Private Repositories" became section E): old-only into several new-only units.
CUT = "Each State shall keep the catch records of its licensed vessels confidential and shall share them only with the joint commission."
REWORDED = "Records kept under this paragraph may be inspected by observers of the other State, who shall treat every entry as confidential information."
ORIGINAL = CUT + " Observers of the other State may inspect these records, and shall treat every entry in them as information that is confidential."


def _records(new_article: Provision) -> tuple[Round, Round]:
    def article(number: int, key: str, *paragraphs: str) -> Provision:
        return Provision(id=key, label=f"Article {number}", text=OTHERS[key], paragraphs=tuple(
            Provision(id=f"{key}-{k}", label=f"{k}.", text=t, kind=ProvisionKind.PARAGRAPH) for k, t in enumerate(paragraphs, 1)))

    old = _round("old", article(1, "scope", OTHERS["disputes"], ORIGINAL), article(2, "commission"))
    new = _round("new", article(1, "scope", OTHERS["disputes"]), article(2, "commission"), new_article)
    return old, new


def _records_article(*texts: str) -> Provision:
    return Provision(id="records", label="Article 3", text="Catch records", paragraphs=tuple(
        Provision(id=f"records-{k}", label=f"{k}.", text=t, kind=ProvisionKind.PARAGRAPH) for k, t in enumerate(texts, 1)))


def test_a_paragraph_gone_into_the_paragraphs_of_a_new_article_is_one_split_row() -> None:
    unrelated = "The joint commission shall publish an annual summary of total catches by species, without naming any vessel."
    old, new = _records(_records_article(CUT, REWORDED, unrelated))
    rows = [(r.old, r.new, r.relation) for r in concordance(compare(old, new, options=CompareOptions(analyse=False))).rows]
    assert (("Article 1(2)",), ("Article 3(1)", "Article 3(2)"), Relation.SPLIT) in rows
    assert ((), ("Article 3(3)",), Relation.ADDED) in rows
    assert not [r for r in rows if r[2] == Relation.DELETED]


def test_a_lone_source_needs_a_piece_cut_from_it_word_for_word() -> None:
    # Only its words stand in the new article, never a phrase: a deletion and new text.
    old, new = _records(_records_article(REWORDED))
    rows = [(r.old, r.new, r.relation) for r in concordance(compare(old, new, options=CompareOptions(analyse=False))).rows]
    assert not [r for r in rows if r[2] == Relation.SPLIT]


def test_paragraphs_gone_into_one_new_article_are_one_merged_row() -> None:
    second = "Observers of the other State may inspect these records, and shall treat every entry in them as information that is confidential."
    merged = Provision(id="records", label="Article 3", text=CUT + " " + REWORDED)

    def article(number: int, key: str, *paragraphs: str) -> Provision:
        return Provision(id=key, label=f"Article {number}", text=OTHERS[key], paragraphs=tuple(
            Provision(id=f"{key}-{k}", label=f"{k}.", text=t, kind=ProvisionKind.PARAGRAPH) for k, t in enumerate(paragraphs, 1)))

    old = _round("old", article(1, "scope", OTHERS["disputes"], CUT, second), article(2, "commission"))
    new = _round("new", article(1, "scope", OTHERS["disputes"]), article(2, "commission"), merged)
    rows = [(r.old, r.new, r.relation) for r in concordance(compare(old, new, options=CompareOptions(analyse=False))).rows]
    assert (("Article 1(2)", "Article 1(3)"), ("Article 3",), Relation.MERGED) in rows
    assert not [r for r in rows if r[2] in (Relation.DELETED, Relation.ADDED)]


def test_a_deleted_and_an_inserted_article_in_one_style_are_not_one_article_recut() -> None:
    # Generated drafts write every article's paragraphs from one vocabulary, so a deleted and
    # an inserted article share half their words by chance (3 of 10,000 were paired so).
    from bench.generate import generate_case

    case = generate_case(10000)
    olds = {p.id: p for p in case.old.provisions}
    news = {p.id: p for p in case.new.provisions}
    for gone, came in (("art-2253", "art-8867"), ("art-4778", "art-4758"), ("art-8255", "art-7101")):
        assert case.truth[gone] is None and came not in case.truth.values()
        # On either side of an unchanged article: not one slot, where position alone would pair them.
        old = Round(info=case.old.info, provisions=(olds[gone], olds["art-1"]))
        new = Round(info=case.new.info, provisions=(news[case.truth["art-1"] or ""], news[came]))
        rows = concordance(compare(old, new, options=CompareOptions(analyse=False))).rows
        assert ((olds[gone].label,), ()) in [(r.old, r.new) for r in rows if r.relation == Relation.DELETED], gone


def test_a_paragraph_gone_into_a_new_article_is_no_commitment_deleted_or_added() -> None:
    old, new = _records(_records_article(CUT, REWORDED))
    findings = compare(old, new).findings
    assert [f.code for f in findings if f.code in ("commitment-added", "commitment-deleted")] == []
