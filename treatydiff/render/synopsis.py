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
