"""Renderers: one module per output format, all reading a :class:`Comparison`.

Each exposes ``render(comparison, options) -> bytes`` and is imported lazily, so producing
JSON never loads jinja2 or python-docx.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from ..errors import UsageError
from ..model import Comparison, Finding, Review

__all__ = ["FORMATS", "RenderOptions", "format_for_path", "render"]

FORMATS = ("text", "json", "html", "docx")
_EXTENSIONS = {".json": "json", ".html": "html", ".htm": "html", ".docx": "docx", ".txt": "text"}
_MODULES = {"text": "terminal", "json": "json_report", "html": "html", "docx": "docx_redline"}


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False  # ANSI colours in the terminal summary
    comments: bool = True  # DOCX: one Word comment per finding
    author: str | None = None  # DOCX: revision author (default: the newer round's party)
    static: bool = False  # DOCX: coloured runs instead of tracked changes
    side_by_side: bool = False  # HTML: start in side-by-side view
    back_href: str | None = None  # HTML: a link back to the negotiation report, first in the page
    perspective: str | None = None  # a party code: each finding also says what it means for that party
    # Review decisions (treatydiff.review.apply_reviews): the ids of the comparison's findings,
    # in order, their decisions, and the findings dismissed (shown apart, counted nowhere).
    ids: tuple[str, ...] = ()
    reviews: tuple[tuple[str, Review], ...] = ()
    dismissed: tuple[tuple[str, Finding], ...] = ()
    findings_appendix: bool = False  # DOCX of a Word draft: the findings as a table at the end
    revisions: str = "current"  # DOCX of a Word draft: which text of its own tracked changes was compared

    def finding_ids(self, comparison: Comparison) -> list[str]:
        from ..views.perspective import finding_ids

        return list(self.ids) if len(self.ids) == len(comparison.findings) else finding_ids(comparison)

    def review_of(self, finding_id: str) -> Review | None:
        return next((r for k, r in self.reviews if k == finding_id), None)


def format_for_path(path: Path) -> str:
    """The output format an ``-o`` file name asks for."""
    fmt = _EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise UsageError(
            f"cannot tell the output format from {path.name!r}",
            fix=f"end the file name in one of {', '.join(sorted(_EXTENSIONS))} or pass --format",
        )
    return fmt


def render(comparison: Comparison, fmt: str, options: RenderOptions | None = None) -> bytes:
    if fmt not in _MODULES:
        raise UsageError(f"unknown format {fmt!r}", fix=f"use one of {', '.join(FORMATS)}")
    module = import_module(f"{__name__}.{_MODULES[fmt]}")
    data: bytes = module.render(comparison, options or RenderOptions())
    return data
