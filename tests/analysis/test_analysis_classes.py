"""The classes of false and missed findings seen on real drafts, each on a text of our own.

An independent reading of real drafts found these classes (issue 11): markup counted as
brackets, bracket resolutions read as "one disagreement fewer", recitals and notes read as
commitments, conditions "added" to duties that did not exist before, scope words compared
across unrelated nouns, new prohibitions missed, chapeau edits read as definition changes,
and numbering read as changed figures.  Each test fails on the rules before that fix.
"""

from __future__ import annotations

import dataclasses

from treatydiff import Settings, compare
from treatydiff.analysis.brackets import bracket_spans, link_labels, tally
from treatydiff.model import (
    Finding,
    NegotiationInfo,
    Party,
    Provision,
    ProvisionKind,
    Round,
    RoundInfo,
)

PARTIES = (Party("AM", "Republic of Armenia", ("Armenia",)), Party("AZ", "Republic of Azerbaijan", ("Azerbaijan",)))


def _round(label: str, *provisions: Provision) -> Round:
    return Round(info=RoundInfo(label=label, language="en"), provisions=provisions)


def findings(old: str, new: str, *, kind: ProvisionKind = ProvisionKind.ARTICLE, label: str = "Article 1",
             heading: str | None = None) -> list[Finding]:
    a = _round("old", Provision(id="p", label=label, text=old, kind=kind, heading=heading))
    b = _round("new", Provision(id="p", label=label, text=new, kind=kind, heading=heading))
    return list(compare(a, b, Settings(negotiation=NegotiationInfo(title="t", parties=PARTIES))).findings)


def codes(old: str, new: str, **kwargs: object) -> list[str]:
    return sorted(f.code for f in findings(old, new, **kwargs))  # type: ignore[arg-type]


# --- what is a negotiation bracket ---------------------------------------------------------


def test_markdown_links_footnotes_blanks_and_placeholders_are_not_brackets() -> None:
    text = ("See the [published text](https://example.org/a) and the [decision][dec].[^2] "
            "Sign on [___] at [X], as in paragraph [14].\n[dec]: https://example.org/d")
    assert bracket_spans(text, link_labels([text])) == []
    assert tally(text, (), None, link_labels([text])).brackets == 0


def test_negotiation_brackets_stay_brackets() -> None:
    text = "Each Party [shall][should] act within [30] days; the Part[y] [ies] agree."
    assert len(bracket_spans(text, frozenset({"dec"}))) == 5
    # "[text][label]" is a link only when the draft defines the label.
    assert len(bracket_spans("[and maintain][successive] contributions")) == 2


def test_a_link_added_is_not_brackets_opened() -> None:
    found = codes("The Parties shall report.", "The Parties shall report, as [published][12dec].\n[12dec]: https://x.org")
    assert "brackets-opened" not in found


# --- how a bracket was resolved ----------------------------------------------------------


def test_the_weaker_alternative_chosen_is_a_weakening() -> None:
    found = findings("Each Party [shall][should] report annually.", "Each Party should report annually.")
    by_code = {f.code: f for f in found}
    assert "brackets-closed" in by_code and by_code["brackets-closed"].rule.endswith(".chosen")
    weakened = by_code["obligation-weakened"]
    assert (weakened.old_words, weakened.new_words) == ("shall", "should")
    assert "chosen over" in weakened.explanation


def test_the_stronger_alternative_chosen_is_only_a_closing() -> None:
    assert codes("Each Party [shall][should] report annually.", "Each Party shall report annually.") == ["brackets-closed"]


def test_an_adopted_qualifier_is_a_qualifier_added() -> None:
    found = findings("Each Party shall report [where appropriate] on its measures.", "Each Party shall report where appropriate on its measures.")
    assert sorted(f.code for f in found) == ["brackets-closed", "qualifier-added"]
    assert next(f for f in found if f.code == "brackets-closed").rule.endswith(".adopted")


def test_dropped_items_of_a_commitment_narrow_it() -> None:
    found = codes("Developed country Parties shall provide [new,] [additional,] financial resources.",
                  "Developed country Parties shall provide financial resources.")
    # One finding for the run of items, not one per bracket (changed on purpose: seven
    # dropped qualities of one noun are one narrowing a reader checks once).
    assert found.count("brackets-closed") == 2 and found.count("scope-narrowed") == 1


def test_a_dropped_proposed_commitment_is_deleted() -> None:
    found = codes("The Parties shall cooperate. [Each Party shall submit a report to the secretariat every year.]",
                  "The Parties shall cooperate.")
    assert "commitment-deleted" in found and "brackets-closed" in found


