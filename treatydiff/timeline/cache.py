"""A disk cache of comparisons, so ``report``, ``history``, ``blame`` and ``synopsis`` compare
each pair of consecutive rounds once between them, not once per command.

Entries live in ``$TREATYDIFF_CACHE_DIR`` (else ``$XDG_CACHE_HOME/treatydiff``, else
``~/.cache/treatydiff``), in a folder named after a fingerprint of treatydiff's own code and
rule data: a new version or an edited lexicon never reads an old entry.  Keys hash both drafts,
the options, the parties and the negotiation's lexicon (:func:`treatydiff.timeline.build.comparison_key`).

Entries are data only (JSON), never pickles: whoever can write into the folder could otherwise
run code as the user.  Each entry starts with a header naming its format and the digest of its
inputs, and is validated on load (every type, every provision id against the rounds, every
segment against the texts it claims to diff); an entry that fails is discarded and recomputed.
A cache folder that another user owns, or that the group or others may write, is refused
(:class:`treatydiff.errors.CacheError`): a planted entry there could change what is shown.
The cache is otherwise best effort: an unreadable or unwritable entry is recomputed.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import stat
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any, NoReturn

from ..errors import CacheError, Location
from ..formats.textio import atomic_write_bytes
from ..model import (
    AgreementStatus,
    BracketTally,
    ChangeKind,
    ClausePair,
    CompareOptions,
    Comparison,
    Direction,
    Finding,
    NegotiationInfo,
    Op,
    Party,
    PartyVerdict,
    Provision,
    ProvisionKind,
    Round,
    RoundInfo,
    Segment,
    Span,
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


def checked_folder(folder: Path) -> Path:
    """``folder``, created private (0700) if missing; refused if another user owns it or the
    group or others may write it (anyone who can write there chooses what we read back)."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = folder.stat()
    except OSError as exc:
        raise CacheError(
            f"cannot use the cache folder: {exc.strerror}",
            location=Location(folder),
            fix="set TREATYDIFF_CACHE_DIR to a folder of yours, or pass --no-cache",
        ) from None
    if not stat.S_ISDIR(info.st_mode):
        raise CacheError("the cache folder is not a folder", location=Location(folder), fix="set TREATYDIFF_CACHE_DIR to a folder of yours, or pass --no-cache")
    if info.st_uid != os.getuid():
        raise CacheError(
            f"the cache folder belongs to another user (uid {info.st_uid}); its entries cannot be trusted",
            location=Location(folder),
            fix="set TREATYDIFF_CACHE_DIR to a folder of yours, or pass --no-cache",
        )
    if info.st_mode & 0o022:
        raise CacheError(
            f"the cache folder is writable by other users (mode {stat.S_IMODE(info.st_mode):04o}); its entries cannot be trusted",
            location=Location(folder),
            fix=f"run `chmod go-w {folder}`, set TREATYDIFF_CACHE_DIR to a private folder, or pass --no-cache",
        )
    return folder


def _header(kind: str, digest: str) -> bytes:
    """The first line of an entry: what it is, in which format, and of which inputs."""
    return f"treatydiff-cache {kind} {_VERSION} {digest}\n".encode("ascii")


def _body(data: bytes, kind: str, digest: str) -> bytes:
    header = _header(kind, digest)
    if not data.startswith(header):
        _invalid("another format, or an entry for other inputs")
    return data[len(header) :]


