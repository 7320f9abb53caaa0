"""The negotiation report: a static site that opens from disk (``index.html``), no server.

``index.html`` shows the timeline of rounds, inline-SVG charts (provisions agreed, brackets
and options, regressions and progress per round and party) and a table of provisions; each
round has a page with its redline against the previous round, each provision a page with its
history; ``synopsis.html`` is the four-column table.  Every page links back to the others and
prints cleanly.

:func:`site_pages` is pure (timeline in, ``{relative path: bytes}`` out) and deterministic;
:func:`build_site` compares the rounds once, then writes the pages atomically.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import OutputError
from ..formats.textio import atomic_write_bytes
from ..model import (
    BracketTally,
    ChangeKind,
    ClausePair,
    Comparison,
    Direction,
    Negotiation,
    Round,
)
from ..parallel import can_fork, map_chunks
from ..settings import Settings
from ..timeline.history import (
    NegotiationTimeline,
    ProgressCallback,
    ProvisionRef,
    build_timeline,
    count_brackets,
    provision_history,
    threads,
)
from ..views.negotiation import (
    STATUS_TEXT,
    Chart,
    EntryView,
    HistoryView,
    bar_chart,
    direction_counts,
    fragments,
    history_view,
    plain,
    provision_slug,
    redline_html,
    round_slug,
    status_counts,
)
from ..views.synopsis import SynopsisView, default_columns, synopsis_view
from .templating import render_template, stylesheet

CSS_PATH = "assets/negotiation.css"
GENERATOR = f"treatydiff {__version__}"


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
    obligations_weakened: int  # regression findings on obligations this party bears
    obligations_strengthened: int


def _round_tally(timeline: NegotiationTimeline, index: int) -> BracketTally:
    """The analysis' count for the round where it made one, else our own provision count."""
    comparisons = timeline.comparisons
    if comparisons:
        tally = comparisons[index - 1].new_brackets if index else comparisons[0].old_brackets
        if tally != BracketTally():
            return tally
    brackets = options = 0
    for provision in timeline.rounds[index].provisions:
        t = count_brackets(provision.full_text)
        brackets += t.brackets
        options += t.options
    return BracketTally(brackets, options)


def _change_summary(comparison: Comparison) -> str:
    counts: dict[ChangeKind, int] = {}
    for pair in comparison.pairs:
        for kind in pair.kinds:
            counts[kind] = counts.get(kind, 0) + 1
    parts = [f"{counts[k]} {k.value}" for k in ChangeKind if k != ChangeKind.UNCHANGED and counts.get(k)]
    return ", ".join(parts) if parts else "no change"


def _round_label(round_: Round) -> str:
    return round_.name or round_.info.label  # short: chart axes hold up to 8 of them


def _cards(timeline: NegotiationTimeline) -> tuple[RoundCard, ...]:
    negotiation = timeline.negotiation
    cards: list[RoundCard] = []
    for index, round_ in enumerate(timeline.rounds):
        comparison = timeline.comparisons[index - 1] if index else None
        directions = direction_counts(comparison.findings) if comparison else direction_counts(())
        party = negotiation.party(round_.info.party) if round_.info.party else None
        tally = _round_tally(timeline, index)
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
                changes=_change_summary(comparison) if comparison else "first draft",
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


def _charts(timeline: NegotiationTimeline, cards: tuple[RoundCard, ...]) -> tuple[Chart, ...]:
    labels = [_round_label(r) for r in timeline.rounds]
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


def _parties(timeline: NegotiationTimeline, cards: tuple[RoundCard, ...]) -> tuple[PartyRow, ...]:
    rows: list[PartyRow] = []
    findings = [f for c in timeline.comparisons for f in c.findings]
    for party in timeline.negotiation.parties:
        mine = [c for c in cards if c.party == party.code]
        bound = [f for f in findings if party.code in f.obligated]
        rows.append(
            PartyRow(
                code=party.code,
                name=party.name,
                rounds=len(mine),
                regressions=sum(c.regressions for c in mine),
                progress=sum(c.progress for c in mine),
                obligations_weakened=sum(1 for f in bound if f.direction == Direction.REGRESSION),
                obligations_strengthened=sum(1 for f in bound if f.direction == Direction.PROGRESS),
            )
        )
    return tuple(rows)


