"""Terminal summary: direction first, counts, inline redlines, findings, verdict; plain when piped."""

from __future__ import annotations

from treatydiff.model import (
    CompareOptions,
    Comparison,
    Direction,
    Finding,
    NegotiationInfo,
    Party,
    Provision,
    Round,
    RoundInfo,
)
from treatydiff.pipeline import compare
from treatydiff.render import RenderOptions, render

OLD = Round(
    info=RoundInfo(label="Round 6", party="AM", date="2024-04-18", derived_ids=True),
    provisions=(
        Provision(id="a1", label="Article 1", text="This Agreement establishes peace between the Parties."),
        Provision(id="a2", label="Article 2", text="Armed forces shall withdraw within thirty (30) days from the zone of contact."),
        Provision(id="a3", label="Article 3", text="The Parties shall open transport links through their territories."),
    ),
)
NEW = Round(
    info=RoundInfo(label="Round 7", party="AZ", date="2024-06-02", derived_ids=True),
    provisions=(
        Provision(id="a1", label="Article 1", text="This Agreement establishes peace between the Parties."),
        Provision(id="a2", label="Article 2", text="A new article on detainees shall apply between the Parties from signature."),
        Provision(id="a3", label="Article 3", text="Armed forces should withdraw within thirty (30) days from the zone of contact."),
        Provision(id="a4", label="Article 4", text="The Parties shall open transport links through their territories."),
    ),
)


def _text(comparison: Comparison, color: bool = False) -> str:
    return render(comparison, "text", RenderOptions(color=color)).decode("utf-8")


def test_header_states_direction_and_counts() -> None:
    text = _text(compare(OLD, NEW, options=CompareOptions(analyse=False)))
    lines = text.splitlines()
    assert lines[0] == "old: Round 6 (AM, 2024-04-18) → new: Round 7 (AZ, 2024-06-02)"
    assert lines[1] == "4 provisions: 1 modified, 2 renumbered, 1 added, 1 unchanged"
    assert "1 provision(s) only renumbered, text unchanged (not listed)" in text
    assert text.endswith("\n")


def test_changed_provision_line_and_plain_redline() -> None:
    text = _text(compare(OLD, NEW, options=CompareOptions(analyse=False)))
    assert "Article 2 → Article 3 [renumbered, modified]" in text
    assert "⟦-shall-⟧⟦+should+⟧" in text
    assert "Article 2 [added]" in text
    assert "Article 3 → Article 4" not in text  # renumbering alone is listed only as a count
    assert "\x1b[" not in text


def test_colour_only_when_asked() -> None:
    coloured = _text(compare(OLD, NEW, options=CompareOptions(analyse=False)), color=True)
    assert "\x1b[31;9mshall\x1b[0m" in coloured and "\x1b[32;4mshould\x1b[0m" in coloured
    assert "⟦-" not in coloured


def test_findings_regressions_first_and_verdict_per_party() -> None:
    base = compare(OLD, NEW, options=CompareOptions(analyse=False))
    progress = Finding("deadline-added", Direction.PROGRESS, "p3", "Article 2", "Article 3", "", "within 30 days", "r1", "a deadline was added")
    regression = Finding(
        "obligation-weakened", Direction.REGRESSION, "p3", "Article 2", "Article 3", "shall", "should", "r2",
        "a binding obligation became a recommendation", obligated=("AM",), favours=("AM",),
    )
    comparison = Comparison(
        old_round=base.old_round, new_round=base.new_round, pairs=base.pairs, findings=(progress, regression),
        negotiation=NegotiationInfo(title="Example peace talks", parties=(Party("AM", "Armenia"), Party("AZ", "Azerbaijan")), illustrative=True),
    )
    text = _text(comparison)
    assert text.splitlines()[0] == "Example peace talks"
    assert "ILLUSTRATIVE" in text
    # p3 is Article 2 renumbered Article 3: the citation says both (issue 17)
    assert text.index("REGRESSION Article 2 → Article 3: obligation-weakened") < text.index("PROGRESS Article 2 → Article 3: deadline-added")
    assert "obligation of AM; favours AM" in text
    # The per-party block words whom each count favours (views.parties), never a bare balance.
    assert "AM (Armenia): obligations weakened: 1 (favours AM); obligations strengthened: 0; for review: 0; findings in its favour: 1, against it: 0" in text
    assert "AZ (Azerbaijan): obligations weakened: 0; obligations strengthened: 0; for review: 0; findings in its favour: 0, against it: 1" in text
    assert "all findings, whoever they bind: 1 regression(s), 1 progress, 0 for review" in text


def test_long_unchanged_text_is_elided_around_the_change() -> None:
    body = " ".join(f"word{n}" for n in range(100))
    old = Round(info=RoundInfo(label="A"), provisions=(Provision(id="a", label="Article 1", text=f"{body} shall {body}"),))
    new = Round(info=RoundInfo(label="B"), provisions=(Provision(id="a", label="Article 1", text=f"{body} may {body}"),))
    text = _text(compare(old, new, options=CompareOptions(analyse=False)))
    assert "… word93 " in text and "word99 ⟦-shall-⟧⟦+may+⟧ word0" in text
    assert "word50" not in text


def test_identical_rounds() -> None:
    text = _text(compare(OLD, OLD, options=CompareOptions(analyse=False)))
    assert "3 provisions: 3 unchanged" in text
