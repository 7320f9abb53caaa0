"""`compare --baseline ROUND` (issue 13): a draft measured against an earlier round of the
negotiation that stands for what was agreed, not only against the previous round; bad use is
one line and exit 2, with nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLE, run_cli


def test_the_draft_is_measured_against_the_baseline_round() -> None:
    measured = run_cli("compare", "--negotiation", EXAMPLE, "--baseline", "r4-am", "r7-az", "-f", "json")
    assert measured.exit_code == 0, measured.stderr
    assert "baseline: measuring r7-az against r4-am" in measured.stderr
    plain = run_cli("compare", "--negotiation", EXAMPLE, "r4-am", "r7-az", "-f", "json")
    assert measured.stdout == plain.stdout  # the same comparison, byte for byte
    document = json.loads(measured.stdout)
    previous = json.loads(run_cli("compare", "--negotiation", EXAMPLE, "r6-am", "r7-az", "-f", "json").stdout)
    # Against the baseline, the seventh round also answers for what r5-az and r6-am changed.
    assert {f["id"] for f in document["findings"]} != {f["id"] for f in previous["findings"]}
    assert any(f["id"].startswith("art-missing-4.commitment-deleted.") for f in document["findings"])  # deleted in r5-az


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--negotiation", EXAMPLE, "--baseline", "r9", "r7-az"), "--baseline 'r9' is not a round of the negotiation"),
        (("--negotiation", EXAMPLE, "--baseline", "r7-az", "r4-am"), "the baseline r7-az does not come before r4-am"),
        (("--baseline", "r4-am", "r7-az"), "--baseline names a round of a negotiation folder"),
        (("--negotiation", EXAMPLE, "--baseline", "r4-am", "r6-am", "r7-az"), "--baseline takes the place of OLD"),
        (("r4-am",), "missing NEW"),
    ],
)
def test_bad_baselines_are_one_line_and_exit_2(tmp_path: Path, args: tuple[object, ...], message: str) -> None:
    out = tmp_path / "report.json"
    result = run_cli("compare", *args, "-o", out)
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == [result.stderr.strip().splitlines()[-1]]
    assert "Traceback" not in result.stderr and not out.exists()
