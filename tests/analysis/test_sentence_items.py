"""Items added to or dropped from a list inside a sentence reworded elsewhere too (issue 11).

The character diff runs the item into the rewritten words after it, so the block-wise list rule
misses it; a word-by-word comparison of the paired sentences finds it.  Texts of our own.
"""

from __future__ import annotations

from treatydiff import compare
from treatydiff.model import Finding, Provision, ProvisionKind, Round, RoundInfo


def _round(label: str, text: str) -> Round:
    return Round(info=RoundInfo(label=label, language="en"),
                 provisions=(Provision(id="a1", label="Article 1", kind=ProvisionKind.ARTICLE, text=text),))


def scope(old: str, new: str) -> list[Finding]:
    return [f for f in compare(_round("r1", old), _round("r2", new)).findings if f.code.startswith("scope-")]


def test_an_item_dropped_before_a_reworded_clause_narrows_the_duty() -> None:
    found = scope("You may copy the Work, provided that you attach to each copy a visible ownership notice and statement of "
                  "liability; keep the notes that refer to this Agreement and to the absence of any warranty.",
                  "You may copy the Work, provided that you attach to each copy a visible ownership notice; keep notes stating that "
                  "this Agreement and any added terms apply to the Work.")
    assert [(f.code, f.direction.value, f.old_words) for f in found] == [("scope-narrowed", "regression", "and statement of liability")]
    assert "'and statement of liability' was removed from a list" in found[0].explanation


def test_an_item_added_before_a_reworded_clause_widens_the_grant() -> None:
    found = scope("The Operator may store and publish the Records; keep the notes that refer to this Agreement and to the absence "
                  "of any warranty.",
                  "The Operator may store and publish the Records and copies of the Files; keep notes stating that this Agreement "
                  "and any added terms apply.")
    assert [(f.code, f.direction.value, f.new_words) for f in found] == [("scope-widened", "progress", "and copies of the Files")]


def _read_here(old: str, new: str) -> list[Finding]:
    return [f for f in scope(old, new) if ".sentence-item-" in f.rule]


def test_an_item_in_a_denial_is_left_alone() -> None:
    # "shall not be answerable for A or B" → "for A, B or C": an exemption widened binds less,
    # a prohibition widened binds more; the words do not tell which.
    assert not _read_here("In no case shall the Operator be answerable for the Records; keep the notes that refer to this Agreement "
                          "and to the absence of any warranty.",
                          "In no case shall the Operator be answerable for the Records and copies of the Files; keep notes stating "
                          "that this Agreement and any added terms apply.")


def test_a_clause_or_a_rewritten_phrase_is_no_item() -> None:
    assert not _read_here("Members that are small islands shall receive support held by the registry at its own cost.",
                          "Members that are small islands and have limited resources shall receive support at the cost of the "
                          "requesting member held by the registry.")
    assert not _read_here("While copying the Original Work or Derivative Works held by the registry at its own cost, you shall keep the notice.",
                          "While copying the Work at the cost of the requesting member held by the registry, you shall keep the notice.")
