"""Review that is remembered (issue 13): stable finding ids, `treatydiff review` decisions in
reviews.yaml, dismissed findings shown apart and counted nowhere, across re-runs and new rounds.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

from conftest import EXAMPLE, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from treatydiff.model import Comparison, Direction, Finding
from treatydiff.usecases import compare_sources
from treatydiff.views.perspective import finding_ids

ART7 = "art-transport-3.qualifier-removed"
_BASE = compare_sources("r7-az", "r8-am", negotiation_dir=EXAMPLE)
_KEYS = sorted(pair.key for pair in _BASE.walk())


def _negotiation(tmp_path: Path) -> Path:
    folder = tmp_path / "talks"
    shutil.copytree(EXAMPLE, folder)
    return folder


def _document(folder: Path, *extra: str) -> dict[str, object]:
    result = run_cli("compare", "--negotiation", folder, "r7-az", "r8-am", "-f", "json", *extra)
    assert result.exit_code == 0, result.stderr
    document: dict[str, object] = json.loads(result.stdout)
    return document


# --- ids --------------------------------------------------------------------------------


_findings = st.builds(
    Finding,
    code=st.sampled_from(["obligation-weakened", "qualifier-added", "deadline-extended", "brackets-opened"]),
    direction=st.sampled_from(list(Direction)),
    pair_key=st.sampled_from(_KEYS),
    old_label=st.none(),
    new_label=st.none(),
    old_words=st.text(alphabet="abc ", max_size=6),
    new_words=st.text(alphabet="abc ", max_size=6),
    rule=st.just("r"),
    explanation=st.just("…"),
)


def _with(findings: list[Finding]) -> Comparison:
    return replace(_BASE, findings=tuple(findings))


@settings(max_examples=200, deadline=None)
@given(st.lists(_findings, max_size=8), _findings, st.integers(min_value=0, max_value=8))
def test_adding_an_unrelated_finding_changes_no_other_id(findings: list[Finding], extra: Finding, at: int) -> None:
    key = (extra.pair_key, extra.code, extra.old_words, extra.new_words)
    others = [f for f in findings if (f.pair_key, f.code, f.old_words, f.new_words) != key]  # unrelated: not the same words
    before = finding_ids(_with(others))
    position = min(at, len(others))
    after = finding_ids(_with([*others[:position], extra, *others[position:]]))
    assert after[:position] + after[position + 1 :] == before
    assert len(set(after)) == len(after)


def test_ids_come_from_the_provision_not_from_its_place(tmp_path: Path) -> None:
    ids = [f["id"] for f in _document(EXAMPLE)["findings"]]  # type: ignore[union-attr]
    assert any(i.startswith(ART7 + ".") for i in ids)
    assert ids == [f["id"] for f in _document(EXAMPLE)["findings"]]  # type: ignore[union-attr]
    # Other words, another id: a finding whose words changed again is a new finding.
    finding = next(f for f in _BASE.findings if f.code == "qualifier-removed" and f.obligated == ("AZ",))
    changed = replace(finding, old_words="in accordance with its laws")
    assert finding_ids(_with([finding]))[0] != finding_ids(_with([changed]))[0]


# --- review -----------------------------------------------------------------------------


def test_a_dismissed_finding_is_shown_apart_and_counted_nowhere(tmp_path: Path) -> None:
    folder = _negotiation(tmp_path)
    before = _document(folder)
    result = run_cli("review", folder, ART7, "--dismiss", "the qualifier moved to Article 7(4)")
    assert result.exit_code == 0, result.stderr
    assert f"dismissed {ART7}." in result.stdout and "(r7-az → r8-am)" in result.stdout
    assert "decision: dismissed" in (folder / "reviews.yaml").read_text(encoding="utf-8")
    after = _document(folder)
    (dismissed,) = after["dismissed"]  # type: ignore[misc]
    assert dismissed["review"] == {"decision": "dismissed", "note": "the qualifier moved to Article 7(4)"}
    assert all(not f["id"].startswith(ART7) for f in after["findings"])  # type: ignore[union-attr]
    assert after["summary"]["findings"] == before["summary"]["findings"] - 1  # type: ignore[index]
    az = next(p for p in after["by_party"]["parties"] if p["party"] == "AZ")  # type: ignore[index]
    assert (az["obligations_strengthened"], az["findings_against"]) == (0, 0)
    text = run_cli("compare", "--negotiation", folder, "r7-az", "r8-am").stdout
    assert "Dismissed on review (1), counted nowhere" in text and "dismissed on review: the qualifier moved to Article 7(4)" in text
    page = run_cli("compare", "--negotiation", folder, "r7-az", "r8-am", "-f", "html").stdout
    assert "Dismissed on review (1), counted nowhere" in page and "the qualifier moved to Article 7(4)" in page
    # --fail-on counts what is kept: the dismissed finding was progress, the regressions remain.
    assert run_cli("compare", "--negotiation", folder, "r7-az", "r8-am", "--fail-on", "regression").exit_code == 1


def test_a_confirmed_finding_says_so_and_decisions_survive_a_new_round(tmp_path: Path) -> None:
    folder = _negotiation(tmp_path)
    first = next(f["id"] for f in _document(folder)["findings"] if f["code"] == "deadline-extended")  # type: ignore[union-attr]
    assert run_cli("review", folder, first, "--confirm", "checked against the delegation's note").exit_code == 0
    assert run_cli("review", folder, ART7, "--dismiss", "moved, same effect").exit_code == 0
    new_round = tmp_path / "r9.yaml"
    new_round.write_text((folder / "rounds" / "r8-am.yaml").read_text(encoding="utf-8")
                         .replace('label: "Round 8"', 'label: "Round 9"').replace("number: 8", "number: 9")
                         .replace('date: "2025-03-10"', 'date: "2025-04-01"'), encoding="utf-8")
    added = run_cli("add", folder, new_round, "--name", "r9-az", "--party", "AZ", "--label", "Round 9")
    assert added.exit_code == 0, added.stderr
    document = _document(folder)
    confirmed = next(f for f in document["findings"] if f["id"] == first)  # type: ignore[union-attr]
    assert confirmed["review"] == {"decision": "confirmed", "note": "checked against the delegation's note"}
    assert [d["id"].startswith(ART7) for d in document["dismissed"]] == [True]  # type: ignore[union-attr]
    site = tmp_path / "site"
    assert run_cli("report", folder, "-o", site).exit_code == 0
    page = (site / "rounds" / "r8-am.html").read_text(encoding="utf-8")
    assert "Dismissed on review (1), counted nowhere" in page and "moved, same effect" in page


def test_bad_review_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    folder = _negotiation(tmp_path)
    for args, expected in (
        (["no-such-finding", "--dismiss", "why"], "no finding 'no-such-finding' in this negotiation"),
        ([ART7, "--dismiss", "why", "--confirm", "why"], "give one of --confirm WHY or --dismiss WHY"),
        ([ART7], "give one of --confirm WHY or --dismiss WHY"),
        ([ART7, "--dismiss", "  "], "a review decision needs a reason"),
        (["art-", "--dismiss", "why"], "names"),
    ):
        result = run_cli("review", folder, *args)
        assert result.exit_code == 2, args
        assert expected in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not (folder / "reviews.yaml").exists()
    (folder / "reviews.yaml").write_text("treatydiff: 1\nreviews:\n  - finding: x\n    decision: maybe\n", encoding="utf-8")
    bad = run_cli("compare", "--negotiation", folder, "r7-az", "r8-am")
    assert bad.exit_code == 2 and "reviews.yaml:4" in bad.stderr and "unknown decision 'maybe'" in bad.stderr
