"""Property: whatever the edits between two Word drafts, the redline written onto the new
draft accepts to the new draft's text and rejects to the old one's, paragraph by paragraph, with
XML Word reads without repair (moves paired included) — or it says loudly that it wrote the rebuilt redline instead."""

from __future__ import annotations

import tempfile
from pathlib import Path

from docx_xml_check import faults, texts
from fixtures.docx_builder import docx_bytes, para, table
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from treatydiff.render import RenderOptions
from treatydiff.render.docx_redline import render_source
from treatydiff.usecases import compare_sources

WORDS = ["the", "Parties", "shall", "should", "may", "cooperate", "notify", "within", "30", "days", "each", "other",
         "borders", "trade", "and", "or", "[shall][should]", "commission", "report", "annually"]
sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=12).map(lambda words: " ".join(words).capitalize() + ".")


@st.composite
def pairs(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    old = draw(st.lists(sentence, min_size=1, max_size=6))
    new: list[str] = []
    moved: list[str] = []
    for text in old:
        action = draw(st.sampled_from(["keep", "keep", "edit", "delete", "insert", "move"]))
        if action == "keep":
            new.append(text)
        elif action == "edit":
            new.append(draw(sentence))
        elif action == "insert":
            new.extend([draw(sentence), text])
        elif action == "move":  # to the end, as it stands or with a word changed
            moved.append(text if draw(st.booleans()) else text.rstrip(".") + " " + draw(st.sampled_from(WORDS)) + ".")
    new.extend(moved)
    return old, new or [draw(sentence)]


def _redline_or_fallback(old: bytes, new: bytes) -> bytes | None:
    """The redline on the new draft, or None when it said, loudly, it wrote the rebuilt one."""
    with tempfile.TemporaryDirectory() as folder:
        old_path, new_path = Path(folder) / "old.docx", Path(folder) / "new.docx"
        old_path.write_bytes(old)
        new_path.write_bytes(new)
        comparison = compare_sources(str(old_path), str(new_path))
        data, said = render_source(comparison, RenderOptions(), new_path)
    if said:
        assert any("rebuilt redline" in line for line in said), said
        return None
    return data


def _docx(paragraphs: list[str]) -> bytes:
    return docx_bytes(para("Article 1", style="Heading1") + "".join(para(text, num=(1, 0)) for text in paragraphs))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs())
def test_accept_gives_new_reject_gives_old_or_a_loud_fallback(pair: tuple[list[str], list[str]]) -> None:
    old, new = pair
    data = _redline_or_fallback(_docx(old), _docx(new))
    if data is None:
        return
    assert texts(data, accept=True) == ["Article 1", *new]
    assert texts(data, accept=False) == ["Article 1", *old]
    assert faults(data) == []


NAMES = ["Armenia", "Azerbaijan", "Georgia", "Türkiye", "Iran", "Russia", "France", "Observers"]


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[list[str]], list[list[str]]]:
    """Rows kept, deleted, inserted (before a kept row) or with their seats edited."""
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=5, unique=True))
    old = [[name, str(draw(st.integers(1, 9)))] for name in names]
    new: list[list[str]] = []
    spare = [n for n in NAMES if n not in names]
    for row in old:
        action = draw(st.sampled_from(["keep", "keep", "edit", "delete", "insert"]))
        if action == "insert" and spare:
            new.append([spare.pop(), str(draw(st.integers(1, 9)))])
        if action == "edit":
            new.append([row[0], str(int(row[1]) % 9 + 1)])
        elif action != "delete":
            new.append(row)
    return old, new


def _table_docx(rows: list[list[str]]) -> bytes:
    return docx_bytes(para("Article 1", style="Heading1") + para("A commission is established.")
                      + table([["Member", "Seats"], *rows]) + para("Done at Geneva."))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_table_rows_accept_to_the_new_table_and_reject_to_the_old(pair: tuple[list[list[str]], list[list[str]]]) -> None:
    old, new = pair
    data = _redline_or_fallback(_table_docx(old), _table_docx(new))
    if data is None:
        return

    def flat(rows: list[list[str]]) -> list[str]:
        return ["Article 1", "A commission is established.", "Member", "Seats", *(c for row in rows for c in row), "Done at Geneva."]

    assert texts(data, accept=True) == flat(new)
    assert texts(data, accept=False) == flat(old)
    assert faults(data) == []
