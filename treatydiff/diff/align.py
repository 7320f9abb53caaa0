"""Which provision became which: alignment of two rounds, articles then paragraphs.

Evidence, strongest first:

0. the stable id, when both rounds have stable ids (clause files written by people): the same
   id is the same provision, however much its text changed — a "[deleted]" placeholder, a
   rewrite.  Ids an importer derived from labels (``ids: derived``) change with renumbering,
   so for those rounds this step is skipped and content decides;
1. identical content (cross-reference numbers masked), whatever the label says;
2. content similarity among the rest, from pruned candidates (see :mod:`.similarity`), with a
   small bonus for the same id and a smaller one for the same label;
3. order: what is left between two aligned neighbours is paired at a lower threshold, which
   finds a heavily rewritten article that stayed where it was.

Then paragraphs inside each aligned article the same way, and paragraphs still unmatched are
pooled across articles, so a paragraph moved from Article 3 to Article 5 is one moved pair, not
a deletion and an unrelated insertion.  Splits and merges are read off paragraph moves and
text containment.  Order changes come from a longest increasing subsequence: what is outside
it has moved.  Each pair is then word-diffed and its kinds of change read (:mod:`.links`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence

from ..collector import collector_paused
from ..model import ChangeKind, ClausePair, CompareOptions, Provision, Round
from .headings import headed, title_in
from .links import Link, PairBuilder
from .matching import (
    ALL_PAIRS_LIMIT,
    MOVE_THRESHOLD,
    REWRITE_MARGIN,
    REWRITE_THRESHOLD,
    SPLIT_CONTAINMENT,
    Side,
    increasing_run,
    match,
    pair_names,
)
from .similarity import (
    Fingerprint,
    Vocabulary,
    containment,
    mask,
    provision_key,
    similarity,
)

_NUMBER = re.compile(r"^\S+\s+(\w+)$")


def _interleave(order: list[tuple[int | None, int | None]], deleted: list[int]) -> list[tuple[int | None, int | None]]:
    """Put each unmatched old item after the matched item that preceded it in the old round."""
    anchors = sorted(o for o, _ in order if o is not None)
    after: dict[int | None, list[int]] = defaultdict(list)
    for i in sorted(deleted):
        k = bisect_right(anchors, i)
        after[anchors[k - 1] if k else None].append(i)
    out: list[tuple[int | None, int | None]] = [(i, None) for i in after.get(None, [])]
    for o, n in order:
        out.append((o, n))
        if o is not None:
            out.extend((i, None) for i in after.get(o, []))
    return out


def article_number(label: str) -> str | None:
    """"Article 12" → "12": the number cross-references use."""
    found = _NUMBER.match(label)
    return found.group(1) if found else None


class _Aligner:
    def __init__(self, old: Round, new: Round, options: CompareOptions) -> None:
        self.old = old.provisions
        self.new = new.provisions
        self.options = options
        self.trust_ids = not (old.info.derived_ids or new.info.derived_ids)
        self.vocabulary = Vocabulary()
        self.renumbered: dict[str, str] = {}
        # new (article, paragraph) -> (old (article, paragraph), similarity) across articles
        self._keys: dict[int, str] = {}  # id(provision) -> masked key; provisions outlive the run
        self._prints: dict[int, Fingerprint] = {}  # id(provision) -> fingerprint
        self._masks: dict[str, str] = {}  # text -> masked text
        self._cross: dict[tuple[int, int], tuple[tuple[int, int], float]] = {}

    def key(self, provision: Provision) -> str:
        """The masked key of a provision, each paragraph's computed only once."""
        found = self._keys.get(id(provision))
        if found is None:
            found = provision_key(provision.heading, provision.text, self.paragraph_keys(provision), masked=self._mask)
            self._keys[id(provision)] = found
        return found

    def paragraph_keys(self, provision: Provision) -> tuple[str, ...]:
        """The masked keys of a provision's paragraphs, in order (each memoised by :meth:`key`)."""
        return tuple([self.key(p) for p in provision.paragraphs]) if provision.paragraphs else ()

    def _mask(self, text: str) -> str:
        # Headings and untouched paragraphs recur word for word across the two rounds.
        found = self._masks.get(text)
        if found is None:
            found = self._masks[text] = mask(text)
        return found

    def fingerprint(self, provision: Provision) -> Fingerprint:
        """One fingerprint per provision, so its words and shingles are computed only once
        however many matchings it takes part in."""
        found = self._prints.get(id(provision))
        if found is None:
            found = self._prints[id(provision)] = Fingerprint(self.key(provision), self.vocabulary)
        return found

    def side(self, provisions: Sequence[Provision]) -> Side:
        return Side(
            [self.fingerprint(p) for p in provisions],
            [p.id for p in provisions],
            [p.label for p in provisions],
        )

    def run(self) -> tuple[ClausePair, ...]:
        threshold = self.options.similarity_threshold
        old_side, new_side = self.side(self.old), self.side(self.new)
        matched = match(old_side, new_side, threshold, trust_ids=self.trust_ids)
        pair_names(matched, old_side, new_side)
        pairs = {i: j for i, (j, _) in matched.items()}
        still = increasing_run(pairs) if self.options.detect_moves else set(pairs)
        for i, j in pairs.items():
            a, b = article_number(self.old[i].label), article_number(self.new[j].label)
            if a and b and a != b:
                self.renumbered[a] = b

        links: dict[int, Link] = {}  # by new index
        deleted: dict[int, Link] = {}  # by old index
        for i, (j, score) in matched.items():
            links[j] = Link(self.old[i], self.new[j], score, moved=i not in still)
        for i in range(len(self.old)):
            if i not in pairs:
                deleted[i] = Link(self.old[i], None, 0.0)
        for j in range(len(self.new)):
            links.setdefault(j, Link(None, self.new[j], 0.0))

        children = self._paragraphs(pairs, links, deleted)
        self._splits_and_merges(old_side, new_side, pairs, links, deleted, children)
        # Matching is over: its memos (words and shingles above all) are not kept while the
        # pairs and their word diffs are built.
        self._prints.clear()
        self._masks.clear()

        new_to_old = {j: i for i, j in pairs.items()}
        order: list[tuple[int | None, int | None]] = [(new_to_old.get(j), j) for j in range(len(self.new))]
        pairs_of = PairBuilder(self.options, self.renumbered)
        result: list[ClausePair] = []
        for number, (oi, nj) in enumerate(_interleave(order, sorted(deleted)), 1):
            link = links[nj] if nj is not None else deleted[oi] if oi is not None else None
            assert link is not None
            kids = children.get(("new", nj) if nj is not None else ("old", oi), [])
            result.append(pairs_of.pair(f"p{number}", link, kids))
        return tuple(result)

    # --- paragraphs ---------------------------------------------------------------------

    def _paragraphs(
        self, pairs: dict[int, int], links: dict[int, Link], deleted: dict[int, Link]
    ) -> dict[tuple[str, int | None], list[Link]]:
        """Child links per article (keyed ("new", j) or ("old", i) for deleted articles)."""
        threshold = self.options.similarity_threshold
        inner: dict[int, dict[int, tuple[int, float]]] = {}
        pool_old: list[tuple[int, int]] = []  # (old article, paragraph)
        pool_new: list[tuple[int, int]] = []
        kept: set[int] = set()  # new articles whose paragraphs all stayed in place, unchanged
        for i, j in sorted(pairs.items()):
            olds, news = self.old[i].paragraphs, self.new[j].paragraphs
            if self.paragraph_keys(self.old[i]) == self.paragraph_keys(self.new[j]):
                kept.add(j)  # the usual case: nothing moved inside (linked below, not matched)
                continue
            m = match(self.side(olds), self.side(news), threshold, trust_ids=self.trust_ids) if olds and news else {}
            inner[j] = m
            taken = {k for k, _ in m.values()}
            pool_old.extend((i, p) for p in range(len(olds)) if p not in m)
            pool_new.extend((j, q) for q in range(len(news)) if q not in taken)
        for i in deleted:
            pool_old.extend((i, p) for p in range(len(self.old[i].paragraphs)))
        matched_new = set(pairs.values())
        for j in range(len(self.new)):
            if j not in matched_new:
                pool_new.extend((j, q) for q in range(len(self.new[j].paragraphs)))

        cross: dict[tuple[int, int], tuple[tuple[int, int], float]] = {}  # new (art, para) -> old
        if pool_old and pool_new:
            old_paras = [self.old[i].paragraphs[p] for i, p in pool_old]
            new_paras = [self.new[j].paragraphs[q] for j, q in pool_new]
            found = match(self.side(old_paras), self.side(new_paras), max(threshold, MOVE_THRESHOLD), use_gaps=False, trust_ids=self.trust_ids)
            for a, (b, score) in found.items():
                cross[pool_new[b]] = (pool_old[a], score)
        moved_out = {old_key for old_key, _ in cross.values()}
        for i, j in sorted(pairs.items()):
            if j not in kept:  # a kept article has no paragraph left over
                self._pair_rewrites(inner[j], i, j, moved_out, cross)

        children: dict[tuple[str, int | None], list[Link]] = {}
        new_to_old = {j: i for i, j in pairs.items()}
        for j in range(len(self.new)):
            article = self.new[j]
            i_old = new_to_old.get(j)
            if j in kept:  # every paragraph matched in place: none moved, none lost or gained
                assert i_old is not None
                label = self.old[i_old].label
                children[("new", j)] = [Link(a, b, 1.0, old_parent=label) for a, b in zip(self.old[i_old].paragraphs, article.paragraphs, strict=True)]
                continue
            m = inner.get(j, {})
            olds = self.old[i_old].paragraphs if i_old is not None else ()
            q_to_p = {q: p for p, (q, _) in m.items()}
            still = increasing_run({p: q for p, (q, _) in m.items()}) if self.options.detect_moves else set(m)
            order: list[tuple[int | None, int | None]] = [(q_to_p.get(q), q) for q in range(len(article.paragraphs))]
            gone = [p for p in range(len(olds)) if p not in m and (i_old, p) not in moved_out]
            kids: list[Link] = []
            for p, q in _interleave(order, gone):
                if q is None:
                    assert p is not None
                    kids.append(Link(olds[p], None, 0.0, old_parent=self.old[i_old].label if i_old is not None else None))
                elif p is not None:
                    kids.append(Link(olds[p], article.paragraphs[q], m[p][1], moved=p not in still, old_parent=self.old[i_old].label if i_old is not None else None))
                elif (j, q) in cross:
                    (oi, op), score = cross[(j, q)]
                    kids.append(Link(self.old[oi].paragraphs[op], article.paragraphs[q], score, moved=True, old_parent=self.old[oi].label))
                else:
                    kids.append(Link(None, article.paragraphs[q], 0.0))
            if i_old is not None and any((i_old, p) in moved_out for p in range(len(olds))):
                links[j].kinds.add(ChangeKind.MODIFIED)  # it lost a paragraph to another article
            children[("new", j)] = kids
        for i in deleted:
            olds = self.old[i].paragraphs
            children[("old", i)] = [Link(olds[p], None, 0.0, old_parent=self.old[i].label) for p in range(len(olds)) if (i, p) not in moved_out]
        self._cross = cross
        return children

    def _pair_rewrites(
        self,
        m: dict[int, tuple[int, float]],
        i: int,
        j: int,
        moved_out: set[tuple[int, int]],
        cross: dict[tuple[int, int], tuple[tuple[int, int], float]],
    ) -> None:
        """Pair heavily rewritten paragraphs left over inside an aligned article.

        The article pair is already strong evidence, so a leftover old and new paragraph
        that are each other's clear best match are one paragraph rewritten (Paris 3.3 →
        4.4: "shall undertake … targets" became "should continue taking the lead by
        undertaking … targets") rather than a deletion and an unrelated insertion.
        """
        olds, news = self.old[i].paragraphs, self.new[j].paragraphs
        taken = {q for q, _ in m.values()}
        rest_old = [p for p in range(len(olds)) if p not in m and (i, p) not in moved_out]
        rest_new = [q for q in range(len(news)) if q not in taken and (j, q) not in cross]
        if not rest_old or not rest_new:
            return
        # A paragraph's own heading names it: the only "Accounting" paragraph of an article in
        # each round is that paragraph however much of it was rewritten (Paris 4 → 9 Dec 3(10)
        # → 3(12), cut from 3,195 characters of options to 344).
        by_name = {name: q for q, name in headed(news, set(rest_new)).items()}
        named = {p: by_name[name] for p, name in headed(olds, set(rest_old)).items() if name in by_name} if by_name else {}
        for p, q in named.items():
            m[p] = (q, similarity(self.fingerprint(olds[p]), self.fingerprint(news[q])))
        if named:
            rest_old = [p for p in rest_old if p not in named]
            rest_new = [q for q in rest_new if q not in set(named.values())]
        if not rest_old or not rest_new or len(rest_old) * len(rest_new) > ALL_PAIRS_LIMIT:
            return
        old_side, new_side = self.side(olds), self.side(news)
        scores = {(p, q): similarity(old_side.prints[p], new_side.prints[q]) for p in rest_old for q in rest_new}

        def runner_up(best: float, others: list[float]) -> bool:
            return best >= REWRITE_THRESHOLD and all(best >= REWRITE_MARGIN * other for other in others)

        for p in rest_old:
            q = max(rest_new, key=lambda k: (scores[(p, k)], -k))
            best = scores[(p, q)]
            if max(rest_old, key=lambda k: (scores[(k, q)], -k)) != p:
                continue
            if runner_up(best, [scores[(p, k)] for k in rest_new if k != q]) and runner_up(
                best, [scores[(k, q)] for k in rest_old if k != p]
            ):
                m[p] = (q, best)

    # --- splits and merges --------------------------------------------------------------

    def _splits_and_merges(
        self,
        old_side: Side,
        new_side: Side,
        pairs: dict[int, int],
        links: dict[int, Link],
        deleted: dict[int, Link],
        children: dict[tuple[str, int | None], list[Link]],
    ) -> None:
        new_to_old = {j: i for i, j in pairs.items()}
        added = [j for j in range(len(self.new)) if j not in new_to_old]
        # Split: an added article whose paragraphs came from one article that still exists.
        for j in added:
            sources = {oi for (nj, _), ((oi, _), _) in self._cross.items() if nj == j}
            first: int | None = None
            if len(sources) == 1 and next(iter(sources)) in pairs:
                first = pairs[next(iter(sources))]
            elif not sources and not self.new[j].paragraphs:
                first = self._container(new_side.prints[j], j, old_side, new_to_old, links, split=True)
            if first is not None:
                self._link_parts(links[j], links[first], ChangeKind.SPLIT)
        # Merge: a deleted article whose paragraphs went into one article that still exists.
        for i, link in deleted.items():
            targets = {nj for (nj, _), ((oi, _), _) in self._cross.items() if oi == i}
            target: int | None = None
            if len(targets) == 1 and next(iter(targets)) in new_to_old:
                target = next(iter(targets))
            elif not targets and not self.old[i].paragraphs:
                target = self._container(old_side.prints[i], i, new_side, pairs, links, split=False)
            if target is not None:
                self._link_parts(link, links[target], ChangeKind.MERGED)

    def _container(self, part: Fingerprint, index: int, other: Side, pairs: Mapping[int, int], links: dict[int, Link], *, split: bool) -> int | None:
        """The new index of the edited neighbour that ``part``'s text was cut from (split) or
        went into (merge).  Parts of a split or merge stand next to each other, so only the
        two neighbours are examined: constant work per added or deleted article."""
        best: tuple[float, int] | None = None
        for k in (index - 1, index + 1):
            if k not in pairs:
                continue
            j = k if split else pairs[k]  # the new index of the neighbouring pair
            if links[j].score >= 0.95:
                continue  # an untouched neighbour lost or gained nothing
            share = containment(part, other.prints[pairs[k]])
            if share < SPLIT_CONTAINMENT and self._title_in(index, k, pairs[k], split=split):
                share = SPLIT_CONTAINMENT  # a title whose version number changed ("- v 1.0" → "- v 2.0")
            if share >= SPLIT_CONTAINMENT and (best is None or share > best[0]):
                best = (share, j)
        return best[1] if best else None

    def _title_in(self, index: int, neighbour: int, other: int, *, split: bool) -> bool:
        """A short part (a title line) stands word for word in the neighbour's other side, numbers
        aside, and not in the neighbour's own side (there it was copied, not cut or merged)."""
        part = self.new[index] if split else self.old[index]
        home = self.old[other] if split else self.new[other]  # the neighbour's other side
        own = self.new[neighbour] if split else self.old[neighbour]
        return title_in(part.text, home.text) and not title_in(part.text, own.text)

    @staticmethod
    def _link_parts(part: Link, first: Link, kind: ChangeKind) -> None:
        part.kinds.add(kind)
        first.kinds.add(kind)
        if kind == ChangeKind.SPLIT:
            assert part.new is not None and first.new is not None
            part.related.append(first.new.label)
            first.related.append(part.new.label)
        else:
            assert part.old is not None and first.old is not None
            part.related.append(first.old.label)
            first.related.append(part.old.label)

def align_rounds(old: Round, new: Round, options: CompareOptions) -> tuple[ClausePair, ...]:
    """Article-level pairs in the new round's order, deleted ones where they stood."""
    # Alignment allocates hundreds of thousands of small objects and frees none of them
    # until it returns; the cyclic collector would rescan them all again and again (a third
    # of the time at 10,000 articles).  Reference counting still frees everything.
    with collector_paused():
        return _Aligner(old, new, options).run()
