"""Items of a duty's lists compared as sets, whatever the rewording around them; bracketed
items dropped in a reworded sentence; references paired crosswise; bare section numbers.

Classes of missed and false findings seen on real drafts (issue 11), each on a text of our own.
The cases that find something fail on the rules of 7427bd4; the cases that find nothing guard
the new rules against the false readings met while building them.
"""

from __future__ import annotations

from treatydiff import compare
from treatydiff.model import Finding, Provision, ProvisionKind, Round, RoundInfo


def _round(label: str, *provisions: Provision) -> Round:
    return Round(info=RoundInfo(label=label, language="en"), provisions=provisions)


def _provision(label: str, text: str, pid: str = "a1") -> Provision:
    return Provision(id=pid, label=label, kind=ProvisionKind.ARTICLE, text=text)


def findings(old: str, new: str) -> list[Finding]:
    return list(compare(_round("r1", _provision("Article 1", old)), _round("r2", _provision("Article 1", new))).findings)


def test_qualities_gone_from_a_reworded_duty_narrow_it() -> None:
    found = findings("Transparent, complete, consistent, comparable, and accurate information on support shall be provided by Parties.",
                     "Developed country Parties shall provide transparent and consistent information on support.")
    narrowed = [f for f in found if f.code == "scope-narrowed"]
    assert len(narrowed) == 1
    assert "'complete', 'comparable' and 'accurate'" in narrowed[0].explanation
    assert "'information'" in narrowed[0].explanation
    assert not [f for f in found if f.code == "scope-widened"]


def test_a_quality_added_widens_the_duty() -> None:
    found = findings("Parties shall pursue economic and social development.", "Parties shall pursue economic, social and environmental development.")
    assert [(f.code, f.direction.value) for f in found] == [("scope-widened", "progress")]
    assert "'environmental'" in found[0].explanation


def test_a_list_before_another_object_is_another_duty() -> None:
    assert not [f for f in findings("The Commission shall publish transparent, complete and accurate information on the works done.",
                                    "The Commission shall publish transparent and consistent information on progress made.")
                if ".qualities-" in f.rule]


def test_two_words_spelt_otherwise_or_a_phrase_are_no_list() -> None:
    assert not findings("Parties shall inform regional economic integration organisations and their member States.",
                        "Parties shall inform regional economic integration organizations and their member States.")


def test_qualities_are_compared_only_in_a_duty() -> None:
    assert not [f for f in findings("Noting that complete, consistent and accurate information helps.",
                                    "Noting that consistent information helps.") if f.code.startswith("scope")]


def test_an_item_with_a_scope_word_still_counts_as_an_item() -> None:
    # "complete" is a scope word ("complete information"); no rule read it, so the items are gone.
    found = findings("Each Party shall provide transparent, complete, consistent, comparable, and accurate information.",
                     "Each Party shall provide transparent and consistent information.")
    assert [f.code for f in found] == ["scope-narrowed"]


def test_a_qualifying_clause_is_not_an_item() -> None:
    assert not [f for f in findings("Parties shall support developing country Parties.",
                                    "Parties shall support developing country Parties, without creating any additional burden for them.")
                if f.code == "scope-widened"]


def test_bracketed_items_dropped_in_a_reworded_sentence_are_one_narrowing() -> None:
    found = findings("Developed country Parties shall provide [new,] [additional,] [adequate,] [predictable,] [accessible,] [sustained] and "
                     "[scaled-up] financial resources to assist developing country Parties.",
                     "Developed country Parties shall provide financial resources to assist developing country Parties with respect to "
                     "both mitigation and adaptation.")
    narrowed = [f for f in found if f.code == "scope-narrowed"]
    assert len(narrowed) == 1
    assert narrowed[0].old_words == "[new,] [additional,] [adequate,] [predictable,] [accessible,] [sustained] and [scaled-up]"
    assert sum(f.code == "brackets-closed" for f in found) == 7


def test_stacked_alternatives_and_purposes_are_not_items() -> None:
    found = findings("[Developed country] [All] Parties shall provide support, [to achieve their common goals], to developing country Parties.",
                     "Support shall be provided to developing country Parties.")
    assert not [f for f in found if f.rule.endswith("brackets.dropped.item")]


def test_references_paired_crosswise_in_a_reworded_sentence_are_no_change() -> None:
    old = _round("r1", _provision("Article 3", "Parties shall act.", "a3"), _provision("Article 10", "There shall be a stocktake.", "a10"),
                 _provision("Article 11", "Each Party shall report under Article 3 and as guided by Article 10.", "a11"))
    new = _round("r2", _provision("Article 4", "Parties shall act.", "a3"), _provision("Article 14", "There shall be a stocktake.", "a10"),
                 _provision("Article 15", "As guided by Article 14, each Party shall report under Article 4 and with care.", "a11"))
    assert not [f for f in compare(old, new).findings if f.code == "reference-changed"]


