"""The negotiation timeline: each consecutive comparison, computed once, and indexes over them.

Identity comes from the alignment chain, never from the number: a provision of round *i* is
linked to one of round *i + 1* when a :class:`~treatydiff.model.ClausePair` holds both, or when
a split part (``old=None``) or a merged-away provision (``new=None``) names its partner in
``related``.  Histories, blame, the synopsis table and the negotiation report read these
comparisons and never compare again.  Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ..model import (
    ChangeKind,
    ClausePair,
    CompareOptions,
    Comparison,
    Finding,
    Negotiation,
    Provision,
    Round,
    cite,
)
from .redlines import RedlineStore

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

    def link_of_old(self, provision_id: str) -> Link | None:
        """Where an old provision went: its pair's new side, without decoding more than that."""
        ...

    def link_of_new(self, provision_id: str) -> Link | None: ...

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

    def link_of_old(self, provision_id: str) -> Link | None:
        pair = self._old.get(provision_id)
        return Link(provision_id, pair.new.id, pair.key, pair.kinds) if pair is not None and pair.new is not None else None

    def link_of_new(self, provision_id: str) -> Link | None:
        pair = self._new.get(provision_id)
        return Link(pair.old.id, provision_id, pair.key, pair.kinds) if pair is not None and pair.old is not None else None

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
    _tables: _RoundTables = field(repr=False, compare=False)
    # Redlines the views computed beyond the comparisons, kept between runs (None: not kept).
    redlines: RedlineStore | None = field(default=None, repr=False, compare=False)

    def position(self, round_index: int, provision_id: str) -> int:
        """Document order of a provision (articles and paragraphs) within its round."""
        return self._tables.positions(round_index).get(provision_id, 0)

    @property
    def rounds(self) -> tuple[Round, ...]:
        return self.negotiation.rounds

    @property
    def sources(self) -> tuple[PairSource, ...]:
        """Where each comparison is read from (computed, or a cache entry)."""
        return tuple(step.pairs for step in self._steps)

    def comparison(self, index: int) -> Comparison:
        """comparisons[index] alone (a cache entry is decoded on first use)."""
        return self._steps[index].pairs.materialize()

    @property
    def comparisons(self) -> tuple[Comparison, ...]:
        """comparisons[i]: rounds[i] -> rounds[i + 1] (cache entries are decoded on first use)."""
        return tuple(step.pairs.materialize() for step in self._steps)

    def provision(self, round_index: int, provision_id: str) -> Provision | None:
        return self._tables.provisions(round_index).get(provision_id)

    def parent_id(self, round_index: int, provision_id: str) -> str | None:
        """The article a paragraph stands in, or ``None`` for a top-level provision."""
        return self._tables.parents(round_index).get(provision_id)

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
        link = step.pairs.link_of_old(provision_id)
        direct = (link,) if link is not None else ()
        return direct + step.extra_successors.get(provision_id, ())

    def predecessors(self, round_index: int, provision_id: str) -> tuple[Link, ...]:
        if round_index == 0:
            return ()
        step = self._steps[round_index - 1]
        link = step.pairs.link_of_new(provision_id)
        direct = (link,) if link is not None else ()
        return direct + step.extra_predecessors.get(provision_id, ())

    def link_into(self, round_index: int, provision_id: str) -> Link | None:
        """The link of comparison ``round_index - 1`` whose new side is this provision (its
        own pair's, not the extra links of splits and merges), read without decoding the pair."""
        if round_index == 0:
            return None
        return self._steps[round_index - 1].pairs.link_of_new(provision_id)

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




def timeline_from_comparisons(
    negotiation: Negotiation, comparisons: tuple[Comparison, ...], *, options: CompareOptions | None = None
) -> NegotiationTimeline:
    """Index comparisons already computed (e.g. by a test, or cached by a caller)."""
    return make_timeline(negotiation, tuple(EagerPairs(c) for c in comparisons), options or CompareOptions())


def make_timeline(
    negotiation: Negotiation, sources: tuple[PairSource, ...], options: CompareOptions, redlines: RedlineStore | None = None
) -> NegotiationTimeline:
    steps = tuple(_index(source, negotiation.rounds[i], negotiation.rounds[i + 1]) for i, source in enumerate(sources))
    return NegotiationTimeline(
        negotiation=negotiation,
        options=options,
        _steps=steps,
        _tables=_RoundTables(negotiation.rounds),
        redlines=redlines,
    )


class _RoundTables:
    """Each round's provisions by id, their articles and their document order, built for a
    round when first asked: a ``history`` reads one provision's chain and never asks for most
    of these (50 rounds of 1,000 provisions, three tables each, were a tenth of a warm one)."""

    def __init__(self, rounds: Sequence[Round]) -> None:
        self._rounds = rounds
        self._provisions: dict[int, dict[str, Provision]] = {}
        self._parents: dict[int, dict[str, str]] = {}
        self._positions: dict[int, dict[str, int]] = {}

    def provisions(self, index: int) -> dict[str, Provision]:
        found = self._provisions.get(index)
        if found is None:
            found = self._provisions[index] = {p.id: p for p in self._rounds[index].walk()}
        return found

    def parents(self, index: int) -> dict[str, str]:
        found = self._parents.get(index)
        if found is None:
            found = self._parents[index] = {child.id: top.id for top in self._rounds[index].provisions for child in top.paragraphs}
        return found

    def positions(self, index: int) -> dict[str, int]:
        found = self._positions.get(index)
        if found is None:
            found = self._positions[index] = {pid: n for n, pid in enumerate(self.provisions(index))}
        return found


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
    # A round's label table is only needed to resolve a `related` label that names no sibling:
    # built then, once (most split parts name their siblings, most comparisons have none).
    tables: dict[bool, dict[str, list[Provision]]] = {}

    def find(label: str, old_side: bool, siblings: Sequence[Provision]) -> Provision | None:
        for sibling in siblings:
            if sibling.label == label:
                return sibling
        table = tables.get(old_side)
        if table is None:
            table = tables[old_side] = _by_label((old_round if old_side else new_round).walk())
        candidates = table.get(label, [])
        return candidates[0] if len(candidates) == 1 else None

    for pair, parent in orphans:
        old_siblings = parent.old.paragraphs if parent is not None and parent.old is not None else ()
        new_siblings = parent.new.paragraphs if parent is not None and parent.new is not None else ()
        for label in pair.related:
            if pair.new is not None:  # a split part: its source is an old provision
                origin = find(label, True, old_siblings)
                if origin is None:  # related names a sibling part: follow it to its source
                    sibling = find(label, False, new_siblings)
                    sibling_pair = source.pair_of_new(sibling.id) if sibling is not None else None
                    origin = sibling_pair.old if sibling_pair is not None else None
                if origin is not None:
                    links.append(Link(origin.id, pair.new.id, pair.key, pair.kinds))
            elif pair.old is not None:  # merged away: its target is a new provision
                target = find(label, False, new_siblings)
                if target is None:
                    sibling = find(label, True, old_siblings)
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
