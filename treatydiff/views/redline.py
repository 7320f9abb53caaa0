"""Redline runs for the HTML report: diff segments cut at findings' spans, and reading order.

A finding's ``old_span``/``new_span`` count characters of the old text (equal + delete) and of
the new text (equal + insert); the segments are cut at those offsets so the triggering words
can be wrapped in one ``<mark>``, whatever the other side did around them.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..model import ChangeKind, ClausePair, Direction, Finding, Op, Segment

DIRECTION_ORDER = (Direction.REGRESSION, Direction.REVIEW, Direction.PROGRESS)
DIRECTION_LABELS = {Direction.REGRESSION: "Regression", Direction.REVIEW: "For review", Direction.PROGRESS: "Progress"}
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]+")


def code_label(code: str) -> str:
    """``obligation-weakened`` → ``Obligation weakened``."""
    words = code.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


@dataclass(frozen=True)
class Piece:
    """One run of redline text: ``tag`` is the element to wrap it in (ins, del, or "" for none)."""

    tag: str
    css: str
    text: str


@dataclass(frozen=True)
class Mark:
    """A finding's inline mark around the words that triggered it."""

    id: str  # "" on every mark of a finding but its first
    css: str
    tip_id: str
    label: str  # "Regression: obligation weakened"
    tip: str  # the explanation, shown on hover and focus
    number: int = 0  # the finding's number in the list: every mark of one finding shares it


@dataclass(frozen=True)
class Run:
    """Pieces that share one mark (or none)."""

    pieces: tuple[Piece, ...]
    mark: Mark | None = None


# --- inline marks -----------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One finding's spans on one pair, with its mark identity."""

    number: int
    finding: Finding


_TAGS = {Op.EQUAL: "", Op.INSERT: "ins", Op.DELETE: "del"}


def piece(segment_op: Op, ignorable: bool, text: str) -> Piece:
    """Equal text is left bare (no element), which keeps a 2,000-article page light."""
    return Piece(_TAGS[segment_op], "editorial" if ignorable else "", text)


def _cut_points(segments: Sequence[Segment], targets: Sequence[Target]) -> list[tuple[int, int, Piece, Target | None]]:
    """Split segments at every span boundary; each piece knows its finding (most severe first).

    Old spans count characters of equal+delete text, new spans of equal+insert text, so a span
    is found in the inline redline whatever the other side did around it.
    """
    result: list[tuple[int, int, Piece, Target | None]] = []
    old_pos = new_pos = 0
    for segment in segments:
        # The boundaries inside this segment, on the side(s) it belongs to.
        length = len(segment.text)
        cuts = {0, length}
        for target in targets:
            for span, base, applies in (
                (target.finding.old_span, old_pos, segment.op != Op.INSERT),
                (target.finding.new_span, new_pos, segment.op != Op.DELETE),
            ):
                if span is None or not applies:
                    continue
                for edge in (span.start - base, span.end - base):
                    if 0 < edge < length:
                        cuts.add(edge)
        ordered = sorted(cuts)
        for start, end in itertools.pairwise(ordered):
            owner: Target | None = None
            for target in targets:
                if _covers(target.finding, segment.op, old_pos + start, new_pos + start):
                    owner = target
                    break
            result.append((start, end, piece(segment.op, segment.ignorable, segment.text[start:end]), owner))
        if segment.op != Op.INSERT:
            old_pos += length
        if segment.op != Op.DELETE:
            new_pos += length
    return result


def _covers(finding: Finding, op: Op, old_at: int, new_at: int) -> bool:
    if op != Op.INSERT and finding.old_span is not None and finding.old_span.start <= old_at < finding.old_span.end:
        return True
    return op != Op.DELETE and finding.new_span is not None and finding.new_span.start <= new_at < finding.new_span.end


def _side_css(pieces: Sequence[Piece]) -> str:
    tags = {p.tag for p in pieces}
    if tags == {"del"}:
        return "side-old"
    if tags == {"ins"}:
        return "side-new"
    return "side-both"


class MarkLedger:
    """Hands out mark ids so a finding's first mark is its link target and tips stay unique."""

    def __init__(self) -> None:
        self.marked: set[int] = set()
        self._tips = 0

    def mark(self, target: Target, pieces: Sequence[Piece]) -> Mark:
        finding = target.finding
        first = target.number not in self.marked
        self.marked.add(target.number)
        self._tips += 1
        direction = DIRECTION_LABELS[finding.direction]
        return Mark(
            id=f"finding-{target.number}" if first else "",
            css=f"finding {finding.direction.value} {_side_css(pieces)}",
            tip_id=f"tip-{target.number}-{self._tips}",
            label=f"{direction}: {code_label(finding.code)}",
            tip=finding.explanation,
            number=target.number,
        )


