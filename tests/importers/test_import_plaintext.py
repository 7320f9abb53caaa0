"""Markdown and plain-text drafts: structure, exact text, words in = words out."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPORA, TESTS, requires_corpora
from hypothesis import given, settings
from hypothesis import strategies as st

from treatydiff.errors import DraftImportError, FileFormatError
from treatydiff.formats.clausefile import dump_round, load_round, round_from_text
from treatydiff.importers import ImportOptions, import_draft
from treatydiff.importers.plaintext import import_plaintext, split_blocks
from treatydiff.importers.structure import build_provisions, count_words
from treatydiff.model import ProvisionKind

DATA = TESTS / "data" / "import"
GOLDEN = sorted(p for p in DATA.iterdir() if p.suffix in (".md", ".txt"))


@pytest.mark.parametrize("source", GOLDEN, ids=lambda p: p.name)
def test_golden_clause_files(source: Path) -> None:
    """Each draft under tests/data/import imports to the clause file beside it."""
    result = import_draft(source)
    expected = source.with_name(source.stem + ".expected.yaml").read_text(encoding="utf-8")
    assert dump_round(result.round) == expected
    assert result.report.words_in == result.report.words_out
    # The clause file is valid: it loads back to the same round.
    assert round_from_text(expected).provisions == result.round.provisions


def test_markdown_structure_and_exact_text() -> None:
    round_ = import_draft(DATA / "treaty.md").round
    by_label = {p.label: p for p in round_.provisions}
    assert [p.label for p in round_.provisions if p.kind == ProvisionKind.PREAMBLE] == [
        "Preamble, para 1", "Preamble, para 2", "Preamble, para 3"
    ]
    assert by_label["Article 1"].heading == "Definitions"
    assert by_label["Article 2"].heading == "Borders"
    article2 = by_label["Article 2"]
    assert [p.label for p in article2.paragraphs] == ["1.", "2.", "2bis."]
    # Lettered and roman sub-items stay as lines of their paragraph; brackets are kept.
    assert article2.paragraphs[1].text.splitlines()[1:] == [
        "(a) refrain from the threat of force;",
        "(b) settle disputes peacefully, including by:",
        "(i) negotiation;",
        "(ii) arbitration.",
    ]
    assert article2.paragraphs[0].text == "The Parties [shall][should] respect each other's borders."
    assert by_label["[Article 2 bis]"].id == "art-2bis"
    assert round_.info.title == "Draft Treaty of Friendship"
    # Emphasis is text, not structure.
    assert by_label["Preamble, para 2"].text.startswith("*Desiring*")


def test_option_blocks_restart_numbering_with_unique_labels() -> None:
    article = {p.label: p for p in import_draft(DATA / "treaty.md").round.provisions}["[Article 2 bis]"]
    assert [p.label for p in article.paragraphs] == ["1.", "1. (Option 2)"]
    assert article.paragraphs[1].text.startswith("**Option 2:**")


def test_plain_text_articles_sections_and_next_line_headings() -> None:
    round_ = import_draft(DATA / "agreement.txt").round
    labels = [p.label for p in round_.provisions]
    assert labels == [
        "Preamble, para 1", "Preamble, para 2", "Preamble, para 3",
        "ARTICLE I", "ARTICLE II", "Section A.", "Article 3bis",
    ]
    by_label = {p.label: p for p in round_.provisions}
    assert by_label["ARTICLE I"].heading == "SCOPE"
    assert by_label["Article 3bis"].heading == "Final provisions"
    assert by_label["Section A."].paragraphs[0].text.splitlines() == [
        "A Council is established.", "(a) It meets yearly;", "(iv) It may meet more often."
    ]


def test_numbered_clauses_without_articles() -> None:
    round_ = import_draft(DATA / "licence.txt").round
    assert [(p.label, [q.label for q in p.paragraphs]) for p in round_.provisions[1:]] == [
        ("1.", ["1.1.", "1.2."]), ("2.", ["2.1.", "2.2."]), ("3.", [])
    ]


def test_no_structure_falls_back_to_paragraphs_with_a_warning() -> None:
    result = import_draft(DATA / "notes.txt")
    assert [p.label for p in result.round.provisions] == ["Paragraph 1", "Paragraph 2", "Paragraph 3"]
    assert any("no articles" in w for w in result.report.warnings)
    assert result.report.words_in == result.report.words_out == 11


def test_markdown_lazy_numbering_shows_what_a_reader_sees(tmp_path: Path) -> None:
    draft = tmp_path / "terms.md"
    draft.write_text("## A. Definitions\n\n1. One.\n1. Two.\n1. Three.\n", encoding="utf-8")
    section = import_draft(draft).round.provisions[0]
    assert (section.label, section.heading) == ("A.", "Definitions")
    assert [p.label for p in section.paragraphs] == ["1.", "2.", "3."]


def test_binary_and_empty_files_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(FileFormatError):
        import_plaintext(empty, ImportOptions())
    pdf = tmp_path / "draft.txt"
    pdf.write_bytes(b"%PDF-1.4 binary")
    with pytest.raises(FileFormatError, match="PDF"):
        import_plaintext(pdf, ImportOptions())


def test_cli_import_writes_a_loadable_clause_file(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r1.yaml"
    result = cli("import", DATA / "treaty.md", "-o", out, "--party", "AM", "--date", "2024-05-02", "--label", "R1")
    assert result.exit_code == 0, result.stderr
    assert "read 26 paragraphs, 125 words; wrote 125 words" in result.stderr
    round_ = load_round(out)
    assert (round_.info.label, round_.info.party, round_.info.date) == ("R1", "AM", "2024-05-02")


_MARKERS = st.sampled_from(["", "1. ", "2bis. ", "(a) ", "(iv) ", "## Article 3 ", "ARTICLE IV ", "Section A. ", "- ", "**Option 1:** ", "# ", "Section 2 – Title. ", "a.\t", "A. "])
_WORDS = st.lists(st.sampled_from(["shall", "[should]", "Parties", "the", "3", "*may*", "—", "(b)", "Article", "1.", "[", "]"]), min_size=0, max_size=8)
_LINE = st.tuples(st.sampled_from(["", "  ", "    "]), _MARKERS, _WORDS).map(lambda t: t[0] + t[1] + " ".join(t[2]))


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=40), st.booleans())
def test_words_in_equal_words_out(tmp_path_factory: pytest.TempPathFactory, lines: list[str], markdown: bool) -> None:
    """Whatever the layout, every word of a draft lands in the clause file exactly once."""
    text = "\n".join(lines)
    if count_words(text) == 0:
        return
    path = tmp_path_factory.mktemp("h") / ("draft.md" if markdown else "draft.txt")
    path.write_text(text, encoding="utf-8")
    result = import_draft(path)
    assert result.report.words_in == result.report.words_out == count_words(text)
    assert round_from_text(dump_round(result.round)).provisions == result.round.provisions


PARIS = CORPORA / "paris_agreement_2015" / "markdown"


@requires_corpora()
def test_paris_final_text_has_every_article() -> None:
    (final,) = PARIS.glob("v4_*.md")
    round_ = import_draft(final).round
    articles = [p.label for p in round_.provisions if p.kind == ProvisionKind.ARTICLE]
    assert articles == [f"Article {n}" for n in range(1, 30)]
    assert len([p for p in round_.provisions if p.kind == ProvisionKind.PREAMBLE]) == 18
    article4 = next(p for p in round_.provisions if p.label == "Article 4")
    assert [p.label for p in article4.paragraphs] == [f"{n}." for n in range(1, 20)]


@requires_corpora()
def test_paris_9_december_draft() -> None:
    (draft,) = PARIS.glob("v3_*.md")
    round_ = import_draft(draft).round
    labels = [p.label for p in round_.provisions if p.kind == ProvisionKind.ARTICLE]
    assert labels[:6] == ["Article 1", "Article 2", "Article 2bis", "Article 3", "[Article 3bis]", "[Article 3ter]"]
    assert "Article 8 bis" in labels and "Article 17" not in labels  # the corpus quirk
    assert {p.label: p for p in round_.provisions}["Article 3"].heading == "(mitigation)"


@requires_corpora()
@pytest.mark.parametrize(
    "source",
    sorted(
        [*PARIS.glob("*.md"), *(CORPORA / "github_terms_of_service").glob("v*.md"), *(CORPORA / "licence_versions").glob("*/txt/*.txt")]
    ) if CORPORA.is_dir() else [],
    ids=lambda p: p.name,
)
def test_corpora_lose_no_words(source: Path) -> None:
    result = import_draft(source)
    assert result.report.words_in == result.report.words_out
    assert result.report.words_in > 100
    round_from_text(dump_round(result.round))  # a valid clause file


@requires_corpora()
def test_github_terms_lettered_sections() -> None:
    (terms,) = (CORPORA / "github_terms_of_service").glob("v12_*.md")
    sections = [p for p in import_draft(terms).round.provisions if p.kind == ProvisionKind.SECTION]
    assert [p.label for p in sections][:3] == ["A.", "B.", "C."]
    assert sections[0].heading == "Definitions"
    assert len(sections[0].paragraphs) >= 8


def test_markdown_footnotes_join_the_citing_provision(tmp_path: Path) -> None:
    draft = tmp_path / "notes.md"
    draft.write_text("## Article 1\n\n1. The Parties agree.[^a]\n\n[^a]: As in 1992.\n[^z]: Never cited.\n", encoding="utf-8")
    result = import_draft(draft)
    paragraph = result.round.provisions[0].paragraphs[0]
    assert (paragraph.text, paragraph.notes) == ("The Parties agree.[^a]", "[^a] As in 1992.")
    assert result.round.provisions[-1].text == "[^z]: Never cited."  # uncited: kept, not dropped
    assert result.report.words_in == result.report.words_out


def test_a_draft_of_headings_only_is_refused_in_one_line(tmp_path: Path) -> None:
    """Found by the fuzz test: "Preamble" alone imported to an empty clause file that `check`
    then refused.  Now the import says so, and writes nothing."""
    draft = tmp_path / "d.md"
    draft.write_text("Preamble\n", encoding="utf-8")
    with pytest.raises(DraftImportError, match="no provision"):
        import_draft(draft)


def test_titled_chapters_keep_their_words_and_prefix_bare_sections(tmp_path: Path) -> None:
    draft = tmp_path / "eu.md"
    draft.write_text(
        "## TITLE III\n\nHigh-risk systems\n\n## A. Classification\n\nRules.\n\n## TITLE V\n\nGovernance\n\n"
        "## A. The Board\n\nMembers.\n\n## Section B.\n\nThe Office.\n",
        encoding="utf-8",
    )
    result = import_draft(draft)
    assert [p.label for p in result.round.provisions] == ["TITLE III", "III.A", "TITLE V", "V.A", "Section B."]
    assert result.report.words_in == result.report.words_out


def test_a_long_article_repeating_its_numbers_keeps_every_label_unique() -> None:
    """Past the length from which the builder keeps a provision's labels (instead of reading
    them all for each paragraph), a repeated number still gets the next free label, and a number
    under an "Option 2:" line the option's name."""
    lines = ["Article 1", ""]
    for k in range(1, 31):
        lines += [f"{k}. The Parties shall report on item {k}.", "", f"{k}. The Parties may report on item {k}.", ""]
    lines += ["Option 2:", "", "1. The Parties shall report yearly.", "", "1. The Parties shall report again.", ""]
    built = build_provisions(split_blocks(lines, markdown=False), markdown=False)
    labels = [p.label for p in built.provisions[0].paragraphs]
    expected = [label for k in range(1, 31) for label in (f"{k}.", f"{k}. (2)")] + ["1. (Option 2)", "1. (Option 2) (2)"]
    assert labels == expected


@pytest.mark.parametrize(("line", "kind"), [
    ("[ref]: https://example.org", "markup"),
    ("   [ref]: https://example.org", "markup"),  # up to three spaces before a definition
    ("# Article 1", "heading"),
    (" # Article 1", "text"),  # a heading's mark opens its line
    ("#Article 1", "text"),
    ("| a | b |", "table"),
    ("   | a | b |", "table"),
    ("The Parties [shall] act.", "text"),
])
def test_markdown_lines_are_read_by_their_first_characters(line: str, kind: str) -> None:
    block = split_blocks([line], markdown=True)[0]
    found = "markup" if block.markup else "heading" if block.heading_level else "table" if block.verbatim else "text"
    assert found == kind
