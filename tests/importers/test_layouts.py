"""Layouts drafters use that the importers must read as structure (issue 12): negative
paragraph numbers, unbroken "Article N" lines, German statute headings, unnumbered options."""

from __future__ import annotations

from pathlib import Path

from fixtures.docx_builder import LEGAL_NUMBERING, docx_bytes, para, write

from treatydiff.importers import ImportResult, import_draft
from treatydiff.model import ProvisionKind, cite


def _import(tmp_path: Path, name: str, text: str) -> ImportResult:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = import_draft(path)
    assert result.report.words_in == result.report.words_out
    return result


def test_paragraphs_inserted_before_paragraph_one(tmp_path: Path) -> None:
    """Council drafts insert "-1a.", "-1b." before paragraph 1."""
    text = (
        "Article 3\n\n-1a. The Council shall meet.\n\n-1b. It shall report.\n\n"
        "1. The Commission shall assist.\n"
    )
    for name, heading in (("d.md", "## "), ("d.txt", "")):
        article = _import(tmp_path, name, heading + text).round.provisions[0]
        assert [p.label for p in article.paragraphs] == ["-1a.", "-1b.", "1."]
        assert article.paragraphs[0].text == "The Council shall meet."
        assert cite(article.label, article.paragraphs[1].label) == "Article 3(-1b)"


def test_paragraphs_inserted_before_paragraph_one_in_word(tmp_path: Path) -> None:
    body = para("Article 3", style="Heading1") + para("-1a. The Council shall meet.") + para("1. The Commission shall assist.")
    result = import_draft(write(tmp_path / "d.docx", docx_bytes(body)))
    assert [p.label for p in result.round.provisions[0].paragraphs] == ["-1a.", "1."]
    assert result.report.words_in == result.report.words_out


def test_german_statute_headings_open_provisions(tmp_path: Path) -> None:
    """"Art 143g" (no full stop), "§ 5", "§ 5a" are how German statutes number their articles."""
    markdown = (
        "### Art 143g\n\nFür die Gestaltung gilt das Recht.\n\n"
        "### § 5 Begriffsbestimmungen\n\nIm Sinne dieses Gesetzes ist Anlage die Einrichtung.\n\n"
        "### § 5a\n\nDie Behörde kann Ausnahmen zulassen.\n"
    )
    provisions = _import(tmp_path, "g.md", markdown).round.provisions
    assert [(p.label, p.kind, p.heading) for p in provisions] == [
        ("Art 143g", ProvisionKind.ARTICLE, None),
        ("§ 5", ProvisionKind.ARTICLE, "Begriffsbestimmungen"),
        ("§ 5a", ProvisionKind.ARTICLE, None),
    ]
    assert provisions[2].text == "Die Behörde kann Ausnahmen zulassen."
    plain = _import(tmp_path, "g.txt", markdown.replace("### ", "")).round.provisions
    assert [p.label for p in plain] == ["Art 143g", "§ 5", "§ 5a"]
    body = para("§ 5a", style="Heading1") + para("Die Behörde kann Ausnahmen zulassen.")
    word = import_draft(write(tmp_path / "g.docx", docx_bytes(body))).round.provisions
    assert [(p.label, p.kind) for p in word] == [("§ 5a", ProvisionKind.ARTICLE)]


def test_german_section_sign_from_word_numbering(tmp_path: Path) -> None:
    numbering = LEGAL_NUMBERING.replace('w:val="Article %1"', 'w:val="§ %1"')
    body = para("Begriffsbestimmungen", num=(3, 0)) + para("Im Sinne dieses Gesetzes gilt Folgendes.")
    word = import_draft(write(tmp_path / "n.docx", docx_bytes(body, numbering=numbering)))
    assert [(p.label, p.heading) for p in word.round.provisions] == [("§ 1", "Begriffsbestimmungen")]
    assert word.report.words_in == word.report.words_out


def test_article_lines_open_provisions_without_blank_lines(tmp_path: Path) -> None:
    """"Article N" / heading / text with no blank lines: every Article line opens a provision,
    the short unpunctuated line after it is its heading."""
    text = (
        "Article 11\nFinal clauses\n1. This Agreement shall enter into force on signature.\n"
        "Article 12\nSettlement of disputes\n1. The Parties shall settle disputes by negotiation.\n"
        "2. Failing agreement, either Party may refer the dispute to arbitration.\n"
        "Article 13\nThe depositary shall notify the Parties.\n"
        "Article 14 - Languages\nThis Agreement is done in English and French.\n"
    )
    provisions = _import(tmp_path, "a.txt", text).round.provisions
    assert [(p.label, p.heading) for p in provisions] == [
        ("Article 11", "Final clauses"),
        ("Article 12", "Settlement of disputes"),
        ("Article 13", None),
        ("Article 14", "Languages"),
    ]
    assert [p.label for p in provisions[1].paragraphs] == ["1.", "2."]
    assert provisions[0].paragraphs[0].text == "This Agreement shall enter into force on signature."
    assert provisions[2].text == "The depositary shall notify the Parties."


def test_a_wrapped_line_that_starts_with_article_stays_text(tmp_path: Path) -> None:
    text = "Article 1\n1. The Parties shall apply the rules set out in\nArticle 5 of the Convention.\n"
    article = _import(tmp_path, "w.txt", text).round.provisions[0]
    assert article.paragraphs[0].text.splitlines() == ["The Parties shall apply the rules set out in", "Article 5 of the Convention."]