def _provision_row(timeline: NegotiationTimeline, ref: ProvisionRef, view: HistoryView) -> ProvisionRow:
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
    heading: str  # safe HTML
    paragraphs: tuple[tuple[str, str], ...]  # (label, safe HTML)


def _pair_view(pair: ClausePair) -> PairView:
    old, new = pair.old_label, pair.new_label
    title = f"{old} → {new}" if old and new and old != new else (new or old or pair.key)
    paragraphs: list[tuple[str, str]] = []
    if pair.segments:
        paragraphs.append(("", redline_html(fragments(pair.segments))))
    for child in pair.paragraphs:
        label = child.new_label or child.old_label or ""
        if child.old_label and child.new_label and child.old_label != child.new_label:
            label = f"{child.old_label} → {child.new_label}"
        paragraphs.append((label, redline_html(fragments(child.segments))))
    return PairView(
        anchor=pair.key,
        title=title,
        kinds=", ".join(k.value for k in pair.kinds),
        heading=redline_html(fragments(pair.heading_segments)),
        paragraphs=tuple(paragraphs),
    )


def _first_round_view(round_: Round) -> tuple[PairView, ...]:
    return tuple(
        PairView(
            anchor=p.id,
            title=p.label,
            kinds="",
            heading=redline_html(plain(p.heading or "")),
            paragraphs=((("", redline_html(plain(p.text))),) if p.text else ())
            + tuple((c.label, redline_html(plain(c.full_text))) for c in p.paragraphs),
        )
        for p in round_.provisions
    )


_BODY = re.compile(rb"<body[^>]*>")


def _compare_report(comparison: Comparison) -> bytes:
    """The compare HTML report of the round, with a link back to the negotiation report."""
    from . import render

    page = render(comparison, "html")
    # No inline style: the compare report's Content-Security-Policy forbids it.
    back = b'<nav class="td-site-back" aria-label="Negotiation report"><a href="../index.html">&larr; Negotiation report</a></nav>'
    match = _BODY.search(page)
    if match is None:
        return page
    return page[: match.end()] + back + page[match.end() :]


def _common(timeline: NegotiationTimeline, depth: int) -> dict[str, object]:
    negotiation = timeline.negotiation
    up = "../" * depth
    return {
        "negotiation_title": negotiation.title,
        "illustrative": negotiation.illustrative,
        "css_href": up + CSS_PATH,
        "inline_css": "",
        "home_href": up + "index.html",
        "synopsis_href": up + "synopsis.html",
        "generator": GENERATOR,
    }


