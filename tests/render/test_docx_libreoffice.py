"""DOCX redlines opened in real LibreOffice (headless, through UNO).

Every file must load without a repair prompt; accepting every change must give the newer
round's text and rejecting every change the older round's (paragraph texts compared after
normalising whitespace and dropping empty paragraphs); LibreOffice must count the tracked
changes and comments the comparison says.  Done for every consecutive pair of the example
negotiation, for pairs built in code (moves and findings; insertions that touch across a
paragraph mark), and for real pairs from ../shared/corpora (GitHub terms v1 → v2, Paris
9 → 12 December 2015; skipped, and said so, when absent).  Documents with comments are opened
in a frame too: that needs Debian's full ``libreoffice-writer``, not the ``-nogui`` build.

UNO needs Debian's /usr/bin/python3, so tests/uno_check.py runs in a subprocess, once for all
files.  Outside CI the module is skipped when LibreOffice or python3-uno is missing; in CI
(CI=true) it must run.
"""

from __future__ import annotations

import fcntl
import itertools
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPORA, EXAMPLE, IN_CI, TESTS
from docx_cases import normalise, synthetic_comparison, touching_insertions, tracked_change_runs
from uno_run import SYSTEM_PYTHON, libreoffice_ready

from treatydiff.formats.negotiation import load_negotiation
from treatydiff.model import Comparison
from treatydiff.pipeline import compare
from treatydiff.render import RenderOptions
from treatydiff.render.docx_layout import round_lines
from treatydiff.render.docx_redline import build_spec, front_lines, revision_author
from treatydiff.render.ooxml import build_docx
from treatydiff.settings import FrozenMap, Settings, negotiation_info

UNO_CHECK = TESTS / "uno_check.py"
_libreoffice_ready = libreoffice_ready


pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(not IN_CI and not _libreoffice_ready(), reason="LibreOffice or python3-uno missing"),
]


@dataclass(frozen=True)
class Case:
    name: str
    comparison: Comparison
    options: RenderOptions

    @property
    def expected_new(self) -> list[str]:
        return normalise(front_lines(self.comparison, self.options) + round_lines(self.comparison.new_round))

    @property
    def expected_old(self) -> list[str]:
        return normalise(front_lines(self.comparison, self.options) + round_lines(self.comparison.old_round))


def _example_cases() -> list[Case]:
    negotiation = load_negotiation(EXAMPLE)
    info = negotiation_info(negotiation)
    cases = []
    for old, new in itertools.pairwise(negotiation.rounds):
        comparison = compare(old, new, Settings(negotiation=info, lexicon=FrozenMap.of(negotiation.lexicon)))
        cases.append(Case(f"example-{old.name}-{new.name}", comparison, RenderOptions()))
    return cases


def _corpora_cases() -> list[Case]:
    if not CORPORA.is_dir():
        return []
    from treatydiff.importers import import_draft

    folder = CORPORA / "github_terms_of_service"
    old = import_draft(folder / "v01_2017-06-09_04c8757.md").round
    new = import_draft(folder / "v02_2017-06-09_7a72ae0.md").round
    paris = CORPORA / "paris_agreement_2015" / "markdown"
    # Paris, 9 → 12 December 2015: LibreOffice's "Reject All" once joined paragraphs here
    # ("… of the Convention apply.Article 2"), where an insertion ends a paragraph and the
    # next one starts with an insertion.
    dec9 = import_draft(paris / "v3_2015-12-09_draft-paris-outcome_agreement.md").round
    dec12 = import_draft(paris / "v4_2015-12-12_FCCC-CP-2015-L9-Rev1_agreement.md").round
    return [
        Case("corpora-github-tos-v01-v02", compare(old, new), RenderOptions()),
        Case("corpora-paris-dec9-dec12", compare(dec9, dec12), RenderOptions()),
    ]



def _cases() -> list[Case]:
    synthetic = synthetic_comparison()
    return [
        Case("synthetic", synthetic, RenderOptions()),
        Case("synthetic-nocomments", synthetic, RenderOptions(comments=False)),
        Case("synthetic-author", synthetic, RenderOptions(author="Chair's text")),
        Case("synthetic-static", synthetic, RenderOptions(static=True)),
        Case("touching-insertions", touching_insertions(), RenderOptions()),
        *_example_cases(),
        *_corpora_cases(),
    ]


