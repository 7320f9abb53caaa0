"""Licence wording that points at another provision (issue 11): "Subject to Section 8(f), all
rights … are reserved" says which provision prevails, it sets no condition of its own.
Synthetic sentences written for the class; the guard keeps real conditions in."""

from __future__ import annotations

from test_commitment_sentences import run


def _codes(old: str, new: str) -> list[str]:
    return sorted(f.code for f in run([("Section 4", old)], [("Section 4", new)]))


RESERVED = "All rights in the Design not expressly granted by the Owner are hereby reserved."


def test_subject_to_a_section_is_a_reference_not_a_condition() -> None:
    for pointer in ("Subject to Section 9(c), ", "Subject to Article 12, ", "Subject to the provisions of paragraph 3, ", "Subject to subsection 2(b), "):
        new = pointer + RESERVED[0].lower() + RESERVED[1:]
        assert "condition-added" not in _codes(RESERVED, new), pointer
        assert "condition-removed" not in _codes(new, RESERVED), pointer


def test_subject_to_an_event_or_a_party_is_still_a_condition() -> None:
    old = "The Host shall return the keys to the Owner."
    for condition in ("subject to the approval of the Owner", "subject to payment of the fee"):
        assert "condition-added" in _codes(old, old[:-1] + ", " + condition + "."), condition


WAIVER = "Each Supplier effectively waives on behalf of all Suppliers every implied warranty of fitness for the Design."


def test_other_put_after_all_leaves_those_named_before_out() -> None:
    new = WAIVER.replace("all Suppliers", "all other Suppliers")
    found = run([("Section 4", WAIVER)], [("Section 4", new)])
    assert [(f.code, f.rule, f.new_words) for f in found] == [("scope-narrowed", "en.exclusion.added", "other")]
    assert "reaches fewer" in found[0].explanation
    # And taken out again, the provision reaches the whole class once more.
    assert [(f.code, f.old_words) for f in run([("Section 4", new)], [("Section 4", WAIVER)])] == [("scope-widened", "other")]


def test_other_that_came_with_its_quantifier_is_no_exclusion() -> None:
    # "For minor changes" → "For any other changes": the words before "other" changed too, so
    # "other" is part of a rewording, not a class cut down.
    old = "For minor changes to the Design, the Host's continued use of the site constitutes agreement to them."
    new = old.replace("minor", "any other")
    assert "en.exclusion.added" not in [f.rule for f in run([("Section 4", old)], [("Section 4", new)])]
    # "other than" opens an exception of its own; the exception rules read it, not this one.
    other_than = WAIVER.replace("all Suppliers", "all Suppliers other than the Host")
    assert "en.exclusion.added" not in [f.rule for f in run([("Section 4", WAIVER)], [("Section 4", other_than)])]


OLD_TERMS = ("Section 1", '"Derived Design" means a design based upon the Design. "Bundled Design" means a set of designs including the Design.')
NEW_TERMS = ("Section 1", '"Variation" means a design based upon the Design. "Bundle" means a set of designs including the Design.')
ENDING = ("Persons who have received {} from the Host under this Licence will not have their licences ended, "
          "provided such persons remain in full compliance with this Licence.")


def _scope(old: list[tuple[str, str]], new: list[tuple[str, str]]) -> list[str]:
    return sorted(f.code for f in run(old, new) if f.code.startswith("scope-"))


def test_a_list_of_defined_terms_renamed_by_the_new_round_moves_no_scope() -> None:
    old = ("Section 7", ENDING.format("Derived Designs or Bundled Designs"))
    new = ("Section 7", ENDING.format("Variations or Bundles"))
    assert _scope([OLD_TERMS, old], [NEW_TERMS, new]) == []


def test_a_list_of_terms_the_rounds_did_not_rename_still_moves_scope() -> None:
    old = ("Section 7", ENDING.format("Derived Designs or Bundled Designs"))
    new = ("Section 7", ENDING.format("Variations or Bundles"))
    # The new round still defines the old terms: the list names other classes, not new names.
    both = ("Section 1", NEW_TERMS[1] + " " + OLD_TERMS[1])
    assert _scope([OLD_TERMS, old], [both, new]) == ["scope-narrowed", "scope-widened"]
    # Nor is a list of terms no round defines a renaming.
    assert _scope([old], [new]) == ["scope-narrowed", "scope-widened"]


def test_a_duty_word_gone_from_a_saving_clause_weakens_nothing() -> None:
    old = ("The Host may copy the Design. Nothing in this Licence shall be deemed to grant any rights to the trademarks of the Owner "
           "other than those stated in Section 2.")
    new = ("The Host may copy the Design. Except as stated in Section 2, nothing in this Licence grants any rights to the trademarks "
           "of the Owner other than those stated in Section 2.")
    assert "obligation-weakened" not in _codes(old, new)
    # A duty word gone from an operative sentence still weakens it.
    duty = "The Host shall keep every notice of the Owner intact on each copy of the Design."
    assert "obligation-weakened" in _codes(duty, duty.replace("shall keep", "keeps"))
