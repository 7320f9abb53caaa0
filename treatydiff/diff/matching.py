"""Matching one level of two rounds (articles, or one article's paragraphs): which old item goes
with which new one, by stable id, identical content, similarity and position (see
:mod:`.align` for the order of evidence), and which of the matched kept their order.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from .similarity import (
    CandidateIndex,
    Fingerprint,
    best_first,
    containment,
    match_score,
    similarity,
)

ID_BONUS = 0.1
LABEL_BONUS = 0.05
GAP_THRESHOLD = 0.35  # between aligned neighbours, position is evidence too
SLOT_THRESHOLD = 0.15  # a lone old and new provision between aligned neighbours
SLOT_MARGIN = 1.05  # ... and 5% closer to each other than to any neighbour of the slot
MOVE_THRESHOLD = 0.65  # a paragraph found in another article: moves are rarely rewrites
ALL_PAIRS_LIMIT = 2500  # below this many old×new pairs, score them all
SPLIT_CONTAINMENT = 0.6
REWRITE_THRESHOLD = 0.2  # leftover paragraphs inside an aligned article: mutual best match ...
REWRITE_MARGIN = 1.3  # ... and 30% closer to each other than to any other leftover

_LABEL_WORD = re.compile(r"[\[(*_\s]*([^\W\d]+)")


@dataclass(frozen=True)
class Side:
    """One side of a matching problem: fingerprints plus what ids and labels say."""

    prints: Sequence[Fingerprint]
    ids: Sequence[str]
    labels: Sequence[str]


def match(
    old: Side, new: Side, threshold: float, *, use_gaps: bool = True, trust_ids: bool = False
) -> dict[int, tuple[int, float]]:
    """Map old index → (new index, similarity) by the evidence described in the module doc."""
    matched: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()
    if trust_ids:
        new_by_id = {pid: j for j, pid in enumerate(new.ids)}
        for i, pid in enumerate(old.ids):
            j = new_by_id.get(pid)
            if j is not None and j not in taken:
                matched[i] = (j, similarity(old.prints[i], new.prints[j]))
                taken.add(j)

    _identical(matched, taken, old, new)

    rest_old = [i for i in range(len(old.prints)) if i not in matched]
    rest_new = [j for j in range(len(new.prints)) if j not in taken]
    if rest_old and rest_new:
        candidates = _candidates(old, new, rest_old, rest_new)
        _greedy(matched, taken, old, new, candidates, threshold, similarity)
        # Then expansions and cuts, which similarity undersells; only after plain similarity
        # has spoken, so a provision that absorbed a neighbour does not take its place.
        _greedy(matched, taken, old, new, candidates, threshold, match_score)
    if use_gaps:
        for gap_old, gap_new in _gaps(matched, len(old.prints), len(new.prints)):
            gap_new = [j for j in gap_new if j not in taken]
            if gap_old and gap_new and len(gap_old) * len(gap_new) <= ALL_PAIRS_LIMIT:
                pairs = [(i, j) for i in gap_old for j in gap_new]
                _greedy(matched, taken, old, new, pairs, GAP_THRESHOLD, match_score)
        for gap_old, gap_new in _gaps(matched, len(old.prints), len(new.prints)):
            gap_new = [j for j in gap_new if j not in taken]
            if len(gap_old) == 1 and len(gap_new) == 1:
                _fill_slot(matched, taken, old, new, gap_old[0], gap_new[0])
    return matched


def _identical(matched: dict[int, tuple[int, float]], taken: set[int], old: Side, new: Side) -> None:
    """Pair identical contents.  A text that stands once on each side is that provision; a
    text repeated (an appropriations bill's "General provision—this title" closing each title,
    "Option 2: No text") pairs its copies in order, each with the free copy nearest to where the
    unique pairs around it put it, so a title's own closing clause stays with its title."""
    by_words: dict[str, list[int]] = defaultdict(list)
    for j, fp in enumerate(new.prints):
        if not fp.empty and j not in taken:
            by_words[fp.key].append(j)
    olds: dict[str, list[int]] = defaultdict(list)
    for i, fp in enumerate(old.prints):
        if not fp.empty and i not in matched and fp.key in by_words:
            olds[fp.key].append(i)
    repeated: list[str] = []
    for key, found in olds.items():
        if len(found) == 1 and len(by_words[key]) == 1:
            matched[found[0]] = (by_words[key][0], 1.0)
            taken.add(by_words[key][0])
        else:
            repeated.append(key)
    if not repeated:
        return
    anchors = sorted((i, j) for i, (j, _) in matched.items())
    anchor_old = [i for i, _ in anchors]
    for key in repeated:
        free = [j for j in by_words[key] if j not in taken]
        for i in olds[key]:
            if not free:
                break
            k = bisect_left(anchor_old, i) - 1
            expected = anchors[k][1] + i - anchors[k][0] if k >= 0 else i
            # The nearest free copy; the copies before it are skipped, so copies never cross.
            at = bisect_left(free, expected)
            if at == len(free) or (at > 0 and expected - free[at - 1] <= free[at] - expected):
                at -= 1
            j = free[at]
            del free[:at + 1]
            matched[i] = (j, 1.0)
            taken.add(j)


# A name, not a number: "Front matter", "Final provisions", "Annex" (not "Exhibit A", "(a)").
_NAME = re.compile(r"^[^\W\d_]{3,}(?:[\s,'-]+[^\W\d_]{3,})*$")