def test_a_proposed_commitment_replaced_by_other_words_is_deleted() -> None:
    # The bracketed sentence's words did not stay (another sentence stands in its place), so
    # the proposed duty is off the table, as when it is dropped.
    found = codes("Parties shall cooperate on training. [The committee shall keep every national plan in an open register.]",
                  "Parties shall cooperate on training. Parties are invited to share their plans with one another.")
    assert "commitment-deleted" in found


def test_a_proposed_prohibition_dropped_is_deleted() -> None:
    found = findings("The Parties shall cooperate. [Developed country Parties shall not impose any unilateral trade measure on other Parties.]",
                     "The Parties shall cooperate.")
    deleted = [f for f in found if f.code == "commitment-deleted"]
    assert len(deleted) == 1 and "a prohibition" in deleted[0].explanation


def test_a_proposed_recommendation_dropped_is_deleted_as_when_its_provision_goes() -> None:
    # The same reading as for a bracketed proposal deleted with its provision: a "should"
    # sentence off the table is a (soft) commitment gone; a prediction is not.
    assert "commitment-deleted" in codes("Parties shall cooperate. [Parties should fold climate risks into their development aid.]",
                                         "Parties shall cooperate.")
    assert "commitment-deleted" not in codes("Parties shall cooperate. [Their aid will be more effective in the coming years.]",
                                             "Parties shall cooperate.")


def test_a_proposed_prediction_replaced_is_no_commitment_deleted() -> None:
    found = codes("Parties shall cooperate on training. [The overall progress will be assessed from time to time in a review.]",
                  "Parties shall cooperate on training. Parties are invited to share their plans with one another.")
    assert "commitment-deleted" not in found


def _one_sided(old: str | None, new: str | None) -> list[str]:
    """Codes for a provision deleted (``new`` None) or added (``old`` None) whole."""
    keep = Provision(id="k", label="Article 1", text="The Parties shall cooperate.")
    a = _round("old", keep, *([Provision(id="p", label="Article 2", text=old)] if old is not None else []))
    b = _round("new", keep, *([Provision(id="p", label="Article 2", text=new)] if new is not None else []))
    return sorted(f.code for f in compare(a, b).findings)


def test_a_bracketed_proposal_deleted_with_its_provision_is_a_commitment_deleted() -> None:
    assert _one_sided("[Parties should fold climate risks into their development aid.]", None) == ["brackets-closed", "commitment-deleted"]
    # Added, it is new bracketed text and a commitment put on the table.
    assert _one_sided(None, "[Parties should fold climate risks into their development aid.]") == ["brackets-opened", "commitment-added"]
    # A clause stacked after it is no rival proposal: one commitment.
    assert _one_sided(None, "[The review shall inform Parties in updating their plans] [in accordance with this Agreement] "
                            "[and in the light of the best available science].") == ["brackets-opened", "commitment-added"]


def test_a_new_bracketed_proposal_that_binds_is_a_commitment_added() -> None:
    old = "**Option 1:** The Parties shall cooperate on early warning systems."
    new = ("**Option 1:** The Parties shall cooperate on early warning systems.\n\n"
           "**Option 2:** [Developed country Parties shall fund early warning systems in small island States.]")
    found = findings(old, new)
    added = [f for f in found if f.code == "commitment-added"]
    assert [f.rule for f in added] == ["en.brackets.proposed.commitment"]
    assert added[0].new_words.startswith("[Developed country Parties shall fund") and "not agreed yet" in added[0].explanation
    # The new option block is the proposal, not alternatives reopened.
    assert "en.options.opened" not in [f.rule for f in found]
    # Clean words put in brackets still reopen them; so do new alternatives and a bracketed clause.
    assert "brackets-opened" in codes("The Parties shall cooperate on early warning systems.",
                                      "[The Parties shall cooperate on early warning systems.]")
    assert codes("The Parties shall report on adaptation.",
                 "The Parties shall report on adaptation.\n\n[A new body should review the reports] [Existing bodies should review the reports]") == ["brackets-opened"]
    assert "commitment-added" not in codes("The Parties shall report on adaptation.",
                                           "The Parties shall report on adaptation [, and the secretariat shall publish the reports on its website].")


def test_a_bracketed_indirect_question_binds_no_one() -> None:
    assert _one_sided("[The extent to which small Parties can participate in the review will depend on the support received.]", None) == ["brackets-closed"]


# --- text that binds no one ---------------------------------------------------------------


def test_a_recital_deleted_is_no_commitment() -> None:
    found = codes("*Noting* that emissions will grow and Parties shall act,", "", kind=ProvisionKind.PREAMBLE, label="Preamble, para 9")
    assert found == []


