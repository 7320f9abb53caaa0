"""The negotiation report's heat map and key issues, from the same :class:`PositionsView` as
``treatydiff positions``: the distance between the sides per provision (rows) and round
(columns), as inline-SVG geometry computed here so the template only draws.

Every cell says what it shows three ways, so colour is never the only carrier: its fill (a band
of distance), a symbol drawn in it (the state's letter and the events' marks, as the text table
prints them) and a ``<title>`` read by screen readers and shown on hover.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .positions import ABSENT, AGREED, CONVERGED, EVENT_MARK, STATE_MARK, Cell, PositionsView

# (css class, upper bound of the distance, legend text): the bands of the fill, lightest first.
BANDS = (
    ("heat-1", 0.1, "open, distance up to 0.10"),
    ("heat-2", 0.25, "open, distance 0.10–0.25"),
    ("heat-3", 0.5, "open, distance 0.25–0.50"),
    ("heat-4", 1.0, "open, distance over 0.50"),
)
_CELL_W, _CELL_H = 46.0, 20.0
_LABEL_W, _TOP = 230.0, 34.0
_LABEL_CHARS = 34


@dataclass(frozen=True)
class HeatCell:
    x: float
    y: float
    css: str
    symbol: str
    title: str  # the cell in words: provision, round, side, state, distance, events


@dataclass(frozen=True)
class HeatLabel:
    x: float
    y: float
    text: str
    title: str


@dataclass(frozen=True)
class HeatMap:
    id: str
    title: str
    description: str
    width: float
    height: float
    cell_width: float
    cell_height: float
    cells: tuple[HeatCell, ...]
    rows: tuple[HeatLabel, ...]
    columns: tuple[HeatLabel, ...]
    legend: tuple[tuple[str, str, str], ...]  # (css class, symbol, text)


@dataclass(frozen=True)
class KeyIssueLine:
    label: str
    href: str | None  # the provision's page
    round: str
    round_href: str | None
    side: str
    event: str
    symbol: str
    words: str


def _band(cell: Cell) -> str:
    if cell.state == ABSENT:
        return "heat-absent"
    if cell.state in (AGREED, CONVERGED):
        return f"heat-{cell.state}"
    if cell.distance is None:
        return "heat-alone"  # no other side has a position yet
    for css, bound, _ in BANDS:
        if cell.distance <= bound:
            return css
    return BANDS[-1][0]


def _whose(side: str, perspective: str | None) -> str:
    if perspective is None:
        return side
    return f"{side}, us" if side == perspective else f"{side}, them"


def _cell_title(label: str, cell: Cell, side: str) -> str:
    parts = [f"{label}, {cell.round} ({side}): {cell.state}"]
    if cell.distance is not None and cell.state != ABSENT:
        parts.append(f"distance {cell.distance:.2f}")
    parts.extend(cell.events)
    return ", ".join(parts)


def _short(text: str) -> str:
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1] + "…"


def heat_map(view: PositionsView) -> HeatMap:
    """The heat map's geometry: one row per provision, one column per round."""
    sides = [_whose(s, view.perspective) for s in view.proposers]
    cells: list[HeatCell] = []
    rows: list[HeatLabel] = []
    for r, provision in enumerate(view.provisions):
        y = _TOP + r * _CELL_H
        rows.append(HeatLabel(_LABEL_W - 6, y + _CELL_H / 2 + 4, _short(provision.label), provision.label))
        for c, cell in enumerate(provision.cells):
            symbol = STATE_MARK.get(cell.state, "?") + "".join(EVENT_MARK[e] for e in cell.events)
            cells.append(HeatCell(_LABEL_W + c * _CELL_W, y, _band(cell), symbol, _cell_title(provision.label, cell, sides[c])))
    columns = tuple(
        HeatLabel(_LABEL_W + c * _CELL_W + _CELL_W / 2, _TOP - 8, name[:7], f"{name} ({sides[c]})") for c, name in enumerate(view.rounds)
    )
    legend = (
        ("heat-agreed", "A", "agreed"),
        ("heat-converged", "=", "converged: the same words as the other side"),
        *((css, "o", text) for css, _, text in BANDS),
        ("heat-absent", "·", "absent from the round"),
        ("", "↩", "walk-back"),
        ("", "↘", "concession"),
        ("", "+", "new demand"),
    )
    who = f", as {view.perspective}" if view.perspective else ""
    return HeatMap(
        id="positions-heat",
        title=f"Distance between the sides' positions, per provision and round{who}",
        description=("Each cell: the round's text against the other side's latest position, 0 the same words, 1 nothing in common. "
                     "The colour darkens with the distance; the symbol says the state (A agreed, = converged, o open, · absent) "
                     "and the round's events (↩ walk-back, ↘ concession, + new demand)."),
        width=_LABEL_W + len(view.rounds) * _CELL_W + 4,
        height=_TOP + len(view.provisions) * _CELL_H + 4,
        cell_width=_CELL_W,
        cell_height=_CELL_H,
        cells=tuple(cells),
        rows=tuple(rows),
        columns=columns,
        legend=legend,
    )


def key_issue_lines(view: PositionsView, provision_hrefs: Mapping[str, str], round_hrefs: Mapping[str, str]) -> tuple[KeyIssueLine, ...]:
    """The key issues, each with a link to the provision's page and to the round's."""
    symbols = {**EVENT_MARK, "gap-widened": "⇹"}
    return tuple(
        KeyIssueLine(k.label, provision_hrefs.get(k.id), k.round, round_hrefs.get(k.round), _whose(k.side, view.perspective),
                     k.event, symbols.get(k.event, ""), k.words)
        for k in view.key_issues
    )


@dataclass(frozen=True)
class ReportPositions:
    """What the report's overview shows of the positions: the heat map and the key issues."""

    heat: HeatMap
    key_issues: tuple[KeyIssueLine, ...]


def report_positions(view: PositionsView, provision_hrefs: Mapping[str, str], round_hrefs: Mapping[str, str]) -> ReportPositions:
    return ReportPositions(heat_map(view), key_issue_lines(view, provision_hrefs, round_hrefs))
