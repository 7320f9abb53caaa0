"""A provision's life across every round of a negotiation.

:func:`build_timeline` compares each pair of consecutive rounds once and keeps the
comparisons in a :class:`NegotiationTimeline`; everything else here (histories, blame, the
synopsis table, the negotiation report) reads those comparisons and never compares again.

Identity comes from the alignment chain, never from the number: a provision of round *i* is
linked to one of round *i + 1* when a :class:`~treatydiff.model.ClausePair` holds both, or when
a split part (``old=None``) or a merged-away provision (``new=None``) names its partner in
``related``.  Following those links backwards and forwards from one provision gives its
lineage through renumbering, moves, splits and merges.

Pure: no I/O; progress is reported through an optional callback.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from ..diff.worddiff import diff_text, new_text, old_text
from ..errors import UsageError
from ..model import (
    AgreementStatus,
    BracketTally,
    ChangeKind,
    ClausePair,
    CompareOptions,
    Comparison,
    Finding,
    Negotiation,
    NegotiationInfo,
    Op,
    Provision,
    Round,
    RoundInfo,
    Segment,
    cite,
)
from ..parallel import can_fork
from ..pipeline import compare
from ..settings import Settings, negotiation_info
from .forked import compare_in_workers

ProgressCallback = Callable[[int, int, str], None]  # (done, total, what)


@dataclass(frozen=True)
class Link:
    """Round ``i``'s provision ``old_id`` lives on as round ``i + 1``'s ``new_id``."""

    old_id: str
    new_id: str
    pair_key: str
    kinds: tuple[ChangeKind, ...]


class PairSource(Protocol):
    """What a timeline reads of one comparison: a computed :class:`Comparison` (wrapped by
    :class:`EagerPairs`) or a cache entry that decodes only the pairs a walk touches."""

    @property
    def findings(self) -> tuple[Finding, ...]: ...

    def pair_of_new(self, provision_id: str) -> ClausePair | None: ...

    def pair_of_old(self, provision_id: str) -> ClausePair | None: ...

    def one_sided_related(self) -> list[tuple[ClausePair, ClausePair | None]]:
        """Split parts and merged-away pairs naming partners in ``related``, with parent pairs."""
        ...

    def materialize(self) -> Comparison: ...


class EagerPairs:
    """:class:`PairSource` over a comparison in memory."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self._new: dict[str, ClausePair] = {}
        self._old: dict[str, ClausePair] = {}
        self._orphans: list[tuple[ClausePair, ClausePair | None]] = []
        for top in comparison.pairs:
            for pair, parent in [(top, None), *((child, top) for child in top.paragraphs)]:
                if pair.new is not None:
                    self._new[pair.new.id] = pair
                if pair.old is not None:
                    self._old[pair.old.id] = pair
                if is_orphan(pair):
                    self._orphans.append((pair, parent))

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.comparison.findings

    def pair_of_new(self, provision_id: str) -> ClausePair | None:
        return self._new.get(provision_id)

    def pair_of_old(self, provision_id: str) -> ClausePair | None:
        return self._old.get(provision_id)

    def one_sided_related(self) -> list[tuple[ClausePair, ClausePair | None]]:
        return self._orphans

    def materialize(self) -> Comparison:
        return self.comparison


def is_orphan(pair: ClausePair) -> bool:
    """A split part (``old=None``) or merged-away provision (``new=None``) naming its partners."""
    one_sided = pair.old is None or pair.new is None
    return one_sided and bool(pair.related) and (ChangeKind.SPLIT in pair.kinds or ChangeKind.MERGED in pair.kinds)


@dataclass(frozen=True)
class _Step:
    """Indexes over one comparison, so a lineage walk never scans every pair."""

    pairs: PairSource
    # Links of split parts and merged-away provisions (rare); direct pairs are read from the
    # source when asked, so a 300-article round costs no Link objects.
    extra_successors: dict[str, tuple[Link, ...]]
    extra_predecessors: dict[str, tuple[Link, ...]]
    findings_by_key: dict[str, tuple[Finding, ...]]


