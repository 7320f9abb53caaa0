"""Fast matching of many alternative patterns: what ``combined.finditer`` finds, in a fraction of the time.

Python's ``re`` tries every alternative of a big alternation at every character, so one
pattern of 150 lexicon terms costs ~30 µs per character of text.  Most alternatives cannot
match a given text at all: "undertakes? to" needs the word "undertake" or "undertakes".  A
:class:`Scanner` reads from each parsed alternative the words a match must start with, looks
them up in the set of words of the text (built once, in C), and runs a pattern of only the
alternatives that can match, in their original order, so the matches are exactly those of
the full pattern.  An alternative whose first word it cannot read (a user term starting with
``\\w+`` …) is always kept, so results never depend on the optimisation.

How a pattern's words are read is :mod:`.regexread`'s work.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from .regexread import DIGIT_WORD, DIGITS, Prefilter, canonical, first_words, prefilter

_WORD = re.compile(r"\w+")

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
        self._known = known
        self._vocabulary = frozenset(self._by_word)
        self.vocabulary = self._vocabulary  # the phrases this scanner's matches start with
        self._heads = frozenset(phrase.split(" ")[0] for phrase in self._vocabulary)  # first words
        # The full pattern, this scanner's own word finder and the prefilter serve only texts
        # the shared finder cannot read; compiling them costs most of a lexicon's cold start,
        # so each is built the first time such a text comes.
        self._full: re.Pattern[str] | None = None
        self._own_finder: re.Pattern[str] | None = None
        self._prefilter: Prefilter | None = None
        self._patterns: dict[tuple[int, ...], re.Pattern[str]] = {}
        self._for_word: dict[str, tuple[int, ...]] = {}
        self._shared: WordFinder | None = None
        self._slot = -1

    @property
    def _combined(self) -> re.Pattern[str]:
        if self._full is None:
            self._full = self._compile(tuple(range(len(self.alternatives))))
        return self._full

    @property
    def _finder(self) -> re.Pattern[str] | None:
        if self._own_finder is None and self._known:
            self._own_finder = _word_finder(self._vocabulary)
        return self._own_finder

    @property
    def _anchors(self) -> Prefilter | None:
        if self._prefilter is None and len(self.alternatives) == 1:
            self._prefilter = Prefilter(self._combined)
        return self._prefilter

    def _alternatives_for(self, phrase: str) -> tuple[int, ...]:
        """The alternatives a match starting with ``phrase`` (the longest found there) can be, in order."""
        found = self._for_word.get(phrase)
        if found is None:
            words = phrase.split(" ")
            indices: set[int] = set()
            for count in range(1, len(words) + 1):
                indices.update(self._by_word.get(" ".join(words[:count]), ()))
            if DIGIT_WORD.fullmatch(words[0]):
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
        if self._known and self._vocabulary <= finder.words:
            self._shared = finder
            self._slot = finder.register(self)

    def finditer(self, text: str | Prepared, pos: int = 0) -> Iterator[tuple[re.Match[str], int]]:
        if not self.alternatives:
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
        self._as_found: dict[str, tuple[tuple[int, tuple[int, ...]], ...]] = {}  # by the words as the text spaces them

    def register(self, scanner: Scanner) -> int:
        self._scanners.append(scanner)
        self._table.clear()
        self._as_found.clear()
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
                as_found = self._as_found
                lowered = prepared.canonical
                pos = 0
                while True:
                    word = search(lowered, pos)
                    if word is None:
                        break
                    at = word.start()
                    phrase = word.group(0)
                    entries = as_found.get(phrase)
                    if entries is None:
                        entries = as_found[phrase] = self._entries(" ".join(phrase.split()))
                    for slot, indices in entries:
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


__all__ = ["Prefilter", "Prepared", "Scanner", "WordFinder", "canonical", "first_words", "prefilter", "prepare"]
