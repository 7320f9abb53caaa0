"""A condition that stands on both sides is not "added" because the word diff paired its marker
with a twin elsewhere (issue 11): licences repeat a condition in parallel sentences ("If You
create a Collective Work, upon notice …" / "If You create a Derivative Work, upon notice …"),
and a rewording of both lets the diff give one marker to the wrong sentence."""

from __future__ import annotations

from treatydiff.analysis import load_lexicon
from treatydiff.analysis.diffmap import build
from treatydiff.analysis.hits import find_hits
from treatydiff.analysis.limits import marker_alone
from treatydiff.analysis.pairstate import PairState, sentences
from treatydiff.model import ChangeKind, ClausePair, Op, Provision, ProvisionKind, Segment

TWINS = ("If the Host builds a {0}, upon notice from the Owner the Host must remove any sign from it. "
         "If the Host builds a {1}, upon notice from the Owner the Host must remove any sign from it.")


def _state(old_parts: tuple[str, str], new_parts: tuple[str, str], new_first: str) -> tuple[PairState, int]:
    """A pair whose diff gave the first sentence's "upon" to an insertion (the new side's
    ``new_first``), as a real word diff does when both sentences were reworded."""
    old, new = TWINS.format(*old_parts), TWINS.format(*new_parts)
    head = "If the Host builds a "
    cut = old.index(", upon") + len(", upon")
    segments = (Segment(Op.EQUAL, head), Segment(Op.DELETE, old[len(head) : cut]), Segment(Op.INSERT, new_first + ", upon"),
                Segment(Op.EQUAL, old[cut : old.index(old_parts[1])]), Segment(Op.DELETE, old_parts[1]), Segment(Op.INSERT, new_parts[1]),
                Segment(Op.EQUAL, old[old.index(old_parts[1]) + len(old_parts[1]) :]))
    assert "".join(s.text for s in segments if s.op != Op.INSERT) == old
    assert "".join(s.text for s in segments if s.op != Op.DELETE) == new
    pair = ClausePair("p1", Provision(id="o", label="4.", text=old, kind=ProvisionKind.ARTICLE),
                      Provision(id="n", label="4.", text=new, kind=ProvisionKind.ARTICLE), (ChangeKind.MODIFIED,), 0.9, segments)
    lexicon = load_lexicon("en")
    state = PairState(pair, lexicon, (), old, new, build(segments, len(old), len(new)), sentences(old), sentences(new))
    state.old_hits, state.new_hits = find_hits(lexicon, old), find_hits(lexicon, new)
    return state, new.index("upon")


def test_a_condition_kept_in_both_twin_sentences_is_not_added() -> None:
    state, at = _state(("Shed", "Barn"), ("Hut", "Stable"), "Hut")
    upon = next(h for h in state.new_hits if h.start == at)
    marker_alone(state, upon, False)
    assert [f.code for _, f in state.findings] == []


def test_a_condition_new_to_the_text_is_added() -> None:
    state, at = _state(("Shed", "Barn"), ("Hut", "Stable"), "Hut")
    # The old side without its conditions: the new "upon notice" is new to the text.
    bare = state.old.replace(", upon notice from the Owner", ",")
    state = PairState(state.pair, state.lexicon, (), bare, state.new, state.dmap, sentences(bare), state.new_sentences,
                      old_hits=find_hits(state.lexicon, bare), new_hits=state.new_hits)
    upon = next(h for h in state.new_hits if h.start == at)
    marker_alone(state, upon, False)
    assert [f.code for _, f in state.findings] == ["condition-added"]
