"""`treatydiff compare` end to end: raw drafts with no set-up, formats, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from treatydiff.cli import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "drafts" / "caucasus-peace"

DRAFT6 = """# Agreement

## Article 1 — Purpose

1. The Parties shall establish peace and good-neighbourly relations.

## Article 2 — Withdrawal

1. Armed forces shall withdraw within thirty (30) days.

2. Observers may verify the withdrawal.
"""
DRAFT7 = """# Agreement

## Article 1 — Purpose

1. The Parties shall establish peace and good-neighbourly relations.

## Article 2 — Detainees

1. Detainees shall be exchanged on an all-for-all basis within 15 days.

## Article 3 — Withdrawal

1. Armed forces should withdraw within 30 days.

2. Observers may verify the withdrawal.
"""


def _run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def _drafts(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "draft6.md", tmp_path / "draft7.md"
    old.write_text(DRAFT6, encoding="utf-8")
    new.write_text(DRAFT7, encoding="utf-8")
    return old, new


def test_compare_two_markdown_drafts_with_no_set_up(tmp_path: Path) -> None:
    old, new = _drafts(tmp_path)
    code, out, _ = _run("compare", old, new, "--no-color")
    assert code == 0
    assert out.splitlines()[0].startswith("old: ") and " → new: " in out.splitlines()[0]
    assert "Article 2 → Article 3 [renumbered, modified]" in out
    assert "⟦-shall-⟧⟦+should+⟧" in out
    assert "\x1b[" not in out


def test_json_to_stdout_and_by_extension(tmp_path: Path) -> None:
    old, new = _drafts(tmp_path)
    code, out, _ = _run("compare", old, new, "--format", "json")
    assert code == 0
    document = json.loads(out)
    labels = [(p["old"] and p["old"]["label"], p["new"] and p["new"]["label"]) for p in document["pairs"]]
    assert ("Article 2", "Article 3") in labels and (None, "Article 2") in labels
    target = tmp_path / "out.json"
    code, _, err = _run("compare", old, new, "-o", target)
    assert code == 0 and "wrote" in err
    assert json.loads(target.read_text(encoding="utf-8")) == document


def test_rounds_of_a_negotiation(tmp_path: Path) -> None:
    if not (EXAMPLE / "negotiation.yaml").exists():
        return
    code, out, _ = _run("compare", "--negotiation", EXAMPLE, "r5-az", "r6-am")
    assert code == 0
    assert "old: Round 5" in out and "new: Round 6" in out


def _one_line_error(code: int, err: str) -> str:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]


def test_round_not_in_negotiation(tmp_path: Path) -> None:
    if not (EXAMPLE / "negotiation.yaml").exists():
        return
    code, _, err = _run("compare", "--negotiation", EXAMPLE, "r1", "r6-am")
    assert "not in the negotiation" in _one_line_error(code, err)


def test_missing_and_unreadable_drafts(tmp_path: Path) -> None:
    old, _ = _drafts(tmp_path)
    code, _, err = _run("compare", old, tmp_path / "nope.md")
    assert "no such file" in _one_line_error(code, err)
    binary = tmp_path / "broken.md"
    binary.write_bytes(b"\x00\x01\x02\xff\xfe garbage \x00")
    code, _, err = _run("compare", old, binary)
    _one_line_error(code, err)


def test_folder_against_file_and_unknown_kind(tmp_path: Path) -> None:
    old, _ = _drafts(tmp_path)
    code, _, err = _run("compare", old, tmp_path)
    _one_line_error(code, err)
    odd = tmp_path / "draft.pdf"
    odd.write_bytes(b"%PDF-1.4")
    code, _, err = _run("compare", old, odd)
    _one_line_error(code, err)


def test_draft_without_provisions_falls_back_to_paragraphs(tmp_path: Path) -> None:
    old, new = tmp_path / "memo1.txt", tmp_path / "memo2.txt"
    old.write_text("The Parties agree to meet.\n\nThey shall exchange maps.\n", encoding="utf-8")
    new.write_text("The Parties agree to meet.\n\nThey should exchange maps.\n", encoding="utf-8")
    code, out, err = _run("compare", old, new)
    assert code == 0
    assert "⟦-shall-⟧⟦+should+⟧" in out
    assert "warning: memo1.txt: no articles" in err  # said, not silent
