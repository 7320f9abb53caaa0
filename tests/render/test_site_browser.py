"""The negotiation report in a real browser (Debian's Chromium through Playwright)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_pages import browser_marks, launch_browser, open_page
from conftest import EXAMPLE, REPO
from history_factory import timeline

from treatydiff.formats.negotiation import load_negotiation
from treatydiff.render.site import build_site, site_pages
from treatydiff.render.site_folder import write_site

ACTUAL = REPO / "tests" / "actual"

pytestmark = browser_marks()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch_browser()


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """CLI runs cache comparisons; keep them out of the developer's ~/.cache."""
    monkeypatch.setenv("TREATYDIFF_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    if (EXAMPLE / "negotiation.yaml").exists():
        build_site(load_negotiation(EXAMPLE), out)
    else:
        write_site(site_pages(timeline()), out)
    return out


def test_index_opens_from_disk_without_errors_or_network(browser, site: Path) -> None:  # type: ignore[no-untyped-def]
    page, errors, requests = open_page(browser, site / "index.html")
    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests
    assert page.locator("svg[role=img]").count() == 4
    assert page.locator("svg rect.bar").count() > 0
    assert page.locator("table.provisions tbody tr").count() >= 3
    ACTUAL.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ACTUAL / "negotiation-report-index.png"), full_page=True)
    page.close()


def test_links_lead_to_round_and_provision_pages(browser, site: Path) -> None:  # type: ignore[no-untyped-def]
    page, errors, _ = open_page(browser, site / "index.html")
    page.locator("table.provisions tbody tr th a").first.click()
    page.wait_for_load_state()
    assert "/provisions/" in page.url
    assert page.locator("ol.entries > li").count() >= 2
    page.locator("ol.entries > li h2 a").first.click()  # the round's redline page
    page.wait_for_load_state()
    assert "/rounds/" in page.url
    page.go_back()
    page.locator("nav.site-nav a", has_text="Synopsis").click()
    page.wait_for_load_state()
    assert page.url.endswith("synopsis.html")
    assert page.locator("table.synopsis tbody tr").count() >= 3
    assert errors == []
    page.close()


def test_round_pages_open_without_errors_and_link_back(browser, site: Path) -> None:  # type: ignore[no-untyped-def]
    for round_page in sorted((site / "rounds").glob("*.html")):
        page, errors, _ = open_page(browser, round_page)
        assert errors == [], round_page.name
        assert page.locator('a[href="../index.html"]').count() >= 1
        page.close()


def test_print_hides_navigation(browser, site: Path) -> None:  # type: ignore[no-untyped-def]
    page, _, _ = open_page(browser, site / "index.html")
    page.emulate_media(media="print")
    assert not page.locator("nav.site-nav").is_visible()
    assert page.locator("table.provisions").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    page.close()
