"""``treatydiff positions``: where the sides stand on each provision, round by round (the use
case; the computation is :mod:`treatydiff.views.positions`)."""

from __future__ import annotations

from pathlib import Path

from .errors import UsageError
from .timeline.timeline import ProgressCallback


def positions_output(
    folder: Path,
    *,
    fmt: str = "text",
    as_party: str | None = None,
    on_progress: ProgressCallback | None = None,
    use_cache: bool = True,
) -> bytes:
    from .render.positions import FORMATS, render_positions
    from .review import resolve_perspective
    from .usecases_timeline import on_timeline
    from .views.positions import positions_view

    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} for positions", fix=f"use one of {', '.join(FORMATS)}")
    perspective = resolve_perspective(folder, as_party)
    view = on_timeline(folder, lambda timeline: positions_view(timeline, perspective), on_progress=on_progress, use_cache=use_cache)
    return render_positions(view, fmt)
