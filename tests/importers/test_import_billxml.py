"""US bill versions in USLM and bill.dtd XML: labels, headings, exact text, words in = words out,
refusals of unsafe or foreign XML, and the real bill versions of ../shared/corpora/us_bills."""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from conftest import CORPORA, requires_corpora
from hypothesis import given, settings
from hypothesis import strategies as st

from treatydiff.errors import DraftImportError, FileFormatError, UnsafeInputError
from treatydiff.formats.clausefile import dump_round, round_from_text
from treatydiff.importers import DRAFT_SUFFIXES, ImportOptions, import_draft
from treatydiff.importers.patterns import count_words
from treatydiff.model import ChangeKind, Op, Provision, ProvisionKind
from treatydiff.usecases import compare_sources

USLM = """<?xml version="1.0" encoding="UTF-8"?>
<bill xmlns="http://schemas.gpo.gov/xml/uslm" xmlns:dc="http://purl.org/dc/elements/1.1/">
<meta><dc:title>116 HR 9 IH: A test bill</dc:title><docStage>Introduced in House</docStage></meta>
<preface><congress>116th CONGRESS</congress><action><date date="2019-04-09">April 9, 2019</date>
<actionDescription>Mr. Smith introduced the following bill</actionDescription></action></preface>
<main><longTitle><docTitle>A BILL</docTitle><officialTitle>To test the importer, and for other purposes.</officialTitle></longTitle>
<enactingFormula><i>Be it enacted by the Senate and House of Representatives, </i></enactingFormula>
<section><num value="1">SECTION 1. </num><heading>SHORT TITLE.</heading><content>This Act may be cited as the “Test Act”.</content></section>
<section><num value="2">SEC. 2. </num><heading>REPORTS.</heading>
<subsection><num value="a">(a) </num><heading><inline class="smallCaps">In General</inline>.—</heading><chapeau>The Secretary shall report on—</chapeau>
<paragraph><num value="1">(1) </num><content>the first matter; and</content></paragraph>
<paragraph><num value="2">(2) </num><chapeau>the second matter, including—</chapeau>
<subparagraph><num value="A">(A) </num><content>its cost; and</content></subparagraph>
<subparagraph><num value="B">(B) </num><content>its effect.</content></subparagraph></paragraph>
<continuation>Each report shall be public.</continuation></subsection>
<subsection><num value="b">(b) </num><heading>Amendment.—</heading><content>Section 5 of the Old Act is amended to read as follows:
<quotedContent><section><num>“SEC. 5. </num><heading>DUTIES.</heading><content>The Board shall meet yearly.”.</content></section></quotedContent></content></subsection></section>
<title><num value="I">TITLE I</num><heading>DEPARTMENT OF AGRICULTURE</heading>
<appropriations level="major"><heading>AGRICULTURAL PROGRAMS</heading></appropriations>
<appropriations level="intermediate"><heading>Farm Service Agency</heading></appropriations>
<appropriations level="small"><heading><inline class="smallCaps">emergency conservation program</inline></heading>
<content>For an additional amount, $558,000,000, to remain available until expended: <proviso><i> Provided</i>, That such amount is designated as an emergency requirement.</proviso></content></appropriations>
<section><num value="101">SEC. 101. </num><content>Funds in this title shall remain available.</content></section></title>
</main>
<attestation><action><actionDescription>Passed the House of Representatives.</actionDescription></action></attestation>
</bill>
"""

DTD = """<?xml version="1.0"?>
<!DOCTYPE bill PUBLIC "-//US Congress//DTDs/bill.dtd//EN" "bill.dtd">
<bill bill-stage="Reported-in-House">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dublinCore><dc:title>118 HR 8 RH: Test Appropriations Act</dc:title>
<dc:date>2024-06-14</dc:date></dublinCore></metadata>
<form><congress>118th CONGRESS</congress><legis-num>H. R. 8</legis-num><legis-type>A BILL</legis-type>
<official-title>Making appropriations for testing.<pagebreak/></official-title></form>
<legis-body>
<section section-type="undesignated-section"><text>That the following sums are appropriated, namely:</text></section>
<title><enum>I</enum>
<appropriations-major><header>DEPARTMENTAL MANAGEMENT</header></appropriations-major>
<appropriations-intermediate><header>Office of the secretary</header></appropriations-intermediate>
<appropriations-small><header>OPERATIONS AND SUPPORT</header><text>For necessary expenses, $281,358,000: <proviso><italic>Provided,</italic></proviso> That not to exceed $30,000 shall be for reception expenses.</text></appropriations-small>
<appropriations-small><header>(INCLUDING TRANSFER OF FUNDS)</header></appropriations-small>
<appropriations-small><text>Of the amount above, $1,000,000 may be transferred.</text></appropriations-small>
<appropriations-intermediate><header>Administrative provisions</header></appropriations-intermediate>
<section><enum>101.</enum><subsection><enum>(a)</enum><text>The Secretary shall submit a report that includes—</text>
<paragraph><enum>(1)</enum><text>each account; and</text></paragraph>
<paragraph><enum>(2)</enum><text>each transfer.</text></paragraph></subsection>
<subsection><enum>(b)</enum><header>Review</header><text>The Inspector General shall review it:</text>
<quoted-block><section><enum>5.</enum><text>The review is final.</text></section></quoted-block></subsection></section>
</title>
</legis-body>
<attestation><attestation-group><attestation-date date="20240628">Passed the House June 28, 2024.</attestation-date></attestation-group></attestation>
</bill>
"""


