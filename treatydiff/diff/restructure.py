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

import dataclasses
import re
from collections.abc import Iterable, Iterator, Sequence

from ..model import ChangeKind, ClausePair, CompareOptions, Comparison, Provision
from .align import article_number
from .definitions import defines_a_new_term
from .similarity import CandidateIndex, Fingerprint, Vocabulary, containment, mask, similarity
from .whole_articles import Rarity, one_to_one
from .worddiff import diff_text, has_substantive_change

# Share of a piece's shingles that must stand in its source (split) or target (merge) ...
PART_OF = 0.6
# ... and at most this share in the source's successor (or the target's predecessor): a piece
# that is still there as well was copied, not split off.
STILL_THERE = 0.5
MIN_WORDS = 8  # shorter pieces ("Article 5", "Definitions") are found in too many places ...
# ... except word for word in the article they stood in: MPL 1.1's inline definition
# '"License" means this document.' became MPL 2.0's paragraph 1.8.
SHORT_WORDS = 3
# A source (target) usually lost (gained) the piece's words; one rewritten this much may have
# shrunk (grown) for other reasons while it gave (took) a sentence: Paris 7(6) + 7(7) → 10(6).
REWRITTEN_HOST = 0.35
# Inside one article a piece may also be reworded while it moved from the article's text into
# a paragraph of its own (a subsection inline in one version, nested in the next): there most
# of its content words must stand in the source.
SAME_ARTICLE_WORDS = 0.6
# A deleted and an added provision that are each other's clear best match by content words are
# one provision rewritten or moved (Paris preambular para 12 → 14, 3(19) → 6(2)).
REPAIR_WORDS = 0.35
REPAIR_MARGIN = 1.25
REPAIR_ALL_PAIRS = 2500  # below this many leftover pairs score them all, else pruned candidates
# Content words alone are weak evidence in templated text (unrelated generated paragraphs share
# most of theirs), so they pair only top-level provisions or paragraphs of corresponding
# articles; a paragraph that moved to an unrelated article needs its phrases too.
CROSS_ARTICLE_PHRASES = 0.6
# A deleted and an added article read whole (own text and paragraphs) that are each other's
# clear best match, by their rarer words, are one article re-cut (:mod:`.whole_articles`), where
# one of the two has paragraphs and the other none.


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


def _content(text: str) -> frozenset[str]:
    return frozenset(_CONTENT_WORD.findall(text.casefold()))


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _plausible(old: ClausePair, new: ClausePair, successor: dict[str, str], texts: _Texts) -> bool:
    """Where the two pieces stand allows them to be one provision, or their phrases say so."""
    if old.old_parent is None and new.new_parent is None:
        return True
    if old.old_parent is not None and successor.get(old.old_parent) == new.new_parent:
        return True
    a, b = texts.of(old, True), texts.of(new, False)
    return max(similarity(a, b), containment(a, b), containment(b, a)) >= CROSS_ARTICLE_PHRASES


# "[deleted]" kept to hold a number: the deleted side of its own provision, not an addition.
PLACEHOLDER = re.compile(r"^\W*(?:deleted|reserved|repealed|intentionally left blank|supprimé|исключено)\W*$", re.IGNORECASE)


def _placeholders(every: Sequence[ClausePair], successor: dict[str, str]) -> dict[str, str]:
    """Deleted pair key → the placeholder that holds its number in the corresponding article."""
    gone = {(successor.get(p.old_parent or ""), p.old.label): p for p in every
            if p.new is None and p.old is not None and p.old_parent is not None}
    out: dict[str, str] = {}
    for pair in every:
        if pair.old is None and pair.new is not None and PLACEHOLDER.match(pair.new.text):
            found = gone.get((pair.new_parent, pair.new.label))
            if found is not None and found.key not in out:
                out[found.key] = pair.key
    return out


def _whole(provision: Provision) -> str:
    return f"{provision.heading or ''}\n{provision.full_text}"


def _repairs(pairs: tuple[ClausePair, ...], texts: _Texts, *, articles: bool = False) -> dict[str, str]:
    """Deleted pair key → added pair key, for leftovers that are one provision rewritten
    (``articles``: top-level provisions only, each read whole with its paragraphs)."""
    successor = {p.old.label: p.new.label for p in pairs if p.old and p.new}
    every = list(pairs) if articles else list(_walk(pairs))
    held = {} if articles else _placeholders(every, successor)
    if held:
        every = [p for p in every if p.key not in held and p.key not in held.values()]
    read = _whole if articles else _own
    gone = [p for p in every if p.new is None and not _grouped(p) and len(read(p.old).split()) >= MIN_WORDS]  # type: ignore[arg-type]
    came = [p for p in every if p.old is None and not _grouped(p) and len(read(p.new).split()) >= MIN_WORDS]  # type: ignore[arg-type]
    if not gone or not came:
        return held
    if articles and len({bool(p.old.paragraphs) for p in gone} | {bool(p.new.paragraphs) for p in came}) == 1:  # type: ignore[union-attr]
        return held  # every leftover article cut the same way: none was re-cut
    words_old = [_content(read(p.old)) for p in gone]  # type: ignore[arg-type]
    words_new = [_content(read(p.new)) for p in came]  # type: ignore[arg-type]
    if len(gone) * len(came) <= REPAIR_ALL_PAIRS:
        options = {i: list(range(len(came))) for i in range(len(gone))}
    else:
        options = _word_candidates(words_old, words_new)
    if articles:
        return held | _recut_articles(pairs, gone, came, words_old, words_new, options)
    scores: dict[tuple[int, int], float] = {(i, j): _dice(words_old[i], words_new[j]) for i, js in options.items() for j in js}
    best_new: dict[int, tuple[float, int]] = {}
    best_old: dict[int, tuple[float, int]] = {}
    for (i, j), score in scores.items():
        if score > best_new.get(i, (-1.0, 0))[0]:
            best_new[i] = (score, j)
        if score > best_old.get(j, (-1.0, 0))[0]:
            best_old[j] = (score, i)
    out: dict[str, str] = dict(held)
    for i, (score, j) in sorted(best_new.items()):
        if score < REPAIR_WORDS or best_old.get(j, (0.0, -1))[1] != i:
            continue
        rivals = [v for (a, b), v in scores.items() if (a == i) != (b == j)]
        if all(score >= REPAIR_MARGIN * v for v in rivals) and _plausible(gone[i], came[j], successor, texts):
            out[gone[i].key] = came[j].key
    return out