def test_a_bracketed_recital_still_counts_its_brackets() -> None:
    assert codes("Recognizing the need to act,", "[Recognizing the urgent need to act,]", kind=ProvisionKind.PREAMBLE) == ["brackets-opened"]


def test_words_bracketed_inside_a_recital_settle_no_position() -> None:
    # A recital binds no one: the words bracketed inside it, adopted, dropped or chosen, move no
    # position, and a bracketed recital deleted is a recital deleted.  The round's tally still
    # counts them (an unagreed recital is still unagreed).
    old = "*Recalling* [the principles of the Convention [and its provisions]] and [the needs of [all] Parties],"
    new = "*Recalling* the principles of the Convention and the needs of Parties,"
    assert codes(old, new, kind=ProvisionKind.PREAMBLE, label="Preamble, para 4") == []
    assert codes("[*Acknowledging* that a price on carbon is one approach,]", "", kind=ProvisionKind.PREAMBLE, label="Preamble, para 17") == []
    a = _round("old", Provision(id="p", label="Preamble, para 4", text=old, kind=ProvisionKind.PREAMBLE))
    b = _round("new", Provision(id="p", label="Preamble, para 4", text=new, kind=ProvisionKind.PREAMBLE))
    assert compare(a, b).old_brackets.brackets == 4


def test_a_whole_bracketed_recital_agreed_is_a_closing() -> None:
    assert codes("[Reaffirming their commitment to the rights of minorities,]", "Reaffirming their commitment to the rights of minorities,",
                 kind=ProvisionKind.PREAMBLE) == ["brackets-closed"]


def test_the_paragraphs_of_a_bills_findings_bind_no_one() -> None:
    def section(*paragraphs: str) -> Provision:
        return Provision(id="s1", label="Section 1", heading="FINDINGS", text="Congress finds the following:", kind=ProvisionKind.SECTION,
                         paragraphs=tuple(Provision(id=f"s1.{i}", label=f"({i})", text=t, kind=ProvisionKind.PARAGRAPH)
                                          for i, t in enumerate(paragraphs, 1)))
    old = section("The coastal levees were built in 1950.")
    new = section("The coastal levees were built in 1950.", "Flooding that must be prevented has grown every year.",
                  "The State shall always bear part of the cost of such works.")
    assert compare(_round("old", old), _round("new", new)).findings == ()
    # Headed otherwise, the same paragraphs bind.
    operative = [dataclasses.replace(s, heading="LEVEES") for s in (old, new)]
    assert "commitment-added" in {f.code for f in compare(_round("old", operative[0]), _round("new", operative[1])).findings}


def test_an_editors_note_is_no_commitment() -> None:
    assert codes("Note: a joint submission was received and it will be considered.", "") == []


def test_a_summary_binds_no_one() -> None:
    assert codes("You must keep your password safe.", "", label="Summary") == []
    assert codes("You must keep your password safe.", "", heading="Summary", label="A.") == []


def test_differentiation_added_to_a_duty_is_a_qualifier() -> None:
    # Each Party measuring its own duty ("in a nationally determined manner", "in light of
    # national circumstances", with or without "the") hedges it.
    for hedge in ("in a nationally determined manner", "in light of their national circumstances"):
        found = codes("All Parties shall report on their adaptation plans every year.",
                      f"All Parties shall report on their adaptation plans every year, {hedge}.")
        assert found == ["qualifier-added"], hedge


# --- conditions and qualifiers attach to a commitment that existed before -----------------


def test_a_new_sentence_that_opens_with_if_is_a_new_commitment_not_a_condition() -> None:
    found = codes("You may upload content.",
                  "You may upload content. If you upload content you did not create, you shall ensure that it is licensed to us.")
    assert "condition-added" not in found and "commitment-added" in found


def test_a_condition_added_to_an_existing_duty_is_still_found() -> None:
    assert "condition-added" in codes("Each Party shall withdraw its forces.", "Each Party shall withdraw its forces, provided that the other does so.")


def test_encouragement_for_a_new_subject_weakens_no_existing_duty() -> None:
    found = codes("Developed country Parties shall provide finance.",
                  "Developed country Parties shall provide finance. Other Parties are encouraged to do so voluntarily.")
    assert "obligation-weakened" not in found


# --- scope words qualify the noun after them ----------------------------------------------


def test_all_removed_before_the_same_forces_narrows_the_scope() -> None:
    assert "scope-narrowed" in codes("Each Party shall withdraw all armed forces from the zone.", "Each Party shall withdraw armed forces from the zone.")


def test_all_replaced_by_the_keeps_the_scope() -> None:
    assert codes("For the purposes of this Agreement, all definitions of the Convention apply.",
                 "For the purposes of this Agreement, the definitions of the Convention apply.") == []


