"""The negotiation report: every page there, linked, deterministic, escaped."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import EXAMPLE, run_cli
from history_factory import comparisons, negotiation, timeline

from treatydiff.model import Provision
from treatydiff.render.site import site_pages
from treatydiff.render.site_folder import write_site
from treatydiff.timeline.timeline import timeline_from_comparisons
from treatydiff.views.negotiation import bar_chart

needs_example = pytest.mark.skipif(not (EXAMPLE / "negotiation.yaml").exists(), reason="example negotiation absent")


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """CLI runs cache comparisons; keep them out of the developer's ~/.cache."""
    monkeypatch.setenv("TREATYDIFF_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
_LINK = re.compile(r'(?:href|src)="([^"#]*)(#[^"]*)?"')


def _check_links(pages: dict[str, bytes]) -> int:
    """Every relative link points at a page of the site, and every #anchor exists there."""
    checked = 0
    for name, data in pages.items():
        if not name.endswith(".html"):
            continue
        html = data.decode("utf-8")
        for target, anchor in _LINK.findall(html):
            if target.startswith(("http:", "https:", "data:", "mailto:")):
                continue
            resolved = (Path(name).parent / target).as_posix() if target else name
            resolved = str(Path(resolved)).replace("\\", "/")
            parts: list[str] = []
            for part in resolved.split("/"):
                if part == "..":
                    parts.pop()
                elif part not in ("", "."):
                    parts.append(part)
            resolved = "/".join(parts)
            assert resolved in pages, f"{name} links to missing {target}"
            if anchor and resolved.endswith(".html"):
                assert f'id="{anchor[1:]}"' in pages[resolved].decode("utf-8"), f"{name} links to missing {target}{anchor}"
            checked += 1
    return checked


def test_pages_for_index_rounds_provisions_and_synopsis() -> None:
    pages = site_pages(timeline())
    assert set(pages) == {
        "assets/negotiation.css", "index.html", "synopsis.html",
        "rounds/r1-az.html", "rounds/r2-am.html", "rounds/r3-az.html", "rounds/r4-am.html", "rounds/r5-az.html",
        "provisions/art-def.html", "provisions/art-2.html", "provisions/art-5w.html", "provisions/r4-am--art-3.html",
    }
    assert _check_links(pages) > 30


def test_index_has_timeline_charts_and_provisions_table() -> None:
    index = site_pages(timeline())["index.html"].decode()
    assert index.count("<svg") == 4 and 'role="img"' in index
    assert "Provisions agreed per round" in index and "Brackets and options per round" in index
    assert 'href="provisions/art-5w.html"' in index and 'href="rounds/r4-am.html"' in index
    assert "r5-az: deleted" in index  # Transport's last change
    assert "Illustrative:" in index


def test_provision_page_is_its_history() -> None:
    page = site_pages(timeline())["provisions/art-5w.html"].decode()
    assert "Article 4 → <strong>Article 5</strong>" in page
    assert "<ins> under international monitoring</ins>" in page
    assert 'href="../rounds/r4-am.html"' in page and 'href="../index.html"' in page


def test_deterministic_and_written_atomically(tmp_path: Path) -> None:
    first, second = site_pages(timeline()), site_pages(timeline())
    assert first == second
    written = write_site(first, tmp_path / "site")
    assert sorted(p.relative_to(tmp_path / "site").as_posix() for p in written) == sorted(first)
    assert not list((tmp_path / "site").rglob("*.tmp"))


def test_treaty_text_is_escaped_everywhere() -> None:
    neg = negotiation()
    evil = "<script>alert(1)</script> \"><img src=x onerror=alert(2)> {{ 7*7 }}"
    last = neg.rounds[-1]
    rounds = (*neg.rounds[:-1], replace(last, provisions=(*last.provisions, Provision(id="evil", label="Article 9", text=evil, heading="<b>x</b>"))))
    neg = replace(neg, rounds=rounds)
    pages = site_pages(timeline_from_comparisons(neg, comparisons(neg)), reuse_compare_report=False)
    for name, data in pages.items():
        html = data.decode("utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>x</b>" not in html, name
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["provisions/evil.html"].decode()
    assert "{{ 7*7 }}" in pages["provisions/evil.html"].decode()


def test_diverging_chart_draws_regressions_below_the_line() -> None:
    chart = bar_chart("c", "t", "d", ["r1", "r2"], [("progress", "progress", [0, 4]), ("regression", "regressions", [2, 0])], diverging=("regression",))
    progress = next(b for b in chart.bars if b.css == "progress")
    regression = next(b for b in chart.bars if b.css == "regression")
    assert progress.y + progress.height == pytest.approx(chart.baseline, abs=0.2)
    assert regression.y == pytest.approx(chart.baseline, abs=0.2)
    assert progress.height == pytest.approx(2 * regression.height, rel=0.02)  # one scale both sides


@needs_example
def test_cli_report_of_the_example(tmp_path: Path) -> None:
    out = tmp_path / "report"
    result = run_cli("report", EXAMPLE, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert (out / "index.html").exists() and (out / "synopsis.html").exists()
    assert len(list((out / "rounds").glob("*.html"))) == 8
    assert (out / "provisions" / "art-rights.html").exists()
    pages = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert _check_links(pages) > 100
    index = pages["index.html"].decode()
    assert "13</dd>" in index  # 13 articles agreed in r8-am


def test_cli_report_refuses_a_file_as_folder(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    if not (EXAMPLE / "negotiation.yaml").exists():
        pytest.skip("example negotiation absent")
    result = run_cli("report", EXAMPLE, "-o", target)
    assert result.exit_code == 2 and result.stderr.startswith("error:")


def test_pages_rendered_in_worker_processes_are_the_same_bytes() -> None:
    progress: list[tuple[int, int]] = []
    one = site_pages(timeline())
    many = site_pages(timeline(), workers=2, on_progress=lambda done, total, what: progress.append((done, total)))
    assert many == one and list(many) == list(one)  # same pages, same order
    assert progress[-1][0] == progress[-1][1]
