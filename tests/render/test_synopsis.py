"""The synopsis table: rows follow provisions through the chain; cells redline leftwards."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from conftest import EXAMPLE, run_cli
from history_factory import timeline

from treatydiff.errors import UsageError
from treatydiff.render.synopsis import synopsis_html
from treatydiff.render.synopsis_docx import synopsis_docx
from treatydiff.views.synopsis import default_columns, synopsis_view

needs_example = pytest.mark.skipif(not (EXAMPLE / "negotiation.yaml").exists(), reason="example negotiation absent")


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """CLI runs cache comparisons; keep them out of the developer's ~/.cache."""
    monkeypatch.setenv("TREATYDIFF_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def _row(view, title_start: str):  # type: ignore[no-untyped-def]
    return next(r for r in view.rows if r.title.startswith(title_start))


def test_default_columns_are_first_each_partys_last_and_current() -> None:
    assert default_columns(timeline()) == ("r1-az", "r4-am", "r5-az")


def test_rows_follow_renumbering_split_merge_and_deletion() -> None:
    view = synopsis_view(timeline())
    assert [c.caption for c in view.columns] == ["first proposal", "AM's last", "current"]
    borders = _row(view, "Article 2 — Borders")
    assert [c.labels for c in borders.cells] == ["Article 2", "Article 4", "Article 2"]
    assert any(f.tag == "ins" and f.text.strip() == "fully" for f in borders.cells[1].fragments)
    withdrawal = _row(view, "Article 3 — Withdrawal")
    assert [c.labels for c in withdrawal.cells] == ["", "Article 5", "Article 3"]
    assert withdrawal.cells[1].note == "from Article 2"
    merged = _row(view, "Article 1 — Definitions")
    assert merged.cells[0].labels == "Article 1" and merged.cells[1].labels == "Article 1 + Article 2"
    transport = _row(view, "Article 3 — Transport")
    assert transport.cells[2].labels == "" and transport.cells[2].note == "deleted"
    # A provision that did not change between two columns has no marks.
    assert not withdrawal.cells[2].changed


def test_chosen_rounds_must_exist_and_be_in_order() -> None:
    with pytest.raises(UsageError, match="no round named 'r9'"):
        synopsis_view(timeline(), ["r1-az", "r9"])
    with pytest.raises(UsageError, match="in negotiation order"):
        synopsis_view(timeline(), ["r3-az", "r1-az"])


def test_html_escapes_and_marks_changes() -> None:
    html = synopsis_html(synopsis_view(timeline(), ["r1-az", "r2-am"])).decode()
    assert "<del>thirty</del><ins>ninety</ins>" in html
    assert "&#x27;border&#x27;" in html  # treaty text is escaped
    assert html == synopsis_html(synopsis_view(timeline(), ["r1-az", "r2-am"])).decode()


def test_docx_is_a_table_with_coloured_changes_and_deterministic() -> None:
    view = synopsis_view(timeline())
    data = synopsis_docx(view, date="2024-05-01")
    assert data == synopsis_docx(view, date="2024-05-01")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {i.date_time for i in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    document = docx.Document(io.BytesIO(data))
    table = document.tables[0]
    assert len(table.rows) == len(view.rows) + 1 and len(table.columns) == 4
    runs = [run for row in table.rows for cell in row.cells for p in cell.paragraphs for run in p.runs]
    assert any(run.font.underline and run.text.strip() == "fully" for run in runs)
    assert any(run.font.strike and "withdraw its armed forces" in run.text for run in runs)  # split off in r4


@needs_example
def test_cli_synopsis_html_and_docx(tmp_path) -> None:  # type: ignore[no-untyped-def]
    html = tmp_path / "s.html"
    result = run_cli("synopsis", EXAMPLE, "--rounds", "r1-az,r4-am,r8-am", "-o", html)
    assert result.exit_code == 0, result.stderr
    text = html.read_text(encoding="utf-8")
    assert "first proposal" in text and "current" in text
    out = tmp_path / "s.docx"
    assert run_cli("synopsis", EXAMPLE, "-o", out).exit_code == 0
    assert docx.Document(str(out)).tables
    bad = run_cli("synopsis", EXAMPLE, "-o", tmp_path / "s.pdf")
    assert bad.exit_code == 2 and "end the file name in .html, .docx or .txt" in bad.stderr
