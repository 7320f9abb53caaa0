"""Perspective (issue 13): `--as PARTY` says what each finding means for that party, cost, gain
or neutral, with the reason in words, in every output; an obligation of all the parties is
neutral; `perspective:` in negotiation.yaml is the default; a bad party is one line, exit 2.
"""

from __future__ import annotations

import json
import shutil
from importlib.resources import files
from pathlib import Path

import jsonschema
from conftest import EXAMPLE, run_cli

from treatydiff.model import Direction, Finding, Party
from treatydiff.views.perspective import perspective_of

SCHEMA = json.loads((files("treatydiff") / "schemas" / "comparison.schema.json").read_text(encoding="utf-8"))
PARTIES = (Party("AM", "Armenia"), Party("AZ", "Azerbaijan"))


def _json(*extra: str) -> dict[str, object]:
    result = run_cli("compare", "--negotiation", EXAMPLE, "r7-az", "r8-am", "-f", "json", *extra)
    assert result.exit_code == 0, result.stderr
    document: dict[str, object] = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    return document


def _art7(document: dict[str, object]) -> dict[str, object]:
    findings = document["findings"]
    assert isinstance(findings, list)
    (art7,) = [f for f in findings if f["code"] == "qualifier-removed" and f["obligated"] == ["AZ"]]
    return art7  # type: ignore[no-any-return]


def test_the_same_finding_is_a_gain_for_one_side_and_a_cost_for_the_other() -> None:
    for_am, for_az = _art7(_json("--as", "AM")), _art7(_json("--as", "AZ"))
    assert for_am["perspective"] == {
        "party": "AM", "effect": "gain",
        "reason": "strengthens the obligation of Republic of Azerbaijan, which Republic of Armenia benefits from"}
    assert for_az["perspective"] == {
        "party": "AZ", "effect": "cost",
        "reason": "strengthens Republic of Azerbaijan's own obligation, which Republic of Armenia benefits from"}
    assert for_am["id"] == for_az["id"]


def test_an_obligation_of_all_the_parties_is_neutral_for_each() -> None:
    for party in ("AM", "AZ"):
        findings = _json("--as", party)["findings"]
        assert isinstance(findings, list)
        shared = [f for f in findings if f["obligated"] == ["AM", "AZ"]]
        assert shared, "the example's last comparison moves obligations of both parties"
        for finding in shared:
            assert finding["perspective"]["effect"] == "neutral"
            assert "all the Parties" in finding["perspective"]["reason"]


def test_without_as_there_is_no_perspective_and_every_finding_has_an_id() -> None:
    findings = _json()["findings"]
    assert isinstance(findings, list) and findings
    assert all("perspective" not in f for f in findings)
    ids = [f["id"] for f in findings]
    assert len(set(ids)) == len(ids)


def test_weakening_a_partys_own_obligation_is_its_gain_and_the_others_cost() -> None:
    weakened = Finding("obligation-weakened", Direction.REGRESSION, "p1", "Article 5", "Article 5", "shall", "should", "r",
                       "…", obligated=("AZ",), favours=("AZ",))
    assert perspective_of(weakened, "AZ", PARTIES).effect == "gain"
    cost = perspective_of(weakened, "AM", PARTIES)
    assert (cost.effect, cost.reason) == ("cost", "weakens the obligation of Azerbaijan, which Armenia benefits from")
    own = perspective_of(weakened, "AZ", PARTIES)
    assert (own.effect, own.reason) == ("gain", "weakens Azerbaijan's own obligation")
    review = Finding("number-changed", Direction.REVIEW, "p1", "Article 5", "Article 5", "3", "4", "r", "…", obligated=("AZ",))
    assert perspective_of(review, "AM", PARTIES).effect == "neutral"


def test_every_output_shows_the_perspective() -> None:
    text = run_cli("compare", "--negotiation", EXAMPLE, "r7-az", "r8-am", "--as", "AM").stdout
    assert "for AM: gain — strengthens the obligation of Republic of Azerbaijan, which Republic of Armenia benefits from" in text
    page = run_cli("compare", "--negotiation", EXAMPLE, "r7-az", "r8-am", "--as", "AZ", "-f", "html").stdout
    assert '<p class="finding-perspective effect-cost"><strong>Cost</strong> for AZ: cost' in page
    history = run_cli("history", EXAMPLE, "Article 7", "--as", "AM").stdout
    assert "for AM: gain" in history
    history_json = json.loads(run_cli("history", EXAMPLE, "Article 7", "--as", "AZ", "-f", "json").stdout)
    effects = [f["perspective"]["effect"] for r in history_json["rounds"] for f in r["findings"]]
    assert history_json["perspective"] == "AZ" and "cost" in effects
    synopsis = run_cli("synopsis", EXAMPLE, "--as", "AM").stdout
    assert "their (AZ) last" in synopsis or "our (AM) last" in synopsis


def test_the_report_takes_a_side(tmp_path: Path) -> None:
    result = run_cli("report", EXAMPLE, "-o", tmp_path / "site", "--as", "AZ")
    assert result.exit_code == 0, result.stderr
    page = (tmp_path / "site" / "rounds" / "r8-am.html").read_text(encoding="utf-8")
    assert "for AZ: cost — strengthens Republic of Azerbaijan&#39;s own obligation" in page


def test_perspective_in_negotiation_yaml_is_the_default(tmp_path: Path) -> None:
    folder = tmp_path / "talks"
    shutil.copytree(EXAMPLE, folder)
    config = folder / "negotiation.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("rounds:\n", "perspective: AM\nrounds:\n", 1), encoding="utf-8")
    document = json.loads(run_cli("compare", "--negotiation", folder, "r7-az", "r8-am", "-f", "json").stdout)
    assert _art7(document)["perspective"]["effect"] == "gain"  # type: ignore[index]
    overridden = json.loads(run_cli("compare", "--negotiation", folder, "r7-az", "r8-am", "-f", "json", "--as", "AZ").stdout)
    assert _art7(overridden)["perspective"]["effect"] == "cost"  # type: ignore[index]


def test_a_party_that_is_not_one_is_refused_in_one_line(tmp_path: Path) -> None:
    out = tmp_path / "r8.html"
    result = run_cli("compare", "--negotiation", EXAMPLE, "r7-az", "r8-am", "--as", "XX", "-o", out)
    assert result.exit_code == 2 and "--as 'XX' is not one of the parties (AM, AZ)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not out.exists()
    loose = run_cli("compare", EXAMPLE / "rounds" / "r7-az.yaml", EXAMPLE / "rounds" / "r8-am.yaml", "--as", "AM")
    assert loose.exit_code == 2 and "--as AM needs a negotiation" in loose.stderr


def test_the_docx_findings_table_says_what_each_finding_means_for_the_party() -> None:
    from treatydiff.render import RenderOptions
    from treatydiff.render.docx_redline import finding_rows
    from treatydiff.usecases import compare_sources

    comparison = compare_sources("r7-az", "r8-am", negotiation_dir=EXAMPLE)
    rows = finding_rows(comparison, RenderOptions(perspective="AM").perspective)
    (art7,) = [r for r in rows if r[1] == "Article 7(3)"]
    assert art7[4].endswith(" For AM: gain — strengthens the obligation of Republic of Azerbaijan, which Republic of Armenia benefits from.")
    assert all("For AM:" not in r[4] for r in finding_rows(comparison))
