"""The negotiation report's own view models: round cards, charts, party and provision rows,
and the fallback round pages' pairs (the histories and the synopsis have their own modules).

Pure: a timeline in, plain data out; :mod:`treatydiff.render.site` writes the pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..analysis.brackets import round_links
from ..model import (
    BracketTally,
    ChangeKind,
    ClausePair,
    Comparison,
    Direction,
    Review,
    Round,
)
from ..timeline.history import count_brackets
from ..timeline.names import ProvisionRef
from ..timeline.timeline import NegotiationTimeline
from .labels import STATUS_TEXT
from .negotiation import (
    Chart,
    EntryView,
    Fragment,
    HistoryView,
    bar_chart,
    direction_counts,
    fragments,
    plain,
    provision_slug,
    round_slug,
    status_counts,
)
from .parties import PartyStanding, party_standing, strengthened_words, weakened_words
from .perspective import apply_reviews
from .summary import summarize


@dataclass(frozen=True)
class RoundCard:
    name: str
    label: str
    party: str
    party_name: str
    party_index: int  # position in the negotiation's parties (a colour per party); -1 if none
    date: str
    title: str
    href: str  # from the site folder
    file: str  # from another round's page
    changes: str  # "4 modified, 1 added, …" against the previous round
    regressions: int
    progress: int
    review: int
    brackets: int
    options: int
    agreed: int
    provisions: int


@dataclass(frozen=True)
class ProvisionRow:
    label: str
    heading: str
    href: str
    status: str
    status_class: str
    brackets: int
    last_change: str
    last_change_href: str
    findings: int
    regressions: int
    deleted: bool
    since: str


@dataclass(frozen=True)
class PartyRow:
    code: str
    name: str
    rounds: int
    regressions: int  # regressions in the rounds this party proposed
    progress: int
    weakened: str  # its own obligations, as views.parties words them ("1 (favours AZ)")
    strengthened: str
    review: int
    in_favour: int
    against: int


def round_tally(timeline: NegotiationTimeline, index: int) -> BracketTally:
    """The analysis' count for the round where it made one, else our own provision count."""
    comparisons = timeline.comparisons
    if comparisons:
        tally = comparisons[index - 1].new_brackets if index else comparisons[0].old_brackets
        if tally != BracketTally():
            return tally
    brackets = options = 0
    links = round_links(timeline.rounds[index])
    for provision in timeline.rounds[index].provisions:
        t = count_brackets(provision.full_text, links)
        brackets += t.brackets
        options += t.options
    return BracketTally(brackets, options)


def change_summary(comparison: Comparison) -> str:
    """``7 modified, 1 deleted; paragraphs: 9 modified``: the one summary's changed kinds."""
    summary = summarize(comparison)
    order = [k for k in ChangeKind if k != ChangeKind.UNCHANGED]
    articles = summary.articles.phrase(order, unchanged=False)
    paragraphs = summary.paragraphs.phrase(order, unchanged=False)
    text = articles or ("no change" if not paragraphs else "")
    if paragraphs:
        text += ("; " if text else "") + f"paragraphs: {paragraphs}"
    return text


def round_label(round_: Round) -> str:
    return round_.name or round_.info.label  # short: chart axes hold up to 8 of them


def round_cards(timeline: NegotiationTimeline) -> tuple[RoundCard, ...]:
    negotiation = timeline.negotiation
    cards: list[RoundCard] = []
    for index, round_ in enumerate(timeline.rounds):
        comparison = timeline.comparisons[index - 1] if index else None
        directions = direction_counts(comparison.findings) if comparison else direction_counts(())
        party = negotiation.party(round_.info.party) if round_.info.party else None
        tally = round_tally(timeline, index)
        cards.append(
            RoundCard(
                name=round_.name or round_.info.label,
                label=round_.info.label,
                party=round_.info.party or "",
                party_name=party.name if party else "",
                party_index=negotiation.parties.index(party) % 6 if party else -1,
                date=round_.info.date or "",
                title=round_.info.title or "",
                href=f"rounds/{round_slug(round_)}.html",
                file=f"{round_slug(round_)}.html",
                changes=change_summary(comparison) if comparison else "first draft",
                regressions=directions[Direction.REGRESSION],
                progress=directions[Direction.PROGRESS],
                review=directions[Direction.REVIEW],
                brackets=tally.brackets,
                options=tally.options,
                agreed=status_counts(round_)["agreed"],
                provisions=len(round_.provisions),
            )
        )
    return tuple(cards)


