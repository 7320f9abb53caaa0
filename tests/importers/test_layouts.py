"""Layouts drafters use that the importers must read as structure (issue 12): negative
paragraph numbers, unbroken "Article N" lines, German statute headings, unnumbered options."""

from __future__ import annotations

from pathlib import Path

from fixtures.docx_builder import LEGAL_NUMBERING, docx_bytes, footnote_ref, para, write

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


def _options_docx(tmp_path: Path, *, drop_paragraph_5: bool = False) -> Path:
    """UN-style options: unnumbered "Option N" lines between auto-numbered paragraphs."""
    body = [
        para("Article 3", style="Heading1"),
        para("Option 1"),
        para("Decides that an approach is voluntary;", num=(1, 0)),
        para("Option 2"),
        para("Recalls the earlier decision;", num=(1, 0)),
        para("Decides that an approach involves two Parties;", num=(1, 0)),
        para("Option 3: {No text required}"),
        para("Article 4", style="Heading1"),
        para("Option 1: {mandatory elements}"),
        para("Decides that each Party shall include the elements;", num=(1, 0)),
        para("Option 2: {no changes unless agreed}"),
        para("Decides that changes shall not apply unless agreed;", num=(1, 0)),
        para("Option 3"),
        para("Notes that Parties may change the authorization at any time;"),
        para("Requests the secretariat to publish the changes;", num=(1, 0)),
        para("Option 4: {no text required}"),
    ]
    if drop_paragraph_5:
        del body[11]
    return write(tmp_path / f"o{int(drop_paragraph_5)}.docx", docx_bytes("".join(body)))


def test_unnumbered_options_are_not_glued_to_the_paragraph_before_them(tmp_path: Path) -> None:
    result = import_draft(_options_docx(tmp_path))
    assert result.report.words_in == result.report.words_out
    article3, closing3, article4, closing4 = result.round.provisions
    # A bare option line right above a numbered paragraph opens it.
    assert [p.label for p in article3.paragraphs] == ["1.", "2.", "3."]
    assert article3.paragraphs[1].text.splitlines() == ["Option 2", "Recalls the earlier decision;"]
    assert article3.paragraphs[2].text == "Decides that an approach involves two Parties;"
    # An option closing the article is an alternative to its text: a provision of its own.
    assert (closing3.label, closing3.kind, closing3.id, closing3.text) == (
        "Article 3, Option 3", ProvisionKind.OTHER, "art-3-option-3", "Option 3: {No text required}"
    )
    # One with a title of its own before the first numbered paragraph introduces the article.
    assert article4.text == "Option 1: {mandatory elements}"
    assert [p.label for p in article4.paragraphs] == ["4.", "Article 4, Option 2", "5.", "Article 4, Option 3", "6."]
    assert article4.paragraphs[0].text == "Decides that each Party shall include the elements;"
    # Between numbered paragraphs an option is a paragraph of its own, cited with its article,
    # holding the unnumbered text after it.
    option2, option3 = article4.paragraphs[1], article4.paragraphs[3]
    assert option2.text == "Option 2: {no changes unless agreed}"
    assert (option2.id, cite(article4.label, option2.label)) == ("art-4-option-2", "Article 4, Option 2")
    assert option3.text.splitlines() == ["Option 3", "Notes that Parties may change the authorization at any time;"]
    assert closing4.label == "Article 4, Option 4"
    # Deleting paragraph 5 leaves the options round it as they were: nothing moves onto a neighbour.
    dropped = import_draft(_options_docx(tmp_path, drop_paragraph_5=True)).round.provisions[2]
    assert [p.label for p in dropped.paragraphs] == ["4.", "Article 4, Option 2", "Article 4, Option 3", "5."]
    assert {p.label: p.text for p in dropped.paragraphs}["Article 4, Option 2"] == option2.text
    assert dropped.paragraphs[0].text == article4.paragraphs[0].text


def test_unnumbered_options_in_markdown_and_text(tmp_path: Path) -> None:
    markdown = (
        "## Article 3\n\n**Option 1:**\n\n1. Transit shall be free.\n\n"
        "**Option 2:** Transit shall be subject to agreement.\n\n**Option 3:**\n\nNo charges apply.\n\n"
        "2. Fees shall be published.\n\n**Option 4:** {No text required}\n\n"
        "## Article 4\n\nThe Parties shall meet.\n"
    )
    plain = markdown.replace("## ", "").replace("**", "")
    for name, text in (("o.md", markdown), ("o.txt", plain)):
        provisions = _import(tmp_path, name, text).round.provisions
        assert [p.label for p in provisions] == ["Article 3", "Article 3, Option 4", "Article 4"]
        article = provisions[0]
        assert [p.label for p in article.paragraphs] == ["1.", "Article 3, Option 2", "Article 3, Option 3", "2."]
        assert article.paragraphs[0].text.splitlines()[1:] == ["Transit shall be free."]
        assert article.paragraphs[1].text.replace("**", "") == "Option 2: Transit shall be subject to agreement."
        assert article.paragraphs[2].text.splitlines()[1:] == ["No charges apply."]
        assert article.paragraphs[3].text == "Fees shall be published."


def test_centred_article_lines_in_plain_text(tmp_path: Path) -> None:
    """Text extracted from a PDF centres the "Article N (HEADING)" line among the text."""
    text = (
        "                 Article 4 (ADAPTATION)\n1. The Parties shall adapt.\n"
        "2. They shall report.\n                 Article 5 (LOSS AND DAMAGE)\n"
        "The Parties acknowledge loss and damage.\n"
    )
    provisions = _import(tmp_path, "c.txt", text).round.provisions
    assert [(p.label, p.heading, len(p.paragraphs)) for p in provisions] == [
        ("Article 4", "(ADAPTATION)", 2), ("Article 5", "(LOSS AND DAMAGE)", 0)
    ]
    assert provisions[1].text == "The Parties acknowledge loss and damage."


def test_a_footnote_on_an_option_line_stays_with_it(tmp_path: Path) -> None:
    body = (
        para("Article 3", style="Heading1") + para("Option 1", footnote_ref(1)) + para("Decides so;", num=(1, 0))
        + para("Option 2: {No text required}", footnote_ref(2))
    )
    result = import_draft(write(tmp_path / "f.docx", docx_bytes(body, footnotes={1: "Proposed by AZ.", 2: "Proposed by AM."})))
    article, closing = result.round.provisions
    assert article.paragraphs[0].notes == "[^1] Proposed by AZ."
    assert closing.notes == "[^2] Proposed by AM."
    assert result.report.words_in == result.report.words_out


def test_an_article_made_of_options_and_a_repeated_option_name(tmp_path: Path) -> None:
    text = (
        "Article 5\n\nOption 1: The Parties meet yearly.\n\nOption 2: The Parties meet monthly.\n\n"
        "Article 6\n\n1. The Council reports.\n\nOption 1: {first group}\n\n2. It meets.\n\n"
        "Option 1: {second group}\n\n3. It decides.\n"
    )
    article5, article6 = _import(tmp_path, "r.txt", text).round.provisions
    assert [p.label for p in article5.paragraphs] == ["Article 5, Option 1", "Article 5, Option 2"]
    assert [(p.label, p.id) for p in article6.paragraphs if p.label.startswith("Article")] == [
        ("Article 6, Option 1", "art-6-option-1"), ("Article 6, Option 1 (2)", "art-6-option-1-2")
    ]
