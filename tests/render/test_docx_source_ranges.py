"""Comment ranges written onto the draft's own runs start before they end, in document order.

A finding's words can fall on text that is no run's own: a number Word computes, or a note
reference, which is never cut.  The range then has one place for its start and its end; the
end must still follow the start (LibreOffice and Word otherwise drop or misplace the comment).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx_xml_check import faults, range_order
from fixtures.docx_builder import negotiated_docx
from lxml import etree

from treatydiff.render.ooxml_pack import NoteText
from treatydiff.render.ooxml_revise import Edits, Reviser
from treatydiff.render.ooxml_source import NOTE, VIRTUAL, SourceDocument

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _written(edits: Edits, tmp_path: Path) -> bytes:
    path = tmp_path / "new.docx"
    path.write_bytes(negotiated_docx(new=True))
    source = SourceDocument(path.read_bytes(), path)
    reviser = Reviser(source, "AM", None)
    reviser.add(edits, notes=False)
    reviser.apply()
    return reviser.write([NoteText("a finding", "treatydiff", "TD")])


@pytest.mark.parametrize("kind", [VIRTUAL, NOTE])
def test_a_comment_on_text_no_run_holds_still_starts_before_it_ends(kind: int, tmp_path: Path) -> None:
    path = tmp_path / "probe.docx"
    path.write_bytes(negotiated_docx(new=True))
    stream = SourceDocument(path.read_bytes(), path).body
    start = stream.kinds.index(bytes([kind])) + 1  # inside the number or the reference
    data = _written(Edits(comments=[(start, start + 1, 0)]), tmp_path)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    assert range_order(body) == []
    assert len(list(body.iter(W + "commentRangeStart"))) == 1 and len(list(body.iter(W + "commentReference"))) == 1
    assert faults(data) == []
