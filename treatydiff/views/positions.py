"""Positions across rounds: how far apart the sides are on each provision, round by round, and
where a round walked back, conceded or made a new demand.

A side is whoever proposed a round (a party, or an author such as a chair); its *position* on
a provision is the provision's text in the latest round it proposed.  For every provision and
round, the *distance* is between the round's text (the proposer's position) and the latest
position of another side, word by word, 0 (the same words) to 1 (nothing in common).  Words
are read as the analysis reads them (:mod:`.position_texts`): an editorial edit (punctuation,
case, spelling variants, numbers written out, reordered words, a cross-reference following the
renumbering) or a paragraph moved, split or merged unchanged moves no position and fires no
event; only a change of substance does, and a key issue names its words.

States: ``agreed`` (the round marks the provision agreed), ``converged`` (the round's text is
the other side's position word for word), ``open``; ``absent`` when the round has no such
provision.  Events of a round's proposer: ``walk-back`` (its text moves away from the other
side's position, or reopens text that was converged or agreed), ``concession`` (it moves
toward it, or takes the brackets off text as it stood), ``new-demand`` (it adds words the other side never proposed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..collector import collector_paused
from ..diff.sentences import lcs_runs
from ..model import AgreementStatus, Round
from ..timeline.names import ProvisionRef, lineage, threads
from ..timeline.timeline import NegotiationTimeline
from .position_texts import PositionTexts

AGREED, CONVERGED, OPEN, ABSENT = "agreed", "converged", "open", "absent"
WALK_BACK, CONCESSION, NEW_DEMAND = "walk-back", "concession", "new-demand"
# A letter per state and a mark per event, in every output (text, HTML, the report's heat map):
# the table reads without colour (and in greyscale).
STATE_MARK = {AGREED: "A", CONVERGED: "=", OPEN: "o", ABSENT: "·"}
EVENT_MARK = {WALK_BACK: "↩", CONCESSION: "↘", NEW_DEMAND: "+"}
_EPSILON = 1e-9
_WORDS_SHOWN = 160  # characters of an event's words in a key issue


@dataclass(frozen=True)
class Cell:
    round: str
    distance: float | None  # None: no other side has a position yet
    state: str
    events: tuple[str, ...]
    words: str  # what the round changed, for a key issue ("+ added words; − removed words")


@dataclass(frozen=True)
class ProvisionPositions:
    id: str
    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class KeyIssue:
    id: str
    label: str
    round: str
    event: str  # walk-back | new-demand | gap-widened
    words: str
    side: str  # who proposed the round


@dataclass(frozen=True)
class PositionsView:
    title: str
    illustrative: bool
    perspective: str | None
    rounds: tuple[str, ...]
    proposers: tuple[str, ...]  # each round's side, in order
    provisions: tuple[ProvisionPositions, ...]
    key_issues: tuple[KeyIssue, ...]


class _Text:
    """Words, and the same words one character each (an alphabet per provision), which the
    aligner's longest common subsequence diffs in C."""

    __slots__ = ("code", "words")

    def __init__(self, words: tuple[str, ...], code: str) -> None:
        self.words, self.code = words, code


class _Encoder:
    def __init__(self) -> None:
        self._alphabet: dict[str, str] = {}

    def __call__(self, words: Sequence[str]) -> _Text:
        alphabet = self._alphabet
        for word in sorted(set(words).difference(alphabet)):  # sorted: the same codes in every run
            n = len(alphabet)  # private-use planes 15 and 16: never in a word
            alphabet[word] = chr(0xF0000 + n if n < 0xFFFE else 0x100000 + n - 0xFFFE)
        return _Text(tuple(words), "".join(map(alphabet.__getitem__, words)))  # a loop in C: long articles, many rounds


