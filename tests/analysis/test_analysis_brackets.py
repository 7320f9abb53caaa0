"""Brackets and options as negotiators count them."""

from __future__ import annotations

from treatydiff.analysis.brackets import (
    bracket_spans,
    changed_groups,
    groups,
    holds_place,
    spanning_brackets,
    tally,
)
from treatydiff.analysis.lexicon import load_lexicon
from treatydiff.model import BracketTally, Provision, ProvisionKind, Round, RoundInfo
from treatydiff.pipeline import compare

LEX = load_lexicon("en")


def test_nested_stacked_and_literal_brackets() -> None:
    text = "Parties [shall][should] act [within [30][60] days] \\[sic\\] [deleted]"
    assert len(bracket_spans(text)) == 6
    counted = tally(text, LEX.placeholders, LEX.options)
    assert counted == BracketTally(brackets=5, options=4)  # [deleted] is a placeholder; \[ \] are literal


def test_option_blocks_count_as_options() -> None:
    assert tally("Option 1: a\nOption 2: b", LEX.placeholders, LEX.options).options == 2


def test_stacked_alternatives_form_one_group() -> None:
    (group,) = groups("The Parties [shall][should] act.")
    assert group.text == "[shall][should]"


def test_opened_and_closed_between_rounds() -> None:
    closed, opened = changed_groups("[all] links and [roads]", "all links and [roads], [rail]")
    assert [g.text for g in closed] == []  # [all] went, [rail] came: one bracket edited, not one closed and one opened
    assert [g.text for g in opened] == []
    closed, opened = changed_groups("[all] links and [roads]", "all links and [roads]")
    assert [g.text for g in closed] == ["[all]"] and opened == []
    closed, opened = changed_groups("all links", "[all] links [now]")
    assert closed == [] and [g.text for g in opened] == ["[all]", "[now]"]


def _round(name: str, text: str) -> Round:
    return Round(RoundInfo(label=name), (Provision(id="a1", label="Article 1", text=text),), name=name)


def test_provision_tallies_count_each_provision_on_its_own() -> None:
    from treatydiff.analysis.brackets import provision_tallies

    lexicon = load_lexicon("en")
    round_ = Round(RoundInfo("R"), (
        Provision(id="a", label="Article 1", text="The Parties [shall][should] cooperate."),
        Provision(id="b", label="Article 2", text="Option 1: within 30 days\nOption 2: within 60 days"),
        Provision(id="c", label="Article 3", text="No brackets here."),
    ))
    tallies = provision_tallies(round_, lexicon.placeholders, lexicon.options)
    assert tallies == {"a": BracketTally(2, 2), "b": BracketTally(0, 2), "c": BracketTally(0, 0)}


def test_an_outer_bracket_removed_around_standing_brackets_is_closed() -> None:
    # The inner "[2023][2024]" still stands: it is the same disagreement, not a new one, and
    # cannot be an edit of the outer bracket that went.
    old = "[The CMA shall meet first in [2023][2024] and [yearly][every five years] thereafter.]"
    new = "The CMA shall meet first in [2023][2024] and every five years thereafter."
    closed, opened = changed_groups(old, new)
    assert [g.text for g in closed] == [old] and opened == []
    # Brackets put around text that held brackets: the outer one is opened (and the bracket
    # that went from "[every five years]" is closed).
    closed, opened = changed_groups(new.replace("every five years", "[every five years]"), f"[{new}]")
    assert [g.text for g in opened] == [f"[{new}]"] and [g.text for g in closed] == ["[every five years]"]


def test_an_inner_bracket_edited_as_its_outer_bracket_goes_is_no_new_bracket() -> None:
    old = "[Each Party shall report [as set out in Article 10] and [annually].]"
    new = "Each Party shall report [as set out in Article 10 of the Convention] and [annually]."
    closed, opened = changed_groups(old, new)
    assert [g.text for g in closed] == [old] and opened == []


def _article(name: str, *paragraphs: str) -> Round:
    parts = tuple(Provision(id=f"a1-p{i}", label=f"{i}.", text=t, kind=ProvisionKind.PARAGRAPH) for i, t in enumerate(paragraphs, 1))
    return Round(RoundInfo(label=name), (Provision(id="a1", label="Article 1", paragraphs=parts),), name=name)


def test_a_bracket_around_several_paragraphs_covers_those_between() -> None:
    first, middle, last = ("Option B:\n[Each Party shall report [annually] on its emissions.", "Each Party shall publish its inventory.",
                           "The secretariat shall compile the reports.]")
    spanning = _article("R", first, middle, last, "The Parties shall cooperate.")
    # From the "[" that opens a line (after the option's heading) to the "]" that ends paragraph 3.
    assert spanning_brackets(spanning) == {"a1-p1": (first.index("[Each"), len(first)), "a1-p2": (0, len(middle)), "a1-p3": (0, len(last))}
    # A "[" that nothing in the article closes, or one that does not open a line, spans nothing.
    assert spanning_brackets(_article("R", "[Each Party shall report.", "Each Party shall publish.")) == {}
    assert spanning_brackets(_article("R", "Each Party [shall report.", "Each Party shall publish.]")) == {}


