"""Brackets edited in place: a bracket gone and a bracket come that are one disagreement
reworded ("[within 30 days]" → "[within 60 days]"), neither closed nor opened.  Read by
:func:`.brackets.changed_groups` for the groups it could not match by their words.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .brackets import BracketGroup
    from .diffmap import DiffMap

_WORDS = re.compile(r"\w+")


def unedited(closed: list[BracketGroup], opened: list[BracketGroup], dmap: DiffMap | None) -> tuple[list[BracketGroup], list[BracketGroup]]:
    """``closed`` and ``opened`` less the pairs that are one bracket edited: without a diff map,
    paired by order; with one, only a pair at the same place or with most words in common
    ("[within 30 days]" → "[within 60 days]"), so that a whole bracketed paragraph adopted and a
    new "[and equity]" inside it are a closing and an opening, not one edit."""
    if dmap is None:
        edited = min(len(closed), len(opened))
        return closed[edited:], opened[edited:]
    left = [(o, set(_WORDS.findall(o.key))) for o in opened]
    kept: list[BracketGroup] = []
    for group in closed:
        span = (dmap.to_new(group.start), dmap.to_new(group.end))
        words = set(_WORDS.findall(group.key))
        mate = next((i for i, (o, theirs) in enumerate(left) if _same_bracket(span, words, o, theirs)), None)
        if mate is None:
            kept.append(group)
        else:
            del left[mate]
    return kept, [o for o, _ in left]


def _same_bracket(span: tuple[int, int], mine: set[str], new: BracketGroup, theirs: set[str]) -> bool:
    """Where the old bracket maps (``span``), the new one stands (each covers at least half of
    the longer), or the two share at least half of the words of the longer."""
    start, end = span
    if (min(end, new.end) - max(start, new.start)) * 2 >= max(end - start, new.end - new.start):
        return True
    shared = len(mine & theirs)
    return shared > 0 and shared * 2 >= max(len(mine), len(theirs))


__all__ = ["unedited"]
