"""How a bracket was resolved, and what the resolution did to the position.

A bracket leaves the text in one of three ways: its words are **adopted** (the brackets go, the
words stay), **dropped** (the words go with their brackets), or one of stacked alternatives is
**chosen** (``[shall][should]`` → ``should``).  "One disagreement fewer" says nothing of who
won: choosing "should" over "shall" is weaker than the alternative that was on the table, and
dropping ``[new,] [additional,]`` before "financial resources" narrows the commitment.  So the
words adopted, dropped or not chosen go through the same reading as any other change.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .brackets import BracketGroup, BracketSpan, unagreed_spans
from .diffmap import DiffMap
from .hits import Hit, find_hits
from .lexicon import Lexicon

_WORD = re.compile(r"\w+")
# Share of an alternative's words that must stand in the new text for it to count as kept.
_KEPT = 0.6


@dataclass(frozen=True)
class Resolution:
    group: BracketGroup
    outcome: str  # "adopted", "dropped", "chosen" or "replaced"
    kept: str  # the words that stayed: the adopted text or the chosen alternative ("" if none)
    alternatives: tuple[str, ...]  # each alternative's words, without its brackets
    new_start: int  # where the resolved text stands in the new text
    new_end: int


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _share_kept(words: Sequence[str], region: set[str]) -> float:
    return sum(1 for w in words if w in region) / len(words) if words else 0.0


def resolve(group: BracketGroup, old: str, new: str, dmap: DiffMap, placeholders: Sequence[str],
            links: frozenset[str]) -> Resolution:
    """The outcome of one bracket group found in ``old`` and gone from ``new``."""
    start, end = dmap.to_new(group.start), dmap.to_new(group.end)
    # A bracket replaced by its chosen words maps to one insertion point: take in the inserted
    # text on both sides of it.
    while start > 0 and dmap.new_changed[start - 1]:
        start -= 1
    while end < len(new) and dmap.new_changed[end]:
        end += 1
    region_text = new[start:end]
    region = set(_words(region_text))
    outer = [s for s in unagreed_spans(group.text, placeholders, links) if s.depth == 0]
    alternatives = tuple(group.text[s.start + 1 : s.end - 1] for s in outer) or (group.text.strip("[]"),)
    shares = [_share_kept(_words(a), region) for a in alternatives]
    best = max(range(len(alternatives)), key=lambda i: (shares[i], -i))
    if shares[best] >= _KEPT:
        outcome = "chosen" if len(alternatives) > 1 else "adopted"
        return Resolution(group, outcome, alternatives[best], alternatives, start, end)
    outcome = "dropped" if not region else "replaced"
    return Resolution(group, outcome, "", alternatives, start, end)


def alternative_spans(group: BracketGroup, text: str, placeholders: Sequence[str], links: frozenset[str]) -> list[BracketSpan]:
    """The outer alternatives of ``group``, with offsets in the provision's text."""
    spans = [s for s in unagreed_spans(text, placeholders, links) if s.depth == 0]
    return [s for s in spans if group.start <= s.start and s.end <= group.end]


def ladder_hits(lexicon: Lexicon, text: str, start: int, end: int, links: frozenset[str]) -> list[Hit]:
    """Ladder hits of ``text`` that lie between ``start`` and ``end``."""
    return [h for h in find_hits(lexicon, text, links) if h.kind == "ladder" and start <= h.start and h.end <= end]


def marker_hits(lexicon: Lexicon, text: str, start: int, end: int, links: frozenset[str]) -> list[Hit]:
    """Qualifier, condition and deadline hits of ``text`` between ``start`` and ``end``."""
    return [h for h in find_hits(lexicon, text, links)
            if (h.kind == "marker" or (h.group == "deadline" and h.firm)) and start <= h.start and h.end <= end]


__all__ = ["Resolution", "alternative_spans", "ladder_hits", "marker_hits", "resolve"]
