"""Text spread over several units, or gathered from several: splits and merges read by words.

A licence or treaty re-drafted from flat sections into lettered items (CC BY 3.0's section 1
"Definitions a. ... b. ..." became 4.0's Section 1(a)–(k); MPL 1.1's section 11 became MPL
2.0's sections 8 and 9) is reworded as it is cut up: the new items share few phrases with the
old section, and no sentence survives intact, so neither containment of shingles
(:mod:`.restructure`) nor sentence anchors (:mod:`.anchors`) find the split.  What survives is
the vocabulary: the content words of each new item stand, nearly all, in the one old section
it came from, and in no other unit as much.

So, over what is still one-sided after the other passes, each added unit (a *piece*) is looked
up among the old units that may have given text away (*hosts*: deleted ones, and paired ones
whose old side is much longer than their new side).  The words are weighted by rarity on the
host's side (a word every unit uses says nothing), and word forms are cut to a common stem so
that "voluntary" finds "voluntarily".  A piece belongs to its best host when the host holds
:data:`PART_OF` of its weighted words and no other host comes within :data:`MARGIN`.  A deleted
host that receives two pieces or more was split; one that receives a single piece, which also
covers much of it, was moved or rewritten.  Merges mirror it: deleted pieces, new hosts.  The
analysis reads a group as one text, so a new group must hold most of its host's words
(:data:`GROUP_COVERS`): a partial one would read as text deleted or added.

Templated drafts write every unit from one vocabulary: there no word is rare, weighted
containment of one unit in another stays low, and no piece finds a host.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, pairwise

from ..model import ChangeKind, ClausePair, CompareOptions
from .definitions import defines_a_new_term
from .restructure import _grouped as grouped
from .restructure import _mark as mark
from .restructure import _rebuild as rebuild
from .restructure import _repair_all as repair_all
from .restructure import _walk as walk

# Share of a piece's weighted content words its host must hold, with the next best host holding
# at most MARGIN of what the best holds; or, rewritten as it moved, a smaller share that no
# other host comes near (MPL 1.1's litigation clause in section 11 → MPL 2.0's section 8).
PART_OF, MARGIN = 0.5, 0.7
REWORDED_PART_OF, REWORDED_MARGIN = 0.4, 0.6
# A paired host gave text away when its old side is this much longer than its new side (split;
# the new side longer, for a merge) ...
LOST = 1.5
# ... and a piece then stands in the host's own other side at most this share as well as in the
# host (clauses on one subject share words: only a piece held nearly as well was copied).
STILL_THERE = 0.8
# Each half of a piece's words stands in its host at least this much (see _halves).
HALF_HELD = 0.3
# A piece and its host share at least RARE_SHARED stems that stand in at most RARE_SENTENCES of
# all the hosts' sentences: the words a text carries with it when it is cut up (names,
# "database", "endorsement").  Templated drafts write every unit from one vocabulary; there no
# stem is rare and no piece finds a host.
RARE_SENTENCES, RARE_SHARED = 4, 3
# Reworded as it is cut up, a piece still keeps some of its host's phrases (two content words
# in a row): at least MIN_PHRASES of them and PHRASES of its own.  A long host with a generic
# vocabulary (the Artistic Licence 1.0's section 3) holds many pieces' words, few their phrases.
PHRASES, MIN_PHRASES = 0.12, 2
# A short piece ("Licensor means the individual or entity granting rights ...") has too few
# words to carry rare ones: its host must hold more of them instead.
SHORT_PIECE, SHORT_PART_OF = 20, 0.55
MIN_PIECE_WORDS = 4  # distinct content words; "License grant." names, it does not carry text
MIN_HOST_CHARS = 90  # about 15 words
# A lone host with a single piece is one provision moved or rewritten only when the piece also
# carries this share of the host's weighted words.
COVERS = 0.5
# Two pieces sharing this share of their stems are one text twice.
TWINS = 0.8
# A group's pieces (and the host's own other side) hold at least this share of its weighted words.
GROUP_COVERS = 0.4
# A piece is looked for in runs of its host's sentences up to this many times its own length.
STRETCH = 1.5
CANDIDATES = 8  # hosts scored per piece, those sharing most of its rarest words
STEM = 6
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")


def stems(text: str) -> frozenset[str]:
    """The content words of ``text`` (four letters or more), cut to their first :data:`STEM` letters."""
    return frozenset(w[:STEM] for w in _CONTENT_WORD.findall(text.casefold()))


def phrases(text: str) -> frozenset[tuple[str, str]]:
    """Each two content words that follow each other in ``text``, as stems ("individual or entity")."""
    words = [w[:STEM] for w in _CONTENT_WORD.findall(text.casefold())]
    return frozenset(pairwise(words))


_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+|\n")


@dataclass(frozen=True)
class _Unit:
    pair: ClausePair
    text: str
    words: frozenset[str]


def _side_text(pair: ClausePair, old_side: bool) -> str:
    provision = pair.old if old_side else pair.new
    return provision.text if provision else ""


Sentences = tuple[tuple[frozenset[str], int], ...]  # each sentence (or clause) as (stems, word count)


# A negotiation's timeline weighs every text of both sides of each comparison, and most texts
# recur unchanged in the next rounds: each is cut into sentences once (2,000 texts a side).
@lru_cache(maxsize=1 << 13)
def _sentences(text: str) -> Sentences:
    out = ((stems(s), len(s.split())) for s in _SENTENCE_END.split(text))
    return tuple((w, n) for w, n in out if w)


@lru_cache(maxsize=4)
def _rarity(texts: tuple[str, ...]) -> Mapping[str, float]:
    """Each stem's inverse document frequency among the sentences of ``texts`` (read only)."""
    sentences = [words for text in texts for words, _ in _sentences(text)]
    count = len(sentences)
    df = Counter(chain.from_iterable(sentences))  # counted in C, one pass over every stem
    return {w: math.log((count + 1) / n) for w, n in df.items()}


