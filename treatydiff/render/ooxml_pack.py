"""Pack the new draft's package again: its parts in their order, the edited ones replaced,
the comments part added when the draft had none, and the findings appendix.  Part of the one
OOXML adapter (see :mod:`treatydiff.render.ooxml_revise`)."""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from .ooxml_package import XML_SPACE, W, add_comment, clean_text, clone
from .ooxml_source import SourceDocument

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"


@dataclass(frozen=True)
class NoteText:
    """A comment's text and who signs it."""

    text: str
    author: str
    initials: str


def pack_source(source: SourceDocument, comments: Sequence[tuple[int, NoteText]], date: str,
                appendix: Sequence[etree._Element] = ()) -> bytes:
    """The package's bytes: fixed timestamps and member order, so the same edits give the same file."""
    main = source.parts[source.package.main]
    body = main.find(W + "body")
    if body is not None and appendix:
        section = body.find(W + "sectPr")
        for element in appendix:
            if section is not None:
                section.addprevious(element)
            else:
                body.append(element)
    changed = {name: _serialise(root) for name, root in source.parts.items()}
    if comments:
        changed.update(_comments_parts(source, comments, date))
    return _zip(source, changed)


def _comments_parts(source: SourceDocument, comments: Sequence[tuple[int, NoteText]], date: str) -> dict[str, bytes]:
    package = source.package
    folder, base = posixpath.split(package.main)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    existing = source.reader.by_type.get("comments", [])
    out: dict[str, bytes] = {}
    if existing:
        name = existing[0]
        root = package.xml(name)
        assert root is not None
    else:
        name = posixpath.join(folder, "comments.xml")
        root = etree.Element(W + "comments", nsmap={"w": W[1:-1]})
        rels = package.xml(rels_name)
        if rels is None:
            rels = etree.Element(_REL + "Relationships", nsmap={None: _REL[1:-1]})  # type: ignore[dict-item]
        used = {rel.get("Id") for rel in rels}
        number = 1
        while f"rIdTreatydiff{number}" in used:
            number += 1
        etree.SubElement(rels, _REL + "Relationship", {"Id": f"rIdTreatydiff{number}", "Type": _COMMENTS_TYPE, "Target": posixpath.relpath(name, folder or ".")})
        out[rels_name] = _serialise(rels)
        types = package.xml("[Content_Types].xml")
        assert types is not None
        etree.SubElement(types, _CT + "Override", {"PartName": "/" + name, "ContentType": _COMMENTS_CT})
        out["[Content_Types].xml"] = _serialise(types)
    for number, note in comments:
        add_comment(root, number, note.text, note.author, note.initials, date)
    out[name] = _serialise(root)
    return out


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _zip(source: SourceDocument, changed: dict[str, bytes]) -> bytes:
    """The package again: every part in its order, changed ones replaced, fixed timestamps."""
    out = io.BytesIO()
    names = list(source.package.infos)
    names.extend(sorted(name for name in changed if name not in source.package.infos))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            member = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            member.create_system = 0
            data = changed[name] if name in changed else source.package.read(name)
            target.writestr(member, data)
    return out.getvalue()


def appendix_elements(title: str, rows: Sequence[tuple[str, ...]]) -> list[etree._Element]:
    """A page break, a bold title and a bordered table (first row repeated as its header):
    untracked, in the document's default fonts, so that it prints with the draft."""
    def paragraph(text: str, *, bold: bool = False, page_break: bool = False) -> etree._Element:
        p = etree.Element(W + "p")
        if page_break:
            etree.SubElement(etree.SubElement(p, W + "r"), W + "br", {W + "type": "page"})
        run = etree.SubElement(p, W + "r")
        if bold:
            etree.SubElement(etree.SubElement(run, W + "rPr"), W + "b")
        t = etree.SubElement(run, W + "t", {XML_SPACE: "preserve"})
        t.text = clean_text(text)
        return p

    table = etree.Element(W + "tbl")
    tblpr = etree.SubElement(table, W + "tblPr")
    etree.SubElement(tblpr, W + "tblW", {W + "w": "5000", W + "type": "pct"})
    borders = etree.SubElement(tblpr, W + "tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        etree.SubElement(borders, W + side, {W + "val": "single", W + "sz": "4", W + "space": "0", W + "color": "auto"})
    width = max(len(row) for row in rows)
    grid = etree.SubElement(table, W + "tblGrid")
    for _ in range(width):
        etree.SubElement(grid, W + "gridCol")
    # Each cell is a copy of one made per column (and header or not), its text then set: a
    # large draft's appendix has thousands of cells, a dozen elements built one by one each.
    cells = {(column, bold): _cell(share, paragraph("", bold=bold)) for column, share in enumerate(_column_shares(width))
             for bold in (True, False)}
    for number, row in enumerate(rows):
        tr = etree.SubElement(table, W + "tr")
        if number == 0:
            etree.SubElement(etree.SubElement(tr, W + "trPr"), W + "tblHeader")
        for column, cell in enumerate((*row, *([""] * (width - len(row))))):
            tc = clone(cells[column, number == 0])
            tc[-1][-1][-1].text = clean_text(cell)  # the w:t of the cell's paragraph's run
            tr.append(tc)
    return [paragraph(title, bold=True, page_break=True), table]


def _cell(share: int, paragraph: etree._Element) -> etree._Element:
    """``<w:tc>`` of ``share`` fiftieths of a percent holding ``paragraph``."""
    tc = etree.Element(W + "tc")
    etree.SubElement(etree.SubElement(tc, W + "tcPr"), W + "tcW", {W + "w": str(share), W + "type": "pct"})
    tc.append(paragraph)
    return tc


def _column_shares(width: int) -> list[int]:
    """Column widths in fiftieths of a percent: a narrow number, a wide explanation."""
    if width == 6:  # number, finding, provision, words, explanation, whose position
        return [200, 1000, 650, 950, 1500, 700]
    return [5000 // width] * width
