"""A note whose reference the new draft deleted, written back as a deleted note of its own.

Part of the one OOXML adapter (used by :mod:`treatydiff.render.ooxml_revise`).  The deleted
reference stands in the body's ``w:del`` where it stood; the footnotes (or endnotes) part gains a
note with that id whose text is ``w:delText`` in a ``w:del``, in the look of the draft's own
notes: accepting every change removes the note with its reference, rejecting restores both.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from ..formats.textio import read_bytes
from ..importers import ImportOptions
from ..importers.docx_package import Package
from ..importers.docx_reader import DocxReader
from .ooxml_package import XML_SPACE, W, clean_text
from .ooxml_source import SourceDocument


class DeletedNotes:
    """Makes the deleted notes of one package and the reference runs that point to them."""

    def __init__(self, source: SourceDocument) -> None:
        self.main = source.parts[source.package.main]
        self.roots: dict[str, etree._Element] = {}
        for kind in ("footnotes", "endnotes"):
            for name in source.reader.by_type.get(kind, [])[:1]:
                if name in source.parts:
                    self.roots[kind[:-1]] = source.parts[name]
        self.made = 0  # deleted paragraphs of note text written: each is one revision
        self._new: list[tuple[str, etree._Element]] = []
        # The old draft's notes, paragraph by paragraph, by marker, when it is a Word draft:
        # the comparison's note text joins them.
        self.paragraphs: dict[str, tuple[str, ...]] = {}

    def _kind(self, marker: str) -> str | None:
        # Footnotes count 1, 2, 3 as the importer marks them; endnotes in their own format.
        preferred = ("footnote", "endnote") if marker[2:-1].isdigit() else ("endnote", "footnote")
        return next((kind for kind in preferred if kind in self.roots), None)

    def reference(self, marker: str, text: str, new_id: Callable[[], str], who: dict[str, str]) -> etree._Element | None:
        """The reference run for a new deleted note holding ``text`` (None: no notes part)."""
        kind = self._kind(marker)
        if kind is None:
            return None
        root = self.roots[kind]
        notes = list(root.iter(W + kind))
        number = max((int(n.get(W + "id") or 0) for n in notes), default=0) + 1
        model = next((n for n in notes if n.get(W + "type") in (None, "normal") and n.find(W + "p") is not None), None)
        note = etree.SubElement(root, W + kind, {W + "id": str(number)})
        p = etree.SubElement(note, W + "p")
        prefix: list[etree._Element] = []  # the runs before a note's words: its number, tabs, spaces
        text_props = None
        if model is not None:
            first = model.find(W + "p")
            assert first is not None
            look = first.find(W + "pPr")
            if look is not None:
                p.append(copy.deepcopy(look))
            for run in first.iter(W + "r"):
                if "".join(t.text or "" for t in run.iter(W + "t")).strip():
                    text_props = run.find(W + "rPr")
                    break
                prefix.append(run)
        deleted = etree.SubElement(p, W + "del", {W + "id": new_id(), **who})
        for run in prefix:
            made = copy.deepcopy(run)
            for t in made.iter(W + "t"):
                t.tag = W + "delText"
            deleted.append(made)
        if not any(run.find(W + kind + "Ref") is not None for run in prefix):
            etree.SubElement(etree.SubElement(deleted, W + "r"), W + kind + "Ref")
        words = etree.SubElement(deleted, W + "r")
        if text_props is not None:
            words.append(copy.deepcopy(text_props))
        pieces = self.paragraphs.get(marker, ())
        if " ".join(pieces) != text:
            pieces = (text,)
        etree.SubElement(words, W + "delText", {XML_SPACE: "preserve"}).text = ("" if prefix else " ") + clean_text(pieces[0])
        for piece in pieces[1:]:  # the note's later paragraphs, in its look, each deleted
            later = etree.SubElement(note, W + "p")
            look_of = p.find(W + "pPr")
            if look_of is not None:
                later.append(copy.deepcopy(look_of))
            run = etree.SubElement(etree.SubElement(later, W + "del", {W + "id": new_id(), **who}), W + "r")
            if text_props is not None:
                run.append(copy.deepcopy(text_props))
            etree.SubElement(run, W + "delText", {XML_SPACE: "preserve"}).text = clean_text(piece)
        self.made += len(pieces)
        self._new.append((kind, note))
        return self._reference_run(kind, number)

    def place(self) -> None:
        """Each new note before the note of the next reference: LibreOffice pairs references
        with the notes in the part's order, not by id."""
        for kind, note in self._new:
            ids = [r.get(W + "id") for r in self.main.iter(W + kind + "Reference")]
            own = note.get(W + "id")
            later = ids[ids.index(own) + 1:] if own in ids else []
            by_id = {n.get(W + "id"): n for n in self.roots[kind].iter(W + kind)}
            following = next((by_id[i] for i in later if i in by_id and by_id[i] is not note), None)
            if following is not None:
                following.addprevious(note)
        for kind in sorted({kind for kind, _ in self._new}):
            self._number(kind)

    def _number(self, kind: str) -> None:
        """Ids rising in the part's order, as LibreOffice reads them (it looks for a reference's
        note further on, never back): when the new notes break the order, every note after
        the separators is numbered again, and the references with it."""
        notes = [n for n in self.roots[kind].iter(W + kind) if n.get(W + "type") in (None, "normal")]
        ids = [int(n.get(W + "id") or 0) for n in notes]
        if all(a < b for a, b in itertools.pairwise(ids)):
            return
        others = [int(n.get(W + "id") or 0) for n in self.roots[kind].iter(W + kind) if n.get(W + "type") not in (None, "normal")]
        first = max(others, default=0) + 1
        renumbered = {str(old): str(first + k) for k, old in enumerate(ids)}
        for note in notes:
            note.set(W + "id", renumbered[note.get(W + "id") or "0"])
        for reference in self.main.iter(W + kind + "Reference"):
            number = reference.get(W + "id")
            if number in renumbered:
                reference.set(W + "id", renumbered[number])

    def _reference_run(self, kind: str, number: int) -> etree._Element:
        """A reference in the look of the draft's own references (else superscript)."""
        run = etree.Element(W + "r")
        existing = next(self.main.iter(W + kind + "Reference"), None)
        holder = existing.getparent() if existing is not None else None
        props = holder.find(W + "rPr") if holder is not None else None
        if props is not None:
            run.append(copy.deepcopy(props))
        else:
            etree.SubElement(etree.SubElement(run, W + "rPr"), W + "vertAlign", {W + "val": "superscript"})
        etree.SubElement(run, W + kind + "Reference", {W + "id": str(number)})
        return run


def old_note_paragraphs(path: str | None, revisions: str = "current") -> dict[str, tuple[str, ...]]:
    """The paragraphs of each note of the old draft, by marker, when it is a Word draft (else none)."""
    if path is None or not path.lower().endswith((".docx", ".docm")) or not Path(path).is_file():
        return {}
    package = Package(read_bytes(Path(path)), Path(path))
    reader = DocxReader(package, ImportOptions(revisions=revisions))
    root = package.xml(package.main)
    body = root.find(W + "body") if root is not None else None
    if body is not None:
        reader.body(body)
    return reader.note_paragraphs
