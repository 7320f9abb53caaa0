"""A disk cache of comparisons, so ``report``, ``history``, ``blame`` and ``synopsis`` compare
each pair of consecutive rounds once between them, not once per command.

Entries live in ``$TREATYDIFF_CACHE_DIR`` (else ``$XDG_CACHE_HOME/treatydiff``, else
``~/.cache/treatydiff``), in a folder named after a fingerprint of treatydiff's own code and
rule data: a new version or an edited lexicon never reads an old entry.  Keys hash both drafts,
the options, the parties and the negotiation's lexicon (:func:`treatydiff.timeline.build.comparison_key`).
The cache is best effort: an unreadable or unwritable entry is recomputed, never an error.
Entries are pickles, so the folder is created private to the user (mode 0700).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from ..formats.textio import atomic_write_bytes
from ..model import (
    ChangeKind,
    ClausePair,
    Comparison,
    Finding,
    Op,
    Provision,
    Round,
    RoundInfo,
    Segment,
)

_CODE_SUFFIXES = (".py", ".yaml", ".yml", ".json")


def default_cache_dir() -> Path:
    explicit = os.environ.get("TREATYDIFF_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "treatydiff"


@cache
def code_fingerprint() -> str:
    """Hash of treatydiff's modules and rule data (not templates: they do not change results)."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.suffix in _CODE_SUFFIXES and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class DiskComparisonStore:
    """:class:`treatydiff.timeline.build.ComparisonStore` on disk."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = (folder or default_cache_dir()) / f"comparisons-{code_fingerprint()}"
        self._tables: dict[int, _Provisions] = {}  # id(round) -> its table; the table keeps it alive

    def _provisions(self, round_: Round) -> _Provisions:
        table = self._tables.get(id(round_))
        if table is None or table.round is not round_:
            table = self._tables[id(round_)] = _Provisions(round_)
        return table

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.pickle"

    def get(self, key: str, old: Round, new: Round) -> CachedPairs | None:
        try:
            data = self._path(key).read_bytes()
        except OSError:
            return None
        try:
            return CachedPairs.load(data, self._provisions(old), self._provisions(new))
        except Exception:  # a damaged or outdated entry is recomputed
            return None

    def put(self, key: str, comparison: Comparison) -> None:
        self.put_encoded(key, encode_comparison(comparison))

    def put_encoded(self, key: str, data: bytes) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            atomic_write_bytes(self._path(key), data)
        except Exception:  # best effort: the result is already computed
            return


# --- a compact form: ids instead of provisions, and no segments that the texts imply --------

_OPS = {Op.EQUAL: "=", Op.INSERT: "+", Op.DELETE: "-"}
_FROM = {v: k for k, v in _OPS.items()}
_KINDS: dict[tuple[str, ...], tuple[ChangeKind, ...]] = {}  # memo: few distinct kind tuples


def _kinds(values: tuple[str, ...]) -> tuple[ChangeKind, ...]:
    kinds = _KINDS.get(values)
    if kinds is None:
        kinds = _KINDS[values] = tuple(ChangeKind(v) for v in values)
    return kinds
_FORMAT = ("treatydiff-comparison", 1)


def _implied(old: str | None, new: str | None) -> tuple[Segment, ...]:
    """The segments an unchanged, added or deleted text always has."""
    if old is not None and new is not None:
        return (Segment(Op.EQUAL, new),) if old == new and new else (() if old == new else (Segment(Op.DELETE, "\\0"),))
    if new:
        return (Segment(Op.INSERT, new),)
    if old:
        return (Segment(Op.DELETE, old),)
    return ()


def _segments_out(segments: tuple[Segment, ...], old: str | None, new: str | None) -> tuple[tuple[str, str, bool], ...] | None:
    if segments == _implied(old, new):
        return None
    return tuple((_OPS[s.op], s.text, s.ignorable) for s in segments)


def _segments_in(data: tuple[tuple[str, str, bool], ...] | None, old: str | None, new: str | None) -> tuple[Segment, ...]:
    if data is None:
        return _implied(old, new)
    ops = _FROM
    return tuple([Segment(ops[op], text, ignorable) for op, text, ignorable in data])


def _text(p: Provision | None) -> str | None:
    return p.text if p is not None else None


def _heading(p: Provision | None) -> str | None:
    return (p.heading or "") if p is not None else None


def _encode_pair(pair: ClausePair) -> tuple[Any, ...]:
    return (
        pair.key,
        pair.old.id if pair.old else None,
        pair.new.id if pair.new else None,
        tuple(k.value for k in pair.kinds),
        pair.similarity,
        _segments_out(pair.segments, _text(pair.old), _text(pair.new)),
        _segments_out(pair.heading_segments, _heading(pair.old), _heading(pair.new)),
        tuple(_encode_pair(child) for child in pair.paragraphs),
        pair.related,
        pair.old_parent,
        pair.new_parent,
    )


def _decode_pair(data: tuple[Any, ...], olds: _Provisions, news: _Provisions) -> ClausePair:
    key, old_id, new_id, kinds, similarity, segments, headings, children, related, old_parent, new_parent = data
    old = olds[old_id] if old_id is not None else None
    new = news[new_id] if new_id is not None else None
    return ClausePair(
        key=key,
        old=old,
        new=new,
        kinds=_kinds(kinds),
        similarity=similarity,
        segments=_segments_in(segments, _text(old), _text(new)),
        heading_segments=_segments_in(headings, _heading(old), _heading(new)),
        paragraphs=tuple(_decode_pair(child, olds, news) for child in children),
        related=related,
        old_parent=old_parent,
        new_parent=new_parent,
    )


def encode_comparison(comparison: Comparison) -> bytes:
    """The comparison without its rounds (the caller has them) and without implied segments."""
    rest = replace(comparison, old_round=_EMPTY, new_round=_EMPTY, pairs=())
    body = (_FORMAT, tuple(_encode_pair(p) for p in comparison.pairs), rest)
    return pickle.dumps(body, protocol=pickle.HIGHEST_PROTOCOL)


class _Provisions:
    """Id -> provision of one round, built on first use and shared by both its comparisons."""

    def __init__(self, round_: Round) -> None:
        self.round = round_
        self._table: dict[str, Provision] | None = None

    def __getitem__(self, provision_id: str) -> Provision:
        if self._table is None:
            self._table = {p.id: p for p in self.round.walk()}
        return self._table[provision_id]


class CachedPairs:
    """A :class:`treatydiff.timeline.timeline.PairSource` that decodes a pair only when a walk asks for it,
    so following one provision through 50 cached rounds decodes about 50 pairs, not 50,000."""

    def __init__(self, pairs: tuple[tuple[Any, ...], ...], rest: Comparison, olds: _Provisions, news: _Provisions) -> None:
        self._pairs = pairs
        self._rest = rest
        self._olds, self._news = olds, news
        self._decoded: dict[int, ClausePair] = {}
        self._materialized: Comparison | None = None
        self._new_at: dict[str, tuple[int, int]] = {}
        self._old_at: dict[str, tuple[int, int]] = {}
        self._orphans: list[tuple[int, int]] = []
        for t, top in enumerate(pairs):
            self._register(top, t, -1)
            for c, child in enumerate(top[7]):
                self._register(child, t, c)

    @classmethod
    def load(cls, data: bytes, old: Round | _Provisions, new: Round | _Provisions) -> CachedPairs:
        fmt, pairs, rest = pickle.loads(data)  # our own private cache folder (mode 0700)
        if fmt != _FORMAT or not isinstance(rest, Comparison):
            raise ValueError("not a cached comparison")
        olds = old if isinstance(old, _Provisions) else _Provisions(old)
        news = new if isinstance(new, _Provisions) else _Provisions(new)
        return cls(pairs, rest, olds, news)

    def _register(self, data: tuple[Any, ...], t: int, c: int) -> None:
        old_id, new_id, kinds, related = data[1], data[2], data[3], data[8]
        if new_id is not None:
            self._new_at[new_id] = (t, c)
        if old_id is not None:
            self._old_at[old_id] = (t, c)
        if (old_id is None or new_id is None) and related and ("split" in kinds or "merged" in kinds):
            self._orphans.append((t, c))

    def _top(self, t: int) -> ClausePair:
        pair = self._decoded.get(t)
        if pair is None:
            pair = self._decoded[t] = _decode_pair(self._pairs[t], self._olds, self._news)
        return pair

    def _at(self, where: tuple[int, int] | None) -> ClausePair | None:
        if where is None:
            return None
        t, c = where
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
        for t, c in self._orphans:
            pair = self._at((t, c))
            assert pair is not None
            found.append((pair, None if c < 0 else self._top(t)))
        return found

    def materialize(self) -> Comparison:
        if self._materialized is None:
            pairs = tuple(self._top(t) for t in range(len(self._pairs)))
            self._materialized = replace(self._rest, old_round=self._olds.round, new_round=self._news.round, pairs=pairs)
        return self._materialized


_EMPTY = Round(info=RoundInfo(label=""), provisions=())


# --- parsed rounds ----------------------------------------------------------------------------


class DiskRoundStore:
    """Rounds parsed by an earlier run, keyed by the clause file's path and bytes.

    Parsing a 300-article clause file costs about 0.15 s (YAML), reading it back from here a
    few milliseconds: ``history`` after a ``report`` then reads 50 rounds in a fraction of a
    second.  Entries live beside the comparisons (same folder rules, same code fingerprint, so
    a new treatydiff never reads an old entry); best effort like them."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = (folder or default_cache_dir()) / f"rounds-{code_fingerprint()}"

    def get(self, digest: str) -> Round | None:
        try:
            round_ = pickle.loads((self.folder / f"{digest}.pickle").read_bytes())  # our own folder (0700)
        except Exception:  # absent, unreadable or outdated: parse the file
            return None
        return round_ if isinstance(round_, Round) else None

    def put(self, digest: str, round_: Round) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            atomic_write_bytes(self.folder / f"{digest}.pickle", pickle.dumps(round_, protocol=pickle.HIGHEST_PROTOCOL))
        except Exception:  # best effort: the round is already parsed
            return


def file_digest(path: Path, data: bytes) -> str:
    """A fingerprint of a clause file read as ``data``: its path (a round's name and ``path``
    come from it) and its bytes."""
    return "file-" + hashlib.sha256(str(path).encode("utf-8") + b"\0" + data).hexdigest()
