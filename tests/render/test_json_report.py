"""JSON output: valid against the published schema, complete, deterministic."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

import jsonschema
import pytest
from conftest import REPO

from treatydiff.model import (
    BracketTally,
    ChangeKind,
    CompareOptions,
    Comparison,
    Direction,
    Finding,
    NegotiationInfo,
    Party,
    Provision,
    ProvisionKind,
    Round,
    RoundInfo,
    Span,
)
from treatydiff.pipeline import compare
from treatydiff.render import render

SCHEMA = json.loads((files("treatydiff") / "schemas" / "comparison.schema.json").read_text(encoding="utf-8"))


def _round(label: str, party: str, date: str, *texts: str) -> Round:
    articles = tuple(
        Provision(
            id=f"art-{n}",
            label=f"Article {n}",
            heading="Withdrawal" if n == 1 else None,
            paragraphs=tuple(
                Provision(id=f"art-{n}-p{k}", label=f"{k}.", text=t, kind=ProvisionKind.PARAGRAPH)
                for k, t in enumerate(text.split(" | "), 1)
            ),
        )
        for n, text in enumerate(texts, 1)
    )
    return Round(info=RoundInfo(label=label, party=party, date=date, derived_ids=True), provisions=articles, name=label.lower().replace(" ", ""))


OLD = _round(
    "Round 6", "AM", "2024-04-18",
    "Armed forces shall withdraw within thirty (30) days. | Observers may verify the withdrawal.",
    "The Parties shall open transport links through their territories.",
    "Each Party shall protect cultural heritage sites on its territory.",
)
NEW = _round(
    "Round 7", "AZ", "2024-06-02",
    "A new article on the exchange of detainees shall apply between the Parties from signature.",
    "Armed forces should withdraw within 30 days. | Observers may verify the withdrawal. | Ça va.",
    "The Parties shall open transport links through their territories.",
)


def _document(comparison: Comparison) -> dict[str, Any]:
    data = render(comparison, "json")
    assert data.endswith(b"\n")
    document: dict[str, Any] = json.loads(data)
    jsonschema.validate(document, SCHEMA)
    return document


def test_schema_is_a_valid_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_document_shape_and_direction() -> None:
    document = _document(compare(OLD, NEW, options=CompareOptions(analyse=False)))
    assert document["format_version"] == 1
    assert document["old"]["label"] == "Round 6" and document["old"]["party"] == "AM"
    assert document["new"]["label"] == "Round 7" and document["new"]["party"] == "AZ"
    assert document["findings"] == [] and document["negotiation"] is None
    pairs = document["pairs"]
    assert [p["key"] for p in pairs] == ["p1", "p2", "p3", "p4"]
    added, withdrawal, transport, heritage = pairs
    assert added["old"] is None and added["kinds"] == ["added"]
    assert withdrawal["old"] == {"id": "art-1", "label": "Article 1", "kind": "article", "heading": "Withdrawal", "notes": None}
    assert withdrawal["new"]["label"] == "Article 2"
    assert withdrawal["kinds"] == ["renumbered", "modified"]
    assert transport["kinds"] == ["renumbered"] and transport["similarity"] == 1.0
    assert heritage["new"] is None and heritage["kinds"] == ["deleted"]
    first = withdrawal["paragraphs"][0]
    assert first["key"] == "p2.1" and first["old_parent"] == "Article 1" and first["new_parent"] == "Article 2"
    ops = [(s["op"], s["text"]) for s in first["segments"] if s["op"] != "equal"]
    assert ("delete", "shall") in ops and ("insert", "should") in ops
    ignorable = [s for s in first["segments"] if s.get("ignorable")]
    assert [s["text"] for s in ignorable] == ["thirty (30)", "30"]
    assert withdrawal["paragraphs"][2]["segments"] == [{"op": "insert", "text": "Ça va."}]
    summary = document["summary"]
    assert summary["pairs"] == 4
    assert summary["kinds"]["renumbered"] == 2 and summary["kinds"]["added"] == 1 and summary["kinds"]["deleted"] == 1
    assert set(summary["kinds"]) == {k.value for k in ChangeKind}


def test_unicode_is_written_as_is_and_output_is_deterministic() -> None:
    comparison = compare(OLD, NEW, options=CompareOptions(analyse=False))
    first, second = render(comparison, "json"), render(comparison, "json")
    assert first == second
    assert "Ça va.".encode() in first


def test_findings_verdict_brackets_and_negotiation_are_serialised() -> None:
    base = compare(OLD, NEW, options=CompareOptions(analyse=False))
    finding = Finding(
        code="obligation-weakened", direction=Direction.REGRESSION, pair_key="p2.1", old_label="1.", new_label="1.",
        old_words="shall", new_words="should", rule="en.modal.shall>should", explanation="a binding obligation became a recommendation",
        obligated=("AM", "AZ"), favours=(), old_span=Span(12, 17), new_span=None,
    )
    comparison = Comparison(
        old_round=base.old_round, new_round=base.new_round, pairs=base.pairs, findings=(finding,), options=base.options,
        negotiation=NegotiationInfo(title="Example", parties=(Party("AM", "Armenia"), Party("AZ", "Azerbaijan")), illustrative=True),
        old_brackets=BracketTally(3, 1), new_brackets=BracketTally(1, 0),
    )
    document = _document(comparison)
    (item,) = document["findings"]
    assert item["code"] == "obligation-weakened" and item["direction"] == "regression"
    assert item["old_span"] == {"start": 12, "end": 17} and item["new_span"] is None
    assert item["obligated"] == ["AM", "AZ"]
    # The verdict is computed from the findings (views.parties), not echoed: an obligation of
    # both parties is in neither party's row.
    assert document["verdict"] == [{"party": "AM", "regressions": 0, "progress": 0, "review": 0},
                                   {"party": "AZ", "regressions": 0, "progress": 0, "review": 0},
                                   {"party": "ALL", "regressions": 1, "progress": 0, "review": 0}]
    assert document["by_party"]["shared_obligations"] == {"weakened": 1, "strengthened": 0, "for_review": 0}
    assert document["brackets"] == {"old": {"brackets": 3, "options": 1}, "new": {"brackets": 1, "options": 0}}
    assert document["negotiation"]["illustrative"] is True
    assert document["negotiation"]["parties"][0] == {"code": "AM", "name": "Armenia"}
    assert document["summary"]["regressions"] == 1


def test_schema_rejects_what_readers_would_not_expect() -> None:
    document = _document(compare(OLD, NEW, options=CompareOptions(analyse=False)))
    broken = json.loads(json.dumps(document))
    broken["pairs"][0]["kinds"] = ["rewritten"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)


def test_example_negotiation_validates() -> None:

    from treatydiff.usecases import compare_sources

    folder = REPO / "drafts" / "caucasus-peace"
    if not (folder / "negotiation.yaml").exists():
        pytest.skip("example negotiation not present")
    comparison = compare_sources("r5-az", "r6-am", negotiation_dir=folder)
    document = _document(comparison)
    assert document["negotiation"]["illustrative"] is True
    assert len(document["findings"]) == len(comparison.findings)


def test_each_pair_is_written_as_its_document_encodes() -> None:
    """The pairs are written without building their documents: the bytes must be those the
    document would encode to, whatever the text holds (quotes, controls, non-Latin, a note)."""
    from treatydiff.model import ClausePair, Op, Segment
    from treatydiff.render.json_report import _dumps, pair_document, pair_json

    awkward = 'say "no"\\ \t\x01\x1f\u2028 Ça — 条約 \U0001f600\n[^1] note'
    old = Provision(id="a-1", label="Article 1", text=awkward, heading='"H"', notes="[^1] \x7f")
    new = Provision(id="a-1", label="Article 1", text=awkward + "!", kind=ProvisionKind.ANNEX)
    child = ClausePair(key="p1.1", old=None, new=new, kinds=(ChangeKind.ADDED,), similarity=0.0,
                       segments=(Segment(Op.INSERT, awkward),), old_parent=None, new_parent="Article 1")
    pair = ClausePair(key="p1", old=old, new=new, kinds=(ChangeKind.MODIFIED, ChangeKind.MOVED), similarity=1 / 3,
                      segments=(Segment(Op.EQUAL, awkward), Segment(Op.INSERT, "!"), Segment(Op.DELETE, " ", ignorable=True)),
                      heading_segments=(Segment(Op.DELETE, '"H"'),), notes_segments=(Segment(Op.DELETE, "[^1] \x7f"),),
                      related=("Article 2", "Ça"), paragraphs=(child,), old_parent="Part I")
    for value in (pair, child):
        assert pair_json(value) == _dumps(pair_document(value))
    whole = compare(OLD, NEW)
    for value in whole.walk():
        assert pair_json(value) == _dumps(pair_document(value))
