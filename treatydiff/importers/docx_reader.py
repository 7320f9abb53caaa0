"""Read a Word draft into blocks (made provisions by :mod:`treatydiff.importers.docx_import`), counting whatever is left out.

What a reader sees is what we import: automatic numbers computed from ``numbering.xml``, field
results (never field codes), the current text of tracked changes (or, with ``--revisions
original``, the text before them), table rows as ``cell | cell`` lines, footnotes and endnotes
as ``[^1] text`` lines in the provision's ``notes`` with a ``[^1]`` marker where the reference
stands.  Headers, footers, comments, text boxes, images and equations are counted as skipped.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree

from . import ImportOptions
from .docx_package import Package
from .docx_styles import Style, StyleChains, read_styles
from .docx_styles import attr as _attr
from .docx_styles import child as _child
from .numbering import Label, Numbering, W, format_number
from .structure import Block, count_words

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
DC = "{http://purl.org/dc/elements/1.1/}"

_HEADING_NAME = re.compile(r"^(?:heading|titre|überschrift)\s*(\d)|(?:^|[_ ])H[_ ]?(\d|Ch|CH|1|2|23)(?:[_ ]|$)", re.I)
_NUMBERISH = re.compile(r"^[\[(]?[\dA-Za-z]{1,8}(?:[.\-][\dA-Za-z]{1,8})*[.)\]]?$")
_CONTAINER_WORD = re.compile(r"^\[?\s*(?:(?:article|artikel|art|annex|appendix|schedule|section|chapter|part|title)\b|§)", re.I)
_REVISION_TAGS = {W + "ins", W + "del", W + "moveFrom", W + "moveTo"}
# Tag names built once: a draft has hundreds of thousands of elements to test against them.
_P, _TBL, _TR, _TC, _R, _T, _DEL_TEXT = (W + t for t in ("p", "tbl", "tr", "tc", "r", "t", "delText"))
_INS, _DEL, _MOVE_FROM = W + "ins", W + "del", W + "moveFrom"
_PPR, _RPR, _PSTYLE, _NUMPR, _NUMID, _ILVL, _OUTLINE = (
    W + t for t in ("pPr", "rPr", "pStyle", "numPr", "numId", "ilvl", "outlineLvl")
)
_SDT, _SDT_CONTENT, _CUSTOM_XML, _ALT_CHUNK = W + "sdt", W + "sdtContent", W + "customXml", W + "altChunk"
_TAB = {W + "tab", W + "ptab"}
_BR, _CR, _NO_BREAK_HYPHEN, _SYM = W + "br", W + "cr", W + "noBreakHyphen", W + "sym"
_FOOTNOTE_REF, _ENDNOTE_REF, _OBJECT = W + "footnoteReference", W + "endnoteReference", W + "object"
_DRAWINGS = {W + "drawing", W + "pict", MC + "AlternateContent"}
_PASS_THROUGH = {W + "hyperlink", W + "smartTag", W + "customXml", W + "fldSimple", W + "dir", W + "bdo"}
_MATH = {M + "oMath", M + "oMathPara"}


_PROPERTY_SLOTS = {_PSTYLE: 0, _NUMPR: 1, _OUTLINE: 2, _RPR: 3}


def paragraph_properties(ppr: etree._Element | None) -> list[etree._Element | None]:
    """The first ``w:pStyle``, ``w:numPr``, ``w:outlineLvl`` and ``w:rPr`` of a paragraph's
    properties, found in one look at its children (every paragraph is asked for all four)."""
    found: list[etree._Element | None] = [None, None, None, None]
    if ppr is not None:
        for node in ppr:
            slot = _PROPERTY_SLOTS.get(node.tag)
            if slot is not None and found[slot] is None:
                found[slot] = node
    return found


class DocxReader:
    def __init__(self, package: Package, options: ImportOptions) -> None:
        self.package = package
        self.original = options.revisions == "original"
        self.rels = package.related(package.main)
        by_type: dict[str, list[str]] = {}
        for kind, name in sorted(self.rels.values()):
            by_type.setdefault(kind, []).append(name)
        self.by_type = by_type
        self.styles = read_styles(self._part("styles"))
        self._style_chain = StyleChains(self.styles)
        numbering_root = self._part("numbering")
        style_numbering = {sid: (s.num_id, s.ilvl) for sid, s in self.styles.items()}
        self.numbering = Numbering(numbering_root, style_numbering)
        # Each notes part as parsed, by kind: the redline of the draft edits these very trees.
        self.note_roots: dict[str, etree._Element] = {}
        self.footnotes = self._notes("footnotes", "footnote")
        self.endnotes = self._notes("endnotes", "endnote")
        self.endnote_format = self._endnote_format()
        self.blocks: list[Block] = []
        self.read: list[str] = []  # every text read (numbers and notes too), for the word count
        self.paragraphs = 0
        self.tables = 0
        self.note_count = 0
        # Each note's paragraphs, by its marker: the text joins them, a deleted note is written back with them.
        self.note_paragraphs: dict[str, tuple[str, ...]] = {}
        self.footnote_number = 0
        self.endnote_number = 0
        self.revisions = 0
        self.authors: set[str] = set()
        self.skipped: Counter[str] = Counter()
        self.carry = ""  # text of a paragraph whose mark was deleted: it joins the next one
        self._style_levels: dict[str, int | None] = {}  # heading level a style gives, by id

    # --- parts --------------------------------------------------------------------------

    def _part(self, kind: str) -> etree._Element | None:
        names = self.by_type.get(kind, [])
        return self.package.xml(names[0]) if names else None

    def _notes(self, kind: str, tag: str) -> dict[str, etree._Element]:
        root = self._part(kind)
        if root is None:
            return {}
        self.note_roots[kind] = root
        return {
            _attr(note, "id") or "": note
            for note in root.iter(W + tag)
            if _attr(note, "type") in (None, "normal")
        }

    def _endnote_format(self) -> str:
        root = self._part("settings")
        fmt = None
        if root is not None:
            pr = root.find(W + "endnotePr")
            fmt = _attr(pr.find(W + "numFmt"), "val") if pr is not None and pr.find(W + "numFmt") is not None else None
        return fmt or "lowerRoman"

    # --- inline content -----------------------------------------------------------------

    def _revision(self, element: etree._Element) -> None:
        self.revisions += 1
        author = _attr(element, "author")
        if author:
            self.authors.add(author)

    def _inline(self, element: etree._Element, out: list[str], notes: list[str]) -> None:
        for child in element:
            tag = child.tag  # comments and PIs were removed by the parser: every tag is a name
            if tag == _R:
                self._run(child, out, notes)
            elif tag in _REVISION_TAGS:
                self._revision(child)
                dropped = (tag in (_DEL, _MOVE_FROM)) != self.original
                if not dropped:
                    self._inline(child, out, notes)
            elif tag in _PASS_THROUGH:
                self._inline(child, out, notes)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self._inline(content, out, notes)
            elif tag in _MATH:
                self.skipped["equations (Office Math): not imported"] += 1
            elif tag == MC + "AlternateContent":
                self._drawing(child)

    def _drawing(self, element: etree._Element) -> None:
        if next(element.iter(W + "txbxContent"), None) is not None:
            self.skipped["text boxes: not imported (move their text into the body)"] += 1
        else:
            self.skipped["images and drawings: no text"] += 1

    def _run(self, run: etree._Element, out: list[str], notes: list[str]) -> None:
        for child in run:
            tag = child.tag
            if tag == _T or (tag == _DEL_TEXT and self.original):
                out.append(child.text or "")
            elif tag == _RPR:
                for change in child.iter(_INS, _DEL):
                    self._revision(change)
            elif tag in _TAB:
                out.append("\t")
            elif tag == _BR:
                if _attr(child, "type") in (None, "textWrapping"):
                    out.append("\n")
            elif tag == _CR:
                out.append("\n")
            elif tag == _NO_BREAK_HYPHEN:
                out.append("-")
            elif tag == _SYM:
                out.append(chr(int(_attr(child, "char") or "20", 16)) if (_attr(child, "char") or "").isalnum() else "")
            elif tag == _FOOTNOTE_REF:
                self._note_ref(child, out, notes, endnote=False)
            elif tag == _ENDNOTE_REF:
                self._note_ref(child, out, notes, endnote=True)
            elif tag in _DRAWINGS:
                self._drawing(child)
            elif tag == _OBJECT:
                self.skipped["embedded objects: not imported"] += 1
            elif tag in _REVISION_TAGS:
                for change in child.iter(_INS, _DEL):
                    self._revision(change)

    def _note_ref(self, ref: etree._Element, out: list[str], notes: list[str], *, endnote: bool) -> None:
        table = self.endnotes if endnote else self.footnotes
        note = table.get(_attr(ref, "id") or "")
        if endnote:
            self.endnote_number += 1
            mark = format_number(self.endnote_number, self.endnote_format)
        else:
            self.footnote_number += 1
            mark = str(self.footnote_number)
        out.append(f"[^{mark}]")
        if note is None:
            notes.append(f"[^{mark}]")
            return
        self.note_count += 1
        parts: list[str] = []
        for para in note.iter(W + "p"):
            pieces: list[str] = []
            self._inline(para, pieces, [])
            text = "".join(pieces).strip()
            if text:
                parts.append(text)
        notes.append(f"[^{mark}] " + " ".join(parts))
        self.note_paragraphs[f"[^{mark}]"] = tuple(parts)

    # --- paragraphs and tables ----------------------------------------------------------

    def _numbering_of(self, ppr: etree._Element | None, chain: list[Style]) -> tuple[str | None, int]:
        return self._numbering(_child(ppr, _NUMPR), chain)

    def _numbering(self, num: etree._Element | None, chain: list[Style]) -> tuple[str | None, int]:
        """The list and level of a paragraph: its own ``w:numPr``'s, else its styles'."""
        num_id = _attr(_child(num, _NUMID), "val") if num is not None else None
        ilvl_text = _attr(_child(num, _ILVL), "val") if num is not None else None
        for style in chain:
            if num_id is None and style.num_id is not None:
                num_id = style.num_id
            if ilvl_text is None and style.ilvl is not None:
                ilvl_text = str(style.ilvl)
        return num_id, int(ilvl_text) if ilvl_text and ilvl_text.isdigit() else 0

    def _heading_level(self, outline_level: etree._Element | None, style_id: str, chain: list[Style]) -> int | None:
        outline = _attr(outline_level, "val")
        if outline is not None and outline.isdigit() and int(outline) < 9:
            return int(outline) + 1
        if style_id not in self._style_levels:
            self._style_levels[style_id] = self._style_level(chain)
        return self._style_levels[style_id]

    def _style_level(self, chain: list[Style]) -> int | None:
        for style in chain:
            if style.outline is not None and style.outline < 9:
                return style.outline + 1
            match = _HEADING_NAME.search(style.name)
            if match:
                digit = match.group(1) or match.group(2)
                return int(digit[0]) if digit[0].isdigit() else 1
        return None

    def _mark_changed(self, rpr: etree._Element | None) -> bool:
        """Did a tracked change delete (or, for the original text, insert) this paragraph's end
        (its mark's properties, ``w:pPr/w:rPr``, say)?"""
        if rpr is None:
            return False
        for tag in (_INS, _DEL):
            change = _child(rpr, tag)
            if change is not None:
                self._revision(change)
                if (tag == _DEL) != self.original:
                    return True
        return False

    def paragraph_text(self, p: etree._Element, ppr: etree._Element | None) -> tuple[str, list[str], Label | None, int | None]:
        found = paragraph_properties(ppr)
        return self._paragraph_text(p, found[0], found[1], found[2])

    def _paragraph_text(self, p: etree._Element, style: etree._Element | None, num: etree._Element | None,
                        outline: etree._Element | None) -> tuple[str, list[str], Label | None, int | None]:
        style_id = _attr(style, "val") if style is not None else "Normal"
        chain = self._style_chain(style_id)
        num_id, ilvl = self._numbering(num, chain)
        label = self.numbering.label(num_id, ilvl) if num_id is not None else None
        pieces: list[str] = []
        notes: list[str] = []
        self._inline(p, pieces, notes)
        return "".join(pieces).strip(), notes, label, self._heading_level(outline, style_id or "", chain)

    def paragraph(self, p: etree._Element) -> None:
        style, num, outline, mark = paragraph_properties(_child(p, _PPR))
        text, notes, label, heading = self._paragraph_text(p, style, num, outline)
        merged = self._mark_changed(mark)
        if self.carry:
            text = (self.carry + " " + text).strip() if text else self.carry
            self.carry = ""
        if merged:
            self.carry = text
            return
        if not text:
            if label is not None and label.text.strip():
                self.skipped["empty numbered paragraphs (their number is skipped)"] += 1
            return
        self.paragraphs += 1
        shown = label.text.strip() if label is not None else ""
        self.read.extend((text, shown, *notes))
        block = self._block(text, label, shown, heading, tuple(notes))
        self.blocks.append(block)

    def _block(self, text: str, label: Label | None, shown: str, heading: int | None, notes: tuple[str, ...]) -> Block:
        if label is None or not shown:
            return Block(text=text, heading_level=heading, notes=notes)
        if _CONTAINER_WORD.match(shown):
            # "Article 3", "ANNEX II" produced by numbering: let the text rules read it.
            return Block(text=f"{shown} {text}", heading_level=heading or 1, notes=notes)
        if label.fmt in ("upperRoman", "upperLetter") and _NUMBERISH.match(shown) and count_words(text) <= 40:
            return Block(text=text, number=shown, heading_level=heading or label.level + 1, notes=notes)
        if label.fmt in ("decimal", "decimalZero", "ordinal", "cardinalText", "ordinalText", "decimalFullWidth") and _NUMBERISH.match(shown):
            return Block(text=text, number=shown, number_level=label.level, heading_level=heading, notes=notes)
        return Block(text=f"{shown} {text}", nested=True, notes=notes)

    def table(self, tbl: etree._Element) -> None:
        self.tables += 1
        for row in tbl.findall(_TR):
            cells: list[str] = []
            notes: list[str] = []
            for cell in row.findall(_TC):
                texts: list[str] = []
                for p in cell.iter(_P):
                    text, cell_notes, label, _ = self.paragraph_text(p, _child(p, _PPR))
                    notes.extend(cell_notes)
                    if text:
                        texts.append(f"{label.text.strip()} {text}".strip() if label is not None else text)
                cells.append(" ".join(texts))
            if not any(cells):
                continue
            line = " | ".join(cells)
            self.paragraphs += 1
            self.read.extend((line, *notes))
            self.blocks.append(Block(text=line, verbatim=True, notes=tuple(notes)))

    def body(self, container: etree._Element) -> None:
        for child in container:
            tag = child.tag
            if tag == _P:
                self.paragraph(child)
            elif tag == _TBL:
                self.table(child)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self.body(content)
            elif tag == _CUSTOM_XML or tag in _REVISION_TAGS:
                if tag in _REVISION_TAGS:
                    self._revision(child)
                    if (tag in (_DEL, _MOVE_FROM)) != self.original:
                        continue
                self.body(child)
            elif tag == _ALT_CHUNK:
                self.skipped["embedded documents (altChunk): not imported"] += 1

    def furniture(self) -> None:
        for kind, reason in (("header", "headers"), ("footer", "footers")):
            count = 0
            for name in self.by_type.get(kind, []):
                root = self.package.xml(name)
                if root is not None and "".join(t.text or "" for t in root.iter(W + "t")).strip():
                    count += 1
            if count:
                self.skipped[f"{reason} with text: page furniture, not draft text"] += count
        comments = self._part("comments")
        if comments is not None:
            count = sum(1 for _ in comments.iter(W + "comment"))
            if count:
                self.skipped["comments: not draft text"] += count