def site_pages(
    timeline: NegotiationTimeline,
    *,
    synopsis_rounds: tuple[str, ...] | None = None,
    reuse_compare_report: bool = True,
    on_progress: ProgressCallback | None = None,
    workers: int = 1,
) -> dict[str, bytes]:
    """Every page of the report, keyed by its path relative to the site folder.

    ``workers`` > 1 renders the round and provision pages in that many forked processes (where
    the platform forks); the pages are the same bytes either way.
    """
    negotiation = timeline.negotiation
    rounds = timeline.rounds
    pages: dict[str, bytes] = {CSS_PATH: stylesheet("negotiation/negotiation.css").encode("utf-8")}
    round_hrefs = {r.name or r.info.label: f"../rounds/{round_slug(r)}.html" for r in rounds}
    refs = threads(timeline)
    total = len(refs) + len(rounds) + 2
    done = 0

    def tick(what: str, count: int = 1) -> None:
        nonlocal done
        done += count
        if on_progress is not None:
            on_progress(done, total, what)

    cards = _cards(timeline)
    work = _Work(timeline, refs, round_hrefs, cards, reuse_compare_report)
    provisions: list[tuple[str, bytes, ProvisionRow] | None] = [None] * len(refs)
    round_pages: list[tuple[str, bytes] | None] = [None] * len(rounds)
    if workers > 1 and can_fork():
        synopsis_page = _in_workers(work, workers, provisions, round_pages, tick, synopsis_rounds)
    else:
        for n in range(len(refs)):
            provisions[n] = page = work.provision_page(n)
            tick(f"provision {page[2].label}")
        for index in range(len(rounds)):
            round_pages[index] = work.round_page(index)
            tick(f"round {rounds[index].name}")
        synopsis_page = _synopsis_for(timeline, synopsis_rounds)
    rows: list[ProvisionRow] = []
    for item in provisions:
        assert item is not None
        pages[item[0]] = item[1]
        rows.append(item[2])
    for round_page in round_pages:
        assert round_page is not None
        pages[round_page[0]] = round_page[1]
    pages["synopsis.html"] = synopsis_page
    tick("synopsis")
    # Oldest first on the overview, as negotiators read the record.
    pages["index.html"] = render_template(
        "negotiation/index.html.j2",
        page_title=negotiation.title,
        description=negotiation.description or "",
        cards=cards,
        charts=_charts(timeline, cards),
        parties=_parties(timeline, cards),
        rows=tuple(rows),
        open_rows=sum(1 for r in rows if not r.deleted and r.status_class not in ("status-agreed",)),
        **_common(timeline, 0),
    ).encode("utf-8")
    tick("index")
    return pages


@dataclass(frozen=True)
class _Work:
    """What a provision or round page needs; forked workers inherit it instead of a pickle."""

    timeline: NegotiationTimeline
    refs: tuple[ProvisionRef, ...]
    round_hrefs: dict[str, str]
    cards: tuple[RoundCard, ...]
    reuse_compare_report: bool

    def provision_page(self, n: int) -> tuple[str, bytes, ProvisionRow]:
        timeline, ref = self.timeline, self.refs[n]
        history = provision_history(timeline, ref)
        view = history_view(history, round_hrefs=self.round_hrefs)
        page = render_template(
            "negotiation/provision.html.j2", page_title=view.title, history=view, **_common(timeline, 1)
        ).encode("utf-8")
        return f"provisions/{provision_slug(timeline, ref)}.html", page, _provision_row(timeline, ref, view)

    def round_page(self, index: int) -> tuple[str, bytes]:
        timeline, cards = self.timeline, self.cards
        round_ = timeline.rounds[index]
        comparison = timeline.comparison(index - 1) if index else None
        if comparison is not None and self.reuse_compare_report:
            page = _compare_report(comparison)
        else:
            pairs = tuple(_pair_view(p) for p in comparison.pairs if p.changed) if comparison else _first_round_view(round_)
            page = render_template(
                "negotiation/round.html.j2",
                page_title=f"{round_.info.label}: redline",
                card=cards[index],
                previous=cards[index - 1] if index else None,
                next=cards[index + 1] if index + 1 < len(cards) else None,
                pairs=pairs,
                first=comparison is None,
                unchanged=(len(comparison.pairs) - len(pairs)) if comparison else 0,
                **_common(timeline, 1),
            ).encode("utf-8")
        return f"rounds/{round_slug(round_)}.html", page


def _synopsis_for(timeline: NegotiationTimeline, synopsis_rounds: tuple[str, ...] | None) -> bytes:
    columns = synopsis_rounds or default_columns(timeline)
    synopsis = synopsis_view(timeline, columns, provision_href=lambda ref: f"provisions/{provision_slug(timeline, ref)}.html")
    return _synopsis_page(synopsis, timeline, depth=0)


