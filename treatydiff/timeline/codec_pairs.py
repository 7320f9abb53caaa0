"""Comparisons in a compact form: provision ids instead of provisions, and no segment that
the texts imply; every piece is checked against the rounds' own texts when read back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..model import (
    Author,
    BracketTally,
    ChangeKind,
    ClausePair,
    CompareOptions,
    Comparison,
    Direction,
    Finding,
    NegotiationInfo,
    Party,
    Provision,
    Round,
    RoundInfo,
    Span,
)
from .codec import (
    DamagedEntry,
    dumps,
    invalid,
    list_of,
    loads,
    maybe_of,
    number_of,
    of_type,
    strings_of,
)
from .codec_segments import check_segments, segments_in, segments_out
from .timeline import Link

_KINDS: dict[tuple[str, ...], tuple[ChangeKind, ...]] = {}  # memo: few distinct kind tuples
_KIND_VALUES = frozenset(kind.value for kind in ChangeKind)


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


def _encode_pair(pair: ClausePair) -> list[Any]:
    return [
        pair.key,
        pair.old.id if pair.old else None,
        pair.new.id if pair.new else None,
        [k.value for k in pair.kinds],
        pair.similarity,
        segments_out(pair.segments, text_of(pair.old), text_of(pair.new)),
        segments_out(pair.heading_segments, heading_of(pair.old), heading_of(pair.new)),
        [_encode_pair(child) for child in pair.paragraphs],
        list(pair.related),
        pair.old_parent,
        pair.new_parent,
        segments_out(pair.notes_segments, notes_of(pair.old), notes_of(pair.new)),
    ]


def _decode_pair(data: list[Any], olds: Provisions, news: Provisions) -> ClausePair:
    key, old_id, new_id, kinds, similarity, segments, headings, children, related, old_parent, new_parent, notes = data
    old = olds[old_id] if old_id is not None else None
    new = news[new_id] if new_id is not None else None
    return ClausePair(
        key=key,
        old=old,
        new=new,
        kinds=_kinds(tuple(kinds)),
        similarity=float(similarity),
        segments=segments_in(segments, text_of(old), text_of(new)),
        heading_segments=segments_in(headings, heading_of(old), heading_of(new)),
        paragraphs=tuple(_decode_pair(child, olds, news) for child in children),
        related=tuple(related),
        old_parent=old_parent,
        new_parent=new_parent,
        notes_segments=segments_in(notes, notes_of(old), notes_of(new)),
    )


_VALID_KINDS: set[tuple[str, ...]] = set()  # memo: the few kind tuples already checked


def _check_pair(data: Any, olds: dict[str, Provision], news: dict[str, Provision]) -> None:
    """Validate one stored pair (not its children) against the rounds' provisions by id.

    Written for speed (a warm ``history`` checks some 50,000 pairs): plain type tests, no
    helpers per field; a wrongly shaped entry may also fail by an exception here, which the
    store treats the same way."""
    if type(data) is not list or len(data) != 12:
        invalid("a pair of the wrong shape")
    key, old_id, new_id, kinds, similarity, segments, headings, children, related, old_parent, new_parent, notes = data
    old = olds.get(old_id) if old_id is not None else None  # only str ids are in the tables
    new = news.get(new_id) if new_id is not None else None
    if type(key) is not str or (old_id is not None and old is None) or (new_id is not None and new is None):
        invalid("a provision id the rounds do not have")
    if type(kinds) is not list:
        invalid("malformed change kinds")
    kind_tuple = tuple(kinds)  # hashable, for the memo: a handful of distinct tuples in all
    if kind_tuple not in _VALID_KINDS:
        if not kind_tuple or any(type(k) is not str or k not in _KIND_VALUES for k in kind_tuple):
            invalid("unknown change kinds")
        _VALID_KINDS.add(kind_tuple)
    if type(similarity) is not float and type(similarity) is not int:
        invalid("a similarity that is not a number")
    if (segments is not None and type(segments) is not list) or (headings is not None and type(headings) is not list) or (
        notes is not None and type(notes) is not list
    ):
        invalid("malformed segments")
    if type(children) is not list or type(related) is not list:
        invalid("malformed paragraphs or related labels")
    if related and any(type(label) is not str for label in related):
        invalid("related labels that are not text")
    if (old_parent is not None and type(old_parent) is not str) or (new_parent is not None and type(new_parent) is not str):
        invalid("parent labels that are not text")


def _check_pair_segments(data: list[Any], olds: Provisions, news: Provisions) -> None:
    """The segments of one stored pair (checked shallow by :func:`_check_pair`) against the
    texts they claim to diff: checked when the pair is first decoded, not when the entry is
    read, so a walk through a few pairs of 50 rounds checks only those."""
    old = olds[data[1]] if data[1] is not None else None
    new = news[data[2]] if data[2] is not None else None
    if data[5] is not None:
        check_segments(data[5], text_of(old), text_of(new))
    if data[6] is not None:
        check_segments(data[6], heading_of(old), heading_of(new))
    if data[11] is not None:
        check_segments(data[11], notes_of(old), notes_of(new))


def _span_out(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]


def _span_in(data: Any) -> Span | None:
    if data is None:
        return None
    start, end = list_of(data, 2)
    return Span(of_type(start, int), of_type(end, int))


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
        None if n is None else [n.title, [[p.code, p.name, list(p.aliases), list(p.members)] for p in n.parties], n.illustrative,
                                list(n.languages), [[a.code, a.name, a.role] for a in n.authors]],
        [comparison.old_brackets.brackets, comparison.old_brackets.options],
        [comparison.new_brackets.brackets, comparison.new_brackets.options],
    ]


def _finding_in(data: Any) -> Finding:
    code, direction, pair_key, old_label, new_label, old_words, new_words, rule, explanation, language, obligated, favours, old_span, new_span = list_of(data, 14)
    return Finding(
        code=of_type(code, str),
        direction=Direction(of_type(direction, str)),
        pair_key=of_type(pair_key, str),
        old_label=maybe_of(old_label, str),
        new_label=maybe_of(new_label, str),
        old_words=of_type(old_words, str),
        new_words=of_type(new_words, str),
        rule=of_type(rule, str),
        explanation=of_type(explanation, str),
        language=of_type(language, str),
        obligated=strings_of(obligated),
        favours=strings_of(favours),
        old_span=_span_in(old_span),
        new_span=_span_in(new_span),
    )


def _rest_in(data: Any) -> Comparison:
    findings, options, negotiation, old_brackets, new_brackets = list_of(data, 5)
    ignore_case, ignore_whitespace, ignore_punctuation, numbers_as_words, detect_moves, threshold, analyse = list_of(options, 7)
    info = None
    if negotiation is not None:
        title, parties, illustrative, languages, authors = list_of(negotiation, 5)
        info = NegotiationInfo(
            title=of_type(title, str),
            parties=tuple(Party(of_type(c, str), of_type(m, str), strings_of(a), strings_of(g))
                          for c, m, a, g in (list_of(p, 4) for p in list_of(parties))),
            illustrative=of_type(illustrative, bool),
            languages=strings_of(languages),
            authors=tuple(Author(of_type(c, str), of_type(m, str), of_type(r, str)) for c, m, r in (list_of(a, 3) for a in list_of(authors))),
        )

    def tally(value: Any) -> BracketTally:
        brackets, options_ = list_of(value, 2)
        return BracketTally(of_type(brackets, int), of_type(options_, int))

    return Comparison(
        old_round=EMPTY_ROUND,
        new_round=EMPTY_ROUND,
        pairs=(),
        findings=tuple(_finding_in(f) for f in list_of(findings)),
        options=CompareOptions(
            ignore_case=of_type(ignore_case, bool),
            ignore_whitespace=of_type(ignore_whitespace, bool),
            ignore_punctuation=of_type(ignore_punctuation, bool),
            numbers_as_words=of_type(numbers_as_words, bool),
            detect_moves=of_type(detect_moves, bool),
            similarity_threshold=number_of(threshold),
            analyse=of_type(analyse, bool),
        ),
        negotiation=info,
        old_brackets=tally(old_brackets),
        new_brackets=tally(new_brackets),
    )


def encode_comparison(comparison: Comparison) -> bytes:
    """The comparison as JSON, without its rounds (the caller has them) and implied segments."""
    return dumps([[_encode_pair(p) for p in comparison.pairs], _rest_out(comparison)])


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
        self, pairs: list[list[Any]], rest: Comparison, olds: Provisions, news: Provisions, discard: Callable[[], None] | None = None
    ) -> None:
        self._pairs = pairs
        self._discard = discard
        self._rest = rest
        self._olds, self._news = olds, news
        self._decoded: dict[int, ClausePair] = {}
        self._materialized: Comparison | None = None
        self._new_at: dict[str, tuple[int, int]] = {}
        self._old_at: dict[str, tuple[int, int]] = {}
        self._orphans: list[tuple[int, int]] = []
        # Every stored pair's shape, ids and kinds are validated here, once (links are read
        # from them undecoded); its segments when it is first decoded (see _top).
        if type(pairs) is not list:
            invalid("malformed pairs")
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
                        invalid("paragraphs nested under a paragraph")
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
            invalid("a pair key used twice")
        if any(f.pair_key not in keys for f in rest.findings):
            invalid("a finding on a pair the comparison does not have")
        if not len(old_at) == olds_count == len(olds_ids) or not len(new_at) == news_count == len(news_ids):
            invalid("pairs that do not cover the rounds once each")

    @classmethod
    def load(cls, data: bytes, old: Round | Provisions, new: Round | Provisions, discard: Callable[[], None] | None = None) -> CachedPairs:
        """The entry ``data`` read against the two rounds; ``discard`` removes it from its store
        should a pair's segments prove damaged when decoded."""
        pairs, rest = list_of(loads(data), 2)
        olds = old if isinstance(old, Provisions) else Provisions(old)
        news = new if isinstance(new, Provisions) else Provisions(new)
        return cls(pairs, _rest_in(rest), olds, news, discard)

    def _top(self, t: int) -> ClausePair:
        pair = self._decoded.get(t)
        if pair is None:
            data = self._pairs[t]
            try:
                for stored in (data, *data[7]):
                    _check_pair_segments(stored, self._olds, self._news)
            except Exception:  # Invalid, or a shape the shallow check let through
                if self._discard is not None:
                    self._discard()
                raise DamagedEntry("a cached comparison's segments do not fit the rounds' texts") from None
            pair = self._decoded[t] = _decode_pair(data, self._olds, self._news)
        return pair

    def _stored(self, where: tuple[int, int]) -> list[Any]:
        t, c = where
        top = self._pairs[t]
        return top if c < 0 else top[7][c]

    def link_of_old(self, provision_id: str) -> Link | None:
        """Where an old provision went, read from the entry without decoding its pair."""
        where = self._old_at.get(provision_id)
        if where is None:
            return None
        stored = self._stored(where)
        return None if stored[2] is None else Link(provision_id, stored[2], stored[0], _kinds(tuple(stored[3])))

    def link_of_new(self, provision_id: str) -> Link | None:
        where = self._new_at.get(provision_id)
        if where is None:
            return None
        stored = self._stored(where)
        return None if stored[1] is None else Link(stored[1], provision_id, stored[0], _kinds(tuple(stored[3])))

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


EMPTY_ROUND = Round(info=RoundInfo(label=""), provisions=())
