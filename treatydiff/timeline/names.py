"""Naming a provision: ``"Article 4"`` or an id, in the latest round or a given one, and the
lineage that follows it backwards and forwards through renumbering, moves, splits and merges.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import UsageError
from ..model import Round
from .timeline import NegotiationTimeline


@dataclass(frozen=True)
class ProvisionRef:
    """One provision of one round: the node a lineage walk starts from."""

    round_index: int
    provision_id: str


_NUMBER = re.compile(r"(\d+[a-z]*(?:bis|ter|quater)?)", re.IGNORECASE)


def _label_key(label: str) -> str:
    """'Article 4', 'art. 4', '4' all key as '4'; 'Preamble, para 3' keeps its words."""
    text = label.casefold().strip().rstrip(".")
    text = re.sub(r"^(article|art\.?|section|sec\.?|annex|paragraph|para\.?)\s*", "", text)
    return re.sub(r"\s+", " ", text)


def resolve_provision(timeline: NegotiationTimeline, name: str, *, round_name: str | None = None) -> ProvisionRef:
    """The provision a user names by id or by label ("Article 4", "4", "4.2") in a round.

    The latest round is searched unless ``round_name`` names another.
    """
    rounds = timeline.rounds
    if not rounds:
        raise UsageError("the negotiation has no rounds", fix="list round files under `rounds:`")
    if round_name is None:
        index = len(rounds) - 1
    else:
        found = [i for i, r in enumerate(rounds) if round_name in (r.name, r.info.label)]
        if not found:
            names = ", ".join(r.name or r.info.label for r in rounds)
            raise UsageError(f"no round named {round_name!r}", fix=f"use one of: {names}")
        index = found[0]
    round_ = rounds[index]
    found_id = _find(round_, name)
    if found_id is not None:
        return ProvisionRef(index, found_id)
    where = round_.name or round_.info.label
    elsewhere = [r.name or r.info.label for r in rounds if _find(r, name) is not None]
    if elsewhere:
        held = elsewhere[0] if len(elsewhere) == 1 else f"{elsewhere[0]} to {elsewhere[-1]}" if len(elsewhere) == _span(rounds, elsewhere) else ", ".join(elsewhere)
        one = len(elsewhere) == 1
        raise UsageError(
            f"no provision {name!r} in round {where}" + (", the latest" if round_name is None else ""),
            fix=f"{'round' if one else 'rounds'} {held} {'has' if one else 'have'} one; pass --round {elsewhere[-1]} to follow it from there",
        )
    provisions = list(round_.walk())
    choices = [p.id for p in provisions] + [p.label for p in provisions]
    close = difflib.get_close_matches(name, choices, n=3)
    hint = f"did you mean {', '.join(repr(c) for c in close)}?" if close else "name it by its id or its label, e.g. 'Article 4'"
    raise UsageError(f"no provision {name!r} in round {where}", fix=hint)


def _span(rounds: Sequence[Round], names: list[str]) -> int:
    """How many rounds lie from the first of ``names`` to the last (both included)."""
    order = [r.name or r.info.label for r in rounds]
    return order.index(names[-1]) - order.index(names[0]) + 1


def _find(round_: Round, name: str) -> str | None:
    """The id of the provision ``name`` names in ``round_``: its id, label, number ("4") or
    citation ("4.2", "Article 4(2)"), else None."""
    provisions = list(round_.walk())
    for provision in provisions:
        if provision.id == name:
            return provision.id
    for provision in provisions:
        if provision.label == name:
            return provision.id
    wanted = _label_key(name)
    for top in round_.provisions:
        if _label_key(top.label) == wanted:
            return top.id
    # "4.2", "Article 4.2", "4(2)": paragraph 2 of the article labelled 4.
    match = re.fullmatch(r"(.+?)\s*(?:\.|\(|,\s*(?:para(?:graph)?\.?\s*)?)\s*(\w+)\)?", wanted)
    if match:
        article, paragraph = match.group(1), match.group(2)
        for top in round_.provisions:
            if _label_key(top.label) == article:
                for child in top.paragraphs:
                    if _label_key(child.label).strip("()") == paragraph:
                        return child.id
    return None


# --- lineage and history -------------------------------------------------------------------


def lineage(timeline: NegotiationTimeline, start: ProvisionRef) -> dict[int, tuple[str, ...]]:
    """Round index -> ids of the provision's versions there: its ancestors and descendants."""
    found: dict[int, dict[str, None]] = {start.round_index: {start.provision_id: None}}
    frontier = [start]
    while frontier:  # backwards
        node = frontier.pop()
        for link in timeline.predecessors(node.round_index, node.provision_id):
            seen = found.setdefault(node.round_index - 1, {})
            if link.old_id not in seen:
                seen[link.old_id] = None
                frontier.append(ProvisionRef(node.round_index - 1, link.old_id))
    frontier = [start]
    while frontier:  # forwards
        node = frontier.pop()
        for link in timeline.successors(node.round_index, node.provision_id):
            seen = found.setdefault(node.round_index + 1, {})
            if link.new_id not in seen:
                seen[link.new_id] = None
                frontier.append(ProvisionRef(node.round_index + 1, link.new_id))
    result: dict[int, tuple[str, ...]] = {}
    for index in sorted(found):
        result[index] = tuple(sorted(found[index], key=lambda pid: timeline.position(index, pid)))
    return result




def threads(timeline: NegotiationTimeline) -> tuple[ProvisionRef, ...]:
    """One start per top-level provision's life: the latest round's provisions in order, then
    those deleted along the way (where their life ended), oldest first."""
    rounds = timeline.rounds
    if not rounds:
        return ()
    last = len(rounds) - 1
    refs = [ProvisionRef(last, p.id) for p in rounds[last].provisions]
    for index in range(last):
        for provision in rounds[index].provisions:
            if not timeline.successors(index, provision.id):
                refs.append(ProvisionRef(index, provision.id))
    return tuple(refs)
