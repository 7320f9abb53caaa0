"""Write tracked changes into the new draft's own runs, and pack the package again.

Part of the one OOXML adapter.  :class:`Edits` say, in positions of a
:class:`~treatydiff.render.ooxml_source.Stream`, which characters are inserted, which old
texts were deleted where, and which ranges carry which comment.  Each touched paragraph is
cut at those positions (a run is split into runs of the same formatting, by
:mod:`treatydiff.render.ooxml_runs`), inserted runs are wrapped in ``w:ins``, deleted text is written as ``w:del``/``w:delText`` in the formatting of
the run before it, and an old paragraph break the new draft lacks becomes a paragraph whose mark
is deleted (so "accept all" joins it again and "reject all" keeps it).  Nothing else in the
package changes: styles, numbering, sections, headers, footers, images and fields stay the
draft's own bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from lxml import etree

from ..importers.docx_styles import child as _child
from .ooxml_moves import Moves
from .ooxml_notes import DeletedNotes
from .ooxml_pack import NoteText, pack_source
from .ooxml_package import XML_SPACE, W, clean_text, clone, mark_properties, max_id
from .ooxml_rows import deleted_rows, mark_inserted_rows, row_lines, row_of
from .ooxml_runs import Piece, cut_runs
from .ooxml_source import MARK, NOTE, REAL, SEP, SourceDocument

_REFERENCE = re.compile(r"(\[\^[^\]\s]+\])")  # a note marker, as the importer writes it
_SPLIT = "{urn:treatydiff:split}split"  # a paragraph break to make; never left in the output
_REVISION_MARKS = {W + "ins", W + "del", W + "moveFrom", W + "moveTo", W + "rPrChange"}
_R, _T, _RPR, _INS, _DEL, _MOVE_FROM = (W + tag for tag in ("r", "t", "rPr", "ins", "del", "moveFrom"))
_ID = W + "id"
_DELETED_TEXT = etree.Element(W + "delText", {XML_SPACE: "preserve"})  # copied for each piece of deleted text
_RUN = etree.Element(_R)  # copied: several times cheaper than making each run from its tag


@dataclass
class Edits:
    """What changes in one stream, in its positions."""

    inserted: list[tuple[int, int]] = field(default_factory=list)
    deletions: list[tuple[int, str]] = field(default_factory=list)
    comments: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, comment)
    # A piece moved out of order: its new place (start, end, move), and which deletions are its
    # old text (their index -> move; kept among the deletions, whose order places them); the
    # same move number pairs them as Word's w:moveTo and w:moveFrom.
    moved: list[tuple[int, int, int]] = field(default_factory=list)
    moved_from: dict[int, int] = field(default_factory=dict)
    # A deleted note reference's marker in the deleted text ("[^2]") -> its note's old text.
    deleted_notes: dict[str, str] = field(default_factory=dict)


@dataclass
class _ParaEdits:
    inserted: list[tuple[int, int]] = field(default_factory=list)
    mark_inserted: bool = False
    moved: list[tuple[int, int, int]] = field(default_factory=list)
    mark_moved: int = 0
    move_of: dict[int, int] = field(default_factory=dict)  # a deletion mark's number -> its move
    # (offset, order, node maker): order 0 ends of ranges, 1 starts, 2 deletions, 3 ends of points
    marks: list[tuple[int, int, int, str]] = field(default_factory=list)


class Reviser:
    """Applies edits to a :class:`SourceDocument` and writes the package."""

    def __init__(self, source: SourceDocument, author: str, date: str | None) -> None:
        self.source = source
        self.who = {W + "author": author, **({W + "date": date} if date else {})}
        self.date = date or "1980-01-01T00:00:00Z"
        self.next_id = max_id(source.parts.values()) + 1
        self.edits: dict[int, _ParaEdits] = {}
        self.comment_ids: dict[int, int] = {}
        self.revisions = 0
        self.moves = Moves()
        self.notes = DeletedNotes(source)
        self.deleted_notes: dict[str, str] = {}
        # A row -> (it, the last deleted row written after it).
        self.row_tails: dict[int, tuple[etree._Element, etree._Element]] = {}
        self.wrappers: dict[str, etree._Element] = {}  # see _wrapper

    def _id(self) -> str:
        number = self.next_id
        self.next_id += 1
        return str(number)

    def _wrapper(self, tag: str) -> etree._Element:
        """An empty revision (``w:ins``, ``w:del``, ``w:moveFrom``, ...) with the next id, our
        author and date: a copy of one made once per kind (copying is the cheap way to make one)."""
        template = self.wrappers.get(tag)
        if template is None:
            template = self.wrappers[tag] = etree.Element(tag, {_ID: "", **self.who})
        made = clone(template)
        made.set(_ID, self._id())
        return made

    def _para(self, index: int) -> _ParaEdits:
        return self.edits.setdefault(index, _ParaEdits())

    # --- stream edits to paragraph edits --------------------------------------------------

    def add(self, edits: Edits, *, notes: bool) -> None:
        source = self.source
        self.deleted_notes.update(edits.deleted_notes)
        for start, end in edits.inserted:
            for para, lo, hi, kind in source.spans(notes, start, end):
                if para < 0:
                    continue
                if kind in (REAL, NOTE):
                    self._para(para).inserted.append((lo, hi))
                elif kind == MARK:
                    self._para(para).mark_inserted = True
        for start, end, move in edits.moved:
            for para, lo, hi, kind in source.spans(notes, start, end):
                if para >= 0 and kind in (REAL, NOTE):
                    self._para(para).moved.append((lo, hi, move))
                elif para >= 0 and kind == MARK:
                    self._para(para).mark_moved = move
        for number, (position, text) in enumerate(edits.deletions):
            move = edits.moved_from.get(number, 0)
            if not move and self._deleted_rows(notes, position, text):
                continue
            para, offset, _ = source.locate(notes, position)
            if para >= 0 and text:
                edits_of = self._para(para)
                if move:
                    edits_of.move_of[len(edits_of.marks)] = move
                edits_of.marks.append((offset, 2, len(edits_of.marks), text))
        for start, end, comment in edits.comments:
            number = self.comment_ids.setdefault(comment, int(self._id()))
            para, offset, _ = source.locate(notes, start)
            if para < 0:
                continue
            self._para(para).marks.append((offset, 1, number, ""))
            end_para, end_offset = source.locate_after(notes, end) if end > start else (para, offset)
            if (end_para, end_offset) > (para, offset):
                self._para(end_para).marks.append((end_offset, 0, number, ""))
            else:
                # Nothing of a run between them (a computed number, inside a note reference):
                # the end sorts after the start at the one place both have.
                self._para(para).marks.append((offset, 3, number, ""))

    def _deleted_rows(self, notes: bool, position: int, text: str) -> bool:
        """Whole old rows, right after a row's end: written as deleted rows after that row."""
        stream = self.source.notes if notes else self.source.body
        lines = row_lines(text)
        if lines is None or not 0 < position <= len(stream.text) or stream.text[position - 1] != "\n" or stream.kinds[position - 1] != SEP:
            return False
        para, _, _ = self.source.locate(notes, position - 1)
        row = row_of(self.source.paras[para].element) if para >= 0 else None
        if row is None:
            return False
        # Rows deleted one after another after the same row stay in their order.
        last = deleted_rows(row, self.row_tails.get(id(row), (row, row))[1], lines, self._id, self.who)
        if last is None:
            return False
        self.row_tails[id(row)] = (row, last)  # the row kept too: its id stays its own
        self.revisions += len(lines)
        return True

    # --- paragraphs -----------------------------------------------------------------------

    def apply(self) -> None:
        for index in sorted(self.edits):
            self._apply(index, self.edits[index])
        self.moves.close(self._id, self.who)
        self.notes.place()
        rows = {id(r): r for r in (row_of(self.source.paras[i].element) for i in sorted(self.edits)) if r is not None}
        self.revisions += mark_inserted_rows(rows.values(), self._id, self.who) + self.notes.made

    def _apply(self, index: int, edits: _ParaEdits) -> None:
        para = self.source.paras[index]
        cuts = {lo for lo, _ in edits.inserted} | {hi for _, hi in edits.inserted} | {m[0] for m in edits.marks}
        cuts |= {lo for lo, _, _ in edits.moved} | {hi for _, hi, _ in edits.moved}
        runs = cut_runs(para.units, sorted(cuts), edits.inserted, edits.moved)
        marks = sorted(edits.marks, key=lambda m: (m[0], m[1], m[2] if m[1] != 2 else 0))
        at: dict[int, list[etree._Element]] = {}
        split = False  # a deletion made a paragraph break
        for offset, order, number, text in marks:
            nodes = at.setdefault(offset, [])
            if order == 2:
                made = self._deleted(number, text, runs, offset, edits.move_of.get(number, 0))
                split = split or "\n" in text
            else:
                made = self._comment_mark(order, number)
            if order == 3:  # a comment on deleted words ends with them, before the break after them
                cut = len(nodes)
                while cut and nodes[cut - 1].tag == _SPLIT:
                    cut -= 1
                if cut and nodes[cut - 1].tag in (_DEL, _MOVE_FROM):
                    nodes[cut - 1].extend(made)  # one deletion for a reader, its comment mark inside
                else:
                    nodes[cut:cut] = made
            else:
                nodes.extend(made)
        for offset, nodes in at.items():
            anchor = next((r for r in runs if r[1] >= offset), None)
            if anchor is not None:
                for node in nodes:
                    anchor[0].addprevious(node)
            elif runs:
                for node in reversed(nodes):
                    runs[-1][0].addnext(node)
            else:
                para.element.extend(nodes)
        self._wrap_insertions(runs)
        if edits.mark_moved:
            self.moves.to_marks.setdefault(edits.mark_moved, []).append(self._mark(para.element, "moveTo"))
        elif edits.mark_inserted:
            self._mark(para.element, "ins")
        if split and para.element.find(_SPLIT) is not None:
            self._split(para.element)

    @staticmethod
    def _comment_mark(order: int, number: int) -> list[etree._Element]:
        """A comment's range start (order 1), or its end and reference (0, 3)."""
        if order == 1:
            return [etree.Element(W + "commentRangeStart", {W + "id": str(number)})]
        end = etree.Element(W + "commentRangeEnd", {W + "id": str(number)})
        reference = etree.Element(_R)
        etree.SubElement(reference, W + "commentReference", {W + "id": str(number)})
        return [end, reference]

    def _deleted(self, number: int, text: str, runs: list[Piece], offset: int, move: int = 0) -> list[etree._Element]:
        """Old text deleted at ``offset``, in the formatting of the run before it; a paragraph
        break in it is a split marker (see :meth:`_split`)."""
        before = next((r for r in reversed(runs) if r[2] <= offset), None) or (runs[0] if runs else None)
        rpr = _child(before[0], _RPR) if before is not None else None
        nodes: list[etree._Element] = []
        lines = clean_text(text).split("\n")
        for n, line in enumerate(lines):
            if n:
                nodes.append(etree.Element(_SPLIT, {"move": str(move)}))
            if line:
                nodes.append(self._deletion(line, rpr, move))
        return nodes

    def _deletion(self, text: str, rpr: etree._Element | None, move: int = 0) -> etree._Element:
        self.revisions += 1
        wrapper = self._wrapper(_MOVE_FROM if move else _DEL)
        if move:
            self.moves.froms.setdefault(move, []).append(wrapper)
        props = clone(rpr) if rpr is not None else None
        blank = clone(_RUN)  # each run of the deleted text is a copy (the only one is itself)
        if props is not None:
            for child in list(props):
                if child.tag in _REVISION_MARKS:
                    props.remove(child)
            blank.append(props)
        pieces = _REFERENCE.split(text) if "[^" in text else (text,)
        for piece in pieces:
            note = self.deleted_notes.get(piece)
            made = self.notes.reference(piece, note, self._id, self.who) if note is not None else None
            if made is not None:
                wrapper.append(made)  # the old note's reference, its text a deleted note of its own
                continue
            run = blank if len(pieces) == 1 else clone(blank)
            wrapper.append(run)
            for n, part in enumerate(piece.split("\t")):
                if n:
                    etree.SubElement(run, W + "tab")
                if part:
                    deleted = clone(_DELETED_TEXT)
                    deleted.text = part
                    run.append(deleted)
            if not len(run) - (props is not None):
                wrapper.remove(run)
        return wrapper

    def _wrap_insertions(self, runs: list[Piece]) -> None:
        """Inserted runs in ``w:ins``; the runs of a moved piece, and the insertions among
        them (nested, as Word writes words added to moved text), in ``w:moveTo``."""
        wrapper: etree._Element | None = None
        last_move = 0
        moving = False
        for run, _, _, inserted, move in runs:
            moving = moving or bool(move)
            if not inserted:
                wrapper = None
                continue
            if wrapper is not None and wrapper.getnext() is run and move == last_move:
                wrapper.append(run)
                continue
            self.revisions += 1
            wrapper = self._wrapper(_INS)
            run.addprevious(wrapper)
            wrapper.append(run)
            last_move = move
        if moving:
            self.moves.wrap([(run, move) for run, _, _, _, move in runs], self._id, self.who)

    def _mark(self, p: etree._Element, tag: str) -> etree._Element:
        """Record a revision of the paragraph mark (``w:pPr/w:rPr/w:ins``, ``w:del``, a move's)."""
        self.revisions += 1
        rpr = mark_properties(p)
        for child in list(rpr):
            if child.tag in _REVISION_MARKS:
                rpr.remove(child)
        made = self._wrapper(W + tag)
        rpr.insert(0, made)
        return made

    def _split(self, p: etree._Element) -> None:
        """Cut ``p`` at each split marker: the pieces before are paragraphs whose mark is
        deleted (in ``p``'s look, without its section break); ``p`` keeps the last piece."""
        parent = p.getparent()
        assert parent is not None
        for marker in list(p.iter(_SPLIT)):
            if marker.getparent() is not p:
                # Inside a hyperlink or a field: a line break instead of a paragraph break.
                holder = marker.getparent()
                assert holder is not None
                self.revisions += 1
                move = int(marker.get("move") or 0)
                wrapper = etree.Element(W + ("moveFrom" if move else "del"), {W + "id": self._id(), **self.who})
                if move:
                    self.moves.froms.setdefault(move, []).append(wrapper)
                etree.SubElement(etree.SubElement(wrapper, W + "r"), W + "br")
                holder.replace(marker, wrapper)
                continue
            piece = etree.Element(W + "p")
            ppr = p.find(W + "pPr")
            if ppr is not None:
                piece_ppr = clone(ppr)
                for child in list(piece_ppr):
                    if child.tag in (W + "sectPr", W + "pPrChange"):
                        piece_ppr.remove(child)
                piece.append(piece_ppr)
            for child in list(p):
                if child is marker:
                    break
                if child.tag != W + "pPr":
                    piece.append(child)
            p.remove(marker)
            p.addprevious(piece)
            move = int(marker.get("move") or 0)
            made = self._mark(piece, "moveFrom" if move else "del")
            if move:
                self.moves.from_marks.setdefault(move, []).append(made)

    def write(self, comments: Sequence[NoteText], appendix: Sequence[etree._Element] = ()) -> bytes:
        """The package with every edit applied, the comments and the appendix added."""
        notes = [(number, comments[comment]) for comment, number in sorted(self.comment_ids.items(), key=lambda item: item[1])]
        return pack_source(self.source, notes, self.date, appendix)

