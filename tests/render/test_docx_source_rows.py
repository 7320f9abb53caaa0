"""Table rows in the Word redline: a row the counter-draft deleted is a deleted row
(``w:trPr/w:del``, its cells' old text deleted in them), a row it added an inserted row
(``w:trPr/w:ins``), a cell it edited is redlined word by word in its own cell; never one row's
words deleted inside a neighbour's cell (tests/fixtures/docx_builder.rows_docx)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx_cases import source_redline
from docx_xml_check import W, faults, texts
from fixtures.docx_builder import rows_docx
from lxml import etree


def _redline(tmp_path: Path) -> bytes:
    return source_redline(tmp_path, rows_docx(new=False), rows_docx(new=True))


def _rows(data: bytes) -> list[tuple[str | None, list[str]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    out = []
    for row in body.iter(W + "tr"):
        mark = row.find(f"{W}trPr/{W}del")
        mark = mark if mark is not None else row.find(f"{W}trPr/{W}ins")
        cells = ["".join(t.text or "" for t in cell.iter(W + "t", W + "delText")) for cell in row.iter(W + "tc")]
        out.append((etree.QName(mark).localname if mark is not None else None, cells))
    return out


def test_a_deleted_row_is_a_deleted_row_and_an_added_row_an_inserted_one(tmp_path: Path) -> None:
    assert _rows(_redline(tmp_path)) == [
        (None, ["Member", "Seats"]),
        (None, ["Armenia", "3"]),
        ("del", ["Azerbaijan", "3"]),
        (None, ["Georgia", "21"]),  # "2" deleted, "1" inserted, in its own cell
        ("ins", ["Türkiye", "5"]),
        (None, ["Observers", "2"]),
    ]


def test_accepting_and_rejecting_rows_give_each_draft(tmp_path: Path) -> None:
    data = _redline(tmp_path)
    head, tail = ["Article 1", "A joint commission is established.", "Member", "Seats", "Armenia", "3"], \
        ["Observers", "2", "Done at Geneva in two originals."]
    assert texts(data, accept=True) == [*head, "Georgia", "1", "Türkiye", "5", *tail]
    assert texts(data, accept=False) == [*head, "Azerbaijan", "3", "Georgia", "2", *tail]
    assert faults(data) == []
