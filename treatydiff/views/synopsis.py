"""The synopsis table (the EU "four-column document", generalised).

Provisions are rows and chosen rounds are columns (say: first proposal | party A's last |
party B's last | current).  Each cell holds the provision's text in that round, redlined against
the column to its left.  A row is one provision's life, found through the alignment chain: a
provision renumbered, moved or edited between two columns stays on its row; one split between
two columns fills two rows (the second notes where it came from); provisions merged share one.

:func:`synopsis_view` is pure; :mod:`treatydiff.render.synopsis` writes it as a page
(through the templates) or as a Word table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..errors import UsageError
from ..model import ClausePair, Op, Provision, Segment
from ..timeline.compose import composed_notes, composed_text, joined_lines, rebuilding
from ..timeline.history import joined_notes, redline_between, version_text
from ..timeline.names import ProvisionRef
from ..timeline.timeline import NegotiationTimeline
from .labels import STATUS_TEXT
from .negotiation import Fragment, fragments, plain


@dataclass(frozen=True)
class Column:
    round_index: int
    round_name: str
    label: str
    party: str
    date: str
    caption: str  # "first proposal", "AZ's last", "current"


@dataclass(frozen=True)
class Cell:
    labels: str  # "Article 4" (or "Article 4 + Article 5" after a merge); "" when absent
    heading: str
    fragments: tuple[Fragment, ...]  # text redlined against the cell to the left
    text: str
    status: str
    note: str  # "split from Article 3", "absent", "deleted"
    changed: bool


@dataclass(frozen=True)
class Row:
    anchor: str
    title: str  # the provision's latest label and heading
    href: str  # its history page, when the caller links one
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class SynopsisView:
    title: str
    illustrative: bool
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


def default_columns(timeline: NegotiationTimeline) -> tuple[str, ...]:
    """First proposal, each party's last round, and the current round, in round order."""
    rounds = timeline.rounds
    if not rounds:
        return ()
    chosen = {0, len(rounds) - 1}
    for party in timeline.negotiation.parties:
        mine = [i for i, r in enumerate(rounds) if r.info.party == party.code]
        if mine:
            chosen.add(mine[-1])
    return tuple(rounds[i].name or rounds[i].info.label for i in sorted(chosen))


def _column_indexes(timeline: NegotiationTimeline, names: Sequence[str]) -> list[int]:
    indexes: list[int] = []
    known = ", ".join(r.name or r.info.label for r in timeline.rounds)
    for name in names:
        found = [i for i, r in enumerate(timeline.rounds) if name in (r.name, r.info.label)]
        if not found:
            raise UsageError(f"no round named {name!r} for the synopsis", fix=f"use round names: {known}")
        indexes.append(found[0])
    if indexes != sorted(set(indexes)):
        raise UsageError("synopsis rounds must be distinct and in negotiation order", fix=f"order them as in: {known}")
    return indexes


def _whose(party: str, perspective: str | None) -> str:
    """``AM's`` or, seen from ``--as AM``, ``our (AM)`` / ``their (AZ)``."""
    if perspective is None:
        return f"{party}'s"
    return f"our ({party})" if party == perspective else f"their ({party})"


def _captions(timeline: NegotiationTimeline, indexes: list[int], perspective: str | None = None) -> list[str]:
    rounds = timeline.rounds
    captions: list[str] = []
    for i in indexes:
        party = rounds[i].info.party
        later_same = any(r.info.party == party for r in rounds[i + 1 :]) if party else True
        if i == len(rounds) - 1:
            captions.append("current")
        elif i == 0:
            captions.append("first proposal")
        elif party and not later_same:
            captions.append(f"{_whose(party, perspective)} last")
        else:
            captions.append(f"proposed by {party}" if party else "")
    return captions


def _top_level(timeline: NegotiationTimeline, index: int, provision_id: str) -> str:
    return timeline.parent_id(index, provision_id) or provision_id


def _carry(timeline: NegotiationTimeline, start: int, ids: Sequence[str], end: int) -> list[str]:
    """Top-level provisions of round ``end`` that ``ids`` of round ``start`` became."""
    current = list(dict.fromkeys(ids))
    for index in range(start, end):
        following: list[str] = []
        for pid in current:
            following.extend(link.new_id for link in timeline.successors(index, pid))
        current = list(dict.fromkeys(following))
    return list(dict.fromkeys(_top_level(timeline, end, pid) for pid in current))


def _sources(timeline: NegotiationTimeline, start: int, end: int, provision_id: str) -> list[str]:
    """Top-level provisions of round ``start`` that round ``end``'s provision came from."""
    current = [provision_id]
    for index in range(end, start, -1):
        previous: list[str] = []
        for pid in current:
            previous.extend(link.old_id for link in timeline.predecessors(index, pid))
        current = list(dict.fromkeys(previous))
    return list(dict.fromkeys(_top_level(timeline, start, pid) for pid in current))


def _rows(timeline: NegotiationTimeline, indexes: list[int]) -> list[list[list[str]]]:
    """rows[r][c]: ids of top-level provisions of column c's round on row r."""
    rounds = timeline.rounds
    last = len(indexes) - 1
    rows: list[list[list[str]]] = []
    for provision in rounds[indexes[last]].provisions:
        row: list[list[str]] = [[] for _ in indexes]
        row[last].append(provision.id)
        rows.append(row)
    for column in range(last - 1, -1, -1):
        index, next_index = indexes[column], indexes[column + 1]
        # Which row each provision of the next column sits on (rows are lists: identity is stable).
        row_of = {pid: row for row in rows for pid in row[column + 1]}
        previous_row: list[list[str]] | None = None
        for provision in rounds[index].provisions:
            targets = _carry(timeline, index, _ids_of(provision), next_index)
            home = next((row_of[t] for t in targets if t in row_of), None)
            if home is None:  # gone by the next column: a row of its own after its predecessor
                home = [[] for _ in indexes]
                position = 0 if previous_row is None else next(n for n, r in enumerate(rows) if r is previous_row) + 1
                rows.insert(position, home)
            home[column].append(provision.id)
            previous_row = home
    return rows


