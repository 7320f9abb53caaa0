"""Sentences that describe or state a consequence commit no one (issue 11), and the classes of
wording this round taught the rules.  Synthetic sentences, modelled on each class; each test
fails on the rules before the change it pins."""

from __future__ import annotations

from test_commitment_sentences import codes, run

OLD = "Armenia shall report on its stockpiles every year."


def test_an_adverb_between_the_duty_word_and_a_describing_verb_still_describes() -> None:
    # "will therefore apply", "will then represent": a prediction, as without the adverb.
    assert codes(OLD, OLD + " This Protocol will therefore apply to every stockpile, wherever it is held.") == []
    assert codes(OLD, OLD + " The reports will then represent the state of the stockpiles.") == []
    # "only" restricts, it does not describe: "may only be amended by …" is a rule.
    assert codes(OLD, OLD + " This Protocol may only be amended by a written instrument signed by both Parties.") == ["commitment-added"]


def test_a_negated_duty_word_stating_a_consequence_is_no_prohibition() -> None:
    old = OLD + " However, observers who were accredited under this Article will not have their accreditation withdrawn while they comply."
    assert codes(old, OLD) == []
    # A prohibition stays one: "may not be" forbids.
    forbid = OLD + " Azerbaijan may not be called upon to host more than two inspections a year."
    assert codes(forbid, OLD) == ["commitment-deleted"]


def test_a_joining_word_after_a_comma_is_no_part_of_an_item() -> None:
    from treatydiff.analysis.scope import _items

    # "transparent, complete, or accurate": the item is "accurate", so "accurate" kept in a
    # rewritten list is no item gone and another come.
    assert _items("transparent, complete, or accurate") == ["transparent", "complete", "accurate"]
    assert _items("timely, and complete") == ["timely", "complete"]


def test_a_duty_word_inside_an_indirect_question_binds_no_one() -> None:
    # "The extent to which X will …" and "whether X will …" ask; they commit X to nothing.
    gone = OLD + " The extent to which Azerbaijan will fully dismantle its stockpiles will turn on the aid it receives from donors."
    assert codes(gone, OLD) == []
    asked = OLD + " The review shall consider whether Armenia will reduce its stockpiles."
    # The review's own duty ("shall consider") still binds: one commitment, not two.
    found = run([("Article 1", OLD)], [("Article 1", asked)])
    assert [f.code for f in found] == ["commitment-added"]
    assert "a binding obligation" in found[0].explanation
    # Outside such a clause the same words commit.
    assert codes(OLD + " Azerbaijan will fully dismantle its stockpiles by 2030.", OLD) == ["commitment-deleted"]


def test_a_licence_notice_saying_where_the_licence_is_found_grants_nothing() -> None:
    grant = "The Licensor grants You a worldwide licence to copy the Work."
    notice = " You may obtain a copy of the Licence at https://example.org/licence-3.0 and nowhere else."
    assert codes(grant + notice, grant) == []
    # A permission to obtain something else is still a permission.
    assert codes(grant + " You may obtain a copy of the source code from the Licensor.", grant) == ["commitment-deleted"]


def test_once_that_counts_is_no_condition() -> None:
    old = "Each Party shall report every stockpile to the Commission."
    # "more than once", "at once": how often or how soon, not an event the duty waits on.
    assert codes(old, "Each Party shall report every stockpile to the Commission, but not more than once.") == []
    assert "condition-added" not in codes(old, "Each Party shall report every stockpile to the Commission at once.")
    # "once" opening a clause is a condition.
    assert codes(old, "Each Party shall report every stockpile to the Commission once the inspection is complete.") == ["condition-added"]


def test_a_subordinating_word_or_a_hedge_is_no_part_of_the_subject() -> None:
    from treatydiff.analysis.parties import subject_phrase

    text = "However, the Licensee may act on its own behalf, and only if the Licensee agrees to indemnify the Licensor"
    assert subject_phrase(text, text.index(" agrees to") + 1) == "the Licensee"
    text = "Some tools can be used for automated tasks, and often times several Users may direct a tool"
    assert subject_phrase(text, text.index(" may direct") + 1) == "several Users"
    text = "Armenia shall report"
    assert subject_phrase(text, text.index(" shall") + 1) == "Armenia"


def test_a_decision_turned_into_the_passive_voice_moves_nothing() -> None:
    active = "Encourages the regional commissions to support the efforts of Parties to clear the mines referred to in paragraph 2."
    passive = "The regional commissions are encouraged to support the efforts of Parties to clear the mines referred to in paragraph 2."
    assert codes(active, passive) == []
    assert codes(passive.replace("are encouraged", "are invited"), active.replace("Encourages", "Invites")) == []
    # A duty that became an encouragement is still weaker.
    duty = "The regional commissions shall support the efforts of Parties to clear the mines referred to in paragraph 2."
    assert "obligation-weakened" in codes(duty, passive)


def test_a_chosen_alternative_edited_on_the_way_in_is_read_as_an_edit() -> None:
    old = "In clearing mines, Parties [may draw on] [shall take into account] the guidance of the Commission."
    new = "In clearing mines, Parties should take into account the guidance of the Commission."
    found = run([("Article 1", old)], [("Article 1", new)])
    weakened = [f for f in found if f.code == "obligation-weakened"]
    assert [(f.old_words, f.new_words) for f in weakened] == [("shall", "should")]
    assert "brackets-closed" in [f.code for f in found]


def test_a_qualifier_inside_a_bracketed_commitment_adopted_whole_adds_nothing_to_it() -> None:
    whole = run([("Article 1", "[Parties shall, where appropriate, report on the mines they clear.]")],
                [("Article 1", "Parties shall, where appropriate, report on the mines they clear.")])
    assert [f.code for f in whole] == ["brackets-closed"]
    # Bracketed around the qualifier only, outside a duty that stood: the duty became qualified.
    part = run([("Article 1", "Parties shall[, where appropriate,] report on the mines they clear.")],
               [("Article 1", "Parties shall, where appropriate, report on the mines they clear.")])
    assert sorted(f.code for f in part) == ["brackets-closed", "qualifier-added"]