@dataclass(frozen=True)
class NegotiationTimeline:
    """A negotiation with each consecutive comparison computed once, and indexes over them."""

    negotiation: Negotiation
    options: CompareOptions
    _steps: tuple[_Step, ...] = field(repr=False, compare=False)
    _provisions: tuple[dict[str, Provision], ...] = field(repr=False, compare=False)
    _parents: tuple[dict[str, str], ...] = field(repr=False, compare=False)
    _positions: tuple[dict[str, int], ...] = field(repr=False, compare=False)

    def position(self, round_index: int, provision_id: str) -> int:
        """Document order of a provision (articles and paragraphs) within its round."""
        return self._positions[round_index].get(provision_id, 0)

    @property
    def rounds(self) -> tuple[Round, ...]:
        return self.negotiation.rounds

    def comparison(self, index: int) -> Comparison:
        """comparisons[index] alone (a cache entry is decoded on first use)."""
        return self._steps[index].pairs.materialize()

    @property
    def comparisons(self) -> tuple[Comparison, ...]:
        """comparisons[i]: rounds[i] -> rounds[i + 1] (cache entries are decoded on first use)."""
        return tuple(step.pairs.materialize() for step in self._steps)

    def provision(self, round_index: int, provision_id: str) -> Provision | None:
        return self._provisions[round_index].get(provision_id)

    def parent_id(self, round_index: int, provision_id: str) -> str | None:
        """The article a paragraph stands in, or ``None`` for a top-level provision."""
        return self._parents[round_index].get(provision_id)

    def display_label(self, round_index: int, provision_id: str) -> str:
        """'Article 10(3)' for paragraph 3 of Article 10: a paragraph's own label is ambiguous."""
        provision = self.provision(round_index, provision_id)
        if provision is None:
            return provision_id
        parent = self.parent_id(round_index, provision_id)
        article = self.provision(round_index, parent) if parent else None
        return cite(article.label if article else None, provision.label)

    def successors(self, round_index: int, provision_id: str) -> tuple[Link, ...]:
        if round_index >= len(self._steps):
            return ()
        step = self._steps[round_index]
        pair = step.pairs.pair_of_old(provision_id)
        direct = (Link(provision_id, pair.new.id, pair.key, pair.kinds),) if pair is not None and pair.new is not None else ()
        return direct + step.extra_successors.get(provision_id, ())

    def predecessors(self, round_index: int, provision_id: str) -> tuple[Link, ...]:
        if round_index == 0:
            return ()
        step = self._steps[round_index - 1]
        pair = step.pairs.pair_of_new(provision_id)
        direct = (Link(pair.old.id, provision_id, pair.key, pair.kinds),) if pair is not None and pair.old is not None else ()
        return direct + step.extra_predecessors.get(provision_id, ())

    def pair_into(self, round_index: int, provision_id: str) -> ClausePair | None:
        """The pair of comparison ``round_index - 1`` whose new side is this provision."""
        if round_index == 0:
            return None
        return self._steps[round_index - 1].pairs.pair_of_new(provision_id)

    def pair_out_of(self, round_index: int, provision_id: str) -> ClausePair | None:
        if round_index >= len(self._steps):
            return None
        return self._steps[round_index].pairs.pair_of_old(provision_id)

    def findings_for(self, comparison_index: int, pair: ClausePair) -> tuple[Finding, ...]:
        """Findings of a pair and of its paragraph pairs, in the analysis' order."""
        index = self._steps[comparison_index].findings_by_key
        if not index:
            return ()
        keys = {p.key for p in pair.walk() if p.key in index}  # most pairs have no finding
        return tuple(f for k in sorted(keys, key=_key_order) for f in index[k])


