"""Plain-text outlines: "Section 1 – Definitions." headings over indented lettered and numbered
items.  Every fixture is written here (a harbour's pilotage rules), none is copied from a draft."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPORA, requires_corpora
from hypothesis import given, settings
from hypothesis import strategies as st

from treatydiff.formats.clausefile import dump_round, round_from_text
from treatydiff.importers import ImportResult, import_draft
from treatydiff.importers.structure import count_words
from treatydiff.model import Provision, ProvisionKind, cite

_RULES = """Harbour Pilotage Rules

These rules bind every pilot of the harbour.
 They come into force at the next spring tide.

Section 1 – Words used.

     a.\tPilot means a person licensed under these rules.

     b.\tVessel means any craft that floats.

Section 2 - Duties.

Every pilot owes the following duties.

     a.\tBoarding.

          1. A pilot shall board from the lee side:

               A. by ladder; or

               B. by launch,

                    i.\tin calm water;

                    ii.\tin daylight.

          2. A pilot shall report the draught of the vessel.

     b.\tReports.

          1. Reports are made in writing.

Section 3 — Fees

     a.\tFees are set yearly.
"""


def _import(tmp_path: Path, text: str, name: str = "rules.txt") -> ImportResult:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = import_draft(path)
    assert result.report.words_in == result.report.words_out == count_words(text)
    assert round_from_text(dump_round(result.round)).provisions == result.round.provisions
    return result


def _citations(provisions: tuple[Provision, ...]) -> list[str]:
    return [cite(top.label, p.label) if p is not top else p.label for top in provisions for p in top.walk()]


def test_dashed_headings_open_sections_titled_without_their_full_stop(tmp_path: Path) -> None:
    provisions = _import(tmp_path, _RULES).round.provisions
    sections = [(p.label, p.heading) for p in provisions if p.kind == ProvisionKind.SECTION]
    assert sections == [("Section 1", "Words used"), ("Section 2", "Duties"), ("Section 3", "Fees")]
    assert provisions[3].text == "Every pilot owes the following duties."


def test_indented_items_are_paragraphs_cited_by_their_path(tmp_path: Path) -> None:
    provisions = _import(tmp_path, _RULES).round.provisions
    assert _citations(provisions)[2:] == [
        "Section 1", "Section 1(a)", "Section 1(b)",
        "Section 2", "Section 2(a)", "Section 2(a)(1)", "Section 2(a)(1)(A)", "Section 2(a)(1)(B)",
        "Section 2(a)(2)", "Section 2(b)", "Section 2(b)(1)",
        "Section 3", "Section 3(a)",
    ]
    section2 = provisions[3]
    assert section2.paragraphs[0].text == "Boarding."
    # A fourth level stays lines of its paragraph, marker and all, as "(i)" does everywhere.
    assert section2.paragraphs[3].text.splitlines() == ["by launch,", "i.\tin calm water;", "ii.\tin daylight."]


def test_text_before_the_first_heading_is_kept_as_the_preamble(tmp_path: Path) -> None:
    provisions = _import(tmp_path, _RULES.replace("— Fees\n", "— Fees.\n")).round.provisions
    assert [p.label for p in provisions] == ["Preamble, para 1", "Preamble, para 2", "Section 1", "Section 2", "Section 3"]
    assert [(p.label, p.kind, p.text) for p in provisions[:2]] == [
        ("Preamble, para 1", ProvisionKind.PREAMBLE, "Harbour Pilotage Rules"),
        ("Preamble, para 2", ProvisionKind.PREAMBLE,
         "These rules bind every pilot of the harbour.\nThey come into force at the next spring tide."),
    ]


def test_a_sentence_starting_with_section_n_is_text_not_a_heading(tmp_path: Path) -> None:
    text = (
        "Section 1 – Scope.\n\n     a.\tThese rules apply in the harbour.\n\n"
        "Section 3 of the harbour code applies to all pilots.\n\n     b.\tThey apply at the pier.\n\n"
        "Section 2 – Duties.\n\n     a.\tA pilot shall board.\n\n"
        "Section 3 - Fees.\nFees are set yearly.\n"
    )
    provisions = _import(tmp_path, text).round.provisions
    assert [(p.label, p.heading) for p in provisions] == [("Section 1", "Scope"), ("Section 2", "Duties"), ("Section 3", "Fees")]
    assert [(p.label, p.text.splitlines()) for p in provisions[0].paragraphs] == [
        ("(a)", ["These rules apply in the harbour.", "Section 3 of the harbour code applies to all pilots."]),
        ("(b)", ["They apply at the pier."]),
    ]
    assert provisions[2].text == "Fees are set yearly."  # the heading's own line, then its text


def test_a_one_off_dashed_line_is_no_heading(tmp_path: Path) -> None:
    """One "Section N – …." line is no run of headings: the draft keeps its flat reading."""
    text = "Harbour notice\n\nSection 3 – Applies to all pilots.\n\n     a.\tEvery pilot shall board.\n"
    provisions = _import(tmp_path, text).round.provisions
    assert [p.label for p in provisions] == ["Paragraph 1", "Paragraph 2", "Paragraph 3"]


@pytest.mark.parametrize(
    ("first", "second", "labels"),
    [
        ("Article 1 – Scope.", "Article 2 – Duties.", ["Article 1", "Article 2"]),
        ("Section 4 - Scope", "Section 5 - Duties", ["Section 4", "Section 5"]),
        ("SECTION 5. SCOPE", "SECTION 6. DUTIES", ["SECTION 5.", "SECTION 6."]),
    ],
)
def test_the_heading_family_in_its_other_forms(tmp_path: Path, first: str, second: str, labels: list[str]) -> None:
    text = f"Rules\n\n{first}\n\n    a. These rules apply.\n\n{second}\n\n    a. A pilot boards.\n\n        1. By day.\n"
    provisions = _import(tmp_path, text).round.provisions
    assert [p.label for p in provisions] == ["Preamble, para 1", *labels]
    assert [p.heading for p in provisions[1:]] == [("SCOPE" if first.isupper() else "Scope"), ("DUTIES" if first.isupper() else "Duties")]
    assert _citations(provisions)[1:] == [labels[0], f"{labels[0]}(a)", labels[1], f"{labels[1]}(a)", f"{labels[1]}(a)(1)"]


def test_items_under_numbered_paragraphs_stay_their_lines(tmp_path: Path) -> None:
    """Where the builder reads a section's own numbered paragraphs ("3.1."), indented items are
    their sub-items, as before."""
    text = (
        "Article 1 - SCOPE\n\n1.1. These rules apply:\n     1. in the harbour;\n     2. at the pier.\n\n"
        "Article 2 - DUTIES\n\n2.1. A pilot boards.\n"
    )
    provisions = _import(tmp_path, text).round.provisions
    assert [[q.label for q in p.paragraphs] for p in provisions] == [["1.1."], ["2.1."]]
    assert provisions[0].paragraphs[0].text.splitlines() == ["These rules apply:", "1. in the harbour;", "2. at the pier."]


_WORD = st.sampled_from(["pilot", "shall", "board", "the", "vessel", "Harbour", "3", "(b)", "—", "[may]"])
_SENTENCE = st.lists(_WORD, min_size=1, max_size=6).map(lambda ws: " ".join(ws) + ".")
_MARKERS = ("abcdefgh", "12345678", "ABCDEFGH")


@st.composite
def _outline(draw: st.DrawFn) -> tuple[str, list[str]]:
    """An outline draft and the citations it must give: 2-4 sections of items up to 3 deep."""
    lines, expected = ["Pilotage Rules", ""], []
    for number in range(1, draw(st.integers(2, 4)) + 1):
        dash = draw(st.sampled_from(["–", "-", "—"]))
        stop = draw(st.sampled_from([".", ""]))
        lines += [f"Section {number} {dash} Title {number}{stop}", ""]
        expected.append(f"Section {number}")
        counts = [0, 0, 0]
        depth = 0
        for _ in range(draw(st.integers(0, 6))):
            depth = draw(st.integers(0, min(depth + 1, 2))) if counts[0] else 0
            counts[depth] += 1
            counts[depth + 1 :] = [0] * (2 - depth)
            path = "".join(f"({_MARKERS[d][counts[d] - 1]})" for d in range(depth + 1))
            marker = _MARKERS[depth][counts[depth] - 1]
            tab = draw(st.sampled_from(["\t", " "]))
            lines += [" " * (5 * (depth + 1)) + f"{marker}.{tab}{draw(_SENTENCE)}", ""]
            expected.append(f"Section {number}{path}")
            if counts[depth] == len(_MARKERS[0]):
                break
    return "\n".join(lines), expected


@settings(max_examples=60, deadline=None)
@given(_outline())
def test_any_outline_is_cited_by_path_and_keeps_every_word(tmp_path_factory: pytest.TempPathFactory, drawn: tuple[str, list[str]]) -> None:
    text, expected = drawn
    result = _import(tmp_path_factory.mktemp("outline"), text)
    assert _citations(result.round.provisions)[1:] == expected


@requires_corpora()
def test_cc_by_sa_4_reads_as_eight_sections() -> None:
    path = CORPORA / "licence_versions" / "CC-BY-SA" / "txt" / "CC-BY-SA-4.0.txt"
    result = import_draft(path)
    assert result.report.words_in == result.report.words_out
    sections = [p.label for p in result.round.provisions if p.kind == ProvisionKind.SECTION]
    assert sections == [f"Section {n}" for n in range(1, 9)]
    assert "Section 2(a)(1)(A)" in _citations(result.round.provisions)
