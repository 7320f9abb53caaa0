"""The example tells the story of issue 13: after rounds in which the sides converge, the
seventh round (an Azerbaijani proposal) walks back on key issues (reopens converged text,
withdraws a concession, adds a new demand) while conceding on others.  `positions` finds
exactly what drafts/caucasus-peace/expected-positions.yaml lists, and `--as AM` / `--as AZ`
read each change binding one party as a cost for one and a gain for the other.
"""

from __future__ import annotations

import json
from typing import Any

import yaml
from conftest import EXAMPLE, run_cli

EXPECTED = yaml.safe_load((EXAMPLE / "expected-positions.yaml").read_text(encoding="utf-8"))


def _json(*args: object) -> dict[str, Any]:
    result = run_cli(*args)
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def _round_events(document: dict[str, Any], round_name: str) -> dict[str, list[str]]:
    return {p["id"]: c["events"] for p in document["provisions"] for c in p["cells"] if c["round"] == round_name and c["events"]}


def test_positions_finds_exactly_the_authored_events_of_the_seventh_round() -> None:
    document = _json("positions", EXAMPLE, "-f", "json")
    assert _round_events(document, EXPECTED["round"]) == EXPECTED["events"]


def test_the_walk_backs_are_the_key_issues_of_the_seventh_round() -> None:
    document = _json("positions", EXAMPLE, "-f", "json", "--as", "AM")
    issues = {(i["id"], i["event"]) for i in document["key_issues"] if i["round"] == EXPECTED["round"]}
    wanted = {(pid, e) for pid, events in EXPECTED["events"].items() for e in events if e != "concession"}
    assert issues == wanted
    words = {i["id"]: i["words"] for i in document["key_issues"] if i["round"] == EXPECTED["round"]}
    assert "one month" in words["art-disputes"] and "six months" in words["art-disputes"]  # the concession withdrawn
    assert "The Republic of Armenia shall ensure that persons" in words["art-transport"]  # the new demand


def test_the_converged_articles_were_converged_before_the_seventh_round_reopened_them() -> None:
    document = _json("positions", EXAMPLE, "-f", "json")
    cells = {p["id"]: {c["round"]: c for c in p["cells"]} for p in document["provisions"]}
    for provision in ("art-transport", "art-missing"):
        assert cells[provision]["r6-am"]["state"] == "converged" and cells[provision]["r7-az"]["state"] == "open", provision
    # Article 13(3): Azerbaijan took Armenia's "six months" in r3-az (a concession) and withdraws it in r7-az.
    assert "concession" in cells["art-disputes"]["r3-az"]["events"]


def _effects(party: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    document = _json("compare", "--negotiation", EXAMPLE, "r6-am", "r7-az", "-f", "json", "--as", party)
    return {f["id"]: (f["perspective"]["effect"], tuple(f["obligated"])) for f in document["findings"]}


def test_as_am_and_as_az_read_each_change_of_one_party_s_obligation_oppositely() -> None:
    am, az = _effects("AM"), _effects("AZ")
    assert am.keys() == az.keys()
    opposite = {"cost": "gain", "gain": "cost", "neutral": "neutral"}
    for finding_id, (effect, obligated) in am.items():
        if len(obligated) == 1:  # the text says whose obligation it is
            assert az[finding_id][0] == opposite[effect] != "neutral", finding_id
        else:  # the Parties' obligation, or no one's: the text does not say whom it protects
            assert effect == az[finding_id][0] == "neutral", finding_id
    # The qualifier put back in 7(3) weakens Azerbaijan's transit obligation; the new 7(6) binds Armenia.
    by_code = {fid.split(".")[0] + "." + fid.split(".")[1]: fid for fid in am}
    for key in ("art-transport-3.qualifier-added", "art-transport-6.commitment-added"):
        assert am[by_code[key]][0] == "cost" and az[by_code[key]][0] == "gain", key
