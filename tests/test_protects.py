"""Whom a duty of all the parties protects (issue 13): "a change of an obligation of all
parties is neutral for each unless the text says whom it protects".  The analysis reads the
beneficiary after the duty's verb with the lexicon's ``beneficiaries`` words ("… to citizens of
the Republic of Armenia", "for the benefit of …"); the move then favours a side, and `--as`
reads it as a cost for one and a gain for the other, naming the beneficiary.  Texts of our own.
"""

from __future__ import annotations

import pytest

from treatydiff.analysis.lexicon import load_lexicon
from treatydiff.analysis.parties import obligated
from treatydiff.model import Finding, Negotiation, Party, Provision, Round, RoundInfo
from treatydiff.pipeline import compare
from treatydiff.settings import Settings
from treatydiff.views.perspective import perspective_of

PARTIES = (Party("AM", "Republic of Armenia", ("Armenia",)), Party("AZ", "Republic of Azerbaijan", ("Azerbaijan",)))


def _finding(old: str, new: str) -> Finding:
    rounds = tuple(Round(info=RoundInfo(label=f"Round {n}", party=p), provisions=(Provision(id="art-1", label="Article 1", text=t),), name=f"r{n}")
                   for n, (p, t) in enumerate((("AZ", old), ("AM", new)), start=1))
    negotiation = Negotiation(title="Talks", parties=PARTIES, rounds=rounds)
    (finding,) = [f for f in compare(*rounds, Settings.of(negotiation)).findings if f.code.startswith("obligation-")]
    return finding


@pytest.mark.parametrize(("sentence", "protected"), [
    ("The Parties shall guarantee free passage to citizens of the Republic of Armenia through the valley.", ("AM",)),
    ("Each Party shall pay the costs of the survey for the benefit of Azerbaijan.", ("AZ",)),
    ("The Parties shall keep the archive in favour of the Republic of Azerbaijan.", ("AZ",)),
    ("Both Parties shall lift the fees with respect to persons of AM crossing the bridge.", ("AM",)),
    ("The Parties shall clear the mines on the territory of Armenia.", ()),  # "on": where, not for whom
    ("Each Party shall grant visas to nationals of the other Party.", ()),  # each alike
    ("The Parties shall grant visas to citizens of Armenia and to citizens of Azerbaijan.", ()),  # both named
    ("The Parties shall meet in Armenia. Visas shall be granted to Azerbaijan.", ()),  # another sentence
])
def test_the_beneficiary_of_a_duty_of_all_is_read_after_the_verb(sentence: str, protected: tuple[str, ...]) -> None:
    subject = obligated(sentence, sentence.index("shall"), PARTIES, load_lexicon("en"))
    assert subject.everyone and subject.protects == protected


def test_weakening_a_duty_protecting_armenia_costs_armenia_and_is_a_gain_for_azerbaijan() -> None:
    finding = _finding("The Parties shall guarantee free passage to citizens of the Republic of Armenia.",
                       "The Parties should guarantee free passage to citizens of the Republic of Armenia.")
    assert finding.code == "obligation-weakened" and finding.favours == ("AZ",)
    am, az = perspective_of(finding, "AM", PARTIES), perspective_of(finding, "AZ", PARTIES)
    assert (am.effect, az.effect) == ("cost", "gain")
    assert am.reason == az.reason == "weakens an obligation of all the Parties that the text says protects Republic of Armenia"
    assert "\n" not in am.reason


def test_strengthening_it_is_a_gain_for_the_one_it_protects() -> None:
    finding = _finding("Each Party should pay the costs of the survey for the benefit of Azerbaijan.",
                       "Each Party shall pay the costs of the survey for the benefit of Azerbaijan.")
    assert finding.code == "obligation-strengthened" and finding.favours == ("AZ",)
    assert perspective_of(finding, "AZ", PARTIES).effect == "gain" and perspective_of(finding, "AM", PARTIES).effect == "cost"
    assert "protects Republic of Azerbaijan" in perspective_of(finding, "AM", PARTIES).reason


def test_a_duty_of_all_that_names_no_beneficiary_stays_neutral_for_each() -> None:
    finding = _finding("Each Party shall grant visas to nationals of the other Party.", "Each Party should grant visas to nationals of the other Party.")
    assert finding.favours == ()
    for party in ("AM", "AZ"):
        view = perspective_of(finding, party, PARTIES)
        assert view.effect == "neutral" and "does not say whom it protects" in view.reason


def test_the_per_party_figures_count_it_for_the_side_it_favours() -> None:
    from treatydiff.views.parties import party_standing, shared_line, standing_rows

    finding = _finding("The Parties shall guarantee free passage to citizens of the Republic of Armenia.",
                       "The Parties should guarantee free passage to citizens of the Republic of Armenia.")
    standing = party_standing([finding], PARTIES)
    am, az = standing.parties
    assert (am.in_favour, am.against, az.in_favour, az.against) == (0, 1, 1, 0)
    assert standing.shared.weakened == 1 and standing.shared.protecting == 1
    assert shared_line(standing.shared).startswith("obligations of all the Parties (1 protect a party the text names and favour it, the others no party):")
    assert "1 protect a party the text names" in standing_rows(standing)[-2][0]
