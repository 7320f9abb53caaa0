"""DOCX redline: OOXML rules, determinism, options, and the accept/reject invariant.

The invariant is checked here on the XML itself (a small reader that accepts or rejects every
revision the way Word does, paragraph marks included) over hypothesis-generated rounds; the
same property is checked in real LibreOffice by tests/render/test_docx_libreoffice.py.
"""

from __future__ import annotations

import io
import itertools
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLE, run_cli
from docx_cases import OLD, normalise, synthetic_comparison, touching_insertions
from docx_xml_check import faults
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from treatydiff.model import (
    CompareOptions,
    Comparison,
    Direction,
    Finding,
    Provision,
    ProvisionKind,
    Round,
    RoundInfo,
)
from treatydiff.pipeline import compare
from treatydiff.render import RenderOptions, render
from treatydiff.render.docx_layout import round_lines
from treatydiff.render.docx_redline import build_spec, comment_text, front_lines
from treatydiff.render.ooxml import Change, Run

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
REVISIONS = ("ins", "del", "moveFrom", "moveTo")


def _document_xml(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read("word/document.xml"))


def _revision_of(element: etree._Element, paragraph: etree._Element) -> str | None:
    node = element.getparent()
    while node is not None and node is not paragraph:
        name = etree.QName(node).localname
        if name in REVISIONS:
            return name
        node = node.getparent()
    return None


def resolve(data: bytes, *, accept: bool) -> list[str]:
    """Body paragraph texts with every revision accepted (or rejected), as Word does it."""
    gone = ("del", "moveFrom") if accept else ("ins", "moveTo")
    body = _document_xml(data).find(W + "body")
    assert body is not None
    lines: list[str] = []
    pending = ""
    for paragraph in body.findall(W + "p"):  # tables (the summary) are not paragraphs here
        text = []
        for node in paragraph.iter(W + "t", W + "delText", W + "tab"):
            if _revision_of(node, paragraph) in gone:
                continue
            text.append("\t" if node.tag == W + "tab" else node.text or "")
        mark = paragraph.find(f"{W}pPr/{W}rPr")
        mark_revision = next((etree.QName(c).localname for c in mark if etree.QName(c).localname in REVISIONS), None) if mark is not None else None
        pending += "".join(text)
        if mark_revision in gone:
            continue  # the paragraph mark goes: this paragraph joins the next
        lines.append(pending)
        pending = ""
    if pending:
        lines.append(pending)
    return lines


def expected(comparison: Comparison, options: RenderOptions, *, new: bool) -> list[str]:
    round_ = comparison.new_round if new else comparison.old_round
    return normalise(front_lines(comparison, options) + round_lines(round_))


def test_accept_and_reject_rebuild_both_rounds() -> None:
    comparison = synthetic_comparison()
    data = render(comparison, "docx", RenderOptions())
    assert normalise(resolve(data, accept=True)) == expected(comparison, RenderOptions(), new=True)
    assert normalise(resolve(data, accept=False)) == expected(comparison, RenderOptions(), new=False)


def test_same_input_gives_identical_bytes_with_pinned_times() -> None:
    first = render(synthetic_comparison(), "docx", RenderOptions())
    second = render(synthetic_comparison(), "docx", RenderOptions())
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()
    assert "2024-02-20T00:00:00Z" in core  # created/modified: the newer round's date


def test_revisions_follow_the_ooxml_rules() -> None:
    root = _document_xml(render(synthetic_comparison(), "docx", RenderOptions()))
    ids = [e.get(W + "id") for e in root.iter() if etree.QName(e).localname in (*REVISIONS, "moveFromRangeStart", "moveToRangeStart")]
    assert len(ids) == len(set(ids)) and ids
    for revision in (e for e in root.iter() if etree.QName(e).localname in REVISIONS):
        assert revision.get(W + "author") == "Republic of Armenia"
        assert revision.get(W + "date") == "2024-02-20T00:00:00Z"
    for text in root.iter(W + "t", W + "delText"):
        assert text.get(XML_SPACE) == "preserve"
    for text in root.iter(W + "delText"):
        assert _revision_of(text, root) in ("del", "moveFrom")
    for text in root.iter(W + "t"):
        assert _revision_of(text, root) not in ("del", "moveFrom")
    # Every move range opens and closes, under a name shared by its from and to halves.
    starts = {e.get(W + "id"): e.get(W + "name") for e in root.iter(W + "moveFromRangeStart", W + "moveToRangeStart")}
    ends = {e.get(W + "id") for e in root.iter(W + "moveFromRangeEnd", W + "moveToRangeEnd")}
    assert set(starts) == ends
    from_names = {e.get(W + "name") for e in root.iter(W + "moveFromRangeStart")}
    to_names = {e.get(W + "name") for e in root.iter(W + "moveToRangeStart")}
    assert from_names == to_names and from_names


