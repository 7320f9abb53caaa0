"""`history --as PARTY` (issue 13): for one provision, the three texts that matter in a bilateral
round (our last text, their last text, the new one) with the two redlines; without --as the
output is as it always was."""

from __future__ import annotations

import json
from typing import Any

from conftest import EXAMPLE, run_cli

QUALIFIER = "in accordance with its national legislation"


def _json(*args: str) -> dict[str, Any]:
    result = run_cli("history", EXAMPLE, *args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def _changed(segments: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(s["op"], s["text"]) for s in segments if s["op"] != "equal"]


def test_as_am_the_three_texts_of_article_7_3() -> None:
    three = _json("Article 7(3)", "--as", "AM")["three_texts"]
    assert three["party"] == "AM"
    assert (three["ours"]["round"], three["theirs"]["round"], three["new"]["round"]) == ("r6-am", "r7-az", "r8-am")
    assert QUALIFIER in three["theirs"]["text"] and QUALIFIER not in three["new"]["text"]
    assert _changed(three["from_ours"]) == []  # Armenia's r6 text is back word for word
    assert [op for op, text in _changed(three["from_theirs"]) if QUALIFIER in text] == ["delete"]


def test_as_az_the_sides_swap() -> None:
    three = _json("Article 7(3)", "--as", "AZ")["three_texts"]
    assert (three["ours"]["round"], three["theirs"]["round"], three["new"]["round"]) == ("r7-az", "r6-am", "r8-am")
    assert [op for op, text in _changed(three["from_ours"]) if QUALIFIER in text] == ["delete"]


def test_a_side_with_no_text_yet_is_said_to_have_none() -> None:
    three = _json("Article 7(6)", "--as", "AM")["three_texts"]
    assert three["ours"] is None and three["from_ours"] == [] and three["theirs"]["round"] == "r7-az"
    text = run_cli("history", EXAMPLE, "Article 7(6)", "--as", "AM", "--no-color").stdout
    assert "our last text: none yet" in text


def test_the_text_output_shows_the_three_texts_and_two_redlines() -> None:
    text = run_cli("history", EXAMPLE, "Article 7(3)", "--as", "AM", "--no-color").stdout
    tail = text[text.index("── As AM: the three texts of the round r8-am"):]
    assert "our last text (r6-am, AM):" in tail and "their last text (r7-az, AZ):" in tail and "the new text (r8-am, AM):" in tail
    assert "redline from our last text (r6-am → r8-am):\n      (the same words)" in tail
    assert f"redline from their last text (r7-az → r8-am):\n      The Republic of Azerbaijan shall⟦-, {QUALIFIER},-⟧ ensure" in tail


def test_without_as_nothing_changes() -> None:
    assert "three_texts" not in _json("Article 7(3)")
    assert "the three texts" not in run_cli("history", EXAMPLE, "Article 7(3)", "--no-color").stdout


def test_the_html_history_shows_them_too(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "h.html"
    assert run_cli("history", EXAMPLE, "Article 7(3)", "--as", "AM", "-o", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    section = page[page.index('<section class="three-texts"'):]
    assert "Our last text (r6-am, AM)" in section and "Their last text (r7-az, AZ)" in section and "The new text (r8-am, AM)" in section
    assert f"<del>, {QUALIFIER},</del>" in section
    plain = tmp_path / "plain.html"
    assert run_cli("history", EXAMPLE, "Article 7(3)", "-o", plain).exit_code == 0
    assert "three-texts" not in plain.read_text(encoding="utf-8")
