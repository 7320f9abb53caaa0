"""The positions page and the per-party table in a real browser (Debian's Chromium through
Playwright): they open from disk with no error and no request, and every coloured cell also
says its state in text, so the table reads in greyscale and to a screen reader."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_pages import browser_marks, launch_browser, open_page
from conftest import EXAMPLE, run_cli

pytestmark = browser_marks()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch_browser()


def test_the_positions_page_reads_without_colour(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "positions.html"
    assert run_cli("positions", EXAMPLE, "--as", "AM", "-o", out).exit_code == 0
    page, errors, requests = open_page(browser, out)
    assert errors == [] and all(url.startswith("file://") for url in requests), requests
    cells = page.locator("table.positions td.pos")
    assert cells.count() >= 8 * 17
    texts = cells.all_inner_texts()
    assert all(text.strip()[:1] in "A=o·" for text in texts)  # a symbol in every cell, not colour alone
    walk_back = page.locator("td.ev-walk-back").first
    assert "↩" in walk_back.inner_text() and "walk-back" in (walk_back.get_attribute("title") or "")
    assert page.locator("ol.key-issues li").count() >= 5
    page.close()


def test_the_per_party_table_shows_whom_each_count_favours(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r8.html"
    assert run_cli("compare", "--negotiation", EXAMPLE, "r7-az", "r8-am", "-o", out).exit_code == 0
    page, errors, _ = open_page(browser, out)
    assert errors == []
    row = page.locator("table.verdict tr.party", has_text="Republic of Azerbaijan")
    assert row.is_visible()
    assert "1 (favours AM)" in row.inner_text() and "gained" not in page.content()
    page.close()


def test_the_report_heat_map_reads_without_colour(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("report", EXAMPLE, "-o", tmp_path / "site", "--as", "AZ").exit_code == 0
    page, errors, requests = open_page(browser, tmp_path / "site" / "index.html")
    assert errors == [] and all(url.startswith("file://") for url in requests), requests
    heat = page.locator("#positions-heat svg")
    assert heat.is_visible()
    box = heat.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 300
    cells = page.locator("#positions-heat g.heat-cell")
    assert cells.count() == 24 * 8  # provisions (and the deleted Article 5) × rounds of the example
    symbols = cells.locator("text").all_text_contents()
    assert all(s.strip()[:1] in "A=o·" for s in symbols)  # a symbol in every cell, not colour alone
    titles = cells.locator("title").all_text_contents()
    assert len(titles) == cells.count() and all(", r" in t for t in titles)
    walk_back = page.locator("#positions-heat g.heat-cell", has_text="↩").first
    assert "walk-back" in walk_back.locator("title").text_content()  # type: ignore[operator]
    # The fills differ between bands (colour as well as the symbol).
    fills = {page.locator(f"#positions-heat g.{band} rect").first.evaluate("e => getComputedStyle(e).fill")
             for band in ("heat-agreed", "heat-converged", "heat-1")}
    assert len(fills) == 3
    assert page.locator("#positions-heat .legend li").count() >= 8
    assert page.locator("ol.key-issues li.key-issue").count() >= 10
    assert page.locator("ol.key-issues li", has_text="r7-az (AZ, us)").count() >= 5
    page.close()
