"""Bracketed items that carry an earlier disagreement into the text.

A bracketed proposal settled into the text with its list items still disputed ("[… shall
provide new, adequate, predictable … resources …]" → "shall provide [new,] [adequate,]
[predictable,] … resources") puts nothing new on the table: the items' words stood in brackets
before and still do.  Read by :func:`.brackets.changed_groups`, which leaves them out of the
brackets opened.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from .lexicon import list_item_words

if TYPE_CHECKING:
    from .brackets import BracketGroup


def _words(text: str) -> str:
    return " ".join(re.sub(r"[\[\]]", " ", text).casefold().split())


def _holders(group: BracketGroup, closed: Sequence[BracketGroup]) -> set[int]:
    """The indexes of the ``closed`` groups inside which the words of ``group`` stood, in that order."""
    words = _words(group.text).strip(",;:. ")
    if not re.search(r"\w", words):
        return set()
    pattern = re.compile(rf"(?<!\w){re.escape(words)}(?!\w)")
    return {i for i, g in enumerate(closed) if pattern.search(_words(g.text))}


@cache
def item_gap() -> re.Pattern[str]:
    """What may stand between two items of one list ("[new,] [additional,] and [scaled-up]"),
    and a bracket that holds nothing else ("[and]"): the bracket rules read runs of items by it
    too.  The connectors are every lexicon's ``list_items.connectors``."""
    connectors = "|".join(re.escape(w) for w in list_item_words("connectors"))
    return re.compile(rf"^[\s,;]*(?:(?:{connectors})[\s,;]*)?$", re.IGNORECASE)


def carried_items(new: str, opened: Sequence[BracketGroup], closed: Sequence[BracketGroup]) -> list[BracketGroup]:
    """The opened groups that are a run of two or more bracketed items ("[new,] [additional,]
    and [scaled-up]") whose words all stood inside one bracket now closed."""
    carried: list[BracketGroup] = []
    run: list[BracketGroup] = []
    gap = item_gap()
    for g in [*opened, None]:
        if g is not None and run and gap.match(new[run[-1].end : g.start]):
            run.append(g)
            continue
        if len(run) >= 2 and set.intersection(*(_holders(r, closed) for r in run)):
            carried.extend(run)
        run = [g] if g is not None else []
    return carried
