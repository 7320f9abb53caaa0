"""Leftovers re-paired: a deleted and an added unit that are one provision rewritten or moved,
or one article re-cut.

After alignment some provisions stand one-sided although their successor exists: rewritten
beyond the aligner's similarity (Paris preambular para 12 → 14), moved to another article
(3(19) → 6(2)), held by a "[deleted]" placeholder, or re-cut from inline text into paragraphs
(MPL 1.1's section 8 → MPL 2.0's 5.1–5.3).  Whole articles are re-paired first (see
:mod:`.whole_articles`), then paragraphs; each re-paired unit becomes one pair.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from ..model import ChangeKind, ClausePair, CompareOptions, Provision
from .align import article_number
from .similarity import containment, similarity
from .units import MIN_WORDS, _content, _dice, _grouped, _own, _Texts, _walk, cite_of
from .whole_articles import Rarity, one_to_one
from .worddiff import diff_text, has_substantive_change

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
