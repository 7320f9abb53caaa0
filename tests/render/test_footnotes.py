"""Footnotes and endnotes are part of the text: compared, analysed and shown in every report.

A changed footnote was once reported "unchanged" and `--fail-on any-change` exited 0.
"""

from __future__ import annotations

import json
from dataclasses import replace
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from conftest import run_cli
from docx_cases import normalise
from docx_xml_check import texts as docx_texts
from fixtures.docx_builder import docx_bytes, footnote_ref, para, write

from treatydiff.model import ChangeKind, Op, Provision, Round, RoundInfo
from treatydiff.pipeline import compare
from treatydiff.render import RenderOptions, render
from treatydiff.render.docx_layout import round_lines

SCHEMA = json.loads((files("treatydiff") / "schemas" / "comparison.schema.json").read_text(encoding="utf-8"))


def _draft(note: str) -> bytes:
    body = "".join([
        para("Article 1", style="Heading1"),
        para("The Parties shall respect the border", footnote_ref(1), "."),
        para("Article 2", style="Heading1"),
        para("This Treaty enters into force on signature."),
    ])
    return docx_bytes(body, footnotes={1: note})


@pytest.fixture
def drafts(tmp_path: Path) -> tuple[Path, Path]:
    old = write(tmp_path / "old.docx", _draft("Each Party shall notify the other of any incident."))
    new = write(tmp_path / "new.docx", _draft("Each Party should notify the other of any incident."))
    return old, new


def test_a_changed_footnote_is_a_change_and_trips_any_change(drafts: tuple[Path, Path]) -> None:
    old, new = drafts
    result = run_cli("compare", old, new, "--no-color", "--fail-on", "any-change")
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "Article 1 [modified]" in result.stdout
    notes_line = next(line for line in result.stdout.splitlines() if line.strip().startswith("notes:"))
    assert "⟦-shall-⟧⟦+should+⟧" in notes_line.replace(" ", "")
    assert "Article 2" not in result.stdout.split("Findings")[0]  # unchanged articles stay out


def test_a_changed_footnote_is_analysed(drafts: tuple[Path, Path]) -> None:
    old, new = drafts
    result = run_cli("compare", old, new, "--format", "json")
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    weakened = [f for f in document["findings"] if f["code"] == "obligation-weakened"]
    assert weakened and "footnote" in weakened[0]["explanation"]
    assert (weakened[0]["old_words"], weakened[0]["new_words"]) == ("shall", "should")


def test_json_has_the_notes_diff(drafts: tuple[Path, Path]) -> None:
    old, new = drafts
    result = run_cli("compare", old, new, "--format", "json")
    document = json.loads(result.stdout)
    article = document["pairs"][0]
    assert article["kinds"] == ["modified"]
    assert article["old"]["notes"] == "[^1] Each Party shall notify the other of any incident."
    changed = [(s["op"], s["text"]) for s in article["notes_segments"] if s["op"] != "equal"]
    assert changed == [("delete", "shall"), ("insert", "should")]
    assert document["summary"]["kinds"]["modified"] == 1


def test_html_and_docx_show_the_notes(drafts: tuple[Path, Path], tmp_path: Path) -> None:
    # Imported here so that pytest does not collect the redline tests twice.
    from test_docx_redline import resolve

    old, new = drafts
    html, redline = tmp_path / "r.html", tmp_path / "r.docx"
    assert run_cli("compare", old, new, "-o", html).exit_code == 0
    page = html.read_text(encoding="utf-8")
    assert 'class="text footnotes"' in page
    assert "<del" in page.split('class="text footnotes"', 1)[1].split("</div>", 1)[0]
    # NEW is a Word draft: the redline is its own document, the note tracked in its footnote.
    assert run_cli("compare", old, new, "-o", redline).exit_code == 0
    data = redline.read_bytes()
    assert docx_texts(data, accept=True, part="word/footnotes.xml") == ["Each Party should notify the other of any incident."]
    assert docx_texts(data, accept=False, part="word/footnotes.xml") == ["Each Party shall notify the other of any incident."]
    # The rebuilt redline (a NEW that is not a Word draft) shows the notes as lines after the text.
    from treatydiff.usecases import compare_sources

    data = render(compare_sources(str(old), str(new)), "docx")
    accepted, rejected = normalise(resolve(data, accept=True)), normalise(resolve(data, accept=False))
    assert "[^1] Each Party should notify the other of any incident." in accepted
    assert "[^1] Each Party shall notify the other of any incident." in rejected


def _round(label: str, notes: str | None, text: str = "The Parties shall cooperate.") -> Round:
    return Round(RoundInfo(label=label), (Provision(id="a1", label="Article 1", text=text, notes=notes),))


