"""The cache's data format: JSON validated on load, never pickles.

Every value read back is checked for its type (:func:`of_type` …); anything unexpected raises
:class:`Invalid`, so the cache discards the entry and recomputes it.  Rounds are stored whole;
comparisons in the compact form of :mod:`.codec_pairs`.
"""

from __future__ import annotations

import json
from itertools import pairwise
from typing import Any, NoReturn

from ..collector import collector_paused
from ..model import AgreementStatus, Provision, ProvisionKind, Round, RoundInfo


def invalid(problem: str) -> NoReturn:
    raise Invalid(problem)


class Invalid(ValueError):
    """A cache entry that is not what we write: discarded, never trusted."""


class DamagedEntry(Exception):
    """A cache entry whose damage showed only when a view first decoded a pair of it (segments
    are checked then, not on reading the entry): the store has removed it, and the caller
    computes the view again from a fresh timeline (:func:`treatydiff.usecases_timeline.on_timeline`)."""


VERSION = 5  # 3: pairs carry their notes diff; 4: parties' members and the round authors; 5: pairs and provisions in columns
NONE = type(None)


def of_type(value: Any, kind: type) -> Any:
    if type(value) is not kind:
        invalid(f"expected {kind.__name__}, got {type(value).__name__}")
    return value


def maybe_of(value: Any, kind: type) -> Any:
    return None if value is None else of_type(value, kind)


def list_of(value: Any, length: int | None = None) -> list[Any]:
    if type(value) is not list or (length is not None and len(value) != length):
        invalid("a list of the wrong shape")
    return value


def strings_of(value: Any) -> tuple[str, ...]:
    items = list_of(value)
    if any(type(item) is not str for item in items):
        invalid("expected strings")
    return tuple(items)


def number_of(value: Any) -> float:
    if type(value) not in (int, float):
        invalid("expected a number")
    return float(value)


def dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def loads(data: bytes) -> Any:
    # Parsing makes hundreds of thousands of lists, none in a cycle: the cyclic collector
    # would rescan them all as they pile up (superlinear; four times the parse itself).
    with collector_paused():
        # NaN and infinities are refused: we never write them, so they mark a foreign entry.
        return json.loads(data, parse_constant=invalid)


_PROVISION_KINDS = {kind.value: kind for kind in ProvisionKind}
_STATUSES = {status.value: status for status in AgreementStatus}
_DEEPEST = 8  # clause files nest two levels


def _rows_out(p: Provision, depth: int, rows: list[list[Any]]) -> None:
    rows.append([p.id, p.label, p.text, p.kind.value, p.heading, p.status.value if p.status else None, p.notes, depth])
    for child in p.paragraphs:
        _rows_out(child, depth + 1, rows)


def encode_round(round_: Round) -> bytes:
    """The round with its provisions as columns, one row per provision in document order
    (its depth says where it nests): a warm ``history`` reads 50 rounds of 1,000 provisions
    each, and a column is checked in a few passes in C where a nested list costs a call each."""
    i = round_.info
    info = [i.label, i.party, i.date, i.title, i.source, i.notes, i.number, i.language, i.derived_ids]
    rows: list[list[Any]] = []
    for provision in round_.provisions:
        _rows_out(provision, 0, rows)
    columns = columns_of(rows, 8)
    return dumps([info, columns, round_.name, round_.path])


def types_of(column: list[Any]) -> set[type]:
    """The types a column's values have (checked against what the column may hold)."""
    return set(map(type, column))


def columns_of(rows: list[list[Any]], width: int) -> list[list[Any]]:
    """Rows of ``width`` values as ``width`` columns (stored as columns: checked in few passes)."""
    return [list(column) for column in zip(*rows, strict=True)] if rows else [[] for _ in range(width)]


def _provisions_in(columns: Any) -> tuple[Provision, ...]:
    """The provisions rebuilt from their columns, every value's type checked first."""
    ids, labels, texts, kinds, headings, statuses, notes, depths = list_of(columns, 8)
    count = len(ids)
    if any(type(c) is not list or len(c) != count for c in (labels, texts, kinds, headings, statuses, notes, depths)):
        invalid("provision columns of different shapes")
    if types_of(ids) - {str} or types_of(labels) - {str} or types_of(texts) - {str} or types_of(headings) - {str, NONE} or types_of(notes) - {str, NONE}:
        invalid("a malformed provision")
    if types_of(kinds) - {str} or not set(kinds) <= _PROVISION_KINDS.keys() or types_of(statuses) - {str, NONE} or not set(statuses) - {None} <= _STATUSES.keys():
        invalid("an unknown provision kind or status")
    if len(set(ids)) != count:  # load_round refuses these; so does its cache
        invalid("a provision id used twice")
    if count and (types_of(depths) - {int} or depths[0] != 0 or min(depths) < 0 or max(depths) > _DEEPEST
                  or any(after > before + 1 for before, after in pairwise(depths))):
        invalid("provisions nested out of order")
    found_kinds = [_PROVISION_KINDS[k] for k in kinds]
    found_statuses = [None if s is None else _STATUSES[s] for s in statuses]
    # From the last row up: a provision's paragraphs are the rows one deeper collected since
    # the last provision at its own depth or above.
    pending: list[list[Provision]] = [[] for _ in range(_DEEPEST + 2)]
    for n in range(count - 1, -1, -1):
        depth = depths[n]
        below = pending[depth + 1]
        if below:
            below.reverse()
            paragraphs = tuple(below)
            pending[depth + 1] = []
        else:
            paragraphs = ()
        pending[depth].append(Provision(ids[n], labels[n], texts[n], found_kinds[n], headings[n], found_statuses[n], paragraphs, notes[n]))
    pending[0].reverse()
    return tuple(pending[0])


def decode_round(data: bytes) -> Round:
    info, provisions, name, path = list_of(loads(data), 4)
    label, party, date, title, source, notes, number, language, derived_ids = list_of(info, 9)
    return Round(
        info=RoundInfo(
            label=of_type(label, str),
            party=maybe_of(party, str),
            date=maybe_of(date, str),
            title=maybe_of(title, str),
            source=maybe_of(source, str),
            notes=maybe_of(notes, str),
            number=maybe_of(number, int),
            language=maybe_of(language, str),
            derived_ids=of_type(derived_ids, bool),
        ),
        provisions=_provisions_in(provisions),
        name=of_type(name, str),
        path=maybe_of(path, str),
    )