def _ids_of(provision: Provision) -> list[str]:
    """An article and its paragraphs: a paragraph may live on in another article."""
    return [p.id for p in provision.walk()]


def _heading(versions: Sequence[Provision]) -> str:
    return " / ".join(v.heading for v in versions if v.heading)


def synopsis_view(
    timeline: NegotiationTimeline,
    columns: Sequence[str] | None = None,
    *,
    provision_href: Callable[[ProvisionRef], str] | None = None,
    perspective: str | None = None,
) -> SynopsisView:
    """The table for the chosen rounds (default: :func:`default_columns`)."""
    names = tuple(columns) if columns else default_columns(timeline)
    if len(names) < 1:
        raise UsageError("the synopsis needs at least one round", fix="pass --rounds r1,r4")
    indexes = _column_indexes(timeline, names)
    captions = _captions(timeline, indexes, perspective)
    rounds = timeline.rounds
    heads = tuple(
        Column(i, rounds[i].name or rounds[i].info.label, rounds[i].info.label, rounds[i].info.party or "", rounds[i].info.date or "", caption)
        for i, caption in zip(indexes, captions, strict=True)
    )
    table: list[Row] = []
    for r, row in enumerate(_rows(timeline, indexes)):
        cells: list[Cell] = []
        left_text: str | None = None
        for c, ids in enumerate(row):
            index = indexes[c]
            versions = [p for pid in ids if (p := timeline.provision(index, pid)) is not None]
            text = version_text(versions)
            notes = joined_notes(versions)  # footnotes are text: the cells compare them too
            text = f"{text}\n{notes}" if text and notes else text or notes
            note = ""
            if not versions:
                note = "deleted" if any(cells_ids for cells_ids in row[:c]) else "not yet proposed"
                cell = Cell("", "", (), "", "", note, left_text is not None)
                cells.append(cell)
                left_text = None
                continue
            if left_text is None and c > 0:
                sources = {s for v in versions for s in _sources(timeline, indexes[c - 1], index, v.id)}
                origins = [p.label for p in rounds[indexes[c - 1]].provisions if p.id in sources]
                note = f"from {' + '.join(origins)}" if origins else "new"
            if left_text is None or c == 0:
                frags = plain(text)
                changed = c > 0
            else:
                segments = _cell_redline(timeline, indexes[c - 1], index, row[c - 1], ids, left_text, text)
                frags = fragments(segments)
                changed = any(s.op != Op.EQUAL for s in segments)
            statuses = [STATUS_TEXT[v.status] for v in versions if v.status is not None]
            cells.append(Cell(" + ".join(v.label for v in versions), _heading(versions), frags, text, ", ".join(statuses), note, changed))
            left_text = text
        latest = next(((c, ids) for c, ids in reversed(list(enumerate(row))) if ids), None)
        title, href = "", ""
        if latest is not None:
            column, ids = latest
            provision = timeline.provision(indexes[column], ids[0])
            if provision is not None:
                title = provision.label + (f" — {provision.heading}" if provision.heading else "")
                if provision_href is not None and _is_thread_end(timeline, indexes[column], provision.id):
                    href = provision_href(ProvisionRef(indexes[column], provision.id))
        table.append(Row(anchor=f"row-{r + 1}", title=title, href=href, cells=tuple(cells)))
    return SynopsisView(
        title=timeline.negotiation.title,
        illustrative=timeline.negotiation.illustrative,
        columns=heads,
        rows=tuple(table),
    )


def _cell_redline(timeline: NegotiationTimeline, left: int, index: int, left_ids: Sequence[str], ids: Sequence[str], before: str, after: str) -> tuple[Segment, ...]:
    """A cell against the one to its left: the comparison's own segments when the columns are
    consecutive rounds and one provision became one (text, then its notes, as the cell shows
    them); otherwise a diff of the two cells."""
    pair = timeline.pair_into(index, ids[0]) if index == left + 1 and len(ids) == 1 and len(left_ids) == 1 else None
    if pair is not None and pair.old is not None and pair.old.id == left_ids[0] and before != after:
        reused = rebuilding([_with_notes(pair, text) for text in (pair.segments, composed_text(pair))], before, after)
        if reused is not None:
            return reused
    return redline_between(timeline, before, after)


def _with_notes(pair: ClausePair, text: Sequence[Segment]) -> tuple[Segment, ...]:
    """Text and notes on separate lines, as a cell joins them."""
    old, new = pair.old, pair.new
    has_text = (bool(old and old.full_text), bool(new and new.full_text))
    has_notes = (bool(old and joined_notes([old])), bool(new and joined_notes([new])))
    return joined_lines([(text, *has_text), (composed_notes(pair), *has_notes)])


def _is_thread_end(timeline: NegotiationTimeline, index: int, provision_id: str) -> bool:
    """Whether the report has a page for this provision (see :func:`history.threads`)."""
    return index == len(timeline.rounds) - 1 or not timeline.successors(index, provision_id)
