"""A paragraph that opens with its own heading ("**Accounting**") is named by it: the only
paragraph of that name in an article, in each round, is one paragraph however much of it was
rewritten (a long bracketed set of options cut down to one agreed sentence).  Fixtures are ours;
the shape is that of the Paris drafts of December 2015."""

from __future__ import annotations

from treatydiff.diff.align import align_rounds
from treatydiff.diff.headings import headed
from treatydiff.model import CompareOptions, Provision, ProvisionKind, Round, RoundInfo

OFF = CompareOptions(analyse=False)
OPTIONS = (
    "**Reporting**[^4]\n"
    "**Option 1:** [Each coastal State shall report annually on its catch of every shared stock, by species, gear and month, "
    "using the formats adopted by the commission.]\n"
    "**Option 2:** [Coastal States in a position to do so should report every second year on the state of the stocks they fish.]\n"
    "**Option 3:** No provision on reporting."
)
AGREED = "**Reporting**\nWhat is sent to the commission, and when, follows the guidance the commission adopts."
OTHERS = (
    "**Scope**\nThis Article applies to the living resources of the shared waters.",
    "**Quotas**\nThe commission shall fix each year the total allowable catch of every shared stock and divide it among the coastal States.",
)


def _article(*texts: str) -> Provision:
    return Provision(id="a5", label="Article 5", text="", heading="Fisheries", paragraphs=tuple(
        Provision(id=f"a5-{k}", label=f"{k}.", text=t, kind=ProvisionKind.PARAGRAPH) for k, t in enumerate(texts, 1)))


def _round(label: str, article: Provision) -> Round:
    return Round(info=RoundInfo(label=label, derived_ids=True), provisions=(article,))


def _children(old: Round, new: Round) -> list[tuple[str | None, str | None]]:
    (pair,) = align_rounds(old, new, OFF)
    return [(p.old.label if p.old else None, p.new.label if p.new else None) for p in pair.paragraphs]


def test_a_rewritten_paragraph_keeps_its_heading_and_is_paired_by_it() -> None:
    # A new paragraph comes before it, so position does not pair them either.
    old = _round("old", _article(OTHERS[0], OPTIONS, OTHERS[1]))
    new = _round("new", _article(OTHERS[0], "**Cooperation**\nThe coastal States shall exchange the data they hold on the shared stocks.",
                                 AGREED, OTHERS[1]))
    assert ("2.", "3.") in _children(old, new)


def test_a_heading_two_paragraphs_bear_names_neither() -> None:
    old = _round("old", _article(OTHERS[0], OPTIONS, OTHERS[1]))
    new = _round("new", _article(OTHERS[0], "**Cooperation**\nThe coastal States shall exchange the data they hold on the shared stocks.",
                                 "**Reporting**\nThe commission shall publish on its website the summaries it prepares.",
                                 "**Reporting**\nThe secretariat shall keep every document for ten years.", OTHERS[1]))
    assert ("2.", None) in _children(old, new)


def test_an_option_marker_names_an_alternative_not_a_paragraph() -> None:
    paragraphs = _article("**Option 1:**\nThe secretariat shall translate every document.", AGREED, "Plain text without a heading.").paragraphs
    assert headed(paragraphs, {0, 1, 2}) == {1: "reporting"}