def _write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _by_label(provisions: tuple[Provision, ...]) -> dict[str, Provision]:
    return {p.label: p for p in provisions}


def test_xml_is_a_draft_suffix() -> None:
    assert ".xml" in DRAFT_SUFFIXES


def test_uslm_sections_subsections_and_nested_levels(tmp_path: Path) -> None:
    result = import_draft(_write(tmp_path, "H9_IH.xml", USLM))
    round_ = result.round
    assert round_.info.title == "116 HR 9 IH: A test bill"
    assert round_.info.date == "2019-04-09"
    labels = [p.label for p in round_.provisions]
    assert labels == ["Long title", "Enacting clause", "Section 1", "Sec. 2", "Title I",
                      "Title I, Farm Service Agency: Emergency Conservation Program", "Sec. 101"]
    by = _by_label(round_.provisions)
    assert by["Long title"].kind is ProvisionKind.PREAMBLE
    assert by["Long title"].text == "To test the importer, and for other purposes."
    assert by["Enacting clause"].text == "Be it enacted by the Senate and House of Representatives,"
    assert by["Section 1"].heading == "SHORT TITLE"
    assert by["Section 1"].text == "This Act may be cited as the “Test Act”."
    sec2 = by["Sec. 2"]
    assert sec2.heading == "REPORTS" and sec2.text == ""
    assert [(p.label, p.heading) for p in sec2.paragraphs] == [("(a)", "In General"), ("(b)", "Amendment")]
    assert sec2.paragraphs[0].text.split("\n") == [
        "The Secretary shall report on—",
        "(1) the first matter; and",
        "(2) the second matter, including—",
        "(A) its cost; and",
        "(B) its effect.",
        "Each report shall be public.",
    ]
    # A quoted section of the amended law stays inside the paragraph, with its own number.
    assert sec2.paragraphs[1].text.split("\n") == [
        "Section 5 of the Old Act is amended to read as follows:",
        "“SEC. 5. DUTIES. The Board shall meet yearly.”.",
    ]
    assert by["Title I"].heading == "DEPARTMENT OF AGRICULTURE" and by["Title I"].text == ""
    account = by["Title I, Farm Service Agency: Emergency Conservation Program"]
    assert account.heading == "AGRICULTURAL PROGRAMS — Farm Service Agency — emergency conservation program"
    assert account.text == ("For an additional amount, $558,000,000, to remain available until expended: "
                            "Provided, That such amount is designated as an emergency requirement.")
    assert by["Sec. 101"].text == "Funds in this title shall remain available."
    report = result.report
    assert report.words_in == report.words_out and report.warnings == ()
    reasons = " | ".join(reason for reason, _ in report.skipped)
    assert "metadata" in reasons and "cover page" in reasons and "A BILL" in reasons and "attestation" in reasons
    # The clause file written from it loads back to the same round.
    assert round_from_text(dump_round(round_)).provisions == round_.provisions


