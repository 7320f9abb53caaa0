"""Tables of the rebuilt report in python-docx, laid out so that no word is cut across lines.

Part of the one OOXML adapter (used by :mod:`treatydiff.render.ooxml`).  Word and LibreOffice
fit an auto-sized table's columns to the page by breaking words inside narrow cells
("obligatio / ns"); here each column is given at least its longest word's width, at a smaller
size when the line cannot hold them at the body's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from .ooxml_package import XML_SPACE, W, clean_text

if TYPE_CHECKING:
    import docx.document

    from .ooxml import Table

_LETTER_TEXT_WIDTH = 8640  # twips: python-docx's template, Letter with 1.25" margins


def _text_width(document: docx.document.Document) -> int:
    section = document.sections[-1]
    if section.page_width is None or section.left_margin is None or section.right_margin is None:
        return _LETTER_TEXT_WIDTH
    return int(section.page_width - section.left_margin - section.right_margin) // 635


def add_table(document: docx.document.Document, table: Table) -> None:
    from docx.shared import (  # python-docx is imported only when it writes (see ooxml.build_docx)
        Pt,
        Twips,
    )

    width = max(len(row) for row in table.rows)
    grid = document.add_table(rows=len(table.rows), cols=width)
    if table.style in {style.name for style in document.styles}:
        grid.style = document.styles[table.style]
    size, widths = _column_widths(table, width, _text_width(document))
    grid.autofit = False
    margins = etree.SubElement(grid._tbl.tblPr, W + "tblCellMar")
    for side in ("left", "right"):
        etree.SubElement(margins, W + side, {W + "w": str(_CELL_MARGIN), W + "type": "dxa"})
    for column, twips in zip(grid.columns, widths, strict=True):
        column.width = Twips(twips)
    for row_cells, row in zip(grid.rows, table.rows, strict=True):
        for n, (cell, text) in enumerate(zip(row_cells.cells, row, strict=False)):
            cell.text = clean_text(text)
            cell.width = Twips(widths[n])
            for run in (r for p in cell.paragraphs for r in p.runs):
                run.font.size = Pt(size) if size != _TABLE_POINTS[0] else None
    for t in grid._tbl.iter(W + "t"):
        t.set(XML_SPACE, "preserve")


_TABLE_POINTS = (11, 9, 8)  # the body's size, then smaller ones for tables of many columns
_CELL_MARGIN = 60  # twips either side of a cell's text, set on the table (Word's default is 108)


def _column_widths(table: Table, columns: int, available: int) -> tuple[int, list[int]]:
    """A size and column widths (twips) in which no cell's longest word is cut across lines.

    Each column is at least as wide as its longest word at an over-estimated character width;
    what is left of the line goes to the columns in proportion to their text.
    """
    words = [max((len(w) for row in table.rows if n < len(row) for w in row[n].split()), default=1) for n in range(columns)]
    text = [sum(len(row[n]) for row in table.rows if n < len(row)) + 1 for n in range(columns)]
    for size in _TABLE_POINTS:
        # Twips per character: 0.75 em, wide enough for the bold header in the sans serif a
        # reader without Calibri gets instead (DejaVu Sans Bold averages about 0.7 em).
        per_char = size * 20 * 75 // 100
        least = [w * per_char + 2 * _CELL_MARGIN for w in words]
        if sum(least) <= available or size == _TABLE_POINTS[-1]:
            spare = max(available - sum(least), 0)
            return size, [low + spare * share // sum(text) for low, share in zip(least, text, strict=True)]
    raise AssertionError("unreachable")  # the loop returns at its last size
