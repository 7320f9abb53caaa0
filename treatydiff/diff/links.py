"""From matched provisions to :class:`ClausePair`: the word diffs of each pair and what kinds
of change it shows (see :mod:`.align` for how the provisions were matched)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..model import ChangeKind, ClausePair, CompareOptions, Op, Provision, Segment
from .worddiff import diff_text, has_substantive_change

_ORDER = (
    ChangeKind.SPLIT, ChangeKind.MERGED, ChangeKind.ADDED, ChangeKind.DELETED,
    ChangeKind.RENUMBERED, ChangeKind.MOVED, ChangeKind.MODIFIED,
)
_CONTENT_KINDS = frozenset(
    {ChangeKind.MODIFIED, ChangeKind.ADDED, ChangeKind.DELETED, ChangeKind.MOVED, ChangeKind.SPLIT, ChangeKind.MERGED}
)
_UNCHANGED = (ChangeKind.UNCHANGED,)


def _kinds(found: set[ChangeKind]) -> tuple[ChangeKind, ...]:
    if not found:
        return _UNCHANGED  # most pairs
    kinds = tuple(k for k in _ORDER if k in found)
    return kinds or _UNCHANGED


@dataclass
class Link:
    """A matched pair under construction."""

    old: Provision | None
    new: Provision | None
    score: float
    moved: bool = False
    old_parent: str | None = None
    new_parent: str | None = None
    kinds: set[ChangeKind] = field(default_factory=set)
    related: list[str] = field(default_factory=list)


class PairBuilder:
    """Builds the pairs of one comparison; ``renumbered`` maps old article numbers to new."""

    def __init__(self, options: CompareOptions, renumbered: Mapping[str, str]) -> None:
        self.options = options
        self.renumbered = renumbered

    def _diff(self, old: str, new: str) -> tuple[Segment, ...]:
        # Most texts, headings and notes are unchanged or both absent: no word diff for those.
        if old == new:
            return (Segment(Op.EQUAL, old),) if old else ()
        return diff_text(old, new, self.options, renumbered=self.renumbered)

    def pair(self, key: str, link: Link, kids: list[Link]) -> ClausePair:
        old, new = link.old, link.new
        segments = self._diff(old.text if old else "", new.text if new else "")
        heading = self._diff((old.heading or "") if old else "", (new.heading or "") if new else "")
        notes = self._diff((old.notes or "") if old else "", (new.notes or "") if new else "")
        found = set(link.kinds)
        if old is None and ChangeKind.SPLIT not in found:
            found.add(ChangeKind.ADDED)
        elif new is None and ChangeKind.MERGED not in found:
            found.add(ChangeKind.DELETED)
        elif old is not None and new is not None:
            if old.label != new.label:
                found.add(ChangeKind.RENUMBERED)
            if link.moved:
                found.add(ChangeKind.MOVED)
            if has_substantive_change(segments) or has_substantive_change(heading) or has_substantive_change(notes):
                found.add(ChangeKind.MODIFIED)
        provision = new or old
        parent_label = provision.label if provision else None
        for kid in kids:
            kid.new_parent = parent_label if kid.new else None
        child_pairs = tuple([self.pair(f"{key}.{n}", kid, []) for n, kid in enumerate(kids, 1)])
        if old is not None and new is not None and any(not _CONTENT_KINDS.isdisjoint(c.kinds) for c in child_pairs):
            found.add(ChangeKind.MODIFIED)
        return ClausePair(
            key=key,
            old=old,
            new=new,
            kinds=_kinds(found),
            similarity=round(link.score, 4) if old is not None and new is not None else 0.0,
            segments=segments,
            heading_segments=heading,
            paragraphs=child_pairs,
            notes_segments=notes,
            related=tuple(sorted(set(link.related))) if link.related else (),
            old_parent=link.old_parent,
            new_parent=link.new_parent,
        )
