"""Find the words the rules care about in one provision's text, with their offsets.

A *hit* is one occurrence of a lexicon term (a ladder step, a qualifier, a condition, an
urgency word), a deadline ("within 30 days", "by 2030"), a cross-reference ("Article 4") or a
number.  Overlaps are resolved leftmost-longest, so "calls upon" is never also "upon".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..frozen import fast_init
from .brackets import bracket_spans, option_starts
from .lexicon import Lexicon
from .memo import Memo
from .scan import Prepared, prepare


@fast_init
@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    text: str
    kind: str  # "ladder", "marker", "urgency", "deadline", "bound", "reference", "number"
    family: str  # ladder or marker id; "urgency", "deadline", "reference", "number"
    group: str  # hits of one group are compared with each other
    rank: int = 0
    negated: bool = False
    firm: bool = False  # a deadline or urgency word that fixes a time
    value: float | None = None  # deadline length in days, year, or a number's value
    unit: str = ""  # "days" for durations, "year" for calendar years
    bracketed: bool = False  # inside square brackets: a proposal, not agreed text
    in_option: bool = False  # inside an "Option N:" block: one alternative among several


_UNIT_DAYS = {"day": 1.0, "week": 7.0, "month": 30.4375, "year": 365.25}
# "(?<![\w.])\d+(?:[.,]\d+)*(?!\w)", with the test of what precedes moved after the first
# digit: the pattern then starts with a digit, and ``re`` skips to digits in C instead of
# trying the lookbehind at every character (three times faster on a provision's text).
_NUMBER = re.compile(r"\d(?<![\w.]\d)\d*(?:[.,]\d+)*(?!\w)")
_FIGURE = re.compile(r"\((\d+)\)")
_DIGIT = re.compile(r"\d")
_PLAIN = re.compile(r"\d+(?:[.,]\d+)?")


def _number(lexicon: Lexicon, text: str) -> float | None:
    figure = _FIGURE.search(text)
    if figure:
        return float(figure.group(1))
    cleaned = text.strip()
    if _PLAIN.fullmatch(cleaned):
        return float(cleaned.replace(",", "."))
    value = lexicon.number_value(cleaned)
    return float(value) if value is not None else None


def _unit(lexicon: Lexicon, word: str) -> str | None:
    for name, pattern in lexicon.units:
        if pattern.fullmatch(word.strip()):
            return name
    return None


def _negated(lexicon: Lexicon, text: str, start: int, end: int) -> bool:
    if lexicon.negated_after is not None and lexicon.negated_after.match(text[end : end + 40]):
        return True
    return lexicon.negated_before is not None and lexicon.negated_before.search(text[max(0, start - 20) : start]) is not None


def _deadlines(lexicon: Lexicon, prepared: str | Prepared) -> list[Hit]:
    source = prepare(prepared)
    found: list[Hit] = []
    for scanner in lexicon.deadline_scanners:
        for match, _ in scanner.finditer(source):
            groups = match.groupdict()
            if groups.get("year"):
                found.append(Hit(match.start(), match.end(), match.group(0), "deadline", "deadline", "deadline",
                                 firm=True, value=float(groups["year"]), unit="year"))
                continue
            amount = _number(lexicon, groups.get("n") or "")
            unit = _unit(lexicon, groups.get("unit") or "")
            if amount is None or unit is None:
                continue
            found.append(Hit(match.start(), match.end(), match.group(0), "deadline", "deadline", "deadline",
                             firm=True, value=amount * _UNIT_DAYS[unit], unit="days"))
    return found


def _bounds(lexicon: Lexicon, prepared: str | Prepared) -> list[Hit]:
    source = prepare(prepared)
    found: list[Hit] = []
    for kind, scanner in lexicon.bound_scanners:
        for match, _ in scanner.finditer(source):
            amount = _number(lexicon, match.groupdict().get("n") or "")
            if amount is not None:
                found.append(Hit(match.start(), match.end(), match.group(0), "bound", kind, "bound", value=amount))
    return found


def _terms(lexicon: Lexicon, prepared: str | Prepared) -> list[Hit]:
    source = prepare(prepared)
    text = source.text
    found: list[Hit] = []
    for match, index in lexicon.term_scanner.finditer(source):
        info = lexicon.term_info[index]
        found.append(Hit(match.start(), match.end(), match.group(0), info.kind, info.family, info.group,
                         rank=info.rank, firm=info.firm,
                         negated=info.kind == "ladder" and _negated(lexicon, text, match.start(), match.end())))
    return found


def _references(lexicon: Lexicon, prepared: str | Prepared) -> list[Hit]:
    source = prepare(prepared)
    return [
        Hit(m.start(), m.end(), m.group(0), "reference", "reference", "reference")
        for scanner in lexicon.reference_scanners
        for m, _ in scanner.finditer(source)
    ]


def _numbers(lexicon: Lexicon, prepared: str | Prepared) -> list[Hit]:
    source = prepare(prepared)
    # Most provisions hold no figure: a search for a digit (in C) skips the slower pattern.
    found = [Hit(m.start(), m.end(), m.group(0), "number", "number", "number", value=_number(lexicon, m.group(0)))
             for m in _NUMBER.finditer(source.text)] if _DIGIT.search(source.text) else []
    for m, _ in lexicon.number_scanner.finditer(source):
        found.append(Hit(m.start(), m.end(), m.group(0), "number", "number", "number", value=_number(lexicon, m.group(0))))
    return found


def _leftmost_longest(hits: list[Hit]) -> list[Hit]:
    chosen: list[Hit] = []
    end = -1
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if hit.start >= end:
            chosen.append(hit)
            end = hit.end
    return chosen


# Hits depend on the text alone: consecutive comparisons of a timeline read each text twice.
_HITS: Memo[tuple[Lexicon, str, frozenset[str]], tuple[Hit, ...]] = Memo(4096)


def find_hits(lexicon: Lexicon, text: str, links: frozenset[str] = frozenset()) -> tuple[Hit, ...]:
    """Every hit in ``text``, in order, none overlapping another.

    ``links`` are the draft's Markdown reference labels, so that ``[text][label]`` is not
    taken for bracketed alternatives (see :func:`brackets.link_labels`).
    """
    return _HITS.get((lexicon, text, links), lambda: _find_hits(lexicon, text, links))


def duty_words(lexicon: Lexicon, text: str) -> list[Hit]:
    """The duty words of ``text`` alone ("shall", "may not", "agrees to"), cheaper than every
    hit: what a sentence's frame (frames.py) needs, read once per deleted or added commitment."""
    return [h for h in _leftmost_longest(_terms(lexicon, text)) if h.kind == "ladder" and h.group == "obligation"]


def _find_hits(lexicon: Lexicon, text: str, links: frozenset[str] = frozenset()) -> tuple[Hit, ...]:
    source = prepare(text)
    # Deadlines and references first: "by May 2030" is a deadline, not the modal "may".
    structured = _leftmost_longest(_deadlines(lexicon, source) + _references(lexicon, source) + _bounds(lexicon, source))
    taken = [(h.start, h.end) for h in structured]

    def free(hit: Hit) -> bool:
        return not any(hit.start < e and s < hit.end for s, e in taken)

    terms = [h for h in _leftmost_longest(_terms(lexicon, source)) if free(h)]
    numbers = [h for h in _leftmost_longest(_numbers(lexicon, source)) if free(h) and all(not (h.start < t.end and t.start < h.end) for t in terms)]
    spans = bracket_spans(text, links)
    options = option_starts(text, lexicon.options)
    out: list[Hit] = []
    for hit in sorted(structured + terms + numbers, key=lambda h: (h.start, h.end)):
        inside = any(s.start < hit.start and hit.end <= s.end for s in spans)
        in_option = bool(options) and options[0] <= hit.start
        if inside or in_option:
            hit = replace(hit, bracketed=inside, in_option=in_option)
        out.append(hit)
    return tuple(out)