def test_bill_dtd_appropriations_paragraphs_with_provisos(tmp_path: Path) -> None:
    result = import_draft(_write(tmp_path, "hr8_rh.xml", DTD), ImportOptions(label="Reported"))
    round_ = result.round
    assert round_.info.label == "Reported" and round_.info.date == "2024-06-28"
    assert round_.info.title == "118 HR 8 RH: Test Appropriations Act"
    labels = [p.label for p in round_.provisions]
    assert labels == ["Long title", "Unnumbered section 1",
                      "Title I, Office of the Secretary: Operations and Support",
                      "Title I, Office of the Secretary: Operations and Support (2)",
                      "Title I, Administrative Provisions", "Sec. 101"]
    by = _by_label(round_.provisions)
    assert by["Long title"].text == "Making appropriations for testing."
    first = by["Title I, Office of the Secretary: Operations and Support"]
    assert first.heading == "DEPARTMENTAL MANAGEMENT — Office of the secretary — OPERATIONS AND SUPPORT"
    assert first.text == "For necessary expenses, $281,358,000: Provided, That not to exceed $30,000 shall be for reception expenses."
    # A paragraph with no header continues under the headers above; a parenthetical
    # sub-header joins the heading, not the label the aligner pairs by.
    second = by["Title I, Office of the Secretary: Operations and Support (2)"]
    assert second.heading == ("DEPARTMENTAL MANAGEMENT — Office of the secretary — "
                              "OPERATIONS AND SUPPORT (INCLUDING TRANSFER OF FUNDS)")
    assert second.text == "Of the amount above, $1,000,000 may be transferred."
    assert by["Title I, Administrative Provisions"].text == ""
    sec = by["Sec. 101"]
    assert [(p.label, p.heading) for p in sec.paragraphs] == [("(a)", None), ("(b)", "Review")]
    assert sec.paragraphs[0].text.split("\n") == [
        "The Secretary shall submit a report that includes—", "(1) each account; and", "(2) each transfer."]
    assert sec.paragraphs[1].text.split("\n") == ["The Inspector General shall review it:", "5. The review is final."]
    assert result.report.words_in == result.report.words_out and result.report.warnings == ()
    assert ("pagebreak elements (layout, no text)", 1) in result.report.skipped


def test_every_word_is_imported_or_reported_skipped(tmp_path: Path) -> None:
    for name, text in (("a.xml", USLM), ("b.xml", DTD)):
        report = import_draft(_write(tmp_path, name, text)).report
        skipped = sum(int(m.group(1)) for reason, _ in report.skipped if (m := re.search(r"\((\d+) words\)", reason)))
        everything = count_words(" ".join(re.sub(r"<[^>]+>", " ", text.split("?>", 1)[1]).split()))
        assert report.words_in + skipped == everything, name


def test_omnibus_divisions_scope_their_titles_and_sections(tmp_path: Path) -> None:
    def division(letter: str) -> str:
        return (f"<division><num>DIVISION {letter}</num><heading>ACT {letter}</heading><title><num>TITLE I</num>"
                f"<heading>AGENCY</heading><section><num>SEC. 101. </num><content>Text {letter}.</content></section>"
                "</title></division>")

    xml = f'<bill xmlns="http://schemas.gpo.gov/xml/uslm"><main>{division("A")}{division("B")}</main></bill>'
    result = import_draft(_write(tmp_path, "omnibus.xml", xml))
    assert [p.label for p in result.round.provisions] == [
        "Division A", "Division A, Title I", "Division A, Sec. 101", "Division B", "Division B, Title I", "Division B, Sec. 101"]
    assert result.report.words_in == result.report.words_out


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz$0123456789,.;—“”()", min_size=1, max_size=10)
_TEXT = st.lists(_WORD, min_size=1, max_size=12).map(" ".join)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(_TEXT, st.lists(_TEXT, max_size=3), st.booleans()), min_size=1, max_size=6))
def test_words_in_equal_words_out_on_generated_bills(tmp_path_factory: pytest.TempPathFactory,
                                                     sections: list[tuple[str, list[str], bool]]) -> None:
    """Whatever the sections hold, every word of the body lands in the round."""
    parts = []
    for n, (heading, paragraphs, appropriation) in enumerate(sections, start=1):
        if appropriation:
            parts.append(f'<appropriations level="small"><heading>{escape(heading)}</heading>'
                         f"<content>{escape(' '.join(paragraphs) or heading)}</content></appropriations>")
            continue
        subs = "".join(f"<subsection><num>({chr(97 + i)}) </num><content>{escape(p)}</content></subsection>"
                       for i, p in enumerate(paragraphs))
        parts.append(f"<section><num>SEC. {n}. </num><heading>{escape(heading)}</heading>{subs or '<content>x</content>'}</section>")
    xml = f'<bill xmlns="http://schemas.gpo.gov/xml/uslm"><main><title><num>TITLE I</num>{"".join(parts)}</title></main></bill>'
    path = tmp_path_factory.mktemp("bill") / "gen.xml"
    path.write_text(xml, encoding="utf-8")
    report = import_draft(path).report
    assert report.words_in == report.words_out
    assert report.warnings == ()


# --- bad input -------------------------------------------------------------------------------