@pytest.mark.parametrize(("old_notes", "new_notes"), [
    ("[^1] As agreed in 2023.", "[^1] As agreed in 2024."),
    (None, "[^1] A note added."),
    ("[^1] A note deleted.", None),
])
def test_notes_segments_rebuild_both_sides_and_the_redline(old_notes: str | None, new_notes: str | None) -> None:
    old, new = _round("R1", old_notes), _round("R2", new_notes)
    comparison = compare(old, new)
    (pair,) = comparison.pairs
    assert ChangeKind.MODIFIED in pair.kinds
    rebuilt_old = "".join(s.text for s in pair.notes_segments if s.op != Op.INSERT)
    rebuilt_new = "".join(s.text for s in pair.notes_segments if s.op != Op.DELETE)
    assert (rebuilt_old, rebuilt_new) == (old_notes or "", new_notes or "")
    assert compare(old, old).pairs[0].kinds == (ChangeKind.UNCHANGED,)
    from test_docx_redline import resolve

    data = render(comparison, "docx", RenderOptions(comments=False))
    assert normalise(resolve(data, accept=True))[-len(normalise(round_lines(new))):] == normalise(round_lines(new))
    assert normalise(resolve(data, accept=False))[-len(normalise(round_lines(old))):] == normalise(round_lines(old))


def test_the_comparison_cache_keeps_the_notes_diff() -> None:
    from treatydiff.timeline.cache import CachedPairs, encode_comparison

    old, new = _round("R1", "[^1] As agreed in 2023."), _round("R2", "[^1] As agreed in 2024.")
    comparison = compare(old, new)
    decoded = CachedPairs.load(encode_comparison(comparison), old, new).materialize()
    assert decoded == comparison and decoded.pairs[0].notes_segments == comparison.pairs[0].notes_segments


def test_a_footnote_marker_is_not_a_bracket() -> None:
    from treatydiff.analysis.brackets import tally

    assert tally("The Parties shall respect the border[^1].") == tally("The Parties shall respect the border.")
    assert tally("[shall][should] notify[^ii] [the other Party]").brackets == 3


def test_a_clause_history_shows_its_notes_changing() -> None:
    from treatydiff.model import Negotiation
    from treatydiff.render.history import history_json, history_text
    from treatydiff.render.negotiation_html import redline_html
    from treatydiff.timeline.history import clause_history
    from treatydiff.timeline.timeline import timeline_from_comparisons
    from treatydiff.views.negotiation import entry_view

    first = replace(_round("R1", "[^1] As agreed in 2023."), name="r1")
    second = replace(_round("R2", "[^1] As agreed in 2024."), name="r2")
    negotiation = Negotiation(title="Notes", parties=(), rounds=(first, second))
    history = clause_history(timeline_from_comparisons(negotiation, (compare(first, second),)), "Article 1")
    entry = history.entries[-1]
    assert entry.changed and ChangeKind.MODIFIED in entry.kinds
    assert "notes: [^1] As agreed in ⟦-2023-⟧⟦+2024+⟧." in history_text(history).decode()
    changed = [s for s in json.loads(history_json(history))["rounds"][-1]["notes_segments"] if s["op"] != "equal"]
    assert [s["text"] for s in changed] == ["2023", "2024"]
    assert "<del>2023</del>" in redline_html(entry_view(entry).notes)


def test_the_synopsis_compares_notes_too() -> None:
    from treatydiff.model import Negotiation
    from treatydiff.timeline.timeline import timeline_from_comparisons
    from treatydiff.views.synopsis import synopsis_view

    first = replace(_round("R1", "[^1] As agreed in 2023."), name="r1")
    second = replace(_round("R2", "[^1] As agreed in 2024."), name="r2")
    negotiation = Negotiation(title="Notes", parties=(), rounds=(first, second))
    view = synopsis_view(timeline_from_comparisons(negotiation, (compare(first, second),)), ["r1", "r2"])
    (row,) = view.rows
    assert row.cells[1].changed and ("del", "2023") in [(f.tag, f.text) for f in row.cells[1].fragments]


def test_the_word_redline_edits_the_notes_tree_its_reader_parsed(tmp_path: Path) -> None:
    """The notes part is parsed once for the redline of a Word draft: the reader's notes and the
    part the reviser edits and writes are one tree."""
    from treatydiff.render.ooxml_source import SourceDocument

    path = write(tmp_path / "new.docx", _draft("Each Party shall notify the other of any incident."))
    source = SourceDocument(path.read_bytes(), path)
    part = source.reader.by_type["footnotes"][0]
    assert source.parts[part] is source.reader.note_roots["footnotes"]
    assert {note.getroottree().getroot() for note in source.reader.footnotes.values()} == {source.parts[part]}
    assert source.notes.text.strip() == "[^1] Each Party shall notify the other of any incident."