def test_own_brackets_given_up_for_one_around_the_paragraphs_are_not_closed() -> None:
    old = _article("R1", "[Each Party shall report [annually] on its emissions.]", "[Each Party shall publish its inventory.]",
                   "[The secretariat shall compile the reports.]")
    new = _article("R2", "[Each Party shall report [annually] on its emissions.", "Each Party shall publish its inventory.",
                   "The secretariat shall compile the reports.]")
    findings = compare(old, new).findings
    assert [f.code for f in findings if f.code.startswith("brackets")] == []
    # Read alone, without the paragraphs around it, the middle paragraph lost its brackets.
    closed, _ = changed_groups("[Each Party shall publish its inventory.]", "Each Party shall publish its inventory.")
    assert [g.text for g in closed] == ["[Each Party shall publish its inventory.]"]


def test_a_bracket_in_a_paragraph_under_a_spanning_bracket_still_opens() -> None:
    old = _article("R1", "[Each Party shall report on its emissions.", "Each Party shall publish its inventory.",
                   "The secretariat shall compile the reports.]")
    new = _article("R2", "[Each Party shall report on its emissions.", "Each Party shall publish its inventory [annually].",
                   "The secretariat shall compile the reports.]")
    opened = [f.new_words for f in compare(old, new).findings if f.code == "brackets-opened"]
    assert opened == ["[annually]"]


def test_alternatives_put_off_behind_an_editors_mark_are_not_resolved() -> None:
    assert holds_place("###") and holds_place(" {insert name} ", LEX.placeholders) and holds_place("[…]", LEX.placeholders)
    assert not holds_place("national plans") and not holds_place("{the Parties}", LEX.placeholders)
    for mark in ("###", "{insert term}"):
        findings = compare(_round("R1", "Parties shall communicate their [national plans][contributions] every five years."),
                           _round("R2", f"Parties shall communicate their {mark} every five years.")).findings
        assert [f.code for f in findings if f.code.startswith("brackets")] == [], mark
    # Words in its place are a resolution, as before.
    findings = compare(_round("R1", "Parties shall communicate their [national plans][contributions] every five years."),
                       _round("R2", "Parties shall communicate their targets every five years.")).findings
    assert "brackets-closed" in [f.code for f in findings]


def test_a_bracketed_connector_settled_moves_no_position() -> None:
    for old, new in (("Parties shall report [and] publish their inventories.", "Parties shall report and publish their inventories."),
                     ("Parties shall report[,] publish and review their inventories.", "Parties shall report, publish and review their inventories.")):
        findings = compare(_round("R1", old), _round("R2", new)).findings
        assert [f.code for f in findings if f.code.startswith("brackets")] == [], old
    # A bracketed word that is more than a connector is still a resolution.
    findings = compare(_round("R1", "Parties shall report [annually] on their inventories."),
                       _round("R2", "Parties shall report annually on their inventories.")).findings
    assert "brackets-closed" in [f.code for f in findings]


def test_a_bracketed_proposal_settled_into_bracketed_items_opens_none() -> None:
    # The items of a bracketed option come back each under its own bracket: they were unagreed
    # before and still are, so no bracket is opened; the other option dropped is a closing.
    old = ("**Option 1:** [Each Party [shall][should] submit reports [to the secretariat].]\n\n"
           "**Option 2:** [Each Party shall submit complete, timely and transparent reports every two years.]")
    new = "Each Party shall submit [complete,] [timely] and [transparent] reports every two years."
    closed, opened = changed_groups(old, new)
    assert opened == [] and [g.text[:25] for g in closed] == ["[Each Party [shall][shoul", "[Each Party shall submit "]
    # Items whose words were not in brackets before are opened.
    _, opened = changed_groups("Each Party shall submit complete, timely reports.", "Each Party shall submit [complete,] [timely] reports.")
    assert [g.text for g in opened] == ["[complete,]", "[timely]"]


def test_brackets_found_once_are_given_afresh_to_every_caller() -> None:
    """A text's brackets are kept after the first reading: a caller changing the list it got
    changes nothing for the next, and placeholders given as a list read as the lexicon's tuple."""
    from treatydiff.analysis.brackets import unagreed_spans

    text = "Each Party [shall][should] report [deleted] [within [30] days]."
    first = bracket_spans(text)
    first.clear()
    assert bracket_spans(text) == bracket_spans(text + " ")[: len(bracket_spans(text))]
    assert len(bracket_spans(text)) == 5
    unagreed = unagreed_spans(text, LEX.placeholders)
    unagreed.pop()
    assert unagreed_spans(text, LEX.placeholders) == unagreed_spans(text, list(LEX.placeholders))
    assert len(unagreed_spans(text, LEX.placeholders)) == 4  # [deleted] holds a placeholder
