"""Licence and terms-of-service wording (issue 11): disclaimers, unquoted defined terms and
describing verbs that end like adverbs.  Synthetic sentences written for each class; each
positive case fails on the rules before the change it pins, each guard keeps a false reading out."""

from __future__ import annotations

from test_commitment_sentences import codes, run

GRANT = "The Licensor grants You a worldwide licence to copy the Work."


def _found(old: str, new: str) -> list[tuple[str, str, str]]:
    return sorted((f.code, f.direction.value, (f.old_words or f.new_words).strip(" ,;")) for f in run([("Section 7", old)], [("Section 7", new)]))


def test_an_item_gone_from_a_liability_disclaimer_widens_the_licensees_position() -> None:
    old = ("In no event shall the Licensor be liable to You for any direct, indirect, incidental or consequential damages "
           "arising out of the use of the Work.")
    new = "In no event shall the Licensor be liable to You for any indirect, incidental or consequential damages arising out of the use of the Work."
    # "direct" no longer excluded: the Licensor answers for direct damages.
    assert _found(old, new) == [("scope-widened", "progress", "direct")]
    # And the other way round: one more kind of damages excluded narrows the licensee's position.
    assert _found(new, old) == [("scope-narrowed", "regression", "direct")]
    found = run([("Section 7", new)], [("Section 7", old)])
    assert "what a disclaimer excludes" in found[0].explanation and found[0].rule == "en.scope.disclaimer-item-added"


def test_an_item_gone_from_a_warranty_disclaimer_in_capitals_is_read_the_same_way() -> None:
    old = ("THE WORK IS PROVIDED WITHOUT WARRANTY OF ANY KIND, AND THE LICENSOR SHALL NOT BE LIABLE FOR LOST PROFITS, "
           "LOSS OF DATA, OR LOSS OF GOODWILL.")
    new = "THE WORK IS PROVIDED WITHOUT WARRANTY OF ANY KIND, AND THE LICENSOR SHALL NOT BE LIABLE FOR LOST PROFITS, OR LOSS OF GOODWILL."
    assert [c for c, d, _ in _found(old, new)] == ["scope-widened"]


def test_a_list_outside_a_disclaimer_keeps_its_direction() -> None:
    # A prohibition's list: an item gone forbids less (the duty covers less).
    old = "You must not remove or alter any copyright, patent, or trademark notices, or disclaimers of warranty contained in the Work."
    new = "You must not remove or alter any copyright, or trademark notices, or disclaimers of warranty contained in the Work."
    assert [(c, d) for c, d, _ in _found(old, new)] == [("scope-narrowed", "regression")]
    # A grant's list: an act added widens the grant.
    old_grant = "The Licensor grants You a licence to copy, modify and distribute the Work."
    new_grant = "The Licensor grants You a licence to copy, modify, sublicense and distribute the Work."
    assert [(c, d) for c, d, _ in _found(old_grant, new_grant)] == [("scope-widened", "progress")]


def test_words_that_limit_a_disclaimer_are_not_an_item_it_excludes() -> None:
    old = "The Work is provided without warranty of any kind, express or implied."
    new = "The Work is provided, to the extent permitted by applicable law, without warranty of any kind, express or implied."
    assert all(r != "en.scope.disclaimer-item-added" for r in (f.rule for f in run([("Section 7", old)], [("Section 7", new)])))


def test_a_licence_term_defined_without_quotes_binds_no_one() -> None:
    # Creative Commons 4.0 style: "Share means …" is a definition, whatever modal it holds.
    definition = ("Share means to provide the Work to the public by any means, including in ways that members of the public "
                  "may access the Work from a place individually chosen by them.")
    assert codes(GRANT, f"{GRANT} {definition}") == []
    # A sentence that opens with capitals but no defined term still commits.
    assert codes(GRANT, f"{GRANT} By using automated means to access the Work, You may copy it only once a day.") == ["commitment-added"]