BAD: dict[str, tuple[str, type[Exception], tuple[str, ...]]] = {
    "malformed": (USLM.replace("</main>", "</mian>"), FileFormatError, ("bad.xml:", "not well-formed XML")),
    "entity-declaration": (
        '<?xml version="1.0"?>\n<!DOCTYPE bill [<!ENTITY a "aaaaaaaaaa">]>\n<bill><legis-body>&a;</legis-body></bill>',
        UnsafeInputError, ("bad.xml:2", "entities"),
    ),
    "external-entity": (
        '<?xml version="1.0"?>\n<!DOCTYPE bill [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<bill>&x;</bill>',
        UnsafeInputError, ("bad.xml:2", "refusing"),
    ),
    "undefined-entity": (DTD.replace("namely:", "namely&mdash;"), FileFormatError, ("bad.xml:", "&mdash; that only a DTD defines")),
    "undefined-entity-no-dtd": (USLM.replace("Test Act", "Test&nbsp;Act"), FileFormatError, ("bad.xml:", "not well-formed XML")),
    "unknown-root": ('<?xml version="1.0"?>\n<akomaNtoso><act/></akomaNtoso>', DraftImportError, ("bad.xml:2", "not a US bill version")),
    "empty-body": ('<bill xmlns="http://schemas.gpo.gov/xml/uslm"><main><longTitle><officialTitle>A title</officialTitle>'
                   "</longTitle></main></bill>", DraftImportError, ("bad.xml", "holds no bill text")),
    "empty-file": ("", FileFormatError, ("bad.xml", "the file is empty")),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_bill_xml_is_one_clear_line(tmp_path: Path, case: str) -> None:
    text, error, what = BAD[case]
    path = _write(tmp_path, "bad.xml", text)
    with pytest.raises(error) as caught:
        import_draft(path)
    message = caught.value.message  # type: ignore[attr-defined]
    assert "\n" not in message and message.endswith(")") and " (" in message, message
    for part in what:
        assert part in message, f"{part!r} not in {message!r}"


@pytest.mark.parametrize("case", ["malformed", "entity-declaration", "unknown-root", "empty-body"])
def test_bad_bill_xml_through_the_cli(tmp_path: Path, case: str) -> None:
    from test_qa_bad_input import expect_error

    text, _, what = BAD[case]
    bad = _write(tmp_path, "bad.xml", text)
    good = _write(tmp_path, "good.xml", USLM)
    out = tmp_path / "out.json"
    expect_error(tmp_path, ["import", bad, "-o", tmp_path / "out.yaml"], *what, output=tmp_path / "out.yaml")
    expect_error(tmp_path, ["compare", good, bad, "-f", "json", "-o", out], *what, output=out)


# --- the real bill versions ------------------------------------------------------------------

BILLS = CORPORA / "us_bills"
ALL_BILLS = sorted([*BILLS.glob("uslm/*.XML"), *BILLS.glob("bills_dtd/*/*.xml")]) if BILLS.is_dir() else []


@requires_corpora()
@pytest.mark.corpora
def test_corpus_is_there() -> None:
    assert len(ALL_BILLS) == 19, "../shared/corpora/us_bills changed: update these tests"


@requires_corpora()
@pytest.mark.corpora
@pytest.mark.parametrize("path", ALL_BILLS, ids=lambda p: p.name)
def test_every_corpus_bill_imports_with_words_in_equal_words_out(path: Path) -> None:
    result = import_draft(path)
    assert result.report.words_in == result.report.words_out
    assert result.report.warnings == ()
    assert any(p.kind is not ProvisionKind.PREAMBLE for p in result.round.provisions)


def _compare(old: str, new: str):  # type: ignore[no-untyped-def]
    return compare_sources(str(BILLS / old), str(BILLS / new))


GROUPS = (("uslm/HJ37_RH.XML", "uslm/HJ37_RFS.XML"), ("uslm/HC105_RDS.XML", "uslm/hc105_eh.XML"),
          ("uslm/hc105_eh.XML", "uslm/hc105_enr.XML"), ("uslm/HJ107_RDS.XML", "uslm/hj107_eh.XML"),
          ("uslm/hj107_eh.XML", "uslm/hj107_enr.XML"), ("uslm/SC13_ES.XML", "uslm/SC13_ATS.XML"),
          ("uslm/SC13_ATS.XML", "uslm/SC13_RFH.XML"))


@requires_corpora()
@pytest.mark.corpora
@pytest.mark.parametrize(("old", "new"), GROUPS, ids=lambda name: Path(name).stem)
def test_every_version_pair_compares_and_rebuilds_both_texts(old: str, new: str) -> None:
    comparison = _compare(old, new)
    for pair in comparison.walk():
        assert "".join(s.text for s in pair.segments if s.op is not Op.INSERT) == (pair.old.text if pair.old else "")
        assert "".join(s.text for s in pair.segments if s.op is not Op.DELETE) == (pair.new.text if pair.new else "")


@requires_corpora()
@pytest.mark.corpora
def test_identical_body_control_pair_has_no_changed_provision() -> None:
    comparison = _compare("uslm/h1037_eh.XML", "uslm/H1037_RFS.XML")
    assert [p.new_label for p in comparison.pairs if p.changed] == []
    assert len(comparison.pairs) == 7


@requires_corpora()
@pytest.mark.corpora
def test_near_identical_control_pair_has_few_changes() -> None:
    comparison = _compare("uslm/H1058_RDS.XML", "uslm/h1058_enr.XML")
    assert sum(1 for p in comparison.walk() if p.changed) <= 2


@requires_corpora()
@pytest.mark.corpora
def test_appropriations_bill_introduced_to_enrolled_pairs_its_accounts() -> None:
    comparison = _compare("uslm/H2157_IH.XML", "uslm/h2157_enr.XML")
    kinds = {k for p in comparison.pairs for k in p.kinds}
    assert ChangeKind.MODIFIED in kinds
    paired = [p for p in comparison.pairs if p.old is not None and p.new is not None]
    assert len(paired) >= 80
    # The enrolled bill inserts a title (GSA), so later titles are renumbered; an account keeps
    # its label after the title's number, and is paired with itself.
    def account(label: str | None) -> str:
        return re.sub(r"^Title [IVXL]+, ", "", label or "")

    same = [p for p in paired if ": " in account(p.old_label) and account(p.old_label) == account(p.new_label)]
    assert len(same) >= 40
    assert sum(1 for p in same if p.old_label != p.new_label and ChangeKind.RENUMBERED in p.kinds) >= 15


@requires_corpora()
@pytest.mark.corpora
def test_floor_amendment_lands_in_one_provision() -> None:
    comparison = _compare("bills_dtd/118-hr-8752/1_reported-in-house.xml", "bills_dtd/118-hr-8752/2_engrossed-in-house.xml")
    new_text = "\n".join(p.full_text for p in comparison.new_round.provisions)
    amounts = re.findall(r"\((?:reduced|increased) by \$[\d,]+\)", new_text)
    unique = [a for a in dict.fromkeys(amounts) if new_text.count(a) == 1]
    assert unique, "no floor amendment of a unique amount in the engrossed bill"
    for amendment in unique:
        holders = [p for p in comparison.walk() if any(s.op is Op.INSERT and amendment in s.text for s in p.segments)]
        assert len(holders) == 1, amendment
        (pair,) = holders
        assert pair.kinds == (ChangeKind.MODIFIED,) and pair.old_label == pair.new_label


@requires_corpora()
@pytest.mark.corpora
def test_compare_cli_writes_json_for_a_bill_pair(tmp_path: Path) -> None:
    from conftest import run_cli

    out = tmp_path / "x.json"
    result = run_cli("compare", BILLS / "uslm/H2157_IH.XML", BILLS / "uslm/h2157_enr.XML", "-f", "json", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert '"modified"' in out.read_text(encoding="utf-8")


def test_paragraphs_wrapped_in_one_content_are_the_sections_paragraphs(tmp_path: Path) -> None:
    # The Senate print of H.J.Res. 37 wraps "Congress finds the following: (1) … (2) …" in one
    # <content>; the House print gives a chapeau and paragraphs.  Both are one section of paragraphs.
    wrapped = USLM.replace(
        "<content>This Act may be cited as the “Test Act”.</content>",
        "<content><p>Congress finds the following:</p><br/><paragraph><num value=\"1\">(1) </num><content>One.</content></paragraph>"
        "<paragraph><num value=\"2\">(2) </num><content>Two.</content></paragraph></content>")
    plain = USLM.replace(
        "<content>This Act may be cited as the “Test Act”.</content>",
        "<chapeau>Congress finds the following:</chapeau><paragraph><num value=\"1\">(1) </num><content>One.</content></paragraph>"
        "<paragraph><num value=\"2\">(2) </num><content>Two.</content></paragraph>")
    for name, text in (("H9_RFS.xml", wrapped), ("H9_RH.xml", plain)):
        result = import_draft(_write(tmp_path, name, text))
        section = _by_label(result.round.provisions)["Section 1"]
        assert section.text == "Congress finds the following:"
        assert [(p.label, p.text) for p in section.paragraphs] == [("(1)", "One."), ("(2)", "Two.")]
        assert result.report.words_in == result.report.words_out
