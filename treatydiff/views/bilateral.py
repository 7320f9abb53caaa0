"""The three texts that matter in a bilateral round, for ``history --as PARTY``: our last text,
their last text, and the new one, with the two redlines (ours → new, theirs → new).

"Ours" and "theirs" are the latest entries before the newest round proposed by the party and by
any other party; the newest round is the new text whoever proposed it.  A text neither side has
proposed yet is missing (None), never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Segment
from ..timeline.history import ClauseHistory, HistoryEntry, redline_between
from ..timeline.timeline import NegotiationTimeline


@dataclass(frozen=True)
class SideText:
    round: str
    party: str | None
    text: str  # "" when the provision was deleted in that round


@dataclass(frozen=True)
class ThreeTexts:
    party: str
    ours: SideText | None
    theirs: SideText | None
    new: SideText
    from_ours: tuple[Segment, ...]  # redline of ours → new (empty when there is no ours)
    from_theirs: tuple[Segment, ...]


def _side(entry: HistoryEntry) -> SideText:
    return SideText(entry.round_name, entry.round.party, entry.text)


def three_texts(timeline: NegotiationTimeline, history: ClauseHistory, party: str) -> ThreeTexts | None:
    """None when the provision has a single round: there is nothing to weigh the new text against."""
    if len(history.entries) < 2:
        return None
    *before, newest = history.entries
    ours = next((e for e in reversed(before) if e.round.party == party), None)
    theirs = next((e for e in reversed(before) if e.round.party and e.round.party != party), None)
    new = _side(newest)

    def redline(entry: HistoryEntry | None) -> tuple[Segment, ...]:
        return redline_between(timeline, entry.text, new.text) if entry is not None else ()

    return ThreeTexts(party, _side(ours) if ours else None, _side(theirs) if theirs else None, new, redline(ours), redline(theirs))
