"""Reading a regular expression's words through ``re``'s own parser.

What a pattern's matches must start with ("undertakes? to" needs "undertake" or
"undertakes") and what every match must contain come from the parse tree ``re._parser``
builds.  That module is private: a Python upgrade may change its trees without an error, so
known answers are checked once at import (:data:`TRUSTED`) and, on any difference, every
reading says "unknown" and the scanners run their plain patterns: slower, never wrong.

Words are compared in a *canonical* form: lowercased, with the characters ``re.IGNORECASE``
also equates ("ı" and "i", "ſ" and "s" …) mapped to one representative.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

_MAX_WORDS = 512  # phrase prefixes followed at once before a reading gives up

try:  # the parser is internal to ``re``; without it every scanner uses the plain pattern
    _parser: Any = importlib.import_module("re._parser")
    _c: Any = importlib.import_module("re._constants")
    _extra: dict[int, tuple[int, ...]] = importlib.import_module("re._casefix")._EXTRA_CASES
except (ImportError, AttributeError):  # pragma: no cover - other Python implementations
    _parser = None
    _c = None
    _extra = {}


# Set by the self-check at the end of this module: whether ``re``'s internal parser still reads
# as this module expects.
TRUSTED = True


def _representatives() -> dict[int, str]:
    """Each character ``re.IGNORECASE`` equates with another lowercase one → one representative."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for key, values in _extra.items():
        for value in values:
            a, b = find(key), find(value)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {x: chr(find(x)) for x in list(parent)}


_BEFORE_LOWER = {0x130: "i"}  # "İ".lower() is two characters; re lowercases it to "i"
_AFTER_LOWER = _representatives()

# The characters the second table maps (after lowercasing), to find whether a text holds any.
_MAPPED_AFTER_LOWER = re.compile("[" + "".join(re.escape(c) for c in sorted(map(chr, _AFTER_LOWER))) + "]") if _AFTER_LOWER else None


def canonical(text: str) -> str:
    """``text`` with every character replaced by its ``re.IGNORECASE`` representative."""
    # ``translate`` looks every character of a non-ASCII text up in the table in Python (a
    # hundred times the cost of ``lower``, for one em dash or curly quote): a text holding
    # none of the few characters a table maps is left to ``lower`` alone.
    if "\u0130" in text:
        text = text.translate(_BEFORE_LOWER)
    lowered = text.lower()
    if _MAPPED_AFTER_LOWER is None or lowered.isascii() or _MAPPED_AFTER_LOWER.search(lowered) is None:
        return lowered
    return lowered.translate(_AFTER_LOWER)

def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


class _Unknown(Exception):
    """The first word of an alternative cannot be read from its pattern."""


DIGITS = "\x01"  # stands for a word made of digits only ("30", "2030")
DIGIT_WORD = re.compile(r"\d+")


def _extend(prefix: str, char: str) -> str:
    if prefix.startswith(DIGITS):
        raise _Unknown  # digits then more: not a word this reader can name
    return prefix + char


def _class_chars(items: Any) -> tuple[set[str], bool]:
    """(word characters, whether any non-word character) an IN item list matches."""
    chars: set[str] = set()
    other = False
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] <= 64:
            chars.update(chr(x) for x in range(av[0], av[1] + 1))
        elif op is _c.CATEGORY and av in (_c.CATEGORY_SPACE, _c.CATEGORY_NOT_WORD):
            other = True
        else:
            raise _Unknown
    words = {ch for ch in chars if _is_word_char(ch)}
    return words, other or len(words) < len(chars)


def _is_space(items: Any) -> bool:
    return list(items) == [(_c.CATEGORY, _c.CATEGORY_SPACE)]


def _close(prefixes: set[str]) -> set[str]:
    return {p.rstrip(" ") for p in prefixes}