CASES = _cases()


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Render every case and read each back through LibreOffice, in one soffice session.

    Under pytest-xdist every worker asks for this; the first does the work under a file lock
    in the run's shared temporary folder and the others read its results.
    """
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # this run's folder
    with (shared / "docx-libreoffice.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        cached = shared / "docx-libreoffice.json"
        if not cached.exists():
            cached.write_text(json.dumps(_run_libreoffice(shared / "docx-libreoffice")), encoding="utf-8")
        results: list[dict[str, Any]] = json.loads(cached.read_text(encoding="utf-8"))
    return {Path(r["file"]).stem: r for r in results}


def _run_libreoffice(folder: Path) -> list[dict[str, Any]]:
    folder.mkdir(exist_ok=True)
    files = []
    for case in CASES:
        path = folder / f"{case.name}.docx"
        path.write_bytes(build_docx(build_spec(case.comparison, case.options)))
        files.append(path)
    pdf = folder / "pdf"
    pdf.mkdir(exist_ok=True)
    run = subprocess.run(
        [str(SYSTEM_PYTHON), str(UNO_CHECK), *map(str, files), "--pdf", str(pdf)],
        capture_output=True, text=True, timeout=900, check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    results: list[dict[str, Any]] = json.loads(run.stdout)
    return results


def _ids(cases: list[Case]) -> list[str]:
    return [c.name for c in cases]


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_loads_without_repair(office: dict[str, dict[str, Any]], case: Case) -> None:
    result = office[case.name]
    assert result["loaded"], result.get("error")


TRACKED = [c for c in CASES if not c.options.static]


@pytest.mark.parametrize("case", TRACKED, ids=_ids(TRACKED))
def test_accept_all_gives_the_newer_round(office: dict[str, dict[str, Any]], case: Case) -> None:
    result = office[case.name]
    assert normalise(result["model_accepted"]) == case.expected_new
    if "accepted" in result:  # opened in a frame: LibreOffice's own "Accept All"
        assert normalise(result["accepted"]) == case.expected_new
        assert result["redlines_after_accept"] == 0


@pytest.mark.parametrize("case", TRACKED, ids=_ids(TRACKED))
def test_reject_all_gives_the_older_round(office: dict[str, dict[str, Any]], case: Case) -> None:
    result = office[case.name]
    assert normalise(result["model_rejected"]) == case.expected_old
    if "rejected" in result:
        assert normalise(result["rejected"]) == case.expected_old
        assert result["redlines_after_reject"] == 0


def test_every_case_went_through_accept_and_reject_all_in_a_frame_comments_and_all(office: dict[str, dict[str, Any]]) -> None:
    examples = [c for c in TRACKED if c.name.startswith("example-")]
    assert len(examples) == len(load_negotiation(EXAMPLE).rounds) - 1
    assert all(c.comparison.findings for c in examples)  # so their redlines have comments
    assert all("accepted" in office[c.name] and "rejected" in office[c.name] for c in TRACKED)


def test_the_corpora_pairs_were_round_tripped(office: dict[str, dict[str, Any]]) -> None:
    if not CORPORA.is_dir():
        pytest.skip(f"{CORPORA} is absent: the Paris 9 → 12 December and GitHub terms pairs were NOT checked")
    assert {"corpora-github-tos-v01-v02", "corpora-paris-dec9-dec12"} <= set(office)


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_tracked_changes_and_comments_are_counted_as_the_comparison_says(
    office: dict[str, dict[str, Any]], case: Case
) -> None:
    result = office[case.name]
    spec = build_spec(case.comparison, case.options)
    redlines = [r for r in result["redlines"] if r["type"] in ("Insert", "Delete")]
    if case.options.static:
        assert redlines == []
    else:
        assert len(redlines) == tracked_change_runs(spec.body)
        assert {r["author"] for r in redlines} <= {revision_author(case.comparison, case.options)}
    expected_comments = len(case.comparison.findings) if case.options.comments else 0
    assert len(result["comments"]) == expected_comments
    for comment, _finding in zip(result["comments"], case.comparison.findings, strict=False):
        assert comment["author"] == "treatydiff"
        assert comment["anchor"].strip(), comment


def test_comments_sit_on_the_words_that_triggered_them(office: dict[str, dict[str, Any]]) -> None:
    anchors = {c["text"].split(" ", 1)[0]: c["anchor"] for c in office["synthetic"]["comments"]}
    # LibreOffice reads deleted and inserted words together: "shall" struck, "should" added.
    assert anchors["obligation-weakened"] == "shallshould"
    assert anchors["deadline-extended"] == "3090 days"
    assert anchors["commitment-deleted"] == "This"


def test_author_option_attributes_every_change(office: dict[str, dict[str, Any]]) -> None:
    assert {r["author"] for r in office["synthetic-author"]["redlines"]} == {"Chair's text"}
    assert {r["author"] for r in office["synthetic"]["redlines"]} == {"Republic of Armenia"}


def test_a_redline_converts_to_pdf_with_the_text_after_the_front_page(office: dict[str, dict[str, Any]]) -> None:
    pdfs = [Path(r["pdf"]) for r in office.values() if "pdf" in r]
    assert pdfs and all(p.stat().st_size > 1000 and p.read_bytes().startswith(b"%PDF") for p in pdfs)
    if shutil.which("pdftoppm"):
        pdf = next(p for p in pdfs if p.stem.startswith("synthetic"))
        subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(pdf.with_suffix(""))], check=True)
        assert len(list(pdf.parent.glob(f"{pdf.stem}-*.png"))) >= 2  # front section, then the text
