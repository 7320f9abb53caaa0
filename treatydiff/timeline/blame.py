"""Word-level blame: which round (and party) put each word of a provision where it stands.

The walk reuses a :class:`~treatydiff.timeline.history.ClauseHistory`: its first entry's words come
from the round that first proposed the provision; each later entry's redline carries the
origins of equal text forward, gives inserted text the entry's round, and records deleted
text together with the round that removed it.  Origins are tracked per character (the redline
is token-aligned, so a word never straddles two origins unless an editorial change touched
part of it; then the latest round wins, as in ``git blame``).

Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..diff.worddiff import tokenize
from ..model import ChangeKind, Op
from .history import ClauseHistory, HistoryEntry


@dataclass(frozen=True)
class Origin:
    """The round that introduced (or removed) some text."""

    round_index: int
    round_name: str
    round_label: str
    party: str | None
    date: str | None


@dataclass(frozen=True)
class BlameRun:
    """Consecutive text of the current version introduced in the same round."""

    text: str
    start: int  # character offsets into the blamed text
    end: int
    origin: Origin


@dataclass(frozen=True)
class BlameWord:
    word: str
    start: int
    end: int
    origin: Origin


@dataclass(frozen=True)
class DeletedText:
    """Text removed along the way: who had written it and who took it out."""

    text: str
    introduced: Origin
    deleted: Origin
    split_off: bool = False  # the round split the provision: the text lives on in a sibling


@dataclass(frozen=True)
class Blame:
    history: ClauseHistory
    text: str  # the blamed version's text (its own text and paragraphs)
    runs: tuple[BlameRun, ...]  # concatenated, they rebuild ``text`` exactly
    words: tuple[BlameWord, ...]
    deleted: tuple[DeletedText, ...]  # oldest first


def _origin(entry: HistoryEntry) -> Origin:
    return Origin(
        round_index=entry.round_index,
        round_name=entry.round_name,
        round_label=entry.round.label,
        party=entry.round.party,
        date=entry.round.date,
    )


def blame(history: ClauseHistory) -> Blame:
    """Attribute every word of the named version of ``history``'s provision."""
    # Blame the version the user named: entries after it are the provision's future.
    entries = [e for e in history.entries if e.round_index <= history.start.round_index]
    origins: list[Origin] = []
    deleted: list[DeletedText] = []
    for entry in entries:
        here = _origin(entry)
        carried: list[Origin] = []
        position = 0  # into the previous text, i.e. into ``origins``
        for segment in entry.segments:
            size = len(segment.text)
            if segment.op == Op.EQUAL:
                carried.extend(origins[position : position + size])
                position += size
            elif segment.op == Op.DELETE:
                removed = origins[position : position + size]
                deleted.extend(_deleted_runs(segment.text, removed, here, ChangeKind.SPLIT in entry.kinds))
                position += size
            else:
                carried.extend([here] * size)
        origins = carried
    text = entries[-1].text if entries else ""
    assert len(origins) == len(text), "a redline must rebuild the blamed text exactly"
    words = _words(text, origins)
    return Blame(history=history, text=text, runs=_runs(text, words), words=words, deleted=tuple(deleted))


def _deleted_runs(text: str, origins: list[Origin], by: Origin, split_off: bool) -> list[DeletedText]:
    runs: list[DeletedText] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or origins[i] != origins[start]:
            piece = text[start:i]
            if piece.strip():
                runs.append(DeletedText(text=piece, introduced=origins[start], deleted=by, split_off=split_off))
            start = i
    return runs


def _words(text: str, origins: list[Origin]) -> tuple[BlameWord, ...]:
    words: list[BlameWord] = []
    position = 0
    for token, _ in tokenize(text):
        end = position + len(token)
        if not token.isspace():
            latest = max(origins[position:end], key=lambda o: o.round_index)
            words.append(BlameWord(token, position, end, latest))
        position = end
    return tuple(words)


def _runs(text: str, words: tuple[BlameWord, ...]) -> tuple[BlameRun, ...]:
    """Group words by origin; the space between two words goes with the run it continues."""
    runs: list[BlameRun] = []
    for word in words:
        if runs and runs[-1].origin == word.origin:
            last = runs[-1]
            runs[-1] = BlameRun(text[last.start : word.end], last.start, word.end, last.origin)
        else:
            start = runs[-1].end if runs else 0
            runs.append(BlameRun(text[start : word.end], start, word.end, word.origin))
    if runs and runs[-1].end < len(text):  # trailing whitespace
        last = runs[-1]
        runs[-1] = BlameRun(text[last.start :], last.start, len(text), last.origin)
    return tuple(runs)