def site_charts(timeline: NegotiationTimeline, cards: tuple[RoundCard, ...]) -> tuple[Chart, ...]:
    labels = [round_label(r) for r in timeline.rounds]
    statuses = [status_counts(r) for r in timeline.rounds]
    agreed = bar_chart(
        "chart-agreed",
        "Provisions agreed per round",
        "Top-level provisions per round by agreement status: agreed, agreed ad referendum, still open.",
        labels,
        [
            ("agreed", "agreed", [s["agreed"] for s in statuses]),
            ("ad-ref", "agreed ad referendum", [s["ad-ref"] for s in statuses]),
            ("open", "open", [s["open"] for s in statuses]),
        ],
        stacked=True,
    )
    brackets = bar_chart(
        "chart-brackets",
        "Brackets and options per round",
        "Square-bracketed (unagreed) spans and alternative options in each round's text.",
        labels,
        [("brackets", "brackets", [c.brackets for c in cards]), ("options", "options", [c.options for c in cards])],
    )
    moves = bar_chart(
        "chart-direction",
        "Progress and regressions per round, by proposing party",
        "Findings of each round against the previous one: progress above the line, regressions below; "
        "each round is labelled with the party that proposed it.",
        labels,
        [
            ("progress", "progress", [c.progress for c in cards]),
            ("regression", "regressions", [c.regressions for c in cards]),
        ],
        diverging=("regression",),
    )
    return (agreed, brackets, moves)


def party_standing_of(timeline: NegotiationTimeline, reviews: Mapping[str, Review] | None = None) -> PartyStanding:
    """The per-party figures over every comparison of the negotiation, findings dismissed on
    review left out."""
    findings = [f for c in timeline.comparisons for f in (apply_reviews(c, reviews).kept.findings if reviews else c.findings)]
    return party_standing(findings, timeline.negotiation.parties)


def party_rows(timeline: NegotiationTimeline, cards: tuple[RoundCard, ...], reviews: Mapping[str, Review] | None = None) -> tuple[PartyRow, ...]:
    rows: list[PartyRow] = []
    standing = party_standing_of(timeline, reviews)
    for party, figures in zip(timeline.negotiation.parties, standing.parties, strict=True):
        mine = [c for c in cards if c.party == party.code]
        rows.append(
            PartyRow(
                code=party.code,
                name=party.name,
                rounds=len(mine),
                regressions=sum(c.regressions for c in mine),
                progress=sum(c.progress for c in mine),
                weakened=weakened_words(figures).removeprefix("obligations weakened: "),
                strengthened=strengthened_words(figures).removeprefix("obligations strengthened: "),
                review=figures.review,
                in_favour=figures.in_favour,
                against=figures.against,
            )
        )
    return tuple(rows)


def provision_row(timeline: NegotiationTimeline, ref: ProvisionRef, view: HistoryView) -> ProvisionRow:
    entries = view.entries
    last = entries[-1]
    changed = [e for e in entries if e.changed or e.deleted]
    last_change: EntryView | None = changed[-1] if changed else None
    provision = timeline.provision(ref.round_index, ref.provision_id)
    status = provision.status if provision else None
    return ProvisionRow(
        label=last.label if not last.deleted else f"{entries[-2].label if len(entries) > 1 else view.label} (deleted)",
        heading=view.heading,
        href=f"provisions/{provision_slug(timeline, ref)}.html",
        status="deleted" if last.deleted else (STATUS_TEXT[status] if status else "—"),
        status_class="status-deleted" if last.deleted else (f"status-{status.value}" if status else ""),
        brackets=last.brackets,
        last_change=f"{last_change.round_name}: {last_change.kinds}" if last_change else "unchanged since first proposed",
        last_change_href=f"provisions/{provision_slug(timeline, ref)}.html#{last_change.anchor}" if last_change else "",
        findings=sum(len(e.findings) for e in entries),
        regressions=sum(1 for e in entries for f in e.findings if f.direction == Direction.REGRESSION.value),
        deleted=last.deleted,
        since=entries[0].round_name,
    )


@dataclass(frozen=True)
class PairView:
    """A changed pair on a round's fallback page (when the compare HTML report is absent)."""

    anchor: str
    title: str
    kinds: str
    heading: tuple[Fragment, ...]
    paragraphs: tuple[tuple[str, tuple[Fragment, ...]], ...]  # (label, its redline)


def pair_view(pair: ClausePair) -> PairView:
    old, new = pair.old_label, pair.new_label
    title = f"{old} → {new}" if old and new and old != new else (new or old or pair.key)
    paragraphs: list[tuple[str, tuple[Fragment, ...]]] = []
    if pair.segments:
        paragraphs.append(("", fragments(pair.segments)))
    for child in pair.paragraphs:
        label = child.new_label or child.old_label or ""
        if child.old_label and child.new_label and child.old_label != child.new_label:
            label = f"{child.old_label} → {child.new_label}"
        paragraphs.append((label, fragments(child.segments)))
    return PairView(
        anchor=pair.key,
        title=title,
        kinds=", ".join(k.value for k in pair.kinds),
        heading=fragments(pair.heading_segments),
        paragraphs=tuple(paragraphs),
    )


def first_round_views(round_: Round) -> tuple[PairView, ...]:
    return tuple(
        PairView(
            anchor=p.id,
            title=p.label,
            kinds="",
            heading=plain(p.heading or ""),
            paragraphs=((("", plain(p.text)),) if p.text else ())
            + tuple((c.label, plain(c.full_text)) for c in p.paragraphs),
        )
        for p in round_.provisions
    )
