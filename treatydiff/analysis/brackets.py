"""Square brackets and options: unagreed text as negotiators count it.

``[shall][should]`` is one stack of two alternatives; brackets nest (``[a [b] c]`` is two
brackets); ``\\[`` and ``\\]`` are literal brackets, not markers.  ``Option 1:`` blocks count
as options.  A bracket holding only a placeholder ("[deleted]") is not unagreed text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import BracketTally, Provision, Round


@dataclass(frozen=True)
class BracketSpan:
    start: int  # offset of "["
    end: int  # offset just after the matching "]"
    depth: int  # 0 for an outermost bracket

    def content(self, text: str) -> str:
        return text[self.start + 1 : self.end - 1]


def bracket_spans(text: str) -> list[BracketSpan]:
    """Every balanced bracket in ``text``, outermost first by position; strays are ignored."""
    spans: list[BracketSpan] = []
    stack: list[int] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and text[i + 1] in "[]":
            i += 2
            continue
        if char == "[":
            stack.append(i)
        elif char == "]" and stack:
            start = stack.pop()
            spans.append(BracketSpan(start, i + 1, len(stack)))
        i += 1
    return sorted(spans, key=lambda s: (s.start, -s.end))


def _is_placeholder(content: str, placeholders: Sequence[str]) -> bool:
    return " ".join(content.casefold().split()) in placeholders


def unagreed_spans(text: str, placeholders: Sequence[str] = ()) -> list[BracketSpan]:
    return [s for s in bracket_spans(text) if not _is_placeholder(s.content(text), placeholders)]


def stacks(text: str, spans: Sequence[BracketSpan]) -> list[list[BracketSpan]]:
    """Groups of brackets at one depth that follow each other directly: alternatives."""
    groups: list[list[BracketSpan]] = []
    for span in sorted(spans, key=lambda s: s.start):
        previous = next((g for g in reversed(groups) if g[-1].depth == span.depth), None)
        if previous is not None and text[previous[-1].end : span.start].strip() == "" and previous[-1].end <= span.start:
            previous.append(span)
        else:
            groups.append([span])
    return [g for g in groups]


def tally(text: str, placeholders: Sequence[str] = (), options: re.Pattern[str] | None = None) -> BracketTally:
    spans = unagreed_spans(text, placeholders)
    option_count = sum(len(g) for g in stacks(text, spans) if len(g) > 1)
    if options is not None:
        option_count += len(options.findall(text))
    return BracketTally(brackets=len(spans), options=option_count)


def add(a: BracketTally, b: BracketTally) -> BracketTally:
    return BracketTally(a.brackets + b.brackets, a.options + b.options)


def round_tally(round_: Round, placeholders: Sequence[str] = (), options: re.Pattern[str] | None = None) -> BracketTally:
    total = BracketTally()
    for provision in round_.walk():
        total = add(total, tally(provision.text, placeholders, options))
    return total


@dataclass(frozen=True)
class BracketGroup:
    """An outermost bracket or stack of alternatives, as one unit of disagreement."""

    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        return " ".join(self.text.casefold().split())


def groups(text: str, placeholders: Sequence[str] = ()) -> list[BracketGroup]:
    outer = [s for s in unagreed_spans(text, placeholders) if s.depth == 0]
    return [BracketGroup(g[0].start, g[-1].end, text[g[0].start : g[-1].end]) for g in stacks(text, outer)]


def changed_groups(old: str, new: str, placeholders: Sequence[str] = ()) -> tuple[list[BracketGroup], list[BracketGroup]]:
    """(closed, opened): groups only in the old text, groups only in the new.

    Groups are matched by their words; what is left over is paired by order as *edited*
    brackets (neither closed nor opened), so rewording inside a bracket is not counted twice.
    """
    old_groups, new_groups = groups(old, placeholders), groups(new, placeholders)
    remaining = Counter(g.key for g in new_groups)
    closed: list[BracketGroup] = []
    for g in old_groups:
        if remaining[g.key] > 0:
            remaining[g.key] -= 1
        else:
            closed.append(g)
    remaining_old = Counter(g.key for g in old_groups)
    opened: list[BracketGroup] = []
    for g in new_groups:
        if remaining_old[g.key] > 0:
            remaining_old[g.key] -= 1
        else:
            opened.append(g)
    edited = min(len(closed), len(opened))
    return closed[edited:], opened[edited:]


@dataclass(frozen=True)
class BracketEvent:
    """What happened to one provision's brackets between two rounds."""

    provision: str  # stable provision id
    label: str
    round: str
    event: str  # "opened", "closed" or "reopened"
    before: BracketTally
    after: BracketTally


def history(rounds: Iterable[Round], placeholders: Sequence[str] = (), options: re.Pattern[str] | None = None) -> list[BracketEvent]:
    """Per provision across rounds: brackets opened, closed, and reopened after a closing."""
    events: list[BracketEvent] = []
    last: dict[str, BracketTally] = {}
    was_closed: set[str] = set()
    for round_ in rounds:
        seen: dict[str, Provision] = {p.id: p for p in round_.walk()}
        for pid in sorted(seen):
            provision = seen[pid]
            now = tally(provision.text, placeholders, options)
            before = last.get(pid)
            if before is not None:
                open_before = before.brackets + before.options > 0
                open_now = now.brackets + now.options > 0
                if open_before and not open_now:
                    events.append(BracketEvent(pid, provision.label, round_.name or round_.info.label, "closed", before, now))
                    was_closed.add(pid)
                elif open_now and (now.brackets > before.brackets or now.options > before.options):
                    event = "reopened" if pid in was_closed else "opened"
                    events.append(BracketEvent(pid, provision.label, round_.name or round_.info.label, event, before, now))
            last[pid] = now
    return events
