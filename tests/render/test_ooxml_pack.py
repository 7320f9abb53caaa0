"""The findings appendix of a Word draft's own redline: its cells are copies of one made per
column, so they must serialise exactly as cells built element by element would, and each must
own its elements."""

from __future__ import annotations

from lxml import etree

from treatydiff.render.ooxml_pack import appendix_elements
from treatydiff.render.ooxml_package import XML_SPACE, W

ROWS = [
    ("", "Finding", "Provision", "Old → new", "Explanation", "Whose position"),
    ("1", "obligation-weakened (regression)", "Article 2(1)", "shall → should", "A duty became advice.", "—"),
    ("2", "number-changed (review)", "Article 4", "30 → 60", "The period \x0b doubled.", "favours B"),
    ("3", "short row"),  # padded with empty cells
]


def _paragraph(text: str, *, bold: bool) -> etree._Element:
    p = etree.Element(W + "p")
    run = etree.SubElement(p, W + "r")
    if bold:
        etree.SubElement(etree.SubElement(run, W + "rPr"), W + "b")
    etree.SubElement(run, W + "t", {XML_SPACE: "preserve"}).text = text
    return p


def _cell_by_cell(rows: list[tuple[str, ...]], shares: list[int]) -> list[bytes]:
    """Each row as built one element at a time, the way Word lays out a cell."""
    out = []
    for number, row in enumerate(rows):
        tr = etree.Element(W + "tr")
        if number == 0:
            etree.SubElement(etree.SubElement(tr, W + "trPr"), W + "tblHeader")
        for column, text in enumerate((*row, *[""] * (len(shares) - len(row)))):
            tc = etree.SubElement(tr, W + "tc")
            etree.SubElement(etree.SubElement(tc, W + "tcPr"), W + "tcW", {W + "w": str(shares[column]), W + "type": "pct"})
            tc.append(_paragraph(text.replace("\x0b", "\ufffd"), bold=number == 0))
        out.append(etree.tostring(tr))
    return out


def test_appendix_cells_are_the_cells_built_one_by_one() -> None:
    title, table = appendix_elements("Findings", ROWS)
    assert "".join(title.itertext()) == "Findings" and title.find(f"{W}r/{W}br") is not None
    rows = table.findall(W + "tr")
    assert [etree.tostring(tr) for tr in rows] == _cell_by_cell(ROWS, [200, 1000, 650, 950, 1500, 700])


def test_each_appendix_cell_owns_its_elements() -> None:
    _, table = appendix_elements("Findings", ROWS)
    texts = list(table.iter(W + "t"))
    assert len({id(t) for t in texts}) == len(texts) == 4 * 6
    texts[7].text = "changed"
    assert [t.text for t in texts][6:9] == ["1", "changed", "Article 2(1)"]
    bold = [tc.find(f"{W}p/{W}r/{W}rPr/{W}b") is not None for tc in table.iter(W + "tc")]
    assert bold == [True] * 6 + [False] * 18
