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
from .scan import prefilter

# A bracket, or an escaped bracket (skipped): only these characters matter to the matcher.
_BRACKET_TOKEN = re.compile(r"\\[\[\]]|[\[\]]")


@dataclass(frozen=True)
class BracketSpan:
    start: int  # offset of "["
    end: int  # offset just after the matching "]"
    depth: int  # 0 for an outermost bracket

    def content(self, text: str) -> str:
        return text[self.start + 1 : self.end - 1]


def bracket_spans(text: str) -> list[BracketSpan]:
    """Every balanced bracket in ``text``, outermost first by position; strays are ignored."""
    if "[" not in text:
        return []
    spans: list[BracketSpan] = []
    stack: list[int] = []
    for token in _BRACKET_TOKEN.finditer(text):
        char = token.group(0)
        if char == "[":
            stack.append(token.start())
        elif char == "]" and stack:
            start = stack.pop()
            spans.append(BracketSpan(start, token.end(), len(stack)))
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


def option_matches(text: str, options: re.Pattern[str] | None) -> list[re.Match[str]]:
    """Each "Option N:" heading in ``text`` (none without an options pattern)."""
    if options is None or not prefilter(options).may_match(text):
        return []
    return list(options.finditer(text))


def option_starts(text: str, options: re.Pattern[str] | None) -> list[int]:
    """Where each "Option N:" block starts."""
    return [m.start() for m in option_matches(text, options)]


def tally(text: str, placeholders: Sequence[str] = (), options: re.Pattern[str] | None = None) -> BracketTally:
    if "[" not in text and not option_matches(text, options):
        return BracketTally()
    spans = unagreed_spans(text, placeholders)
    option_count = sum(len(g) for g in stacks(text, spans) if len(g) > 1)
    option_count += len(option_starts(text, options))
    return BracketTally(brackets=len(spans), options=option_count)


def add(a: BracketTally, b: BracketTally) -> BracketTally:
    return BracketTally(a.brackets + b.brackets, a.options + b.options)


def provision_tallies(round_: Round, placeholders: Sequence[str] = (), options: re.Pattern[str] | None = None) -> dict[str, BracketTally]:
    """Each provision's own brackets and options, by provision id (for renderers to show).

    A provision's text excludes its paragraphs', which are provisions of their own; sum the
    paragraphs for an article's total.  Use the lexicon's ``placeholders`` and ``options``.
    """
    return {provision.id: tally(provision.text, placeholders, options) for provision in round_.walk()}


def round_tally(round_: Round, placeholders: Sequence[str] = (), options: re.Pattern[str] | None = None) -> BracketTally:
    texts = [provision.text for provision in round_.walk()]
    joined = "\n".join(texts)
    # Most rounds of a long text have no bracket or option in most provisions: one look at the
    # whole round (in C) settles the common case.
    if "[" not in joined and (options is None or not prefilter(options).may_match(joined)):
        return BracketTally()
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