def test_a_glossary_term_set_off_by_a_colon_is_a_definition() -> None:
    # "Term: means …" (a glossary of defined terms): its changes are a definition changed, not
    # a scope moved, and its "shall" or "any" binds no one.
    old = "Licensed Code: means all the source files that the Owner publishes with this Licence."
    new = "Licensed Code: means the source files that the Owner publishes with this Licence and any updates of them."
    found = run([("Article 1", old)], [("Article 1", new)])
    assert [f.code for f in found] == ["definition-changed"]
    # The plural form a licence writes for several holders: "Licensee(s): mean(s) …".
    assert codes(GRANT, f"{GRANT} Licensee(s): mean(s) whoever shall have accepted this Licence.") == []
    # A colon after capitals that is no definition still commits.
    assert codes(GRANT, f"{GRANT} Important: You must keep this notice with every copy.") == ["commitment-added"]


def test_a_condition_word_inside_a_definition_conditions_no_duty() -> None:
    # "once" gone from what a term means changes the definition, no duty's condition.
    kept = "The Licensee shall keep every Plugin under this Licence."
    old = f"{kept}\nPlugin: means a set of files that, once compiled, adds features to the Program."
    new = f"{kept}\nPlugin: means a set of files that adds features to the Program."
    assert sorted(f.code for f in run([("Article 1", old)], [("Article 1", new)])) == ["definition-changed"]
    # The same word gone from a duty still lifts a condition.
    duty = "The Licensee shall, once the Program is compiled, publish its source files."
    assert codes(duty, duty.replace(", once the Program is compiled,", "")) == ["condition-removed"]


def test_a_condition_that_limits_a_new_alternative_sets_no_condition_on_the_duty() -> None:
    old = "The Licensee must distribute the Plugin under this Licence; and"
    new = "The Licensee must distribute the Plugin under this Licence, or if the Plugin is sold separately, under the Owner's terms."
    # The duty gained an alternative; its "if" limits the alternative, not the duty.
    assert "condition-added" not in codes(old, new)
    # The diff may open the added words a word early: the "or" still opens the alternative.
    old = "Copies are distributed under the terms of this Licence. The Owner keeps the copyright."
    new = ("Copies are distributed under the terms of this Licence or of a later version of this Licence unless the Owner "
           "forbids it. The Owner keeps the copyright.")
    assert "condition-added" not in codes(old, new)
    # A condition added to the duty itself still counts.
    duty = "The Licensee must distribute the Plugin under this Licence."
    assert codes(duty, duty.replace("Licence.", "Licence if the Plugin is sold separately.")) == ["condition-added"]


def test_upon_after_the_verb_it_belongs_to_is_no_condition() -> None:
    old = "The Licensee may give a warranty, which shall be binding upon itself, on terms it shall decide upon itself."
    new = "The Licensee may give a warranty on terms it shall decide."
    assert "condition-removed" not in codes(old, new)


def test_instructions_for_applying_a_licence_and_its_notice_template_bind_no_one() -> None:
    grant = ("Section 2", GRANT)
    how_to = ("How to apply this Licence to your programs", "You should attach the following notice to each file. You must keep it short.")
    notice = ("Exhibit B – Licence Notice", "This program is licensed under the Licence. You may not remove this line.")
    assert run([grant], [grant, how_to, notice]) == []
    assert run([grant, how_to, notice], [grant]) == []
    # A notice template glued to the last section in one round and its own exhibit in the
    # next: the sentence new in the template binds no one either.
    kept = "The Licensor reserves every right that this Licence does not grant expressly. No third party may enforce this Licence."
    template = "This program may also be made available under the licences listed here."
    exhibit = ("Exhibit A – Secondary Licence Notice", f"{template} You may add further accurate notices of ownership.")
    assert run([("Section 7", f"{kept}\nExhibit A – Secondary Licence Notice\n{template}")], [("Section 7", kept), exhibit]) == []
    # A section whose heading only holds the word "notice" still binds.
    notices = ("Notice of termination", "The Licensor must give thirty days' notice before it ends the Licence.")
    assert [f.code for f in run([grant], [grant, notices])] == ["commitment-added"]


