"""Terms-of-service wording (issue 11): clauses re-cut between rounds, and sentences that only
describe.  Synthetic sentences modelled on each class; each test fails on the rules before the
change it pins."""

from __future__ import annotations

from test_commitment_sentences import codes

from treatydiff.analysis import load_lexicon
from treatydiff.analysis.diffmap import build
from treatydiff.analysis.duties import still_there
from treatydiff.analysis.pairstate import PairState, sentences
from treatydiff.model import ChangeKind, ClausePair, Op, Provision, ProvisionKind, Segment

OLD = ("If you upload a photograph you did not take, you agree that you will only upload what you may share, "
       "and you will keep to any licence that covers the photograph you upload.")
NEW = ("If you upload a photograph you did not take or do not hold the rights to, you agree that you are answerable for "
       "it; that you will only upload what you may share; and that you will keep to any licence that covers the photograph you upload.")


def _rewritten(old: str, new: str) -> PairState:
    """A pair whose word diff deleted the old text and inserted the new one whole, as a diff
    of a long rewritten provision can cut it."""
    segments = (Segment(Op.DELETE, old), Segment(Op.INSERT, new))
    pair = ClausePair("p1", Provision(id="o", label="3.", text=old, kind=ProvisionKind.ARTICLE),
                      Provision(id="n", label="3.", text=new, kind=ProvisionKind.ARTICLE), (ChangeKind.MODIFIED,), 0.5, segments)
    return PairState(pair, load_lexicon("en"), (), old, new, build(segments, len(old), len(new)), sentences(old), sentences(new))


def test_a_clause_cut_out_of_a_sentence_that_still_stands_is_still_there() -> None:
    state = _rewritten(OLD, NEW)
    clause = next(s for s in state.new_sentences if NEW[s[0] : s[1]].startswith("and that you will keep"))
    assert still_there(state, clause, old_side=False)
    # The clause that is new to the text is not there.
    answerable = next(s for s in state.new_sentences if "answerable" in NEW[s[0] : s[1]])
    assert not still_there(state, answerable, old_side=False)
    # Nor is a clause of a few words, which may stand inside many sentences by chance.
    short = _rewritten("You will pay us the fee for the plan that you chose.", "You will pay; and you will choose.")
    assert not still_there(short, short.new_sentences[0], old_side=False)


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
