"""The one adapter for Jinja2: a single environment for every HTML output.

Autoescape is on for everything and undefined names fail loudly (``StrictUndefined``):
treaty text is untrusted input, and a template that silently renders an empty string hides a
bug.  Templates are logic-free; view models compute classes, labels and links beforehand.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2
import markupsafe


def templates_dir() -> Path:
    """``treatydiff/templates`` in an installed wheel, else the repository's ``templates/``."""
    packaged = Path(str(files("treatydiff"))) / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "templates"


@cache
def environment() -> jinja2.Environment:
    from .negotiation_html import history_entries, redline_html

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # The views hold redline fragments, not HTML: these write them (see negotiation_html).
    env.filters["redline"] = redline_html
    env.filters["history_entries"] = history_entries
    return env


def render_template(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)


def trusted_html(html: str) -> str:
    """Mark HTML that treatydiff built itself (every untrusted part already escaped) as safe.

    For hot paths such as a 2,000-article redline, where one Jinja macro call per word run
    costs seconds; the caller escapes with :func:`html.escape` and this keeps autoescape from
    escaping it twice.
    """
    return markupsafe.Markup(html)


def read_asset(name: str) -> str:
    """An asset (CSS, JS) from the templates folder, to be inlined into a self-contained page."""
    return (templates_dir() / name).read_text(encoding="utf-8")


def standalone_negotiation_page(template: str, *, page_title: str, negotiation_title: str, illustrative: bool, **context: Any) -> bytes:
    """A negotiation-report page outside the site (``history -o x.html``, ``synopsis``):
    CSS inlined and no site navigation, so the one file opens anywhere."""
    return render_template(
        template,
        page_title=page_title,
        negotiation_title=negotiation_title,
        illustrative=illustrative,
        css_href="",
        inline_css=stylesheet("negotiation/negotiation.css"),
        home_href="",
        synopsis_href="",
        generator="treatydiff",
        **context,
    ).encode("utf-8")


def stylesheet(name: str) -> str:
    """A page's CSS with the shared design tokens first (templates/tokens.css)."""
    return read_asset("tokens.css") + read_asset(name)
