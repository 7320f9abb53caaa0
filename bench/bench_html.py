"""What the HTML report costs on a large draft: rendering time over `compare`, and opening time.

    python bench/bench_html.py [ARTICLES] [--repeat N]

Generates two rounds of ARTICLES articles (default 2,000) with bench/generate.py, compares
them, then times, side by side in the same run: the comparison itself, rendering the JSON
report (the cheapest renderer: the floor), rendering the HTML report, and opening the HTML in
headless Chromium (Debian's /usr/bin/chromium) until the load event, against opening a plain
``<pre>`` page holding the same two texts.  Medians of N runs (default 3).
"""

from __future__ import annotations

import argparse
import html
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import generate_pair
from treatydiff.pipeline import compare
from treatydiff.render import render

CHROMIUM = "/usr/bin/chromium"


def median_time(action: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def open_times(paths: list[Path], repeat: int) -> list[float]:
    """Seconds from navigation to the load event (scripts run, layout done) for each file."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        results = []
        for path in paths:
            times = []
            for _ in range(repeat):
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                start = time.perf_counter()
                page.goto(path.as_uri(), wait_until="load")
                page.evaluate("document.body.getBoundingClientRect().height")  # force layout
                times.append(time.perf_counter() - start)
                page.close()
            results.append(statistics.median(times))
        browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles", nargs="?", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium timings")
    args = parser.parse_args()

    old, new = generate_pair(args.articles)
    t_compare, comparison = median_time(lambda: compare(old, new), args.repeat)
    t_json, data_json = median_time(lambda: render(comparison, "json"), args.repeat)
    t_html, data_html = median_time(lambda: render(comparison, "html"), args.repeat)
    words = sum(len(p.full_text.split()) for p in old.provisions)

    rows = [
        ("compare (align, diff, analyse)", t_compare, "", ""),
        ("render JSON (floor)", t_json, f"{len(data_json) / 1e6:.1f} MB", ""),
        ("render HTML", t_html, f"{len(data_html) / 1e6:.1f} MB", f"{t_html / t_json:.1f}x JSON"),
    ]
    if not args.no_browser and Path(CHROMIUM).exists():
        with tempfile.TemporaryDirectory() as folder:
            report = Path(folder) / "report.html"
            report.write_bytes(data_html)
            plain = Path(folder) / "plain.html"
            texts = "\n\n".join(p.full_text for r in (old, new) for p in r.provisions)
            plain.write_text(f"<!DOCTYPE html><meta charset=utf-8><pre>{html.escape(texts)}</pre>", encoding="utf-8")
            t_open, t_plain = open_times([report, plain], args.repeat)
        rows.append(("open HTML report in Chromium", t_open, "", f"{t_open / t_plain:.1f}x plain"))
        rows.append(("open plain <pre> of both texts", t_plain, f"{plain_size(texts):.1f} MB", ""))

    print(f"{args.articles} articles, {words:,} words in the old round, {comparison_size(comparison)} pairs; "
          f"medians of {args.repeat}")
    print(f"| {'step':<34} | {'seconds':>8} | {'size':>8} | {'ratio':<12} |")
    print(f"| {'-' * 34} | {'-' * 7}: | {'-' * 7}: | {'-' * 12} |")
    for name, seconds, size, ratio in rows:
        print(f"| {name:<34} | {seconds:>8.2f} | {size:>8} | {ratio:<12} |")
    print(f"HTML adds {t_html:.2f} s to compare ({t_html / t_compare:.0%} of compare's {t_compare:.2f} s); target < 1.5 s")


def plain_size(text: str) -> float:
    return len(text.encode("utf-8")) / 1e6


def comparison_size(comparison: Any) -> int:
    return sum(1 for _ in comparison.walk())


if __name__ == "__main__":
    main()