class DiskComparisonStore:
    """:class:`treatydiff.timeline.build.ComparisonStore` on disk."""

    def __init__(self, folder: Path | None = None) -> None:
        root = checked_folder(folder or default_cache_dir())
        self.folder = checked_folder(root / f"comparisons-{code_fingerprint()}")
        self._tables: dict[int, _Provisions] = {}  # id(round) -> its table; the table keeps it alive

    def _provisions(self, round_: Round) -> _Provisions:
        table = self._tables.get(id(round_))
        if table is None or table.round is not round_:
            table = self._tables[id(round_)] = _Provisions(round_)
        return table

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str, old: Round, new: Round) -> CachedPairs | None:
        try:
            data = self._path(key).read_bytes()
        except OSError:
            return None
        collecting = gc.isenabled()
        gc.disable()  # see _loads: validating makes as many objects as parsing
        try:
            return CachedPairs.load(_body(data, "comparison", key), self._provisions(old), self._provisions(new))
        except Exception:  # a damaged, planted or outdated entry is recomputed
            return None
        finally:
            if collecting:
                gc.enable()

    def put(self, key: str, comparison: Comparison) -> None:
        self.put_encoded(key, encode_comparison(comparison))

    def put_encoded(self, key: str, data: bytes) -> None:
        try:
            atomic_write_bytes(self._path(key), _header("comparison", key) + data)
        except Exception:  # best effort: the result is already computed
            return


def _invalid(problem: str) -> NoReturn:
    raise _Invalid(problem)


class _Invalid(ValueError):
    """A cache entry that is not what we write: discarded, never trusted."""


_VERSION = 3  # 3: pairs carry their notes diff
_NONE = type(None)


def _is(value: Any, kind: type) -> Any:
    if type(value) is not kind:
        _invalid(f"expected {kind.__name__}, got {type(value).__name__}")
    return value


def _maybe(value: Any, kind: type) -> Any:
    return None if value is None else _is(value, kind)


def _list(value: Any, length: int | None = None) -> list[Any]:
    if type(value) is not list or (length is not None and len(value) != length):
        _invalid("a list of the wrong shape")
    return value


def _strings(value: Any) -> tuple[str, ...]:
    items = _list(value)
    if any(type(item) is not str for item in items):
        _invalid("expected strings")
    return tuple(items)


def _number(value: Any) -> float:
    if type(value) not in (int, float):
        _invalid("expected a number")
    return float(value)


# --- a compact form: ids instead of provisions, and no segments that the texts imply --------

# A stored segment is two integers, never text: an operation code (+4 when ignorable) and a
# length.  Its words are sliced from the rounds' own texts (equal and deleted runs from the old
# text, equal and inserted runs from the new, the invariant of ClausePair), so an entry cannot
# show words the files lack, and entries are a fraction of the size (fast to parse).
_EQUAL, _INSERT, _DELETE, _IGNORABLE = 0, 1, 2, 4
_CODES = {Op.EQUAL: _EQUAL, Op.INSERT: _INSERT, Op.DELETE: _DELETE}
_KINDS: dict[tuple[str, ...], tuple[ChangeKind, ...]] = {}  # memo: few distinct kind tuples
_KIND_VALUES = frozenset(kind.value for kind in ChangeKind)


def _kinds(values: tuple[str, ...]) -> tuple[ChangeKind, ...]:
    kinds = _KINDS.get(values)
    if kinds is None:
        kinds = _KINDS[values] = tuple(ChangeKind(v) for v in values)
    return kinds


def _implied(old: str | None, new: str | None) -> tuple[Segment, ...]:
    """The segments an unchanged, added or deleted text always has."""
    if old is not None and new is not None:
        return (Segment(Op.EQUAL, new),) if old == new and new else (() if old == new else (Segment(Op.DELETE, "\\0"),))
    if new:
        return (Segment(Op.INSERT, new),)
    if old:
        return (Segment(Op.DELETE, old),)
    return ()


def _segments_out(segments: tuple[Segment, ...], old: str | None, new: str | None) -> list[int] | None:
    if segments == _implied(old, new):
        return None
    flat: list[int] = []
    codes = _CODES
    for segment in segments:
        flat.append(codes[segment.op] | (_IGNORABLE if segment.ignorable else 0))
        flat.append(len(segment.text))
    return flat