def test_to_the_extent_possible_bounds_a_waiver_or_a_disclaimer_by_the_law() -> None:
    waiver = "the Licensor waives any right to collect fees from You for copies of the Work."
    assert codes(f"{GRANT} The Licensor {waiver[13:]}", f"{GRANT} To the extent possible, {waiver}") == []
    disclaimer = "in no event will the Licensor be liable to You for any damages arising out of the Work."
    assert codes(f"{GRANT} {disclaimer[0].upper()}{disclaimer[1:]}", f"{GRANT} To the extent possible, {disclaimer}") == []
    # An exception that only bounds the disclaimer by the law carves nothing out of it.
    law = "EXCEPT TO THE EXTENT REQUIRED BY APPLICABLE LAW, IN NO EVENT WILL THE LICENSOR BE LIABLE TO YOU FOR ANY DAMAGES."
    assert codes(f"{GRANT} {law}", f"{GRANT} IN NO EVENT WILL THE LICENSOR BE LIABLE TO YOU FOR ANY DAMAGES.") == []
    # An exception of another kind gone from a disclaimer still moves it.
    other = "EXCEPT FOR CLAIMS UNDER SECTION 4, IN NO EVENT WILL THE LICENSOR BE LIABLE TO YOU FOR ANY DAMAGES."
    assert codes(f"{GRANT} {other}", f"{GRANT} IN NO EVENT WILL THE LICENSOR BE LIABLE TO YOU FOR ANY DAMAGES.") != []
    # On a duty it still leaves the duty to the one bound.
    duty = "the Licensee shall publish its changes to the Work."
    assert codes(f"{GRANT} The Licensee {duty[13:]}", f"{GRANT} To the extent possible, {duty}") == ["qualifier-added"]


def test_the_terms_of_a_grant_move_what_the_licensee_receives() -> None:
    grant = "The Owner grants You a worldwide, perpetual, non-transferable licence to run the Plugin on your own machines."
    # No longer non-transferable: the licensee may pass it on.
    assert _found(grant, grant.replace("non-transferable", "transferable")) == [("scope-widened", "progress", "non-transferable")]
    # No longer perpetual, but for a term: the grant gives less.
    shorter = grant.replace("perpetual, ", "").replace("licence to", "licence, for the duration of the copyright, to")
    assert ("scope-narrowed", "regression", "perpetual") in _found(grant, shorter)
    # A grant rewritten whole ("the rights it needs") says nothing by losing "revocable".
    old = "You grant the Owner a nonexclusive, revocable, worldwide right to copy Your Plugin as necessary to run the Service."
    new = "You grant the Owner the rights it needs to copy Your Plugin as necessary to run the Service."
    assert all(rule != "en.grant-limit.removed" for rule in (f.rule for f in run([("Section 7", old)], [("Section 7", new)])))


def test_a_permission_offered_as_an_alternative_weakens_the_duty_it_stands_beside() -> None:
    duty = "Every copy must show the following credit line in its documentation: made with the Plugin."
    alternative = "Alternatively, You may show the credit line in the program's about box."
    found = run([("Section 3", duty)], [("Section 3", f"{duty} {alternative}")])
    assert [(f.code, f.new_words) for f in found] == [("obligation-weakened", alternative)]
    assert "another way to meet a duty" in found[0].explanation
    # Gone, the duty binds more; a permission that offers no alternative is a new permission.
    assert codes(f"{duty} {alternative}", duty) == ["obligation-strengthened"]
    assert codes(duty, f"{duty} You may show the credit line in the program's about box.") == ["commitment-added"]


