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
