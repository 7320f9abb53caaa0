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


def test_a_verb_ending_in_ly_is_no_adverb_before_the_describing_verb() -> None:
    # "may not apply to You" states a consequence ("apply" is a describing verb, not an adverb).
    note = " Some jurisdictions do not allow the exclusion of incidental damages, so this exclusion may not apply to You."
    assert codes(GRANT + note, GRANT) == []
    # "will therefore apply" still describes; "may not supply" still forbids.
    assert codes(GRANT, GRANT + " This Licence will therefore apply to every copy of the Work.") == []
    assert codes(GRANT + " You may not supply the Work to any competitor of the Licensor.", GRANT) == ["commitment-deleted"]
