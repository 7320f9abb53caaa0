"""`treatydiff compare --fail-on regression` exits 1 when a regression is found."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLE, run_cli

from treatydiff.formats.clausefile import dump_round
from treatydiff.model import Provision, Round, RoundInfo


def _write(path: Path, text: str) -> Path:
    path.write_text(dump_round(Round(RoundInfo(label=path.stem), (Provision(id="a1", label="Article 1", text=text),))), encoding="utf-8")
    return path


def test_fail_on_regression_exits_1_and_still_reports(tmp_path: Path) -> None:
    old = _write(tmp_path / "old.yaml", "The Parties shall open all transport links within 30 days.")
    new = _write(tmp_path / "new.yaml", "The Parties should open transport links within 90 days.")
    result = run_cli("compare", old, new, "--fail-on", "regression", "-o", tmp_path / "report.json")
    assert result.exit_code == 1
    assert "regression" in result.stderr
    assert (tmp_path / "report.json").exists()


def test_fail_on_regression_passes_on_progress(tmp_path: Path) -> None:
    old = _write(tmp_path / "old.yaml", "The Parties should open transport links.")
    new = _write(tmp_path / "new.yaml", "The Parties shall open transport links.")
    result = run_cli("compare", old, new, "--fail-on", "regression", "-f", "json")
    assert result.exit_code == 0, result.stderr


@pytest.mark.skipif(not (EXAMPLE / "negotiation.yaml").exists(), reason="example negotiation not written yet")
def test_fail_on_regression_on_the_example_rounds() -> None:
    result = run_cli("compare", "r1-az", "r2-am", "--negotiation", EXAMPLE, "--fail-on", "regression", "-f", "json")
    assert result.exit_code == 1
    assert result.stderr.startswith("policy:")
