"""Sentences as anchors for what alignment and the group pass left one-sided.

A provision rewritten around one sentence it kept, or cut up so that its pieces share few
shingles with it, is paired by neither whole-text similarity nor containment.  Its sentences
still say where its text went: a sentence found, unambiguously, in another unit carries the
unit with it.  So, over the units still deleted or added (and the changed pairs that may have
given or taken a sentence), each sentence of at least :data:`MIN_SENTENCE_WORDS` words is
matched with its counterpart by :func:`likeness`.  A pair of sentences counts only when they
share rare words (:data:`ANCHOR_WORDS`) and neither has a rival within :data:`MARGIN` (a host's
sentence still standing on its own other side is such a rival: copied, not moved); that is
what keeps templated drafts (many sentences alike, each one a different commitment) from
pairing unrelated units.  Then, per one-sided unit:

* its sentences all stand in one unit that is one-sided too, and that one's only in it: one
  provision moved or rewritten (Paris 3(19) → 6(2));
* they stand in one changed pair's other side, and not in that pair's own other side: merged
  into it (a deleted unit) or split from it (an added one);
* they stand in several one-sided units, each anchored to it alone: split (a deleted unit) or
  merged (an added one), the lone unit standing for the text that is gone.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from ..model import ChangeKind, ClausePair, CompareOptions
from .restructure import _grouped as grouped
from .restructure import _mark as mark
from .restructure import _rebuild as rebuild
from .restructure import _repair_all as repair_all
from .restructure import _walk as walk

# Two sentences are one sentence when this share of their words, in order, is common
# (difflib's ratio over casefolded words): a moved sentence keeps most of its words even when
# it is reworded, and two different duties of one text rarely share so many in order.  The
# analysis pairs commitments so (:mod:`treatydiff.analysis.moves`); an anchor needs only
# ANCHOR, for it also needs rare words in common (below), which templated duties do not have.
SAME_SENTENCE = 0.6
# A sentence of at least MIN_CONTAINED words whose words stand, in order, in a longer one
# (cut out of it, or grown into it) counts as the same sentence at this discount.
CONTAINED = 0.75
MIN_CONTAINED = 6
# A pair is taken only when no other candidate of either sentence comes within MARGIN of it.
MARGIN = 0.1
ANCHOR = 0.5
MIN_SENTENCE_WORDS = 6  # shorter ones ("Article 5 shall apply.") stand in too many places
# A sentence proposes the units that share at least ANCHOR_WORDS of its words found in at most
# RARE units of their side: what a moved sentence carries with it (names, "cooperative
# approaches", "preferred form").  Templated drafts write every sentence from one vocabulary;
# there no word is rare, and no sentence is compared at all.
RARE = 4
ANCHOR_WORDS = 3
HOST_BELOW = 0.98  # a changed pair this alike on both sides lost or gained no sentence
CANDIDATES = 8  # units compared with each sentence: the pass stays linear
_WORD = re.compile(r"\w+")
# After ".", ";", "!" or "?" (and a closing mark) unless a lowercase word follows, or a blank line.
_END = re.compile(r"[.;!?][\])\"'”’*_]?\s+(?![a-z])|\n\s*\n")


def sentence_words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def common_in_order(old: Sequence[str], new: Sequence[str]) -> int:
    """How many words two sentences share in order."""
    return sum(block.size for block in SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks())


def likeness(old: Sequence[str], new: Sequence[str]) -> float:
    """How much of one sentence the other holds, in order: the share of both (difflib's ratio),
    or, when one was cut out of a longer one or grew into it, the share of the shorter."""
    common = common_in_order(old, new)
    shorter = min(len(old), len(new))
    contained = CONTAINED * common / shorter if shorter >= MIN_CONTAINED else 0.0
    return max(2 * common / (len(old) + len(new)), contained) if old or new else 0.0


def likeness_bound(old: Counter[str], old_length: int, new: Counter[str], new_length: int) -> float:
    """An upper bound of :func:`likeness` from word counts alone (order ignored), cheap to get."""
    common = sum((old & new).values())
    shorter = min(old_length, new_length)
    contained = CONTAINED * common / shorter if shorter >= MIN_CONTAINED else 0.0
    return max(2 * common / (old_length + new_length), contained) if old_length + new_length else 0.0


def _sentences(text: str) -> list[tuple[str, ...]]:
    out = [tuple(sentence_words(s)) for s in _END.split(text)]
    return [s for s in out if len(s) >= MIN_SENTENCE_WORDS]


class _Side:
    """One side of some pairs: a rare-word index over them, their sentences when asked for."""

    def __init__(self, pairs: Sequence[ClausePair], old_side: bool) -> None:
        self.pairs = list(pairs)
        self.old_side = old_side
        self.at = {p.key: k for k, p in enumerate(self.pairs)}
        self._sentences: dict[int, list[tuple[str, ...]]] = {}
        self.words = [set(_WORD.findall(self._text(p).casefold())) for p in self.pairs]
        df: Counter[str] = Counter()
        for words in self.words:
            df.update(words)  # counted in C; only the rare words get a posting
        self.postings: dict[str, list[int]] = {w: [] for w, n in df.items() if n <= RARE}
        postings = self.postings
        rare = postings.keys()
        for k, words in enumerate(self.words):
            for word in words & rare:  # in C: templated text has next to no rare word
                postings[word].append(k)

    def _text(self, pair: ClausePair) -> str:
        provision = pair.old if self.old_side else pair.new
        return provision.text if provision else ""

    def sentences(self, k: int) -> list[tuple[str, ...]]:
        found = self._sentences.get(k)
        if found is None:
            found = self._sentences[k] = _sentences(self._text(self.pairs[k]))
        return found

    def candidates(self, words: Iterable[str]) -> list[int]:
        """The units sharing at least :data:`ANCHOR_WORDS` of ``words``' rare words, most first."""
        votes: Counter[int] = Counter()
        postings = self.postings
        for word in postings.keys() & set(words):
            votes.update(postings[word])
        return [k for k, n in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[:CANDIDATES] if n >= ANCHOR_WORDS]


Sentence = tuple[str, int]  # (pair key, sentence number) on one side


def _score(scores: dict[tuple[Sentence, Sentence], float], old: Sequence[str], new: Sequence[str], key: tuple[Sentence, Sentence]) -> None:
    if key in scores or likeness_bound(Counter(old), len(old), Counter(new), len(new)) < ANCHOR - MARGIN:
        return
    ratio = likeness(old, new)
    if ratio >= ANCHOR - MARGIN:
        scores[key] = ratio


def _anchors(gone: Sequence[ClausePair], came: Sequence[ClausePair], changed: Sequence[ClausePair],
             lone: Sequence[ClausePair]) -> set[tuple[str, str]]:
    """(old pair key, new pair key) for each unambiguous pair of sentences between two units;
    ``changed`` and ``lone`` (one-sided sources and targets of groups) are hosts, not asked."""
    olds = _Side([*gone, *changed, *(p for p in lone if p.old is not None)], True)
    news = _Side([*came, *changed, *(p for p in lone if p.new is not None)], False)
    scores: dict[tuple[Sentence, Sentence], float] = {}  # (old sentence, new sentence) → likeness
    two_sided = {p.key for p in changed}
    hosts = two_sided | {p.key for p in lone}
    for queries, other, query_old in ((olds, news, True), (news, olds, False)):
        for k, pair in enumerate(queries.pairs):
            if pair.key in hosts:
                continue  # a host: queried from the one-sided units only
            if not other.candidates(queries.words[k]):
                continue  # no unit shares enough of its rare words for any sentence to
            for s, words in enumerate(queries.sentences(k)):
                for h in other.candidates(words):
                    host = other.pairs[h]
                    for t, found in enumerate(other.sentences(h)):
                        if query_old:
                            key, rivals_at = ((pair.key, s), (host.key, t)), olds
                            _score(scores, words, found, key)
                        else:
                            key, rivals_at = ((host.key, t), (pair.key, s)), news
                            _score(scores, found, words, key)
                        if host.key not in two_sided or key not in scores:
                            continue
                        # The host's sentence against its own other side: one still there did not move.
                        for r, rival in enumerate(rivals_at.sentences(rivals_at.at[host.key])):
                            if query_old:
                                _score(scores, rival, found, ((host.key, r), (host.key, t)))
                            else:
                                _score(scores, found, rival, ((host.key, t), (host.key, r)))
    best_old: dict[Sentence, list[float]] = defaultdict(list)
    best_new: dict[Sentence, list[float]] = defaultdict(list)
    for (a, b), ratio in scores.items():
        best_old[a].append(ratio)
        best_new[b].append(ratio)
    out: set[tuple[str, str]] = set()
    for (a, b), ratio in scores.items():
        if a[0] == b[0] or ratio < ANCHOR:
            continue
        rivals = sorted(best_old[a], reverse=True)[1:2] + sorted(best_new[b], reverse=True)[1:2]
        if ratio == max(best_old[a]) == max(best_new[b]) and all(r < ratio - MARGIN for r in rivals):
            out.add((a[0], b[0]))
    return out


def _units(every: Sequence[ClausePair]) -> tuple[list[ClausePair], list[ClausePair], list[ClausePair], list[ClausePair]]:
    """Deleted, added, changed (hosts), and lone sides of groups (the source of a split, the
    target of a merge: they may have more pieces than containment found)."""
    gone: list[ClausePair] = []
    came: list[ClausePair] = []
    changed: list[ClausePair] = []
    lone: list[ClausePair] = []
    for p in every:
        old, new = p.old, p.new
        if old is not None and new is not None:
            # A host gave or took a sentence: its own text changed, and by more than a word or two.
            if p.similarity < HOST_BELOW and ChangeKind.MODIFIED in p.kinds and old.text != new.text:
                changed.append(p)
        elif len((old or new).text) >= MIN_SENTENCE_WORDS * 2:  # type: ignore[union-attr]
            (lone if grouped(p) else gone if new is None else came).append(p)
    return gone, came, changed, lone


class _Decisions:
    """What the anchors say of each one-sided unit: re-paired, or a piece of a group."""

    def __init__(self, links: set[tuple[str, str]], by_key: dict[str, ClausePair], one_sided: set[str]) -> None:
        self.by_key = by_key
        self.one_sided = one_sided
        self.targets: dict[str, set[str]] = defaultdict(set)  # old pair key → new pair keys
        self.sources: dict[str, set[str]] = defaultdict(set)
        for a, b in links:
            self.targets[a].add(b)
            self.sources[b].add(a)
        self.repairs: dict[str, str] = {}  # deleted pair key → added pair key
        self.marks: dict[str, tuple[ChangeKind, list[str]]] = {}

    def _free(self, key: str, kind: ChangeKind) -> bool:
        pair, marks = self.by_key[key], self.marks
        return key not in self.repairs and key not in self.repairs.values() \
            and (not grouped(pair) or kind in pair.kinds) and (key not in marks or marks[key][0] == kind)

    def _join(self, host: str, piece: str, kind: ChangeKind) -> None:
        """``piece`` split from ``host`` (kind SPLIT) or merged into it, named as groups name them."""
        split = kind == ChangeKind.SPLIT
        host_pair, piece_pair = self.by_key[host], self.by_key[piece]
        self.marks.setdefault(host, (kind, []))[1].append((piece_pair.new_citation if split else piece_pair.old_citation) or "")
        self.marks[piece] = (kind, [(host_pair.new_citation if split else host_pair.old_citation) or ""])

    def deleted(self, d: str) -> None:
        found, sources = self.targets.get(d, set()), self.sources
        if len(found) == 1:
            (n,) = found
            if n in self.one_sided:
                if sources[n] == {d} and self._free(n, ChangeKind.MODIFIED) and d not in self.marks:
                    self.repairs[d] = n  # one provision, moved or rewritten
            elif self.by_key[n].new is not None and self._free(n, ChangeKind.MERGED):
                self._join(n, d, ChangeKind.MERGED)
        elif len(found) > 1 and all(n in self.one_sided and sources[n] == {d} and n not in self.marks for n in found):
            self._group(d, sorted(found), ChangeKind.SPLIT)

    def added(self, a: str) -> None:
        if a in self.marks or a in self.repairs.values():
            return
        found, targets = self.sources.get(a, set()), self.targets
        if len(found) == 1:
            (o,) = found
            if o not in self.one_sided and self.by_key[o].old is not None and self._free(o, ChangeKind.SPLIT):
                self._join(o, a, ChangeKind.SPLIT)
        elif len(found) > 1 and all(o in self.one_sided and targets[o] == {a} and o not in self.marks and o not in self.repairs
                                    for o in found):
            self._group(a, sorted(found), ChangeKind.MERGED)

    def _group(self, lone: str, pieces: list[str], kind: ChangeKind) -> None:
        """A lone unit (gone altogether, or new altogether) and the pieces its sentences stand in."""
        split = kind == ChangeKind.SPLIT
        self.marks[lone] = (kind, [(self.by_key[n].new_citation if split else self.by_key[n].old_citation) or "" for n in pieces])
        for n in pieces:
            self.marks[n] = (kind, [])


def follow_sentences(pairs: tuple[ClausePair, ...], options: CompareOptions | None = None) -> tuple[ClausePair, ...]:
    """``pairs`` with one-sided units re-paired, or grouped, where their sentences went."""
    options = options or CompareOptions()
    every = list(walk(pairs))
    gone, came, changed, lone = _units(every)
    if not gone and not came:
        return pairs
    links = _anchors(gone, came, changed, lone)
    if not links:
        return pairs
    by_key = {p.key: p for p in every}
    decisions = _Decisions(links, by_key, {p.key for p in gone} | {p.key for p in came})
    for d in sorted(p.key for p in gone):
        decisions.deleted(d)
    for a in sorted(p.key for p in came):
        decisions.added(a)
    if decisions.repairs:
        pairs = rebuild(pairs, repair_all(pairs, by_key, decisions.repairs, options), set(decisions.repairs))
    if decisions.marks:
        pairs = tuple(mark(p, decisions.marks) for p in pairs)
    return pairs


__all__ = ["follow_sentences", "likeness", "likeness_bound", "sentence_words"]