def _page_chunk(work: _Work, task: tuple[str, tuple[int, ...]]) -> tuple[str, list[tuple[int, Any]]]:
    """In a forked worker: render some provision or round pages."""
    return _pages(work, task)


def _pages(work: _Work, task: tuple[str, tuple[int, ...]]) -> tuple[str, list[tuple[int, Any]]]:
    kind, indexes = task
    render = work.provision_page if kind == "provision" else work.round_page
    return kind, [(n, render(n)) for n in indexes]


def _in_workers(
    work: _Work,
    workers: int,
    provisions: list[tuple[str, bytes, ProvisionRow] | None],
    round_pages: list[tuple[str, bytes] | None],
    tick: Callable[..., None],
    synopsis_rounds: tuple[str, ...] | None,
) -> bytes:
    """Provision and round pages in forked workers while this process builds the synopsis."""
    _ = work.timeline.comparisons  # decode cached comparisons once, here, not in every worker
    tasks: list[tuple[str, tuple[int, ...]]] = []
    # Round pages (the whole compare report) cost about ten provision pages each: chunks of
    # similar weight, interleaved, keep both workers busy to the end.
    round_chunks = _chunks(len(round_pages), workers * 6)
    provision_chunks = _chunks(len(provisions), workers * 6)
    for k in range(max(len(round_chunks), len(provision_chunks))):
        if k < len(round_chunks):
            tasks.append(("round", round_chunks[k]))
        if k < len(provision_chunks):
            tasks.append(("provision", provision_chunks[k]))
    synopsis: list[bytes] = []
    for _, (kind, results) in map_chunks(
        partial(_page_chunk, work),
        tasks,
        workers,
        here=partial(_pages, work),
        meanwhile=lambda: synopsis.append(_synopsis_for(work.timeline, synopsis_rounds)),
    ):
        for n, result in results:
            if kind == "provision":
                provisions[n] = result
            else:
                round_pages[n] = result
        tick(f"{len(results)} {kind} page(s)", len(results))
    return synopsis[0]


def _chunks(count: int, parts: int) -> list[tuple[int, ...]]:
    if count == 0:
        return []
    size = -(-count // max(1, min(count, parts)))
    return [tuple(range(n, min(n + size, count))) for n in range(0, count, size)]


def _synopsis_page(view: SynopsisView, timeline: NegotiationTimeline, *, depth: int) -> bytes:
    return render_template(
        "negotiation/synopsis.html.j2", page_title=f"{timeline.negotiation.title}: synopsis", synopsis=view, **_common(timeline, depth)
    ).encode("utf-8")


def write_site(pages: dict[str, bytes], out_dir: Path) -> list[Path]:
    """Write every page atomically (sorted, so runs are reproducible); return the paths."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError("exists and is not a folder", fix="choose a folder for the report with -o DIR")
    written: list[Path] = []
    for relative in sorted(pages):
        path = out_dir / relative
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create folder: {exc.strerror}", fix="check permissions") from None
        atomic_write_bytes(path, pages[relative])
        written.append(path)
    return written


def build_site(
    negotiation: Negotiation,
    out_dir: Path,
    *,
    settings: Settings | None = None,
    synopsis_rounds: tuple[str, ...] | None = None,
    on_progress: ProgressCallback | None = None,
    on_pages_progress: Callable[[int, int, str], None] | None = None,
    workers: int = 1,
) -> Path:
    """Compare the rounds once, build every page, write them; return ``out_dir/index.html``.

    ``workers`` > 1 spreads the comparisons and the pages over that many processes."""
    timeline = build_timeline(negotiation, settings=settings or Settings.of(negotiation), on_progress=on_progress, workers=workers)
    pages = site_pages(timeline, synopsis_rounds=synopsis_rounds, on_progress=on_pages_progress, workers=workers)
    write_site(pages, out_dir)
    return out_dir / "index.html"
