"""A Word draft's runs cut where revisions start and end (treatydiff.render.ooxml_runs), and
the shortcuts that make the Word-in, Word-out redline fast without changing a byte of it: a
renumbered label's diff made without the engine, python-docx left unimported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fixtures.docx_builder import docx_bytes, para, run
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from treatydiff.diff.worddiff import diff_text
from treatydiff.model import CompareOptions
from treatydiff.render.docx_source import _label_segments
from treatydiff.render.ooxml_package import XML_SPACE, W
from treatydiff.render.ooxml_runs import cut_runs
from treatydiff.render.ooxml_source import SourceDocument

_TAB_RUN = '<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">one</w:t><w:tab/><w:t xml:space="preserve">two</w:t></w:r>'


def _source(tmp_path: Path, *content: str) -> SourceDocument:
    path = tmp_path / "draft.docx"
    path.write_bytes(docx_bytes(para(*content)))
    return SourceDocument(path.read_bytes(), path)


def _texts(element: etree._Element) -> list[str]:
    return [t.text or "" for t in element.iter(W + "t")]


def test_a_cut_run_becomes_one_run_per_piece_each_with_its_formatting(tmp_path: Path) -> None:
    source = _source(tmp_path, run("The Parties shall cooperate.", bold=True), "Each Party may report.")
    paragraph = source.paras[0]
    kept = paragraph.units[1].run
    pieces = cut_runs(paragraph.units, [12, 17], [(12, 17)], [])
    assert [(lo, hi, inserted) for _, lo, hi, inserted, _ in pieces] == [(0, 12, False), (12, 17, True), (17, 28, False), (28, 50, False)]
    runs = paragraph.element.findall(W + "r")
    assert [_texts(r) for r in runs] == [["The Parties "], ["shall"], [" cooperate."], ["Each Party may report."]]
    assert all(r.find(f"{W}rPr/{W}b") is not None for r in runs[:3])  # the bold of the run cut
    assert all(r.find(f"{W}t").get(XML_SPACE) == "preserve" for r in runs[:3])
    assert runs[3] is kept  # a run no cut falls inside stays the draft's own element
    assert pieces[3][0] is kept


def test_a_tab_is_never_cut_and_stays_with_its_piece(tmp_path: Path) -> None:
    source = _source(tmp_path, _TAB_RUN)
    paragraph = source.paras[0]
    pieces = cut_runs(paragraph.units, [1, 3, 4], [(4, 7)], [])
    runs = paragraph.element.findall(W + "r")
    assert [[child.tag.split("}")[1] for child in r] for r in runs] == [["rPr", "t"], ["rPr", "t"], ["rPr", "tab"], ["rPr", "t"]]
    assert [_texts(r) for r in runs] == [["o"], ["ne"], [], ["two"]]
    assert [inserted for *_, inserted, _ in pieces] == [False, False, False, True]
    assert all(r.find(f"{W}rPr/{W}i") is not None for r in runs)


def test_a_moved_piece_carries_its_move_number(tmp_path: Path) -> None:
    source = _source(tmp_path, "Article 4 moves here.")
    paragraph = source.paras[0]
    pieces = cut_runs(paragraph.units, [0, 10, 21], [], [(10, 21, 3)])
    assert [(lo, hi, move) for _, lo, hi, _, move in pieces] == [(0, 10, 0), (10, 21, 3)]


_WORDS = st.sampled_from(["Article", "ARTICLE", "article", "Art.", "Section", "Annex", "Option", "Part", "bis", "ter", "thirty"])
_NUMBERS = st.sampled_from(["1", "2", "5", "6", "12", "4a", "4b", "I", "II", "IV", "(a)", "(b)", "(30)", "1.1", "2.1"])
_LABEL = st.lists(st.one_of(_WORDS, _NUMBERS, st.sampled_from([".", ")", ":", " – "])), min_size=1, max_size=4).map(" ".join)
_OPTIONS = st.builds(CompareOptions, ignore_case=st.booleans(), ignore_whitespace=st.booleans(),
                     ignore_punctuation=st.booleans(), numbers_as_words=st.booleans())


@settings(deadline=None)  # a loaded machine makes the first example's imports slow, not wrong
@given(_LABEL, _LABEL, _OPTIONS)
def test_a_labels_diff_is_the_word_diffs_own(old: str, new: str, options: CompareOptions) -> None:
    if old != new:
        assert tuple(_label_segments(old, new, options)) == diff_text(old, new, options)


def test_renumbered_labels_are_diffed_word_by_word() -> None:
    options = CompareOptions(ignore_whitespace=True)
    for old, new in (("Article 5", "Article 6"), ("4.", "5."), ("Article 12 bis", "Article 13 bis"), ("Annex I", "Annex II")):
        assert tuple(_label_segments(old, new, options)) == diff_text(old, new, options)


def test_the_word_redline_of_a_word_draft_never_imports_python_docx(tmp_path: Path) -> None:
    """python-docx writes only the rebuilt redline: the Word-in, Word-out command starts without it."""
    old, new = tmp_path / "old.docx", tmp_path / "new.docx"
    old.write_bytes(docx_bytes(para("Article 1") + para("The Parties shall cooperate.")))
    new.write_bytes(docx_bytes(para("Article 1") + para("The Parties should cooperate.")))
    script = (
        "import sys\n"
        "from treatydiff.cli import main\n"
        f"main(['compare', {str(old)!r}, {str(new)!r}, '-o', {str(tmp_path / 'redline.docx')!r}], standalone_mode=False)\n"
        "assert 'docx' not in sys.modules, 'python-docx was imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "redline.docx").read_bytes()[:2] == b"PK"
