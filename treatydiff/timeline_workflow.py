"""Use cases behind ``history``, ``blame``, ``synopsis`` and ``report``: load, compare once, render.

Each function is what one CLI command calls; they read the negotiation folder, so they are not
pure, but they print nothing and return bytes (or the written path) for the CLI to place.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from .blame import blame
from .errors import UsageError
from .history import NegotiationTimeline, ProgressCallback, build_timeline, clause_history
from .history_report import blame_json, blame_text, history_html, history_json, history_text
from .model import CompareOptions
from .negotiation import load_negotiation
from .timeline_cache import DiskComparisonStore

HISTORY_FORMATS = ("text", "json", "html")
BLAME_FORMATS = ("text", "json")
# Starting processes costs about 0.1 s; below this many rounds one process is faster.
_PARALLEL_FROM = 10**9  # measured slower on the 2-core machine (bench_history.py); kept for bigger hosts


def load_timeline(
    folder: Path,
    *,
    options: CompareOptions | None = None,
    on_progress: ProgressCallback | None = None,
    use_cache: bool = True,
) -> NegotiationTimeline:
    """Load the folder and compare its consecutive rounds once, reusing cached comparisons and
    spreading the missing ones over the machine's cores."""
    negotiation = load_negotiation(folder)
    store = DiskComparisonStore() if use_cache else None
    workers = min(os.cpu_count() or 1, 4) if len(negotiation.rounds) > _PARALLEL_FROM else 1
    return build_timeline(negotiation, options=options, on_progress=on_progress, workers=workers, store=store)


def history_output(
    folder: Path,
    clause: str,
    *,
    round_name: str | None = None,
    fmt: str = "text",
    color: bool = False,
    on_progress: ProgressCallback | None = None,
    use_cache: bool = True,
) -> bytes:
    if fmt not in HISTORY_FORMATS:
        raise UsageError(f"unknown format {fmt!r} for history", fix=f"use one of {', '.join(HISTORY_FORMATS)}")
    timeline = load_timeline(folder, on_progress=on_progress, use_cache=use_cache)
    history = clause_history(timeline, clause, round_name=round_name)
    if fmt == "json":
        return history_json(history)
    if fmt == "html":
        return history_html(history)
    return history_text(history, color=color)


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
    timeline = load_timeline(folder, on_progress=on_progress, use_cache=use_cache)
    history = clause_history(timeline, clause, round_name=round_name)
    result = blame(history)
    if fmt == "json":
        return blame_json(result, deleted=deleted)
    return blame_text(result, deleted=deleted, color=color)


def synopsis_output(
    folder: Path,
    output: Path,
    *,
    rounds: Sequence[str] | None = None,
    on_progress: ProgressCallback | None = None,
    use_cache: bool = True,
) -> bytes:
    """The synopsis as HTML or DOCX, chosen by ``output``'s extension."""
    suffix = output.suffix.lower()
    if suffix not in (".html", ".htm", ".docx"):
        raise UsageError(f"cannot tell the synopsis format from {output.name!r}", fix="end the file name in .html or .docx")
    from .synopsis import synopsis_html, synopsis_view

    timeline = load_timeline(folder, on_progress=on_progress, use_cache=use_cache)
    view = synopsis_view(timeline, list(rounds) if rounds else None)
    if suffix == ".docx":
        from .synopsis_docx import synopsis_docx

        last = timeline.rounds[-1].info.date if timeline.rounds else None
        return synopsis_docx(view, date=last)
    return synopsis_html(view)


def report_site(
    folder: Path,
    out_dir: Path,
    *,
    synopsis_rounds: Sequence[str] | None = None,
    on_progress: ProgressCallback | None = None,
    use_cache: bool = True,
) -> Path:
    """Write the negotiation report into ``out_dir``; return its ``index.html``."""
    from .site import site_pages, write_site

    timeline = load_timeline(folder, on_progress=on_progress, use_cache=use_cache)
    pages = site_pages(timeline, synopsis_rounds=tuple(synopsis_rounds) if synopsis_rounds else None, on_progress=on_progress)
    write_site(pages, out_dir)
    return out_dir / "index.html"