class _Distances:
    """Word distances, each pair of texts measured once (most cells repeat a pair): the share
    of both texts' words that are not common to them (normalised Indel distance)."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], int] = {}

    def changed(self, a: _Text, b: _Text) -> int:
        """How many words of ``a`` and ``b`` are not common to them."""
        if a.code == b.code:
            return 0
        if not a.code or not b.code:
            return len(a.code) + len(b.code)
        key = (a.code, b.code) if a.code <= b.code else (b.code, a.code)
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = sum(n for op, n in lcs_runs(key[0], key[1]) if op != "equal")
        return found

    def of(self, pairs: Sequence[tuple[_Text, _Text]]) -> float:
        """The distance over several threads of one provision: their changed words over all."""
        total = sum(len(a.code) + len(b.code) for a, b in pairs)
        if not total:
            return 0.0
        if not any(a.code for a, _ in pairs) or not any(b.code for _, b in pairs):
            return 1.0
        return round(sum(self.changed(a, b) for a, b in pairs) / total, 4)


def _changes(old: tuple[Sequence[str], Sequence[str]], new: tuple[Sequence[str], Sequence[str]]) -> tuple[list[str], list[str]]:
    """The runs of words added and removed from ``old`` to ``new``, each the written
    words and their keys: words are compared by key (so a word that only gained a comma is
    not shown as changed) and shown as written."""
    encode = _Encoder()
    (before, old_keys), (after, new_keys) = old, new
    a, b = encode(old_keys), encode(new_keys)
    added: list[str] = []
    removed: list[str] = []
    i = j = 0
    last = ""
    for op, count in lcs_runs(a.code, b.code):
        if op == "equal":
            i, j, last = i + count, j + count, op
            continue
        if op == "delete":
            words, i = " ".join(before[i : i + count]), i + count
            target = removed
        else:
            words, j = " ".join(after[j : j + count]), j + count
            target = added
        if last == op and target:
            target[-1] += " " + words  # one run, whatever the runs' cut
        else:
            target.append(words)
        last = op
    return added, removed


def _runs(before: _Text, after: _Text) -> list[tuple[str, ...]]:
    """The runs of normalised words ``after`` adds to ``before``."""
    runs: list[tuple[str, ...]] = []
    j = 0
    for op, count in lcs_runs(before.code, after.code):
        if op == "insert":
            runs.append(after.words[j : j + count])
        if op != "delete":
            j += count
    return runs


def _change_words(added: list[str], removed: list[str]) -> str:
    parts = [f"+ {' … '.join(added)}"] if added else []
    if removed:
        parts.append(f"− {' … '.join(removed)}")
    text = "; ".join(parts)
    return text if len(text) <= _WORDS_SHOWN else text[: _WORDS_SHOWN - 1] + "…"


def _lifts_brackets(before: tuple[str, ...], after: tuple[str, ...]) -> bool:
    """Whether ``after`` is ``before`` with square brackets removed and nothing else changed."""
    if before == after:
        return False
    joined = "".join(before)  # one scan in C: this runs for every changed cell
    if "[" not in joined and "]" not in joined:
        return False
    return tuple(w for w in (v.replace("[", "").replace("]", "") for v in before) if w) == after


def proposer(round_: Round) -> str:
    return round_.info.party or f"({round_.name or round_.info.label})"


class _Thread:
    """One provision's threads round by round, encoded for the distances."""

    def __init__(self, texts: PositionTexts, distance: _Distances) -> None:
        self.texts, self.distance, self.encode = texts, distance, _Encoder()
        self.threads: dict[int, tuple[str, ...]] = {}
        self._coded: dict[int, dict[str, _Text]] = {}  # round -> thread -> its words, encoded
        self._joined: dict[int, str] = {}
        self._between: dict[tuple[int, int], float] = {}
        self._rows: dict[int, tuple[_Text, ...]] = {}

    def coded(self, index: int, thread: str) -> _Text:
        here = self._coded.get(index)
        if here is None:
            here = self._coded[index] = {}
        found = here.get(thread)
        if found is None:
            words = self.texts.words_in(index).get(thread, ())
            before = self._coded.get(index - 1, {}).get(thread)
            # Most rounds leave a thread's words as they were (the same object): no new code.
            found = here[thread] = before if before is not None and before.words is words else self.encode(words)
        return found

    def union(self, a: int, b: int) -> Sequence[str]:
        """The threads of rounds ``a`` and ``b``, in order (most rounds: the same threads)."""
        mine, theirs = self.threads.get(a, ()), self.threads.get(b, ())
        return mine if mine == theirs else tuple(dict.fromkeys(mine + theirs))

    def row(self, index: int) -> tuple[_Text, ...]:
        """The round's threads, encoded."""
        found = self._rows.get(index)
        if found is None:
            found = self._rows[index] = tuple(self.coded(index, t) for t in self.threads.get(index, ()))
        return found

    def between(self, a: int, b: int) -> float:
        """The distance between the provision's words in rounds ``a`` and ``b``.

        Kept: a round's gap is the next round's "before" (the distance is symmetric)."""
        key = (a, b) if a <= b else (b, a)
        found = self._between.get(key)
        if found is None:
            if self.threads.get(a, ()) == self.threads.get(b, ()):
                pairs = list(zip(self.row(a), self.row(b), strict=True))
            else:
                pairs = [(self.coded(a, t), self.coded(b, t)) for t in self.union(a, b)]
            # Most cells: the same words on both sides (the same objects), nothing to measure.
            found = self._between[key] = 0.0 if all(x is y for x, y in pairs) else self.distance.of(pairs)
        return found

    def joined(self, index: int) -> str:
        found = self._joined.get(index)
        if found is None:
            found = self._joined[index] = " ".join(w for t in self.threads.get(index, ()) for w in self.texts.words(index, t))
        return found