def _segments_in(data: list[int] | None, old: str | None, new: str | None) -> tuple[Segment, ...]:
    """Segments rebuilt from their codes and lengths by slicing the texts (checked on load)."""
    if data is None:
        return _implied(old, new)
    old_text, new_text = old or "", new or ""
    at_old = at_new = 0
    out: list[Segment] = []
    for n in range(0, len(data), 2):
        code, length = data[n], data[n + 1]
        op = code & 3
        if op == _EQUAL:
            out.append(Segment(Op.EQUAL, new_text[at_new : at_new + length], bool(code & _IGNORABLE)))
            at_old += length
            at_new += length
        elif op == _INSERT:
            out.append(Segment(Op.INSERT, new_text[at_new : at_new + length], bool(code & _IGNORABLE)))
            at_new += length
        else:
            out.append(Segment(Op.DELETE, old_text[at_old : at_old + length], bool(code & _IGNORABLE)))
            at_old += length
    return tuple(out)


def _check_segments(data: Any, old: str | None, new: str | None) -> None:
    """Stored segments must cover exactly the texts the rounds hold, and an equal run must be
    the same words on both sides."""
    if type(data) is not list or len(data) % 2:
        _invalid("malformed segments")
    old_text, new_text = old or "", new or ""
    at_old = at_new = 0
    for n in range(0, len(data), 2):
        code, length = data[n], data[n + 1]
        if type(code) is not int or type(length) is not int or length < 0 or not 0 <= code <= 6 or code & 3 == 3:
            _invalid("a malformed segment")
        op = code & 3
        if op == _EQUAL:
            if at_old + length > len(old_text) or not old_text.startswith(new_text[at_new : at_new + length], at_old):
                _invalid("an equal run that differs between the texts")
            at_old += length
            at_new += length
        elif op == _INSERT:
            at_new += length
        else:
            at_old += length
    if at_old != len(old_text) or at_new != len(new_text):
        _invalid("segments that do not cover the rounds' texts")
    if (old is None and at_old) or (new is None and at_new):
        _invalid("segments on a missing side")


def _text(p: Provision | None) -> str | None:
    return p.text if p is not None else None


def _heading(p: Provision | None) -> str | None:
    return (p.heading or "") if p is not None else None


def _notes(p: Provision | None) -> str | None:
    return (p.notes or "") if p is not None else None


def _encode_pair(pair: ClausePair) -> list[Any]:
    return [
        pair.key,
        pair.old.id if pair.old else None,
        pair.new.id if pair.new else None,
        [k.value for k in pair.kinds],
        pair.similarity,
        _segments_out(pair.segments, _text(pair.old), _text(pair.new)),
        _segments_out(pair.heading_segments, _heading(pair.old), _heading(pair.new)),
        [_encode_pair(child) for child in pair.paragraphs],
        list(pair.related),
        pair.old_parent,
        pair.new_parent,
        _segments_out(pair.notes_segments, _notes(pair.old), _notes(pair.new)),
    ]


def _decode_pair(data: list[Any], olds: _Provisions, news: _Provisions) -> ClausePair:
    key, old_id, new_id, kinds, similarity, segments, headings, children, related, old_parent, new_parent, notes = data
    old = olds[old_id] if old_id is not None else None
    new = news[new_id] if new_id is not None else None
    return ClausePair(
        key=key,
        old=old,
        new=new,
        kinds=_kinds(tuple(kinds)),
        similarity=float(similarity),
        segments=_segments_in(segments, _text(old), _text(new)),
        heading_segments=_segments_in(headings, _heading(old), _heading(new)),
        paragraphs=tuple(_decode_pair(child, olds, news) for child in children),
        related=tuple(related),
        old_parent=old_parent,
        new_parent=new_parent,
        notes_segments=_segments_in(notes, _notes(old), _notes(new)),
    )


_VALID_KINDS: set[tuple[str, ...]] = set()  # memo: the few kind tuples already checked


