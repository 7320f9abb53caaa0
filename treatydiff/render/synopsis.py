"""The synopsis table as a self-contained HTML page (the Word table: :mod:`.synopsis_docx`)."""

from __future__ import annotations

from ..views.synopsis import SynopsisView


def synopsis_html(view: SynopsisView) -> bytes:
    """A self-contained synopsis page (CSS inlined), for ``treatydiff synopsis -o FILE.html``."""
    from .templating import standalone_negotiation_page

    return standalone_negotiation_page(
        "negotiation/synopsis.html.j2",
        page_title=f"{view.title}: synopsis",
        negotiation_title=view.title,
        illustrative=view.illustrative,
        synopsis=view,
    )


def synopsis_text(view: SynopsisView, *, color: bool = False) -> bytes:
    """The synopsis on the terminal: one block per row, one line per column, each cell
    redlined against the column before it (the marks of :mod:`.textstyle`)."""
    from .textstyle import Style, terminal_safe

    style = Style(color)
    lines = [style.bold(f"Synopsis: {view.title}")]
    if view.illustrative:
        lines.append("ILLUSTRATIVE: an invented negotiation for demonstration, not a real treaty text.")
    lines.append("columns: " + " | ".join(terminal_safe(f"{c.label} ({c.caption})") for c in view.columns))
    width = max((len(c.round_name) for c in view.columns), default=0)
    for row in view.rows:
        lines.append("")
        lines.append(style.bold(row.title))
        for column, cell in zip(view.columns, row.cells, strict=True):
            if not cell.labels and not cell.text:
                body = cell.note or "absent"
            else:
                parts = []
                for fragment in cell.fragments:
                    if fragment.tag == "ins" and not fragment.css:
                        parts.append(style.inserted(fragment.text))
                    elif fragment.tag == "del" and not fragment.css:
                        parts.append(style.deleted(fragment.text))
                    elif fragment.tag == "del":
                        continue  # an editorial change: the new text only
                    else:
                        parts.append(terminal_safe(fragment.text))
                body = "".join(parts) or terminal_safe(cell.text)
                extra = ", ".join(x for x in (cell.labels, cell.status, cell.note) if x)
                body = (f"{terminal_safe(extra)} · " if extra else "") + body
            indent = " " * (width + 4)
            lines.append(f"  {column.round_name.ljust(width)}  " + body.replace("\n", "\n" + indent))
    return ("\n".join(lines) + "\n").encode("utf-8")
