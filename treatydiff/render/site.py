"""The negotiation report: a static site that opens from disk (``index.html``), no server.

``index.html`` shows the timeline of rounds, inline-SVG charts (provisions agreed, brackets
and options, regressions and progress per round and party) and a table of provisions; each
round has a page with its redline against the previous round, each provision a page with its
history; ``synopsis.html`` is the four-column table.  Every page links back to the others and
prints cleanly.

:func:`site_pages` is pure (timeline in, ``{relative path: bytes}`` out) and deterministic;
:func:`build_site` compares the rounds once, then writes the pages and swaps the site in whole.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from .. import __version__
from ..model import (
    Comparison,
    Negotiation,
    Review,
)
from ..parallel import can_fork, map_chunks
from ..settings import Settings
from ..timeline.build import build_timeline
from ..timeline.history import provision_history
from ..timeline.names import ProvisionRef, threads
from ..timeline.timeline import NegotiationTimeline, ProgressCallback
from ..views.heatmap import report_positions
from ..views.negotiation import (
    history_view,
    provision_slug,
    round_slug,
)
from ..views.parties import shared_line
from ..views.perspective import apply_reviews
from ..views.positions import PositionsView, positions_view
from ..views.site import (
    ProvisionRow,
    RoundCard,
    first_round_views,
    pair_view,
    party_rows,
    party_standing_of,
    provision_row,
    round_cards,
    site_charts,
)
from ..views.synopsis import SynopsisView, default_columns, synopsis_view
from .site_folder import write_site
from .templating import render_template, stylesheet

CSS_PATH = "assets/negotiation.css"
GENERATOR = f"treatydiff {__version__}"


def _compare_report(comparison: Comparison, perspective: str | None = None, reviews: Mapping[str, Review] | None = None) -> bytes:
    """The compare HTML report of the round, with a link back to the negotiation report (its
    findings dismissed on review shown apart, and what each means for ``perspective``)."""
    from . import RenderOptions, render

    reviewed = apply_reviews(comparison, reviews or {})
    options = RenderOptions(back_href="../index.html", perspective=perspective, ids=reviewed.ids, reviews=reviewed.reviews,
                            dismissed=reviewed.dismissed)
    return render(reviewed.kept, "html", options)


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
    perspective: str | None = None,
    reviews: Mapping[str, Review] | None = None,
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

    cards = round_cards(timeline)
    work = _Work(timeline, refs, round_hrefs, cards, reuse_compare_report, perspective, dict(reviews or {}))
    provisions: list[tuple[str, bytes, ProvisionRow] | None] = [None] * len(refs)
    round_pages: list[tuple[str, bytes] | None] = [None] * len(rounds)
    if workers > 1 and can_fork():
        # This process builds the synopsis and the positions table while workers render pages.
        synopsis_page, positions = _in_workers(work, workers, provisions, round_pages, tick, synopsis_rounds)
    else:
        for n in range(len(refs)):
            provisions[n] = page = work.provision_page(n)
            tick(f"provision {page[2].label}")
        for index in range(len(rounds)):
            round_pages[index] = work.round_page(index)
            tick(f"round {rounds[index].name}")
        synopsis_page = _synopsis_for(timeline, synopsis_rounds)
        positions = positions_view(timeline, perspective)
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
        charts=site_charts(timeline, cards),
        parties=party_rows(timeline, cards, reviews),
        parties_shared=shared_line(party_standing_of(timeline, reviews).shared),
        rows=tuple(rows),
        open_rows=sum(1 for r in rows if not r.deleted and r.status_class not in ("status-agreed",)),
        positions=report_positions(positions, {ref.provision_id: row.href for ref, row in zip(refs, rows, strict=True)},
                                   {c.name: c.href for c in cards}),
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
    perspective: str | None = None
    reviews: dict[str, Review] = field(default_factory=dict)

    def provision_page(self, n: int) -> tuple[str, bytes, ProvisionRow]:
        timeline, ref = self.timeline, self.refs[n]
        history = provision_history(timeline, ref)
        view = history_view(history, round_hrefs=self.round_hrefs)
        page = render_template(
            "negotiation/provision.html.j2", page_title=view.title, history=view, **_common(timeline, 1)
        ).encode("utf-8")
        return f"provisions/{provision_slug(timeline, ref)}.html", page, provision_row(timeline, ref, view)

    def round_page(self, index: int) -> tuple[str, bytes]:
        timeline, cards = self.timeline, self.cards
        round_ = timeline.rounds[index]
        comparison = timeline.comparison(index - 1) if index else None
        if comparison is not None and self.reuse_compare_report:
            page = _compare_report(comparison, self.perspective, self.reviews)
        else:
            pairs = tuple(pair_view(p) for p in comparison.pairs if p.changed) if comparison else first_round_views(round_)
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
) -> tuple[bytes, PositionsView]:
    """Provision and round pages in forked workers while this process builds the synopsis and
    the positions table (the largest view of all, so the index waits for nothing)."""
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
    positions: list[PositionsView] = []

    def meanwhile() -> None:
        synopsis.append(_synopsis_for(work.timeline, synopsis_rounds))
        positions.append(positions_view(work.timeline, work.perspective))
    for _, (kind, results) in map_chunks(
        partial(_page_chunk, work),
        tasks,
        workers,
        here=partial(_pages, work),
        meanwhile=meanwhile,
    ):
        for n, result in results:
            if kind == "provision":
                provisions[n] = result
            else:
                round_pages[n] = result
        tick(f"{len(results)} {kind} page(s)", len(results))
    return synopsis[0], positions[0]


def _chunks(count: int, parts: int) -> list[tuple[int, ...]]:
    if count == 0:
        return []
    size = -(-count // max(1, min(count, parts)))
    return [tuple(range(n, min(n + size, count))) for n in range(0, count, size)]


def _synopsis_page(view: SynopsisView, timeline: NegotiationTimeline, *, depth: int) -> bytes:
    return render_template(
        "negotiation/synopsis.html.j2", page_title=f"{timeline.negotiation.title}: synopsis", synopsis=view, **_common(timeline, depth)
    ).encode("utf-8")


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