def _check_pair(data: Any, olds: dict[str, Provision], news: dict[str, Provision]) -> None:
    """Validate one stored pair (not its children) against the rounds' provisions by id.

    Written for speed (a warm ``history`` checks some 50,000 pairs): plain type tests, no
    helpers per field; a wrongly shaped entry may also fail by an exception here, which the
    store treats the same way."""
    if type(data) is not list or len(data) != 12:
        _invalid("a pair of the wrong shape")
    key, old_id, new_id, kinds, similarity, segments, headings, children, related, old_parent, new_parent, notes = data
    old = olds.get(old_id) if old_id is not None else None  # only str ids are in the tables
    new = news.get(new_id) if new_id is not None else None
    if type(key) is not str or (old_id is not None and old is None) or (new_id is not None and new is None):
        _invalid("a provision id the rounds do not have")
    if type(kinds) is not list:
        _invalid("malformed change kinds")
    kind_tuple = tuple(kinds)  # hashable, for the memo: a handful of distinct tuples in all
    if kind_tuple not in _VALID_KINDS:
        if not kind_tuple or any(type(k) is not str or k not in _KIND_VALUES for k in kind_tuple):
            _invalid("unknown change kinds")
        _VALID_KINDS.add(kind_tuple)
    if type(similarity) is not float and type(similarity) is not int:
        _invalid("a similarity that is not a number")
    if segments is not None:
        _check_segments(segments, old.text if old is not None else None, new.text if new is not None else None)
    if headings is not None:
        _check_segments(headings, (old.heading or "") if old is not None else None, (new.heading or "") if new is not None else None)
    if notes is not None:
        _check_segments(notes, _notes(old), _notes(new))
    if type(children) is not list or type(related) is not list:
        _invalid("malformed paragraphs or related labels")
    if related and any(type(label) is not str for label in related):
        _invalid("related labels that are not text")
    if (old_parent is not None and type(old_parent) is not str) or (new_parent is not None and type(new_parent) is not str):
        _invalid("parent labels that are not text")


def _span_out(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]


def _span_in(data: Any) -> Span | None:
    if data is None:
        return None
    start, end = _list(data, 2)
    return Span(_is(start, int), _is(end, int))


def _rest_out(comparison: Comparison) -> list[Any]:
    """Everything of a comparison but its rounds and pairs."""
    o, n = comparison.options, comparison.negotiation
    return [
        [
            [f.code, f.direction.value, f.pair_key, f.old_label, f.new_label, f.old_words, f.new_words, f.rule,
             f.explanation, f.language, list(f.obligated), list(f.favours), _span_out(f.old_span), _span_out(f.new_span)]
            for f in comparison.findings
        ],
        [o.ignore_case, o.ignore_whitespace, o.ignore_punctuation, o.numbers_as_words, o.detect_moves, o.similarity_threshold, o.analyse],
        None if n is None else [n.title, [[p.code, p.name, list(p.aliases)] for p in n.parties], n.illustrative, list(n.languages)],
        [comparison.old_brackets.brackets, comparison.old_brackets.options],
        [comparison.new_brackets.brackets, comparison.new_brackets.options],
        [[v.party, v.regressions, v.progress, v.review] for v in comparison.verdict],
    ]


def _finding_in(data: Any) -> Finding:
    code, direction, pair_key, old_label, new_label, old_words, new_words, rule, explanation, language, obligated, favours, old_span, new_span = _list(data, 14)
    return Finding(
        code=_is(code, str),
        direction=Direction(_is(direction, str)),
        pair_key=_is(pair_key, str),
        old_label=_maybe(old_label, str),
        new_label=_maybe(new_label, str),
        old_words=_is(old_words, str),
        new_words=_is(new_words, str),
        rule=_is(rule, str),
        explanation=_is(explanation, str),
        language=_is(language, str),
        obligated=_strings(obligated),
        favours=_strings(favours),
        old_span=_span_in(old_span),
        new_span=_span_in(new_span),
    )


