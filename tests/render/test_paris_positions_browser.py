"""`positions` and the report's heat map on a multilateral negotiation (issue 13): a folder
built with `treatydiff init` / `add` from three Paris drafts, proposed by the ADP co-chairs
and the COP 21 presidency, authors who are no party.  The positions JSON has every round and
cell, the heat map opens in Chromium with a symbol and a title in every cell (colour is not
alone), and no one is listed as obligated by "Parties should …": the authors are not parties.

Skips (with the reason shown) when ../shared/corpora is absent; the drafts stay there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_pages import browser_marks, launch_browser, open_page
from conftest import CORPORA, requires_corpora, run_cli

PARIS = CORPORA / "paris_agreement_2015" / "markdown"
DRAFTS = (
    ("v2", "v2_2015-12-04_ADP-compilation_draft-agreement.md", "ADP-CO-CHAIRS", "co-chairs", "2015-12-04"),
    ("v3", "v3_2015-12-09_draft-paris-outcome_agreement.md", "COP21-PRES", "presidency", "2015-12-09"),
    ("v4", "v4_2015-12-12_FCCC-CP-2015-L9-Rev1_agreement.md", "COP21-PRES", "presidency", "2015-12-12"),
)
AUTHORS = ("ADP-CO-CHAIRS", "COP21-PRES")

pytestmark = [requires_corpora()]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not PARIS.is_dir():  # pragma: no cover - the module is skipped then
        pytest.skip(f"{PARIS} is absent")
    folder = tmp_path_factory.mktemp("paris") / "negotiation"
    assert run_cli("init", folder, "--title", "Paris Agreement negotiation").exit_code == 0
    for name, draft, author, role, date in DRAFTS:
        added = run_cli("add", folder, PARIS / draft, "--author", author, "--role", role, "--date", date, "--name", name)
        assert added.exit_code == 0, added.stderr
    return folder


@pytest.fixture(scope="module")
def positions(folder: Path) -> dict[str, Any]:
    result = run_cli("positions", folder, "-f", "json")
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


@pytest.fixture(scope="module")
def site(folder: Path) -> Path:
    out = folder.parent / "site"
    result = run_cli("report", folder, "-o", out)
    assert result.exit_code == 0, result.stderr
    return out


def test_the_positions_json_has_every_round_and_cell(positions: dict[str, Any]) -> None:
    assert positions["perspective"] is None and positions["rounds"] == ["v2", "v3", "v4"]
    assert len(positions["provisions"]) > 40
    for provision in positions["provisions"]:
        cells = provision["cells"]
        assert [c["round"] for c in cells] == ["v2", "v3", "v4"]
        assert cells[0]["events"] == [] and cells[0]["distance"] is None  # no other side before the first round
        assert all(c["distance"] is None or 0.0 <= c["distance"] <= 1.0 for c in cells)
    # The presidency's rounds are measured against the co-chairs' position: distances in v3 and v4.
    assert all(c["distance"] is not None for p in positions["provisions"] for c in p["cells"][1:] if c["state"] != "absent")
    assert positions["key_issues"] and all(i["round"] in ("v3", "v4") and i["words"] for i in positions["key_issues"])


def test_the_authors_are_sides_of_the_table_and_never_obligated(folder: Path) -> None:
    text = run_cli("positions", folder).stdout
    assert "ADP-CO-" in text and "COP21-P" in text
    result = run_cli("compare", "--negotiation", folder, "v3", "v4", "-f", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    should = [f for f in document["findings"] if "should" in f["old_words"] + f["new_words"]]
    assert should, "the drafts change duties worded with 'should'"
    assert all(f["obligated"] == [] and f["favours"] == [] for f in document["findings"])
    assert document["by_party"]["parties"] == []


def _in_chromium(test: Any) -> Any:
    for mark in browser_marks():
        test = mark(test)
    return test


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch_browser()


@_in_chromium
def test_the_heat_map_opens_in_chromium_with_symbols_titles_and_colours(browser, site: Path, positions: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    page, errors, requests = open_page(browser, site / "index.html")
    assert errors == [] and all(url.startswith("file://") for url in requests), requests
    heat = page.locator("#positions-heat svg")
    assert heat.is_visible()
    assert heat.get_attribute("role") == "img" and heat.get_attribute("aria-describedby") == "positions-heat-desc"
    cells = page.locator("#positions-heat g.heat-cell")
    assert cells.count() == sum(len(p["cells"]) for p in positions["provisions"])
    symbols = cells.locator("text").all_text_contents()
    assert all(s.strip()[:1] in "A=o·" for s in symbols)  # a symbol in every cell, not colour alone
    titles = cells.locator("title").all_text_contents()
    assert len(titles) == cells.count() and all(re.search(r", v[234] \((ADP-CO-CHAIRS|COP21-PRES)", t) for t in titles), titles[:3]
    bands = sorted({(c.get_attribute("class") or "").removeprefix("heat-cell ") for c in cells.all()})
    assert len(bands) >= 3, bands
    # Each band its colour, as well as the symbols ("alone", the first round, is grey like "absent").
    coloured = [band for band in bands if band != "heat-alone"]
    fills = {page.locator(f"#positions-heat g.{band} rect").first.evaluate("e => getComputedStyle(e).fill") for band in coloured}
    assert len(fills) == len(coloured) >= 3, coloured
    assert page.locator("#positions-heat .legend li").count() >= 8
    assert page.locator("ol.key-issues li.key-issue").count() == len(positions["key_issues"])
    page.close()


@_in_chromium
def test_no_one_is_listed_as_obligated_by_parties_should(browser, site: Path) -> None:  # type: ignore[no-untyped-def]
    for name in ("v3", "v4"):
        page, errors, _ = open_page(browser, site / "rounds" / f"{name}.html")
        assert errors == []
        body = " ".join((page.locator("body").text_content() or "").split())  # the findings list folds away
        assert "Parties should" in body, name  # findings on duties of "Parties should …" are there …
        assert page.locator(".finding-parties, .obligated").count() == 0, name  # … and obligate no one
        assert not any(f"Obligation of: {a}" in body or f"obligation of {a}" in body for a in AUTHORS), name
        page.close()
