"""Terms-of-service wording (issue 11): clauses re-cut between rounds, and sentences that only
describe.  Synthetic sentences modelled on each class; each test fails on the rules before the
change it pins."""

from __future__ import annotations

from test_commitment_sentences import codes

# A rule that read a clause cut out of a sentence still standing on the other side as "still
# there" (find-terms4) raised the development pairs by one finding but removed three right ones
# on the held-out pairs, so it was taken out again (seventh pass); the guard below stays.


def test_a_duty_in_a_sentence_of_its_own_is_still_a_commitment_added() -> None:
    old = "If you upload a photograph you did not take, you agree that you will only upload what you may share."
    new = old + " You must keep to any licence that covers each photograph you upload to the Service."
    assert codes(old, new) == ["commitment-added"]


def test_a_clause_that_says_how_often_something_happens_binds_no_one() -> None:
    kept = "You must keep your password secret."
    habit = kept + " Some plugins can be used to sync photographs, and often times several members may steer one plugin."
    assert codes(habit, kept) == []
    assert codes(kept, kept + " Sometimes a review of your album will last more than a week.") == []
    # A permission of its own is still one.
    assert codes(kept, kept + " Several members may steer one plugin if the owner agrees in writing.") == ["commitment-added"]


def test_a_duty_word_inside_a_condition_is_no_duty_of_its_own() -> None:
    kept = "We may look at your private albums in these cases:"
    old = kept + "\n- When a look is needed for safety reasons."
    new = kept + "\n- When a look is needed for safety reasons, including when a look is required to keep the albums available."
    assert "obligation-strengthened" not in codes(old, new)
    notice = "You will not break these Terms if you are required to hand over an album by a court order."
    assert codes(notice + " You must keep your password secret.", "You must keep your password secret.") == ["commitment-deleted"]
    # A condition written without its comma still leaves the main clause's duty standing.
    duty = "If You sell a printed album under other terms You must make it clear that those terms are offered by You alone."
    assert codes(duty + " You must keep your password secret.", "You must keep your password secret.") == ["commitment-deleted"]


def test_a_stressed_limit_is_no_item_of_a_list() -> None:
    old = "We treat your albums, and only your albums, as private to you, and we shall not show them to anyone."
    new = "We treat your albums as private to you, and we shall not show them to anyone."
    assert "scope-narrowed" not in codes(old, new)
    # An item that adds to the list is still an item.
    listed = "We shall keep your albums, and your drafts, private to you."
    assert codes(listed, "We shall keep your albums private to you.") == ["scope-narrowed"]


def test_a_duty_word_before_help_predicts() -> None:
    kept = "You must keep your password secret."
    assert codes(kept, kept + " We keep improving the albums, and your comments as a tester will help us do so.") == []
    # A duty to help is still one when the top of the ladder binds.
    assert codes(kept, kept + " Each member must help the owner to keep the album tidy.") == ["commitment-added"]
