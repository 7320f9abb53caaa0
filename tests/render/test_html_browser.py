"""The HTML report in a real browser: Debian's Chromium driven by Playwright.

Never downloads a browser: ``/usr/bin/chromium`` only.  Skipped when it is missing on a
developer's machine; in CI (``CI=true``) a missing browser is a failure, not a skip.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import TESTS

from treatydiff.render import RenderOptions, render

CHROMIUM = Path("/usr/bin/chromium")
IN_CI = os.environ.get("CI") == "true"
HERE = TESTS
REPO = HERE.parent
EXAMPLE = REPO / "drafts" / "caucasus-peace"
ACTUAL = HERE / "actual"
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists() and not IN_CI, reason="/usr/bin/chromium is not installed"),
]


def _load_sample() -> ModuleType:
    spec = importlib.util.spec_from_file_location("html_sample", HERE / "data" / "html" / "sample.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    assert CHROMIUM.exists(), "CI needs Debian's chromium at /usr/bin/chromium (.ci/run installs it)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "sample.html"
    path.write_bytes(render(_load_sample().sample_comparison(), "html"))
    return path


class Opened:
    def __init__(self, page: Any, errors: list[str], requests: list[str]) -> None:
        self.page, self.errors, self.requests = page, errors, requests


def open_page(browser: Any, path: Path, **context: Any) -> Opened:
    page = browser.new_page(**context)
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith("file://") else None)
    page.goto(path.as_uri())
    return Opened(page, errors, requests)


@pytest.fixture
def sample(browser: Any, sample_file: Path) -> Iterator[Opened]:
    opened = open_page(browser, sample_file, viewport={"width": 1280, "height": 900})
    yield opened
    opened.page.close()


def settle(page: Any) -> None:
    """Wait two frames: articles scrolled into view are laid out on the next frame."""
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def _shown(page: Any, selector: str) -> bool:
    return bool(page.locator(selector).first.is_visible())


def test_opens_clean_and_offline(sample: Opened) -> None:
    page = sample.page
    assert page.title().startswith("Treaty on Peace and Interstate Relations")
    assert page.evaluate("document.documentElement.classList.contains('js')")
    ACTUAL.mkdir(exist_ok=True)
    page.screenshot(path=str(ACTUAL / "html-sample.png"), full_page=True)
    assert sample.errors == []
    assert sample.requests == []


def test_xss_payloads_stay_inert_text(sample: Opened) -> None:
    page = sample.page
    page.hover("#prov-p12 .text")
    page.locator("#prov-p12 .prov-heading").hover(force=True)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("img").count() == 0
    assert page.locator("#prov-p12 a").count() == 0
    text = page.inner_text("#prov-p12 .text")
    assert '<script>window.__xss = "script";</script>' in text
    assert "{{ 7*7 }}" in text and "49" not in text
    assert "</title><script>" in page.title()
    assert sample.errors == []


def test_filters_change_what_is_visible(sample: Opened) -> None:
    page = sample.page
    assert _shown(page, "#prov-p1") and _shown(page, "#prov-p4")
    page.get_by_label("Changed only").check()
    assert not _shown(page, "#prov-p1")  # the unchanged preamble
    assert _shown(page, "#prov-p4")  # renumbered only: still a change
    page.get_by_label("Regressions only").check()
    assert not _shown(page, "#prov-p4")
    assert _shown(page, "#prov-p2") and _shown(page, "#prov-p13")
    assert not _shown(page, ".finding-item.progress")
    page.get_by_label("All", exact=True).check()
    assert _shown(page, "#prov-p1") and _shown(page, ".finding-item.progress")


def test_side_by_side_splits_old_and_new(sample: Opened) -> None:
    page = sample.page
    assert not _shown(page, ".sbs")
    page.get_by_label("Side by side").check()
    old = page.locator("#prov-p2 > .sbs > .col-old")
    new = page.locator("#prov-p2 > .sbs > .col-new")
    old.scroll_into_view_if_needed()  # articles off screen are not laid out (content-visibility)
    settle(page)
    assert old.is_visible() and new.is_visible()
    assert not _shown(page, "#prov-p2 > .text")
    assert "shall withdraw all armed forces" in old.inner_text()
    assert "should withdraw armed forces" in new.inner_text()
    assert "should" not in old.inner_text() and "thirty" not in new.inner_text()
    box_old, box_new = old.bounding_box(), new.bounding_box()
    assert box_old["x"] + box_old["width"] <= box_new["x"]  # two columns, old on the left
    assert page.locator(".sbs [id]").count() == 0  # clones carry no duplicate ids
    page.get_by_label("Inline").check()
    assert _shown(page, "#prov-p2 > .text") and not _shown(page, ".sbs")


def test_finding_link_scrolls_to_its_words_and_explains_them(sample: Opened) -> None:
    page = sample.page
    link = page.locator(".finding-item a.finding-link").nth(6)  # a later finding, far down the page
    target_id = link.get_attribute("href")[1:]
    link.click()
    target = page.locator(f"#{target_id}")
    assert target.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
    assert target.evaluate("el => el === document.activeElement")
    tip = target.locator(".tip")
    assert tip.is_visible() and tip.inner_text().strip() != ""


def test_link_to_a_filtered_out_provision_shows_everything(sample: Opened) -> None:
    page = sample.page
    page.get_by_label("Regressions only").check()
    page.evaluate("document.querySelector('.finding-item.progress a.finding-link').click()")
    assert page.get_by_label("All", exact=True).is_checked()
    assert page.evaluate("document.activeElement.matches('mark.finding.progress')")


def test_keyboard_jumps_between_findings(sample: Opened) -> None:
    page = sample.page
    page.keyboard.press("j")
    first = page.evaluate("document.activeElement.id")
    assert first == "finding-1"
    assert page.inner_text("#jump-status").startswith("Finding 1 of ")
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.matches('mark.finding')")
    assert page.evaluate("document.activeElement.id") != first
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.id") == first
    assert page.locator("#finding-1 .tip").is_visible()


def test_print_hides_controls(sample: Opened) -> None:
    page = sample.page
    page.emulate_media(media="print")
    assert not _shown(page, ".toolbar") and not _shown(page, ".toc")
    assert _shown(page, "#prov-p2 .text")
    assert page.evaluate("getComputedStyle(document.querySelector('#prov-p4')).breakBefore") == "page"
    assert page.evaluate("getComputedStyle(document.querySelector('#prov-p1')).breakBefore") == "auto"


def test_phone_width_has_no_sideways_scroll(browser: Any, sample_file: Path) -> None:
    opened = open_page(browser, sample_file, viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = opened.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    page.get_by_label("Side by side").check()
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    ACTUAL.mkdir(exist_ok=True)
    page.screenshot(path=str(ACTUAL / "html-sample-phone.png"))
    assert opened.errors == []
    page.close()


def test_scripts_render_and_arabic_reads_right_to_left(sample: Opened) -> None:
    page = sample.page
    assert page.evaluate("getComputedStyle(document.querySelector('#prov-p10-4 .text')).direction") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('#prov-p10-3 .text')).direction") == "ltr"
    page.locator("#prov-p10-3 .text").scroll_into_view_if_needed()
    settle(page)
    assert "demarkasiyası" in page.inner_text("#prov-p10-3 .text")
    assert "լիովին" in page.inner_text("#prov-p10-1 .text")


def _example_rounds() -> tuple[str, str] | None:
    from treatydiff.errors import TreatydiffError
    from treatydiff.formats.negotiation import load_negotiation

    if not (EXAMPLE / "negotiation.yaml").exists():
        return None
    try:
        negotiation = load_negotiation(EXAMPLE)
    except TreatydiffError:
        return None
    names = [r.name for r in negotiation.rounds]
    return (names[-2], names[-1]) if len(names) >= 2 else None


def test_example_negotiation_report(browser: Any, tmp_path: Path) -> None:
    """The README's command on the example negotiation's last two rounds, opened for real."""
    from click.testing import CliRunner

    from treatydiff.cli import main

    rounds = _example_rounds()
    if rounds is None:
        if IN_CI:
            pytest.fail(f"the example negotiation {EXAMPLE} does not load")
        pytest.skip("the example negotiation is not complete yet")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["compare", "--negotiation", str(EXAMPLE), *rounds, "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    opened = open_page(browser, out, viewport={"width": 1280, "height": 900})
    page = opened.page
    assert page.locator("article.provision").count() > 5
    page.get_by_label("Changed only").check()
    page.get_by_label("Side by side").check()
    page.get_by_label("Inline").check()
    page.get_by_label("All", exact=True).check()
    if page.locator("a.finding-link").count():
        page.locator("a.finding-link").first.click()
    ACTUAL.mkdir(exist_ok=True)
    page.screenshot(path=str(ACTUAL / "html-example.png"))
    assert opened.errors == []
    assert opened.requests == []
    page.close()


def test_render_option_opens_side_by_side(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "sbs.html"
    path.write_bytes(render(_load_sample().sample_comparison(), "html", RenderOptions(side_by_side=True)))
    opened = open_page(browser, path, viewport={"width": 1280, "height": 900})
    assert opened.page.locator("#prov-p2 > .sbs > .col-new").is_visible()
    assert opened.page.get_by_label("Side by side").is_checked()
    assert opened.errors == []
    opened.page.close()


# --- issue 17: the navigator counts findings, tips stay in their column, headings stay visible --


@pytest.fixture(scope="module")
def example_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from treatydiff.usecases import compare_sources

    path = tmp_path_factory.mktemp("html") / "example-r1-r8.html"
    path.write_bytes(render(compare_sources("r1-az", "r8-am", negotiation_dir=EXAMPLE), "html"))
    return path


def test_the_navigator_counts_the_findings_of_the_list(browser: Any, example_file: Path) -> None:
    opened = open_page(browser, example_file, viewport={"width": 1280, "height": 900})
    page = opened.page
    listed = page.locator(".finding-list > li").count()
    assert listed > 5
    assert page.inner_text("#findings-h") == "Findings" and f"Findings ({listed})" in page.inner_text(".toc")
    assert page.inner_text("#jump-status") == f"{listed} findings"
    # A finding marks one or more runs of words: the navigator stops once per finding.
    numbers = page.evaluate("Array.from(document.querySelectorAll('mark.finding[tabindex]')).map(m => m.dataset.finding)")
    assert len(numbers) >= len(set(numbers))
    for step in range(1, listed + 1):
        page.keyboard.press("j")
        assert page.inner_text("#jump-status") == f"Finding {step} of {listed}"
    page.keyboard.press("j")
    assert page.inner_text("#jump-status") == f"Finding 1 of {listed}"
    assert opened.errors == []
    page.close()


_TIPS_INSIDE = """async () => {
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const bad = [];
  const marks = Array.from(document.querySelectorAll('.redline-list .text mark.finding[tabindex]'));
  for (const mark of marks) {
    mark.scrollIntoView({block: 'center'});
    mark.focus({preventScroll: true});
    await frame();
    const tip = mark.querySelector('.tip');
    const column = mark.closest('.text').getBoundingClientRect();
    const r = tip.getBoundingClientRect();
    const probe = document.elementFromPoint(Math.min(r.right, innerWidth) - 4, r.top + Math.min(8, r.height / 2));
    if (r.right > column.right + 1 || r.left < column.left - 1 || !(probe && tip.contains(probe))) {
      bad.push(mark.dataset.finding + ': tip ' + Math.round(r.left) + '-' + Math.round(r.right) + ' column ' + Math.round(column.left) + '-' + Math.round(column.right));
    }
    mark.blur();
  }
  return [marks.length, bad];
}"""


def test_explanations_stay_inside_their_column(browser: Any, example_file: Path) -> None:
    opened = open_page(browser, example_file, viewport={"width": 1280, "height": 900})
    count, bad = opened.page.evaluate(_TIPS_INSIDE)
    assert count > 5
    assert bad == []
    assert opened.errors == []
    opened.page.close()


_HEADING_CLEAR = """() => {
  const bar = document.querySelector('.toolbar').getBoundingClientRect();
  const head = document.querySelector('.sbs-head').getBoundingClientRect();
  const out = [];
  for (const id of ARTICLES) {
    const h = document.getElementById(id + '-h').getBoundingClientRect();
    out.push([id, h.top >= Math.max(bar.bottom, head.bottom) - 1 && h.bottom <= innerHeight, Math.round(h.top), Math.round(head.bottom)]);
  }
  return out;
}"""


def test_side_by_side_header_does_not_cover_the_heading_after_a_jump(browser: Any, example_file: Path) -> None:
    # A short window: articles are taller than it, so centring one would hide its heading.
    opened = open_page(browser, example_file, viewport={"width": 1280, "height": 520})
    page = opened.page
    page.get_by_label("Side by side").check()
    links = page.locator(".toc-list li:not(.toc-section) a")
    count = links.count()
    for n in (count // 3, count // 2, count - 2):
        link = links.nth(n)
        target = link.get_attribute("href")[1:]
        link.click()
        settle(page)
        assert page.get_by_label("Side by side").is_checked()
        (result,) = page.evaluate(_HEADING_CLEAR.replace("ARTICLES", repr([target])))
        assert result[1], f"heading of {target} at {result[2]} px, the sticky OLD/NEW header ends at {result[3]} px"
        heading = page.locator(f"#{target}-h")
        box = heading.bounding_box()
        assert box is not None
        hit = page.evaluate(f"document.elementFromPoint({box['x'] + 4}, {box['y'] + box['height'] / 2})?.closest('#{target}-h') !== null")
        assert hit, f"something covers the heading of {target}"
    assert opened.errors == []
    page.close()
