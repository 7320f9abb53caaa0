"""Real drafts: Paris Agreement 9 Dec → 12 Dec 2015 and GitHub Terms of Service revisions.

The 12 Dec text renumbers every article of the 9 Dec draft (2bis → 3, 3 → 4, 3bis → 5, …,
26 → 29) while rewriting most of them; each article of the final text must be paired with its
predecessor and the renumbering reported.  (The 9 Dec file keeps the 4 Dec numbering and has
no Article 17 heading: its Article 17 text sits inside Article 16.)
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from treatydiff.importers import import_draft
from treatydiff.model import ChangeKind, CompareOptions, Comparison
from treatydiff.pipeline import compare
from treatydiff.render import render

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
PARIS = CORPORA / "paris_agreement_2015" / "markdown"
TOS = CORPORA / "github_terms_of_service"
pytestmark = [pytest.mark.corpora, pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is absent")]

# 12 Dec article → its 9 Dec predecessor, as the texts themselves show.
PARIS_PREDECESSORS = {
    "Article 1": "Article 1", "Article 2": "Article 2", "Article 3": "Article 2bis", "Article 4": "Article 3",
    "Article 5": "[Article 3bis]", "Article 6": "[Article 3ter]", "Article 7": "Article 4", "Article 8": "Article 5",
    "Article 9": "Article 6", "Article 10": "Article 7", "Article 11": "Article 8", "Article 12": "Article 8 bis",
    **{f"Article {n + 4}": f"Article {n}" for n in range(9, 17)},
    **{f"Article {n + 3}": f"Article {n}" for n in range(18, 27)},
}


def _compare(folder: Path, old: str, new: str) -> Comparison:
    return compare(import_draft(folder / old).round, import_draft(folder / new).round, options=CompareOptions(analyse=False))


@cache
def _paris() -> dict[str, Any]:
    comparison = _compare(PARIS, "v3_2015-12-09_draft-paris-outcome_agreement.md", "v4_2015-12-12_FCCC-CP-2015-L9-Rev1_agreement.md")
    document: dict[str, Any] = json.loads(render(comparison, "json"))
    return document


def _file(folder: Path, prefix: str) -> str:
    (found,) = [p.name for p in folder.glob(f"{prefix}_*.md")]
    return found


def test_every_final_article_is_paired_with_its_predecessor() -> None:
    pairs = {p["new"]["label"]: p for p in _paris()["pairs"] if p["new"] and p["new"]["label"].startswith("Article")}
    assert set(pairs) == set(PARIS_PREDECESSORS)
    for new_label, old_label in PARIS_PREDECESSORS.items():
        pair = pairs[new_label]
        assert pair["old"] is not None and pair["old"]["label"] == old_label, (new_label, pair["old"])
        if new_label.removeprefix("Article ") != old_label.strip("[]").removeprefix("Article ").replace(" ", ""):
            assert "renumbered" in pair["kinds"], new_label


def test_paris_renumbering_is_not_modification_on_its_own() -> None:
    pairs = {p["new"]["label"]: p for p in _paris()["pairs"] if p["new"]}
    # Article 8 bis (9 Dec) became Article 12 word for word
    assert pairs["Article 12"]["kinds"] == ["renumbered"]
    assert pairs["Article 12"]["similarity"] == 1.0


def test_paris_rebuilds_every_text() -> None:
    for pair in _paris()["pairs"]:
        for item in [pair, *pair["paragraphs"]]:
            old = "".join(s["text"] for s in item["segments"] if s["op"] != "insert")
            new = "".join(s["text"] for s in item["segments"] if s["op"] != "delete")
            if item["old"] is None:
                assert old == ""
            if item["new"] is None:
                assert new == ""


def test_github_tos_v01_v02_inserted_section_re_letters_the_rest() -> None:
    comparison = _compare(TOS, _file(TOS, "v01"), _file(TOS, "v02"))
    by_old = {p.old_label: p for p in comparison.pairs if p.old}
    assert [p.new_label for p in comparison.pairs if p.old is None] == ["E."]
    for old_letter, new_letter in zip("EFGHIJKLMNOPQR", "FGHIJKLMNOPQRS", strict=True):
        pair = by_old[f"{old_letter}."]
        assert pair.new_label == f"{new_letter}."
        assert ChangeKind.RENUMBERED in pair.kinds
    assert by_old["E."].kinds == (ChangeKind.RENUMBERED,)
    # D.2 and D.3 swapped places; the expanded D.2 is still found
    section_d = by_old["D."]
    moved = {(c.old_label, c.new_label) for c in section_d.paragraphs if c.old and c.new}
    assert ("2.", "3.") in moved and ("3.", "2.") in moved


def test_github_tos_v08_v09_removed_sections_re_letter_the_rest() -> None:
    comparison = _compare(TOS, _file(TOS, "v08"), _file(TOS, "v09"))
    by_old = {p.old_label: p for p in comparison.pairs if p.old}
    for old_letter, new_letter in zip("LMNOPQRS", "KLMNOPQR", strict=True):
        pair = by_old[f"{old_letter}."]
        assert pair.new_label == f"{new_letter}.", old_letter
        assert ChangeKind.RENUMBERED in pair.kinds
    assert by_old["J."].new is None and by_old["K."].new is None  # Third Party Applications, Advertising
    assert [p.new_label for p in comparison.pairs if p.old is None] == ["J."]  # Beta Previews
