"""Splits and merges at every level, read off the aligned pairs.

The aligner pairs provisions one to one.  Real drafts also restructure: a paragraph split into
three (Paris 3(15) → 3(16)–(19)), two merged into one (5(1) + 5(2) → 8(2)), subsections inline
in one version and separate paragraphs in the next (MPL 1.1 → 2.0).  Left as they are, the
pieces become a deletion plus an unrelated addition: the largest single cause of false findings
on real drafts.

This pass looks at what the aligner left one-sided.  A new provision (or paragraph) whose text
stands in a changed old one and not in that old one's successor was **split** from it; an old
one whose text stands in a changed new one and not in that new one's predecessor was **merged**
into it.  Candidates come from a rare-shingle index over changed pairs only (see
:mod:`.similarity`), so the cost stays linear.  Every piece keeps its own pair (the invariant
that each text is the side of exactly one pair holds); the pieces are marked ``split`` or
``merged`` and name each other in ``related`` by citation, and the analysis reads a group as
one text (see :mod:`treatydiff.analysis.groups`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import ChangeKind, ClausePair, CompareOptions, Comparison
from .definitions import defines_a_new_term
from .leftovers import PLACEHOLDER, REPAIR_MARGIN, REPAIR_WORDS, _repair_all, _repairs
from .similarity import CandidateIndex, Fingerprint, containment
from .units import MIN_WORDS, _content, _dice, _grouped, _mark, _rebuild, _Texts, _walk, _words_in

# Share of a piece's shingles that must stand in its source (split) or target (merge) ...
PART_OF = 0.6
# ... and at most this share in the source's successor (or the target's predecessor): a piece
# that is still there as well was copied, not split off.
STILL_THERE = 0.5
# A piece of fewer than MIN_WORDS words (:mod:`.units`) is found in too many places, except word
# for word in the article they stood in: MPL 1.1's inline definition
# '"License" means this document.' became MPL 2.0's paragraph 1.8.
SHORT_WORDS = 3
# A source (target) usually lost (gained) the piece's words; one rewritten this much may have
# shrunk (grown) for other reasons while it gave (took) a sentence: Paris 7(6) + 7(7) → 10(6).
REWRITTEN_HOST = 0.35
# Inside one article a piece may also be reworded while it moved from the article's text into
# a paragraph of its own (a subsection inline in one version, nested in the next): there most
# of its content words must stand in the source.
SAME_ARTICLE_WORDS = 0.6


def _by_article(pool: Sequence[ClausePair], split: bool) -> dict[str, list[int]]:
    """Hosts by the article they stand in (or are), on the side pieces are looked up from."""
    out: dict[str, list[int]] = {}
    for k, host in enumerate(pool):
        names = (host.new_parent, host.new.label if host.new else None) if split else (host.old_parent, host.old.label if host.old else None)
        for name in dict.fromkeys(n for n in names if n):
            out.setdefault(name, []).append(k)
    return out


def _find(piece_pair: ClausePair, piece: Fingerprint, pool: Sequence[ClausePair], index: CandidateIndex, texts: _Texts,
          articles: dict[str, list[int]], *, split: bool) -> ClausePair | None:
    """The changed pair whose old text (split) or new text (merge) holds ``piece``."""
    best: tuple[tuple[bool, float], int] | None = None
    parent = piece_pair.new_parent if split else piece_pair.old_parent
    nearby = set(articles.get(parent, [])) if parent else set()
    short = len(texts.text(piece_pair, not split).split()) < MIN_WORDS
    for k in dict.fromkeys([*([] if short else index.candidates(piece)), *sorted(nearby)]):
        host = pool[k]
        source = texts.of(host, split)
        share = containment(piece, source)
        if containment(piece, texts.of(host, not split)) > STILL_THERE or (short and share < 1.0):
            continue
        if share < PART_OF and not (k in nearby and _words_in(texts.text(piece_pair, not split), texts.text(host, split)) >= SAME_ARTICLE_WORDS
                                    and not defines_a_new_term(texts.text(piece_pair, not split), texts.text(host, split))):
            continue
        # A piece cut from its own article's text outranks a copy of that text elsewhere: the
        # same sentence often stands in several articles of a draft (Paris's "eligible for
        # support in the implementation of this Article").
        rank = (k in nearby, share)
        if best is None or rank > best[0]:
            best = (rank, k)
    return pool[best[1]] if best else None


def _grown(pair: ClausePair, new_side: bool) -> int:
    """How many words the new side has more than the old (``new_side``), or fewer."""
    old = len(pair.old.text.split()) if pair.old else 0
    new = len(pair.new.text.split()) if pair.new else 0
    return new - old if new_side else old - new


def restructure(pairs: tuple[ClausePair, ...], options: CompareOptions | None = None) -> tuple[ClausePair, ...]:
    """``pairs`` with leftovers re-paired, and paragraph- and article-level splits and merges marked."""
    options = options or CompareOptions()
    # Whole articles first, so that the paragraphs of an article re-cut are then compared as
    # paragraphs of corresponding articles.
    texts = _Texts()
    for articles in (True, False):
        repairs = _repairs(pairs, texts, articles=articles)
        if repairs:
            by_key = {p.key: p for p in _walk(pairs)}
            replace = _repair_all(pairs, by_key, repairs, options)
            pairs = _rebuild(pairs, replace, set(repairs))
            texts.forget(replace)  # a repaired pair keeps its key but has an old side now
    return _mark_groups(pairs, texts)


def _mark_groups(pairs: tuple[ClausePair, ...], texts: _Texts) -> tuple[ClausePair, ...]:
    every = list(_walk(pairs))
    added = [p for p in every if p.old is None and not _grouped(p) and len(p.new.text.split()) >= SHORT_WORDS]  # type: ignore[union-attr]
    deleted = [p for p in every if p.new is None and not _grouped(p) and len(p.old.text.split()) >= SHORT_WORDS]  # type: ignore[union-attr]
    if not added and not deleted:
        return pairs
    changed = [p for p in every if p.old is not None and p.new is not None and ChangeKind.MODIFIED in p.kinds]
    if not changed:
        return pairs
    marks: dict[str, tuple[ChangeKind, list[str]]] = {}
    for pieces, split in ((added, True), (deleted, False)):
        # A split's source lost words to its pieces; a merge's target gained them.  A source
        # may also be gone altogether (a target new altogether): "lone", one-sided itself.
        lone = [p for p in (deleted if split else added) if len(texts.text(p, split).split()) >= MIN_WORDS]
        pool = [p for p in changed if _grown(p, not split) >= MIN_WORDS // 2 or p.similarity < REWRITTEN_HOST] + lone
        if not pieces or not pool:
            continue
        index = CandidateIndex([texts.of(p, split) for p in pool])
        articles = _by_article(pool, split)
        at = {p.key: k for k, p in enumerate(pool)}
        kind = ChangeKind.SPLIT if split else ChangeKind.MERGED
        # Twice: a lone source is found by a piece cut from it word for word; then the other
        # pieces in that piece's article need only its words (GitHub D.8 → E.1, E.4).
        opened: set[str] = set()  # articles where a lone host was found, for the second round
        for sweep in range(2):
            for piece in pieces:
                if piece.key in marks or (sweep and (piece.new_parent if split else piece.old_parent) not in opened):
                    continue
                host = _find(piece, texts.of(piece, not split), pool, index, texts, articles, split=split)
                if host is None or (host.key in marks and marks[host.key][0] != kind):
                    continue  # a pair is either the first part of a split or the target of a merge
                piece_name, host_name = (piece.new_citation, host.new_citation) if split else (piece.old_citation, host.old_citation)
                marks.setdefault(host.key, (kind, []))[1].append(piece_name or "")
                marks[piece.key] = (kind, [host_name or ""])
                parent = piece.new_parent if split else piece.old_parent
                if (host.new if split else host.old) is None and parent and at[host.key] not in articles.get(parent, []):
                    articles.setdefault(parent, []).append(at[host.key])
                    opened.add(parent)
    if not marks:
        return pairs
    return tuple(_mark(p, marks) for p in pairs)


def groups(comparison: Comparison) -> list[list[ClausePair]]:
    """Each split or merge as its pieces in document order (pieces with two sides first)."""
    return pair_groups(comparison.pairs)


def pair_groups(pairs: Sequence[ClausePair]) -> list[list[ClausePair]]:
    """:func:`groups` of aligned pairs."""
    marked = [p for p in _walk(pairs) if set(p.kinds) & {ChangeKind.SPLIT, ChangeKind.MERGED}]
    if not marked:
        return []
    by_citation: dict[str, list[int]] = {}
    for n, pair in enumerate(marked):
        for citation in {pair.old_citation, pair.new_citation}:
            if citation:
                by_citation.setdefault(citation, []).append(n)
    parent = list(range(len(marked)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for n, pair in enumerate(marked):
        split = ChangeKind.SPLIT in pair.kinds
        for citation in pair.related:
            for m in by_citation.get(citation, []):
                other = marked[m]
                # Split pieces name each other by their new citation, merged ones by the old.
                if m != n and (ChangeKind.SPLIT in other.kinds) == split and (other.new_citation if split else other.old_citation) == citation:
                    parent[root(m)] = root(n)
    members: dict[int, list[ClausePair]] = {}
    for n, pair in enumerate(marked):
        members.setdefault(root(n), []).append(pair)
    return [group for _, group in sorted(members.items()) if len(group) > 1]


# The later passes read and mark pairs with the same helpers (kept importable from here).
__all__ = ["PLACEHOLDER", "REPAIR_MARGIN", "REPAIR_WORDS", "_content", "_dice", "_grouped", "_mark", "_rebuild", "_repair_all", "_walk",
           "groups", "pair_groups", "restructure"]
