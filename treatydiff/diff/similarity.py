"""How alike two provisions are, and which ones are worth comparing at all.

Provisions are compared as sequences of lower-cased words in which cross-references are
masked ("Article 4" → "xref"), so a renumbering that updates every cross-reference does
not make an article look rewritten.  Similarity is rapidfuzz's normalised Indel similarity over
those word sequences: word-level, so two unrelated articles written in the same boilerplate
score about 0.3, not the 0.5 a character-level ratio gives them.

Scoring every old provision against every new one is quadratic (74 s at 2,000 articles, see
the measurements in the guide), so :class:`CandidateIndex` prunes first: an inverted index on
each provision's rarest word 4-shingles proposes a handful of candidates per provision.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import chain
from operator import itemgetter

from rapidfuzz.distance import Indel

_WORD = re.compile(r"\w+", re.UNICODE)
# In ASCII text a word (\w+) is a run of letters, digits and "_": every other character becomes
# a space and str.split() finds the same words twice as fast as the regex.
_ASCII_WORD_GAPS = str.maketrans({c: " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")})
# A cross-reference: "Article 4", "article 2 bis", "paragraph 3", "Section A", "Annex II".
# Each alternative starts with its literal letter and checks the word boundary behind it, so
# the engine skips ahead to the next a, p, s or c in C instead of testing a boundary at every
# character (a leading \b leaves it no first character to look for); the matches are the same.
_XREF = re.compile(
    r"(?:a(?<!\wa)(?:rticles?|nnex(?:es)?)|p(?<!\wp)(?:aragraphs?|arts?)|s(?<!\ws)(?:ubparagraphs?|ections?)|c(?<!\wc)hapters?)"
    r"\s+(?:\d+(?:\s*(?:bis|ter|quater|quinquies))?|[ivxlc]+\b|[a-z]\b)"
)  # applied to case-folded text
SHINGLE = 4
RARE_SHINGLES = 24  # per provision: enough to find a heavily edited one, few enough to stay fast
MAX_CANDIDATES = 8
CONTAINMENT_WEIGHT = 0.8
CONTAINMENT_MIN_WORDS = 12


# Most texts of a negotiation stand unchanged in round after round: a timeline masks each once.
@lru_cache(maxsize=1 << 13)
def mask(text: str) -> str:
    """Case-folded text with cross-reference numbers masked: equal masks, equal content."""
    # A literal replacement (no group reference) keeps the substitution in C: three times
    # faster on a large treaty, and which kind of reference it was matters little here.
    return _XREF.sub(" xref ", text.casefold()) if text else ""


class Vocabulary:
    """Interns words as single characters, shared by both rounds of one comparison.

    A provision's words are then one string, one character per word in the order of first
    appearance: rapidfuzz compares strings several times faster than tuples, and a shingle is a
    four-character slice whose hash Python computes once (a tuple's is recomputed at every set
    operation).  Characters compare as the order of first appearance, as integers would.
    """

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}

    def words(self, masked: str) -> str:
        codes = self._codes
        words = masked.translate(_ASCII_WORD_GAPS).split() if masked.isascii() else _WORD.findall(masked)
        try:  # one lookup per word in C: three times faster than a Python loop on a large treaty
            return "".join(map(codes.__getitem__, words))
        except KeyError:  # new words: coded in order of appearance, so codes stay deterministic
            for word in dict.fromkeys(words):
                if word not in codes:
                    codes[word] = _code(len(codes))
            return "".join(map(codes.__getitem__, words))


def _code(index: int) -> str:
    """The ``index``-th word's character: every code point but the surrogates, in order."""
    if index >= 0xD800:
        index += 0x800
        if index > 0x10FFFF:
            raise ValueError("too many distinct words for one comparison")  # over 1.1 million
    return chr(index)


class Fingerprint:
    """What alignment knows of one provision's content.

    ``key`` (the masked text) decides exact matches; words and shingles are only computed for
    the few provisions left to score, which keeps the common case (most provisions unchanged
    or only renumbered) linear and cheap.
    """

    __slots__ = ("_shingles", "_vocabulary", "_words", "key")

    def __init__(self, key: str, vocabulary: Vocabulary) -> None:
        self.key = key
        self._vocabulary = vocabulary
        self._words: str | None = None
        self._shingles: frozenset[str] | None = None

    @property
    def empty(self) -> bool:
        return not self.key or self.key.isspace()

    @property
    def words(self) -> str:
        """One character per word (see :class:`Vocabulary`)."""
        if self._words is None:
            self._words = self._vocabulary.words(self.key)
        return self._words

    @property
    def shingles(self) -> frozenset[str]:
        """Every run of :data:`SHINGLE` words (a shorter text is one shingle of all its words)."""
        if self._shingles is None:
            words = self.words
            if len(words) <= SHINGLE:
                self._shingles = frozenset((words,)) if words else frozenset()
            else:
                self._shingles = frozenset([words[k : k + SHINGLE] for k in range(len(words) - SHINGLE + 1)])
        return self._shingles


