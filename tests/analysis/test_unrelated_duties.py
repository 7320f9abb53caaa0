"""Two duty words the word diff lines up in sentences that are no counterparts: a long re-cut
text read as one ("the Grantor will waive …" beside "You must delete …") is one duty gone and
another come, not one duty reworded.  A sentence stands on the other side only when a sentence
there carries it: who is bound and the action.  Fixtures are ours."""

from __future__ import annotations

from test_recut_readings import findings

KEPT = "Licence terms. You must credit the Author in every copy of the Book. "
WAIVER = ("In countries where a translation of the Book would be deemed a distortion of the work, the Grantor will waive "
          "its right to object, to the extent allowed by law.")
REMOVAL = "If asked by the Grantor, You must delete any of the credits named above to the extent reasonably practicable."


def test_a_duty_of_another_party_to_another_action_is_no_counterpart() -> None:
    got = findings(KEPT + WAIVER, KEPT + REMOVAL)
    assert ("commitment-added", "progress") in got
    assert ("commitment-deleted", "regression") in got


def test_the_other_way_round_too() -> None:
    got = findings(KEPT + REMOVAL, KEPT + WAIVER)
    assert ("commitment-deleted", "regression") in got
    assert ("commitment-added", "progress") in got


def test_a_duty_of_the_same_party_rewritten_still_compares_its_duty_words() -> None:
    old = "Reporting. All Parties shall prepare and submit a national inventory report on their emissions every two years."
    new = "Reporting. Developed country Parties should communicate, annually, an inventory of their greenhouse gases by sources."
    got = findings(old, new)
    assert ("obligation-weakened", "regression") in got
    assert not [f for f in got if f[0].startswith("commitment-")]
