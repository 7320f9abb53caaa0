"""Redlines composed from a comparison's own segments: an article's from its paragraphs', a
provision's notes from its paragraphs' notes, joined the way the texts are joined, so views show
what the comparison computed instead of diffing again."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence

from ..diff.worddiff import new_text, old_text
from ..model import ClausePair, Op, Provision, Segment


def joined_lines(parts: Sequence[tuple[Sequence[Segment], bool, bool]]) -> tuple[Segment, ...]:
    """Parts (segments, on the old side, on the new side) joined by line breaks as
    :func:`version_text` joins them: a break stands on a side only between two of its parts."""
    result: list[Segment] = []
    had_old = had_new = False
    for segments, in_old, in_new in parts:
        break_old, break_new = had_old and in_old, had_new and in_new
        if break_old or break_new:
            result.append(Segment(Op.EQUAL if break_old and break_new else Op.DELETE if break_old else Op.INSERT, "\n"))
        result.extend(segments)
        had_old, had_new = had_old or in_old, had_new or in_new
    return tuple(result)


def composed_text(pair: ClausePair) -> tuple[Segment, ...]:
    """An article-level redline built from the pair's own and its paragraphs' segments, the
    way :attr:`Provision.full_text` joins them (own text only when there is one).

    A paragraph that moved to or came from another article has its pair there: here it shows
    as deleted or inserted whole.  Paragraphs that swapped places cannot be shown in one
    order: the result then does not rebuild the texts and the caller diffs them instead."""
    parts: list[tuple[Sequence[Segment], bool, bool]] = []
    if pair.segments:
        parts.append((pair.segments, bool(pair.old and pair.old.text), bool(pair.new and pair.new.text)))
    old = list(pair.old.paragraphs) if pair.old else []
    new = list(pair.new.paragraphs) if pair.new else []
    kept = _in_order(pair, old, new)  # paragraph pairs shown in place; the others moved
    i = j = 0
    while i < len(old) or j < len(new):
        child = kept.get(old[i].id) if i < len(old) else None
        if child is not None and j < len(new) and child.new is not None and child.new.id == new[j].id:
            parts.append((composed_text(child), True, True))
            i, j = i + 1, j + 1
        elif i < len(old) and child is None:  # deleted, or moved away: shown deleted here
            gone = next((c for c in pair.paragraphs if c.old is not None and c.old.id == old[i].id and c.new is None), None)
            parts.append((composed_text(gone) if gone is not None else _whole(Op.DELETE, old[i].full_text), True, False))
            i += 1
        else:  # inserted, or moved here
            came = next((c for c in pair.paragraphs if c.new is not None and c.new.id == new[j].id and c.old is None), None)
            parts.append((composed_text(came) if came is not None else _whole(Op.INSERT, new[j].full_text), False, True))
            j += 1
    return joined_lines(parts)


def _in_order(pair: ClausePair, old: Sequence[Provision], new: Sequence[Provision]) -> dict[str, ClausePair]:
    """Paragraph pairs of this article, by old id, that keep their relative order (a longest
    increasing run of old positions in new order); the others are shown moved."""
    old_at = {p.id: n for n, p in enumerate(old)}
    new_at = {p.id: n for n, p in enumerate(new)}
    both = sorted(
        (c for c in pair.paragraphs if c.old is not None and c.new is not None and c.old.id in old_at and c.new.id in new_at),
        key=lambda c: new_at[c.new.id] if c.new is not None else 0,
    )
    tails: list[int] = []  # tails[k]: index into both of the smallest tail of a run of length k + 1
    tail_positions: list[int] = []
    previous: list[int] = []
    for n, child in enumerate(both):
        position = old_at[child.old.id] if child.old is not None else 0
        k = bisect_left(tail_positions, position)
        previous.append(tails[k - 1] if k else -1)
        if k == len(tails):
            tails.append(n)
            tail_positions.append(position)
        else:
            tails[k] = n
            tail_positions[k] = position
    kept: dict[str, ClausePair] = {}
    n = tails[-1] if tails else -1
    while n >= 0:
        child = both[n]
        if child.old is not None:
            kept[child.old.id] = child
        n = previous[n]
    return kept


def _whole(op: Op, text: str) -> tuple[Segment, ...]:
    return (Segment(op, text),) if text else ()


def composed_notes(pair: ClausePair) -> tuple[Segment, ...]:
    """The notes redline of the pair and its paragraphs, joined as :func:`joined_notes` joins them."""
    return joined_lines([(p.notes_segments, bool(p.old and p.old.notes), bool(p.new and p.new.notes)) for p in pair.walk()])


def rebuilding(candidates: Iterable[Sequence[Segment]], before: str, after: str) -> tuple[Segment, ...] | None:
    """The first candidate redline that rebuilds both texts exactly: segments the comparison
    already computed, so a view never diffs again what it diffed."""
    for candidate in candidates:
        if old_text(candidate) == before and new_text(candidate) == after:
            return tuple(candidate)
    return None