def pair_names(matched: dict[int, tuple[int, float]], old: Side, new: Side) -> None:
    """A leftover old and new provision that bear the same name, once each, are one provision.

    Numbers are reused by renumbering, names are not: the only "Front matter" of two drafts
    is the same front matter however much of it was rewritten (Paris 9 → 12 Dec).
    """
    taken = {j for j, _ in matched.values()}
    names_old = [label for label in old.labels if _NAME.match(label)]
    names_new = [label for label in new.labels if _NAME.match(label)]
    once = {n for n in names_old if names_old.count(n) == 1 and names_new.count(n) == 1}
    if not once:
        return
    new_at = {label: j for j, label in enumerate(new.labels) if label in once}
    for i, label in enumerate(old.labels):
        j = new_at.get(label)
        if j is not None and i not in matched and j not in taken:
            matched[i] = (j, similarity(old.prints[i], new.prints[j]))
            taken.add(j)


def _label_word(label: str) -> str:
    found = _LABEL_WORD.match(label)
    return found.group(1).casefold() if found else ""


def _fill_slot(matched: dict[int, tuple[int, float]], taken: set[int], old: Side, new: Side, i: int, j: int) -> None:
    """One old and one new provision of the same kind alone between aligned neighbours.

    They hold the same place in the text, so a rewrite that kept few of the words (Paris
    Article 2bis → 3) is still paired.  "Few" is measured against chance: each must be
    clearly closer to the other than to the neighbours around the slot, which are other
    provisions in the same style; otherwise a deleted article and an unrelated new one that
    happen to stand in the same place would pass for a rewrite.
    """
    if _label_word(old.labels[i]) != _label_word(new.labels[j]):
        return
    a, b = old.prints[i], new.prints[j]
    score = similarity(a, b)
    chance = max(
        [similarity(a, new.prints[k]) for k in (j - 1, j + 1) if 0 <= k < len(new.prints)]
        + [similarity(old.prints[k], b) for k in (i - 1, i + 1) if 0 <= k < len(old.prints)],
        default=0.0,
    )
    contained = max(containment(a, b), containment(b, a)) >= SPLIT_CONTAINMENT
    if (score >= SLOT_THRESHOLD and score >= chance * SLOT_MARGIN) or (contained and score >= chance):
        matched[i] = (j, score)
        taken.add(j)


def _candidates(old: Side, new: Side, rest_old: list[int], rest_new: list[int]) -> list[tuple[int, int]]:
    if len(rest_old) * len(rest_new) <= ALL_PAIRS_LIMIT:
        return [(i, j) for i in rest_old for j in rest_new]
    index = CandidateIndex([new.prints[j] for j in rest_new])
    by_id = {new.ids[j]: j for j in rest_new}
    by_label = {new.labels[j]: j for j in rest_new}
    pairs: list[tuple[int, int]] = []
    for i in rest_old:
        found = {rest_new[k] for k in index.candidates(old.prints[i])}
        for extra in (by_id.get(old.ids[i]), by_label.get(old.labels[i])):
            if extra is not None:
                found.add(extra)
        pairs.extend((i, j) for j in sorted(found))
    return pairs


def _greedy(
    matched: dict[int, tuple[int, float]],
    taken: set[int],
    old: Side,
    new: Side,
    pairs: list[tuple[int, int]],
    threshold: float,
    scorer: Callable[[Fingerprint, Fingerprint], float],
) -> None:
    scored: list[tuple[float, int, int]] = []
    for i, j in pairs:
        if i in matched or j in taken:
            continue
        score = scorer(old.prints[i], new.prints[j])
        bonus = (ID_BONUS if old.ids[i] == new.ids[j] else 0.0) + (LABEL_BONUS if old.labels[i] == new.labels[j] else 0.0)
        if score + bonus >= threshold and score > 0:
            scored.append((score + bonus, i, j))
    for _, i, j in best_first(scored):
        if i not in matched and j not in taken:
            matched[i] = (j, similarity(old.prints[i], new.prints[j]))
            taken.add(j)


def increasing_run(matched: Mapping[int, int]) -> set[int]:
    """Old indexes on a longest increasing subsequence (in new order): these did not move."""
    order = sorted(matched.items(), key=lambda kv: kv[1])
    tails: list[int] = []
    tail_at: list[int] = []
    parent: dict[int, int | None] = {}
    for old, _ in order:
        k = bisect_left(tails, old)
        parent[old] = tail_at[k - 1] if k else None
        if k == len(tails):
            tails.append(old)
            tail_at.append(old)
        else:
            tails[k] = old
            tail_at[k] = old
    keep: set[int] = set()
    node = tail_at[-1] if tail_at else None
    while node is not None:
        keep.add(node)
        node = parent[node]
    return keep


def _gaps(matched: Mapping[int, tuple[int, float]], n_old: int, n_new: int) -> list[tuple[list[int], list[int]]]:
    """Unmatched old and new indexes between consecutive in-order anchors."""
    pairs = {i: j for i, (j, _) in matched.items()}
    anchors = sorted((i, pairs[i]) for i in increasing_run(pairs))
    bounds = [(-1, -1), *anchors, (n_old, n_new)]
    gaps: list[tuple[list[int], list[int]]] = []
    for (a_old, a_new), (b_old, b_new) in pairwise(bounds):
        gap_old = [i for i in range(a_old + 1, b_old) if i not in pairs]
        gap_new = list(range(a_new + 1, b_new))
        if gap_old and gap_new:
            gaps.append((gap_old, gap_new))
    return gaps


