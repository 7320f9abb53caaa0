"""Word in, Word out: when the new draft is a .docx, the redline is that document itself.

The fixture pair (tests/fixtures/docx_builder.negotiated_docx) has automatic numbering, a
footnote, a table and a header; the counter-draft changes "shall" to "should", deletes a
numbered paragraph (Word renumbers the ones after it), adds a sentence, edits a table cell and
the footnote.  Accepting and rejecting are read with lxml here (tests/docx_xml_check.py); the
LibreOffice tests do it with the real dispatch commands.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import run_cli
from docx_xml_check import W, faults, texts
from fixtures.docx_builder import docx_bytes, negotiated_docx, para
from lxml import etree

from treatydiff.render import RenderOptions
from treatydiff.render.docx_redline import render_source
from treatydiff.usecases import compare_sources


def _pair(tmp_path: Path, old: bytes | None = None, new: bytes | None = None) -> tuple[Path, Path]:
    old_path, new_path = tmp_path / "r1-az.docx", tmp_path / "r2-am.docx"
    old_path.write_bytes(old if old is not None else negotiated_docx(new=False))
    new_path.write_bytes(new if new is not None else negotiated_docx(new=True))
    return old_path, new_path


def _redline(tmp_path: Path, *extra: str) -> tuple[bytes, str]:
    old, new = _pair(tmp_path)
    out = tmp_path / "redline.docx"
    result = run_cli("compare", old, new, "-o", out, *extra)
    assert result.exit_code == 0, result.stderr
    return out.read_bytes(), result.stderr


def _part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name)


def _body(data: bytes) -> etree._Element:
    return etree.fromstring(_part(data, "word/document.xml"))


def test_the_redline_is_the_new_document_with_its_own_parts(tmp_path: Path) -> None:
    data, stderr = _redline(tmp_path)
    new = negotiated_docx(new=True)
    assert "rebuilt" not in stderr
    for name in ("word/styles.xml", "word/numbering.xml", "word/header1.xml"):
        assert _part(data, name) == _part(new, name)
    body = _body(data)
    # No front section of ours: the draft's own first paragraph comes first.
    first = body.find(f"{W}body/{W}p")
    assert first is not None and "".join(first.itertext()) == "Article 1"
    assert body.find(f".//{W}tbl") is not None and body.find(f".//{W}footnoteReference") is not None
    assert [p.find(f"{W}pPr/{W}pStyle").get(W + "val") for p in body.iter(W + "p") if p.find(f"{W}pPr/{W}pStyle") is not None] == ["Heading1", "Heading2", "Heading1"]


def test_accepting_gives_the_new_draft_and_rejecting_the_old(tmp_path: Path) -> None:
    data, _ = _redline(tmp_path)
    old, new = negotiated_docx(new=False), negotiated_docx(new=True)
    assert texts(data, accept=True) == texts(new, accept=True)
    assert texts(data, accept=False) == texts(old, accept=True)
    assert texts(data, accept=True, part="word/footnotes.xml") == texts(new, accept=True, part="word/footnotes.xml")
    assert texts(data, accept=False, part="word/footnotes.xml") == texts(old, accept=True, part="word/footnotes.xml")


def test_the_changes_are_tracked_at_word_level_where_they_are(tmp_path: Path) -> None:
    data, _ = _redline(tmp_path, "--no-comments")
    body = _body(data)
    inserted = ["".join(e.itertext()) for e in body.iter(W + "ins") if e.getparent().tag != W + "rPr"]
    deleted = ["".join(e.itertext()) for e in body.iter(W + "del") if e.getparent().tag != W + "rPr"]
    assert inserted == ["should", " It meets twice a year.", "4"]
    assert deleted == ["shall", "Each Party shall cooperate on trade and transport.", "3"]
    marks = [p for p in body.iter(W + "p") if p.find(f"{W}pPr/{W}rPr/{W}del") is not None]
    assert len(marks) == 1  # the deleted paragraph, where it stood
    notes = etree.fromstring(_part(data, "word/footnotes.xml"))
    assert ["".join(e.itertext()) for e in notes.iter(W + "ins")] == ["1992 "]
    # In the table cell that changed, not around the table.
    cell = next(tc for tc in body.iter(W + "tc") if tc.find(f".//{W}ins") is not None)
    assert "".join(cell.itertext()) == "34"


def test_renumbered_paragraphs_carry_no_revision(tmp_path: Path) -> None:
    data, _ = _redline(tmp_path)
    for p in _body(data).iter(W + "p"):
        text = "".join(t.text or "" for t in p.iter(W + "t"))
        if text.startswith(("The Parties shall notify", "This paragraph stays")):
            assert p.find(f".//{W}ins") is None and p.find(f".//{W}del") is None, text
    assert not any(e.get(W + "val") for e in _body(data).iter(W + "numId") if e.getparent().getparent().find(f"{W}rPr/{W}ins") is not None)


def test_revisions_name_the_new_round_and_comments_sit_on_their_words(tmp_path: Path) -> None:
    data, _ = _redline(tmp_path)
    body = _body(data)
    authors = {e.get(W + "author") for tag in ("ins", "del") for e in body.iter(W + tag)}
    assert authors == {"r2-am"}  # no party given: the draft's name
    comments = etree.fromstring(_part(data, "word/comments.xml"))
    assert len(comments.findall(W + "comment")) == 3
    start = next(body.iter(W + "commentRangeStart"))
    following = start.getnext()
    assert following is not None and "".join(following.itertext()) == "shall"
    assert b"comments.xml" in _part(data, "word/_rels/document.xml.rels")
    assert b"comments+xml" in _part(data, "[Content_Types].xml")


def test_the_round_date_and_party_name_the_revisions(tmp_path: Path) -> None:
    old, new = _pair(tmp_path)
    comparison = compare_sources(str(old), str(new))
    dated = replace(comparison, new_round=replace(comparison.new_round, info=replace(comparison.new, party="AM", date="2024-05-02")))
    data, said = render_source(dated, RenderOptions(), new)
    assert said == []
    body = _body(data)
    assert {(e.get(W + "author"), e.get(W + "date")) for e in body.iter(W + "ins")} == {("AM", "2024-05-02T00:00:00Z")}


def test_the_xml_has_nothing_word_would_repair(tmp_path: Path) -> None:
    data, _ = _redline(tmp_path)
    assert faults(data) == []
    plain, _ = _redline(tmp_path, "--no-comments")
    assert faults(plain) == []


def test_the_same_inputs_give_the_same_bytes(tmp_path: Path) -> None:
    first, _ = _redline(tmp_path)
    second, _ = _redline(tmp_path)
    assert first == second


def test_old_draft_of_another_format(tmp_path: Path) -> None:
    old = tmp_path / "r1.md"
    old.write_text("## Article 1\n\n1. The Parties shall respect each other's borders.\n", encoding="utf-8")
    new = tmp_path / "r2.docx"
    new.write_bytes(docx_bytes(para("Article 1", style="Heading1") + para("The Parties should respect each other's borders.", num=(1, 0))))
    out = tmp_path / "red.docx"
    result = run_cli("compare", old, new, "-o", out)
    assert result.exit_code == 0, result.stderr
    body = _body(out.read_bytes())
    assert ["".join(e.itertext()) for e in body.iter(W + "del") if e.getparent().tag != W + "rPr"] == ["shall"]
    assert texts(out.read_bytes(), accept=True) == ["Article 1", "The Parties should respect each other's borders."]


def test_text_the_comparison_cannot_place_falls_back_to_the_rebuilt_redline_and_says_so(tmp_path: Path) -> None:
    old, new = _pair(tmp_path)
    comparison = compare_sources(str(old), str(new))
    other = tmp_path / "other.docx"
    other.write_bytes(docx_bytes(para("Something else entirely, never compared.")))
    data, said = render_source(comparison, RenderOptions(), other)
    assert len(said) == 1 and "rebuilt redline" in said[0] and "other.docx" in said[0]
    assert any("Redline:" in line for line in texts(data, accept=True))  # the rebuilt report's front section


def test_a_draft_with_tracked_changes_of_its_own_is_compared_as_its_current_text_and_says_so(tmp_path: Path) -> None:
    from fixtures.docx_builder import delete, ins, negotiated_body, run

    theirs = negotiated_body(new=True).replace(run("Done at Geneva in two originals."),
                                               run("Done at ") + delete("Geneva", rid=901) + ins("Vienna", rid=902) + run(" in two originals."))
    old, new = _pair(tmp_path, new=docx_bytes(theirs, footnotes={1: "Within the meaning of the 1992 Convention."}))
    out = tmp_path / "red.docx"
    result = run_cli("compare", old, new, "-o", out, "--no-comments")
    assert result.exit_code == 0, result.stderr
    assert "holds 2 tracked changes" in result.stderr and "current text" in result.stderr
    assert "accepted in the redline" in result.stderr and "rebuilt" not in result.stderr
    data = out.read_bytes()
    assert texts(data, accept=True)[-1] == "Done at Vienna in two originals."
    assert texts(data, accept=False) == texts(negotiated_docx(new=False), accept=True)
    assert {e.get(W + "author") for e in _body(data).iter(W + "ins")} == {"r2-am"}  # theirs settled, ours only
    assert faults(data) == []
    original = tmp_path / "orig.docx"
    result = run_cli("compare", old, new, "-o", original, "--revisions", "original", "--no-comments")
    assert result.exit_code == 0 and "text before them" in result.stderr and "rejected" in result.stderr, result.stderr
    assert texts(original.read_bytes(), accept=True)[-1] == "Done at Geneva in two originals."
    assert "Vienna" not in "".join(texts(original.read_bytes(), accept=False))


def test_findings_appendix_prints_the_analysis_at_the_end(tmp_path: Path) -> None:
    data, _ = _redline(tmp_path, "--findings-appendix")
    body = _body(data).find(W + "body")
    assert body is not None
    blocks = [child for child in body if child.tag in (W + "p", W + "tbl")]
    table = blocks[-1]
    assert table.tag == W + "tbl"
    rows = [["".join(tc.itertext()) for tc in tr.iter(W + "tc")] for tr in table.iter(W + "tr")]
    assert rows[0] == ["", "Finding", "Provision", "Old → new", "Explanation", "Whose position"]
    assert {row[1] for row in rows[1:]} == {"obligation-weakened (regression)", "commitment-deleted (regression)", "number-changed (review)"}
    assert any(row[3] == "shall → should" and row[2] == "Article 1(1)" for row in rows[1:])
    assert faults(data) == []
    without, _ = _redline(tmp_path)
    assert [c.tag for c in _body(without).find(W + "body")][-2] != W + "tbl"


@pytest.mark.parametrize("static", [True, False])
def test_a_new_draft_that_is_not_word_keeps_the_rebuilt_redline(tmp_path: Path, static: bool) -> None:
    old = tmp_path / "a.md"
    new = tmp_path / "b.md"
    old.write_text("## Article 1\n\nThe Parties shall meet.\n", encoding="utf-8")
    new.write_text("## Article 1\n\nThe Parties should meet.\n", encoding="utf-8")
    out = tmp_path / "red.docx"
    args = ["compare", old, new, "-o", out, *(["--static"] if static else [])]
    assert run_cli(*args).exit_code == 0
    assert any(line.startswith("Redline:") for line in texts(out.read_bytes(), accept=True))


def test_a_draft_with_macros_never_passes_them_on(tmp_path: Path) -> None:
    macro = docx_bytes(negotiated_body_text(), extra_parts={"word/vbaProject.bin": b"\x00macro"})
    old, new = _pair(tmp_path, new=macro)
    out = tmp_path / "red.docx"
    result = run_cli("compare", old, new, "-o", out)
    assert result.exit_code == 0 and "contains macros" in result.stderr and "rebuilt redline" in result.stderr
    with zipfile.ZipFile(out) as package:
        assert not any(name.lower().endswith("vbaproject.bin") for name in package.namelist())


def negotiated_body_text() -> str:
    from fixtures.docx_builder import negotiated_body

    return negotiated_body(new=True)