def _step(data: Any, open_: set[str], closed: set[str], words: int) -> tuple[set[str], set[str]]:
    """Run a parsed sequence over the phrase prefixes still ``open_`` (words joined by one
    space, at most ``words`` of them); return (open, closed)."""
    for op, av in data:
        if not open_:
            break
        if op is _c.LITERAL:
            char = chr(av)
            if _is_word_char(char):
                open_ = {_extend(o, char) for o in open_}
            else:
                closed, open_ = closed | _close(open_), set()
        elif op is _c.IN:
            chars, other = _class_chars(av)
            if other:
                closed = closed | _close(open_)
            open_ = {_extend(o, ch) for o in open_ for ch in chars}
        elif op is _c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                raise _Unknown
            open_, closed = _step(sub.data, open_, closed, words)
        elif op is _c.BRANCH:
            new_open: set[str] = set()
            for branch in av[1]:
                o, closed = _step(branch.data, set(open_), closed, words)
                new_open |= o
            open_ = new_open
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            low, high, sub = av
            if high > 4:  # unbounded: a run of spaces, or a whole word of digits
                if len(sub.data) != 1 or sub.data[0][0] is not _c.IN:
                    raise _Unknown
                if list(sub.data[0][1]) == [(_c.CATEGORY, _c.CATEGORY_DIGIT)] and low >= 1 and open_ == {""}:
                    open_ = {DIGITS}
                    continue
                if _is_space(sub.data[0][1]) and low >= 1 and words > 1:
                    # Between two words of a phrase: the next word may still be read.
                    following: set[str] = set()
                    for prefix in open_:
                        if prefix.endswith(" ") or not prefix:
                            following.add(prefix)
                        elif prefix.count(" ") + 1 >= words:
                            closed = closed | {prefix}
                        else:
                            following.add(prefix + " ")
                    open_ = following
                    continue
                chars, other = _class_chars(sub.data[0][1])
                if chars or not other:
                    raise _Unknown
                closed = closed | _close(open_)
                open_ = open_ if low == 0 else set()
            else:
                reached: set[str] = set(open_) if low == 0 else set()
                current = set(open_)
                for count in range(1, high + 1):
                    current, closed = _step(sub.data, current, closed, words)
                    if count >= low:
                        reached |= current
                open_ = reached
        elif op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue  # zero-width
        else:
            raise _Unknown
        if len(open_) + len(closed) > _MAX_WORDS:
            raise _Unknown
    return open_, closed


def _ends_word(data: Any) -> bool:
    """True when the parsed pattern ends with the lookahead ``(?!\\w)``."""
    if not data:
        return False
    op, av = data[-1]
    if op is not _c.ASSERT_NOT or av[0] != 1:
        return False
    inner = list(av[1].data)
    return len(inner) == 1 and inner[0][0] is _c.IN and list(inner[0][1]) == [(_c.CATEGORY, _c.CATEGORY_WORD)]


def first_words(pattern: str, flags: int, words: int = 2) -> frozenset[str] | None:
    """The canonical phrases (of up to ``words`` words, joined by one space) a match of
    ``pattern`` at a word start must begin with, or None when they cannot be read."""
    if _parser is None or not TRUSTED:
        return None
    try:
        parsed = _parser.parse(pattern, flags)
        if parsed.state.flags & ~(flags | re.UNICODE):
            return None  # a global inline flag such as (?x)
    except Exception:  # any parse trouble means "unknown"
        return None
    # The second word cannot be read ("in 30 days"): the first alone still can be.  The
    # tree is read again, not parsed again (parsing a deadline pattern is the costly part).
    for count in (words, 1) if words > 1 else (words,):
        try:
            return _read_first_words(parsed, count)
        except _Unknown:
            continue
        except Exception:  # any reading trouble means "unknown"
            return None
    return None


