"""Deleted and added articles read whole, paired when they are one article re-cut.

A licence re-drafted from flat sections with inline lettered items into sections with nested
paragraphs (CC BY-SA 3.0's "1. Definitions a. ... b. ..." → 4.0's Section 1 with (a)–(m); MPL
1.1's section 8 → MPL 2.0's section 5.1–5.3) is reworded as it is re-cut, and every article of
such a draft speaks of the same things ("Licensor", "License", "Work"): plain word overlap of
the right pair barely beats the overlap of any two articles.  So the words are weighted by
their rarity among the articles of both drafts (a word every article uses says nothing), and
pairs are taken best first, one to one: a pair counts when it clearly beats every rival still
free on either side (an article already paired is no rival: it has its own successor).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

# Weighted overlap (Dice over rarity-weighted content words) a pair needs, and how far it must
# beat every free rival.
WEIGHTED_WORDS = 0.2
WEIGHTED_MARGIN = 1.6


class Rarity:
    """Inverse document frequency of content words over a set of articles."""

    def __init__(self, documents: Iterable[frozenset[str]]) -> None:
        df: Counter[str] = Counter()
        count = 0
        for words in documents:
            df.update(words)
            count += 1
        self.idf = {w: math.log((count + 1) / n) for w, n in df.items()}

    def weight(self, words: frozenset[str]) -> float:
        idf = self.idf
        return sum(idf.get(w, 0.0) for w in words)

    def dice(self, a: frozenset[str], b: frozenset[str]) -> float:
        total = self.weight(a) + self.weight(b)
        return 2 * self.weight(a & b) / total if total else 0.0


def one_to_one(scores: dict[tuple[int, int], float], least: float = WEIGHTED_WORDS, margin: float = WEIGHTED_MARGIN) -> list[tuple[int, int]]:
    """The (old, new) pairs taken best first, each clearly ahead of the rivals left free."""
    rows: dict[int, list[tuple[int, float]]] = {}
    cols: dict[int, list[tuple[int, float]]] = {}
    for (i, j), v in scores.items():
        rows.setdefault(i, []).append((j, v))
        cols.setdefault(j, []).append((i, v))
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    out: list[tuple[int, int]] = []
    for (i, j), score in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
        if score < least:
            break
        if i in taken_old or j in taken_new:
            continue
        rivals = [v for k, v in rows[i] if k != j and k not in taken_new] + [v for k, v in cols[j] if k != i and k not in taken_old]
        if all(score >= margin * v for v in rivals):
            taken_old.add(i)
            taken_new.add(j)
            out.append((i, j))
    return sorted(out)


__all__ = ["Rarity", "one_to_one"]