class _Weights:
    """Rarity of each stem among the sentences of one side (inverse document frequency).

    Made only when some piece shares rare words with a host, for it reads the whole side."""

    def __init__(self, every: Sequence[ClausePair], old_side: bool) -> None:
        # The side's texts in a fixed order: the rarity depends on them alone, so a round read
        # as the new side of one comparison and the old side of the next is weighed once.
        self.idf = _rarity(tuple(sorted(_side_text(pair, old_side) for pair in every if (pair.old if old_side else pair.new) is not None)))

    def weight(self, words: frozenset[str]) -> float:
        idf = self.idf  # a word the side never uses is one the piece gained, not evidence
        return sum(idf.get(w, 0.0) for w in words)

    def share(self, part: frozenset[str], whole: frozenset[str]) -> float:
        total = self.weight(part)
        return self.weight(part & whole) / total if total else 0.0

    def best_stretch(self, piece: _Unit, host: _Unit) -> float:
        """The largest share of ``piece``'s weighted words held by a run of ``host``'s sentences
        at most :data:`STRETCH` times the piece's length (at least one sentence)."""
        total = self.weight(piece.words)
        if not total:
            return 0.0
        sentences = _sentences(host.text)  # by text: a pair's two sides are two hosts
        best = 0.0
        limit = STRETCH * len(piece.text.split())
        for i in range(len(sentences)):
            held: set[str] = set()
            words = 0
            for stem_set, n in sentences[i:]:
                if held and words + n > limit:
                    break
                held |= piece.words & stem_set
                words += n
            best = max(best, self.weight(frozenset(held)) / total)
            if best >= 1.0:
                break
        return best


def _leftovers(every: Sequence[ClausePair]) -> tuple[list[ClausePair], list[ClausePair], list[ClausePair], list[ClausePair]]:
    """Deleted, added, shrunk (old side much longer) and grown pairs.  It reads every unit of
    both drafts, so it compares lengths only, and only of pairs whose text changed."""
    deleted: list[ClausePair] = []
    added: list[ClausePair] = []
    shrunk: list[ClausePair] = []
    grown: list[ClausePair] = []
    modified, lost, least = ChangeKind.MODIFIED, LOST, MIN_HOST_CHARS
    for pair in every:
        old, new = pair.old, pair.new
        if old is None:
            added.append(pair)
        elif new is None:
            deleted.append(pair)
        elif modified in pair.kinds:
            before, after = len(old.text), len(new.text)
            if before >= lost * after + least:
                shrunk.append(pair)
            elif after >= lost * before + least:
                grown.append(pair)
    return deleted, added, shrunk, grown


class _Stems(dict[str, frozenset[str]]):
    """Stems by text, for one run: each leftover is read as a host on one pass, a piece on the other."""

    def __missing__(self, text: str) -> frozenset[str]:
        found = self[text] = stems(text)
        return found


