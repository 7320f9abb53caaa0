"""A paragraph's runs cut where its revisions start and end.

Part of the one OOXML adapter, used by :class:`~treatydiff.render.ooxml_revise.Reviser`.  A
revision wraps whole runs (``w:ins`` around ``w:r``), so a run an edit starts or ends inside is
replaced by one run per piece, each with the run's formatting (``w:rPr``) and its piece of the
text; a tab, a break or a note reference is never cut.  A run no cut falls inside stays the
draft's own element.

New elements are copies of a few made once (a run with the formatting, an empty ``w:t``; see
:data:`~treatydiff.render.ooxml_package.clone`): a redline of a renumbered treaty cuts
thousands of runs.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from lxml import etree

from ..importers.docx_styles import child
from .ooxml_package import XML_SPACE, W, clone
from .ooxml_source import Unit

_R, _T, _RPR = W + "r", W + "t", W + "rPr"
_TEXT = etree.Element(_T, {XML_SPACE: "preserve"})  # what each piece of a w:t is written as
# A cut run without formatting, empty and with an empty w:t: each piece is a copy of one.
_RUN = etree.Element(_R)
_RUN_TEXT = etree.Element(_R)
_RUN_TEXT.append(clone(_TEXT))

# A run of the paragraph after cutting: (the run, its start and end offsets in the paragraph,
# whether it is inserted, the move it belongs to (0: none)).
Piece = tuple[etree._Element, int, int, bool, int]


def text_element(text: str) -> etree._Element:
    """``<w:t xml:space="preserve">text</w:t>``, made by copying."""
    made = clone(_TEXT)
    made.text = text
    return made


def cut_runs(units: Sequence[Unit], cuts: list[int], inserted: list[tuple[int, int]], moved: list[tuple[int, int, int]]) -> list[Piece]:
    """The paragraph's runs (read as ``units``), split so that no cut (``cuts``, sorted) falls
    inside one, each with whether an insertion (``inserted``) and which move (``moved``)
    covers it."""

    def is_inserted(lo: int, hi: int) -> bool:
        return any(a <= lo and hi <= b for a, b in inserted) if hi > lo else False

    def move_of(lo: int, hi: int) -> int:
        return next((m for a, b, m in moved if a <= lo and hi <= b), 0) if hi > lo and moved else 0

    out: list[Piece] = []
    n, count = 0, len(units)
    while n < count:  # a run's units stand together: they are read run by run
        run = units[n].run
        first = n
        while n < count and units[n].run is run:
            n += 1
        last = units[n - 1]
        start, end = units[first].start, last.start + len(last.text)
        inner = cuts[bisect_right(cuts, start):bisect_left(cuts, end)]
        if not inner:
            # No cut inside the run: an insertion (or a move) covers all of it or none of it.
            out.append((run, start, end, is_inserted(start, end), move_of(start, end)))
            continue
        pieces: list[tuple[Unit, int, int]] = []  # unit, start, end (paragraph offsets)
        for unit in units[first:n]:
            unit_start, unit_end = unit.start, unit.start + len(unit.text)
            points = [c for c in inner if unit_start < c < unit_end] if unit.child.tag == _T else []
            for point in [*points, unit_end]:
                pieces.append((unit, unit_start, point))
                unit_start = point
        out.extend((made, lo, hi, is_inserted(lo, hi), move_of(lo, hi)) for made, lo, hi in _explode(run, pieces))
    return out


def _explode(run: etree._Element, pieces: list[tuple[Unit, int, int]]) -> list[tuple[etree._Element, int, int]]:
    """Replace ``run`` by one run per piece, each with the same formatting (the run's other
    children, a field character or a page break, stay with the piece they stood after)."""
    rpr = child(run, _RPR)
    if rpr is None:
        blank, blank_text = _RUN, _RUN_TEXT
    else:  # copied whole for each piece: one copy, not a run and its properties
        blank = etree.Element(_R)
        blank.append(clone(rpr))
        blank_text = clone(blank)
        blank_text.append(clone(_TEXT))
    out: list[tuple[etree._Element, int, int]] = []
    piece_of: dict[int, list[int]] = {}
    for n, (unit, _, _) in enumerate(pieces):
        piece_of.setdefault(id(unit.child), []).append(n)
    current: etree._Element | None = None  # the run being filled (made when first needed)
    runs_made: list[etree._Element] = []
    first = True
    for element in run:
        if element.tag == _RPR:
            continue
        numbers = piece_of.get(id(element))
        if numbers is None:
            if current is None:
                current = clone(blank)
                runs_made.append(current)
            current.append(clone(element))
            continue
        is_text = element.tag == _T
        for n in numbers:
            unit, lo, hi = pieces[n]
            if first and current is not None:  # the first piece joins what stood before it
                current.append(text_element(unit.text[lo - unit.start : hi - unit.start]) if is_text else clone(element))
            elif is_text:
                current = clone(blank_text)
                current[-1].text = unit.text[lo - unit.start : hi - unit.start]
                runs_made.append(current)
            else:
                current = clone(blank)
                current.append(clone(element))
                runs_made.append(current)
            first = False
            out.append((current, lo, hi))
    parent = run.getparent()
    assert parent is not None
    for made in runs_made:
        run.addprevious(made)
    parent.remove(run)
    return out
