"""Comparisons in a compact form: provision ids instead of provisions, and no segment that
the texts imply; every piece is checked against the rounds' own texts when read back.

The pairs are stored as columns, one row per pair (an article's pair, then its paragraphs'):
a warm ``history`` reads 49 entries of 1,000 pairs each, and a column is validated with a few
passes in C (``set(map(type, column))``) where a row would cost a Python call per pair.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace
from itertools import compress
from typing import Any, cast

from ..model import ChangeKind, ClausePair, Comparison, Finding, Provision, Round
from .codec import NONE, DamagedEntry, columns_of, dumps, invalid, list_of, loads, types_of
from .codec_rest import EMPTY_ROUND, rest_in, rest_out
from .codec_segments import check_segments, segments_in, segments_out
from .timeline import Link

_KINDS: dict[tuple[str, ...], tuple[ChangeKind, ...]] = {}  # memo: few distinct kind tuples
_KIND_VALUES = frozenset(kind.value for kind in ChangeKind)
# The columns, in their order in an entry.
_TOP, _KEY, _OLD, _NEW, _KIND, _SIMILARITY, _SEGMENTS, _HEADINGS, _RELATED, _OLD_PARENT, _NEW_PARENT, _NOTES = range(12)
_COLUMNS = 12


def _kinds(values: tuple[str, ...]) -> tuple[ChangeKind, ...]:
    kinds = _KINDS.get(values)
    if kinds is None:
        kinds = _KINDS[values] = tuple(ChangeKind(v) for v in values)
    return kinds


def text_of(p: Provision | None) -> str | None:
    return p.text if p is not None else None


def heading_of(p: Provision | None) -> str | None:
    return (p.heading or "") if p is not None else None


def notes_of(p: Provision | None) -> str | None:
    return (p.notes or "") if p is not None else None


def _row_out(pair: ClausePair, top: bool) -> list[Any]:
    return [
        top,
        pair.key,
        pair.old.id if pair.old else None,
        pair.new.id if pair.new else None,
        [k.value for k in pair.kinds],
        pair.similarity,
        segments_out(pair.segments, text_of(pair.old), text_of(pair.new)),
        segments_out(pair.heading_segments, heading_of(pair.old), heading_of(pair.new)),
        list(pair.related),
        pair.old_parent,
        pair.new_parent,
        segments_out(pair.notes_segments, notes_of(pair.old), notes_of(pair.new)),
    ]


def encode_comparison(comparison: Comparison) -> bytes:
    """The comparison as JSON, without its rounds (the caller has them) and implied segments;
    empty for a comparison the format cannot hold (paragraphs nested below a paragraph)."""
    rows: list[list[Any]] = []
    for top in comparison.pairs:
        rows.append(_row_out(top, True))
        for child in top.paragraphs:
            if child.paragraphs:
                return b""
            rows.append(_row_out(child, False))
    columns = columns_of(rows, _COLUMNS)
    return dumps([columns, rest_out(comparison)])


_VALID_KINDS: set[tuple[str, ...]] = set()  # memo: the few kind tuples already checked


def _check_columns(columns: Any) -> list[list[Any]]:
    """Every column's shape and types (segments' contents wait for the pair's decoding)."""
    if type(columns) is not list or len(columns) != _COLUMNS or any(type(c) is not list for c in columns):
        invalid("malformed pair columns")
    count = len(columns[_TOP])
    if any(len(c) != count for c in columns):
        invalid("pair columns of different lengths")
    if count and (types_of(columns[_TOP]) - {bool} or columns[_TOP][0] is not True):
        invalid("malformed pair structure")
    if types_of(columns[_KEY]) - {str} or types_of(columns[_OLD]) - {str, NONE} or types_of(columns[_NEW]) - {str, NONE}:
        invalid("malformed keys or provision ids")
    if types_of(columns[_KIND]) - {list}:
        invalid("malformed change kinds")
    for kinds in set(map(tuple, columns[_KIND])) - _VALID_KINDS:
        if not kinds or any(type(k) is not str or k not in _KIND_VALUES for k in kinds):
            invalid("unknown change kinds")
        _VALID_KINDS.add(kinds)
    if types_of(columns[_SIMILARITY]) - {float, int}:
        invalid("a similarity that is not a number")
    for n in (_SEGMENTS, _HEADINGS, _NOTES):
        if types_of(columns[n]) - {list, NONE}:
            invalid("malformed segments")
    if types_of(columns[_RELATED]) - {list}:
        invalid("malformed related labels")
    if any(types_of(labels) - {str} for labels in columns[_RELATED] if labels):
        invalid("related labels that are not text")
    if types_of(columns[_OLD_PARENT]) - {str, NONE} or types_of(columns[_NEW_PARENT]) - {str, NONE}:
        invalid("parent labels that are not text")
    return columns