@dataclass(frozen=True)
class _Rounds:
    """What every provision's row reads of the rounds: computed once per view."""

    names: tuple[str, ...]
    proposers: tuple[str, ...]
    sides: tuple[str, ...]  # every side, sorted


def _provision_cells(timeline: NegotiationTimeline, ref: ProvisionRef, distance: _Distances, texts: PositionTexts,
                     rounds: _Rounds) -> tuple[Cell, ...]:
    sides = rounds.sides
    versions = lineage(timeline, ref)
    thread = _Thread(texts, distance)
    positions: dict[str, int] = {}  # side -> its latest round
    # side -> the rounds of the others (their words, read when needed), one round for each
    # run of rounds that left the provision's words as they were: the words are what counts.
    others_said: dict[str, dict[int, None]] = {}
    same_as = 0  # the first round of the run of rounds with the words of this one
    cells: list[Cell] = []
    previous_state = ABSENT
    for index, side in enumerate(rounds.proposers):
        ids = versions.get(index, ())
        provisions = [p for pid in ids if (p := timeline.provision(index, pid)) is not None]
        thread.threads[index] = texts.threads(index, provisions)
        mine = positions.get(side)
        theirs = max((v for s, v in positions.items() if s != side), default=None)
        gap = thread.between(index, theirs) if theirs is not None else None
        agreed = bool(provisions) and all(p.status == AgreementStatus.AGREED for p in provisions)
        state = ABSENT if not provisions else AGREED if agreed else CONVERGED if gap == 0.0 else OPEN
        events: list[str] = []
        change = ""
        before = thread.between(mine, theirs) if mine is not None and theirs is not None else None
        # Only a change of substance moves a position: an editorial edit leaves the words as they were.
        changed = texts.changed(index, thread.union(index - 1, index)) if index else ()
        if changed:
            old = [thread.coded(index - 1, t) for t in changed]
            new = [thread.coded(index, t) for t in changed]
            added, removed = [], []
            for t in changed:
                more, fewer = _changes(texts.keys(texts.text(index - 1, t)), texts.keys(texts.text(index, t)))
                added += more
                removed += fewer
            change = _change_words(added, removed) or "(the same words, in another order)"
            reopened = previous_state in (AGREED, CONVERGED) and state not in (AGREED, CONVERGED)
            if _lifts_brackets(tuple(w for o in old for w in o.words), tuple(w for n in new for w in n.words)):
                # The same words with their brackets taken off: the bracketed text accepted
                # outright, a step toward agreement however far the word distance moved.
                events.append(CONCESSION)
            elif reopened or (gap is not None and before is not None and gap > before + _EPSILON):
                events.append(WALK_BACK)
            elif gap is not None and before is not None and gap < before - _EPSILON:
                events.append(CONCESSION)
            runs = [" ".join(run) for o, n in zip(old, new, strict=True) for run in _runs(o, n) if len(run) >= 2]
            if theirs is not None and runs:
                said = {f" {thread.joined(r)} " for r in others_said.get(side, ())}
                if any(not any(f" {run} " in t for t in said) for run in runs):
                    events.append(NEW_DEMAND)
        elif provisions and gap is not None and before is not None and gap < before - _EPSILON:
            events.append(CONCESSION)  # took the other side's text as it stood
        cells.append(Cell(rounds.names[index], gap, state, tuple(events), change))
        positions[side] = index
        if index and (changed or thread.threads[index] != thread.threads[index - 1]):
            same_as = index
        for other in sides:
            if other != side:
                others_said.setdefault(other, {})[same_as] = None
        previous_state = state
    return tuple(cells)


