"""A footnote deleted, and one edited, on the UN Art. 6.2 draft, checked in real LibreOffice.

The counter-draft (made here with python-docx and lxml) deletes the second footnote, its
reference and its note, and adds words to the sixth note.  The redline must carry the deleted
footnote where it stood: its reference in the body a tracked deletion, its text a deleted note
of its own (never deleted words glued into a neighbouring note); the edited note's words are
tracked inside that note.  LibreOffice's Accept All gives the new document (the footnote gone,
the others as the new draft has them), Reject All the old one (the footnote back with its text).
Skipped, and said so, when ../shared/corpora is absent.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPORA, IN_CI, run_cli
from docx_xml_check import W, faults
from lxml import etree
from uno_run import libreoffice_ready, uno_results

UN_DRAFT = CORPORA / "docx_real_legal" / "UNFCCC_SBSTA61_item13a_Art6.2_draft-decision_1st-iteration_2024-11-14.docx"
ADDED = " as further elaborated"
needs_draft = pytest.mark.skipif(not UN_DRAFT.is_file(), reason=f"{CORPORA} is absent: the UN Art. 6.2 draft's footnotes were NOT checked")


def edit_notes(source: Path, target: Path) -> str:
    """Delete the second footnote (reference and note), add words to the sixth: the deleted note's text."""
    import docx

    document = docx.Document(str(source))
    references = list(document.element.body.iter(W + "footnoteReference"))
    gone, edited = references[1].get(W + "id"), references[5].get(W + "id")
    run = references[1].getparent()
    run.getparent().remove(run)
    part = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/footnotes"))
    root = etree.fromstring(part.blob)
    text = ""
    for note in list(root.iter(W + "footnote")):
        if note.get(W + "id") == gone:
            text = "".join(note.itertext()).strip()
            root.remove(note)
        elif note.get(W + "id") == edited:
            last = list(note.iter(W + "t"))[-1]
            last.text = (last.text or "").rstrip(".") + ADDED + "."
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    document.save(str(target))
    assert text
    return text


def _make(folder: Path) -> list[Path]:
    old, new = folder / "notes-old.docx", folder / "notes-new.docx"
    old.write_bytes(UN_DRAFT.read_bytes())
    edit_notes(UN_DRAFT, new)
    plain = folder / "notes-plain.docx"
    result = run_cli("compare", old, new, "-o", plain, "--no-comments")
    assert result.exit_code == 0 and "rebuilt" not in result.stderr, result.stderr
    return [old, new, plain]


def _part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


@needs_draft
def test_a_deleted_footnote_is_a_deleted_reference_and_a_deleted_note_of_its_own(tmp_path: Path) -> None:
    old, new, out = tmp_path / "old.docx", tmp_path / "new.docx", tmp_path / "redline.docx"
    old.write_bytes(UN_DRAFT.read_bytes())
    text = edit_notes(UN_DRAFT, new)
    result = run_cli("compare", old, new, "-o", out, "--no-comments")
    assert result.exit_code == 0 and "rebuilt" not in result.stderr, result.stderr
    data = out.read_bytes()
    assert faults(data) == []
    body, notes = _part(data, "word/document.xml"), _part(data, "word/footnotes.xml")
    deleted = [e for e in body.iter(W + "del") if e.getparent().tag != W + "rPr"]
    assert len(deleted) == 1 and "".join(deleted[0].itertext()) == ""  # the reference only, no "[^2]" as text
    reference = deleted[0].find(f"{W}r/{W}footnoteReference")
    assert reference is not None
    note = next(n for n in notes.iter(W + "footnote") if n.get(W + "id") == reference.get(W + "id"))
    assert note.find(f".//{W}del/{W}r/{W}footnoteRef") is not None
    assert "".join(t.text or "" for t in note.iter(W + "delText")).strip() == text
    # No other note changes but the edited one, whose added words are inserted inside it.
    other = [e for n in notes.iter(W + "footnote") if n is not note for e in n.iter(W + "del", W + "ins")]
    assert [(etree.QName(e).localname, "".join(e.itertext())) for e in other] == [("ins", ADDED)]


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    return uno_results(tmp_path_factory, "docx-source-notes", _make)


def _normal(lines: list[str]) -> list[str]:
    return [line for line in (re.sub(r"\s+", " ", x).strip() for x in lines) if line]


@pytest.mark.libreoffice
@pytest.mark.skipif(not IN_CI and not libreoffice_ready(), reason="LibreOffice or python3-uno missing")
@needs_draft
def test_libreoffice_accepts_the_footnote_away_and_rejects_it_back(office: dict[str, dict[str, Any]]) -> None:
    red, old, new = office["notes-plain"], office["notes-old"], office["notes-new"]
    assert red["loaded"], red.get("error")
    assert len(new["notes"]) == len(old["notes"]) - 1
    assert red["redlines_after_accept"] == 0 and red["redlines_after_reject"] == 0
    assert red["accepted_notes"] == new["notes"]
    assert red["rejected_notes"] == old["notes"]
    assert _normal(red["accepted"]) == _normal(new["paragraphs"])
    assert _normal(red["rejected"]) == _normal(old["paragraphs"])
    # LibreOffice counts the deleted footnote (its reference, with the deleted text inside it) as
    # one deletion, and the words added to the other note as one insertion: nothing else.
    assert sorted(r["type"] for r in red["redlines"]) == ["Delete", "Insert"], red["redlines"]


SECOND = "A second paragraph of the note, on a line of its own."


@needs_draft
def test_a_deleted_footnote_of_two_paragraphs_is_written_back_as_two(tmp_path: Path) -> None:
    """Reject All must give the old note as it stood: each of its paragraphs one paragraph."""
    import docx

    old, new, out = tmp_path / "old.docx", tmp_path / "new.docx", tmp_path / "redline.docx"
    document = docx.Document(str(UN_DRAFT))
    gone = list(document.element.body.iter(W + "footnoteReference"))[1].get(W + "id")
    part = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/footnotes"))
    root = etree.fromstring(part.blob)
    note = next(n for n in root.iter(W + "footnote") if n.get(W + "id") == gone)
    first = note.find(W + "p")
    assert first is not None
    paragraph = etree.SubElement(note, W + "p")
    etree.SubElement(etree.SubElement(paragraph, W + "r"), W + "t").text = SECOND
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    document.save(str(old))
    edit_notes(old, new)
    result = run_cli("compare", old, new, "-o", out, "--no-comments")
    assert result.exit_code == 0 and "rebuilt" not in result.stderr, result.stderr
    data = out.read_bytes()
    assert faults(data) == []
    body, notes = _part(data, "word/document.xml"), _part(data, "word/footnotes.xml")
    reference = next(r for r in body.iter(W + "footnoteReference") if r.getparent().getparent().tag == W + "del")
    written = next(n for n in notes.iter(W + "footnote") if n.get(W + "id") == reference.get(W + "id"))
    paragraphs = ["".join(t.text or "" for t in p.iter(W + "delText")).strip() for p in written.iter(W + "p")]
    old_text = "".join(t.text or "" for t in first.iter(W + "t")).strip()
    assert paragraphs == [old_text, SECOND]
    assert all(e.getparent().tag != W + "rPr" for e in written.iter(W + "ins"))  # nothing inserted in it