def _hosts(candidates: Sequence[ClausePair], split: bool, stems_of: _Stems) -> list[_Unit]:
    """Units that may have given text away (split) or taken it in (merge)."""
    kind = ChangeKind.SPLIT if split else ChangeKind.MERGED
    out: list[_Unit] = []
    for pair in candidates:
        text = _side_text(pair, split)
        if len(text) >= MIN_HOST_CHARS and (not grouped(pair) or kind in pair.kinds):
            out.append(_Unit(pair, text, stems_of[text]))
    return out


def _pieces(candidates: Sequence[ClausePair], split: bool, stems_of: _Stems) -> list[_Unit]:
    out: list[_Unit] = []
    for pair in candidates:
        if grouped(pair):
            continue
        text = _side_text(pair, not split)
        words = stems_of[text]
        if len(words) >= MIN_PIECE_WORDS:
            out.append(_Unit(pair, text, words))
    return out


def _halves(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """A piece's words in its first and its second half: a host must hold some of each, not
    only a stock phrase the piece ends with ("common but differentiated responsibilities")."""
    tokens = text.split()
    middle = len(tokens) // 2
    return stems(" ".join(tokens[:middle])), stems(" ".join(tokens[middle:]))


def _clear(best: float, second: float) -> bool:
    return (best >= PART_OF and second <= MARGIN * best) or (best >= REWORDED_PART_OF and second <= REWORDED_MARGIN * best)


def _rare_candidates(pieces: Sequence[_Unit], hosts: Sequence[_Unit]) -> dict[int, Counter[int]]:
    """Piece → the hosts sharing at least :data:`RARE_SHARED` of its stems that stand in at most
    :data:`RARE_SENTENCES` of the hosts' sentences, with how many they share (a short piece:
    the hosts sharing any of its stems).  Templated drafts write every unit from one
    vocabulary: there no stem is rare and no piece gets here."""
    # A stem in few sentences is in few hosts: count hosts first (cheap), sentences only for the
    # stems left, and only when some piece could still find a host by them.
    in_hosts = Counter(w for host in hosts for w in host.words)
    few = {w for w, n in in_hosts.items() if n <= RARE_SENTENCES}
    longer = [n for n, piece in enumerate(pieces) if len(piece.text.split()) > SHORT_PIECE and len(piece.words & few) >= RARE_SHARED]
    shorter = [n for n, piece in enumerate(pieces) if len(piece.text.split()) <= SHORT_PIECE]
    if not longer and not shorter:
        return {}
    df: Counter[str] = Counter()
    if longer:
        for host in hosts:
            if host.words & few:
                for words, _ in _sentences(host.text):
                    df.update(words & few)
    rare: dict[str, list[int]] = defaultdict(list)
    every: dict[str, list[int]] = defaultdict(list)
    for h, host in enumerate(hosts):
        for word in host.words:
            every[word].append(h)
            if word in few and df[word] <= RARE_SENTENCES:
                rare[word].append(h)
    out: dict[int, Counter[int]] = {}
    for n in sorted([*longer, *shorter]):
        piece = pieces[n]
        short = len(piece.text.split()) <= SHORT_PIECE
        votes: Counter[int] = Counter()
        for word in piece.words:
            found = (every if short else rare).get(word)
            if found is not None:
                votes.update(found)
        if votes and (short or max(votes.values()) >= RARE_SHARED):
            out[n] = votes
    return out


def _assign(pieces: Sequence[_Unit], hosts: Sequence[_Unit], weights: _Weights, candidates: dict[int, Counter[int]],
            articles: set[str], split: bool) -> dict[str, list[_Unit]]:
    """Host pair key → the pieces whose words it clearly holds best."""
    out: dict[str, list[_Unit]] = defaultdict(list)
    for n, votes in sorted(candidates.items()):
        piece = pieces[n]
        # An article with paragraphs of its own comes from an article: a paragraph that became a
        # section (GitHub's D.8 → E) gave its text to the paragraphs, the section's lead is new.
        allowed = [h for h, _ in votes.most_common(CANDIDATES) if not piece.pair.paragraphs or hosts[h].pair.key in articles]
        scored = sorted(((weights.best_stretch(piece, hosts[h]), h) for h in allowed),
                        key=lambda s: (-s[0], s[1]))
        if not scored or not _clear(scored[0][0], scored[1][0] if len(scored) > 1 else 0.0):
            continue
        short = len(piece.text.split()) <= SHORT_PIECE
        if (votes[scored[0][1]] < RARE_SHARED) if not short else scored[0][0] < SHORT_PART_OF:
            continue
        host = hosts[scored[0][1]]
        if defines_a_new_term(piece.text, host.text):
            continue  # a definition of a term the host's list did not define (see .definitions)
        if min(weights.share(half, host.words) for half in _halves(piece.text)) < HALF_HELD:
            continue
        mine = phrases(piece.text)
        kept = len(mine & phrases(host.text))
        if kept < MIN_PHRASES or kept < PHRASES * len(mine):
            continue  # the host has the piece's words but none of its wording: a generic vocabulary
        other = host.pair.new if split else host.pair.old
        if other is not None and weights.best_stretch(piece, _Unit(host.pair, other.text, frozenset())) > STILL_THERE * scored[0][0]:
            continue  # the piece still stands where the host went about as well: copied, not cut out
        out[host.pair.key].append(piece)
    return out


def _distinct(pieces: list[_Unit]) -> list[_Unit]:
    """The pieces without those that are near copies of another: two units carrying the same
    text both hold the host's words, and which of them was cut from it is anybody's guess."""
    twins = {n for n, a in enumerate(pieces) for m, b in enumerate(pieces)
             if n != m and len(a.words & b.words) >= TWINS * len(a.words | b.words)}
    return [p for n, p in enumerate(pieces) if n not in twins]


def _citation(pair: ClausePair, old_side: bool) -> str:
    return (pair.old_citation if old_side else pair.new_citation) or ""


def spread(pairs: tuple[ClausePair, ...], options: CompareOptions | None = None) -> tuple[ClausePair, ...]:
    """``pairs`` with the pieces of a section spread over several units (or gathered into one) grouped."""
    options = options or CompareOptions()
    every = list(walk(pairs))
    deleted, added, shrunk, grown = _leftovers(every)
    if not deleted and not added:
        return pairs
    marks: dict[str, tuple[ChangeKind, list[str]]] = {}
    repairs: dict[str, str] = {}
    by_key: dict[str, ClausePair] = {}  # made once some piece is looked up
    stems_of = _Stems()
    for split in (True, False):
        taken = {*marks, *repairs, *repairs.values()}
        hosts = [h for h in _hosts([*deleted, *shrunk] if split else [*added, *grown], split, stems_of) if h.pair.key not in taken]
        pieces = [p for p in _pieces(added if split else deleted, split, stems_of) if p.pair.key not in taken]
        if not hosts or not pieces:
            continue
        candidates = _rare_candidates(pieces, hosts)
        if not candidates:
            continue
        weights = _Weights(every, old_side=split)
        assigned = _assign(pieces, hosts, weights, candidates, {p.key for p in pairs}, split)
        by_key = by_key or {p.key: p for p in every}
        kind = ChangeKind.SPLIT if split else ChangeKind.MERGED
        host_words = {h.pair.key: h.words for h in hosts}
        for key, found in sorted(assigned.items()):
            host = by_key[key]
            found = _distinct(found)
            if not found:
                continue
            lone = (host.new if split else host.old) is None
            if lone and len(found) == 1 and not grouped(host):  # (a lone source of a split takes more pieces)
                piece = found[0]
                if weights.share(host_words[key], piece.words) >= COVERS:
                    old_key, new_key = (key, piece.pair.key) if split else (piece.pair.key, key)
                    repairs[old_key] = new_key
                continue
            # The analysis reads a group as one text: a new group that leaves most of the host's
            # words outside it (pieces not found, or not there) would read as text deleted
            # (added).  A group already made only gets more complete.
            kept = frozenset().union(*(p.words for p in found), stems(_side_text(host, not split)))
            if not grouped(host) and weights.share(host_words[key], kept) < GROUP_COVERS:
                continue
            # Pieces name the host and the host names them, by the side that is split (merged).
            names = [_citation(p.pair, not split) for p in found]
            marks[key] = (kind, names)
            for piece in found:
                marks[piece.pair.key] = (kind, [] if lone else [_citation(host, split)])
    if repairs:
        pairs = rebuild(pairs, repair_all(pairs, by_key, repairs, options), set(repairs))
    if marks:
        pairs = tuple(mark(p, marks) for p in pairs)
    return pairs


__all__ = ["spread", "stems"]
