"""What the restructuring passes share: walking the pairs, reading their sides as content words
and fingerprints, and rebuilding the pair tree with pieces re-paired or marked.

Split out of :mod:`.restructure` (the split and merge marks) and :mod:`.leftovers` (units
re-paired): the later passes (:mod:`.recut`, :mod:`.anchors`, :mod:`.spread`, :mod:`.lists`)
read and mark pairs the same way.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Sequence

from ..model import ChangeKind, ClausePair, Provision
from .similarity import Fingerprint, Vocabulary, mask

MIN_WORDS = 8  # shorter pieces ("Article 5", "Definitions") are found in too many places ...


def _walk(pairs: Sequence[ClausePair]) -> Iterator[ClausePair]:
    for pair in pairs:
        yield from pair.walk()


def _own(provision: Provision) -> str:
    return provision.text


def _grouped(pair: ClausePair) -> bool:
    return bool(set(pair.kinds) & {ChangeKind.SPLIT, ChangeKind.MERGED})


class _Texts:
    """Fingerprints of pair sides, made on demand and kept for the run."""

    def __init__(self) -> None:
        self.vocabulary = Vocabulary()
        self._prints: dict[tuple[str, bool], Fingerprint] = {}

    @staticmethod
    def text(pair: ClausePair, old_side: bool) -> str:
        provision = pair.old if old_side else pair.new
        return provision.text if provision else ""

    def forget(self, keys: Iterable[str]) -> None:
        for key in keys:
            self._prints.pop((key, True), None)
            self._prints.pop((key, False), None)

    def of(self, pair: ClausePair, old_side: bool) -> Fingerprint:
        key = (pair.key, old_side)
        found = self._prints.get(key)
        if found is None:
            provision = pair.old if old_side else pair.new
            found = Fingerprint(mask(provision.text) if provision else "", self.vocabulary)
            self._prints[key] = found
        return found


_CONTENT_WORD = re.compile(r"\w{4,}")


def _words_in(part: str, whole: str) -> float:
    """Share of ``part``'s distinct content words (four letters or more) that ``whole`` uses."""
    mine = set(_CONTENT_WORD.findall(part.casefold()))
    return len(mine & set(_CONTENT_WORD.findall(whole.casefold()))) / len(mine) if mine else 0.0


def _content(text: str) -> frozenset[str]:
    return frozenset(_CONTENT_WORD.findall(text.casefold()))


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def cite_of(pair: ClausePair, old_side: bool) -> str | None:
    return pair.old_citation if old_side else pair.new_citation


def _rebuild(pairs: tuple[ClausePair, ...], replace: dict[str, ClausePair], drop: set[str]) -> tuple[ClausePair, ...]:
    out: list[ClausePair] = []
    for pair in pairs:
        if pair.key in drop:
            continue
        pair = replace.get(pair.key, pair)
        kids = _rebuild(pair.paragraphs, replace, drop)
        out.append(dataclasses.replace(pair, paragraphs=kids) if kids != pair.paragraphs else pair)
    return tuple(out)


def _mark(pair: ClausePair, marks: dict[str, tuple[ChangeKind, list[str]]]) -> ClausePair:
    paragraphs = tuple(_mark(p, marks) for p in pair.paragraphs)
    found = marks.get(pair.key)
    if found is None:
        return dataclasses.replace(pair, paragraphs=paragraphs) if paragraphs != pair.paragraphs else pair
    kind, related = found
    kinds = set(pair.kinds) | {kind}
    kinds -= {ChangeKind.ADDED, ChangeKind.DELETED}  # a piece, or a lone source or target, is part of a group
    order = [k for k in ChangeKind if k in kinds]
    return dataclasses.replace(pair, kinds=tuple(order), related=tuple(sorted({*pair.related, *related})), paragraphs=paragraphs)