def test_each_finding_is_one_comment_anchored_in_the_text() -> None:
    comparison = synthetic_comparison()
    data = render(comparison, "docx", RenderOptions())
    document = docx.Document(io.BytesIO(data))  # python-docx re-opens the file
    comments = list(document.comments)
    assert [c.text.splitlines()[0] for c in comments] == [comment_text(f).splitlines()[0] for f in comparison.findings]
    assert all(c.author == "treatydiff" for c in comments)
    root = _document_xml(data)
    starts = [e.get(W + "id") for e in root.iter(W + "commentRangeStart")]
    ends = [e.get(W + "id") for e in root.iter(W + "commentRangeEnd")]
    references = [e.get(W + "id") for e in root.iter(W + "commentReference")]
    assert sorted(starts) == sorted(ends) == sorted(references) == sorted(str(c.comment_id) for c in comments)


def test_comment_text_names_code_direction_and_explanation() -> None:
    finding = synthetic_comparison().findings[0]
    assert comment_text(finding).startswith("obligation-weakened (regression): 'shall' binds;")


def test_no_comments_option_leaves_them_out() -> None:
    data = render(synthetic_comparison(), "docx", RenderOptions(comments=False))
    root = _document_xml(data)
    assert next(root.iter(W + "commentRangeStart"), None) is None
    assert len(docx.Document(io.BytesIO(data)).comments) == 0


def test_author_option_overrides_the_party() -> None:
    root = _document_xml(render(synthetic_comparison(), "docx", RenderOptions(author="Chair")))
    authors = {e.get(W + "author") for e in root.iter() if etree.QName(e).localname in REVISIONS}
    assert authors == {"Chair"}


def test_static_variant_colours_runs_instead_of_tracking() -> None:
    comparison = synthetic_comparison()
    data = render(comparison, "docx", RenderOptions(static=True))
    root = _document_xml(data)
    assert not [e for e in root.iter() if etree.QName(e).localname in (*REVISIONS, "delText")]
    assert next(root.iter(W + "strike"), None) is not None
    assert next(root.iter(W + "u"), None) is not None
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "ratification" in text and "signature" in text  # both sides readable


def test_findings_without_a_pair_or_span_still_get_a_comment() -> None:
    comparison = synthetic_comparison()
    stray = Finding(code="review-number", direction=Direction.REVIEW, pair_key="nowhere", old_label=None,
                    new_label=None, old_words="", new_words="", rule="test", explanation="No anchor.")
    comparison = replace(comparison, findings=(*comparison.findings, stray))
    data = render(comparison, "docx", RenderOptions())
    assert len(docx.Document(io.BytesIO(data)).comments) == len(comparison.findings)
    assert normalise(resolve(data, accept=True)) == expected(comparison, RenderOptions(), new=True)


def test_text_xml_cannot_carry_is_shown_not_dropped() -> None:
    old = Round(RoundInfo("A"), (Provision("x", "Article 1", "Page\x0cbreak"),))
    new = Round(RoundInfo("B"), (Provision("x", "Article 1", "Page\x0cbreak and more"),))
    data = render(compare(old, new, options=CompareOptions(analyse=False)), "docx", RenderOptions())
    assert "Page\ufffdbreak and more" in resolve(data, accept=True)


def test_cli_writes_the_redline_of_the_examples_last_two_rounds(tmp_path: Path) -> None:
    from treatydiff.formats.negotiation import load_negotiation

    rounds = load_negotiation(EXAMPLE).rounds
    out = tmp_path / "redline.docx"
    result = run_cli("compare", "--negotiation", EXAMPLE, rounds[-2].name, rounds[-1].name, "-o", out)
    assert result.exit_code == 0, result.stderr
    document = docx.Document(str(out))
    assert document.paragraphs[0].text.startswith("Agreement on Peace")
    assert normalise(resolve(out.read_bytes(), accept=False))[-1] == normalise(round_lines(rounds[-2]))[-1]


def _example_pairs() -> list[tuple[Round, Round]]:
    from treatydiff.formats.negotiation import load_negotiation

    return list(itertools.pairwise(load_negotiation(EXAMPLE).rounds))


