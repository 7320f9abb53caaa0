"""Table rows as Word tracks them: a row the old draft had is a deleted row, a new row an
inserted one (``w:trPr/w:del``, ``w:trPr/w:ins``), not words deleted inside a neighbour's cell.

Part of the one OOXML adapter, used by :class:`~treatydiff.render.ooxml_revise.Reviser`.  The
plan deletes a whole old row as its ``cell | cell`` line and a newline, at the start of the row
after the one it followed; :func:`deleted_rows` writes it as a row of its own after that one,
built on that row's cells (their properties, widths, paragraph look), each cell's old text
deleted.  When its cells do not match the row's, the caller writes the text as before.
:func:`mark_inserted_rows` marks a row whose every word is inserted.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping

from lxml import etree

from .ooxml_package import XML_SPACE, W, clean_text, mark_properties

_REVISION_MARKS = {W + "ins", W + "del", W + "moveFrom", W + "moveTo", W + "rPrChange"}
CELL = " | "  # how the importer joins a row's cells


def row_lines(text: str) -> list[str] | None:
    """The rows a deletion's text is, when it is whole rows (each line ending in a newline)."""
    if not text.endswith("\n"):
        return None
    lines = text[:-1].split("\n")
    return lines if all(CELL in line for line in lines) else None


def row_of(element: etree._Element) -> etree._Element | None:
    return next((a for a in element.iterancestors(W + "tr")), None)


def _clean_props(props: etree._Element | None, drop: Iterable[str] = ()) -> etree._Element | None:
    if props is None:
        return None
    made = copy.deepcopy(props)
    for child in list(made):
        if child.tag in _REVISION_MARKS or child.tag in drop:
            made.remove(child)
    return made


def deleted_rows(after: etree._Element, anchor: etree._Element, lines: list[str], new_id: Callable[[], str],
                 who: Mapping[str, str]) -> etree._Element | None:
    """Write ``lines`` as deleted rows built on the row ``after``, right after ``anchor`` (that
    row, or the deleted rows already written after it); the last one written, or None when
    their cells differ from the row's."""
    cells = after.findall(W + "tc")
    if any(len(line.split(CELL)) != len(cells) for line in lines):
        return None
    for line in lines:
        row = etree.Element(W + "tr")
        trpr = _clean_props(after.find(W + "trPr")) or etree.Element(W + "trPr")
        trpr.append(etree.Element(W + "del", {W + "id": new_id(), **who}))
        row.append(trpr)
        for cell, text in zip(cells, line.split(CELL), strict=True):
            tc = etree.SubElement(row, W + "tc")
            tcpr = _clean_props(cell.find(W + "tcPr"))
            if tcpr is not None:
                tc.append(tcpr)
            first = cell.find(W + "p")
            p = etree.SubElement(tc, W + "p")
            ppr = _clean_props(first.find(W + "pPr") if first is not None else None, (W + "sectPr", W + "pPrChange", W + "rPr"))
            ppr = ppr if ppr is not None else etree.Element(W + "pPr")
            p.append(ppr)
            etree.SubElement(ppr, W + "rPr").append(etree.Element(W + "del", {W + "id": new_id(), **who}))
            if text:
                run_props = first.find(f"{W}r/{W}rPr") if first is not None else None
                wrapper = etree.SubElement(p, W + "del", {W + "id": new_id(), **who})
                run = etree.SubElement(wrapper, W + "r")
                props = _clean_props(run_props)
                if props is not None:
                    run.append(props)
                etree.SubElement(run, W + "delText", {XML_SPACE: "preserve"}).text = clean_text(text)
        anchor.addnext(row)
        anchor = row
    return anchor


def _mark_inserted(p: etree._Element, new_id: Callable[[], str], who: Mapping[str, str]) -> None:
    rpr = mark_properties(p)
    if not any(c.tag in _REVISION_MARKS for c in rpr):
        rpr.insert(0, etree.Element(W + "ins", {W + "id": new_id(), **who}))


def mark_inserted_rows(rows: Iterable[etree._Element], new_id: Callable[[], str], who: Mapping[str, str]) -> int:
    """Mark each row whose words are all inserted (none deleted, none moved) as an inserted row."""
    marked = 0
    for row in rows:
        runs = [t for t in row.iter(W + "t") if (t.text or "").strip()]
        if not runs or any(True for _ in row.iter(W + "delText", W + "moveTo", W + "moveFrom")):
            continue
        if not all(any(a.tag == W + "ins" for a in t.iterancestors()) for t in runs):
            continue
        trpr = row.find(W + "trPr")
        if trpr is None:
            trpr = etree.Element(W + "trPr")
            before = row.find(W + "tblPrEx")
            if before is not None:
                before.addnext(trpr)
            else:
                row.insert(0, trpr)
        if trpr.find(W + "ins") is None and trpr.find(W + "del") is None:
            trpr.append(etree.Element(W + "ins", {W + "id": new_id(), **who}))
            marked += 1
            for p in row.iter(W + "p"):  # its cells' marks too: rejecting leaves no empty row
                _mark_inserted(p, new_id, who)
    return marked
