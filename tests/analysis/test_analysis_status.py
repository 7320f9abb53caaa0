"""The agreement status ledger: agreed text that changes is reopened, whatever its wording."""

from __future__ import annotations

from treatydiff.model import AgreementStatus, Direction, Provision, Round, RoundInfo
from treatydiff.pipeline import compare


def _round(name: str, text: str, status: AgreementStatus | None = None, paragraph: str | None = None) -> Round:
    paragraphs = (Provision(id="a1-1", label="1.", text=paragraph),) if paragraph is not None else ()
    return Round(RoundInfo(label=name), (Provision(id="a1", label="Article 1", text=text, status=status, paragraphs=paragraphs),), name=name)


def test_any_change_to_agreed_text_is_reopened() -> None:
    old = _round("r1", "The Parties shall meet annually.", AgreementStatus.AGREED)
    new = _round("r2", "The Parties shall meet every year at the invitation of either Party.")
    codes = [f.code for f in compare(old, new).findings]
    assert codes[0] == "agreed-text-reopened"


def test_changed_paragraph_reopens_an_agreed_article() -> None:
    old = _round("r1", "Chapeau.", AgreementStatus.AGREED_AD_REFERENDUM, paragraph="The Parties meet.")
    new = _round("r2", "Chapeau.", AgreementStatus.AGREED_AD_REFERENDUM, paragraph="The Parties meet twice.")
    assert [f.code for f in compare(old, new).findings] == ["agreed-text-reopened"]


def test_editorial_edit_of_agreed_text_is_for_review_only() -> None:
    old = _round("r1", "The Parties recognise the border.", AgreementStatus.AGREED)
    new = _round("r2", "The Parties recognize the border.", AgreementStatus.AGREED)
    (finding,) = compare(old, new).findings
    assert finding.code == "agreed-text-edited" and finding.direction == Direction.REVIEW


def test_unchanged_agreed_text_is_quiet() -> None:
    old = _round("r1", "Text.", AgreementStatus.PROPOSED)
    new = _round("r2", "Text.", AgreementStatus.AGREED)
    assert compare(old, new).findings == ()
