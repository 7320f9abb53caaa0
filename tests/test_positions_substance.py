"""Positions move only on changes of substance (issue 13): an editorial edit, as the analysis
defines one, moves no position, fires no event and is no key issue, and the distances are
measured on the words as the analysis reads them.

A small negotiation of our own: Armenia's second round rewrites Azerbaijan's first one
editorially only (numbers written out, a spelling variant, reordered words, case,
punctuation, and a cross-reference that follows the renumbering of a new article it inserts);
Azerbaijan's third round changes one deadline.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import yaml
from conftest import EXAMPLE, run_cli

from treatydiff.model import Negotiation, Party, Provision, ProvisionKind, Round, RoundInfo
from treatydiff.pipeline import compare
from treatydiff.timeline.timeline import timeline_from_comparisons
from treatydiff.views.positions import (
    CONVERGED,
    NEW_DEMAND,
    WALK_BACK,
    PositionsView,
    positions_view,
)


def _para(pid: str, label: str, text: str) -> Provision:
    return Provision(id=pid, label=label, text=text, kind=ProvisionKind.PARAGRAPH)


def _round(n: int, party: str, provisions: list[Provision]) -> Round:
    return Round(info=RoundInfo(label=f"Round {n}", party=party, number=n), provisions=tuple(provisions), name=f"r{n}-{party.lower()}")


def _view() -> PositionsView:
    heritage = Provision(id="art-heritage", label="Article 1", text="The Parties shall cooperate on cultural heritage as set out in Article 2.")
    commission = Provision(id="art-commission", label="Article 2", heading="Commission", paragraphs=(
        _para("art-commission-1", "1.", "A joint commission shall meet within thirty (30) days of the signature."),
        _para("art-commission-2", "2.", "The Commission shall hold its meetings in Tbilisi and in Geneva, in turn."),
        _para("art-commission-3", "3.", "Each Party shall notify the Commission of any change of its Representatives."),
    ))
    diplomas = Provision(id="art-diplomas", label="Article 3", text="Each Party shall recognise the diplomas issued by the other Party.")
    r1 = _round(1, "AZ", [heritage, commission, diplomas])
    heritage2 = replace(heritage, text="The Parties shall cooperate on cultural heritage, as set out in Article 3.")
    returns = Provision(id="art-return", label="Article 2", text="Each Party shall return all cultural property within six months.")
    commission2 = replace(commission, label="Article 3", paragraphs=(
        _para("art-commission-1", "1.", "A joint commission shall meet within 30 days of the signature."),
        _para("art-commission-2", "2.", "The Commission shall hold its meetings in Geneva and in Tbilisi, in turn."),
        _para("art-commission-3", "3.", "Each Party shall notify the Commission of any change of its representatives"),
    ))
    diplomas2 = replace(diplomas, label="Article 4", text="Each Party shall recognize the diplomas issued by the other Party.")
    r2 = _round(2, "AM", [heritage2, returns, commission2, diplomas2])
    first = commission2.paragraphs[0]
    commission3 = replace(commission2, paragraphs=(replace(first, text=first.text.replace("30", "ninety")), *commission2.paragraphs[1:]))
    r3 = _round(3, "AZ", [heritage2, returns, commission3, diplomas2])
    negotiation = Negotiation(title="Heritage talks", parties=(Party("AZ", "Azerbaijan"), Party("AM", "Armenia")), rounds=(r1, r2, r3))
    rounds = negotiation.rounds
    return positions_view(timeline_from_comparisons(negotiation, tuple(compare(rounds[i], rounds[i + 1]) for i in range(len(rounds) - 1))))


def test_an_editorial_rewrite_moves_no_position() -> None:
    view = _view()
    cells = {p.id: p.cells for p in view.provisions}
    for provision in ("art-heritage", "art-commission", "art-diplomas"):
        second = cells[provision][1]
        assert (second.state, second.distance, second.events, second.words) == (CONVERGED, 0.0, (), ""), provision


def test_only_the_changes_of_substance_are_key_issues_and_they_name_their_words() -> None:
    view = _view()
    assert [(k.id, k.round, k.event) for k in view.key_issues] == [
        ("art-return", "r2-am", NEW_DEMAND),  # Armenia's new article: words Azerbaijan never proposed
        ("art-commission", "r3-az", WALK_BACK),  # "30 days", both had it, becomes "ninety days" (one word: no demand)
    ]
    words = view.key_issues[1].words
    assert "ninety" in words and "30" in words
    assert "Geneva" not in words and "representatives" not in words  # the editorial edits beside it are not named
    third = {p.id: p.cells[2] for p in view.provisions}["art-commission"]
    assert third.distance is not None and 0.0 < third.distance < 0.2  # two words of about forty changed


def test_the_example_s_key_issues_are_exactly_the_recorded_ones() -> None:
    expected = yaml.safe_load((EXAMPLE / "expected-positions.yaml").read_text(encoding="utf-8"))["key_issues"]
    result = run_cli("positions", EXAMPLE, "-f", "json")
    assert result.exit_code == 0, result.stderr
    issues = json.loads(result.stdout)["key_issues"]
    assert [[i["id"], i["round"], i["event"]] for i in issues] == expected
    assert all(i["words"] for i in issues)


def test_an_editorial_edit_of_the_example_is_no_event(tmp_path: Path) -> None:
    # CHANGES.md: r2-am "recognised" → "recognized", r3-az "thirty (30) days" → "30 days",
    # r6-am "this Agreement" → "this agreement": editorial only, so the cells are quiet.
    result = run_cli("positions", EXAMPLE, "-f", "json")
    cells = {p["id"]: {c["round"]: c for c in p["cells"]} for p in json.loads(result.stdout)["provisions"]}
    assert cells["preamble-2"]["r2-am"]["state"] == CONVERGED and cells["preamble-2"]["r2-am"]["events"] == []
    assert cells["art-delimitation"]["r3-az"]["events"] == []
    assert cells["art-disputes"]["r6-am"]["events"] == [] and cells["art-disputes"]["r6-am"]["state"] == CONVERGED
