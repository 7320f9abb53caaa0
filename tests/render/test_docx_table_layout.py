"""The rebuilt report's tables, printed: no word cut across lines in a narrow column.

The per-party table has six columns; laid out by the reader's own fitting, LibreOffice cut
its headers inside words ("obligatio / ns", "strengthene / d").  Each column is now at least
as wide as its longest word.  Checked on the PDF LibreOffice exports (through UNO), read with
pdftotext: no header word, nor any word of any cell, comes out in two pieces.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE, IN_CI, run_cli
from uno_run import libreoffice_ready, uno_results

from treatydiff.views.parties import TABLE_HEADER

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(not IN_CI and not libreoffice_ready(), reason="LibreOffice or python3-uno missing"),
]
ROUNDS = sorted((EXAMPLE / "rounds").glob("r*.yaml"))


def _make(folder: Path) -> list[Path]:
    files = []
    for old, new in ((ROUNDS[0], ROUNDS[1]), (ROUNDS[-2], ROUNDS[-1])):
        out = folder / f"report-{old.stem}-{new.stem}.docx"
        assert run_cli("compare", old, new, "-o", out).exit_code == 0
        files.append(out)
    return files


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    return uno_results(tmp_path_factory, "docx-table-layout", _make)


def _cut(tokens: list[str], words: set[str]) -> list[str]:
    """Words of ``words`` that appear as two consecutive pieces (with or without a hyphen)."""
    return sorted({a + b for a, b in itertools.pairwise(tokens)
                   if a.rstrip("-") + b in words or a + b in words})


def test_no_header_word_of_the_party_table_is_cut_in_the_pdf(office: dict[str, dict[str, Any]]) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) missing: the PDF's text was not read")
    headers = {word for header in TABLE_HEADER for word in header.split()}
    assert {"obligations", "strengthened", "weakened"} <= headers
    for name in ("report-r1-az-r2-am", f"report-{ROUNDS[-2].stem}-{ROUNDS[-1].stem}"):
        result = office[name]
        assert result["loaded"] and "pdf" in result, result.get("error")
        text = subprocess.run(["pdftotext", result["pdf"], "-"], capture_output=True, text=True, check=True).stdout
        tokens = text.split()
        assert "strengthened" in tokens and "obligations" in tokens, name
        assert _cut(tokens, headers) == [], name
        # No word of the party table's cells either (its first column has the longest ones).
        cells = {w.strip(",;:()") for w in re.findall(r"\S+", " ".join(TABLE_HEADER) + " regression(s), favour") if len(w) > 4}
        assert _cut([t.strip(",;:()") for t in tokens], cells) == [], name
