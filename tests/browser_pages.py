"""Debian's Chromium through Playwright for the browser tests: one launch and one way to open a
page from disk that records console errors and every request (a report must make none)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


def browser_marks() -> list[pytest.MarkDecorator]:
    """The marks of a browser test module: in CI a missing browser must fail, elsewhere it skips."""
    if not CHROMIUM.exists() and os.environ.get("CI") != "true":
        return [pytest.mark.browser, pytest.mark.skip(reason="/usr/bin/chromium is not installed")]
    return [pytest.mark.browser]


def launch_browser() -> Iterator[Any]:
    """The body of each module's ``browser`` fixture: Chromium launched once per module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield instance
        instance.close()


def open_page(browser: Any, path: Path) -> tuple[Any, list[str], list[str]]:
    """The page at ``path``, with the console errors and the request URLs it produces."""
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    return page, errors, requests
