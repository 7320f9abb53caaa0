"""The example negotiation's authored changes produce the findings listed in expected-findings.yaml."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
import yaml
from conftest import EXAMPLE

from treatydiff import load_negotiation
from treatydiff.model import ClausePair, Comparison, Direction
from treatydiff.pipeline import compare
from treatydiff.settings import Settings

EXPECTED_PATH = EXAMPLE / "expected-findings.yaml"



def _entries() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = yaml.safe_load(EXPECTED_PATH.read_text(encoding="utf-8"))
    return entries


_CACHE: dict[tuple[str, str], Comparison] = {}


def _comparison(old: str, new: str) -> Comparison:
    if (old, new) not in _CACHE:
        negotiation = load_negotiation(EXAMPLE)
        rounds = {r.name: r for r in negotiation.rounds}
        _CACHE[(old, new)] = compare(rounds[old], rounds[new], Settings.of(negotiation))
    return _CACHE[(old, new)]


def _provision_ids(comparison: Comparison) -> dict[str, set[str]]:
    """For each pair key: the ids on both sides, and those of the article it belongs to."""
    ids: dict[str, set[str]] = {}

    def visit(pair: ClausePair, inherited: set[str]) -> None:
        own = {p.id for p in (pair.old, pair.new) if p is not None}
        ids[pair.key] = own | inherited
        for child in pair.paragraphs:
            visit(child, own | inherited)

    for pair in comparison.pairs:
        visit(pair, set())
    return ids


def _findings_on(entry: dict[str, Any], *, own: bool = False) -> list[Any]:
    """Findings on the provision (and, unless ``own``, on its paragraphs)."""
    comparison = _comparison(entry["from"], entry["to"])
    ids = _provision_ids(comparison)
    keys = {p.key: {x.id for x in (p.old, p.new) if x is not None} for p in comparison.walk()}
    return [f for f in comparison.findings if entry["provision"] in (keys[f.pair_key] if own else ids[f.pair_key])]


def _params() -> list[Any]:
    params = []
    for entry in _entries():
        key = (entry["from"], entry["to"], entry["provision"], entry["code"])
        params.append(pytest.param(entry, id="{}>{}:{}:{}".format(*key)))
    return params


@pytest.mark.parametrize("entry", [p for p in _params() if p.values[0]["code"] != "none"])
def test_authored_change_is_found(entry: dict[str, Any]) -> None:
    found = _findings_on(entry)
    matching = [f for f in found if f.code == entry["code"]]
    assert matching, f"expected {entry['code']}; got {[(f.code, f.explanation) for f in found]}"
    party = entry.get("party")
    if party in ("AM", "AZ"):
        assert any(f.obligated == (party,) for f in matching), [(f.code, f.obligated) for f in matching]


def test_editorial_and_structural_changes_are_not_flagged() -> None:
    expected: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for entry in _entries():
        expected[(entry["from"], entry["to"], entry["provision"])].add(entry["code"])
    wrong = []
    for (old, new, provision), codes in sorted(expected.items()):
        if codes != {"none"}:
            continue
        for finding in _findings_on({"from": old, "to": new, "provision": provision}, own=True):
            if finding.direction != Direction.REVIEW:
                wrong.append((old, new, provision, finding.code, finding.explanation))
    assert not wrong


def test_every_regression_or_progress_finding_was_authored() -> None:
    expected: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for entry in _entries():
        expected[(entry["from"], entry["to"])].add((entry["provision"], entry["code"]))
    unexpected = []
    for (old, new), wanted in sorted(expected.items()):
        comparison = _comparison(old, new)
        ids = _provision_ids(comparison)
        for finding in comparison.findings:
            if finding.direction == Direction.REVIEW:
                continue
            if not any((pid, finding.code) in wanted for pid in ids[finding.pair_key]):
                unexpected.append((old, new, sorted(ids[finding.pair_key]), finding.code, finding.explanation))
    assert not unexpected
