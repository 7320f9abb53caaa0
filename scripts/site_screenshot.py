"""Screenshot the negotiation report's index page for the README (docs/img/negotiation-report.png).

Usage: ``python scripts/site_screenshot.py [NEGOTIATION_DIR] [--out PNG] [--page index.html]``.
Builds the report into a temporary folder with ``treatydiff.render.site.build_site`` and photographs
it with Debian's Chromium through Playwright (never downloads a browser).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from treatydiff.formats.negotiation import load_negotiation
from treatydiff.render.site import build_site

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


def screenshot(site: Path, out: Path, *, page_name: str = "index.html", width: int = 1280, height: int = 1500) -> Path:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto((site / page_name).as_uri())
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out), full_page=False)
        finally:
            browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("negotiation", nargs="?", default=str(REPO / "drafts" / "caucasus-peace"))
    parser.add_argument("--out", default=str(REPO / "docs" / "img" / "negotiation-report.png"))
    parser.add_argument("--page", default="index.html")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "report"
        build_site(load_negotiation(Path(args.negotiation)), site)
        print(screenshot(site, Path(args.out), page_name=args.page))


if __name__ == "__main__":
    main()