def test_scope_words_before_different_nouns_are_not_compared() -> None:
    found = codes("You shall comply with any applicable rules.", "You shall comply with specific product terms.")
    assert "scope-narrowed" not in found


# --- prohibitions are commitments ---------------------------------------------------------


def test_a_new_prohibition_sentence_is_a_commitment_added() -> None:
    found = findings("You may use the Service.", "You may use the Service. You may not use the Service in violation of export control laws.")
    added = [f for f in found if f.code == "commitment-added"]
    assert added and "prohibition" in added[0].explanation


# --- definitions and numbering ------------------------------------------------------------


def test_a_chapeau_edit_is_not_a_definition_change() -> None:
    assert codes('For the purposes of this Agreement: "Party" means a State.', 'For the purpose of this Agreement: "Party" means a State.') == []


def test_a_definition_change_is_still_found() -> None:
    assert codes('For the purposes of this Agreement: "Party" means a State.', 'For the purposes of this Agreement: "Party" means a State or an organization.') == ["definition-changed"]


def test_option_numbers_and_reference_lists_are_not_figures() -> None:
    assert "number-changed" not in codes("Option 2: The Parties shall act as set out in paragraphs 7 and 8.",
                                         "Option 3: The Parties shall act as set out in paragraphs 7 and 9.")
    assert "number-changed" in codes("The Parties shall plant 40 trees.", "The Parties shall plant 60 trees.")


def test_a_summary_line_does_not_silence_the_operative_text_after_it() -> None:
    old = "**Short version:** *Be nice.*\nYou shall not harass other users."
    assert "commitment-deleted" in codes(old, "**Short version:** *Be nice.*")
    assert codes("**Short version:** *Be nice.*", "**Short version:** *Be very nice.*") == []


def test_a_reference_that_follows_a_paragraph_renumbering_is_no_change() -> None:
    def article(number: str, *paragraphs: tuple[str, str]) -> Provision:
        return Provision(id=f"a{number}", label=f"Article {number}", text="",
                         paragraphs=tuple(Provision(id=f"a{number}-{n}", label=f"{n}.", text=t, kind=ProvisionKind.PARAGRAPH) for n, t in paragraphs))
    intro = "Each Party shall report on the measures it takes to meet its targets under this Agreement."
    rule = "The information referred to in paragraph 2 shall be reviewed by experts every two years."
    old = _round("old", article("9", ("1", "The Parties shall cooperate on transparency."), ("2", intro), ("3", rule)))
    new = _round("new", article("13", ("1", "The Parties shall cooperate on transparency."), ("1bis", "A new enhanced framework is established for action and support."),
                                ("3", intro), ("4", rule.replace("paragraph 2", "paragraph 3"))))
    found = compare(old, new, Settings(negotiation=NegotiationInfo(title="t", parties=PARTIES))).findings
    assert "reference-changed" not in [f.code for f in found]


# --- quantities and frequencies -----------------------------------------------------------


def test_a_floor_lowered_is_a_weakening_and_a_ceiling_lowered_a_strengthening() -> None:
    weakened = findings("Each Party shall withdraw its forces at least 5 km from the line.", "Each Party shall withdraw its forces at least 3 km from the line.")
    assert [f.code for f in weakened] == ["obligation-weakened"] and weakened[0].rule == "en.bound.floor.looser"
    assert codes("Each Party shall deploy no more than 500 troops.", "Each Party shall deploy no more than 300 troops.") == ["obligation-strengthened"]


def test_a_duty_asked_less_often_is_weakened() -> None:
    assert codes("Each Party shall report annually to the Commission.", "Each Party shall report every three years to the Commission.") == ["obligation-weakened"]


def test_deciding_became_considering() -> None:
    assert "obligation-weakened" in codes("The CMA shall decide on common time frames.", "The CMA shall consider common time frames.")
    assert "obligation-weakened" in codes("The Parties shall take all necessary measures to protect it.", "The Parties shall take appropriate measures to protect it.")


# --- explanations name the subject as a noun phrase --------------------------------------


def test_the_subject_is_a_noun_phrase_without_markup() -> None:
    from treatydiff.analysis.parties import subject_phrase

    cases = {"] Parties shall act": "Parties", "[The [CMA][CMP] shall decide": "the CMA or CMP",
             "Ambition** Each Party shall report": "each Party", "b) You must give notice": "You",
             "You agree that you will not violate it": "you", "There shall be a stocktake": ""}
    for text, expected in cases.items():
        modal = next(text.index(w) for w in ("shall", "must", "will") if w in text)
        assert subject_phrase(text, modal) == expected, text
