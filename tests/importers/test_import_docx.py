"""Word drafts: numbering, tracked changes, footnotes, tables, bad input, words in = words out."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import CORPORA, requires_corpora
from fixtures.docx_builder import (
    delete,
    docx_bytes,
    eu_titles_docx,
    ins,
    para,
    styled_docx,
    treaty_docx,
    write,
    zip_parts,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from treatydiff.errors import DraftImportError, FileFormatError, UnsafeInputError
from treatydiff.formats.clausefile import dump_round, load_round, round_from_text
from treatydiff.importers import ImportOptions, docx_package, import_draft
from treatydiff.importers.docx_import import import_docx
from treatydiff.importers.patterns import account_words
from treatydiff.importers.structure import round_words
from treatydiff.model import Provision, ProvisionKind


@pytest.fixture
def treaty(tmp_path: Path) -> Path:
    return write(tmp_path / "treaty.docx", treaty_docx())


def test_structure_numbering_and_exact_text(treaty: Path) -> None:
    result = import_draft(treaty)
    provisions = {p.label: p for p in result.round.provisions}
    assert list(provisions) == [
        "Draft treaty on good-neighbourly relations", "Preamble, para 1", "Preamble, para 2",
        "Article 1", "Article 2", "Annex",
    ]
    article1 = provisions["Article 1"]
    assert article1.heading == "Purpose"
    # Numbers exist only in numbering.xml; sub-items keep their computed labels as lines.
    assert [p.label for p in article1.paragraphs] == ["1.", "2.", "2.1"]
    assert article1.paragraphs[0].text == "The Parties [shall][should] respect each other's borders."
    assert article1.paragraphs[2].text.splitlines() == [
        "Detail of the second paragraph.", "(a) on trade;", "(b) on transport, including", "(i) rail;", "(ii) roads;"
    ]
    article2 = provisions["Article 2"]
    assert article2.heading == "Institutions"
    # A list instance with startOverride restarts at 1; a field shows its result, not its code.
    assert [p.label for p in article2.paragraphs] == ["1.", "2."]
    assert article2.paragraphs[0].text == "A joint commission is established, as set out in paragraph 1."
    assert "REF" not in dump_round(result.round)


def test_tracked_changes_current_and_original(treaty: Path) -> None:
    current = import_draft(treaty)
    assert current.report.revisions == 2
    assert current.report.revision_authors == ("AZ delegation",)
    paragraph = next(p for p in current.round.walk() if p.id == "art-1-p2")
    assert paragraph.text == "Each Party may cooperate:"
    original = import_docx(treaty, ImportOptions(revisions="original"))
    paragraph = next(p for p in original.round.walk() if p.id == "art-1-p2")
    assert paragraph.text == "Each Party shall cooperate:"


def test_footnotes_tables_and_skipped_items_are_reported(treaty: Path) -> None:
    result = import_draft(treaty)
    report = result.report
    assert (report.footnotes, report.tables) == (2, 1)
    preamble = next(p for p in result.round.provisions if p.label == "Preamble, para 2")
    assert preamble.text == "Recalling their shared history[^1],"
    assert preamble.notes == "[^1] Including the 1921 treaties."
    annex = next(p for p in result.round.provisions if p.kind == ProvisionKind.ANNEX)
    assert annex.notes == "[^2] As agreed in 2023."
    table_lines = next(p for p in result.round.walk() if p.id == "art-2-p2").text.splitlines()
    assert table_lines[1:] == ["Member | Seats", "Armenia | 3", "Azerbaijan | 3"]
    skipped = dict(report.skipped)
    assert skipped["headers with text: page furniture, not draft text"] == 1
    assert skipped["text boxes: not imported (move their text into the body)"] == 1
    assert any("SKIPPED 1: text boxes" in line for line in report.lines())


def test_words_in_equal_words_out_and_deterministic(treaty: Path) -> None:
    first, second = import_draft(treaty), import_draft(treaty)
    # Every word read, numbering included, is found in the round (labels hold the numbering).
    assert first.report.words_in == first.report.words_out == round_words(first.round.provisions) + 10
    assert dump_round(first.round) == dump_round(second.round)
    assert round_from_text(dump_round(first.round)).provisions == first.round.provisions


def test_numbered_title_and_section_headings_keep_their_words(tmp_path: Path) -> None:
    """EU AI Act compromise text: "TITLE V" was labelled "III.V", "Section A." "I.A", and a
    line-broken "Article 70." heading swallowed the article's text, while the report said
    words in = words out."""
    result = import_draft(write(tmp_path / "eu.docx", eu_titles_docx()))
    provisions = result.round.provisions
    assert [p.label for p in provisions] == [
        "TITLE III", "Section A.", "Article 69", "TITLE V", "Section A. (2)", "Article 70", "Article 71",
    ]
    assert [p.heading for p in provisions[:2]] == ["HIGH-RISK AI SYSTEMS", "Classification rules"]
    article_70 = provisions[5]
    assert article_70.heading == "Confidentiality"
    assert article_70.text == "National competent authorities shall respect the confidentiality of information."
    assert provisions[6].text == "Member States shall lay down the rules on penalties."
    report = result.report
    assert report.words_in == report.words_out and not report.warnings, report.lines()


def test_word_count_is_independent_of_the_structure_builder() -> None:
    """A word the builder drops while calling it numbering is missing, whatever it says."""
    lost = account_words(["TITLE V", "Transparency"], [Provision(id="s", label="III.V", heading="Transparency")])
    assert (lost.read, lost.written, lost.missing) == (3, 2, ("TITLE",))
    kept = account_words(["1.Definitions", "1.", "1.", "1.0%"], [
        Provision(id="a", label="1.", text="Definitions"), Provision(id="b", label="2.", text="1.0%"),
        Provision(id="c", label="3."),
    ])
    assert kept.read == kept.written == 4  # relabelled list numbers are numbering, not words


def test_python_docx_heading_styles_and_typed_numbers(tmp_path: Path) -> None:
    result = import_draft(styled_docx(tmp_path / "styled.docx"))
    labels = [(p.label, p.heading, [q.label for q in p.paragraphs]) for p in result.round.provisions]
    assert labels == [
        ("Preamble, para 1", None, []),
        ("Preamble, para 2", None, []),
        ("Article 1", None, ["1.", "2."]),
        ("ARTICLE 2", "Entry into force", []),
    ]
    assert result.round.info.title == "Styled draft"
    assert result.round.provisions[3].text.splitlines()[1:] == ["Party | Date", "Armenia | 2024-01-01"]
    assert result.report.words_in == result.report.words_out


def test_deleted_paragraph_mark_joins_paragraphs(tmp_path: Path) -> None:
    mark = '<w:rPr><w:del w:id="9" w:author="AM" w:date="2024-01-01T00:00:00Z"/></w:rPr>'
    body = para("Article 1", style="Heading1") + para("The Parties agree", extra_ppr=mark) + para("to cooperate.")
    round_ = import_draft(write(tmp_path / "d.docx", docx_bytes(body))).round
    assert round_.provisions[0].text == "The Parties agree to cooperate."


# --- bad input ---------------------------------------------------------------------------

def _bad_cases(tmp: Path) -> dict[str, tuple[Path, type[Exception], str]]:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    bomb_entry = zip_parts({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<a/>" + b" " * (40 * 1024 * 1024)})
    many = zip_parts({f"word/media/{i}.xml": b"x" for i in range(docx_package.MAX_ENTRIES + 1)})
    dtd = docx_bytes(para("Article 1"), document_prefix='<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x "boom">]>')
    cases = {
        "not-a-zip": (b"just some text, renamed", FileFormatError, "not a zip"),
        "no-document": (zip_parts({"hello.txt": b"hi"}), DraftImportError, "no word/document.xml"),
        "doc": (ole, FileFormatError, "old Word .doc"),
        "encrypted": (ole + "EncryptedPackage".encode("utf-16-le"), UnsafeInputError, "password-protected"),
        "pdf": (b"%PDF-1.7\n...", FileFormatError, "PDF"),
        "odt": (zip_parts({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}), FileFormatError, "OpenDocument"),
        "bomb-ratio": (bomb_entry, UnsafeInputError, "zip bomb"),
        "bomb-entries": (many, UnsafeInputError, "zip bomb"),
        "dtd": (dtd, UnsafeInputError, "DTD"),
        "empty": (docx_bytes(para("")), DraftImportError, "no text"),
        "truncated": (treaty_docx()[:200], FileFormatError, "zip"),
    }
    return {name: (write(tmp / f"{name}.docx", data), error, text) for name, (data, error, text) in cases.items()}


@pytest.mark.parametrize(
    "case", ["not-a-zip", "no-document", "doc", "encrypted", "pdf", "odt", "bomb-ratio", "bomb-entries", "dtd", "empty", "truncated"]
)
def test_bad_input_is_one_clear_error_exit_2_nothing_written(case: str, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path, error, text = _bad_cases(tmp_path)[case]
    with pytest.raises(error, match=re.escape(text)):
        import_draft(path)
    out = tmp_path / "out.yaml"
    result = cli("import", path, "-o", out)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.stderr
    assert text in result.stderr
    assert not out.exists()


def test_docm_macros_are_never_run_text_is_read(tmp_path: Path) -> None:
    data = docx_bytes(para("Article 1", style="Heading1") + para("Text."), extra_parts={"word/vbaProject.bin": b"\x00macro"})
    result = import_draft(write(tmp_path / "draft.docm", data))
    assert any("macros" in w for w in result.report.warnings)
    assert result.round.provisions[0].text == "Text."


def test_entities_are_never_expanded_in_any_part(tmp_path: Path) -> None:
    styles = '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY e SYSTEM "file:///etc/passwd">]><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&e;</w:styles>'
    with pytest.raises(UnsafeInputError, match="DTD"):
        import_draft(write(tmp_path / "x.docx", docx_bytes(para("Article 1"), styles=styles)))


def test_unknown_revisions_mode(treaty: Path) -> None:
    with pytest.raises(DraftImportError, match="--revisions"):
        import_docx(treaty, ImportOptions(revisions="latest"))


def test_zip_entries_have_fixed_times(treaty: Path) -> None:
    with zipfile.ZipFile(treaty) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2024, 1, 1, 0, 0, 0)}


# --- the real UN draft decision ----------------------------------------------------------

UN_FOLDER = CORPORA / "docx_real_legal"


@requires_corpora()
def test_un_draft_decision_labels_and_words() -> None:
    (source,) = UN_FOLDER.glob("*.docx")
    result = import_draft(source)
    report = result.report
    assert report.words_in == report.words_out > 15_000
    assert report.footnotes >= 20 and report.tables == 18
    sections = [p for p in result.round.provisions if p.kind == ProvisionKind.SECTION]
    assert [p.label for p in sections][:6] == ["I.", "II.", "III.", "III.A", "III.B", "III.C"]
    paragraphs = [q.label for p in sections for q in p.paragraphs]
    # Decision paragraphs are numbered 1 … 169 across the chapters, by Word alone.
    assert paragraphs[:5] == ["1.", "2.", "3.", "4.", "5."]
    assert paragraphs[-1] == "169."
    assert len(paragraphs) == len(set(paragraphs))
    scope = sections[0]
    assert scope.heading == "Scope and definition of a cooperative approach"
    second = scope.paragraphs[1].text.splitlines()
    # The "Option 2" line above paragraph 2 opens it; its sub-items follow as lines.
    assert second[0] == "Option 2"
    assert second[2].startswith("(a) The voluntary participation of a Party or Parties")
    text = dump_round(result.round)
    assert text.count("[") >= 420


@requires_corpora()
def test_un_labels_agree_with_words_exported_by_word() -> None:
    """Every numbered line of Word's own text export starts with the label we computed."""
    (source,) = UN_FOLDER.glob("*.docx")
    (export,) = UN_FOLDER.glob("*.repo-extracted.txt")
    expected = []
    for line in export.read_text(encoding="utf-8-sig").splitlines():
        match = re.match(r"^\s+(\d+\.|\([a-z]+\))\s+(\S.{0,30})", line)
        if match:
            expected.append((match.group(1), match.group(2)))
    assert len(expected) > 350
    round_ = import_draft(source).round
    found = []
    for provision in round_.walk():
        if provision.kind == ProvisionKind.PARAGRAPH:
            # An "Option 1" line may open the paragraph: any of its lines may carry the start.
            found.extend((provision.label, line[:31]) for line in provision.text.splitlines())
        for line in provision.text.splitlines():
            match = re.match(r"^(\([a-z]+\))\s+(\S.{0,30})", line)
            if match:
                found.append((match.group(1), match.group(2)))
    expected_set = {(label, start.rstrip()) for label, start in expected}
    found_set = {(label, start.rstrip()) for label, start in found}
    missing = expected_set - found_set
    assert not missing, sorted(missing)[:10]


