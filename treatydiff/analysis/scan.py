"""Fast matching of many alternative patterns: what ``combined.finditer`` finds, in a fraction of the time.

Python's ``re`` tries every alternative of a big alternation at every character, so one
pattern of 150 lexicon terms costs ~30 µs per character of text.  Most alternatives cannot
match a given text at all: "undertakes? to" needs the word "undertake" or "undertakes".  A
:class:`Scanner` reads from each parsed alternative the words a match must start with, looks
them up in the set of words of the text (built once, in C), and runs a pattern of only the
alternatives that can match, in their original order, so the matches are exactly those of
the full pattern.  An alternative whose first word it cannot read (a user term starting with
``\\w+`` …) is always kept, so results never depend on the optimisation.

Words are compared in a *canonical* form: lowercased, with the characters ``re.IGNORECASE``
also equates ("ı" and "i", "ſ" and "s" …) mapped to one representative.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

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
_TRUSTED = True


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
_WORD = re.compile(r"\w+")
_MAX_WORDS = 512


def canonical(text: str) -> str:
    """``text`` with every character replaced by its ``re.IGNORECASE`` representative."""
    return text.translate(_BEFORE_LOWER).lower().translate(_AFTER_LOWER)


@dataclass
class Prepared:
    """A text with its canonical form and set of canonical words, each computed once."""

    text: str
    _canonical: str | None = None
    _words: frozenset[str] | None = field(default=None)
    _found: dict[int, list[list[tuple[int, tuple[int, ...]]]]] = field(default_factory=dict)  # by id of a WordFinder

    @property
    def canonical(self) -> str:
        if self._canonical is None:
            self._canonical = canonical(self.text)
        return self._canonical

    @property
    def words(self) -> frozenset[str]:
        if self._words is None:
            self._words = frozenset(_WORD.findall(self.canonical))
        return self._words


def prepare(text: str | Prepared) -> Prepared:
    return text if isinstance(text, Prepared) else Prepared(text)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


class _Unknown(Exception):
    """The first word of an alternative cannot be read from its pattern."""


DIGITS = "\x01"  # stands for a word made of digits only ("30", "2030")
_DIGIT_WORD = re.compile(r"\d+")


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
    if _parser is None or not _TRUSTED:
        return None
    try:
        parsed = _parser.parse(pattern, flags)
        if parsed.state.flags & ~(flags | re.UNICODE):
            return None  # a global inline flag such as (?x)
        open_, closed = _step(parsed.data, {""}, set(), words)
        if open_:
            if not _ends_word(parsed.data):
                return None  # the match could end inside a longer word
            closed |= _close(open_)
    except _Unknown:
        # The second word cannot be read ("in 30 days"): the first alone still can be.
        return first_words(pattern, flags, 1) if words > 1 else None
    except Exception:  # any parse trouble means "unknown"
        return None
    if not closed or "" in closed or any(p.endswith(" ") for p in closed):
        return None
    return frozenset(canonical(phrase) for phrase in closed)


class Scanner:
    """Matches of ``alternatives`` as ``re.compile("|".join(alternatives), flags).finditer`` gives them.

    Every alternative is preceded by the same zero-width ``lead`` (a word-boundary
    lookbehind).  ``finditer`` yields ``(match, index)``: the match and the index of the
    alternative that matched (the first one, in order, that matches at the leftmost position).

    When every alternative's first words are known, a case-sensitive pattern of those words
    finds, on the canonical text, each word start where some alternative may match (fast: it
    begins with a literal, so ``re`` skips ahead in C); only the alternatives starting with
    that word are tried there, in order.  Otherwise the plain pattern runs.
    """

    def __init__(self, alternatives: Sequence[str], flags: int = 0, lead: str = "") -> None:
        self.flags = flags
        self.lead = lead
        self.alternatives = tuple(alternatives)
        by_word: dict[str, list[int]] = {}
        known = lead == r"(?<!\w)" and bool(alternatives)
        for index, alternative in enumerate(self.alternatives):
            words = first_words(alternative, flags) if known else None
            if words is None:
                known = False
                break
            for word in words:
                by_word.setdefault(word, []).append(index)
        self._by_word = {word: tuple(indices) for word, indices in by_word.items()} if known else {}
        self._vocabulary = frozenset(self._by_word)
        self.vocabulary = self._vocabulary  # the phrases this scanner's matches start with
        self._heads = frozenset(phrase.split(" ")[0] for phrase in self._vocabulary)  # first words
        self._combined = self._compile(tuple(range(len(self.alternatives)))) if alternatives else None
        self._finder = _word_finder(self._vocabulary) if known else None
        self._patterns: dict[tuple[int, ...], re.Pattern[str]] = {}
        self._for_word: dict[str, tuple[int, ...]] = {}
        self._shared: WordFinder | None = None
        self._slot = -1
        self._anchors = Prefilter(self._combined) if self._combined is not None and len(self.alternatives) == 1 else None

    def _alternatives_for(self, phrase: str) -> tuple[int, ...]:
        """The alternatives a match starting with ``phrase`` (the longest found there) can be, in order."""
        found = self._for_word.get(phrase)
        if found is None:
            words = phrase.split(" ")
            indices: set[int] = set()
            for count in range(1, len(words) + 1):
                indices.update(self._by_word.get(" ".join(words[:count]), ()))
            if _DIGIT_WORD.fullmatch(words[0]):
                indices.update(self._by_word.get(DIGITS, ()))
            found = self._for_word[phrase] = tuple(sorted(indices))
        return found

    def _compile(self, indices: tuple[int, ...]) -> re.Pattern[str]:
        return re.compile(self.lead + "(?:" + "|".join(f"(?P<a{i}>{self.alternatives[i]})" for i in indices) + ")", self.flags)

    def _pattern(self, indices: tuple[int, ...]) -> re.Pattern[str]:
        pattern = self._patterns.get(indices)
        if pattern is None:
            pattern = self._patterns[indices] = self._compile(indices)
        return pattern

    def share(self, finder: WordFinder) -> None:
        """Take candidate words from ``finder`` (one pass over a text for several scanners)."""
        if self._finder is not None and self._vocabulary <= finder.words:
            self._shared = finder
            self._slot = finder.register(self)

    def finditer(self, text: str | Prepared, pos: int = 0) -> Iterator[tuple[re.Match[str], int]]:
        if self._combined is None:
            return
        prepared = prepare(text)
        shared = self._shared
        if shared is not None and len(prepared.canonical) == len(prepared.text):
            raw = prepared.text
            for at, indices in shared.find(prepared)[self._slot]:
                if at < pos:
                    continue
                match = self._pattern(indices).match(raw, at)
                if match is not None:
                    yield match, _index(match)
                    pos = match.end() if match.end() > at else at + 1
            return
        if self._anchors is not None and not self._anchors.may_match(prepared.text, prepared.canonical):
            return
        finder = self._finder
        lowered = prepared.canonical if finder is not None else ""
        if finder is None or len(lowered) != len(prepared.text):
            for match in self._combined.finditer(prepared.text, pos):
                yield match, _index(match)
            return
        if DIGITS not in self._heads and self._heads.isdisjoint(prepared.words):
            return
        raw = prepared.text
        search = finder.search
        while True:
            word = search(lowered, pos)
            if word is None:
                return
            at = word.start()
            match = self._pattern(self._alternatives_for(" ".join(word.group(0).split()))).match(raw, at)
            if match is None:
                pos = at + 1
                continue
            yield match, _index(match)
            pos = match.end() if match.end() > at else at + 1

    def search(self, text: str | Prepared, pos: int = 0) -> re.Match[str] | None:
        """The first match, as ``combined.search`` finds it."""
        return next((m for m, _ in self.finditer(text, pos)), None)


def _trie(words: Sequence[str]) -> str:
    """An alternation of ``words`` as a trie: ``re`` compares one character per level, not one per word."""
    groups: dict[str, list[str]] = {}
    ends = False
    for word in words:
        if word:
            groups.setdefault(word[0], []).append(word[1:])
        else:
            ends = True
    branches = [(r"\s+" if char == " " else re.escape(char)) + _trie(rest) for char, rest in sorted(groups.items())]
    if not branches:
        return ""
    if ends:
        branches.append("")
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


class WordFinder:
    """Every word start where a phrase of ``words`` begins, found in one pass per text for
    all the scanners registered with it.

    At each such start the longest phrase found there is taken; the shorter phrases of the
    same start are its word-prefixes, which each scanner's lookup covers.
    """

    def __init__(self, words: frozenset[str]) -> None:
        self.words = words
        self._pattern = _word_finder(words)
        self._heads = frozenset(phrase.split(" ")[0] for phrase in words)
        self._scanners: list[Scanner] = []
        self._table: dict[str, tuple[tuple[int, tuple[int, ...]], ...]] = {}

    def register(self, scanner: Scanner) -> int:
        self._scanners.append(scanner)
        self._table.clear()
        return len(self._scanners) - 1

    def _entries(self, phrase: str) -> tuple[tuple[int, tuple[int, ...]], ...]:
        found = self._table.get(phrase)
        if found is None:
            pairs = ((slot, scanner._alternatives_for(phrase)) for slot, scanner in enumerate(self._scanners))
            found = self._table[phrase] = tuple((slot, indices) for slot, indices in pairs if indices)
        return found

    def find(self, prepared: Prepared) -> list[list[tuple[int, tuple[int, ...]]]]:
        """Per registered scanner: (start, alternatives that may match there), in order."""
        found = prepared._found.get(id(self))
        if found is None:
            found = [[] for _ in self._scanners]
            if self._pattern is not None and (DIGITS in self.words or not self._heads.isdisjoint(prepared.words)):
                search = self._pattern.search
                lowered = prepared.canonical
                pos = 0
                while True:
                    word = search(lowered, pos)
                    if word is None:
                        break
                    at = word.start()
                    for slot, indices in self._entries(" ".join(word.group(0).split())):
                        found[slot].append((at, indices))
                    pos = at + 1  # a phrase's second word may start another phrase
            prepared._found[id(self)] = found
        return found


def _word_finder(words: frozenset[str]) -> re.Pattern[str] | None:
    """A case-sensitive pattern finding each of ``words`` as a whole word.

    The start-of-word test comes after the first letter, so the pattern begins with literals
    and ``re`` can skip to candidate letters without trying the pattern everywhere.
    """
    if not words:
        return None
    heads: dict[str, list[str]] = {}
    for word in words - {DIGITS}:
        heads.setdefault(word[0], []).append(word[1:])
    branches = [re.escape(char) + r"(?<!\w[\s\S])" + _trie(sorted(rest)) for char, rest in sorted(heads.items())]
    if DIGITS in words:
        branches.append(r"\d(?<!\w[\s\S])\d*")
    return re.compile("(?:" + "|".join(branches) + r")(?!\w)")


def _index(match: re.Match[str]) -> int:
    name = match.lastgroup
    assert name is not None and name.startswith("a")
    return int(name[1:])


# Characters of a canonical text that ``re.IGNORECASE`` equates with no other character such a
# text can hold (not i, k or s, to be safe: "ı", "K" and "ſ" have their own ways).
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


_TRUSTED = _self_check()
