"""Shared test helpers: the CLI runner, the example negotiation, the corpora folder."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from corpus_summary import pytest_terminal_summary  # noqa: F401 - the hook: one loud line for skipped corpus tests
from docx_xml_check import written_docx_faults

from treatydiff.cli import main

TESTS = Path(__file__).resolve().parent  # the data files and helpers live here, whatever subfolder a test is in
REPO = TESTS.parent
EXAMPLE = REPO / "drafts" / "caucasus-peace"
# CI clones the repository next to a copy of shared/, as the developers' checkout is.
CORPORA = REPO.parent / "shared" / "corpora"
IN_CI = os.environ.get("CI") == "true"
# Comparison caches of `history`, `report` … never touch the user's ~/.cache during tests.
os.environ.setdefault("TREATYDIFF_CACHE_DIR", tempfile.mkdtemp(prefix="treatydiff-test-cache-"))


@dataclass(frozen=True)
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


def run_cli(*args: str | os.PathLike[str]) -> CliResult:
    """Run the CLI in-process and capture both streams separately."""
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return CliResult(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def cli():  # type: ignore[no-untyped-def]
    return run_cli


def requires_corpora() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is absent")


@pytest.fixture(autouse=True)
def _docx_written_is_sound(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Every DOCX a test makes treatydiff write passes the lxml checker (tests/docx_xml_check.py)."""
    found = written_docx_faults(monkeypatch)
    yield
    assert found == [], "a DOCX treatydiff wrote has faults: " + "; ".join(found[:5])
