"""Settle the tracked changes a Word draft already holds, before ours are written into it.

Part of the one OOXML adapter.  A counter-draft often arrives with the other side's own
revisions in it.  The comparison read its current text (every change accepted) or, with
``--revisions original``, the text before them; the same is done here to the parsed parts, so
that the redline's revisions are only ours and say what changed between the two rounds:
insertions kept or dropped, deletions dropped or kept, paragraph marks joined where a deleted
mark said so, formatting changes settled, and rows inserted or deleted kept or dropped.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from ..importers.docx_styles import child as _child
from .ooxml_package import W

_RANGES = {W + tag for tag in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd")}
_PROPERTY_CHANGES = {W + tag for tag in ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange",
                                         "tblGridChange", "numberingChange")}


def settle_revisions(roots: Iterable[etree._Element], *, original: bool) -> int:
    """Accept (or, for the original text, reject) every tracked change in ``roots``; how many."""
    count = 0
    kept, dropped = ((W + "del", W + "moveFrom"), (W + "ins", W + "moveTo")) if original else \
        ((W + "ins", W + "moveTo"), (W + "del", W + "moveFrom"))
    for root in roots:
        for element in list(root.iter(*_PROPERTY_CHANGES, *_RANGES)):
            count += element.tag in _PROPERTY_CHANGES
            _remove(element)
        # A clean draft (most) has no insertion, deletion or move in a part: no row or
        # paragraph mark to settle, no text to keep or drop, and no walk over its paragraphs.
        if next(root.iter(*kept, *dropped), None) is not None:
            count += _settle_changes(root, kept, dropped)
        if not original:
            continue
        for deleted in list(root.iter(W + "delText", W + "delInstrText")):
            deleted.tag = W + "t" if deleted.tag == W + "delText" else W + "instrText"
    return count


def _settle_changes(root: etree._Element, kept: tuple[str, ...], dropped: tuple[str, ...]) -> int:
    """Rows inserted or deleted, paragraph marks, then the insertions, deletions and moves."""
    count = 0
    for row in list(root.iter(W + "tr")):
        marks = row.find(W + "trPr")
        if marks is None:
            continue
        for tag in ("ins", "del"):
            mark = marks.find(W + tag)
            if mark is not None:
                count += 1
                marks.remove(mark)
                if W + tag in dropped:
                    _remove(row)
    for p in list(root.iter(W + "p")):
        count += _settle_mark(p, kept, dropped)
    for element in list(root.iter(*kept, *dropped)):
        parent = element.getparent()
        if parent is None or parent.tag == W + "rPr":
            if parent is not None:
                parent.remove(element)
                count += 1
            continue
        count += 1
        if element.tag in dropped:
            _remove(element)
        else:
            for child in list(element):
                element.addprevious(child)
            parent.remove(element)
    return count


def _settle_mark(p: etree._Element, kept: tuple[str, ...], dropped: tuple[str, ...]) -> int:
    """A paragraph mark inserted (rejected) or deleted (accepted) joins the paragraph to the next."""
    rpr = _child(p, W + "pPr", W + "rPr")
    if rpr is None:
        return 0
    count = 0
    joined = False
    for tag in ("ins", "del"):
        mark = _child(rpr, W + tag)
        if mark is not None:
            count += 1
            rpr.remove(mark)
            joined = joined or W + tag in dropped
    following = p.getnext()
    if joined and following is not None and following.tag == W + "p":
        # The paragraph that keeps its mark keeps its look; the text before it joins it.
        first = following.find(W + "pPr")
        at = 1 if first is not None else 0
        for child in [c for c in p if c.tag != W + "pPr"]:
            following.insert(at, child)
            at += 1
        _remove(p)
    return count


def _remove(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)