def _rest_in(data: Any) -> Comparison:
    findings, options, negotiation, old_brackets, new_brackets, verdict = _list(data, 6)
    ignore_case, ignore_whitespace, ignore_punctuation, numbers_as_words, detect_moves, threshold, analyse = _list(options, 7)
    info = None
    if negotiation is not None:
        title, parties, illustrative, languages = _list(negotiation, 4)
        info = NegotiationInfo(
            title=_is(title, str),
            parties=tuple(Party(_is(c, str), _is(m, str), _strings(a)) for c, m, a in (_list(p, 3) for p in _list(parties))),
            illustrative=_is(illustrative, bool),
            languages=_strings(languages),
        )

    def tally(value: Any) -> BracketTally:
        brackets, options_ = _list(value, 2)
        return BracketTally(_is(brackets, int), _is(options_, int))

    return Comparison(
        old_round=_EMPTY,
        new_round=_EMPTY,
        pairs=(),
        findings=tuple(_finding_in(f) for f in _list(findings)),
        options=CompareOptions(
            ignore_case=_is(ignore_case, bool),
            ignore_whitespace=_is(ignore_whitespace, bool),
            ignore_punctuation=_is(ignore_punctuation, bool),
            numbers_as_words=_is(numbers_as_words, bool),
            detect_moves=_is(detect_moves, bool),
            similarity_threshold=_number(threshold),
            analyse=_is(analyse, bool),
        ),
        negotiation=info,
        old_brackets=tally(old_brackets),
        new_brackets=tally(new_brackets),
        verdict=tuple(
            PartyVerdict(_is(p, str), _is(r, int), _is(g, int), _is(v, int)) for p, r, g, v in (_list(x, 4) for x in _list(verdict))
        ),
    )


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def _loads(data: bytes) -> Any:
    # Parsing makes hundreds of thousands of lists, none in a cycle: the cyclic collector
    # would rescan them all as they pile up (superlinear; four times the parse itself).
    collecting = gc.isenabled()
    gc.disable()
    try:
        # NaN and infinities are refused: we never write them, so they mark a foreign entry.
        return json.loads(data, parse_constant=_invalid)
    finally:
        if collecting:
            gc.enable()


def encode_comparison(comparison: Comparison) -> bytes:
    """The comparison as JSON, without its rounds (the caller has them) and implied segments."""
    return _dumps([[_encode_pair(p) for p in comparison.pairs], _rest_out(comparison)])