def provision_key(heading: str | None, text: str, paragraph_keys: Sequence[str], *, masked: Callable[[str], str] = mask) -> str:
    """An article's masked key from its parts (paragraph keys are computed once, reused);
    ``masked`` is :func:`mask` or a memo of it."""
    return "\n".join([masked(heading) if heading else "", masked(text), *paragraph_keys])


def similarity(a: Fingerprint, b: Fingerprint) -> float:
    """0 (nothing in common) to 1 (same words in the same order, numbering aside)."""
    if a.key == b.key or a.words == b.words:
        return 1.0
    if not a.words or not b.words:
        return 0.0
    return float(Indel.normalized_similarity(a.words, b.words))


def match_score(a: Fingerprint, b: Fingerprint) -> float:
    """How strongly content says ``a`` became ``b``: similarity, or for a provision much
    expanded or cut down, how much of the shorter one survives inside the longer.

    The containment share is discounted (boilerplate alone contains up to about half of an
    unrelated provision's shingles) and ignored for very short texts.
    """
    score = similarity(a, b)
    if score >= 1.0:
        return score
    short, long_ = (a, b) if len(a.words) <= len(b.words) else (b, a)
    if len(short.words) >= CONTAINMENT_MIN_WORDS:
        score = max(score, CONTAINMENT_WEIGHT * containment(short, long_))
    return score


def containment(part: Fingerprint, whole: Fingerprint) -> float:
    """Share of ``part``'s shingles found in ``whole``: high when ``part`` was cut from it."""
    if not part.shingles:
        return 0.0
    return len(part.shingles & whole.shingles) / len(part.shingles)


class CandidateIndex:
    """Inverted index on rare shingles over a set of provisions (their fingerprints).

    A query looks up only the query's rarest shingles, so its cost does not grow with the
    number of provisions indexed; shingles shared by more than ``max_df`` provisions (boiler-
    plate) are not indexed at all.
    """

    def __init__(self, items: Sequence[Fingerprint], max_df: int = 40) -> None:
        # Document frequencies are needed only while the postings are built: not kept.  Most
        # rare shingles stand in one provision: those map to its index, kept apart from the
        # ones shared by several (a list per shingle was most of the index's memory).
        df: Counter[str] = Counter()
        for item in items:
            df.update(item.shingles)
        single: dict[str, int] = {}
        shared: dict[str, list[int]] = {}
        for index, item in enumerate(items):
            for shingle in item.shingles:
                count = df[shingle]
                if count == 1:
                    single[shingle] = index
                elif count <= max_df:
                    found = shared.get(shingle)
                    if found is None:
                        shared[shingle] = [index]
                    else:
                        found.append(index)
        self._single = single
        self._shared = shared
        self._shared_df = {shingle: len(found) for shingle, found in shared.items()}

    def candidates(self, query: Fingerprint, limit: int = MAX_CANDIDATES) -> list[int]:
        """Indexes of the items sharing most of ``query``'s rare shingles, best first."""
        # The query's rarest shingles: those in one provision, then by how few share them, ties
        # by the shingle itself.  Only which ones matter (hits are counted), so the shingles are
        # ordered only where the cut falls; every step runs in C on the query's shingles.
        rarest = list(filter(self._single.__contains__, query.shingles))
        if len(rarest) > RARE_SHINGLES:
            rarest = heapq.nsmallest(RARE_SHINGLES, rarest)
        members = list(map(self._single.__getitem__, rarest))
        room = RARE_SHINGLES - len(rarest)
        if room:
            common = list(filter(self._shared.__contains__, query.shingles))
            if len(common) > room:
                common.sort(key=self._shared_df.__getitem__)
                counts = list(map(self._shared_df.__getitem__, common))
                cut = counts[room - 1]
                first, last = bisect_left(counts, cut), bisect_right(counts, cut)
                common = common[:first] + heapq.nsmallest(room - first, common[first:last])
            members.extend(chain.from_iterable(map(self._shared.__getitem__, common)))
        # Most hits first, ties in index order: sorted by index, then stably by count (both in C).
        ranked = sorted(Counter(members).items())
        ranked.sort(key=itemgetter(1), reverse=True)
        return [index for index, _ in ranked[:limit]]


def best_first(scored: Iterable[tuple[float, int, int]]) -> list[tuple[float, int, int]]:
    """(score, old, new) triples, best score first, ties in document order: deterministic."""
    return sorted(scored, key=lambda t: (-t[0], t[1], t[2]))
