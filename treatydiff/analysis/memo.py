"""Small bounded memos for pure per-text work.

Comparing the rounds of a negotiation one after another reads each text twice: round *k*'s
new text is round *k + 1*'s old text, and most provisions are the same object in every round
that leaves them alone.  Work that depends only on one text (its hits, its normalised words)
is therefore kept here for the next comparison.  Entries leave first in, first out once a
memo is full: a timeline reads each text in two neighbouring comparisons, so old entries are
the ones not needed again.  Values must be immutable (callers share them).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(Generic[K, V]):
    """``get(key, compute)``: ``compute()`` once per key while the key stays among the last ``size``."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: dict[K, V] = {}

    def get(self, key: K, compute: Callable[[], V]) -> V:
        values = self._values
        try:
            return values[key]
        except KeyError:
            pass
        value = compute()
        if len(values) >= self.size:
            del values[next(iter(values))]  # the oldest entry
        values[key] = value
        return value

    def clear(self) -> None:
        self._values.clear()

    def __len__(self) -> int:
        return len(self._values)
