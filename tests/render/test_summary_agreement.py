"""One summary, everywhere: the terminal, the JSON, the HTML, the DOCX and the negotiation
report count articles and paragraphs the same way, from :func:`treatydiff.views.summary.summarize`.

Checked on the example negotiation (drafts/) and on a real Paris pair (9 → 12 December 2015,
where most paragraphs are renumbered: counts of the top level alone said "renumbered 0").
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import CORPORA, EXAMPLE, requires_corpora

from treatydiff.importers import import_draft
from treatydiff.model import ChangeKind, CompareOptions, Comparison, Direction
from treatydiff.pipeline import compare
from treatydiff.render import RenderOptions, render
from treatydiff.render.docx_redline import build_spec
from treatydiff.render.ooxml import Table
from treatydiff.usecases import compare_sources
from treatydiff.views.site import change_summary
from treatydiff.views.summary import summarize

PARIS = CORPORA / "paris_agreement_2015" / "markdown"

Counts = dict[str, tuple[int, int]]  # kind -> (articles, paragraphs)


def _expected(comparison: Comparison) -> Counts:
    summary = summarize(comparison)
    return {k.value: (summary.articles.count(k), summary.paragraphs.count(k)) for k in ChangeKind}


def _phrase(text: str) -> dict[str, int]:
    return {kind: int(n) for n, kind in re.findall(r"(\d+) ([a-z]+)", text)}


def _terminal(comparison: Comparison) -> Counts:
    line = next(line for line in render(comparison, "text").decode().splitlines() if " provisions: " in line)
    articles, _, paragraphs = line.partition("; ")
    top, inner = _phrase(articles.partition(": ")[2]), _phrase(paragraphs.partition(": ")[2])
    assert int(articles.split()[0]) == len(comparison.pairs)
    return {k.value: (top.get(k.value, 0), inner.get(k.value, 0)) for k in ChangeKind}


def _json(comparison: Comparison) -> Counts:
    summary = json.loads(render(comparison, "json"))["summary"]
    assert summary["findings"] == len(comparison.findings)
    return {k: (summary["kinds"][k], summary["paragraphs"]["kinds"][k]) for k in summary["kinds"]}


def _html(comparison: Comparison) -> Counts:
    page = render(comparison, "html").decode()
    found = re.findall(r'data-kind="([a-z]+)" data-articles="(\d+)" data-paragraphs="(\d+)"', page)
    return {kind: (int(a), int(p)) for kind, a, p in found}


def _docx(comparison: Comparison) -> Counts:
    tables = [block for block in build_spec(comparison, RenderOptions()).front if isinstance(block, Table)]
    header, *rows = tables[0].rows
    assert header == ("Change", "Articles", "Paragraphs")
    return {kind: (int(a), int(p)) for kind, a, p in rows}


def _site(comparison: Comparison) -> Counts:
    articles, _, paragraphs = change_summary(comparison).partition("paragraphs: ")
    top, inner = _phrase(articles), _phrase(paragraphs)
    summary = summarize(comparison)
    # The round cards list the changed kinds only; "unchanged" is the rest.
    return {
        k.value: (
            top.get(k.value, summary.articles.count(k) if k == ChangeKind.UNCHANGED else 0),
            inner.get(k.value, summary.paragraphs.count(k) if k == ChangeKind.UNCHANGED else 0),
        )
        for k in ChangeKind
    }


def _assert_agree(comparison: Comparison) -> None:
    expected = _expected(comparison)
    for name, counts in (("terminal", _terminal), ("json", _json), ("html", _html), ("docx", _docx), ("site", _site)):
        assert counts(comparison) == expected, name


def _headline_and_findings(comparison: Comparison) -> None:
    summary = summarize(comparison)
    page = render(comparison, "html").decode()
    assert f"{summary.articles.changed} of {summary.articles.pairs} provisions changed" in page
    assert f"Findings ({summary.total_findings})" in page
    assert summary.total_findings == sum(summary.findings_of(d) for d in Direction) == len(comparison.findings)


@pytest.mark.parametrize(("old", "new"), [("r7-az", "r8-am"), ("r1-az", "r8-am"), ("r3-az", "r4-am")])
def test_every_report_counts_the_example_alike(old: str, new: str) -> None:
    comparison = compare_sources(old, new, negotiation_dir=EXAMPLE)
    _assert_agree(comparison)
    _headline_and_findings(comparison)
    # The example's paragraphs do change: the paragraph level is not empty.
    assert summarize(comparison).paragraphs.pairs > 0


@requires_corpora()
def test_every_report_counts_a_paris_pair_alike() -> None:
    old = import_draft(PARIS / "v3_2015-12-09_draft-paris-outcome_agreement.md").round
    new = import_draft(PARIS / "v4_2015-12-12_FCCC-CP-2015-L9-Rev1_agreement.md").round
    comparison = compare(old, new, options=CompareOptions(analyse=False))
    _assert_agree(comparison)
    summary = summarize(comparison)
    # Paragraphs are renumbered with their articles and some are deleted: counted where they are.
    assert summary.paragraphs.count(ChangeKind.RENUMBERED) + summary.paragraphs.count(ChangeKind.DELETED) > 0


def test_renumbered_only_provisions_are_not_counted_changed(tmp_path: Path) -> None:
    text_old = "## Article 1\n\nThe Parties shall meet.\n\n## Article 2\n\nThe Parties shall report.\n"
    text_new = "## Article 1\n\nThe Parties shall meet annually.\n\n## Article 3\n\nThe Parties shall report.\n"
    (tmp_path / "a.md").write_text(text_old)
    (tmp_path / "b.md").write_text(text_new)
    comparison = compare_sources(str(tmp_path / "a.md"), str(tmp_path / "b.md"))
    summary = summarize(comparison)
    assert (summary.articles.changed, summary.articles.renumbered_only) == (1, 1)
    page = render(comparison, "html").decode()
    assert "1 of 2 provisions changed (1 more only renumbered)" in page
    document = json.loads(render(comparison, "json"))
    assert (document["summary"]["changed"], document["summary"]["renumbered_only"]) == (1, 1)


OLD_TEXT = """## Article 5 — Scope

