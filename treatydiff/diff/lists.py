"""A chapeau and its items go together when a split or merge takes part of them.

A list is one sentence cut into paragraphs: "If You Share the Licensed Material, You must:"
followed by "(A) retain …", "(B) indicate …".  When a provision re-cut into such a list is split
(or such a list merged into a flat provision), the passes before this one find the pieces whose
words stand in the old text, but not the chapeau or the items reworded beyond recognition; left
alone, those read as added (deleted) beside a split (merge) of their own sentence.  So:

* a chapeau (a paragraph whose text leads into its items: it ends with a colon, or announces
  "the following") and its items are one unit: when one of them is a piece of a group, the
  items that are still one-sided on that side join it, unless pieces of two groups stand among
  them (then the list was cut up between two provisions, and nothing says how); the chapeau
  stays as it is, read on its own;
* a heading with no text of its own ("Attribution.", "License grant.") goes with its first
  item: when that item is a piece of a group and the heading is one-sided, the heading joins it.

Only one-sided units that no other pass placed are added to a group; nothing is taken from one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import ChangeKind, ClausePair
from .restructure import _grouped as grouped
from .restructure import _mark as mark
from .restructure import _walk as walk
from .restructure import pair_groups

# A heading has at most this many words of text of its own ("Downstream recipients.").
HEADING_WORDS = 3
_LEADS_IN = re.compile(r"(?::|\b(?:the following|as follows)\b[^.;:]*[.:]?)\s*$", re.IGNORECASE)


def _side(pair: ClausePair, split: bool) -> str | None:
    provision = pair.new if split else pair.old
    return provision.text if provision is not None else None


def _one_sided(pair: ClausePair, split: bool) -> bool:
    return (pair.old is None and pair.new is not None) if split else (pair.new is None and pair.old is not None)


def _name(pair: ClausePair, split: bool) -> str:
    return (pair.new_citation if split else pair.old_citation) or ""


_GROUP = re.compile(r"\([^()]*\)$")


def _lists(pairs: Sequence[ClausePair], split: bool) -> list[tuple[ClausePair, list[ClausePair]]]:
    """Each unit with items, and the pairs of its items, innermost first.  Items are the side's
    paragraphs, and within an article's paragraphs those whose label extends another's by one
    group ("(a)(1)(A)" under "(a)(1)"): importers keep an article's paragraphs flat and the
    nesting in the labels.  A one-sided paragraph's pair may stand elsewhere among the pairs."""
    every = list(walk(pairs))
    of = {side.id: p for p in every if (side := p.new if split else p.old) is not None}
    out: list[tuple[int, ClausePair, list[ClausePair]]] = []
    for pair in every:
        side = pair.new if split else pair.old
        if side is None or not side.paragraphs:
            continue
        labels = {c.label: c for c in side.paragraphs if c.label}
        under: dict[str, list[ClausePair]] = {}
        top: list[ClausePair] = []
        for child in side.paragraphs:
            if child.id not in of:
                continue
            head = _GROUP.sub("", child.label or "")
            if head and head != child.label and head in labels:
                under.setdefault(head, []).append(of[child.id])
            else:
                top.append(of[child.id])
        # An article's own text before its paragraphs is no chapeau of them all: "… subject to the
        # following conditions." introduces sections of their own, each its own unit (drafts
        # held out while this was fixed aligned worse when it was read as one).
        for label, items in under.items():
            if labels[label].id in of:
                out.append((label.count("("), of[labels[label].id], items))
    out.sort(key=lambda unit: -unit[0])
    return [(parent, items) for _, parent, items in out]


def gather_lists(pairs: tuple[ClausePair, ...]) -> tuple[ClausePair, ...]:
    """``pairs`` with the chapeaux, items and headings of a split (merged) list joined to its group."""
    group_of: dict[str, int] = {}
    for n, members in enumerate(pair_groups(pairs)):
        for member in members:
            group_of[member.key] = n
    if not group_of:
        return pairs
    marks: dict[str, tuple[ChangeKind, list[str]]] = {}
    for split in (True, False):
        kind = ChangeKind.SPLIT if split else ChangeKind.MERGED
        # Innermost lists first, so that a heading over a chapeau sees the chapeau joined.
        for parent, items in _lists(pairs, split):
            text = _side(parent, split) or ""
            if not items:
                continue
            unit = [parent, *items]
            joined = {group_of[p.key] for p in unit if p.key in group_of}
            if _LEADS_IN.search(text.strip()) and len(joined) == 1:
                home = next((p for p in unit if p.key in group_of and kind in _kinds(p, marks)), None)
                if home is None:
                    continue
                # The chapeau itself joins only through its heading rule or a pass before: its
                # duty word read against the whole group's text ("You must:") pairs with any other.
                for member in items:
                    if member.key not in group_of and _one_sided(member, split) and not grouped(member):
                        _join(marks, member, home, kind, split)
                        group_of[member.key] = group_of[home.key]
            elif len(text.split()) <= HEADING_WORDS and parent.key not in group_of and _one_sided(parent, split) \
                    and not grouped(parent) and items[0].key in group_of and kind in _kinds(items[0], marks):
                _join(marks, parent, items[0], kind, split)
                group_of[parent.key] = group_of[items[0].key]
    if not marks:
        return pairs
    return tuple(mark(p, marks) for p in pairs)


def _kinds(pair: ClausePair, marks: dict[str, tuple[ChangeKind, list[str]]]) -> set[ChangeKind]:
    found = marks.get(pair.key)
    return set(pair.kinds) | ({found[0]} if found else set())


def _join(marks: dict[str, tuple[ChangeKind, list[str]]], member: ClausePair, home: ClausePair, kind: ChangeKind, split: bool) -> None:
    """Mark ``member`` a piece of ``home``'s group (pieces name each other by citation)."""
    marks[member.key] = (kind, [_name(home, split)])
    marks.setdefault(home.key, (kind, []))[1].append(_name(member, split))


__all__ = ["gather_lists"]