@pytest.mark.parametrize("pair", _example_pairs(), ids=lambda p: f"{p[0].name}-{p[1].name}")
def test_every_example_pair_reopens_and_rebuilds_both_rounds(pair: tuple[Round, Round]) -> None:
    from treatydiff.formats.negotiation import load_negotiation
    from treatydiff.settings import Settings

    negotiation = load_negotiation(EXAMPLE)
    comparison = compare(*pair, Settings.of(negotiation))
    data = render(comparison, "docx", RenderOptions())
    assert len(docx.Document(io.BytesIO(data)).comments) == len(comparison.findings)
    assert normalise(resolve(data, accept=True)) == expected(comparison, RenderOptions(), new=True)
    assert normalise(resolve(data, accept=False)) == expected(comparison, RenderOptions(), new=False)


# --- the invariant over generated rounds --------------------------------------------------

WORDS = st.sampled_from(["the", "Parties", "shall", "should", "may", "all", "armed", "forces", "within", "30", "90", "days", "[shall]", "[should]", "border"])
TEXT = st.lists(WORDS, min_size=0, max_size=8).map(" ".join)


@st.composite
def round_pairs(draw: st.DrawFn) -> tuple[Round, Round]:
    count = draw(st.integers(1, 6))
    olds = []
    for n in range(count):
        paragraphs = tuple(
            Provision(f"a{n}-{k}", f"{k + 1}.", draw(TEXT) or "x", kind=ProvisionKind.PARAGRAPH)
            for k in range(draw(st.integers(0, 3)))
        )
        heading = draw(st.one_of(st.none(), TEXT.filter(bool)))
        text = draw(TEXT)
        if not (text or paragraphs or heading):
            text = "text"
        kind = ProvisionKind.PREAMBLE if n == 0 and draw(st.booleans()) else ProvisionKind.ARTICLE
        notes = draw(st.one_of(st.none(), TEXT.filter(bool).map(lambda t: f"[^1] {t}")))
        olds.append(Provision(f"a{n}", f"Article {n + 1}", text, kind=kind, heading=heading, paragraphs=paragraphs, notes=notes))
    news = []
    for provision in draw(st.permutations(olds)):
        if draw(st.integers(0, 5)) == 0:
            continue  # deleted
        if draw(st.booleans()):
            paragraphs = tuple(
                replace(p, text=draw(TEXT) or p.text) if draw(st.booleans()) else p
                for p in provision.paragraphs
                if draw(st.integers(0, 4))
            )
            notes = draw(st.one_of(st.none(), TEXT.filter(bool))) if draw(st.booleans()) else provision.notes
            provision = replace(provision, text=draw(TEXT) if provision.text else provision.text, paragraphs=paragraphs, notes=notes)
        news.append(provision)
    if draw(st.booleans()) or not news:
        news.insert(draw(st.integers(0, len(news))), Provision("new", "Article 99", draw(TEXT) or "new text"))
    news = [replace(p, label=f"Article {n + 1}") if p.kind is ProvisionKind.ARTICLE else p for n, p in enumerate(news)]
    return Round(RoundInfo("Old", party="A", date="2024-01-01"), tuple(olds)), Round(RoundInfo("New", party="B", date="2024-02-01"), tuple(news))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(round_pairs(), st.booleans())
def test_accepting_gives_the_new_round_and_rejecting_the_old(pair: tuple[Round, Round], comments: bool) -> None:
    old, new = pair
    comparison = compare(old, new)
    options = RenderOptions(comments=comments)
    data = render(comparison, "docx", options)
    # Checked here, not only by the conftest fixture at teardown: a failing example then shrinks.
    assert faults(data) == []
    assert normalise(resolve(data, accept=True)) == expected(comparison, options, new=True)
    assert normalise(resolve(data, accept=False)) == expected(comparison, options, new=False)


def test_a_move_with_no_text_on_its_new_side_is_a_deletion_not_an_unpaired_move() -> None:
    """A preamble moved after an article and emptied there (hypothesis found it): its old text
    was written as a move-from range whose move-to side had nothing to hold, so no pair."""
    preamble = Provision("a0", "Article 1", "the the the", kind=ProvisionKind.PREAMBLE,
                         paragraphs=(Provision("a0-0", "1.", "x", kind=ProvisionKind.PARAGRAPH),))
    article = Provision("a1", "Article 2", "the the", paragraphs=(Provision("a1-0", "1.", "x", kind=ProvisionKind.PARAGRAPH),))
    old = Round(RoundInfo("Old", party="A", date="2024-01-01"), (preamble, article))
    new = Round(RoundInfo("New", party="B", date="2024-02-01"),
                (replace(article, label="Article 1"), replace(preamble, text="", paragraphs=())))
    comparison = compare(old, new)
    data = render(comparison, "docx", RenderOptions())
    assert faults(data) == []
    root = _document_xml(data)
    deleted = ["".join(t.text or "" for t in d.iter(W + "delText")) for d in root.iter(W + "del")]
    assert "the the the" in deleted  # the emptied preamble's old text: deleted where it stood
    assert normalise(resolve(data, accept=True)) == expected(comparison, RenderOptions(), new=True)
    assert normalise(resolve(data, accept=False)) == expected(comparison, RenderOptions(), new=False)


