"""A provision moved out of order is a Word move, not a deletion and an insertion.

The pair (tests/fixtures/docx_builder.moved_docx) moves Article 3 before Article 2 and changes
one of its words.  Its old paragraphs are ``w:moveFrom`` where they stood, its new ones
``w:moveTo``, each side inside a named range whose name the other side shares; the word it gained
is a ``w:ins`` nested in the ``w:moveTo`` (the word it lost is read, whole, in the move-from
side: LibreOffice flattens a ``w:del`` nested in a move, and "Accept All" would keep its text).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx_cases import source_redline
from docx_xml_check import W, faults, texts
from fixtures.docx_builder import moved_docx
from lxml import etree

NEW_TEXTS = ["Article 1", "Definitions", "For this Agreement, terms have the meaning of the Convention.",
             "Article 2", "Dispute settlement", "Disputes shall be settled by consultation between the Parties.",
             "Failing that, by arbitration within six months.",
             "Article 3", "Trade", "The Parties shall cooperate on trade and transport across borders.",
             "Customs procedures shall be simplified.", "Article 4", "Entry into force", "This Agreement enters into force on signature."]


def _redline(tmp_path: Path) -> bytes:
    return source_redline(tmp_path, moved_docx(new=False), moved_docx(new=True))


def _body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read("word/document.xml"))


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(W + "t", W + "delText"))


def test_a_moved_article_is_a_word_move_with_paired_named_ranges(tmp_path: Path) -> None:
    body = _body(_redline(tmp_path))
    moved_from = " ".join(_text(e) for e in body.iter(W + "moveFrom"))
    moved_to = " ".join(_text(e) for e in body.iter(W + "moveTo"))
    assert "Disputes shall be settled by negotiation between the Parties." in moved_from
    assert "Failing that, by arbitration within six months." in moved_from
    assert "consultation" in moved_to and "Failing that, by arbitration within six months." in moved_to
    # No plain deletion or insertion carries the moved words.
    plain = " ".join(_text(e) for tag in ("del", "ins") for e in body.iter(W + tag) if e.getparent().tag != W + "moveTo")
    assert "arbitration" not in plain and "Dispute" not in plain and "negotiation" not in plain
    for side in ("moveFrom", "moveTo"):
        starts = list(body.iter(W + side + "RangeStart"))
        ends = {e.get(W + "id") for e in body.iter(W + side + "RangeEnd")}
        assert starts and {s.get(W + "id") for s in starts} == ends
    names = {s: sorted(e.get(W + "name") or "" for e in body.iter(W + s + "RangeStart")) for s in ("moveFrom", "moveTo")}
    assert names["moveFrom"] == names["moveTo"]


def test_the_word_a_moved_article_gained_is_an_insertion_inside_the_move(tmp_path: Path) -> None:
    body = _body(_redline(tmp_path))
    nested = [_text(e) for e in body.iter(W + "ins") if e.getparent() is not None and e.getparent().tag == W + "moveTo"]
    assert "consultation" in nested
    assert not [e for e in body.iter(W + "del") if e.getparent() is not None and e.getparent().tag == W + "moveTo"]


def test_accepting_a_move_gives_the_new_draft_and_rejecting_the_old(tmp_path: Path) -> None:
    data = _redline(tmp_path)
    assert texts(data, accept=True) == NEW_TEXTS
    old = texts(data, accept=False)
    assert old.index("Trade") < old.index("Dispute settlement")
    assert "Disputes shall be settled by negotiation between the Parties." in old and "consultation" not in " ".join(old)
    assert len(old) == len(NEW_TEXTS)  # "Article 3" and its heading stay two paragraphs
    assert faults(data) == []
