"""The new draft's own Word package, read as text streams the comparison can be laid on.

Part of the one OOXML adapter (with :mod:`treatydiff.render.ooxml` and
:mod:`treatydiff.render.ooxml_revise`, which writes the revisions).  The importer turned the
draft into provisions; this module reads the same package the same way — the same numbering
counters, field results, ``[^1]`` note markers, ``cell | cell`` table rows — but keeps, for each
character, where it stands: which paragraph, which run.  Two streams come out, the body's and
the notes' (footnotes and endnotes in the order their references appear), each a plain string
with one kind per character:

* ``REAL``: a character of a run (``w:t``, a tab, a line break);
* ``NOTE``: the ``[^1]`` marker standing for a note reference (its number is Word's to keep);
* ``VIRTUAL``: a number Word computes (``1.``, ``(a)``) and the space after it: never text;
* ``MARK``: a paragraph mark, written as "\\n" (or " " between the paragraphs of one note or cell);
* ``SEP``: a boundary no revision can cross (between cells, rows and notes).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..importers import ImportOptions
from ..importers.docx_package import Package
from ..importers.docx_reader import DocxReader, paragraph_properties
from ..importers.docx_styles import attr
from ..importers.docx_styles import child as _child
from ..importers.numbering import format_number
from .ooxml_package import W
from .ooxml_resolve import settle_revisions

REAL, NOTE, VIRTUAL, MARK, SEP = 0, 1, 2, 3, 4
_REVISION_TAGS = {W + "ins", W + "del", W + "moveFrom", W + "moveTo"}
_PPR, _RPR, _INS, _DEL, _MOVE_TO = (W + tag for tag in ("pPr", "rPr", "ins", "del", "moveTo"))
_R, _T, _BR, _CR, _NO_BREAK_HYPHEN, _SYM = (W + tag for tag in ("r", "t", "br", "cr", "noBreakHyphen", "sym"))
_SDT, _SDT_CONTENT, _VAL, _TYPE = W + "sdt", W + "sdtContent", W + "val", W + "type"
_TAB = {W + "tab", W + "ptab"}
_ENDNOTE_REF = W + "endnoteReference"
_NOTE_REFERENCES = {W + "footnoteReference", _ENDNOTE_REF}
_TRANSPARENT = {W + "hyperlink", W + "smartTag", W + "customXml", W + "fldSimple", W + "dir", W + "bdo"}


@dataclass(frozen=True)
class Stream:
    """A stream's text and one kind per character (see the module's docstring)."""

    text: str
    kinds: bytes


@dataclass(slots=True)
class Unit:
    """One text-bearing child of a run, and where its characters start in its paragraph."""

    run: etree._Element
    child: etree._Element
    text: str
    start: int


@dataclass(slots=True)
class SourcePara:
    element: etree._Element
    units: list[Unit]
    length: int  # characters of its text, unstripped


# A piece of a stream: (its start in the stream, its length, the index of its paragraph in
# SourceDocument.paras (-1 for none), its offset in that paragraph's text, its kind).  Plain
# tuples: a draft has tens of thousands of them, made once and only read after.
_Span = tuple[int, int, int, int, int]
_KIND_BYTES = tuple(bytes([kind]) for kind in range(SEP + 1))


@dataclass
class _Builder:
    parts: list[str] = field(default_factory=list)
    kinds: bytearray = field(default_factory=bytearray)
    spans: list[_Span] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # each span's start, for bisection
    size: int = 0

    def add(self, text: str, kind: int, para: int, offset: int) -> None:
        if not text:
            return
        size, at = len(text), self.size
        self.parts.append(text)
        self.kinds += _KIND_BYTES[kind] * size
        self.spans.append((at, size, para, offset, kind))
        self.starts.append(at)
        self.size = at + size

    def stream(self) -> Stream:
        return Stream("".join(self.parts), bytes(self.kinds))


def _mark_tracked(p: etree._Element) -> bool:
    """Does the paragraph's mark hold a tracked change of its own (``w:pPr/w:rPr/w:ins`` or ``w:del``)?"""
    for ppr in p:
        if ppr.tag == _PPR:
            for rpr in ppr:
                if rpr.tag == _RPR:
                    for mark in rpr:
                        if mark.tag == _DEL or mark.tag == _INS:
                            return True
    return False