def _recut_articles(pairs: tuple[ClausePair, ...], gone: Sequence[ClausePair], came: Sequence[ClausePair], words_old: Sequence[frozenset[str]],
                    words_new: Sequence[frozenset[str]], options: dict[int, list[int]]) -> dict[str, str]:
    """Deleted article key → added article key, for one article re-cut (see :mod:`.whole_articles`)."""
    rarity = Rarity(_content(_whole(side)) for p in pairs for side in (p.old, p.new) if side is not None)
    scores = {(i, j): rarity.dice(words_old[i], words_new[j]) for i, js in options.items() for j in js}
    # Only a re-cut pair is taken: two articles of paragraphs in the same style share their
    # words by chance (generated drafts); such a pair still stands as a rival.
    return {gone[i].key: came[j].key for i, j in one_to_one(scores)
            if bool(gone[i].old.paragraphs) != bool(came[j].new.paragraphs)}  # type: ignore[union-attr]


def _word_candidates(olds: Sequence[frozenset[str]], news: Sequence[frozenset[str]], limit: int = 8, max_df: int = 20) -> dict[int, list[int]]:
    """For each old word set, the new ones sharing most of its rarer words (an inverted index)."""
    postings: dict[str, list[int]] = {}
    for j, words in enumerate(news):
        for word in words:
            postings.setdefault(word, []).append(j)
    out: dict[int, list[int]] = {}
    for i, words in enumerate(olds):
        shared: dict[int, int] = {}
        for word in words:
            found = postings.get(word)
            if found is not None and len(found) <= max_df:
                for j in found:
                    shared[j] = shared.get(j, 0) + 1
        out[i] = [j for j, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]
    return out


def _repaired(old: ClausePair, new: ClausePair, options: CompareOptions, renumbered: dict[str, str], successor: dict[str, str]) -> ClausePair:
    """One pair from a deleted and an added piece found to be one provision."""
    assert old.old is not None and new.new is not None
    segments = diff_text(old.old.text, new.new.text, options, renumbered=renumbered)
    heading = diff_text(old.old.heading or "", new.new.heading or "", options, renumbered=renumbered)
    notes = diff_text(old.old.notes or "", new.new.notes or "", options, renumbered=renumbered)  # notes are text too
    changed = has_substantive_change(segments) or has_substantive_change(heading) or has_substantive_change(notes)
    kinds = {ChangeKind.MODIFIED} if changed else set()
    if cite_of(old, True) != cite_of(new, False):
        kinds.add(ChangeKind.RENUMBERED)
    if old.old_parent != new.new_parent and successor.get(old.old_parent or "") != new.new_parent:
        kinds.add(ChangeKind.MOVED)
    order = [k for k in ChangeKind if k in kinds] or [ChangeKind.UNCHANGED]
    similarity = _dice(_content(old.old.text), _content(new.new.text))
    # An article re-cut keeps its old paragraphs that went nowhere, as deletions beside the new ones.
    return dataclasses.replace(new, old=old.old, kinds=tuple(order), similarity=round(similarity, 4), segments=segments,
                               heading_segments=heading, notes_segments=notes, old_parent=old.old_parent,
                               paragraphs=(*new.paragraphs, *old.paragraphs),
                               related=(old.old_citation,) if ChangeKind.MOVED in kinds and old.old_citation else ())


def _repair_all(pairs: tuple[ClausePair, ...], by_key: dict[str, ClausePair], repairs: dict[str, str], options: CompareOptions) -> dict[str, ClausePair]:
    """New pair key → the one pair made of it and the deleted piece ``repairs`` gives it."""
    renumbered = {a: b for p in pairs if p.old and p.new and (a := article_number(p.old.label)) and (b := article_number(p.new.label)) and a != b}
    successor = {p.old.label: p.new.label for p in pairs if p.old and p.new}
    return {new_key: _repaired(by_key[old_key], by_key[new_key], options, renumbered, successor) for old_key, new_key in repairs.items()}


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


__all__ = ["groups", "pair_groups", "restructure"]
