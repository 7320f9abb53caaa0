"""`treatydiff positions` (issue 13): provisions × rounds with the distance between the sides'
positions, the states agreed / converged / open and the events walk-back / concession /
new-demand, on the example (CHANGES.md says what each round did) and on a multilateral folder.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import CORPORA, EXAMPLE, requires_corpora, run_cli

from treatydiff.render.positions import positions_document, positions_json
from treatydiff.usecases import load_timeline
from treatydiff.views.positions import (
    CONCESSION,
    CONVERGED,
    NEW_DEMAND,
    WALK_BACK,
    Cell,
    KeyIssue,
    PositionsView,
    ProvisionPositions,
    positions_view,
)


def _document(*extra: str) -> dict[str, object]:
    result = run_cli("positions", EXAMPLE, "-f", "json", *extra)
    assert result.exit_code == 0, result.stderr
    document: dict[str, object] = json.loads(result.stdout)
    return document


def _cells(document: dict[str, object]) -> dict[str, dict[str, dict[str, object]]]:
    return {p["id"]: {c["round"]: c for c in p["cells"]} for p in document["provisions"]}  # type: ignore[union-attr,index]


def test_the_json_has_the_published_names() -> None:
    document = _document("--as", "AM")
    assert list(document) == ["perspective", "rounds", "provisions", "key_issues"]
    assert document["perspective"] == "AM"
    assert document["rounds"] == ["r1-az", "r2-am", "r3-az", "r4-am", "r5-az", "r6-am", "r7-az", "r8-am"]
    for provision in document["provisions"]:  # type: ignore[union-attr]
        assert set(provision) == {"id", "label", "cells"}
        for cell in provision["cells"]:
            assert set(cell) == {"round", "distance", "state", "events"}
            assert cell["state"] in ("agreed", "converged", "open", "absent")
            assert cell["distance"] is None or 0.0 <= cell["distance"] <= 1.0
    for issue in document["key_issues"]:  # type: ignore[union-attr]
        assert set(issue) == {"id", "label", "round", "event", "words"}


def test_the_seventh_round_walks_back_where_changes_md_says_it_does() -> None:
    cells = _cells(_document())
    # CHANGES.md, r6-am → r7-az: the second sentence of Article 6(2) deleted, the qualifier of
    # Article 7(3) put back, "upon request" added to Article 8(2), Article 11 weakened, Option 2
    # of Article 5 (Armenia's) dropped: each moves Azerbaijan's text away from Armenia's.
    for provision in ("art-diplomatic", "art-transport", "art-missing", "art-environment", "art-third-forces"):
        assert WALK_BACK in cells[provision]["r7-az"]["events"], provision
    # "upon request" and "where appropriate" are words Armenia never proposed.
    assert NEW_DEMAND in cells["art-missing"]["r7-az"]["events"]
    assert NEW_DEMAND in cells["art-environment"]["r7-az"]["events"]
    # r8-am takes Azerbaijan's r7 text of the preamble's sixth paragraph back: a concession.
    assert CONCESSION in cells["preamble-6"]["r8-am"]["events"]
    # Untouched since r1-az and taken as is: converged at distance 0, no event.
    first = cells["preamble-1"]
    assert first["r2-am"]["state"] == CONVERGED and first["r2-am"]["distance"] == 0.0 and first["r8-am"]["events"] == []
    # The state follows the status: Article 1 is agreed from r4-am on.
    assert [cells["art-borders"][r]["state"] for r in ("r4-am", "r8-am")] == ["agreed", "agreed"]


def test_key_issues_name_the_round_and_the_words() -> None:
    document = _document()
    issues = [i for i in document["key_issues"] if i["id"] == "art-missing" and i["round"] == "r7-az"]  # type: ignore[union-attr,index]
    assert {i["event"] for i in issues} >= {WALK_BACK, NEW_DEMAND}
    assert all("upon request" in i["words"] for i in issues)


def test_text_and_html_show_the_table_with_symbols(tmp_path: Path) -> None:
    text = run_cli("positions", EXAMPLE, "--as", "AZ").stdout
    assert "↩ walk-back, ↘ concession, + new demand" in text and "AZ (us)" in text and "AM (them)" in text
    assert "Key issues (" in text
    out = tmp_path / "positions.html"
    assert run_cli("positions", EXAMPLE, "-o", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert '<table class="positions">' in page and "ev-walk-back" in page and "↩" in page and "<link" not in page


def test_positions_are_deterministic() -> None:
    first = run_cli("positions", EXAMPLE, "-f", "json", "--no-cache").stdout
    assert first == run_cli("positions", EXAMPLE, "-f", "json").stdout


def test_the_json_is_what_the_generic_encoder_writes_byte_for_byte() -> None:
    """The JSON is written directly (the table has tens of thousands of cells); it must read as
    json.dumps(indent=1) writes it: on the example, and on strings that need escaping, empty
    lists and a distance of every kind."""
    view = positions_view(load_timeline(EXAMPLE, use_cache=False), "AM")
    assert positions_json(view) == json.dumps(positions_document(view), ensure_ascii=False, indent=1)
    odd = Cell('r "1"\\', None, "open", (), "")
    cells = (odd, Cell("r\n2", 0.0, "converged", (WALK_BACK, NEW_DEMAND), "+ x"), Cell("ré\u2028", 0.1234, "open", (CONCESSION,), ""))
    made = PositionsView("T", True, None, ("a", "ü\t"), ("AM", "AZ"),
                         (ProvisionPositions('art-"1"', "Art. 1 — «Ééé» \x01", cells), ProvisionPositions("p2", "", ())),
                         (KeyIssue("art-1", "Art. 1", "r\n2", WALK_BACK, '+ "words" \\ …', "AZ"),))
    for each in (made, PositionsView("T", False, "AZ", (), (), (), ())):
        assert positions_json(each) == json.dumps(positions_document(each), ensure_ascii=False, indent=1)


def test_a_bad_party_is_one_line_and_exit_2() -> None:
    result = run_cli("positions", EXAMPLE, "--as", "XX")
    assert result.exit_code == 2 and "--as 'XX' is not one of the parties (AM, AZ)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_view_takes_the_proposer_of_each_round_as_a_side() -> None:
    view = positions_view(load_timeline(EXAMPLE, use_cache=False))
    assert view.proposers == ("AZ", "AM", "AZ", "AM", "AZ", "AM", "AZ", "AM")
    assert all(len(p.cells) == len(view.rounds) for p in view.provisions)


PARIS = CORPORA / "paris_agreement_2015" / "markdown"


@requires_corpora()
def test_a_multilateral_negotiation_of_co_chairs_and_a_presidency(tmp_path: Path) -> None:
    folder = tmp_path / "paris"
    assert run_cli("init", folder, "--title", "Paris Agreement negotiation").exit_code == 0
    for name, draft, author, role, date in (
        ("v2", "v2_2015-12-04_ADP-compilation_draft-agreement.md", "ADP-CO-CHAIRS", "co-chairs", "2015-12-04"),
        ("v3", "v3_2015-12-09_draft-paris-outcome_agreement.md", "COP21-PRES", "presidency", "2015-12-09"),
        ("v4", "v4_2015-12-12_FCCC-CP-2015-L9-Rev1_agreement.md", "COP21-PRES", "presidency", "2015-12-12"),
    ):
        added = run_cli("add", folder, PARIS / draft, "--author", author, "--role", role, "--date", date, "--name", name)
        assert added.exit_code == 0, added.stderr
    result = run_cli("positions", folder, "-f", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["rounds"] == ["v2", "v3", "v4"] and document["provisions"]
    states = {c["state"] for p in document["provisions"] for c in p["cells"]}
    assert "open" in states
    # The presidency's second round measured against the co-chairs' position, not its own.
    assert any(c["distance"] is not None for p in document["provisions"] for c in p["cells"] if c["round"] == "v4")


def test_the_renumbering_read_from_links_is_the_analysis_renumbering() -> None:
    # The positions read each comparison's renumbering from its links and the rounds' labels,
    # without decoding the pairs; it must be the table the analysis builds from the pairs.
    from treatydiff.analysis.references import renumbering
    from treatydiff.views.position_texts import PositionTexts

    for use_cache in (False, True):
        timeline = load_timeline(EXAMPLE, use_cache=use_cache)
        texts = PositionTexts(timeline)
        for index in range(1, len(timeline.rounds)):
            tops = [p.id for p in timeline.rounds[index].provisions]
            pairs = [pair for pid in tops if (pair := timeline.pair_into(index, pid)) is not None]
            expected = renumbering(pair for pair in pairs if pair.new is not None and pair.new.id in set(tops))
            assert expected, index  # every round of the example renumbers something
            assert texts._renumbering(index) == expected, index