def test_a_word_of_every_case_beside_another_is_no_list_item() -> None:
    # "any or all" → "any", "each and every" → "every": the reach is the same.
    old = "The Licensee shall indemnify the Owner against any or all claims brought by each and every third party."
    new = "The Licensee shall indemnify the Owner against any claims brought by every third party."
    assert codes(old, new) == []
    # A real item dropped beside them still narrows.
    old_list = "The Licensee shall indemnify the Owner against any or all claims, suits or demands brought by a third party."
    new_list = "The Licensee shall indemnify the Owner against any or all claims or demands brought by a third party."
    assert codes(old_list, new_list) == ["scope-narrowed"]


def test_shall_becoming_will_in_a_licence_binds_as_before() -> None:
    # A licence (it names its Licensee) uses "will" as its binding modal.
    old = "The Licensor shall indemnify the Licensee against claims that the Work infringes a patent."
    new = "The Licensor will indemnify the Licensee against claims that the Work infringes a patent."
    assert codes(old, new) == []
    assert codes(old.replace("shall", "undertakes to"), new) == []
    # In a licence "shall" → "may" still weakens.
    assert codes(old, old.replace("shall", "may")) == ["obligation-weakened"]
    # In a treaty, "shall" → "will" still reads as a duty softened into an intention.
    treaty = "Armenia shall notify Azerbaijan of every exercise near the border."
    assert codes(treaty, treaty.replace("shall", "will")) == ["obligation-weakened"]


def test_a_verb_ending_in_ly_is_no_adverb_before_the_describing_verb() -> None:
    # "may not apply to You" states a consequence ("apply" is a describing verb, not an adverb).
    note = " Some jurisdictions do not allow the exclusion of incidental damages, so this exclusion may not apply to You."
    assert codes(GRANT + note, GRANT) == []
    # "will therefore apply" still describes; "may not supply" still forbids.
    assert codes(GRANT, GRANT + " This Licence will therefore apply to every copy of the Work.") == []
    assert codes(GRANT + " You may not supply the Work to any competitor of the Licensor.", GRANT) == ["commitment-deleted"]


KEPT = ("Section 9", "This Licence is governed by the laws of the country where the Licensor has its seat.")
NOTICES = "Notices under this Licence are sent by electronic mail to the address that each party has published."
LICENCE = "The Licensor grants You a worldwide, royalty-free licence to copy and distribute the Work in any medium."


def _moved_into_notices(gone: str, came: str) -> list[str]:
    """``gone`` deleted from the grant's section, ``came`` added to the notices section."""
    found = run([KEPT, ("Section 4", f"{LICENCE} {gone}"), ("Section 5", NOTICES)], [KEPT, ("Section 4", LICENCE), ("Section 5", f"{NOTICES} {came}")])
    return sorted(f.code for f in found)


def test_a_commitment_rewritten_in_other_words_in_another_section_is_one_commitment() -> None:
    gone = "The Licensor shall not be bound by any additional provisions which a letter or message from You may hold."
    came = "The Licensor shall not be bound by any additional or different terms or conditions that You communicate to it in any form."
    # Too few words in common for a moved sentence, but one frame: the Licensor, "shall not", bound by additional …
    assert _moved_into_notices(gone, came) == []
    # The duty word is still compared: "shall not" → "should not" weakens the prohibition.
    assert _moved_into_notices(gone, came.replace("shall not", "should not")) == ["obligation-weakened"]


