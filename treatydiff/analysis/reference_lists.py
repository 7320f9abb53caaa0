"""What a duty covers by reference: "support … for the implementation of paragraphs 9 to 11"
→ "paragraphs 7, 9, 10 and 11" now covers paragraph 7 too.

The numbers of a reference list are compared as sets, after the old ones are carried through
the renumbering the comparison found (old paragraph 8 is new paragraph 13), so a list that only
follows the renumbering changes nothing and a provision added to the list or dropped from it
is a widening or a narrowing of what the duty covers.
"""

from __future__ import annotations

import re

from .explain import quote, where
from .pairstate import PairState, in_duty, sentence_of
from .references import Renumbering

# "paragraphs 7, 9, 10 and 11", "Articles 3 and 4", "sections 9 to 11": a kind word and a list.
_LIST = re.compile(r"\b(paragraphs|articles|sections)\s+(\d+[a-z]?(?:\s*(?:,|and|or|to|through|-|–)\s*\d+[a-z]?)+)", re.IGNORECASE)
_NUMBER = re.compile(r"\d+[a-z]?")
_RANGE = re.compile(r"(\d+)\s*(?:to|through|-|–)\s*(\d+)")
_KIND = {"paragraphs": "para", "articles": "arti", "sections": "sect"}
# A range longer than this is read as written, not expanded ("Articles 1 to 300").
_MAX_RANGE = 50


def _numbers(listed: str) -> list[str]:
    out: list[str] = []
    rest = listed
    for found in _RANGE.finditer(listed):
        low, high = int(found.group(1)), int(found.group(2))
        if low < high <= low + _MAX_RANGE:
            out.extend(str(n) for n in range(low, high + 1))
            rest = rest.replace(found.group(0), " ", 1)
    out.extend(n.casefold() for n in _NUMBER.findall(rest))
    return sorted(set(out), key=lambda n: (len(n), n))


# "Articles 9 and 10 of the Convention" point into another instrument, which the renumbering
# of this one does not touch.
_ELSEWHERE = re.compile(r"\s*(?:of|in|under)\s+(?!this\b)(?:the\s+)?\w", re.IGNORECASE)


def _lists(text: str) -> list[tuple[int, int, str, list[str]]]:
    return [(m.start(), m.end(), _KIND[m.group(1).casefold()], _numbers(m.group(2))) for m in _LIST.finditer(text)
            if not _ELSEWHERE.match(text, m.end())]


def _carried(kind: str, number: str, renumbered: Renumbering) -> str:
    if kind == "sect":
        return renumbered.get(("sect", number), renumbered.get(("", number), number)).casefold()
    return renumbered.get((kind, number), number).casefold()


def reference_lists(state: PairState) -> None:
    """A reference list of a duty that gained or lost provisions, beyond the renumbering."""
    new_lists = _lists(state.new)
    if not new_lists:
        return
    label = where(state.label)
    for o0, o1, kind, numbers in _lists(state.old):
        s0, s1 = sentence_of(state.new_sentences, state.dmap.to_new(o0))
        same = [n for n in new_lists if n[2] == kind and s0 <= n[0] < s1]
        if len(same) != 1 or not in_duty(state, o0):
            continue  # none, or several lists of one kind in the sentence: which is which is unclear
        n0, n1, _, new_numbers = same[0]
        if state.old[o0:o1] == state.new[n0:n1]:
            continue  # kept as written: whatever the renumbering, the drafters meant the same list
        carried = {_carried(kind, n, state.renumbered) for n in numbers}
        gone = [n for n in numbers if _carried(kind, n, state.renumbered) not in new_numbers]
        came = [n for n in new_numbers if n not in carried]
        if came or gone:
            # The list's figures are read here as references: no "figure changed" inside it.
            state.findings = [(at, f) for at, f in state.findings if not (f.code == "number-changed" and (
                (f.old_span is not None and o0 <= f.old_span.start < o1) or (f.new_span is not None and n0 <= f.new_span.start < n1)))]
        changes = (("scope-widened", "references-added", came, "now also covers", ", beyond the renumbering", n0, False),
                   ("scope-narrowed", "references-removed", gone, "no longer covers old", "", o0, True))
        for code, rule, numbers_changed, verb, tail, at, old_side in changes:
            if numbers_changed:
                state.add(code, f"{state.lexicon.language}.scope.{rule}",
                          f"{quote(state.old[o0:o1])} became {quote(state.new[n0:n1])}{label}: the provision {verb} "
                          f"{_kind_name(kind, len(numbers_changed))} {', '.join(numbers_changed)}{tail}.",
                          old_words=state.old[o0:o1], new_words=state.new[n0:n1], old_span=(o0, o1), new_span=(n0, n1),
                          subject=state.subject_at(at, old_side))


def _kind_name(kind: str, count: int) -> str:
    name = {"para": "paragraph", "arti": "Article", "sect": "section"}[kind]
    return name if count == 1 else name + "s"
