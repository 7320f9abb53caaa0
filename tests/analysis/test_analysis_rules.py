"""Detectors of the position analysis: words, spans, parties, negation, user lexicons."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import CORPORA
from hypothesis import given, settings
from hypothesis import strategies as st

from treatydiff.analysis import analyse, comparison_language
from treatydiff.analysis.editorial import editorial_only
from treatydiff.analysis.lexicon import detect_language, load_lexicon
from treatydiff.diff.worddiff import diff_text
from treatydiff.errors import ConfigError
from treatydiff.model import (
    ChangeKind,
    ClausePair,
    Comparison,
    Direction,
    NegotiationInfo,
    Party,
    Provision,
    Round,
    RoundInfo,
)
from treatydiff.pipeline import compare
from treatydiff.settings import FrozenMap, Settings

PARTIES = (Party("AM", "Republic of Armenia", ("Armenia",)), Party("AZ", "Republic of Azerbaijan", ("Azerbaijan",)))
NEGOTIATION = NegotiationInfo(title="t", parties=PARTIES)


def _round(text: str | None, label: str = "R", language: str | None = None) -> Round:
    provisions = () if text is None else (Provision(id="a", label="Article 4", text=text),)
    return Round(RoundInfo(label=label, language=language), provisions)


def findings(old: str | None, new: str | None, **kwargs: object):  # type: ignore[no-untyped-def]
    return compare(_round(old, "R1"), _round(new, "R2"), Settings(negotiation=NEGOTIATION, lexicon=FrozenMap.of(kwargs.pop("lexicon", {})), **kwargs)).findings  # type: ignore[arg-type]


def test_shall_to_may_names_words_spans_party_and_favour() -> None:
    old, new = "Armenia shall withdraw its forces.", "Armenia may withdraw its forces."
    (finding,) = findings(old, new)
    assert finding.code == "obligation-weakened" and finding.direction == Direction.REGRESSION
    assert (finding.old_words, finding.new_words) == ("shall", "may")
    assert finding.old_span is not None and old[finding.old_span.start : finding.old_span.end] == "shall"
    assert finding.new_span is not None and new[finding.new_span.start : finding.new_span.end] == "may"
    assert finding.obligated == ("AM",)
    assert finding.favours == ("AM",)  # relieved of its obligation
    assert "'shall' became 'may' in Article 4" in finding.explanation
    assert finding.rule.startswith("en.modal.")


def test_strengthening_a_party_obligation_favours_the_other_party() -> None:
    (finding,) = findings("Azerbaijan should open the road.", "Azerbaijan shall open the road.")
    assert finding.code == "obligation-strengthened"
    assert finding.obligated == ("AZ",) and finding.favours == ("AM",)


def test_the_parties_bind_everyone_and_favour_no_one() -> None:
    (finding,) = findings("The Parties shall cooperate.", "The Parties should cooperate.")
    assert finding.obligated == ("AM", "AZ") and finding.favours == ()


def test_a_party_after_a_preposition_is_not_the_subject() -> None:
    (finding,) = findings("In cooperation with Armenia, Azerbaijan shall clear mines.", "In cooperation with Armenia, Azerbaijan may clear mines.")
    assert finding.obligated == ("AZ",)


def test_shall_not_to_shall_is_review_not_strengthening() -> None:
    (finding,) = findings("The Parties shall not deploy forces.", "The Parties shall deploy forces.")
    assert finding.code == "obligation-reversed" and finding.direction == Direction.REVIEW


def test_shall_not_to_should_not_is_weakened() -> None:
    (finding,) = findings("The Parties shall not deploy forces.", "The Parties should not deploy forces.")
    assert finding.code == "obligation-weakened"
    assert "'shall not' became 'should not'" in finding.explanation


def test_renumbering_alone_gives_no_finding() -> None:
    old = Round(RoundInfo("R1"), (Provision(id="a", label="Article 3", text="The Parties shall cooperate."),))
    new = Round(RoundInfo("R2"), (Provision(id="a", label="Article 4", text="The Parties shall cooperate."),))
    assert compare(old, new).findings == ()


def test_verdict_counts_by_party_and_all() -> None:
    # The per-party verdict comes from the one per-party computation (views.parties), which
    # every output reads; the comparison itself no longer carries a copy.
    from treatydiff.views.parties import comparison_standing, verdict_document

    comparison = compare(_round("Armenia shall withdraw within 30 days."), _round("Armenia may withdraw within 90 days."), Settings(negotiation=NEGOTIATION))
    rows = {str(v["party"]): v for v in verdict_document(comparison_standing(comparison))}
    assert rows["AM"]["regressions"] == 2 and rows["AZ"]["regressions"] == 0
    assert rows["ALL"]["regressions"] == 2


def test_user_lexicon_terms_are_merged() -> None:
    old, new = "The Parties shall exchange data.", "The Parties shall exchange data insofar as they agree."
    assert not [f for f in findings(old, new) if f.code == "qualifier-added"]
    extra = {"en": {"markers": {"qualifier": ["insofar as they agree"]}}}
    assert [f.code for f in findings(old, new, lexicon=extra)] == ["qualifier-added"]


@pytest.mark.parametrize(
    "extra",
    [{"en": {"colours": []}}, {"en": {"markers": {"nope": ["x"]}}}, {"en": {"markers": {"qualifier": ["re:(unclosed"]}}}, {"en": {"ladders": {"modal": {9: ["x"]}}}}],
)
def test_bad_user_lexicon_is_a_config_error(extra: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        load_lexicon("en", extra)


def test_language_comes_from_the_round_then_the_text() -> None:
    assert detect_language("Стороны обязуются открыть границу.") == "ru"
    assert detect_language("Les Parties doivent ouvrir des ambassades et des consulats.") == "fr"
    assert detect_language("The Parties shall open embassies.") == "en"
    comparison = compare(_round("Стороны обязуются.", language=None), _round("Стороны стремятся."))
    assert comparison_language(comparison) == "ru"
    assert comparison.findings[0].language == "ru"


def test_editorial_equivalences() -> None:
    lexicon = load_lexicon("en")
    assert editorial_only(lexicon, "within thirty (30) days", "within 30 days")
    assert editorial_only(lexicon, "Baku and Yerevan", "Yerevan and Baku")
    assert not editorial_only(lexicon, "shall", "should")


def test_output_is_deterministic() -> None:
    a = findings("The Parties shall, within 30 days, open all roads.", "The Parties should, within 60 days, open roads, where appropriate.")
    b = findings("The Parties shall, within 30 days, open all roads.", "The Parties should, within 60 days, open roads, where appropriate.")
    assert a == b
    assert [f.direction for f in a] == sorted((f.direction for f in a), key=["regression", "progress", "review"].index)


_WORDS = st.sampled_from(["The", "Parties", "shall", "should", "may", "all", "roads", "within", "30", "days", "[", "]", ",", "where appropriate", "not", "."])


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=25).map(" ".join), st.lists(_WORDS, min_size=1, max_size=25).map(" ".join))
def test_invariants(old: str, new: str) -> None:
    """A text compared with itself yields nothing; spans always fall inside the texts."""
    assert findings(old, old) == ()
    for finding in findings(old, new):
        if finding.old_span is not None:
            assert 0 <= finding.old_span.start <= finding.old_span.end <= len(old)
        if finding.new_span is not None:
            assert 0 <= finding.new_span.start <= finding.new_span.end <= len(new)


PARIS = CORPORA / "paris_agreement_2015" / "markdown"


@pytest.mark.corpora
@pytest.mark.skipif(not PARIS.exists(), reason="shared corpora absent")
def test_paris_article_3_to_4_4_is_obligation_weakened() -> None:
    from treatydiff.importers import import_draft

    old_round = import_draft(PARIS / "v3_2015-12-09_draft-paris-outcome_agreement.md").round
    new_round = import_draft(PARIS / "v4_2015-12-12_FCCC-CP-2015-L9-Rev1_agreement.md").round
    old = next(p for p in old_round.walk() if "shall undertake quantified economy-wide" in p.text)
    new = next(p for p in new_round.walk() if "should continue taking the lead by undertaking" in p.text)
    # Analyse the pair as the aligner should give it (Article 3 → Article 4.4).
    pair = ClausePair("p1", old, new, (ChangeKind.RENUMBERED, ChangeKind.MODIFIED), 0.3, diff_text(old.text, new.text))
    result = analyse(Comparison(old_round, new_round, (pair,)))
    weakened = [f for f in result.findings if f.code == "obligation-weakened" and f.old_words == "shall" and f.new_words == "should"]
    assert weakened, [f.explanation for f in result.findings]
    assert "developed country Parties" in weakened[0].explanation
    # And through the whole pipeline, when the aligner pairs them.
    full = compare(old_round, new_round)
    for p in full.walk():
        if p.old is not None and p.new is not None and p.old.id == old.id and p.new.id == new.id:
            assert any(f.code == "obligation-weakened" and f.pair_key == p.key for f in full.findings)
    # About 222 brackets on 9 Dec, none in the adopted text (the few left are Markdown links in its front matter).
    assert full.old_brackets.brackets > 150 and full.new_brackets.brackets < 10


def test_replace_keeps_comparison_fields() -> None:
    comparison = compare(_round("a"), _round("b"), Settings(negotiation=NEGOTIATION))
    assert replace(comparison).negotiation == NEGOTIATION


def _two_articles(old_ref: str, new_ref: str) -> tuple[Round, Round]:
    """Old Article 3 becomes Article 4 (a new Article 3 is inserted); Article 9 cites it."""
    body = "The Parties shall report every year."
    old = Round(RoundInfo("R1"), (
        Provision(id="a3", label="Article 3", text="Each Party shall protect the monuments listed in the annex."),
        Provision(id="a9", label="Article 9", text=f"Disputes under {old_ref} shall be settled by negotiation. {body}"),
    ))
    new = Round(RoundInfo("R2"), (
        Provision(id="n3", label="Article 3", text="The Parties shall open consulates in each capital city."),
        Provision(id="a4", label="Article 4", text="Each Party shall protect the monuments listed in the annex."),
        Provision(id="a9", label="Article 9", text=f"Disputes under {new_ref} shall be settled by negotiation. {body}"),
    ))
    return old, new


def test_a_reference_that_follows_the_renumbering_is_not_a_change() -> None:
    old, new = _two_articles("Article 3", "Article 4")
    assert [f for f in compare(old, new).findings if f.code == "reference-changed"] == []


def test_a_reference_that_points_elsewhere_is_shown_for_review() -> None:
    old, new = _two_articles("Article 3", "Article 7")
    assert [f.code for f in compare(old, new).findings if f.code == "reference-changed"] == ["reference-changed"]


def test_punctuation_in_a_reference_is_not_a_change() -> None:
    found = findings("Sinks shall be conserved under Article 4 paragraph 1(d) of the Convention, as agreed.",
                     "Sinks shall be conserved under Article 4, paragraph 1(d), of the Convention, as agreed by all.")
    assert "reference-changed" not in [f.code for f in found]


def test_a_passive_or_a_pronoun_is_not_named_as_the_obligated_party() -> None:
    (added,) = findings(None, "Support shall be provided to developing countries for implementation.")
    assert added.code == "commitment-added" and "of Support" not in added.explanation
    (added,) = findings(None, "It shall be supervised by a body designated by the Parties.")
    assert "of It" not in added.explanation


@pytest.mark.skipif(not CORPORA.exists(), reason="shared corpora not available")
def test_paris_shall_undertake_targets_to_should_take_the_lead_is_obligation_weakened() -> None:
    """9 → 12 Dec 2015: Article 3 (developed countries "shall undertake … targets") → Article 4.4."""
    from treatydiff.importers import import_draft

    folder = CORPORA / "paris_agreement_2015" / "markdown"
    old_round = import_draft(next(folder.glob("v3_*.md"))).round
    new_round = import_draft(next(folder.glob("v4_*.md"))).round
    old = next(p for p in old_round.walk() if "shall undertake quantified economy-wide" in p.text)
    new = next(p for p in new_round.walk() if "continue taking the lead" in p.text)
    # The analysis of the pair, whatever the aligner does with it.
    pair = compare(Round(RoundInfo("9 Dec"), (replace(old, paragraphs=()),)), Round(RoundInfo("12 Dec"), (replace(new, paragraphs=()),)))
    weakened = [f for f in pair.findings if f.code == "obligation-weakened"]
    assert any(f.old_words == "shall" and f.new_words == "should" for f in weakened)
    # End to end: the aligner pairs the rewritten paragraph with its predecessor.
    comparison = compare(old_round, new_round)
    (pair,) = [p for p in comparison.walk() if p.new is not None and p.new.id == new.id]
    assert pair.old is not None and pair.old.id == old.id
    assert any(
        f.code == "obligation-weakened" and f.old_words == "shall" and f.new_words == "should"
        for f in comparison.findings
        if f.pair_key == pair.key
    )


def test_party_named_by_its_full_multi_word_name_is_the_obligated_party() -> None:
    from treatydiff.analysis.lexicon import load_lexicon
    from treatydiff.analysis.parties import favours, obligated
    from treatydiff.model import Party

    parties = (
        Party("AM", "Republic of Armenia", ("Armenia", "the Armenian Side")),
        Party("AZ", "Republic of Azerbaijan", ("Azerbaijan",)),
    )
    lexicon = load_lexicon("en")
    for text in ("The Republic of Armenia shall withdraw.", "The Armenian Side shall withdraw."):
        subject = obligated(text, text.index("shall"), parties, lexicon)
        assert subject.codes == ("AM",), text
        assert favours(subject, True, parties) == ("AM",)
        assert favours(subject, False, parties) == ("AZ",)
    text = "Nothing agreed with the Republic of Azerbaijan shall be void."
    assert obligated(text, text.index("shall"), parties, lexicon).codes == ()
