"""Every bad input of issues 2, 3 and 7 through the real commands, with an output file asked for.

Each case asserts the contract: exit status 2, exactly one line on stderr that starts with
``error:``, names the file (or option) and ends with a fix in parentheses, no traceback, and
no output file (nor a temporary one) left behind.  Cases that must succeed with a warning
(UTF-8 with a BOM, a draft with no recognisable provisions, a .docm) assert exit 0 instead.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXAMPLE, run_cli
from fixtures.docx_builder import docx_bytes, para, zip_parts

from treatydiff.importers import docx_package

ROUND = """\
treatydiff: 1
round:
  label: Round 1
  party: A
provisions:
  - id: preamble-1
    label: Preamble, para 1
    kind: preamble
    text: Guided by the Charter of the United Nations,
  - id: art-1
    label: Article 1
    heading: Borders
    status: agreed
    paragraphs:
      - id: art-1-1
        label: "1."
        text: The Parties shall respect the border.
"""
CONFIG = """\
treatydiff: 1
title: Test talks
parties:
  - code: A
    name: Party A
rounds:
  - rounds/r1.yaml
  - rounds/r2.yaml
"""
DRAFT = "# Agreement\n\n## Article 1\n\n1. The Parties shall respect the border.\n"


def _error_line(result_code: int, stderr: str) -> str:
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    assert result_code == 2, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    line = lines[0]
    assert line.startswith("error: "), line
    assert line.endswith(")") and " (" in line, f"no fix suggested: {line}"
    return line


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def expect_error(tmp: Path, args: list[str | Path], *what: str, output: Path | None = None) -> str:
    """Run the CLI and check the error contract; ``output`` must not exist afterwards."""
    before = _listing(tmp)
    result = run_cli(*args)
    line = _error_line(result.exit_code, result.stderr)
    for part in what:
        assert part in line, f"{part!r} not in {line!r}"
    if output is not None:
        assert not output.exists()
    assert _listing(tmp) == before, "a file was left behind"
    return line


# --- clause files ---------------------------------------------------------------------------

CLAUSE_CASES: dict[str, tuple[bytes, tuple[str, ...]]] = {
    "malformed-yaml": (ROUND.replace("  label: Round 1", "  label: [Round 1").encode(), ("bad.yaml:", "malformed YAML")),
    "unknown-key": (ROUND.replace("    status: agreed", "    staus: agreed").encode(), ("bad.yaml:13:5", "unknown key 'staus'")),
    "missing-required": (ROUND.replace("    label: Article 1\n", "").encode(), ("bad.yaml:", "missing required key 'label'")),
    "missing-round-label": (ROUND.replace("  label: Round 1\n", "").encode(), ("bad.yaml:", "missing required key 'label' in round")),
    "duplicate-id": (ROUND.replace("id: art-1-1", "id: preamble-1").encode(), ("provision 'preamble-1'", "used twice")),
    "duplicate-label": (ROUND.replace("label: Article 1", "label: Preamble, para 1").encode(), ("provision 'art-1'", "label 'Preamble, para 1' is used twice")),
    "not-utf8": (ROUND.replace("Borders", "Fronti\u00e8res").encode("latin-1"), ("bad.yaml:12:20", "not UTF-8")),
    "empty": (b"", ("bad.yaml", "the file is empty")),
    "blank": (b" \n\t\n", ("bad.yaml", "the file is empty")),
    "binary": (b"\x00\x01\x02\x03 binary \x00" * 20, ("bad.yaml", "binary file")),
    "png": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 30, ("bad.yaml", "PNG image")),
    "yaml-alias-bomb": (
        b"treatydiff: 1\nx: &a [y, y, y]\nz: &b [*a, *a, *a]\nw: [*b, *b, *b]\n",
        ("bad.yaml:", "anchors and aliases"),
    ),
    "yaml-recursive-alias": (b"treatydiff: 1\nprovisions: &p [*p]\n", ("bad.yaml:", "anchors and aliases")),
    "yaml-deep-nesting": (b"treatydiff: " + b"[" * 5000 + b"]" * 5000 + b"\n", ("bad.yaml", "nested")),
    # Deep enough to crash libyaml's recursive composer (a segfault) if it ever got there.
    "yaml-very-deep-nesting": (b"treatydiff: " + b"[" * 300_000 + b"]" * 300_000 + b"\n", ("bad.yaml:1:", "nested more than")),
    "negotiation-config-as-round": (CONFIG.encode(), ("bad.yaml", "negotiation config, not a round")),
}


@pytest.mark.parametrize("case", sorted(CLAUSE_CASES))
def test_bad_clause_file_in_check_and_compare(tmp_path: Path, case: str) -> None:
    content, what = CLAUSE_CASES[case]
    good = tmp_path / "good.yaml"
    good.write_text(ROUND, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(content)
    expect_error(tmp_path, ["check", bad], *what)
    out = tmp_path / "out.json"
    expect_error(tmp_path, ["compare", good, bad, "-o", out], *what, output=out)
    expect_error(tmp_path, ["compare", bad, good, "-o", tmp_path / "out.html"], *what, output=tmp_path / "out.html")


def test_clause_file_with_bom_is_accepted(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(ROUND, encoding="utf-8")
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbf" + ROUND.replace("\n", "\r\n").encode())
    assert run_cli("check", bom).exit_code == 0
    out = tmp_path / "out.json"
    result = run_cli("compare", good, bom, "-o", out)
    assert result.exit_code == 0 and out.exists()
    assert '"unchanged"' in out.read_text(encoding="utf-8")


# --- negotiation folders ----------------------------------------------------------------------


def _negotiation(tmp: Path, config: str = CONFIG, rounds: tuple[str, ...] = ("r1",)) -> Path:
    folder = tmp / "talks"
    (folder / "rounds").mkdir(parents=True)
    (folder / "negotiation.yaml").write_text(config, encoding="utf-8")
    for name in rounds:
        (folder / "rounds" / f"{name}.yaml").write_text(ROUND, encoding="utf-8")
    return folder


def test_round_listed_but_missing(tmp_path: Path) -> None:
    folder = _negotiation(tmp_path)
    what = ("negotiation.yaml:8:5", "round 'rounds/r2.yaml' is listed but", "does not exist")
    expect_error(tmp_path, ["check", folder], *what)
    out = tmp_path / "out.json"
    expect_error(tmp_path, ["compare", "--negotiation", folder, "r1", "r2", "-o", out], *what, output=out)


def test_round_name_not_in_the_negotiation(tmp_path: Path) -> None:
    folder = _negotiation(tmp_path, rounds=("r1", "r2"))
    out = tmp_path / "out.json"
    expect_error(tmp_path, ["compare", "--negotiation", folder, "r1", "r9", "-o", out], "round 'r9' is not in the negotiation", "use one of: r1, r2", output=out)


@pytest.mark.parametrize(
    ("config", "what"),
    [
        (CONFIG.replace("title: Test talks", "titel: Test talks"), "unknown key 'titel'"),
        (CONFIG.replace("title: Test talks\n", ""), "missing required key 'title'"),
        (CONFIG.replace("  - code: A", "  - code: [A"), "malformed YAML"),
        (CONFIG + "  - rounds/r1.yaml\n", "listed twice"),
    ],
    ids=["unknown-key", "missing-title", "malformed", "round-twice"],
)
def test_bad_negotiation_config(tmp_path: Path, config: str, what: str) -> None:
    folder = _negotiation(tmp_path, config, rounds=("r1", "r2"))
    expect_error(tmp_path, ["check", folder], "negotiation.yaml", what)
    out = tmp_path / "out.json"
    expect_error(tmp_path, ["compare", "--negotiation", folder, "r1", "r2", "-o", out], what, output=out)


def test_negotiation_config_with_bom_is_accepted(tmp_path: Path) -> None:
    folder = _negotiation(tmp_path, rounds=("r1", "r2"))
    config = folder / "negotiation.yaml"
    config.write_bytes(b"\xef\xbb\xbf" + config.read_bytes())
    assert run_cli("check", folder).exit_code == 0


def test_negotiation_folder_that_does_not_exist(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    expect_error(tmp_path, ["compare", "--negotiation", tmp_path / "nope", "r1", "r2", "-o", out], "nope: no such folder", output=out)


# --- drafts ---------------------------------------------------------------------------------

DRAFT_CASES: dict[str, tuple[str, bytes, tuple[str, ...]]] = {
    "md-not-utf8": ("bad.md", "## Article 1\n\nLa fronti\u00e8re.\n".encode("cp1252"), ("bad.md:3:", "not UTF-8", "iconv")),
    "txt-not-utf16": ("bad.txt", "Article 1\n\nText.\n".encode("utf-16"), ("bad.txt", "binary")),
    "md-empty": ("bad.md", b"", ("bad.md", "the file is empty")),
    "txt-blank": ("bad.txt", b"\n\n   \n", ("bad.txt", "the file is empty")),
    "md-binary": ("bad.md", bytes(range(256)), ("bad.md", "binary file")),
    "pdf-named-md": ("bad.md", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", ("bad.md", "this is a PDF")),
    "docx-named-txt": ("bad.txt", zip_parts({"word/document.xml": b"<x/>"}), ("bad.txt", "zip archive")),
}


@pytest.mark.parametrize("case", sorted(DRAFT_CASES))
def test_bad_draft_in_import_and_compare(tmp_path: Path, case: str) -> None:
    name, content, what = DRAFT_CASES[case]
    good = tmp_path / "good.md"
    good.write_text(DRAFT, encoding="utf-8")
    bad = tmp_path / name
    bad.write_bytes(content)
    out = tmp_path / "out.yaml"
    expect_error(tmp_path, ["import", bad, "-o", out], *what, output=out)
    report = tmp_path / "out.json"
    expect_error(tmp_path, ["compare", good, bad, "-o", report], *what, output=report)


def test_draft_with_bom_is_accepted_and_the_bom_dropped(tmp_path: Path) -> None:
    draft = tmp_path / "bom.md"
    draft.write_bytes(b"\xef\xbb\xbf" + DRAFT.encode())
    out = tmp_path / "out.yaml"
    result = run_cli("import", draft, "-o", out)
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "\ufeff" not in text and "label: Article 1" in text


@pytest.mark.parametrize("command", ["import", "compare", "check"])
def test_path_that_does_not_exist(tmp_path: Path, command: str) -> None:
    good = tmp_path / "good.md"
    good.write_text(DRAFT, encoding="utf-8")
    for missing in ("nope.md", "nope.docx", "nope.yaml", "nope"):
        out = tmp_path / "out.json"
        args: list[str | Path] = {
            "import": ["import", tmp_path / missing, "-o", tmp_path / "out.yaml"],
            "compare": ["compare", good, tmp_path / missing, "-o", out],
            "check": ["check", tmp_path / missing],
        }[command]
        expect_error(tmp_path, args, missing, "no such file", output=out)


def test_folder_and_file_and_files_of_other_kinds(tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text(DRAFT, encoding="utf-8")
    out = tmp_path / "out.json"
    expect_error(tmp_path, ["compare", good, tmp_path, "-o", out], "one argument is a folder and the other a file", output=out)
    expect_error(tmp_path, ["compare", tmp_path, tmp_path, "-o", out], "is a folder", "--negotiation", output=out)
    expect_error(tmp_path, ["import", tmp_path, "-o", tmp_path / "x.yaml"], "is a folder", output=tmp_path / "x.yaml")
    image = tmp_path / "scan.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    # compare gives the advice import gives: the same one line, the same conversion hint
    expect_error(tmp_path, ["compare", good, image, "-o", out], "cannot import .png files", output=out)
    expect_error(tmp_path, ["import", image], "cannot import .png files")
    for suffix in (".pdf", ".doc", ".odt", ".rtf"):
        other = tmp_path / f"draft{suffix}"
        other.write_bytes(b"%PDF-1.4\n" if suffix == ".pdf" else b"\xd0\xcf\x11\xe0")
        advice = run_cli("import", other).stderr.strip()
        assert "save .doc, .odt, .rtf or .pdf drafts as .docx first" in advice
        for args in (["compare", other, good], ["compare", good, other], ["check", other]):
            result = run_cli(*args)
            assert result.exit_code == 2 and result.stderr.strip() == advice, (args, result.stderr)
    round_file = tmp_path / "round.yaml"
    round_file.write_text(ROUND, encoding="utf-8")
    expect_error(tmp_path, ["import", round_file], "already a clause file")
    config = tmp_path / "negotiation-copy.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    expect_error(tmp_path, ["compare", round_file, config, "-o", out], "negotiation config, not a round", output=out)
    # A Word draft and a Markdown draft of the same text are comparable: not an error.
    assert run_cli("compare", good, round_file).exit_code == 0


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_draft(tmp_path: Path) -> None:  # pragma: no cover - not run as root
    draft = tmp_path / "locked.md"
    draft.write_text(DRAFT, encoding="utf-8")
    draft.chmod(0)
    try:
        expect_error(tmp_path, ["import", draft, "-o", tmp_path / "out.yaml"], "locked.md", "cannot read", output=tmp_path / "out.yaml")
    finally:
        draft.chmod(0o644)


def test_draft_without_recognisable_provisions_warns_and_falls_back(tmp_path: Path) -> None:
    memo = tmp_path / "memo.txt"
    memo.write_text("The Parties met in Geneva.\n\nThey agreed to meet again.\n", encoding="utf-8")
    out = tmp_path / "memo.yaml"
    result = run_cli("import", memo, "-o", out)
    assert result.exit_code == 0
    assert "warning: no articles, sections or numbered paragraphs recognised" in result.stderr
    assert "label: Paragraph 1" in out.read_text(encoding="utf-8") and "label: Paragraph 2" in out.read_text(encoding="utf-8")
    check = run_cli("check", memo)
    assert check.exit_code == 0 and "warning: no articles" in check.stderr  # warnings go to stderr


# --- the output path ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "what"),
    [
        ("missing/report.json", "the output folder does not exist"),
        ("report.pdf", "cannot tell the output format from 'report.pdf'"),
        ("report", "cannot tell the output format from 'report'"),
        (".", "is a folder, not a file"),
    ],
    ids=["folder-missing", "unknown-extension", "no-extension", "a-folder"],
)
def test_impossible_output_path(tmp_path: Path, target: str, what: str) -> None:
    good = tmp_path / "good.md"
    good.write_text(DRAFT, encoding="utf-8")
    out = tmp_path / target
    expect_error(tmp_path, ["compare", good, good, "-o", out], what, output=None if target == "." else out)
    if target.startswith("missing"):
        expect_error(tmp_path, ["import", good, "-o", tmp_path / "missing" / "r.yaml"], what, output=tmp_path / "missing" / "r.yaml")


@pytest.mark.parametrize(
    ("option", "what"),
    [(["--date", "12 May 2024"], "--date '12 May 2024' is not YYYY-MM-DD"), (["--party", "Party A"], "is not a party code")],
    ids=["date", "party"],
)
def test_import_options_that_would_write_a_broken_clause_file(tmp_path: Path, option: list[str], what: str) -> None:
    good = tmp_path / "good.md"
    good.write_text(DRAFT, encoding="utf-8")
    out = tmp_path / "r.yaml"
    expect_error(tmp_path, ["import", good, "-o", out, *option], what, output=out)


def test_init_where_no_folder_can_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    expect_error(tmp_path, ["init", blocker / "talks"], "cannot create the folder")
    expect_error(tmp_path, ["init", blocker], "exists and is not a folder")


# --- Word drafts ----------------------------------------------------------------------------


def _docx_cases() -> dict[str, tuple[bytes, str]]:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    return {
        "not-a-zip": (b"just some text, renamed", "not a zip"),
        "zero-bytes": (b"", "empty"),
        "no-document": (zip_parts({"hello.txt": b"hi"}), "no word/document.xml"),
        "doc-renamed": (ole, "old Word .doc"),
        "odt-renamed": (zip_parts({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}), "OpenDocument"),
        "pdf-renamed": (b"%PDF-1.7\n...", "PDF"),
        "password-protected": (ole + "EncryptedPackage".encode("utf-16-le"), "password-protected"),
        "zip-bomb": (zip_parts({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<a/>" + b" " * (40 * 1024 * 1024)}), "zip bomb"),
        "zip-many-entries": (zip_parts({f"word/media/{i}.xml": b"x" for i in range(docx_package.MAX_ENTRIES + 1)}), "zip bomb"),
        "dtd-entities": (docx_bytes(para("Article 1"), document_prefix='<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x "boom">]>'), "DTD"),
        "empty-document": (docx_bytes(para("")), "no text"),
    }


@pytest.mark.parametrize("case", sorted(_docx_cases()))
def test_bad_word_draft_in_import_and_compare(tmp_path: Path, case: str) -> None:
    data, what = _docx_cases()[case]
    bad = tmp_path / "bad.docx"
    bad.write_bytes(data)
    good = tmp_path / "good.md"
    good.write_text(DRAFT, encoding="utf-8")
    out = tmp_path / "out.yaml"
    expect_error(tmp_path, ["import", bad, "-o", out], "bad.docx", what, output=out)
    for report in ("out.json", "out.html", "out.docx"):
        expect_error(tmp_path, ["compare", good, bad, "-o", tmp_path / report], "bad.docx", what, output=tmp_path / report)
    expect_error(tmp_path, ["check", bad], "bad.docx", what)


def test_docm_is_read_as_text_with_a_warning(tmp_path: Path) -> None:
    data = docx_bytes(para("Article 1", style="Heading1") + para("Text."), extra_parts={"word/vbaProject.bin": b"\x00macro"})
    draft = tmp_path / "draft.docm"
    draft.write_bytes(data)
    out = tmp_path / "out.yaml"
    result = run_cli("import", draft, "-o", out)
    assert result.exit_code == 0
    assert "macros" in result.stderr and out.exists()


# --- the example ------------------------------------------------------------------------------

RunCheck = Callable[..., object]


@pytest.mark.skipif(not (EXAMPLE / "negotiation.yaml").exists(), reason="example negotiation absent")
def test_example_round_missing_from_a_copy(tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(EXAMPLE, copy)
    (copy / "rounds" / "r4-am.yaml").unlink()
    line = expect_error(tmp_path, ["check", copy], "r4-am.yaml", "is listed but")
    assert "remove it from `rounds`" in line


def test_outputs_are_readable_files_not_private_temporaries(tmp_path: Path) -> None:
    """Atomic writes go through mkstemp, which makes 0600 files: the report must not be."""
    good = tmp_path / "good.md"
    good.write_text(DRAFT, encoding="utf-8")
    old_umask = os.umask(0o022)
    try:
        out = tmp_path / "r.yaml"
        assert run_cli("import", good, "-o", out).exit_code == 0
        assert out.stat().st_mode & 0o777 == 0o644
        report = tmp_path / "report.json"
        assert run_cli("compare", good, good, "-o", report).exit_code == 0
        assert report.stat().st_mode & 0o777 == 0o644
        report.chmod(0o640)  # rewriting keeps the permissions the user gave the file
        assert run_cli("compare", good, good, "-o", report).exit_code == 0
        assert report.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old_umask)
