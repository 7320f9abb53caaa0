"""HTML of the negotiation pages' redlines and history entries (Jinja filters ``redline`` and
``history_entries``, see :func:`treatydiff.render.templating.environment`).

Written in Python rather than by template loops: the report has about 15,000 entries (one per
provision per round) and a loop iteration with its escapes cost more than building them.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from ..views.negotiation import EntryView, Fragment, HistoryView
from .html import autoescape
from .templating import trusted_html


def redline_html(frags: Sequence[Fragment]) -> str:
    """The fragments as escaped HTML, marked safe: one Jinja macro call per word run costs
    seconds on a 50-round report (every piece of treaty text goes through ``html.escape``)."""
    parts: list[str] = []
    for f in frags:
        text = html.escape(f.text)
        css = f' class="{f.css}"' if f.css else ""
        parts.append(f"<{f.tag}{css}>{text}</{f.tag}>" if (f.tag != "span" or css) else text)
    return trusted_html("".join(parts))


def history_entries(view: HistoryView) -> str:
    """The entries of a history as the page's list items, marked safe."""
    return trusted_html("".join(map(entry_html, view.entries)))


def entry_html(e: EntryView) -> str:
    """One entry of a history as the page's list item.

    Written here rather than by a template loop: the report has about 15,000 entries (one per
    provision per round) and a loop iteration with its escapes cost more than building them.
    Values are escaped as Jinja's autoescape does (safe HTML passes)."""
    esc = autoescape
    heading = redline_html(e.heading) if e.first or e.changed else ""
    href = f'<a href="{esc(e.round_href)}">{esc(e.round_label)}</a>' if e.round_href else esc(e.round_label)
    date = f" · {esc(e.date)}" if e.date else ""
    previous = f"{esc(e.previous_label)} → " if e.previous_label else ""
    out = [
        f'    <li class="entry {esc(e.kind_classes)}{" changed" if e.changed else ""}" id="{esc(e.anchor)}">\n'
        '      <div class="entry-head">\n'
        f'        <h2>{href}          <span class="who">{esc(e.party)}{date}</span></h2>\n'
        f'        <p class="labels">{previous}<strong>{esc(e.label)}</strong></p>\n'
        '        <p class="badges">\n'
        f'          <span class="badge kinds">{esc(e.kinds)}</span>\n'
    ]
    if e.status:
        out.append(f'          <span class="badge {esc(e.status_class)}">{esc(e.status)}</span>\n')
    if not e.deleted:
        out.append(f'          <span class="badge brackets" title="brackets and options">[ ] {e.brackets} · options {e.options}</span>\n')
    out.append("        </p>\n      </div>\n")
    if heading and (e.first or e.changed):
        out.append(f'      <p class="provision-heading">{heading}</p>\n')
    if e.text_unchanged:
        out.append('      <p class="unchanged-note">Text unchanged from the previous round.</p>\n')
    else:
        out.append(f'      <div class="provision-text">{redline_html(e.redline)}</div>\n')
    if e.notes:
        out.append(f'      <div class="provision-text provision-notes" role="note" aria-label="Footnotes and endnotes">{redline_html(e.notes)}</div>\n')
    if e.findings:
        out.append('      <ul class="findings">\n')
        for f in e.findings:
            words = f'<span class="words">{esc(f.words)}</span> ' if f.words else ""
            obligated = f' <span class="obligated">(obligation of {esc(f.obligated)})</span>' if f.obligated else ""
            out.append(
                f'        <li class="finding {esc(f.direction)}"><span class="code">{esc(f.code)}</span> {words}'
                f'<span class="explanation">{esc(f.explanation)}</span>{obligated}</li>\n'
            )
        out.append("      </ul>\n")
    out.append("    </li>\n")
    return "".join(out)
