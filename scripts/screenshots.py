"""Screenshots of the HTML redline report for the README.

Usage: ``python scripts/screenshots.py [NEGOTIATION_DIR] [--out-dir docs/img]``.

Compares the example negotiation's last two rounds (as listed in its negotiation.yaml) exactly
as the README's command does, then photographs the page with Debian's Chromium through
Playwright (never downloads a browser):

- ``compare-report.png``: the header, the summary dashboard and the first findings;
- ``compare-redline.png``: the redline at the first regression, its explanation shown.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from treatydiff.formats.negotiation import load_negotiation
from treatydiff.render import render
from treatydiff.usecases import compare_sources

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


def build_report(negotiation_dir: Path, folder: Path) -> tuple[Path, str]:
    negotiation = load_negotiation(negotiation_dir)
    old, new = negotiation.rounds[-2].name, negotiation.rounds[-1].name
    comparison = compare_sources(old, new, negotiation_dir=negotiation_dir)
    path = folder / "compare.html"
    path.write_bytes(render(comparison, "html"))
    return path, f"treatydiff compare --negotiation {negotiation_dir.name} {old} {new} -o compare.html"


def screenshots(report: Path, out_dir: Path, *, width: int = 1280) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": 1350}, device_scale_factor=1)
            page.goto(report.as_uri())
            top = out_dir / "compare-report.png"
            page.screenshot(path=str(top))
            written.append(top)

            page.set_viewport_size({"width": width, "height": 900})
            page.get_by_label("Changed only").check()
            if page.locator(".redline-list mark.finding.regression").count():
                page.locator(".redline-list mark.finding.regression").first.focus()
                page.evaluate("document.activeElement.scrollIntoView({block: 'center'})")
            else:
                page.locator("#redline").scroll_into_view_if_needed()
            page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            redline = out_dir / "compare-redline.png"
            page.screenshot(path=str(redline))
            written.append(redline)
        finally:
            browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("negotiation", nargs="?", type=Path, default=REPO / "drafts" / "caucasus-peace")
    parser.add_argument("--out-dir", type=Path, default=REPO / "docs" / "img")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        report, command = build_report(args.negotiation, Path(folder))
        for path in screenshots(report, args.out_dir):
            print(f"wrote {path} ({command})")


if __name__ == "__main__":
    main()