class _Provisions:
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

    def __init__(self, pairs: list[list[Any]], rest: Comparison, olds: _Provisions, news: _Provisions) -> None:
        self._pairs = pairs
        self._rest = rest
        self._olds, self._news = olds, news
        self._decoded: dict[int, ClausePair] = {}
        self._materialized: Comparison | None = None
        self._new_at: dict[str, tuple[int, int]] = {}
        self._old_at: dict[str, tuple[int, int]] = {}
        self._orphans: list[tuple[int, int]] = []
        # Every stored pair is validated here, once, so decoding one later cannot fail.
        if type(pairs) is not list:
            _invalid("malformed pairs")
        olds_ids, news_ids = olds._ids(), news._ids()
        old_at, new_at, orphans = self._old_at, self._new_at, self._orphans
        keys: set[str] = set()
        count = olds_count = news_count = 0
        check = _check_pair
        for t, top in enumerate(pairs):
            check(top, olds_ids, news_ids)
            for c, data in enumerate((top, *top[7]), -1):
                if c >= 0:
                    check(data, olds_ids, news_ids)
                    if data[7]:
                        _invalid("paragraphs nested under a paragraph")
                key, old_id, new_id, kinds, related = data[0], data[1], data[2], data[3], data[8]
                keys.add(key)
                count += 1
                if new_id is not None:
                    new_at[new_id] = (t, c)
                    news_count += 1
                if old_id is not None:
                    old_at[old_id] = (t, c)
                    olds_count += 1
                if (old_id is None or new_id is None) and related and ("split" in kinds or "merged" in kinds):
                    orphans.append((t, c))
        # Keys are unique, and each provision is on one side of exactly one pair (ClausePair's
        # invariant): counted, a repeat shows as a shortfall.
        if len(keys) != count:
            _invalid("a pair key used twice")
        if any(f.pair_key not in keys for f in rest.findings):
            _invalid("a finding on a pair the comparison does not have")
        if not len(old_at) == olds_count == len(olds_ids) or not len(new_at) == news_count == len(news_ids):
            _invalid("pairs that do not cover the rounds once each")

    @classmethod
    def load(cls, data: bytes, old: Round | _Provisions, new: Round | _Provisions) -> CachedPairs:
        pairs, rest = _list(_loads(data), 2)
        olds = old if isinstance(old, _Provisions) else _Provisions(old)
        news = new if isinstance(new, _Provisions) else _Provisions(new)
        return cls(pairs, _rest_in(rest), olds, news)

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
    a new treatydiff never reads an old entry), as validated JSON headed by the file's digest;
    best effort like them."""

    def __init__(self, folder: Path | None = None) -> None:
        root = checked_folder(folder or default_cache_dir())
        self.folder = checked_folder(root / f"rounds-{code_fingerprint()}")

    def get(self, digest: str) -> Round | None:
        try:
            data = (self.folder / f"{digest}.json").read_bytes()
        except OSError:
            return None
        collecting = gc.isenabled()
        gc.disable()  # see _loads
        try:
            return decode_round(_body(data, "round", digest))
        except Exception:  # damaged, planted or outdated: parse the file
            return None
        finally:
            if collecting:
                gc.enable()

    def put(self, digest: str, round_: Round) -> None:
        try:
            atomic_write_bytes(self.folder / f"{digest}.json", _header("round", digest) + encode_round(round_))
        except Exception:  # best effort: the round is already parsed
            return


def _provision_out(p: Provision) -> list[Any]:
    return [
        p.id, p.label, p.text, p.kind.value, p.heading, p.status.value if p.status else None,
        [_provision_out(child) for child in p.paragraphs], p.notes,
    ]


_PROVISION_KINDS = {kind.value: kind for kind in ProvisionKind}
_STATUSES = {status.value: status for status in AgreementStatus}


def _provision_in(data: Any, depth: int = 0) -> Provision:
    # Plain type tests, positional fields: a warm ``history`` reads some 60,000 provisions.
    if type(data) is not list or len(data) != 8 or depth > 8:  # clause files nest two levels
        _invalid("a malformed provision")
    id_, label, text, kind, heading, status, children, notes = data
    found_kind = _PROVISION_KINDS.get(kind) if type(kind) is str else None
    found_status = _STATUSES.get(status) if type(status) is str else None
    if (
        found_kind is None
        or (status is not None and found_status is None)
        or type(id_) is not str
        or type(label) is not str
        or type(text) is not str
        or (heading is not None and type(heading) is not str)
        or (notes is not None and type(notes) is not str)
        or type(children) is not list
    ):
        _invalid("a malformed provision")
    paragraphs = tuple([_provision_in(child, depth + 1) for child in children]) if children else ()
    return Provision(id_, label, text, found_kind, heading, found_status, paragraphs, notes)


def encode_round(round_: Round) -> bytes:
    i = round_.info
    info = [i.label, i.party, i.date, i.title, i.source, i.notes, i.number, i.language, i.derived_ids]
    return _dumps([info, [_provision_out(p) for p in round_.provisions], round_.name, round_.path])


def decode_round(data: bytes) -> Round:
    info, provisions, name, path = _list(_loads(data), 4)
    label, party, date, title, source, notes, number, language, derived_ids = _list(info, 9)
    round_ = Round(
        info=RoundInfo(
            label=_is(label, str),
            party=_maybe(party, str),
            date=_maybe(date, str),
            title=_maybe(title, str),
            source=_maybe(source, str),
            notes=_maybe(notes, str),
            number=_maybe(number, int),
            language=_maybe(language, str),
            derived_ids=_is(derived_ids, bool),
        ),
        provisions=tuple(_provision_in(p) for p in _list(provisions)),
        name=_is(name, str),
        path=_maybe(path, str),
    )
    ids = [p.id for p in round_.walk()]
    if len(set(ids)) != len(ids):  # load_round refuses these; so does its cache
        _invalid("a provision id used twice")
    return round_


def file_digest(path: Path, data: bytes) -> str:
    """A fingerprint of a clause file read as ``data``: its path (a round's name and ``path``
    come from it) and its bytes."""
    return "file-" + hashlib.sha256(str(path).encode("utf-8") + b"\0" + data).hexdigest()