def test_compare_two_docx_end_to_end(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    old = write(tmp_path / "old.docx", treaty_docx())
    new = write(tmp_path / "new.docx", docx_bytes(para("Article 1", style="Heading1") + para("The Parties shall respect borders.", num=(1, 0))))
    for name in ("redline.html", "redline.docx"):
        result = cli("compare", old, new, "-o", tmp_path / name)
        assert result.exit_code == 0, result.stderr
        assert (tmp_path / name).stat().st_size > 0
    assert load_round  # clause files and drafts share one model


_PIECES = st.sampled_from(["shall", "[should]", "Article 2", "1.", "(a)", "Option 1:", "the Parties", "—", "III."])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(_PIECES, min_size=0, max_size=5),
            st.sampled_from([None, (1, 0), (1, 1), (1, 2), (3, 0), (4, 0), (4, 1)]),
            st.sampled_from([None, "Heading1", "Heading2"]),
            st.sampled_from(["", "ins", "del"]),
        ),
        min_size=1,
        max_size=25,
    )
)
def test_words_in_equal_words_out_for_any_layout(tmp_path_factory: pytest.TempPathFactory, paragraphs: list[tuple[list[str], tuple[int, int] | None, str | None, str]]) -> None:
    body = []
    for words, num, style, change in paragraphs:
        text = " ".join(words)
        content = [ins(text)] if change == "ins" else [delete(text)] if change == "del" else [text]
        body.append(para(*content, style=style, num=num))
    path = write(tmp_path_factory.mktemp("d") / "d.docx", docx_bytes("".join(body)))
    try:
        result = import_draft(path)
    except DraftImportError:
        return  # nothing but deleted or empty text: refused with a clear message
    assert result.report.words_in == result.report.words_out
    try:
        original = import_docx(path, ImportOptions(revisions="original")).report
    except DraftImportError:
        return  # only insertions: the original text was empty
    assert original.words_in == original.words_out
    assert round_from_text(dump_round(result.round)).provisions == result.round.provisions


def test_an_auto_numbered_paragraph_reading_article_keeps_its_number(tmp_path: Path) -> None:
    """Found by the property test above once two changes met: "1.1" from numbering.xml and the
    text "Article 2" made an article heading and lost the number."""
    result = import_draft(write(tmp_path / "d.docx", docx_bytes(para("Article 2", num=(1, 1)))))
    assert result.report.words_in == result.report.words_out == 3
    assert [(p.label, p.text) for p in result.round.walk()] == [("1.1", "Article 2")]
