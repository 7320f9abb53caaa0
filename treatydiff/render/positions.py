"""``treatydiff positions``: the provisions × rounds table as text, JSON or HTML."""

from __future__ import annotations

from collections.abc import Sequence
from json.encoder import (
    encode_basestring as _string,  # what json.dumps(ensure_ascii=False) escapes strings with
)
from typing import Any

from ..views.positions import ABSENT, AGREED, CONVERGED, EVENT_MARK, STATE_MARK, Cell, PositionsView
from .templating import standalone_negotiation_page
from .textstyle import terminal_safe

FORMATS = ("text", "json", "html")
LEGEND = ("A agreed, = converged (the same words as the other side), o open, · absent; "
          "number: distance to the other side's position (0 same words, 1 nothing in common); "
          "↩ walk-back, ↘ concession, + new demand")


def positions_document(view: PositionsView) -> dict[str, Any]:
    return {
        "perspective": view.perspective,
        "rounds": list(view.rounds),
        "provisions": [
            {"id": p.id, "label": p.label,
             "cells": [{"round": c.round, "distance": c.distance, "state": c.state, "events": list(c.events)} for c in p.cells]}
            for p in view.provisions
        ],
        "key_issues": [{"id": k.id, "label": k.label, "round": k.round, "event": k.event, "words": k.words} for k in view.key_issues],
    }


def _json_list(items: Sequence[str], pad: str) -> str:
    """A list of JSON values already written, laid out as ``json.dumps(indent=1)`` lays it out
    at the indent ``pad`` of its key."""
    return f"[\n{pad} " + f",\n{pad} ".join(items) + f"\n{pad}]" if items else "[]"


def _cell_json(cell: Cell) -> str:
    distance = "null" if cell.distance is None else float.__repr__(cell.distance)
    events = _json_list([_string(e) for e in cell.events], "     ")
    return (f'{{\n     "round": {_string(cell.round)},\n     "distance": {distance},\n     "state": {_string(cell.state)},'
            f'\n     "events": {events}\n    }}')


def positions_json(view: PositionsView) -> str:
    """:func:`positions_document` as ``json.dumps(…, ensure_ascii=False, indent=1)`` writes it,
    written directly: the generic encoder walks each of the table's many cells (50 rounds × 450
    provisions) through Python generators.  Strings are escaped by the encoder's own function,
    numbers as it writes them; a test holds the two byte for byte."""
    provisions = [
        f'{{\n   "id": {_string(p.id)},\n   "label": {_string(p.label)},\n   "cells": {_json_list([_cell_json(c) for c in p.cells], "   ")}\n  }}'
        for p in view.provisions
    ]
    issues = [
        f'{{\n   "id": {_string(k.id)},\n   "label": {_string(k.label)},\n   "round": {_string(k.round)},\n   "event": {_string(k.event)},'
        f'\n   "words": {_string(k.words)}\n  }}'
        for k in view.key_issues
    ]
    perspective = "null" if view.perspective is None else _string(view.perspective)
    return (f'{{\n "perspective": {perspective},\n "rounds": {_json_list([_string(r) for r in view.rounds], " ")},'
            f'\n "provisions": {_json_list(provisions, " ")},\n "key_issues": {_json_list(issues, " ")}\n}}')


def cell_mark(cell: Cell) -> str:
    distance = "" if cell.distance is None or cell.state in (CONVERGED, AGREED, ABSENT) else f"{cell.distance:.2f}"
    return STATE_MARK.get(cell.state, "?") + distance + "".join(EVENT_MARK[e] for e in cell.events)


def _whose(side: str, perspective: str | None) -> str:
    if perspective is None:
        return side
    return f"{side} (us)" if side == perspective else f"{side} (them)"


def positions_text(view: PositionsView) -> str:
    lines = [terminal_safe(f"Positions — {view.title}" + (" — ILLUSTRATIVE" if view.illustrative else "")
                           + (f" — as {view.perspective}" if view.perspective else ""))]
    lines.append(LEGEND)
    width = max((len(p.label) for p in view.provisions), default=10)
    width = min(width, 40)
    columns = [max(len(r), 7) for r in view.rounds]
    lines.append(" " * width + "  " + " ".join(r.ljust(w) for r, w in zip(view.rounds, columns, strict=True)))
    lines.append(" " * width + "  " + " ".join(_whose(s, view.perspective)[:w].ljust(w) for s, w in zip(view.proposers, columns, strict=True)))
    for provision in view.provisions:
        label = provision.label if len(provision.label) <= width else provision.label[: width - 1] + "…"
        cells = " ".join(cell_mark(c).ljust(w) for c, w in zip(provision.cells, columns, strict=True))
        lines.append(terminal_safe(label.ljust(width) + "  " + cells))
    lines.append("")
    lines.append(f"Key issues ({len(view.key_issues)}): where a round walked back, made a new demand or widened the gap")
    for issue in view.key_issues:
        lines.append(terminal_safe(f"  {issue.label}, {issue.round} by {_whose(issue.side, view.perspective)}: {issue.event} — {issue.words}"))
    return "\n".join(lines) + "\n"


def render_positions(view: PositionsView, fmt: str) -> bytes:
    if fmt == "json":
        return (positions_json(view) + "\n").encode("utf-8")
    if fmt == "html":
        rows = [(p, [(c, cell_mark(c)) for c in p.cells]) for p in view.provisions]
        return standalone_negotiation_page("negotiation/positions.html.j2", page_title=f"Positions — {view.title}",
                                           negotiation_title=view.title, illustrative=view.illustrative, view=view, rows=rows,
                                           legend=LEGEND, sides=[_whose(s, view.perspective) for s in view.proposers])
    return positions_text(view).encode("utf-8")
