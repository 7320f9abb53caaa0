"""A sentence reworded into a piece of its split or re-cut group is one commitment rewritten,
even when another duty of the group shares its boilerplate (issue of the re-cut licence
sections: CC BY-SA 3.0 section 4 → 4.0 Section 3).  Fixtures are ours."""

from __future__ import annotations

from treatydiff.analysis.lexicon import load_lexicon
from treatydiff.analysis.moves import _pairings
from treatydiff.model import Direction, Finding, Span

LEXICON = load_lexicon("en")
# The old section's two duties on an Adaptation share their tail; the new piece merges them,
# reworded, and is more alike to the second in words, but its frame (who, duty word, action,
# object) is that of the first.
TERMS = ("You may not offer or impose any terms on the Adaptation that restrict the terms of the Applicable Licence or the "
         "ability of its recipients to exercise their rights.")
MEASURES = ("When You share the Adaptation, You may not apply technological measures to it that restrict the ability of its "
            "recipients to exercise the rights granted to them.")
PIECE = ("You may not offer or impose additional or different conditions on, or apply technological measures to, Adapted "
         "Material if doing so restricts exercise of the rights granted under the Adapter's Licence.")


def _finding(code: str, key: str, old: str = "", new: str = "") -> Finding:
    direction = Direction.REGRESSION if old else Direction.PROGRESS
    return Finding(code=code, direction=direction, pair_key=key, old_label="4." if old else None, new_label=None if old else "Section 3(b)(3)",
                   old_words=old, new_words=new, rule=code, explanation="", old_span=Span(0, len(old)) if old else None,
                   new_span=Span(0, len(new)) if new else None)


def _paired(group_of: dict[str, int] | None) -> list[tuple[str, str, bool]]:
    deleted = [_finding("commitment-deleted", "p4", old=TERMS), _finding("commitment-deleted", "p4", old=MEASURES)]
    added = [_finding("commitment-added", "p4.3", new=PIECE)]
    return [(gone.old_words, came.new_words, rewritten)
            for gone, came, rewritten in _pairings(deleted, added, LEXICON, frozenset({"p4"}), group_of)]


def test_a_sentence_reworded_into_a_piece_of_its_group_is_one_commitment() -> None:
    assert _paired({"p4": 0, "p4.3": 0}) == [(TERMS, PIECE, True)]


def test_outside_a_group_a_rival_of_other_words_still_blocks_the_pairing() -> None:
    # Across a whole draft, a second sentence nearly as alike means no counterpart stands out.
    assert _paired(None) == []
    assert _paired({"p4": 0, "p4.3": 1}) == []
