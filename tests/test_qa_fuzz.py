"""Fuzzing the edges: whatever bytes or text a user hands to `import` or `check`, the CLI
answers with exit 0 or 2 and, on error, exactly one line on stderr, never a traceback.

When an import succeeds, the clause file it writes must load again to the same round: an
importer that writes a file `check` then refuses would strand the user half-way.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from treatydiff.cli import main
from treatydiff.formats.clausefile import load_round

SUFFIXES = (".md", ".txt", ".docx", ".yaml")
# QA_FUZZ_EXAMPLES=2000 for a long run; the default keeps the suite quick.
FUZZ = settings(max_examples=int(os.environ.get("QA_FUZZ_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text that looks like drafts: structure words, numbering, brackets, YAML and Markdown syntax,
# odd whitespace and control characters mixed with arbitrary Unicode.
_PIECES = st.sampled_from(
    [
        "Article 1", "ARTICLE II", "Article 2bis", "## Article 3", "# Title", "Preamble", "Annex I",
        "Section A.", "1.", "2bis.", "(a)", "(iv)", "1.1", "Option 1:", "[shall][should]", "[", "]",
        "\\[", "**", "---", "...", "title: x", "treatydiff: 1", "provisions:", "- id: a", "label: b",
        "text: |", "&a", "*a", "[^1]", "[^1]: note", "| a | b |", "<!-- c -->", "{: .x}", "\t", "\r",
        "\r\n", "\n", "\n\n", "    ", "\x0c", "\x0b", "\u2028", "\u0085", "\ufeff", "\x00", "é",
        "ARTICLE", "Article", "1.", "I.", "A.", "[1.", "Chapter I", "Part 2", "shall", ":", "#",
    ]
)
DRAFT_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=40).map(" ".join) | st.text(max_size=300)
RAW = st.binary(max_size=400)


def _run(*args: str) -> tuple[int, str, BaseException | None]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=True)
    error = result.exception if not isinstance(result.exception, SystemExit) else None
    return result.exit_code, result.stderr, error


def _assert_clean(code: int, err: str, error: BaseException | None) -> None:
    assert error is None, f"{type(error).__name__}: {error}"
    assert code in (0, 2), (code, err)
    assert "Traceback" not in err and "internal error" not in err, err
    if code == 2:
        lines = err.strip().splitlines()
        errors = [line for line in lines if line.startswith("error: ")]
        assert len(errors) == 1 and lines[-1].startswith("error: "), err


def _docx_with(document: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def _import_and_reload(path: Path, tmp: Path) -> None:
    out = tmp / "out.yaml"
    out.unlink(missing_ok=True)
    code, err, error = _run("import", str(path), "-o", str(out))
    _assert_clean(code, err, error)
    if code == 0:
        # The clause file written must pass `check` and load back to the same provisions.
        code, err, error = _run("check", str(out))
        _assert_clean(code, err, error)
        assert code == 0, err
        assert load_round(out).provisions is not None
    else:
        assert not out.exists()
    assert not [p for p in tmp.iterdir() if p.name.endswith(".tmp")]


@FUZZ
@given(data=RAW, suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_never_crash_import_or_check(tmp_path_factory, data: bytes, suffix: str) -> None:  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("bytes")
    path = tmp / f"x{suffix}"
    path.write_bytes(data)
    _import_and_reload(path, tmp)
    _assert_clean(*_run("check", str(path)))


@FUZZ
@given(text=DRAFT_TEXT, suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_text_never_crashes_import_or_check(tmp_path_factory, text: str, suffix: str) -> None:  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("text")
    path = tmp / f"x{suffix}"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    _import_and_reload(path, tmp)
    _assert_clean(*_run("check", str(path)))


_XML_PIECES = st.sampled_from(
    [
        '<w:p>', '</w:p>', '<w:r>', '</w:r>', '<w:t>', '</w:t>', '<w:t xml:space="preserve">', 'Article 1',
        '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>', '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>',
        '<w:ins w:author="A">', '</w:ins>', '<w:del w:author="B">', '</w:del>', '<w:delText>x</w:delText>',
        '<w:tab/>', '<w:br/>', '<w:tbl><w:tr><w:tc>', '</w:tc></w:tr></w:tbl>', '<w:footnoteReference w:id="1"/>',
        '<w:fldSimple w:instr="REF x">', '</w:fldSimple>', '&amp;', '&lt;', '[shall]', 'text', '<', '&',
    ]
)
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@FUZZ
@given(body=st.lists(st.one_of(_XML_PIECES, st.text(max_size=8)), max_size=30).map("".join))
def test_arbitrary_word_xml_never_crashes(tmp_path_factory, body: str) -> None:  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("docx")
    document = f'<?xml version="1.0"?><w:document {_W}><w:body>{body}</w:body></w:document>'
    path = tmp / "x.docx"
    path.write_bytes(_docx_with(document.encode("utf-8", "surrogatepass")))
    _import_and_reload(path, tmp)


_SEED_CLAUSE_FILE = """\
treatydiff: 1
round:
  label: Round 1
  number: 1
  party: AZ
  date: "2023-03-01"
provisions:
  - id: preamble-1
    label: Preamble, para 1
    kind: preamble
    text: Guided by the Charter of the United Nations,
  - id: art-borders
    label: Article 1
    heading: Borders
    status: agreed
    notes: a note
    paragraphs:
      - id: art-borders-1
        label: "1."
        text: |-
          Each Party shall:
          (a) [respect][recognize] the border;
"""


@FUZZ
@given(
    edits=st.lists(
        st.tuples(st.integers(0, len(_SEED_CLAUSE_FILE)), st.integers(0, 12), st.one_of(_PIECES, st.text(max_size=6))),
        min_size=1,
        max_size=4,
    )
)
def test_mutated_clause_files_never_crash_check_or_compare(tmp_path_factory, edits: list[tuple[int, int, str]]) -> None:  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("mutated")
    text = _SEED_CLAUSE_FILE
    for at, cut, piece in edits:
        text = text[:at] + piece + text[at + cut :]
    path = tmp / "round.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    _assert_clean(*_run("check", str(path)))
    good = tmp / "good.yaml"
    good.write_text(_SEED_CLAUSE_FILE, encoding="utf-8")
    out = tmp / "out.json"
    code, err, error = _run("compare", str(good), str(path), "-o", str(out))
    _assert_clean(code, err, error)
    assert out.exists() == (code == 0)
    assert sorted(p.name for p in tmp.iterdir()) == sorted(["round.yaml", "good.yaml"] + (["out.json"] if code == 0 else []))
