"""The negotiation report's heat map and key issues (issue 13) come from the same view model as
`treatydiff positions`: one cell per provision and round, each with a colour band, a symbol and
a <title>; the key issues name the round and the words, as `positions -f json` does."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from conftest import EXAMPLE, run_cli


def _site(tmp_path: Path, *extra: str) -> str:
    result = run_cli("report", EXAMPLE, "-o", tmp_path / "site", *extra)
    assert result.exit_code == 0, result.stderr
    return (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def _positions(*extra: str) -> dict[str, object]:
    result = run_cli("positions", EXAMPLE, "-f", "json", *extra)
    assert result.exit_code == 0, result.stderr
    document: dict[str, object] = json.loads(result.stdout)
    return document


def test_the_heat_map_has_a_cell_per_provision_and_round_with_symbol_and_title(tmp_path: Path) -> None:
    page = _site(tmp_path, "--as", "AM")
    document = _positions("--as", "AM")
    provisions = document["provisions"]
    assert isinstance(provisions, list)
    cells = re.findall(r'<g class="heat-cell (heat-[a-z0-9-]+)"><title>([^<]*)</title><rect [^>]*/><text [^>]*>([^<]+)</text></g>', page)
    assert len(cells) == sum(len(p["cells"]) for p in provisions)
    expected = [(p["label"], c) for p in provisions for c in p["cells"]]
    marks = {"agreed": "A", "converged": "=", "open": "o", "absent": "·"}
    events = {"walk-back": "↩", "concession": "↘", "new-demand": "+"}
    for (css, title, symbol), (label, cell) in zip(cells, expected, strict=True):
        title = html.unescape(title)
        assert title.startswith(f"{label}, {cell['round']} (") and cell["state"] in title
        assert symbol == marks[cell["state"]] + "".join(events[e] for e in cell["events"])  # not colour alone
        assert all(e in title for e in cell["events"])
        if cell["state"] in ("agreed", "converged", "absent"):
            assert css == f"heat-{cell['state']}"
    assert 'role="img"' in page and 'aria-describedby="positions-heat-desc"' in page
    for words in ("agreed", "converged: the same words as the other side", "open, distance over 0.50", "walk-back", "concession", "new demand"):
        assert words in page, words


def test_the_key_issues_are_those_of_positions_with_round_and_words(tmp_path: Path) -> None:
    page = _site(tmp_path)
    issues = _positions()["key_issues"]
    assert isinstance(issues, list) and issues
    items = re.findall(r'<li class="key-issue ev-([a-z-]+)">(.*?)</li>', page, flags=re.S)
    assert [event for event, _ in items] == [i["event"] for i in issues]
    for (_, item), issue in zip(items, issues, strict=True):
        text = html.unescape(re.sub(r"<[^>]+>", "", item))
        assert issue["label"] in text and issue["round"] in text and issue["words"] in text
    # The seventh round's walk-backs are among them, linked to the round's page.
    assert any(i["round"] == "r7-az" and i["id"] == "art-transport" for i in issues)
    assert 'href="rounds/r7-az.html">r7-az</a>' in page


def test_the_report_with_heat_map_is_deterministic(tmp_path: Path) -> None:
    assert _site(tmp_path / "a") == _site(tmp_path / "b")