def test_a_reference_to_a_bare_numbered_section_follows_its_renumbering() -> None:
    old = _round("r1", _provision("1.", "You may copy the Program.", "s1"), _provision("2.", "You may modify copies under Section 1.", "s2"))
    new = _round("r2", _provision("0.", "Definitions apply.", "s0"), _provision("4.", "You may copy the Program.", "s1"),
                 _provision("5.", "You may modify copies under section 4.", "s2"))
    assert not [f for f in compare(old, new).findings if f.code == "reference-changed"]


def test_a_weaker_word_beside_an_equally_strong_one_weakens_nothing() -> None:
    assert not findings("The CMA shall decide on common time frames at its first session.",
                        "The CMA shall, at its first session, consider and adopt a decision on common time frames.")
    weakened = findings("The CMA shall decide on common time frames at its first session.",
                        "The CMA shall consider common time frames at its first session.")
    assert [f.code for f in weakened] == ["obligation-weakened"]


def test_what_a_duty_must_follow_is_a_ladder() -> None:
    found = findings("The review shall be informed by the best available science.",
                     "The review shall be in accordance with the best available science.")
    assert [(f.code, f.old_words, f.new_words) for f in found] == [("obligation-strengthened", "informed by", "in accordance with")]
    # "in accordance with" and "consistent with" are one step: a drafting choice.
    assert not findings("Parties shall act in accordance with guidance adopted by the CMA.", "Parties shall act consistent with guidance adopted by the CMA.")


def test_a_reference_list_that_gained_a_paragraph_widens_the_duty() -> None:
    found = findings("Support shall be provided to developing country Parties for the implementation of paragraphs 9 to 11 of this Article.",
                     "Support shall be provided to developing country Parties for the implementation of paragraphs 7, 9, 10 and 11 of this Article.")
    assert [(f.code, f.old_words, f.new_words) for f in found] == [("scope-widened", "paragraphs 9 to 11", "paragraphs 7, 9, 10 and 11")]
    assert "paragraph 7," in found[0].explanation


def test_a_reference_list_that_lost_an_article_narrows_the_duty() -> None:
    found = findings("Each Party shall report on its action under Articles 3, 4 and 6.", "Each Party shall report on its action under Articles 3 and 4.")
    assert [(f.code, f.direction.value) for f in found] == [("scope-narrowed", "regression")]


def test_a_reference_list_that_follows_the_renumbering_or_points_elsewhere_is_no_change() -> None:
    old = _round("r1", _provision("Article 3", "Parties shall act.", "a3"), _provision("Article 4", "Parties shall adapt.", "a4"),
                 _provision("Article 9", "Each Party shall report under Articles 3 and 4 and Articles 9 and 10 of the Convention.", "a9"))
    new = _round("r2", _provision("Article 4", "Parties shall act.", "a3"), _provision("Article 5", "Parties shall adapt.", "a4"),
                 _provision("Article 13", "Each Party shall report under Articles 4 and 5 and Articles 9 and 10 of the Convention.", "a9"))
    assert not compare(old, new).findings


def test_a_sentence_grown_from_one_that_stood_there_is_an_edit_not_a_new_commitment() -> None:
    found = findings("**Long-term strategies**\nAll Parties should voluntarily formulate and communicate long-term low-emission development strategies",
                     "All Parties should strive to formulate and communicate long-term low greenhouse gas emission development strategies, "
                     "mindful of Article 2 taking into account their common but differentiated responsibilities.")
    assert "commitment-added" not in [f.code for f in found]
    assert sorted((f.code, f.old_words, f.new_words) for f in found) == [("obligation-weakened", "", "strive to"),
                                                                          ("qualifier-removed", "voluntarily", "")]


def test_a_new_sentence_beside_an_unchanged_similar_one_is_a_new_commitment() -> None:
    found = findings("Parties shall report on mitigation.", "Parties shall report on mitigation. Parties shall report on adaptation.")
    assert [(f.code, f.new_words) for f in found] == [("commitment-added", "Parties shall report on adaptation.")]


def test_a_saving_clause_added_to_a_duty_carves_an_exception() -> None:
    found = findings("Any litigation shall be brought before the courts of Luxembourg.",
                     "Without prejudice to specific agreement between parties, any litigation shall be brought before the courts of Luxembourg.")
    assert [(f.code, f.new_words) for f in found] == [("scope-narrowed", "Without prejudice to")]


def test_bracketed_words_adopted_with_a_weaker_duty_word_weaken_the_duty() -> None:
    found = findings("Parties [shall take into account] the needs of developing country Parties.",
                     "Parties should take into account the needs of developing country Parties.")
    assert sorted((f.code, f.old_words, f.new_words) for f in found)[1] == ("obligation-weakened", "shall", "should")
    assert [f.code for f in findings("Parties [shall take into account] the needs of developing country Parties.",
                                     "Parties shall take into account the needs of developing country Parties.")] == ["brackets-closed"]


def test_a_licence_definition_added_is_no_commitment() -> None:
    found = findings("You may copy the Work.",
                     "You may copy the Work. For the purposes of this License, Derivative Works shall not include works that remain separable.")
    assert "commitment-added" not in [f.code for f in found]