def redline_runs(segments: Sequence[Segment], targets: Sequence[Target], ledger: MarkLedger) -> tuple[Run, ...]:
    """Segments as runs, grouping consecutive pieces that belong to the same finding."""
    if not targets:  # most provisions: one unmarked run
        return _plain_runs(segments)
    runs: list[Run] = []
    group: list[Piece] = []
    owner: Target | None = None
    for _start, _end, piece, piece_owner in _cut_points(segments, targets):
        if group and piece_owner is not owner:
            runs.append(_close(group, owner, ledger))
            group = []
        owner = piece_owner
        group.append(piece)
    if group:
        runs.append(_close(group, owner, ledger))
    return tuple(runs)


def _plain_runs(segments: Sequence[Segment]) -> tuple[Run, ...]:
    """What the general path makes of segments without marks: one run, adjacent pieces of the
    same kind joined."""
    if not segments:
        return ()
    merged: list[Piece] = []
    for segment in segments:
        tag, css = _TAGS[segment.op], "editorial" if segment.ignorable else ""
        if merged and merged[-1].tag == tag and merged[-1].css == css:
            merged[-1] = Piece(tag, css, merged[-1].text + segment.text)
        else:
            merged.append(Piece(tag, css, segment.text))
    return (Run(tuple(merged)),)


def _close(pieces: list[Piece], owner: Target | None, ledger: MarkLedger) -> Run:
    merged: list[Piece] = []
    for piece in pieces:  # adjacent pieces of the same kind read better as one element
        if merged and merged[-1].tag == piece.tag and merged[-1].css == piece.css:
            merged[-1] = Piece(piece.tag, piece.css, merged[-1].text + piece.text)
        else:
            merged.append(piece)
    return Run(tuple(merged), ledger.mark(owner, merged) if owner is not None else None)


# --- reading order ----------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def anchor_for(key: str) -> str:
    """``p12.3`` → ``prov-p12-3``: an id that needs no escaping in a CSS selector."""
    return "prov-" + _UNSAFE_ID.sub("-", key).strip("-")


def reading_order(
    pairs: Sequence[ClausePair], old_order: Sequence[str], foreign: Sequence[ClausePair] = ()
) -> list[tuple[ClausePair, bool]]:
    """Pairs in the new draft's order with the old-only ones where they stood.

    Returns ``(pair, stub)``: ``stub`` is True for the marker left where a moved provision
    used to be.  ``old_order`` lists the old provisions' ids in document order; ``foreign``
    are pairs shown elsewhere (paragraphs that moved to another article) that stood here.
    """
    if not foreign and all(p.new is not None and ChangeKind.MOVED not in p.kinds for p in pairs):
        return [(p, False) for p in pairs]  # nothing left the new order: most articles' paragraphs
    index = {pid: n for n, pid in enumerate(old_order)}
    placed: list[tuple[ClausePair, bool]] = [(p, False) for p in pairs if p.new is not None]
    # Old positions of provisions that stayed in place: where the old-only ones slot in.
    anchors = sorted(
        (index[p.old.id], n)
        for n, (p, _) in enumerate(placed)
        if p.old is not None and p.old.id in index and ChangeKind.MOVED not in p.kinds
    )
    keys = [a[0] for a in anchors]
    extras: list[tuple[int, int, int, ClausePair, bool]] = []  # (after, old index, seq, pair, stub)
    candidates = [(p, False) for p in pairs] + [(p, True) for p in foreign]
    for seq, (pair, is_foreign) in enumerate(candidates):
        if pair.old is None or pair.old.id not in index:
            if pair.new is None:  # nowhere to put it: keep it at the end rather than drop it
                extras.append((len(placed), len(index), seq, pair, False))
            continue
        stub = is_foreign or (pair.new is not None and ChangeKind.MOVED in pair.kinds)
        if pair.new is not None and not stub:
            continue
        old_at = index[pair.old.id]
        k = bisect.bisect_left(keys, old_at)
        extras.append((anchors[k - 1][1] if k > 0 else -1, old_at, seq, pair, stub))
    extras.sort(key=lambda e: (e[0], e[1], e[2]))
    slots: dict[int, list[tuple[ClausePair, bool]]] = {}
    for after, _old_at, _seq, pair, stub in extras:
        slots.setdefault(after, []).append((pair, stub))
    result: list[tuple[ClausePair, bool]] = list(slots.get(-1, ()))
    for n, item in enumerate(placed):
        result.append(item)
        result.extend(slots.get(n, ()))
    result.extend(slots.get(len(placed), ()))
    return result


