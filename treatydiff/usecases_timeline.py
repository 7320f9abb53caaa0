"""The use cases on a negotiation's timeline: ``history``, ``blame``, ``synopsis`` and
``report``.  Each reads the folder with :func:`treatydiff.usecases.load_timeline` (comparisons
cached), builds its view and returns bytes (or the written path) for the CLI to place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .collector import collector_paused
from .errors import UsageError
from .usecases import load_timeline

if TYPE_CHECKING:
    from .timeline.history import ClauseHistory
    from .timeline.timeline import NegotiationTimeline, ProgressCallback
    from .views.bilateral import ThreeTexts

T = TypeVar("T")
_MOST_PASSES = 8  # then the cache keeps failing (entries it cannot remove): compute without it

HISTORY_FORMATS = ("text", "json", "html")
BLAME_FORMATS = ("text", "json")


def on_timeline(
    folder: Path,
    view: Callable[[NegotiationTimeline], T],
    *,
    on_progress: ProgressCallback | None = None,
    use_cache: bool = True,
) -> T:
    """``view`` of the folder's :func:`load_timeline`.  Cached pairs are checked against the
    rounds' texts when a view first reads them; when one fails, every damaged entry is removed
    and compared again (the sound ones and the rounds are kept, nothing is read again) and the
    view computed again: the same bytes as ``--no-cache`` gives, whatever the cache held."""
    from .settings import Settings
    from .timeline.build import healed
    from .timeline.codec import DamagedEntry

    # A timeline and its views are hundreds of thousands of objects in no cycle (frozen
    # dataclasses, strings, tuples): the cyclic collector would rescan them all as they pile
    # up, a quarter of a warm ``report`` or ``history``.  Reference counting frees them still.
    with collector_paused():
        timeline = None
        for _ in range(_MOST_PASSES if use_cache else 0):
            try:  # indexing splits and merges decodes their pairs: each pass removes such an entry
                timeline = load_timeline(folder, on_progress=on_progress, use_cache=True)
                break
            except DamagedEntry:
                continue
        for _ in range(_MOST_PASSES if timeline is not None else 0):  # one pass heals every damaged entry
            assert timeline is not None
            try:
                return view(timeline)
            except DamagedEntry:
                timeline = healed(timeline, Settings.of(timeline.negotiation, options=timeline.options))
        return view(load_timeline(folder, on_progress=on_progress, use_cache=False))  # entries that would not go


def _history(folder: Path, clause: str, round_name: str | None, on_progress: ProgressCallback | None, use_cache: bool) -> ClauseHistory:
    """The negotiation's timeline, then the history of the provision ``clause`` names."""
    from .timeline.history import clause_history

    return on_timeline(folder, lambda timeline: clause_history(timeline, clause, round_name=round_name), on_progress=on_progress, use_cache=use_cache)


def history_output(
    folder: Path,
    clause: str,
    *,
    round_name: str | None = None,
    fmt: str = "text",
    color: bool = False,
    on_progress: ProgressCallback | None = None,
    use_cache: bool = True,
    as_party: str | None = None,
) -> bytes:
    from .review import resolve_perspective
    from .timeline.history import clause_history

    if fmt not in HISTORY_FORMATS:
        raise UsageError(f"unknown format {fmt!r} for history", fix=f"use one of {', '.join(HISTORY_FORMATS)}")
    from .render.history import history_html, history_json, history_text
    from .views.bilateral import three_texts

    perspective = resolve_perspective(folder, as_party)

    def view(timeline: NegotiationTimeline) -> tuple[ClauseHistory, ThreeTexts | None]:
        history = clause_history(timeline, clause, round_name=round_name)
        # With a side taken: our last text, theirs, and the new one, with the two redlines.
        return history, three_texts(timeline, history, perspective) if perspective is not None else None

    history, three = on_timeline(folder, view, on_progress=on_progress, use_cache=use_cache)
    if fmt == "json":
        return history_json(history, perspective, three)
    if fmt == "html":
        return history_html(history, three)
    return history_text(history, color=color, perspective=perspective, three=three)


def blame_output(
    folder: Path,
    clause: str,
    *,
    round_name: str | None = None,
    deleted: bool = False,
    fmt: str = "text",
    color: bool = False,
    on_progress: ProgressCallback | None = None,
    use_cache: bool = True,
) -> bytes:
    if fmt not in BLAME_FORMATS:
        raise UsageError(f"unknown format {fmt!r} for blame", fix=f"use one of {', '.join(BLAME_FORMATS)}")
    from .render.history import blame_json, blame_text
    from .timeline.blame import blame

    result = blame(_history(folder, clause, round_name, on_progress, use_cache))
    if fmt == "json":
        return blame_json(result, deleted=deleted)
    return blame_text(result, deleted=deleted, color=color)


def synopsis_output(
    folder: Path,
    output: Path | None,
    *,
    rounds: Sequence[str] | None = None,
    on_progress: ProgressCallback | None = None,
    use_cache: bool = True,
    color: bool = False,
    as_party: str | None = None,
) -> bytes:
    """The synopsis as HTML or DOCX, chosen by ``output``'s extension, or as text for the
    terminal when there is no ``output`` (or it ends in .txt)."""
    suffix = output.suffix.lower() if output is not None else ".txt"
    if suffix not in (".html", ".htm", ".docx", ".txt"):
        raise UsageError(f"cannot tell the synopsis format from {output.name if output else ''!r}",
                         fix="end the file name in .html, .docx or .txt, or leave out -o to print it")
    from .render.synopsis import synopsis_html, synopsis_text
    from .review import resolve_perspective
    from .views.synopsis import synopsis_view

    perspective = resolve_perspective(folder, as_party)
    chosen = list(rounds) if rounds else None
    view, last = on_timeline(
        folder,
        lambda timeline: (synopsis_view(timeline, chosen, perspective=perspective), timeline.rounds[-1].info.date if timeline.rounds else None),
        on_progress=on_progress,
        use_cache=use_cache,
    )
    if suffix == ".txt":
        return synopsis_text(view, color=color)
    if suffix == ".docx":
        from .render.synopsis_docx import synopsis_docx

        return synopsis_docx(view, date=last)
    return synopsis_html(view)


def report_site(
    folder: Path,
    out_dir: Path,
    *,
    synopsis_rounds: Sequence[str] | None = None,
    on_progress: ProgressCallback | None = None,
    use_cache: bool = True,
    as_party: str | None = None,
) -> Path:
    """Write the negotiation report into ``out_dir``; return its ``index.html``."""
    from .formats.reviews import read_reviews
    from .parallel import worker_count
    from .render.site import site_pages
    from .render.site_folder import check_report_folder, write_site
    from .review import resolve_perspective

    check_report_folder(out_dir)  # before the work, not after it (write_site checks again)
    perspective, reviews = resolve_perspective(folder, as_party), read_reviews(folder)
    pages = on_timeline(
        folder,
        lambda timeline: site_pages(
            timeline,
            synopsis_rounds=tuple(synopsis_rounds) if synopsis_rounds else None,
            on_progress=on_progress,
            workers=worker_count(len(timeline.rounds)),
            perspective=perspective,
            reviews=reviews,
        ),
        on_progress=on_progress,
        use_cache=use_cache,
    )
    write_site(pages, out_dir)
    return out_dir / "index.html"
