"""A chapeau and its items, and a heading over them, go with the split or merge that takes part
of them: a licence section of inline text re-cut into a heading, a chapeau ending in a colon
and lettered items (the shape of CC BY-SA 3.0 s. 4 → 4.0 Section 3(a)).  Fixtures are ours."""

from __future__ import annotations

from treatydiff import compare
from treatydiff.diff.concordance import concordance
from treatydiff.model import CompareOptions, Provision, ProvisionKind, Round, RoundInfo

OFF = CompareOptions(analyse=False)
GRANT = ("Grant. Subject to this Licence, the Grantor grants You a worldwide, fee-free licence to copy the Book, to translate the "
         "Book and to hand out copies of the Book, in any medium now known or devised later.")
CREDIT = ("Credit. If You hand out the Book, You must keep intact every copyright notice of the Book and give the name of the "
          "Author, if supplied, and the title of the Book, if supplied. If the Grantor asks, You must remove that credit from any "
          "anthology, as far as practicable.")
CREDIT_ITEMS = (
    ("(a)", "Credit."),
    ("(a)(1)", "If You Share the Licensed Book, You must:"),
    ("(a)(1)(A)", "keep intact every copyright notice of the Book and give the name of the Author and the title of the Book, if supplied;"),
    ("(a)(1)(B)", "mark whether You altered the Licensed Book."),
    ("(a)(2)", "If the Grantor asks, You must remove that credit from any anthology, as far as practicable."),
)


def _rounds(items: tuple[tuple[str, str], ...] = CREDIT_ITEMS) -> tuple[Round, Round]:
    old = Round(info=RoundInfo(label="old"), provisions=(
        Provision(id="o1", label="Article 1", text=GRANT), Provision(id="o2", label="Article 2", text=CREDIT)))
    new = Round(info=RoundInfo(label="new"), provisions=(
        Provision(id="n1", label="Article 1", text=GRANT),
        Provision(id="n2", label="Article 2", text="", paragraphs=tuple(
            Provision(id=f"n2-{n}", label=label, text=text, kind=ProvisionKind.PARAGRAPH) for n, (label, text) in enumerate(items)))))
    return old, new


def _rows() -> list[tuple[tuple[str, ...], tuple[str, ...], str]]:
    return [(row.old, row.new, row.relation) for row in concordance(compare(*_rounds(), options=OFF)).rows]


def test_a_chapeau_and_its_reworded_items_join_the_split_of_their_sentence() -> None:
    rows = _rows()
    split = [r for r in rows if r[2] == "split"]
    assert len(split) == 1
    assert set(split[0][1]) >= {"Article 2(a)(1)", "Article 2(a)(1)(A)", "Article 2(a)(1)(B)"}
    assert not [r for r in rows if r[2] == "added" and r[1] and r[1][0].startswith("Article 2(a)(1)")]


def test_a_heading_goes_with_its_first_item() -> None:
    split = [r for r in _rows() if r[2] == "split"]
    assert "Article 2(a)" in split[0][1]


def test_a_list_of_new_text_stays_added() -> None:
    # A chapeau and items whose words stood nowhere in the old round: nothing takes part of them.
    items = (("(a)", "Reinstatement."), ("(a)(1)", "Where Your rights ended, they come back:"),
             ("(a)(1)(A)", "on the day the breach is cured, within thirty days;"), ("(a)(1)(B)", "when the Grantor says so."))
    rows = [(row.old, row.new, row.relation) for row in concordance(compare(*_rounds(CREDIT_ITEMS + tuple(
        (label.replace("(a)", "(b)", 1), text) for label, text in items)), options=OFF)).rows]
    added = {r[1][0] for r in rows if r[2] == "added"}
    assert {"Article 2(b)", "Article 2(b)(1)", "Article 2(b)(1)(A)", "Article 2(b)(1)(B)"} <= added