def _read_first_words(parsed: Any, words: int) -> frozenset[str] | None:
    open_, closed = _step(parsed.data, {""}, set(), words)
    if open_:
        if not _ends_word(parsed.data):
            return None  # the match could end inside a longer word
        closed |= _close(open_)
    if not closed or "" in closed or any(p.endswith(" ") for p in closed):
        return None
    return frozenset(canonical(phrase) for phrase in closed)

SAFE_FOLDED = frozenset("abcdefghjlmnopqrtuvwxyz0123456789 -'\",.;:()*")


def _requirements(data: Any, ignorecase: bool) -> list[tuple[str, ...]]:
    """Sets of strings such that every match of the parsed sequence ``data`` contains one
    string of each set (an AND of ORs); an empty list says nothing."""
    found: list[tuple[str, ...]] = []
    run: list[str] = []
    for op, av in [*data, (None, None)]:
        if op is _c.LITERAL:
            char = chr(av)
            if not ignorecase or char in SAFE_FOLDED:
                run.append(char)
                continue
        if run:
            found.append(("".join(run),))
            run = []
        if op is _c.SUBPATTERN and not av[1] and not av[2]:
            found.extend(_requirements(av[3].data, ignorecase))
        elif op is _c.BRANCH:
            either: set[str] = set()
            for branch in av[1]:
                best = _best(_requirements(branch.data, ignorecase))
                if best is None:
                    break
                either.update(best)
            else:
                found.append(tuple(sorted(either)))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] > 0:
            found.extend(_requirements(av[2].data, ignorecase))
    return [f for f in found if f and all(f)]


def _best(requirements: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    return max(requirements, key=lambda r: min(map(len, r)), default=None)


class Prefilter:
    """A quick necessary condition for ``pattern`` to match: its required literal pieces occur.

    For a case-insensitive pattern the pieces are looked for in the canonical (lowercased) text.
    """

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.ignorecase = bool(pattern.flags & re.IGNORECASE)
        requirements: list[tuple[str, ...]] = []
        if _parser is not None:
            try:
                parsed = _parser.parse(pattern.pattern, pattern.flags)
                if not parsed.state.flags & ~(pattern.flags | re.UNICODE):
                    requirements = _requirements(parsed.data, self.ignorecase)
            except Exception:  # any parse trouble means "no prefilter"
                requirements = []
        # The most selective first: long pieces are rare.
        self.requirements = sorted({tuple(a.lower() if self.ignorecase else a for a in r) for r in requirements},
                                   key=lambda r: -min(map(len, r)))

    def may_match(self, text: str, lowered: str | None = None) -> bool:
        """``lowered``: the canonical text when known.  Pieces hold no "i", "k" or "s", so a plain
        ``lower()`` finds them as well as the canonical text would."""
        if not self.requirements:
            return True
        haystack = (lowered if lowered is not None else text.lower()) if self.ignorecase else text
        return all(any(piece in haystack for piece in either) for either in self.requirements)


_PREFILTERS: dict[re.Pattern[str], Prefilter] = {}


def prefilter(pattern: re.Pattern[str]) -> Prefilter:
    """The (cached) prefilter of a compiled pattern."""
    found = _PREFILTERS.get(pattern)
    if found is None:
        found = _PREFILTERS[pattern] = Prefilter(pattern)
    return found


# ``re._parser`` is private: a Python upgrade may change the trees it returns without an error.
# Known answers are checked once; any difference turns the prefilters off (every scanner then
# runs its plain pattern: slower, never wrong).
_KNOWN = (
    (r"shall(?!\w)", frozenset({"shall"})),
    (r"take(?:s)? note of(?!\w)", frozenset({"take", "takes"})),
    (r"(?:is|are) obliged to(?!\w)", frozenset({"is", "are"})),
    (r"within (?:a )?\d+ days(?!\w)", frozenset({"within"})),
)


def _self_check() -> bool:
    try:
        return all(first_words(pattern, re.IGNORECASE) == expected for pattern, expected in _KNOWN)
    except Exception:
        return False


TRUSTED = _self_check()