def test_commitments_of_other_frames_stay_deleted_and_added() -> None:
    from treatydiff.analysis.frames import frame
    from treatydiff.analysis.lexicon import load_lexicon

    # The same subject, duty word and action, but another object: another commitment.
    gone = "You may use the Personal Information you gather from Users solely for the purpose that each User authorised."
    came = "You may use the Confidential Information you receive from the Licensor only for the express purpose of testing the Work."
    assert _moved_into_notices(gone, came) == ["commitment-added", "commitment-deleted"]
    # Another subject, or the duty word negated, is another frame too.
    lexicon = load_lexicon("en")
    assert frame("You may copy the Work.", lexicon) != frame("The Licensor may copy the Work.", lexicon)
    assert frame("You may copy the Work.", lexicon) != frame("You may not copy the Work.", lexicon)
    assert frame("You may copy the Work.", lexicon) == frame("You may also copy the Work for others.", lexicon)
    # A chapeau's action stands in its items: it has no frame of its own.
    assert frame("You agree that you will not under any circumstances:", lexicon) is None


def test_sentences_of_a_provision_deleted_whole_and_one_added_whole_are_not_paired_by_frame() -> None:
    from treatydiff.analysis.lexicon import load_lexicon
    from treatydiff.analysis.moves import _pairings
    from treatydiff.model import Direction, Finding, Span

    def commitment(code: str, key: str, words: str) -> Finding:
        span = Span(0, len(words))
        return Finding(code=code, direction=Direction.REGRESSION if code == "commitment-deleted" else Direction.PROGRESS, pair_key=key,
                       old_label=None, new_label=None, old_words=words if code == "commitment-deleted" else "",
                       new_words=words if code == "commitment-added" else "", rule="en.commitment", explanation="",
                       old_span=span if code == "commitment-deleted" else None, new_span=span if code == "commitment-added" else None)

    gone = commitment("commitment-deleted", "old-5", "The Licensor shall not be bound by any additional provisions which a letter or message from You may hold.")
    came = commitment("commitment-added", "new-8", "The Licensor shall not be bound by any additional or different terms or conditions that You communicate to it in any form.")
    lexicon = load_lexicon("en")
    # Both provisions one-sided: the aligner found them unrelated, and only a sentence moved
    # word for word overrides it.
    assert _pairings([gone], [came], lexicon, frozenset()) == []
    # One of them reworked (found on both sides): one commitment rewritten.
    assert _pairings([gone], [came], lexicon, frozenset({"old-5"})) == [(gone, came, True)]
    # Without a lexicon only moved sentences are paired.
    assert _pairings([gone], [came], None, frozenset({"old-5"})) == []


def test_a_frame_that_stands_twice_among_the_candidates_pairs_nothing() -> None:
    # Two added sentences of the same frame: the deleted one has no single counterpart.
    gone = "The Licensor shall not be bound by any additional provisions which a letter or message from You may hold."
    came = ("The Licensor shall not be bound by any additional or different terms or conditions that You communicate to it in any form. "
            "The Licensor shall not be bound by any additional or other terms or conditions that You publish on your website.")
    assert _moved_into_notices(gone, came) == ["commitment-added", "commitment-added", "commitment-deleted"]


def test_a_new_sentence_saying_what_is_not_granted_narrows_the_grant() -> None:
    for reservation in ("Patent and trademark rights are not licensed under this Licence.",
                        "The Licensor makes no additional grants as a result of Your choice of a later version.",
                        "No additional rights or licences will be implied from the distribution of the Work.",
                        "The Licensor makes no warranties of any kind in relation to the Work."):
        found = run([("Section 2", GRANT)], [("Section 2", f"{GRANT} {reservation}")])
        assert [(f.code, f.direction.value, f.rule) for f in found] == [("scope-narrowed", "regression", "en.scope.reservation-added")], reservation
        # In a provision added whole too.
        found = run([("Section 2", GRANT)], [("Section 2", GRANT), ("Section 3", reservation)])
        assert [f.code for f in found] == ["scope-narrowed"], reservation
    # Deleted, it widens no grant: what a licence does not grant stays reserved without it.
    assert codes(f"{GRANT} Patent and trademark rights are not licensed under this Licence.", GRANT) == []
    # A sentence that grants is no reservation, nor is a saving clause.
    assert codes(GRANT, f"{GRANT} Nothing in this Licence is intended to restrict uses that are not licensed under it.") == []
