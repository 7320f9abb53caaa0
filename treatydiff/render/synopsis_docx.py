"""The synopsis table as a Word document: one landscape table, coloured runs for the changes.

Insertions are green and underlined, deletions red and struck through (static formatting,
not tracked changes: a synopsis compares several rounds at once, which revisions cannot
express).  The package is byte-identical for the same input: pinned core properties and zip
member times.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

import docx
from docx.enum.section import WD_ORIENT
from docx.shared import Pt, RGBColor
from docx.table import _Cell

from ..views.negotiation import Fragment
from ..views.synopsis import SynopsisView
from .ooxml_package import clean_text, core_property, deterministic_zip

_INS = RGBColor(0x0A, 0x5A, 0x2B)
_DEL = RGBColor(0x9B, 0x1C, 0x1C)
_MUTED = RGBColor(0x5A, 0x62, 0x73)


def _write_fragments(cell: _Cell, fragments: tuple[Fragment, ...], first: bool) -> None:
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    for fragment in fragments:
        lines = fragment.text.split("\n")
        for n, line in enumerate(lines):
            if n:  # a new line in the provision is a new paragraph in the cell
                paragraph = cell.add_paragraph()
            if not line:
                continue
            run = paragraph.add_run(clean_text(line))
            run.font.size = Pt(8.5)
            if fragment.tag == "ins":
                run.font.color.rgb = _MUTED if fragment.css else _INS
                run.font.underline = True
            elif fragment.tag == "del":
                run.font.color.rgb = _MUTED if fragment.css else _DEL
                run.font.strike = True


def _small(cell: _Cell, text: str, *, bold: bool = False, italic: bool = False, first: bool = False) -> None:
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    run = paragraph.add_run(clean_text(text))
    run.font.size = Pt(8)
    run.bold = bold
    run.italic = italic


def synopsis_docx(view: SynopsisView, *, date: str | None = None) -> bytes:
    """The DOCX bytes of the table; ``date`` (YYYY-MM-DD) pins the document's dates."""
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    margin = docx.shared.Cm(1.5)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = margin
    document.add_heading(clean_text(f"{view.title}: synopsis"), level=1)
    if view.illustrative:
        document.add_paragraph("Illustrative: this negotiation is invented for demonstration; it is not a real record.")
    document.add_paragraph(
        "Each provision across the chosen rounds; every cell is compared with the column to its left "
        "(inserted text green and underlined, deleted text red and struck through)."
    )
    table = document.add_table(rows=1, cols=len(view.columns) + 1)
    table.style = document.styles["Table Grid"]
    header = table.rows[0].cells
    _small(header[0], "Provision", bold=True, first=True)
    for cell, column in zip(header[1:], view.columns, strict=True):
        _small(cell, column.caption.upper(), first=True)
        _small(cell, column.label, bold=True)
        _small(cell, " · ".join(x for x in (column.party, column.date) if x))
    for row in view.rows:
        cells = table.add_row().cells
        _small(cells[0], row.title, bold=True, first=True)
        for cell, content in zip(cells[1:], row.cells, strict=True):
            first = True
            if content.labels:
                _small(cell, content.labels + (f" — {content.heading}" if content.heading else ""), bold=True, first=True)
                first = False
            if content.note:
                _small(cell, content.note, italic=True, first=first)
                first = False
            if content.fragments:
                _write_fragments(cell, content.fragments, first)
    when = datetime.fromisoformat(date).replace(tzinfo=UTC) if date else datetime(1980, 1, 1, tzinfo=UTC)
    core = document.core_properties
    core.title = core_property(f"{view.title}: synopsis")  # the heading keeps it whole
    core.author = core.last_modified_by = "treatydiff"
    core.created = core.modified = core.last_printed = when
    core.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return deterministic_zip(buffer.getvalue())


