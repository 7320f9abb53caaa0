"""A provision's life across every round of a negotiation (``treatydiff history``): one entry
per round with its text, a redline against the previous round, findings, status and brackets.

Pure: reads a :class:`~treatydiff.timeline.timeline.NegotiationTimeline`, never compares again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..diff.worddiff import diff_text
from ..model import (
    AgreementStatus,
    BracketTally,
    ChangeKind,
    ClausePair,
    CompareOptions,
    Finding,
    NegotiationInfo,
    Op,
    Provision,
    Round,
    RoundInfo,
    Segment,
)
from ..settings import negotiation_info
from .compose import composed_notes, composed_text, rebuilding
from .names import ProvisionRef, lineage, resolve_provision
from .timeline import NegotiationTimeline


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
    notes_segments: tuple[Segment, ...] = ()  # redline of the footnotes and endnotes

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
    def notes(self) -> str:
        return joined_notes(self.versions)

    @property
    def changed(self) -> bool:
        return any(s.op != Op.EQUAL for s in (*self.segments, *self.heading_segments, *self.notes_segments))


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
@lru_cache(maxsize=65536)
def count_brackets(text: str, links: frozenset[str] = frozenset(), language: str = "en") -> BracketTally:
    """Bracketed spans (nested ones too) and options (stacked ``[a][b]``, ``Option N:``),
    counted by the analysis' own bracket grammar and lexicon, so histories and reports agree
    with comparisons; ``links`` are the round's Markdown reference labels (not brackets).

    Cached: a provision's text repeats unchanged across most rounds."""
    # Cheap substring tests first: most provisions have neither brackets nor options.
    if "[" not in text and "ption" not in text and "PTION" not in text:
        return BracketTally()
    from ..analysis.brackets import tally
    from ..analysis.lexicon import bracket_terms

    placeholders, options = bracket_terms(language)
    return tally(text, placeholders, options, links)


def redline_between(timeline: NegotiationTimeline, before: str, after: str) -> tuple[Segment, ...]:
    """A redline no comparison computed: from the timeline's store of them when an earlier run
    kept it, else diffed (and kept)."""
    if before == after or not before or not after:
        return quick_diff(before, after, timeline.options)
    store = timeline.redlines
    found = store.get(before, after, timeline.options) if store is not None else None
    if found is None:
        found = _diffed(before, after, timeline.options)
        if store is not None:
            store.put(before, after, timeline.options, found)
    return found


@lru_cache(maxsize=4096)
def _diffed(before: str, after: str, options: CompareOptions) -> tuple[Segment, ...]:
    """Memoised: every provision of a split or merge has the same entry in its history."""
    return diff_text(before, after, options)


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
        reused = rebuilding((pair.segments, composed_text(pair)), before, after)
        if reused is not None:
            return reused
    return redline_between(timeline, before, after)


def _heading_redline(
    timeline: NegotiationTimeline, previous: Sequence[Provision], current: Sequence[Provision], pair: ClausePair | None = None
) -> tuple[Segment, ...]:
    before = " / ".join(v.heading for v in previous if v.heading)
    after = " / ".join(v.heading for v in current if v.heading)
    if pair is not None and before != after:
        reused = rebuilding((pair.heading_segments,), before, after)
        if reused is not None:
            return reused
    return redline_between(timeline, before, after)


def joined_notes(versions: Sequence[Provision]) -> str:
    """The versions' footnotes and endnotes (their paragraphs' too, as :func:`version_text`)."""
    return "\n".join(p.notes for v in versions for p in v.walk() if p.notes)


def notes_redline(
    timeline: NegotiationTimeline, previous: Sequence[Provision], current: Sequence[Provision], pair: ClausePair | None = None
) -> tuple[Segment, ...]:
    """Footnotes and endnotes are text: their changes are part of the provision's history."""
    before, after = joined_notes(previous), joined_notes(current)
    if pair is not None and before != after:
        reused = rebuilding((composed_notes(pair),), before, after)
        if reused is not None:
            return reused
    return redline_between(timeline, before, after)


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


def _links(round_: Round, text: str) -> frozenset[str]:
    """The round's Markdown reference labels, which tell a "[text][label]" link from brackets:
    read (the whole round, and the analysis loaded) only for a text with a bracket in it."""
    if "[" not in text:
        return frozenset()
    from ..analysis.brackets import round_links

    return round_links(round_)


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
                heading_segments=_heading_redline(timeline, previous, versions, lead),
                notes_segments=notes_redline(timeline, previous, versions, lead),
                findings=_dedupe(findings),
                status=_status(versions, timeline, index),
                brackets=count_brackets(text, _links(rounds[index], text)),
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
                notes_segments=notes_redline(timeline, previous, ()),
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


