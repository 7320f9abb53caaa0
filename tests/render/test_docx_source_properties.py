"""Property: whatever the edits between two Word drafts, the redline written onto the new
draft accepts to the new draft's text and rejects to the old one's, paragraph by paragraph, with
XML Word reads without repair (moves paired included) — or it says loudly that it wrote the rebuilt redline instead."""

from __future__ import annotations

import tempfile
from pathlib import Path

from docx_xml_check import faults, texts
from fixtures.docx_builder import docx_bytes, para
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


def _docx(paragraphs: list[str]) -> bytes:
    return docx_bytes(para("Article 1", style="Heading1") + "".join(para(text, num=(1, 0)) for text in paragraphs))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs())
def test_accept_gives_new_reject_gives_old_or_a_loud_fallback(pair: tuple[list[str], list[str]]) -> None:
    old, new = pair
    with tempfile.TemporaryDirectory() as folder:
        old_path, new_path = Path(folder) / "old.docx", Path(folder) / "new.docx"
        old_path.write_bytes(_docx(old))
        new_path.write_bytes(_docx(new))
        comparison = compare_sources(str(old_path), str(new_path))
        data, said = render_source(comparison, RenderOptions(), new_path)
    if said:
        assert any("rebuilt redline" in line for line in said), said
        return
    assert texts(data, accept=True) == ["Article 1", *new]
    assert texts(data, accept=False) == ["Article 1", *old]
    assert faults(data) == []
