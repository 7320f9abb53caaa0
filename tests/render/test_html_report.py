"""The HTML report: view model, escaping, determinism, self-containment, the redline's text."""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import os
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType

import pytest
from conftest import TESTS
from hypothesis import given, settings
from hypothesis import strategies as st

from treatydiff.diff.worddiff import diff_text
from treatydiff.model import ChangeKind, Comparison, Direction, Finding, Op, Round, RoundInfo, Span
from treatydiff.render import RenderOptions, render
from treatydiff.views.redline import MarkLedger, Target, reading_order, redline_runs
from treatydiff.views.report import build_report

HERE = TESTS
DATA = HERE / "data" / "html"
ACTUAL = HERE / "actual"


def load_sample() -> ModuleType:
    spec = importlib.util.spec_from_file_location("html_sample", DATA / "sample.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SAMPLE = load_sample()


@pytest.fixture(scope="module")
def page() -> str:
    return render(SAMPLE.sample_comparison(), "html").decode("utf-8")


class _Page(HTMLParser):
    """Elements, attributes and the text of redline containers, as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.texts: dict[str, str] = {}  # provision anchor -> text of its .text block (tips excluded)
        self._stack: list[tuple[str, dict[str, str | None]]] = []
        self._current: str | None = None
        self._depth = 0
        self._tip_depth = 0
        self._anchor: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if a.get("id"):
            self.ids.append(a["id"] or "")
        if "provision" in (a.get("class") or "").split():
            self._anchor = a.get("id")
        if self._current is not None:
            self._depth += 1
            if "tip" in (a.get("class") or "").split() or self._tip_depth:
                self._tip_depth += 1
        elif a.get("class") == "text" and self._anchor:
            self._current = self._anchor
            self.texts[self._current] = ""
            self._depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self._current is not None:
            self._depth -= 1
            if self._tip_depth:
                self._tip_depth -= 1
            if self._depth == 0:
                self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None and not self._tip_depth:
            self.texts[self._current] += data


def parse(html: str) -> _Page:
    parser = _Page()
    parser.feed(html)
    return parser


# --- the page as a whole ----------------------------------------------------------------


def test_same_inputs_give_byte_identical_pages() -> None:
    assert render(SAMPLE.sample_comparison(), "html") == render(SAMPLE.sample_comparison(), "html")


def test_page_is_self_contained(page: str) -> None:
    parsed = parse(page)
    assert not [t for t, _ in parsed.tags if t in ("link", "img", "iframe", "object", "embed")]
    for _tag, attrs in parsed.tags:
        assert "src" not in attrs
        href = attrs.get("href")
        assert href is None or href.startswith("#"), href
    assert [t for t, _ in parsed.tags].count("script") == 1
    assert [t for t, _ in parsed.tags].count("style") == 1


def test_untrusted_text_is_escaped_never_markup(page: str) -> None:
    parsed = parse(page)
    for _tag, attrs in parsed.tags:
        assert not [name for name in attrs if name.startswith("on")], attrs
    assert "window.__xss" not in "".join(page.split("<script>")[1:]).split("</script>")[0]
    assert '&lt;script&gt;window.__xss = "script";&lt;/script&gt;' in page
    assert "{{ 7*7 }}" in page  # template syntax in a treaty is text, not a template
    assert "<title>Treaty on Peace and Interstate Relations: Round 7 → Round 8 &lt;/title&gt;" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # even in a finding's explanation


def test_csp_allows_only_the_page_own_style_and_script(page: str) -> None:
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp is not None
    policy = html.unescape(csp.group(1))
    script = page.split("<script>", 1)[1].split("</script>", 1)[0]
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]

    def digest(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert f"script-src 'sha256-{digest(script)}'" in policy
    assert f"style-src 'sha256-{digest(style)}'" in policy
    assert "default-src 'none'" in policy


def test_ids_are_unique_and_every_link_lands(page: str) -> None:
    parsed = parse(page)
    assert len(parsed.ids) == len(set(parsed.ids))
    ids = set(parsed.ids)
    for _tag, attrs in parsed.tags:
        if attrs.get("href", "").startswith("#"):  # type: ignore[union-attr]
            assert attrs["href"][1:] in ids, attrs["href"]  # type: ignore[index]
        if attrs.get("aria-describedby"):
            assert attrs["aria-describedby"] in ids


def test_redline_text_rebuilds_both_drafts(page: str) -> None:
    """Every character of both drafts is on the page, in order: nothing silently dropped."""
    parsed = parse(page)
    comparison = SAMPLE.sample_comparison()
    checked = 0
    for pair in comparison.walk():
        if not pair.segments:
            continue
        shown = parsed.texts[f"prov-{pair.key.replace('.', '-')}"]
        assert shown == "".join(s.text for s in pair.segments)
        checked += 1
    assert checked >= 15


def test_header_summary_and_banner(page: str) -> None:
    assert 'class="banner illustrative"' in page
    assert "<dd>Azerbaijan</dd>" in page and "<dd>Armenia</dd>" in page
    assert "<dd>2024-05-14</dd>" not in page and 'datetime="2024-05-14"' in page
    assert '<span class="stat-value">6</span> <span class="stat-label">Regression</span>' in page
    assert '<span class="stat-value">2</span> <span class="stat-label">Split</span>' in page
    assert '<td class="delta">1 opened</td>' in page  # brackets 3 -> 4
    assert "The treaty as a whole" in page


def test_renumbering_moves_and_status_are_shown(page: str) -> None:
    assert '<span class="old-num">Article 2</span> <span class="arrow" aria-hidden="true">→</span> <span class="new-num">Article 3</span>' in page
    assert 'aria-label="Article 2, renumbered Article 3"' in page
    assert '<a href="#from-prov-p5">where Article 9 stood</a>' in page
    assert 'Article 9 moved away; it is now <a href="#prov-p5">Article 4</a>' in page
    assert "Moved here from Article 11: <a" in page
    assert "Agreed text reopened" in page and "Agreed → Proposed" in page
    assert "Merged into <a" in page and "Split off from <a" in page


def test_render_options_start_side_by_side() -> None:
    page = render(SAMPLE.sample_comparison(), "html", RenderOptions(side_by_side=True)).decode()
    assert '<body data-filter="all" data-view="sbs">' in page


# --- view model -------------------------------------------------------------------------


def test_findings_list_regressions_first_and_linked_to_their_words() -> None:
    view = build_report(SAMPLE.sample_comparison())
    directions = [f.direction for f in view.findings]
    assert directions == sorted(directions, key=["regression", "review", "progress"].index)
    first = view.findings[0]
    assert (first.code_label, first.href) == ("Obligation weakened", "#finding-1")
    commitment = next(f for f in view.findings if f.code_label == "Commitment deleted")
    assert commitment.href.startswith("#finding-")  # marked inside the deleted article's text


def test_marks_wrap_the_triggering_words() -> None:
    view = build_report(SAMPLE.sample_comparison())
    article1 = next(p for p in view.provisions if p.label == "Article 1")
    marked = [("".join(x.text for x in run.pieces), run.mark.label) for run in article1.text if run.mark]
    assert ("shallshould", "Regression: Obligation weakened") in marked
    assert ("all ", "Regression: Scope narrowed") in marked
    assert ("thirty (30)90", "Regression: Deadline extended") in marked
    assert (", where appropriate", "Regression: Qualifier added") not in marked
    assert any(text.endswith("where appropriate") and "Qualifier" in label for text, label in marked)


def test_deleted_and_moved_away_provisions_stand_where_they_stood() -> None:
    view = build_report(SAMPLE.sample_comparison())
    order = [(p.label, p.stub) for p in view.provisions]
    monitoring = next(n for n, p in enumerate(view.provisions) if p.label == "Article 8" and not p.label_old)
    assert "kind-deleted" in view.provisions[monitoring].css
    assert view.provisions[monitoring - 1].notes[0].text == "Merged into"  # old Art 7 stood before it
    assert order[monitoring + 1] == ("Article 9", True)  # where old Art 9 stood before it moved
    languages = next(p for p in view.provisions if p.label == "Article 8" and p.label_old)
    assert [(c.label, c.stub) for c in languages.paragraphs][3] == ("4", False)  # deleted para 4 in place


def test_every_change_kind_has_a_badge() -> None:
    view = build_report(SAMPLE.sample_comparison())
    texts = {b.text for p in view.provisions for b in p.badges} | {b.text for p in view.provisions for c in p.paragraphs for b in c.badges}
    for kind in ChangeKind:
        assert kind.value.capitalize() in texts


def test_reading_order_places_old_only_pairs_after_their_old_predecessor() -> None:
    pairs = SAMPLE.PAIRS
    ordered = reading_order(pairs, [p.id for p in SAMPLE.OLD.provisions])
    assert len([p for p, stub in ordered if not stub]) == len(pairs)
    keys = [(p.key, stub) for p, stub in ordered]
    assert keys[0] == ("p1", False)
    assert keys.index(("p13", False)) > keys.index(("p9", False))


def test_empty_comparison_renders() -> None:
    empty = Round(RoundInfo(label="A"), ())
    page = render(Comparison(old_round=empty, new_round=replace(empty, info=RoundInfo(label="B")), pairs=()), "html").decode()
    assert "0 of 0 provisions changed" in page and "No regression" in page


def test_cli_writes_the_html_report(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    from treatydiff.formats.clausefile import dump_round

    (tmp_path / "old.yaml").write_text(dump_round(SAMPLE.OLD), encoding="utf-8")
    (tmp_path / "new.yaml").write_text(dump_round(SAMPLE.NEW), encoding="utf-8")
    result = cli("compare", tmp_path / "old.yaml", tmp_path / "new.yaml", "-o", tmp_path / "r.html")
    assert result.exit_code == 0, result.stderr
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "&lt;script&gt;window.__xss" in page


# --- invariants -------------------------------------------------------------------------

_words = st.lists(st.sampled_from(["shall", "should", "may", "Parties", "all", "ə", "Հայ", "نزاع", " ", ", ", "\n", "<b>", "&"]), max_size=14)


@settings(max_examples=150, deadline=None)
@given(old=_words, new=_words, data=st.data())
def test_marks_never_lose_or_reorder_text(old: list[str], new: list[str], data: st.DataObject) -> None:
    old_text, new_text = "".join(old), "".join(new)
    segments = diff_text(old_text, new_text)
    targets = []
    for n in range(data.draw(st.integers(0, 3))):
        spans = []
        for text in (old_text, new_text):
            a = data.draw(st.integers(0, len(text)))
            b = data.draw(st.integers(a, len(text)))
            spans.append(Span(a, b) if data.draw(st.booleans()) else None)
        direction = data.draw(st.sampled_from(list(Direction)))
        finding = Finding("x", direction, "p1", None, None, "", "", "r", "why", old_span=spans[0], new_span=spans[1])
        targets.append(Target(n + 1, finding))
    runs = redline_runs(segments, targets, MarkLedger())
    pieces = [p for run in runs for p in run.pieces]
    assert "".join(p.text for p in pieces if p.tag != "ins") == old_text
    assert "".join(p.text for p in pieces if p.tag != "del") == new_text
    assert all(p.text for p in pieces)
    ids = [run.mark.id for run in runs if run.mark and run.mark.id]
    assert len(ids) == len(set(ids))


def test_span_marks_the_right_side() -> None:
    segments = diff_text("Parties shall act", "Parties should act")
    finding = Finding("w", Direction.REGRESSION, "p", None, None, "shall", "should", "r", "why",
                      old_span=Span(8, 13), new_span=Span(8, 14))
    runs = redline_runs(segments, [Target(1, finding)], MarkLedger())
    marked = [run for run in runs if run.mark]
    assert len(marked) == 1
    assert [(p.tag, p.text) for p in marked[0].pieces] == [("del", "shall"), ("ins", "should")]
    assert marked[0].mark is not None and marked[0].mark.css == "finding regression side-both"
    assert [s.op for s in segments].count(Op.EQUAL) == 2


# --- golden -------------------------------------------------------------------------------


def _without_assets(page: bytes) -> bytes:
    """The page with its stylesheet, script and their hashes cut out: the golden pins the
    markup, so restyling the page does not mean regenerating it."""
    text = page.decode("utf-8")
    text = re.sub(r"<style>.*?</style>", "<style>/* report.css */</style>", text, flags=re.S)
    text = re.sub(r"<script>.*?</script>", "<script>/* report.js */</script>", text, flags=re.S)
    text = re.sub(r"sha256-[A-Za-z0-9+/=]+", "sha256-…", text)
    return text.encode("utf-8")


def test_golden_page() -> None:
    """The page's markup, byte for byte; set TREATYDIFF_UPDATE_GOLDEN=1 to accept a change."""
    golden = DATA / "sample-report.html"
    actual = _without_assets(render(SAMPLE.sample_comparison(), "html"))
    if os.environ.get("TREATYDIFF_UPDATE_GOLDEN") == "1":
        golden.write_bytes(actual)
    if golden.read_bytes() != actual:
        ACTUAL.mkdir(exist_ok=True)
        (ACTUAL / "sample-report.html").write_bytes(actual)
        pytest.fail(f"the page differs from {golden.name}; see tests/actual/sample-report.html "
                    "(TREATYDIFF_UPDATE_GOLDEN=1 to accept)")


def test_byte_identical_across_processes(tmp_path: Path) -> None:
    """No dict/set order, clock or path leaks into the page: two interpreters, two hash seeds."""
    import subprocess
    import sys

    script = (
        "import importlib.util, sys; from treatydiff.render import render; "
        f"spec = importlib.util.spec_from_file_location('s', {str(DATA / 'sample.py')!r}); "
        "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m); "
        "sys.stdout.buffer.write(render(m.sample_comparison(), 'html'))"
    )
    outputs = [
        subprocess.run([sys.executable, "-c", script], capture_output=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}, cwd=tmp_path).stdout
        for seed in ("1", "2")
    ]
    assert outputs[0] == outputs[1] and len(outputs[0]) > 10_000


def test_old_parent_of_a_renumbered_article_is_not_a_move() -> None:
    """An aligner may name every paragraph's old article; only a different one is a move."""
    comparison = SAMPLE.sample_comparison()
    article = next(p for p in comparison.pairs if p.key == "p10")
    first = replace(article.paragraphs[0], old_parent="Article 10", new_parent="Article 8")
    article = replace(article, paragraphs=(first, *article.paragraphs[1:]))
    pairs = tuple(article if p.key == "p10" else p for p in comparison.pairs)
    view = build_report(replace(comparison, pairs=pairs))
    languages = next(p for p in view.provisions if p.anchor == "prov-p10")
    assert languages.paragraphs[0].notes == ()
    assert [c.stub for c in languages.paragraphs].count(True) == 0
    moved = next(c for c in languages.paragraphs if c.anchor == "prov-p10-4")
    assert [n.text for n in moved.notes] == ["Moved here from Article 11:"]