def _label(timeline: NegotiationTimeline, ref: ProvisionRef) -> str:
    provision = timeline.provision(ref.round_index, ref.provision_id)
    label = timeline.display_label(ref.round_index, ref.provision_id) if provision is not None else ref.provision_id
    if provision is not None and provision.heading:
        label += f" — {provision.heading}"
    return label


def _key_issues(provisions: Sequence[ProvisionPositions], proposers: Sequence[str]) -> list[KeyIssue]:
    issues: list[KeyIssue] = []
    for provision in provisions:
        last: float | None = None
        for index, cell in enumerate(provision.cells):
            # Only a change of substance widens a gap (an editorial edit changes no words here).
            widened = bool(cell.words) and last is not None and cell.distance is not None and cell.distance > last + _EPSILON
            for event in (WALK_BACK, NEW_DEMAND):
                if event in cell.events:
                    issues.append(KeyIssue(provision.id, provision.label, cell.round, event, cell.words, proposers[index]))
            if widened and not {WALK_BACK, NEW_DEMAND, CONCESSION} & set(cell.events):  # lifted brackets widen no gap
                issues.append(KeyIssue(provision.id, provision.label, cell.round, "gap-widened", cell.words, proposers[index]))
            last = cell.distance if cell.distance is not None else last
    return issues


def positions_view(timeline: NegotiationTimeline, perspective: str | None = None) -> PositionsView:
    """Provisions × rounds with distances, states and events, and the key issues."""
    # The table makes hundreds of thousands of small acyclic objects (and a cached timeline
    # decodes its pairs as the table reads them); left on, the cyclic collector rescans the
    # whole timeline each time (about a fifth of `positions` on 50 rounds × 300 articles).
    with collector_paused():
        return _positions_view(timeline, perspective)


def _positions_view(timeline: NegotiationTimeline, perspective: str | None) -> PositionsView:
    distance = _Distances()
    texts = PositionTexts(timeline)
    proposers = tuple(proposer(r) for r in timeline.rounds)
    rounds = _Rounds(tuple(r.name or r.info.label for r in timeline.rounds), proposers, tuple(sorted(set(proposers))))
    provisions = tuple(
        ProvisionPositions(ref.provision_id, _label(timeline, ref), _provision_cells(timeline, ref, distance, texts, rounds))
        for ref in threads(timeline)
    )
    negotiation = timeline.negotiation
    return PositionsView(
        title=negotiation.title,
        illustrative=negotiation.illustrative,
        perspective=perspective,
        rounds=rounds.names,
        proposers=proposers,
        provisions=provisions,
        key_issues=tuple(_key_issues(provisions, proposers)),
    )