class SourceDocument:
    """A parsed DOCX package: its parts, paragraphs and the two streams."""

    def __init__(self, data: bytes, path: Path, *, revisions: str = "current") -> None:
        self.package = Package(data, path)
        self.reader = DocxReader(self.package, ImportOptions())
        self.parts: dict[str, etree._Element] = {}
        main = self.package.xml(self.package.main)
        assert main is not None  # the importer read this draft already
        self.parts[self.package.main] = main
        for kind in ("footnotes", "endnotes"):
            for name in self.reader.by_type.get(kind, [])[:1]:
                self._adopt(name, kind)
        # The draft's own revisions, settled as the comparison read them (see ooxml_resolve).
        self.settled = settle_revisions(self.parts.values(), original=revisions == "original")
        self.paras: list[SourcePara] = []
        self.tracked = 0  # revisions left unsettled (none expected)
        self._body = _Builder()
        self._notes = _Builder()
        self._last_note = (-1, 0)  # (paragraph, offset) where the notes stream last ended
        body = main.find(W + "body")
        if body is not None:
            self._container(body)
        self._body_spans = self._body.spans
        self._notes_spans = self._notes.spans
        self._body_starts = self._body.starts
        self._notes_starts = self._notes.starts
        self.body = self._body.stream()
        self.notes = self._notes.stream()

    def _adopt(self, name: str, kind: str) -> None:
        """Use one parsed tree per part: the reader's notes point into it, and so do our edits
        (the tree the reader parsed, not the part parsed again)."""
        root = self.reader.note_roots.get(kind)
        if root is None:
            root = self.package.xml(name)
        if root is None:
            return
        self.parts[name] = root
        tag = W + kind[:-1]
        table = {attr(note, "id") or "": note for note in root.iter(tag) if attr(note, "type") in (None, "normal")}
        if kind == "footnotes":
            self.reader.footnotes = table
        else:
            self.reader.endnotes = table

    # --- mapping stream positions back ----------------------------------------------------

    def locate(self, notes: bool, position: int) -> tuple[int, int, int]:
        """(paragraph, offset in it, kind) of what stands at a stream position: a deletion or a
        comment mark goes there.  A number or a paragraph mark sends it to the text's edge."""
        spans = self._notes_spans if notes else self._body_spans
        if not spans:
            return -1, 0, SEP
        start, length, para, offset, kind = spans[max(self._bisect(notes, position), 0)]
        if position >= start + length:  # the end of the stream
            return para, offset if kind in (MARK, SEP) else offset + length, kind
        if kind in (MARK, SEP, VIRTUAL):
            return para, offset, kind
        if kind == NOTE and position > start:
            return para, offset + length, kind  # never inside a reference
        return para, offset + position - start, kind

    def locate_after(self, notes: bool, position: int) -> tuple[int, int]:
        """(paragraph, offset) right after the character before ``position``: where a range ends."""
        if position <= 0:
            para, offset, _ = self.locate(notes, 0)
            return para, offset
        para, offset, kind = self.locate(notes, position - 1)
        if kind == REAL:
            offset += 1
        return para, offset

    def spans(self, notes: bool, start: int, end: int) -> list[tuple[int, int, int, int]]:
        """(paragraph, offset start, offset end, kind) of the pieces of ``[start, end)``."""
        spans = self._notes_spans if notes else self._body_spans
        n = max(self._bisect(notes, start), 0) if spans else 0
        out = []
        while n < len(spans) and spans[n][0] < end:
            at, length, para, offset, kind = spans[n]
            lo, hi = max(start, at), min(end, at + length)
            if hi > lo:
                out.append((para, offset + lo - at, offset + hi - at, kind))
            n += 1
        return out

    def _bisect(self, notes: bool, position: int) -> int:
        """The index of the last span starting at or before ``position`` (-1 for none)."""
        return bisect_right(self._notes_starts if notes else self._body_starts, position) - 1

    # --- reading, as the importer does ----------------------------------------------------

    def _container(self, container: etree._Element) -> None:
        for child in container:
            tag = child.tag
            if tag == W + "p":
                self._paragraph(child)
            elif tag == W + "tbl":
                self._table(child)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self._container(content)
            elif tag == W + "customXml":
                self._container(child)
            elif tag in _REVISION_TAGS:
                self.tracked += 1

    def _label(self, p: etree._Element) -> str:
        style, num, _, _ = paragraph_properties(_child(p, _PPR))
        chain = self.reader._style_chain(style.get(_VAL) if style is not None else "Normal")
        num_id, ilvl = self.reader._numbering(num, chain)
        label = self.reader.numbering.label(num_id, ilvl) if num_id is not None else None
        return label.text.strip() if label is not None else ""

    def _read(self, p: etree._Element) -> tuple[int, str, int]:
        """Register a paragraph: (its index, its stripped text, where that text starts)."""
        if _mark_tracked(p):
            self.tracked += 1
        units: list[Unit] = []
        self._inline(p, units)
        raw = "".join([u.text for u in units])
        self.paras.append(SourcePara(p, units, len(raw)))
        lead = len(raw) - len(raw.lstrip())
        return len(self.paras) - 1, raw.strip(), lead

    def _add_text(self, builder: _Builder, index: int, text: str, lead: int) -> None:
        """A paragraph's stripped text, run by run (note markers apart from the text)."""
        end = lead + len(text)
        add = builder.add
        for unit in self.paras[index].units:
            start, unit_text = unit.start, unit.text
            lo, hi = max(start, lead), min(start + len(unit_text), end)
            if hi > lo:
                kind = NOTE if unit.child.tag in _NOTE_REFERENCES else REAL
                add(unit_text[lo - start : hi - start], kind, index, lo)

    def _paragraph(self, p: etree._Element) -> None:
        label = self._label(p)
        index, text, lead = self._read(p)
        if not text:
            return
        if label:
            self._body.add(label + " ", VIRTUAL, index, lead)
        self._add_text(self._body, index, text, lead)
        self._body.add("\n", MARK, index, lead + len(text))

    def _table(self, tbl: etree._Element) -> None:
        for row in tbl.findall(W + "tr"):
            cells: list[list[tuple[int, str, int, str]]] = []
            for cell in row.findall(W + "tc"):
                texts = []
                for p in cell.iter(W + "p"):
                    label = self._label(p)
                    index, text, lead = self._read(p)
                    if text:
                        texts.append((index, text, lead, label))
                cells.append(texts)
            if not any(cells):
                continue
            last = next(texts[0][0] for texts in cells if texts)
            for number, texts in enumerate(cells):
                if number:
                    self._body.add(" | ", SEP, last, self.paras[last].length)
                for k, (index, text, lead, label) in enumerate(texts):
                    if k:
                        prev_index, prev_text, prev_lead, _ = texts[k - 1]
                        self._body.add(" ", MARK, prev_index, prev_lead + len(prev_text))
                    if label:
                        self._body.add(label + " ", VIRTUAL, index, lead)
                    self._add_text(self._body, index, text, lead)
                    last = index
            self._body.add("\n", SEP, last, self.paras[last].length)

    def _inline(self, element: etree._Element, units: list[Unit]) -> None:
        for child in element:
            tag = child.tag
            if tag == _R:
                self._run(child, units)
            elif tag in _REVISION_TAGS:
                self.tracked += 1
                if tag in (_INS, _MOVE_TO):
                    self._inline(child, units)
            elif tag in _TRANSPARENT:
                self._inline(child, units)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self._inline(content, units)

    def _run(self, run: etree._Element, units: list[Unit]) -> None:
        start = units[-1].start + len(units[-1].text) if units else 0
        for child in run:
            tag = child.tag
            text = ""
            if tag == _T:
                text = child.text or ""
            elif tag in _TAB:
                text = "\t"
            elif tag == _BR:
                text = "\n" if child.get(_TYPE) in (None, "textWrapping") else ""
            elif tag == _CR:
                text = "\n"
            elif tag == _NO_BREAK_HYPHEN:
                text = "-"
            elif tag == _SYM:
                char = attr(child, "char") or ""
                text = chr(int(char, 16)) if char.isalnum() else ""
            elif tag in _NOTE_REFERENCES:
                text = self._note(child, endnote=tag == _ENDNOTE_REF)
            elif tag == _RPR and (_child(child, _INS) is not None or _child(child, _DEL) is not None):
                self.tracked += 1
            if text:
                units.append(Unit(run, child, text, start))
                start += len(text)

    def _note(self, ref: etree._Element, *, endnote: bool) -> str:
        reader = self.reader
        if endnote:
            reader.endnote_number += 1
            mark = format_number(reader.endnote_number, reader.endnote_format)
        else:
            reader.footnote_number += 1
            mark = str(reader.footnote_number)
        note = (reader.endnotes if endnote else reader.footnotes).get(attr(ref, "id") or "")
        texts = []
        if note is not None:
            for para in note.iter(W + "p"):
                index, text, lead = self._read(para)
                if text:
                    texts.append((index, text, lead))
        if self._notes.size:
            self._notes.add("\n", SEP, self._last_note[0], self._last_note[1])
        first = texts[0] if texts else (self._last_note[0], "", self._last_note[1])
        self._notes.add(f"[^{mark}]" + (" " if note is not None else ""), VIRTUAL, first[0], first[2])
        for k, (index, text, lead) in enumerate(texts):
            if k:
                previous = texts[k - 1]
                self._notes.add(" ", MARK, previous[0], previous[2] + len(previous[1]))
            self._add_text(self._notes, index, text, lead)
            self._last_note = (index, lead + len(text))
        return f"[^{mark}]"
