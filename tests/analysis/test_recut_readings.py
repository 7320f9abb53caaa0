"""Readings met when a licence section is re-cut and reworded (CC BY-SA 3.0 → 4.0): a quality
that says what a thing is not, a comma before an article, and a permission that eases a duty.
Fixtures are ours."""

from __future__ import annotations

from treatydiff import compare
from treatydiff.model import Finding, Provision, ProvisionKind, Round, RoundInfo


def _round(label: str, text: str) -> Round:
    return Round(info=RoundInfo(label=label, language="en"), provisions=(Provision(id="a1", label="Article 1", kind=ProvisionKind.ARTICLE, text=text),))


def findings(old: str, new: str) -> list[tuple[str, str]]:
    found: list[Finding] = list(compare(_round("r1", old), _round("r2", new)).findings)
    return [(f.code, f.direction.value) for f in found]


GRANT = "Subject to this Licence, the Grantor hereby grants You a worldwide, fee-free, {} licence to copy the Book."


def rules(old: str, new: str) -> list[str]:
    return [f.rule for f in compare(_round("r1", old), _round("r2", new)).findings]


def test_a_negating_quality_added_to_a_grant_does_not_widen_it() -> None:
    # As a list item it says nothing; the grant-limit markers (main's licence rules) read
    # "non-transferable" itself: added the grant gives less, removed it gives more.
    assert rules(GRANT.format("non-exclusive"), GRANT.format("non-transferable, non-exclusive")) == ["en.grant-limit.added"]
    assert rules(GRANT.format("non-transferable, non-exclusive"), GRANT.format("non-exclusive")) == ["en.grant-limit.removed"]
    assert findings(GRANT.format("non-exclusive"), GRANT.format("non-transferable, non-exclusive")) == [("scope-narrowed", "regression")]


def test_a_quality_still_widens_or_narrows() -> None:
    assert findings(GRANT.format("non-exclusive"), GRANT.format("perpetual, non-exclusive")) == [("scope-widened", "progress")]


def test_an_article_after_a_comma_is_no_list_item() -> None:
    old = "Licence Grant. Subject to the terms of this Licence,\nGrantor hereby grants You a worldwide licence to copy the Book as set out below:"
    new = "Licence grant.\nSubject to the terms of this Public Licence, the Grantor hereby grants You a worldwide licence to copy the Book to:"
    assert not [f for f in findings(old, new) if f[0].startswith("scope-")]


DUTY = "You must credit the Author in every copy of the Book."


def test_a_permission_to_meet_a_duty_in_any_reasonable_manner_eases_it() -> None:
    assert findings(DUTY, f"{DUTY} You may satisfy this condition in any reasonable manner suited to the medium.") == [("qualifier-added", "regression")]
    assert findings(f"{DUTY} You may meet these requirements by giving a link to the Book.", DUTY) == [("qualifier-removed", "progress")]


def test_a_permission_of_its_own_is_still_a_commitment() -> None:
    assert findings(DUTY, f"{DUTY} You may copy the Book in any reasonable manner.") == [("commitment-added", "progress")]
