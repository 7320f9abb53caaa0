"""Positions across rounds: how far apart the sides are on each provision, round by round, and
where a round walked back, conceded or made a new demand.

A side is whoever proposed a round (a party, or an author such as a chair); its *position* on
a provision is the provision's text in the latest round it proposed.  For every provision and
round, the *distance* is between the round's text (the proposer's position) and the latest
position of another side, word by word, 0 (the same words) to 1 (nothing in common).

States: ``agreed`` (the round marks the provision agreed), ``converged`` (the round's text is
the other side's position word for word), ``open``; ``absent`` when the round has no such
provision.  Events of a round's proposer: ``walk-back`` (its text moves away from the other
side's position, or reopens text that was converged or agreed), ``concession`` (it moves
toward it, or takes the brackets off text as it stood), ``new-demand`` (it adds words the other side never proposed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..diff.sentences import lcs_runs
from ..model import AgreementStatus, Round
from ..timeline.names import ProvisionRef, lineage, threads
from ..timeline.timeline import NegotiationTimeline

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


def _words(text: str | None) -> tuple[str, ...]:
    return tuple(text.split()) if text else ()


class _Text:
    """A provision's text in one round: its words, and the same words one character each (an
    alphabet per provision), which the aligner's longest common subsequence diffs in C."""

    __slots__ = ("code", "words")

    def __init__(self, words: tuple[str, ...], code: str) -> None:
        self.words, self.code = words, code


class _Encoder:
    def __init__(self) -> None:
        self._alphabet: dict[str, str] = {}

    def __call__(self, words: tuple[str, ...]) -> _Text:
        alphabet = self._alphabet
        for word in sorted(set(words).difference(alphabet)):  # sorted: the same codes in every run
            n = len(alphabet)  # private-use planes 15 and 16: never in a word
            alphabet[word] = chr(0xF0000 + n if n < 0xFFFE else 0x100000 + n - 0xFFFE)
        return _Text(words, "".join(map(alphabet.__getitem__, words)))  # a loop in C: long articles, many rounds


class _Distances:
    """Word distances, each pair of texts measured once (most cells repeat a pair): the share
    of both texts' words that are not common to them (normalised Indel distance)."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], float] = {}

    def __call__(self, a: _Text, b: _Text) -> float:
        if a.code == b.code:
            return 0.0
        if not a.code or not b.code:
            return 1.0
        key = (a.code, b.code) if a.code <= b.code else (b.code, a.code)
        found = self._seen.get(key)
        if found is None:
            changed = sum(n for op, n in lcs_runs(key[0], key[1]) if op != "equal")
            found = self._seen[key] = round(changed / (len(a.code) + len(b.code)), 4)
        return found


def _changes(before: _Text, after: _Text) -> tuple[list[str], list[str]]:
    """The runs of words added and removed from ``before`` to ``after``."""
    added: list[str] = []
    removed: list[str] = []
    i = j = 0
    last = ""
    for op, count in lcs_runs(before.code, after.code):
        if op == "equal":
            i, j, last = i + count, j + count, op
            continue
        if op == "delete":
            words, i = " ".join(before.words[i : i + count]), i + count
            target = removed
        else:
            words, j = " ".join(after.words[j : j + count]), j + count
            target = added
        if last == op and target:
            target[-1] += " " + words  # one run, whatever the runs' cut
        else:
            target.append(words)
        last = op
    return added, removed


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


def _provision_cells(timeline: NegotiationTimeline, ref: ProvisionRef, distance: _Distances) -> tuple[Cell, ...]:
    rounds = timeline.rounds
    sides = sorted({proposer(r) for r in rounds})
    versions = lineage(timeline, ref)
    positions: dict[str, tuple[int, _Text]] = {}  # side -> (round, text) of its latest round
    others_said: dict[str, set[str]] = {}  # side -> every text (joined words) the others proposed
    cells: list[Cell] = []
    encode = _Encoder()
    previous = encode(())
    previous_state, previous_joined = ABSENT, ""
    for index, round_ in enumerate(rounds):
        ids = versions.get(index, ())
        provisions = [p for pid in ids if (p := timeline.provision(index, pid)) is not None]
        words = _words("\n".join(p.full_text for p in provisions))
        text = previous if words == previous.words else encode(words)  # most rounds leave a provision as it was
        side = proposer(round_)
        mine = positions.get(side)
        theirs = max((v for s, v in positions.items() if s != side), default=None, key=lambda v: v[0])
        gap = distance(text, theirs[1]) if theirs is not None else None
        agreed = bool(provisions) and all(p.status == AgreementStatus.AGREED for p in provisions)
        state = ABSENT if not provisions else AGREED if agreed else CONVERGED if theirs is not None and text.code == theirs[1].code else OPEN
        events: list[str] = []
        change = ""
        before = distance(mine[1], theirs[1]) if mine is not None and theirs is not None else None
        if text is not previous and (provisions or previous.words):
            added, removed = _changes(previous, text)
            change = _change_words(added, removed)
            reopened = previous_state in (AGREED, CONVERGED) and state not in (AGREED, CONVERGED)
            if _lifts_brackets(previous.words, words):
                # The same words with their brackets taken off: the bracketed text accepted
                # outright, a step toward agreement however far the word distance moved.
                events.append(CONCESSION)
            elif reopened or (gap is not None and before is not None and gap > before + _EPSILON):
                events.append(WALK_BACK)
            elif gap is not None and before is not None and gap < before - _EPSILON:
                events.append(CONCESSION)
            said = others_said.get(side, set())
            if theirs is not None and any(len(run.split()) >= 2 and not any(f" {run} " in f" {t} " for t in said) for run in added):
                events.append(NEW_DEMAND)
        elif provisions and gap is not None and before is not None and gap < before - _EPSILON:
            events.append(CONCESSION)  # took the other side's text as it stood
        cells.append(Cell(round_.name or round_.info.label, gap, state, tuple(events), change))
        positions[side] = (index, text)
        joined = previous_joined if text is previous and index else " ".join(words)
        for other in sides:
            if other != side:
                others_said.setdefault(other, set()).add(joined)
        previous, previous_state, previous_joined = text, state, joined
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
            widened = last is not None and cell.distance is not None and cell.distance > last + _EPSILON
            for event in (WALK_BACK, NEW_DEMAND):
                if event in cell.events:
                    issues.append(KeyIssue(provision.id, provision.label, cell.round, event, cell.words, proposers[index]))
            if widened and not {WALK_BACK, NEW_DEMAND, CONCESSION} & set(cell.events):  # lifted brackets widen no gap
                issues.append(KeyIssue(provision.id, provision.label, cell.round, "gap-widened", cell.words, proposers[index]))
            last = cell.distance if cell.distance is not None else last
    return issues


def positions_view(timeline: NegotiationTimeline, perspective: str | None = None) -> PositionsView:
    """Provisions × rounds with distances, states and events, and the key issues."""
    distance = _Distances()
    rounds = timeline.rounds
    proposers = tuple(proposer(r) for r in rounds)
    provisions = tuple(
        ProvisionPositions(ref.provision_id, _label(timeline, ref), _provision_cells(timeline, ref, distance))
        for ref in threads(timeline)
    )
    negotiation = timeline.negotiation
    return PositionsView(
        title=negotiation.title,
        illustrative=negotiation.illustrative,
        perspective=perspective,
        rounds=tuple(r.name or r.info.label for r in rounds),
        proposers=proposers,
        provisions=provisions,
        key_issues=tuple(_key_issues(provisions, proposers)),
    )