def _index(ids: list[str | None], table: dict[str, Provision]) -> dict[str, int]:
    """Provision id -> its row; each provision of the round on exactly one row (ClausePair's
    invariant: counted, a repeat or a stranger shows as a mismatch)."""
    rows: dict[str | None, int] = dict(zip(ids, range(len(ids)), strict=True))
    rows.pop(None, None)
    if len(rows) != len(ids) - ids.count(None) or rows.keys() != table.keys():
        invalid("pairs that do not cover the rounds once each")
    return cast("dict[str, int]", rows)  # None popped: the ids only


class Provisions:
    """Id -> provision of one round, built on first use and shared by both its comparisons."""

    def __init__(self, round_: Round) -> None:
        self.round = round_
        self._table: dict[str, Provision] | None = None

    def _ids(self) -> dict[str, Provision]:
        if self._table is None:
            self._table = {p.id: p for p in self.round.walk()}
        return self._table

    def __getitem__(self, provision_id: str) -> Provision:
        return self._ids()[provision_id]

    def get(self, provision_id: str) -> Provision | None:
        return self._ids().get(provision_id)


class CachedPairs:
    """A :class:`treatydiff.timeline.timeline.PairSource` that decodes a pair only when a walk asks for it,
    so following one provision through 50 cached rounds decodes about 50 pairs, not 50,000."""

    def __init__(
        self,
        columns: Any,
        rest: Comparison,
        olds: Provisions,
        news: Provisions,
        discard: Callable[[], None] | None = None,
        keep: Callable[[Comparison], None] | None = None,
    ) -> None:
        # Every row's shape, ids and kinds are validated here, once (links are read from the
        # columns undecoded); a pair's segments when it is first decoded (see _top).
        self._columns = _check_columns(columns)
        self._discard, self._keep = discard, keep
        self.damaged = False  # set when a pair's segments proved not to fit the rounds
        self._rest = rest
        self._olds, self._news = olds, news
        self._decoded: dict[int, ClausePair] = {}
        self._materialized: Comparison | None = None
        count = len(self._columns[_TOP])
        self._tops = list(compress(range(count), self._columns[_TOP]))
        self._pairs = self._tops  # one per article's pair: what a walk may decode
        keys = self._columns[_KEY]
        if len(set(keys)) != count:
            invalid("a pair key used twice")
        if rest.findings and not {f.pair_key for f in rest.findings} <= set(keys):
            invalid("a finding on a pair the comparison does not have")
        self._old_at = _index(self._columns[_OLD], olds._ids())
        self._new_at = _index(self._columns[_NEW], news._ids())
        olds_column, news_column, kinds = self._columns[_OLD], self._columns[_NEW], self._columns[_KIND]
        self._orphans = [
            row for row, labels in enumerate(self._columns[_RELATED])
            if labels and (olds_column[row] is None or news_column[row] is None) and ("split" in kinds[row] or "merged" in kinds[row])
        ]

    @classmethod
    def load(
        cls,
        data: bytes,
        old: Round | Provisions,
        new: Round | Provisions,
        discard: Callable[[], None] | None = None,
        keep: Callable[[Comparison], None] | None = None,
    ) -> CachedPairs:
        """The entry ``data`` read against the two rounds; ``discard`` removes it from its store
        should a pair's segments prove damaged when decoded, ``keep`` stores its replacement."""
        columns, rest = list_of(loads(data), 2)
        olds = old if isinstance(old, Provisions) else Provisions(old)
        news = new if isinstance(new, Provisions) else Provisions(new)
        return cls(columns, rest_in(rest), olds, news, discard, keep)

    def _where(self, row: int) -> tuple[int, int]:
        """(which article's pair, which of its paragraphs or -1) of a row."""
        t = bisect_right(self._tops, row) - 1
        return t, row - self._tops[t] - 1

    def _rows(self, t: int) -> range:
        return range(self._tops[t], self._tops[t + 1] if t + 1 < len(self._tops) else len(self._columns[_TOP]))

    def _decode_row(self, row: int, paragraphs: tuple[ClausePair, ...]) -> ClausePair:
        c = self._columns
        old_id, new_id = c[_OLD][row], c[_NEW][row]
        old = self._olds[old_id] if old_id is not None else None
        new = self._news[new_id] if new_id is not None else None
        return ClausePair(
            key=c[_KEY][row],
            old=old,
            new=new,
            kinds=_kinds(tuple(c[_KIND][row])),
            similarity=float(c[_SIMILARITY][row]),
            segments=segments_in(c[_SEGMENTS][row], text_of(old), text_of(new)),
            heading_segments=segments_in(c[_HEADINGS][row], heading_of(old), heading_of(new)),
            paragraphs=paragraphs,
            related=tuple(c[_RELATED][row]),
            old_parent=c[_OLD_PARENT][row],
            new_parent=c[_NEW_PARENT][row],
            notes_segments=segments_in(c[_NOTES][row], notes_of(old), notes_of(new)),
        )

    def _check_segments(self, row: int) -> None:
        """A row's segments against the texts they claim to diff: checked when the pair is
        first decoded, not when the entry is read, so a walk through a few pairs of 50 rounds
        checks only those."""
        c = self._columns
        old_id, new_id = c[_OLD][row], c[_NEW][row]
        old = self._olds[old_id] if old_id is not None else None
        new = self._news[new_id] if new_id is not None else None
        if c[_SEGMENTS][row] is not None:
            check_segments(c[_SEGMENTS][row], text_of(old), text_of(new))
        if c[_HEADINGS][row] is not None:
            check_segments(c[_HEADINGS][row], heading_of(old), heading_of(new))
        if c[_NOTES][row] is not None:
            check_segments(c[_NOTES][row], notes_of(old), notes_of(new))

    def _top(self, t: int) -> ClausePair:
        pair = self._decoded.get(t)
        if pair is None:
            rows = self._rows(t)
            try:
                for row in rows:
                    self._check_segments(row)
            except Exception:  # Invalid, or a shape the column checks let through
                self._damage()
                raise DamagedEntry("a cached comparison's segments do not fit the rounds' texts") from None
            children = tuple(self._decode_row(row, ()) for row in rows[1:])
            pair = self._decoded[t] = self._decode_row(rows[0], children)
        return pair

    def _damage(self) -> None:
        if not self.damaged and self._discard is not None:
            self._discard()
        self.damaged = True

    def sound(self) -> bool:
        """Whether every pair's segments fit the rounds' texts (those not decoded yet checked
        now): what a view that met one damaged pair asks of every entry, so one pass replaces
        all the damaged ones."""
        if not self.damaged:
            try:
                for t in range(len(self._tops)):
                    if t not in self._decoded:
                        for row in self._rows(t):
                            self._check_segments(row)
            except Exception:  # as in _top
                self._damage()
        return not self.damaged

    def replaced(self, comparison: Comparison) -> None:
        """The comparison computed again in place of this damaged entry: kept in its store."""
        if self._keep is not None:
            self._keep(comparison)

    def _link(self, row: int | None) -> Link | None:
        if row is None:
            return None
        c = self._columns
        old_id, new_id = c[_OLD][row], c[_NEW][row]
        return None if old_id is None or new_id is None else Link(old_id, new_id, c[_KEY][row], _kinds(tuple(c[_KIND][row])))

    def link_of_old(self, provision_id: str) -> Link | None:
        """Where an old provision went, read from the entry without decoding its pair."""
        return self._link(self._old_at.get(provision_id))

    def link_of_new(self, provision_id: str) -> Link | None:
        return self._link(self._new_at.get(provision_id))

    def _at(self, row: int | None) -> ClausePair | None:
        if row is None:
            return None
        t, c = self._where(row)
        top = self._top(t)
        return top if c < 0 else top.paragraphs[c]

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self._rest.findings

    def pair_of_new(self, provision_id: str) -> ClausePair | None:
        return self._at(self._new_at.get(provision_id))

    def pair_of_old(self, provision_id: str) -> ClausePair | None:
        return self._at(self._old_at.get(provision_id))

    def one_sided_related(self) -> list[tuple[ClausePair, ClausePair | None]]:
        found: list[tuple[ClausePair, ClausePair | None]] = []
        for row in self._orphans:
            t, c = self._where(row)
            pair = self._at(row)
            assert pair is not None
            found.append((pair, None if c < 0 else self._top(t)))
        return found

    def materialize(self) -> Comparison:
        if self._materialized is None:
            pairs = tuple(self._top(t) for t in range(len(self._tops)))
            self._materialized = replace(self._rest, old_round=self._olds.round, new_round=self._news.round, pairs=pairs)
        return self._materialized


__all__ = ["EMPTY_ROUND", "CachedPairs", "Provisions", "encode_comparison"]
