"""HTML renderer: one self-contained, deterministic page (inline CSS and JS, no network).

The page carries a Content-Security-Policy that allows only its own stylesheet and script,
by hash: treaty text is untrusted, and even if escaping ever failed, an injected ``<script>``
or ``onerror=`` attribute would not run.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from ..collector import collector_paused
from ..views.provision import ProvisionView
from ..views.redline import Run
from ..views.report import FindingNotes, build_report
from .templating import read_asset, render_template, stylesheet, trusted_html

if TYPE_CHECKING:
    from ..model import Comparison
    from . import RenderOptions


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(css: str, js: str) -> str:
    return (
        f"default-src 'none'; style-src {_sha256(css)}; script-src {_sha256(js)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def render(comparison: Comparison, options: RenderOptions) -> bytes:
    from .. import __version__

    # The view model makes ~10 objects per provision and no reference cycles; with a large
    # comparison alive, the cyclic collector's full passes over it cost more than the
    # rendering itself (measured: 2,000 articles, 30-40% of the time), so pause it.
    with collector_paused():
        notes = FindingNotes(tuple(options.finding_ids(comparison)), options.perspective, options.reviews)
        view = build_report(comparison, side_by_side=options.side_by_side, generator=f"treatydiff {__version__}",
                            notes=notes, dismissed_findings=options.dismissed)
        css = stylesheet("report.css")
        js = read_asset("report.js")
        redline = trusted_html("".join(provision_html(p) + "\n" for p in view.provisions))
        page = render_template(
            "report.html.j2", report=view, redline=redline, back=_back_link(options.back_href), css=css, js=js, csp=content_security_policy(css, js)
        )
        return page.encode("utf-8")


def _back_link(href: str | None) -> str:
    """The link back to the negotiation report (no inline style: the page's CSP forbids it)."""
    if href is None:
        return ""
    return trusted_html(f'<nav class="td-site-back" aria-label="Negotiation report"><a href="{autoescape(href)}">&larr; Negotiation report</a></nav>')


# --- the redline's provisions, written directly ------------------------------------------
# A 300-article round has about 1,000 provisions; a Jinja macro call per provision cost more
# than building the whole view model, so the redline is written here, byte for byte what the
# former ``partials/redline.html.j2`` macro wrote (tests/data/html/sample-report.html is golden).


def autoescape(value: str) -> str:
    """What Jinja's autoescape writes for ``value``: text already marked safe as it is,
    anything else escaped (the same five characters, the same entities)."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;").replace('"', "&#34;")


def provision_html(p: ProvisionView) -> str:
    """One provision and its paragraphs."""
    out: list[str] = []
    _write(p, out)
    return "".join(out)


def _write(p: ProvisionView, out: list[str]) -> None:
    anchor = autoescape(p.anchor)
    if p.is_article:
        out.append(
            f'<article id="{anchor}" class="{autoescape(p.css)}" data-changed="{"true" if p.changed else "false"}" '
            f'data-regression="{"true" if p.regression else "false"}" aria-labelledby="{anchor}-h">\n'
            f'<header class="prov-head">\n<h3 id="{anchor}-h" class="prov-title"><span class="prov-label">'
        )
    else:
        out.append(f'<div id="{anchor}" class="{autoescape(p.css)}">\n<div class="prov-head"><span class="para-label">')
    if p.label_old:
        out.append(
            f'<span class="renum" aria-label="{autoescape(p.aria_label)}"><span class="old-num">{autoescape(p.label_old)}</span> '
            f'<span class="arrow" aria-hidden="true">→</span> <span class="new-num">{autoescape(p.label_new)}</span></span>'
        )
    else:
        out.append(autoescape(p.label))
    out.append("</span>")
    heading = runs_html(p.heading) if p.heading else ""
    if heading:
        out.append(f' <span class="prov-heading" dir="auto">{heading}</span>')
    if p.is_article:
        out.append("</h3>")
    if p.badges:
        out.append('<ul class="badges" aria-label="Changes">')
        for b in p.badges:
            title = f' title="{autoescape(b.title)}"' if b.title else ""
            out.append(f'<li class="badge {autoescape(b.css)}"{title}>{autoescape(b.text)}</li>')
        out.append("</ul>")
    out.append("</header>" if p.is_article else "</div>")
    for n in p.notes:
        out.append(f'<p class="note note-{autoescape(n.css)}">{autoescape(n.text)}')
        last = len(n.links) - 1
        for i, link in enumerate(n.links):
            out.append(f' <a href="{autoescape(link.href)}">{autoescape(link.text)}</a>' if link.href else f" {autoescape(link.text)}")
            if i != last:
                out.append(",")
        out.append("</p>\n")
    text = runs_html(p.text) if p.text else ""
    if text:
        out.append(f'<div class="text" dir="auto">{text}</div>\n')
    if p.footnotes:
        # A .text block too, so the side-by-side view splits it into old and new columns.
        out.append(f'<div class="text footnotes" dir="auto" role="note" aria-label="Footnotes and endnotes">{runs_html(p.footnotes)}</div>\n')
    for child in p.paragraphs:
        _write(child, out)
        out.append("\n")
    out.append("</article>\n" if p.is_article else "</div>\n")


# The runs as HTML: one string per provision instead of a template macro call per word run
# keeps a 2,000-article page fast.
def runs_html(runs: Sequence[Run]) -> str:
    """The runs as HTML, every text escaped: the hot path of a large report.

    The markup mirrors what a template would write: ``<ins>``/``<del>`` per changed piece,
    ``<mark>`` per finding with its explanation in a tooltip the mark is described by.
    """
    out: list[str] = []
    for run in runs:
        mark = run.mark
        if mark is not None:
            mark_id = f' id="{escape(mark.id)}"' if mark.id else ""
            out.append(f'<mark{mark_id} class="{escape(mark.css)}" data-finding="{mark.number}" tabindex="0" aria-describedby="{escape(mark.tip_id)}">')
        for p in run.pieces:
            if not p.tag:
                out.append(escape(p.text, quote=False))
            elif p.css:
                out.append(f'<{p.tag} class="{p.css}">{escape(p.text, quote=False)}</{p.tag}>')
            else:
                out.append(f"<{p.tag}>{escape(p.text, quote=False)}</{p.tag}>")
        if mark is not None:
            out.append(
                f'<span class="tip" role="tooltip" id="{escape(mark.tip_id)}"><strong>{escape(mark.label)}.</strong> '
                f"{escape(mark.tip)}</span></mark>"
            )
    return "".join(out)