1. This Agreement applies to the border regions.

## Article 6 — Commitments

1. The Parties shall exchange liaison officers.

2. The Parties shall notify each other of exercises.

3. The Parties shall hold annual consultations.

4. The Parties shall establish a joint commission on missing persons within six months.
"""
NEW_TEXT = """## Article 5 — Scope

1. This Agreement applies to the border regions.

## Article 6 — Transit

1. Each Party shall guarantee the transit of goods.

2. Each Party shall publish its customs rules.

3. Each Party shall designate crossing points.

4. Each Party shall keep crossing points open at night.

## Article 7 — Commitments

1. The Parties shall exchange liaison officers.

2. The Parties shall notify each other of exercises.

3. The Parties shall hold annual consultations.
"""


def test_a_deleted_paragraph_is_cited_by_its_old_article(tmp_path: Path) -> None:
    (tmp_path / "old.md").write_text(OLD_TEXT)
    (tmp_path / "new.md").write_text(NEW_TEXT)
    comparison = compare_sources(str(tmp_path / "old.md"), str(tmp_path / "new.md"))
    deleted = [f for f in comparison.findings if f.code == "commitment-deleted" and "missing persons" in f.old_words + f.explanation]
    assert deleted, [(f.code, f.old_label, f.new_label) for f in comparison.findings]
    page = render(comparison, "html").decode()
    titles = re.findall(r'class="finding-link" href="[^"]+">([^<]+)</a>', page)
    assert "old Article 6(4): Commitment deleted" in titles, titles
    assert not any(t.startswith(("Article 7(4)", "Article 6(4)")) for t in titles), titles
    text = render(comparison, "text").decode()
    assert "REGRESSION old Article 6(4): commitment-deleted" in text
    # a renumbered paragraph's finding says both numbers
    assert all("→" in t for t in titles if t.startswith("Article 6(") and "7(" in t)