def test_a_round_compared_with_itself_has_no_revisions() -> None:
    data = render(compare(OLD, OLD), "docx", RenderOptions())
    root = _document_xml(data)
    assert not [e for e in root.iter() if etree.QName(e).localname in REVISIONS]
    assert normalise(resolve(data, accept=True)) == normalise(resolve(data, accept=False))


LONG_TITLE = (
    "Agreement between the Republic of Armenia and the Republic of Azerbaijan on the Establishment of "
    "Peace and Interstate Relations, the Delimitation of the State Border and the Opening of Regional "
    "Transport and Economic Communications (illustrative)"
)


def test_a_long_title_is_cut_in_the_core_properties_and_kept_whole_in_the_body(tmp_path: Path) -> None:
    """docProps/core.xml text is limited to 255 characters: a 239-character title once crashed."""
    import shutil

    folder = tmp_path / "long"
    shutil.copytree(EXAMPLE, folder)
    config = folder / "negotiation.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace(text.splitlines()[1], f'title: "{LONG_TITLE}"', 1), encoding="utf-8")
    assert 230 < len(LONG_TITLE) < 255  # with ": Round 7 → Round 8" it passes the limit
    redline, synopsis = tmp_path / "redline.docx", tmp_path / "synopsis.docx"
    result = run_cli("compare", "--negotiation", folder, "r7-az", "r8-am", "-o", redline)
    assert result.exit_code == 0, result.stderr
    result = run_cli("synopsis", folder, "-o", synopsis)
    assert result.exit_code == 0, result.stderr
    for path in (redline, synopsis):
        document = docx.Document(str(path))
        assert len(document.core_properties.title) <= 255
        assert document.core_properties.title.startswith(LONG_TITLE[:200])
        body = "\n".join(p.text for p in document.paragraphs)
        assert LONG_TITLE in body


def test_no_paragraph_mark_in_both_rounds_sits_between_two_insertions() -> None:
    """LibreOffice joins two insertions across such a mark, so "Reject All" joined paragraphs."""
    comparison = touching_insertions()
    body = build_spec(comparison, RenderOptions()).body

    def edge(para_items: list[object], last: bool) -> Change | None:
        runs = [i for i in para_items if isinstance(i, Run) and i.text]
        return (runs[-1] if last else runs[0]).change if runs else None

    touching = [
        n for n in range(len(body) - 1)
        if body[n].mark is Change.NONE and edge(list(body[n].items), True) is Change.INSERT
        and edge(list(body[n + 1].items), False) is Change.INSERT
    ]
    assert touching == []
    data = render(comparison, "docx", RenderOptions())
    assert normalise(resolve(data, accept=True)) == expected(comparison, RenderOptions(), new=True)
    assert normalise(resolve(data, accept=False)) == expected(comparison, RenderOptions(), new=False)


def test_the_front_section_lists_the_findings_for_printed_copies() -> None:
    """Comments do not print: the first section lists every finding, cited from its draft."""
    from treatydiff.render.ooxml import Table
    from treatydiff.usecases import compare_sources

    comparison = compare_sources("r1-az", "r8-am", negotiation_dir=EXAMPLE)
    assert comparison.findings
    for options in (RenderOptions(), RenderOptions(comments=False)):
        spec = build_spec(comparison, options)
        texts = ["".join(item.text for item in block.items if isinstance(item, Run)) for block in spec.front if not isinstance(block, Table)]
        assert f"Findings ({len(comparison.findings)})" in texts
        tables = [block for block in spec.front if isinstance(block, Table)]
        (listing,) = [t for t in tables if t.rows[0][1:3] == ("Provision", "Finding")]
        assert len(listing.rows) == len(comparison.findings) + 1
        rows = listing.rows[1:]
        assert {row[4] for row in rows} == {f.explanation for f in comparison.findings}
        assert [row[2].split(" (")[1] for row in rows] == sorted(
            (row[2].split(" (")[1] for row in rows), key=["regression)", "review)", "progress)"].index)
        cited = {row[1] for row in rows}
        assert "old Article 5" in cited and "Article 2(1) → Article 3(1)" in cited
    # and the document's text holds them, before the treaty text
    data = render(comparison, "docx")
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert comparison.findings[0].explanation in cells