def _key_order(key: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", key))


class ComparisonStore(Protocol):
    """Somewhere to keep comparisons between runs (see :mod:`treatydiff.timeline.cache`)."""

    def get(self, key: str, old: Round, new: Round) -> PairSource | None: ...

    def put(self, key: str, comparison: Comparison) -> None: ...

    # Optional: ``put_encoded(key, data)`` keeps a comparison already in
    # :func:`treatydiff.timeline.cache.encode_comparison` form (what forked workers send back).


def round_digest(round_: Round) -> str:
    """A hash of everything in a round that a comparison reads (not where it was read from)."""
    digest = hashlib.sha256(repr((round_.name, round_.info)).encode("utf-8"))
    # One string hashed at once (the same bytes as one update per provision, so the same keys).
    body = "".join(
        f"{p.id}\x1f{p.label}\x1f{p.text}\x1f{p.kind.value}\x1f{p.heading or ''}\x1f{p.status.value if p.status else ''}\x1f{len(p.paragraphs)}\x1e"
        for p in round_.walk()
    )
    digest.update(body.encode("utf-8"))
    return digest.hexdigest()


def comparison_key(old_digest: str, new_digest: str, settings: Settings) -> str:
    """What a comparison depends on, hashed: both drafts and the settings (options, parties, lexicon)."""
    material = repr((old_digest, new_digest, settings.cache_key()))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def build_timeline(
    negotiation: Negotiation,
    *,
    settings: Settings | None = None,
    on_progress: ProgressCallback | None = None,
    workers: int = 1,
    store: ComparisonStore | None = None,
    digests: Sequence[str] | None = None,
) -> NegotiationTimeline:
    """Compare every pair of consecutive rounds once and index the results.

    ``workers`` > 1 spreads the comparisons over processes (each is independent, so the result
    is the same); ``store`` returns comparisons computed by an earlier run and keeps new ones,
    keyed by each round's :func:`round_digest` unless ``digests`` gives other fingerprints of
    the rounds (of the files they were read from, say).  ``settings`` defaults to
    ``Settings.of(negotiation)``.
    """
    settings = settings or Settings.of(negotiation)
    rounds = negotiation.rounds
    total = max(0, len(rounds) - 1)
    if digests is not None and len(digests) != len(rounds):
        raise ValueError("one digest per round")
    digests = list(digests) if digests is not None else [round_digest(r) for r in rounds] if store else []
    keys = [comparison_key(digests[i], digests[i + 1], settings) for i in range(total)] if store else []
    sources: list[PairSource | None] = (
        [store.get(k, rounds[i], rounds[i + 1]) for i, k in enumerate(keys)] if store else [None] * total
    )
    done = total - sources.count(None)
    missing = [i for i, c in enumerate(sources) if c is None]

    def finished(i: int, comparison: Comparison) -> None:
        sources[i] = EagerPairs(comparison)
        if store is not None:
            store.put(keys[i], comparison)
        tick(i)

    def received(i: int, comparison: Comparison, encoded: bytes) -> None:
        sources[i] = EagerPairs(comparison)
        if store is not None:
            put_encoded = getattr(store, "put_encoded", None)
            if put_encoded is not None and encoded:
                put_encoded(keys[i], encoded)
            else:
                store.put(keys[i], comparison)
        tick(i)

    def tick(i: int) -> None:
        nonlocal done
        done += 1
        if on_progress is not None:
            on_progress(done, total, f"compared {rounds[i + 1].name or rounds[i + 1].info.label}")

    if workers > 1 and len(missing) > 2 and can_fork():
        # The first comparison here: it loads the lexicon and rules once, before the fork,
        # instead of once in every worker.
        first, rest = missing[0], missing[1:]
        finished(first, compare(rounds[first], rounds[first + 1], settings=settings))
        for i, comparison, encoded in compare_in_workers(rounds, rest, settings, workers, encode=store is not None):
            received(i, comparison, encoded)
    else:
        for i in missing:
            finished(i, compare(rounds[i], rounds[i + 1], settings=settings))
    ready = tuple(c for c in sources if c is not None)
    assert len(ready) == total
    return _timeline(negotiation, ready, settings.options)


def timeline_from_comparisons(
    negotiation: Negotiation, comparisons: tuple[Comparison, ...], *, options: CompareOptions | None = None
) -> NegotiationTimeline:
    """Index comparisons already computed (e.g. by a test, or cached by a caller)."""
    return _timeline(negotiation, tuple(EagerPairs(c) for c in comparisons), options or CompareOptions())


def _timeline(negotiation: Negotiation, sources: tuple[PairSource, ...], options: CompareOptions) -> NegotiationTimeline:
    provisions = tuple({p.id: p for p in r.walk()} for r in negotiation.rounds)
    parents = tuple(
        {child.id: top.id for top in r.provisions for child in top.paragraphs} for r in negotiation.rounds
    )
    steps = tuple(_index(source, negotiation.rounds[i], negotiation.rounds[i + 1]) for i, source in enumerate(sources))
    positions = tuple({pid: n for n, pid in enumerate(table)} for table in provisions)
    return NegotiationTimeline(
        negotiation=negotiation,
        options=options,
        _steps=steps,
        _provisions=provisions,
        _parents=parents,
        _positions=positions,
    )


def _by_label(provisions: Iterable[Provision]) -> dict[str, list[Provision]]:
    table: dict[str, list[Provision]] = {}
    for provision in provisions:
        table.setdefault(provision.label, []).append(provision)
    return table


def _index(source: PairSource, old_round: Round, new_round: Round) -> _Step:
    """Links of one comparison beyond its direct pairs: split parts and merged-away provisions."""
    links: list[Link] = []
    # (pair, the pair's parent pair or None): related labels resolve among siblings first.
    orphans = source.one_sided_related()
    # Label tables are only needed to resolve `related`; most comparisons have no split or merge.
    old_labels = _by_label(old_round.walk()) if orphans else {}
    new_labels = _by_label(new_round.walk()) if orphans else {}

    def find(label: str, table: dict[str, list[Provision]], siblings: Sequence[Provision]) -> Provision | None:
        for sibling in siblings:
            if sibling.label == label:
                return sibling
        candidates = table.get(label, [])
        return candidates[0] if len(candidates) == 1 else None

    for pair, parent in orphans:
        old_siblings = parent.old.paragraphs if parent is not None and parent.old is not None else ()
        new_siblings = parent.new.paragraphs if parent is not None and parent.new is not None else ()
        for label in pair.related:
            if pair.new is not None:  # a split part: its source is an old provision
                origin = find(label, old_labels, old_siblings)
                if origin is None:  # related names a sibling part: follow it to its source
                    sibling = find(label, new_labels, new_siblings)
                    sibling_pair = source.pair_of_new(sibling.id) if sibling is not None else None
                    origin = sibling_pair.old if sibling_pair is not None else None
                if origin is not None:
                    links.append(Link(origin.id, pair.new.id, pair.key, pair.kinds))
            elif pair.old is not None:  # merged away: its target is a new provision
                target = find(label, new_labels, new_siblings)
                if target is None:
                    sibling = find(label, old_labels, old_siblings)
                    sibling_pair = source.pair_of_old(sibling.id) if sibling is not None else None
                    target = sibling_pair.new if sibling_pair is not None else None
                if target is not None:
                    links.append(Link(pair.old.id, target.id, pair.key, pair.kinds))
    successors: dict[str, list[Link]] = {}
    predecessors: dict[str, list[Link]] = {}
    for link in dict.fromkeys(links):  # dedupe, keep order
        successors.setdefault(link.old_id, []).append(link)
        predecessors.setdefault(link.new_id, []).append(link)
    findings: dict[str, list[Finding]] = {}
    for finding in source.findings:
        findings.setdefault(finding.pair_key, []).append(finding)
    return _Step(
        pairs=source,
        extra_successors={k: tuple(v) for k, v in successors.items()},
        extra_predecessors={k: tuple(v) for k, v in predecessors.items()},
        findings_by_key={k: tuple(v) for k, v in findings.items()},
    )


# --- naming a provision ------------------------------------------------------------------


@dataclass(frozen=True)
class ProvisionRef:
    """One provision of one round: the node a lineage walk starts from."""

    round_index: int
    provision_id: str


_NUMBER = re.compile(r"(\d+[a-z]*(?:bis|ter|quater)?)", re.IGNORECASE)


def _label_key(label: str) -> str:
    """'Article 4', 'art. 4', '4' all key as '4'; 'Preamble, para 3' keeps its words."""
    text = label.casefold().strip().rstrip(".")
    text = re.sub(r"^(article|art\.?|section|sec\.?|annex|paragraph|para\.?)\s*", "", text)
    return re.sub(r"\s+", " ", text)


def resolve_provision(timeline: NegotiationTimeline, name: str, *, round_name: str | None = None) -> ProvisionRef:
    """The provision a user names by id or by label ("Article 4", "4", "4.2") in a round.

    The latest round is searched unless ``round_name`` names another.
    """
    rounds = timeline.rounds
    if not rounds:
        raise UsageError("the negotiation has no rounds", fix="list round files under `rounds:`")
    if round_name is None:
        index = len(rounds) - 1
    else:
        found = [i for i, r in enumerate(rounds) if round_name in (r.name, r.info.label)]
        if not found:
            names = ", ".join(r.name or r.info.label for r in rounds)
            raise UsageError(f"no round named {round_name!r}", fix=f"use one of: {names}")
        index = found[0]
    round_ = rounds[index]
    provisions = list(round_.walk())
    for provision in provisions:
        if provision.id == name:
            return ProvisionRef(index, provision.id)
    for provision in provisions:
        if provision.label == name:
            return ProvisionRef(index, provision.id)
    wanted = _label_key(name)
    for top in round_.provisions:
        if _label_key(top.label) == wanted:
            return ProvisionRef(index, top.id)
    # "4.2", "Article 4.2", "4(2)": paragraph 2 of the article labelled 4.
    match = re.fullmatch(r"(.+?)\s*(?:\.|\(|,\s*(?:para(?:graph)?\.?\s*)?)\s*(\w+)\)?", wanted)
    if match:
        article, paragraph = match.group(1), match.group(2)
        for top in round_.provisions:
            if _label_key(top.label) == article:
                for child in top.paragraphs:
                    if _label_key(child.label).strip("()") == paragraph:
                        return ProvisionRef(index, child.id)
    where = round_.name or round_.info.label
    elsewhere = [r.name or r.info.label for r in rounds if any(p.id == name or p.label == name for p in r.walk())]
    if elsewhere:
        raise UsageError(
            f"no provision {name!r} in round {where}",
            fix=f"it is in round(s) {', '.join(elsewhere)}; pass --round {elsewhere[-1]}",
        )
    choices = [p.id for p in provisions] + [p.label for p in provisions]
    close = difflib.get_close_matches(name, choices, n=3)
    hint = f"did you mean {', '.join(repr(c) for c in close)}?" if close else "name it by its id or its label, e.g. 'Article 4'"
    raise UsageError(f"no provision {name!r} in round {where}", fix=hint)


# --- lineage and history -------------------------------------------------------------------


def lineage(timeline: NegotiationTimeline, start: ProvisionRef) -> dict[int, tuple[str, ...]]:
    """Round index -> ids of the provision's versions there: its ancestors and descendants."""
    found: dict[int, dict[str, None]] = {start.round_index: {start.provision_id: None}}
    frontier = [start]
    while frontier:  # backwards
        node = frontier.pop()
        for link in timeline.predecessors(node.round_index, node.provision_id):
            seen = found.setdefault(node.round_index - 1, {})
            if link.old_id not in seen:
                seen[link.old_id] = None
                frontier.append(ProvisionRef(node.round_index - 1, link.old_id))
    frontier = [start]
    while frontier:  # forwards
        node = frontier.pop()
        for link in timeline.successors(node.round_index, node.provision_id):
            seen = found.setdefault(node.round_index + 1, {})
            if link.new_id not in seen:
                seen[link.new_id] = None
                frontier.append(ProvisionRef(node.round_index + 1, link.new_id))
    result: dict[int, tuple[str, ...]] = {}
    for index in sorted(found):
        result[index] = tuple(sorted(found[index], key=lambda pid: timeline.position(index, pid)))
    return result


@dataclass(frozen=True)
class HistoryEntry:
    """The provision in one round: its text, what changed since the previous round, its state."""

    round_index: int
    round: RoundInfo
    round_name: str
    versions: tuple[Provision, ...]  # empty when the provision was deleted in this round
    previous: tuple[Provision, ...]  # its versions in the previous entry
    kinds: tuple[ChangeKind, ...]
    segments: tuple[Segment, ...]  # redline of ``text`` against the previous entry's text
    heading_segments: tuple[Segment, ...]
    findings: tuple[Finding, ...]
    status: AgreementStatus | None
    brackets: BracketTally
    labels: tuple[str, ...] = ()  # display labels of ``versions`` ("Article 10(3)")
    previous_labels: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return " + ".join(self.labels or tuple(v.label for v in self.versions)) if self.versions else "(deleted)"

    @property
    def previous_label(self) -> str:
        return " + ".join(self.previous_labels or tuple(v.label for v in self.previous))

    @property
    def text(self) -> str:
        return version_text(self.versions)

    @property
    def heading(self) -> str | None:
        headings = [v.heading for v in self.versions if v.heading]
        return " / ".join(headings) if headings else None

    @property
    def changed(self) -> bool:
        return any(s.op != Op.EQUAL for s in self.segments) or any(s.op != Op.EQUAL for s in self.heading_segments)


@dataclass(frozen=True)
class ClauseHistory:
    """Every round's version of one provision, oldest first."""

    start: ProvisionRef
    provision: Provision  # the version the user named
    entries: tuple[HistoryEntry, ...]
    negotiation: NegotiationInfo
    label: str = ""  # the named version's display label ("Article 10(1)")


def version_text(versions: Sequence[Provision]) -> str:
    """What a reader sees of the versions (own text and paragraphs), one after another."""
    return "\n".join(v.full_text for v in versions)


# The analysis' English defaults: "[deleted]" is a slot marker, "Option 2:" opens an alternative.
_PLACEHOLDERS = ("deleted", "reserved", "…", "...", "placeholder")
_OPTION = re.compile(r"(?:\*\*)?option \d+[a-z]?(?:\*\*)? ?:", re.IGNORECASE)


@lru_cache(maxsize=65536)
def count_brackets(text: str) -> BracketTally:
    """Bracketed spans (nested ones too) and options (stacked ``[a][b]``, ``Option N:``),
    counted by the analysis' own bracket parser so histories and reports agree with it.

    Cached: a provision's text repeats unchanged across most rounds."""
    # Cheap substring tests first: most provisions have neither brackets nor options.
    if "[" not in text and "ption" not in text and "PTION" not in text:
        return BracketTally()
    from ..analysis.brackets import tally

    return tally(text, _PLACEHOLDERS, _OPTION)


def _compose(pair: ClausePair) -> tuple[Segment, ...]:
    """An article-level redline built from the pair's own and its paragraphs' segments."""
    parts: list[tuple[tuple[Segment, ...], bool, bool]] = []
    if pair.segments:
        parts.append((pair.segments, bool(pair.old and pair.old.text), bool(pair.new and pair.new.text)))
    for child in pair.paragraphs:
        parts.append((child.segments, child.old is not None, child.new is not None))
    result: list[Segment] = []
    for n, (segments, in_old, in_new) in enumerate(parts):
        if n:
            op = Op.EQUAL if in_old and in_new else (Op.INSERT if in_new else Op.DELETE)
            result.append(Segment(op, "\n"))
        result.extend(segments)
    return tuple(result)


def quick_diff(before: str, after: str, options: CompareOptions) -> tuple[Segment, ...]:
    """:func:`diff_text` without tokenising when one side is empty or both are equal."""
    if before == after:
        return (Segment(Op.EQUAL, after),) if after else ()
    if not before:
        return (Segment(Op.INSERT, after),)
    if not after:
        return (Segment(Op.DELETE, before),)
    return diff_text(before, after, options)


def redline(
    timeline: NegotiationTimeline,
    previous: Sequence[Provision],
    current: Sequence[Provision],
    pair: ClausePair | None,
    *,
    texts: tuple[str, str] | None = None,
) -> tuple[Segment, ...]:
    """Segments from the previous versions' text to the current ones', reusing the pair's diff.

    ``texts``: both sides' :func:`version_text`, when the caller has them already."""
    before, after = texts if texts is not None else (version_text(previous), version_text(current))
    if before == after:
        return (Segment(Op.EQUAL, after),) if after else ()
    if pair is not None:
        for candidate in (pair.segments, _compose(pair)):
            if old_text(candidate) == before and new_text(candidate) == after:
                return candidate
    return quick_diff(before, after, timeline.options)


def _heading_redline(timeline: NegotiationTimeline, previous: Sequence[Provision], current: Sequence[Provision]) -> tuple[Segment, ...]:
    before = " / ".join(v.heading for v in previous if v.heading)
    after = " / ".join(v.heading for v in current if v.heading)
    return quick_diff(before, after, timeline.options)


def _status(versions: Sequence[Provision], timeline: NegotiationTimeline, index: int) -> AgreementStatus | None:
    for version in versions:
        if version.status is not None:
            return version.status
    for version in versions:  # a paragraph without its own status takes its article's
        parent = timeline.parent_id(index, version.id)
        article = timeline.provision(index, parent) if parent else None
        if article is not None and article.status is not None:
            return article.status
    return None


_KIND_RANK = {kind: n for n, kind in enumerate(ChangeKind)}


def _ordered_kinds(kinds: Iterable[ChangeKind]) -> tuple[ChangeKind, ...]:
    unique = sorted(set(kinds), key=_KIND_RANK.__getitem__)
    if len(unique) > 1 and ChangeKind.UNCHANGED in unique:
        unique.remove(ChangeKind.UNCHANGED)
    return tuple(unique)


def _round_name(round_: Round) -> str:
    return round_.name or round_.info.label


def provision_history(timeline: NegotiationTimeline, start: ProvisionRef) -> ClauseHistory:
    """Follow one provision through every round it lives in (and the round that deleted it)."""
    nodes = lineage(timeline, start)
    entries: list[HistoryEntry] = []
    previous: tuple[Provision, ...] = ()
    previous_labels: tuple[str, ...] = ()
    previous_text = ""
    rounds = timeline.rounds
    for index, ids in nodes.items():
        versions = tuple(p for pid in ids if (p := timeline.provision(index, pid)) is not None)
        pairs = [pair for pid in ids if (pair := timeline.pair_into(index, pid)) is not None]
        kinds: list[ChangeKind] = []
        findings: list[Finding] = []
        for pair in pairs:
            kinds.extend(pair.kinds)
            findings.extend(timeline.findings_for(index - 1, pair))
        if index > 0 and not previous:
            kinds.append(ChangeKind.ADDED)
        if not kinds and index > 0 and previous:
            kinds.append(ChangeKind.UNCHANGED)
        lead = pairs[0] if len(pairs) == 1 and len(versions) == 1 and len(previous) == 1 else None
        text = version_text(versions)
        entries.append(
            HistoryEntry(
                round_index=index,
                round=rounds[index].info,
                round_name=_round_name(rounds[index]),
                versions=versions,
                previous=previous,
                kinds=_ordered_kinds(kinds),
                segments=redline(timeline, previous, versions, lead, texts=(previous_text, text)),
                heading_segments=_heading_redline(timeline, previous, versions),
                findings=_dedupe(findings),
                status=_status(versions, timeline, index),
                brackets=count_brackets(text),
                labels=(labels := tuple(timeline.display_label(index, v.id) for v in versions)),
                previous_labels=previous_labels,
            )
        )
        previous = versions
        previous_labels = labels
        previous_text = text
    last_index = max(nodes)
    ended = [timeline.pair_out_of(last_index, pid) for pid in nodes[last_index]]
    deleted = [p for p in ended if p is not None and p.new is None and not timeline.successors(last_index, p.old.id if p.old else "")]
    if deleted and len(deleted) == len(nodes[last_index]):
        index = last_index + 1
        findings = [f for pair in deleted for f in timeline.findings_for(last_index, pair)]
        entries.append(
            HistoryEntry(
                round_index=index,
                round=rounds[index].info,
                round_name=_round_name(rounds[index]),
                versions=(),
                previous=previous,
                kinds=(ChangeKind.DELETED,),
                segments=redline(timeline, previous, (), None, texts=(previous_text, "")),
                heading_segments=_heading_redline(timeline, previous, ()),
                findings=_dedupe(findings),
                status=None,
                brackets=BracketTally(),
                previous_labels=previous_labels,
            )
        )
    named = timeline.provision(start.round_index, start.provision_id)
    assert named is not None  # resolve_provision only returns provisions of that round
    return ClauseHistory(
        start=start,
        provision=named,
        entries=tuple(entries),
        negotiation=negotiation_info(timeline.negotiation),
        label=timeline.display_label(start.round_index, start.provision_id),
    )


def _dedupe(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(dict.fromkeys(findings))


def clause_history(timeline: NegotiationTimeline, name: str, *, round_name: str | None = None) -> ClauseHistory:
    """``treatydiff history``: resolve the name, then follow the provision."""
    return provision_history(timeline, resolve_provision(timeline, name, round_name=round_name))


def threads(timeline: NegotiationTimeline) -> tuple[ProvisionRef, ...]:
    """One start per top-level provision's life: the latest round's provisions in order, then
    those deleted along the way (where their life ended), oldest first."""
    rounds = timeline.rounds
    if not rounds:
        return ()
    last = len(rounds) - 1
    refs = [ProvisionRef(last, p.id) for p in rounds[last].provisions]
    for index in range(last):
        for provision in rounds[index].provisions:
            if not timeline.successors(index, provision.id):
                refs.append(ProvisionRef(index, provision.id))
    return tuple(refs)
