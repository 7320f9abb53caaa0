"""Who proposes vs who is bound (issue 13): round authors who are not parties (chair, co-chairs,
presidency …) are never obligated; "the Parties", "each Party", "all Parties" bind every party;
what binds a group binds its members; a bad config is one line and exit 2.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPORA, requires_corpora, run_cli

from treatydiff.formats.negotiation import load_negotiation

OLD = """## Article 4

1. Parties shall communicate a nationally determined contribution every five years.

2. The European Union shall report on support provided.
"""
NEW = """## Article 4

1. Parties should communicate a nationally determined contribution every five years.

2. The European Union should report on support provided.
"""


def _folder(tmp_path: Path, config_tail: str = "") -> Path:
    folder = tmp_path / "talks"
    (folder / "rounds").mkdir(parents=True)
    (folder / "negotiation.yaml").write_text(
        "treatydiff: 1\ntitle: Climate talks\nparties:\n"
        "  - {code: EU, name: European Union, aliases: [the European Union], members: [FR, DE]}\n"
        "  - {code: FR, name: France}\n  - {code: DE, name: Germany}\n  - {code: US, name: United States}\n"
        + config_tail + "rounds: []\n", encoding="utf-8")
    return folder


def _drafts(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "v1.md", tmp_path / "v2.md"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return old, new


def test_rounds_by_co_chairs_and_a_presidency_bind_neither(tmp_path: Path) -> None:
    folder, (old, new) = _folder(tmp_path), _drafts(tmp_path)
    first = run_cli("add", folder, old, "--author", "CO-CHAIRS", "--role", "co-chairs", "--name", "v1")
    assert first.exit_code == 0 and "registered author CO-CHAIRS" in first.stdout
    assert run_cli("add", folder, new, "--author", "PRES", "--role", "presidency", "--name", "v2").exit_code == 0
    negotiation = load_negotiation(folder)
    assert [(a.code, a.role) for a in negotiation.authors] == [("CO-CHAIRS", "co-chairs"), ("PRES", "presidency")]
    assert [p.code for p in negotiation.parties] == ["EU", "FR", "DE", "US"]  # no author became a party
    checked = run_cli("check", folder)
    assert checked.exit_code == 0 and "4 parties (1 of them groups), 2 authors who are not parties (CO-CHAIRS, PRES)" in checked.stdout
    result = run_cli("compare", "--negotiation", folder, "v1", "v2", "-f", "json")
    assert result.exit_code == 0, result.stderr
    findings = json.loads(result.stdout)["findings"]
    weakened = {f["new_words"]: f for f in findings if f["code"] == "obligation-weakened"}
    assert len(weakened) >= 1
    for finding in findings:
        assert "CO-CHAIRS" not in finding["obligated"] and "PRES" not in finding["obligated"]
    by_words = [f for f in findings if f["code"] == "obligation-weakened"]
    obligated = sorted(tuple(f["obligated"]) for f in by_words)
    # "Parties should": every party; "The European Union should": the group and its members.
    assert obligated == [("EU", "FR", "DE"), ("EU", "FR", "DE", "US")]
    page = run_cli("compare", "--negotiation", folder, "v1", "v2", "-f", "html").stdout
    assert "<dt>Proposed by</dt><dd>PRES (presidency, not a party)</dd>" in page
    parties_lines = [line for line in page.splitlines() if 'class="finding-parties"' in line]
    assert parties_lines and not any("CO-CHAIRS" in line or "PRES" in line for line in parties_lines)


@pytest.mark.parametrize(("tail", "expected"), [
    ("authors:\n  - {code: CHAIR, name: Chair, role: king}\n", "unknown author role 'king'"),
    ("authors:\n  - {code: FR, name: Chair}\n", "author code 'FR' is used twice"),
    ("perspective: CHAIR\nauthors:\n  - {code: CHAIR, name: Chair}\n", "perspective 'CHAIR' is not one of the parties"),
])
def test_a_bad_config_is_one_line_and_exit_2(tmp_path: Path, tail: str, expected: str) -> None:
    folder = _folder(tmp_path, tail)
    result = run_cli("check", folder)
    assert result.exit_code == 2
    assert expected in result.stderr and "negotiation.yaml" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_a_group_member_that_is_not_a_party_is_refused_with_its_line(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    config = folder / "negotiation.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("members: [FR, DE]", "members: [FR, IT]"), encoding="utf-8")
    result = run_cli("check", folder)
    assert result.exit_code == 2 and "group 'EU' lists member 'IT', which is not one of the parties" in result.stderr
    assert "negotiation.yaml:4" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_party_and_author_together_are_refused_and_nothing_is_written(tmp_path: Path) -> None:
    folder, (old, _new) = _folder(tmp_path), _drafts(tmp_path)
    before = (folder / "negotiation.yaml").read_bytes()
    result = run_cli("add", folder, old, "--party", "FR", "--author", "CHAIR")
    assert result.exit_code == 2 and "--party and --author both given" in result.stderr
    assert (folder / "negotiation.yaml").read_bytes() == before and not any((folder / "rounds").iterdir())
    party_as_author = run_cli("add", folder, old, "--author", "FR")
    assert party_as_author.exit_code == 2 and "'FR' is a party, not an author" in party_as_author.stderr


PARIS = CORPORA / "paris_agreement_2015" / "markdown"


@requires_corpora()
def test_a_paris_negotiation_built_with_init_and_add_obligates_no_author(tmp_path: Path) -> None:
    folder = tmp_path / "paris"
    assert run_cli("init", folder, "--title", "Paris Agreement negotiation").exit_code == 0
    assert run_cli("add", folder, PARIS / "v2_2015-12-04_ADP-compilation_draft-agreement.md", "--author", "ADP-CO-CHAIRS",
                   "--role", "co-chairs", "--date", "2015-12-04", "--name", "v2").exit_code == 0
    assert run_cli("add", folder, PARIS / "v3_2015-12-09_draft-paris-outcome_agreement.md", "--author", "COP21-PRES",
                   "--role", "presidency", "--date", "2015-12-09", "--name", "v3").exit_code == 0
    result = run_cli("compare", "--negotiation", folder, "v2", "v3", "-f", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["findings"], "the Paris pair has findings"
    assert all(not f["obligated"] for f in document["findings"])  # no party listed: none assumed
    page = run_cli("compare", "--negotiation", folder, "v2", "v3", "-f", "html").stdout
    assert "Obligation of: ADP-CO-CHAIRS" not in page and "Obligation of: COP21-PRES" not in page
