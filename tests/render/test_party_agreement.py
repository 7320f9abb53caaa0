"""One per-party computation, everywhere: the terminal, the JSON, the HTML, the DOCX and the
negotiation report give each party the same figures, from :func:`treatydiff.views.parties.party_standing`,
and word them so that a loss never reads as a gain.

The example's last comparison is the case that was wrong: Article 7(3) drops "in accordance
with its national legislation" from an obligation of Azerbaijan, which strengthens it and
favours Armenia; the HTML said "Republic of Azerbaijan … +1 gained", and the terminal left out
every obligation of "the Parties".
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import EXAMPLE

from treatydiff.model import Comparison
from treatydiff.render import RenderOptions, render
from treatydiff.render.docx_redline import build_spec
from treatydiff.render.ooxml import Table
from treatydiff.render.site import site_pages
from treatydiff.usecases import compare_sources, load_timeline
from treatydiff.views.parties import TABLE_HEADER

# code -> (weakened, strengthened, for review, in its favour, against it); "*" the shared row
# (weakened, strengthened, for review, -, -)
Figures = dict[str, tuple[int, ...]]


def _json(comparison: Comparison) -> Figures:
    by_party = json.loads(render(comparison, "json"))["by_party"]
    found: Figures = {
        p["party"]: (p["obligations_weakened"], p["obligations_strengthened"], p["obligations_for_review"],
                     p["findings_in_favour"], p["findings_against"])
        for p in by_party["parties"]
    }
    shared = by_party["shared_obligations"]
    found["*"] = (shared["weakened"], shared["strengthened"], shared["for_review"])
    return found


_TERMINAL_PARTY = re.compile(r"^  (\w+) \(.*\): obligations weakened: (\d+)[^;]*; obligations strengthened: (\d+)[^;]*; "
                             r"for review: (\d+); findings in its favour: (\d+), against it: (\d+)$")
_TERMINAL_SHARED = re.compile(r"^  obligations of all the Parties \(favour no party\): weakened: (\d+); strengthened: (\d+); for review: (\d+)$")


def _terminal(comparison: Comparison) -> Figures:
    found: Figures = {}
    for line in render(comparison, "text").decode().splitlines():
        if match := _TERMINAL_PARTY.match(line):
            found[match[1]] = tuple(int(n) for n in match.groups()[1:])
        elif match := _TERMINAL_SHARED.match(line):
            found["*"] = tuple(int(n) for n in match.groups())
    return found


def _cells(cells: list[str]) -> tuple[int, ...]:
    return tuple(int(c.split()[0]) for c in cells if c.strip() and c != "–")


def _html_table(page: str) -> Figures:
    table = page[page.index('<table class="verdict">'):page.index("</table>", page.index('<table class="verdict">'))]
    found: Figures = {}
    for css, head, body in re.findall(r'<tr class="(party|shared)"><th scope="row">([^<]*)</th>(.*?)</tr>', table):
        code = re.search(r"\((\w+)\)$", head)[1] if css == "party" else "*"  # type: ignore[index]
        found[code] = _cells(re.findall(r"<td>([^<]*)</td>", body))
    return found


def _html(comparison: Comparison) -> Figures:
    return _html_table(render(comparison, "html").decode())


def _docx(comparison: Comparison) -> Figures:
    tables = [block for block in build_spec(comparison, RenderOptions()).front if isinstance(block, Table)]
    (table,) = [t for t in tables if t.rows[0] == TABLE_HEADER]
    found: Figures = {}
    for head, *cells in table.rows[1:-1]:
        code = m[1] if (m := re.search(r"\((\w+)\)$", head)) else "*"
        found[code] = _cells(cells)
    return found


@pytest.mark.parametrize(("old", "new"), [("r7-az", "r8-am"), ("r6-am", "r7-az"), ("r1-az", "r8-am")])
def test_every_output_gives_each_party_the_same_figures(old: str, new: str) -> None:
    comparison = compare_sources(old, new, negotiation_dir=EXAMPLE)
    expected = _json(comparison)
    assert set(expected) == {"AM", "AZ", "*"}
    for name, read in (("terminal", _terminal), ("html", _html), ("docx", _docx)):
        assert read(comparison) == expected, name


def test_a_strengthened_obligation_of_azerbaijan_is_worded_as_favouring_armenia() -> None:
    comparison = compare_sources("r7-az", "r8-am", negotiation_dir=EXAMPLE)
    document = json.loads(render(comparison, "json"))
    (art7,) = [f for f in document["findings"] if f["code"] == "qualifier-removed" and f["obligated"] == ["AZ"]]
    assert art7["favours"] == ["AM"]
    figures = _json(comparison)
    assert figures["AZ"][1] == 1 and figures["AZ"][4] == 1  # strengthened once, against it once
    assert figures["AM"][3] == 1  # in Armenia's favour
    page = render(comparison, "html").decode()
    assert "gained" not in page and " lost" not in page
    assert "<td>1 (favours AM)</td>" in page
    text = render(comparison, "text").decode()
    assert "AZ (Republic of Azerbaijan): obligations weakened: 0; obligations strengthened: 1 (favours AM)" in text
    # "the Parties" are in the terminal too: three shared obligations strengthened, one weakened
    assert "obligations of all the Parties (favour no party): weakened: 1; strengthened: 3; for review: 0" in text


def test_the_negotiation_report_gives_the_same_figures_as_its_comparisons() -> None:
    timeline = load_timeline(EXAMPLE, use_cache=False)
    pages = site_pages(timeline)
    index = pages["index.html"].decode()
    table = index[index.index('<table class="parties">'):index.index("</table>", index.index('<table class="parties">'))]
    site: Figures = {}
    for head, body in re.findall(r'<tr><th scope="row">([^<]*)</th>(.*?)</tr>', table):
        code = re.search(r"\((\w+)\)$", head)[1]  # type: ignore[index]
        cells = _cells(re.findall(r"<td>([^<]*)</td>", body))
        site[code] = cells[3:]  # after rounds proposed, regressions and progress in its rounds
    total = {code: [0] * 5 for code in site}
    for comparison, round_ in zip(timeline.comparisons, timeline.rounds[1:], strict=True):
        for code, figures in _json(comparison).items():
            if code != "*":
                total[code] = [a + b for a, b in zip(total[code], figures, strict=True)]
        # Each round's page is the compare report of that comparison, with the same table.
        assert _html_table(pages[f"rounds/{round_.name}.html"].decode()) == _json(comparison), round_.name
    assert site == {code: tuple(v) for code, v in total.items()}
