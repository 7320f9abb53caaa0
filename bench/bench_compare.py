"""Benchmark: treatydiff compare → JSON against whole-text diff tools, side by side.

    python bench/bench_compare.py                 # 20, 200, 2,000 and 10,000 articles
    python bench/bench_compare.py --sizes 20 200  # quicker
    python bench/bench_compare.py --timeout 60    # cap for each slow alternative

Drafts come from ``bench/generate.py`` (deterministic; 1–4 paragraphs of about 60 words per
article; the next round has 10% of articles edited, 2% deleted, 2% inserted, 3% moved, then
everything renumbered).  Every measurement runs in its own subprocess so peak memory is that
run's alone.  treatydiff is timed as the median of three runs of ``compare`` (alignment, word
diffs; the analysis stage off) plus JSON rendering, from rounds already in memory, and once more
end to end with the analysis on.  The alternatives diff the same drafts as Markdown files:
``git diff --no-index --word-diff``, diff-match-patch on the whole text (``Diff_Timeout = 0``,
character level, as its documentation recommends) and difflib (line and word level).  Slow
alternatives are only run up to 2,000 articles and capped at ``--timeout`` seconds.

Alignment quality is checked against the generator's ground truth: the share of old articles
(and of the moved ones) paired with the right new article, or reported deleted when they were.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SLOW_LIMIT = 2000  # quadratic alternatives are not run above this many articles


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child_treatydiff(articles: int, analyse: bool) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from bench.generate import generate_case
    from treatydiff.model import CompareOptions
    from treatydiff.pipeline import compare
    from treatydiff.render import render

    case = generate_case(articles)
    options = CompareOptions(analyse=analyse)
    rounds_mb = _peak_rss_mb()
    times: list[float] = []
    cpu: list[float] = []
    comparison = None
    size = 0
    for _ in range(1 if analyse else 3):
        start, start_cpu = time.perf_counter(), time.process_time()
        comparison = compare(case.old, case.new, options=options)
        size = len(render(comparison, "json"))
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    assert comparison is not None
    got = {p.old.id: (p.new.id if p.new else None) for p in comparison.pairs if p.old is not None}
    right = [old for old, new in case.truth.items() if got.get(old) == new]
    moved_right = [old for old in case.moved if got.get(old) == case.truth[old]]
    words = sum(len(p.text.split()) for p in case.old.walk())
    return {
        "seconds": statistics.median(times),
        "cpu": statistics.median(cpu),
        "peak_mb": _peak_rss_mb(),
        "rounds_mb": rounds_mb,
        "json_bytes": size,
        "words": words,
        "aligned": len(right),
        "articles": len(case.truth),
        "moved_aligned": len(moved_right),
        "moved": len(case.moved),
    }


def _child_alternative(tool: str, old_path: str, new_path: str) -> dict[str, Any]:
    old = Path(old_path).read_text(encoding="utf-8")
    new = Path(new_path).read_text(encoding="utf-8")
    start = time.perf_counter()
    if tool == "dmp":
        from diff_match_patch import diff_match_patch

        engine = diff_match_patch()
        engine.Diff_Timeout = 0
        diffs = engine.diff_main(old, new)
        engine.diff_cleanupSemantic(diffs)
    elif tool == "difflib-line":
        import difflib

        list(difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm=""))
    elif tool == "difflib-word":
        import difflib

        difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False).get_opcodes()
    else:
        raise SystemExit(f"unknown tool {tool}")
    return {"seconds": time.perf_counter() - start, "peak_mb": _peak_rss_mb()}


def _run_child(args: list[str], timeout: float) -> dict[str, Any] | None:
    """Run this script as a child; None when it exceeded ``timeout``."""
    try:
        done = subprocess.run(
            [sys.executable, __file__, "--child", *args],
            capture_output=True, text=True, timeout=timeout, check=True, cwd=ROOT,
        )
    except subprocess.TimeoutExpired:
        return None
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _git_word_diff(old: Path, new: Path) -> float:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(["git", "diff", "--no-index", "--word-diff", str(old), str(new)], stdout=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _fmt(seconds: float | None, timeout: float) -> str:
    if seconds is None:
        return f"> {timeout:.0f} s"
    return f"{seconds:.2f} s" if seconds >= 0.1 else f"{seconds * 1000:.0f} ms"


def _ratio(other: float | None, ours: float, timeout: float) -> str:
    if other is None:
        return f"> {timeout / ours:.0f}×"
    return f"{other / ours:.2f}×" if other / ours < 10 else f"{other / ours:.0f}×"


def _not_run(found: dict[str, Any] | None) -> bool:
    return found is not None and found["seconds"] != found["seconds"]  # NaN marks "not run"


def _cell(slow: dict[str, dict[str, Any] | None], tool: str, timeout: float) -> str:
    found = slow[tool]
    return "not run" if _not_run(found) else _fmt(found["seconds"] if found else None, timeout)


def _ratio_cell(slow: dict[str, dict[str, Any] | None], tool: str, ours: float, timeout: float) -> str:
    found = slow[tool]
    return "–" if _not_run(found) else _ratio(found["seconds"] if found else None, ours, timeout)


def main() -> None:
    parser = argparse.ArgumentParser(description="treatydiff compare benchmark")
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 200, 2000, 10000])
    parser.add_argument("--timeout", type=float, default=120.0, help="cap for each slow alternative (seconds)")
    parser.add_argument("--no-slow", action="store_true", help="skip whole-text diff-match-patch and difflib")
    parser.add_argument("--no-analysis", action="store_true", help="skip the end-to-end run with the analysis on")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "treatydiff":
            print(json.dumps(_child_treatydiff(int(rest[0]), rest[1] == "analyse")))
        else:
            print(json.dumps(_child_alternative(kind, rest[0], rest[1])))
        return

    sys.path.insert(0, str(ROOT))
    from bench.generate import generate_case, write_markdown

    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; command: python bench/bench_compare.py {' '.join(sys.argv[1:])}".rstrip())
    rows: list[str] = []
    quality: list[str] = []
    header = (
        "| articles | words a side | treatydiff compare → JSON | peak memory | with analysis | git word-diff | treatydiff ÷ git "
        "| dmp whole text | dmp ÷ treatydiff | difflib lines | difflib words | difflib words ÷ treatydiff |"
    )
    with tempfile.TemporaryDirectory(prefix="treatydiff-bench-") as tmp:
        for size in args.sizes:
            case = generate_case(size)
            old_md = write_markdown(case.old, Path(tmp) / f"old-{size}.md")
            new_md = write_markdown(case.new, Path(tmp) / f"new-{size}.md")
            ours = _run_child(["treatydiff", str(size), "plain"], timeout=600)
            assert ours is not None
            analysed = None if args.no_analysis else _run_child(["treatydiff", str(size), "analyse"], timeout=args.timeout)
            git = _git_word_diff(old_md, new_md)
            slow: dict[str, dict[str, Any] | None] = {}
            for tool in ("dmp", "difflib-line", "difflib-word"):
                if args.no_slow or (size > SLOW_LIMIT and tool != "difflib-line"):
                    slow[tool] = {"seconds": float("nan")}
                else:
                    slow[tool] = _run_child([tool, str(old_md), str(new_md)], timeout=args.timeout)

            analysed_cell = "not run" if args.no_analysis else _fmt(analysed["seconds"] if analysed else None, args.timeout)
            rows.append(
                f"| {size:,} | {ours['words']:,} | {_fmt(ours['seconds'], 0)} | {ours['peak_mb']:.0f} MB | {analysed_cell} "
                f"| {_fmt(git, 0)} | {ours['seconds'] / git:.1f}× | {_cell(slow, 'dmp', args.timeout)} | {_ratio_cell(slow, 'dmp', ours['seconds'], args.timeout)} "
                f"| {_cell(slow, 'difflib-line', args.timeout)} | {_cell(slow, 'difflib-word', args.timeout)} | {_ratio_cell(slow, 'difflib-word', ours['seconds'], args.timeout)} |"
            )
            quality.append(
                f"| {size:,} | {ours['aligned']}/{ours['articles']} | {ours['moved_aligned']}/{ours['moved']} "
                f"| {ours['cpu']:.2f} s | {ours['json_bytes'] / 1e6:.1f} MB |"
            )
            print(f"  done {size} articles: treatydiff {ours['seconds']:.2f} s", file=sys.stderr)
    print()
    print(header)
    print("| " + " | ".join(["---"] * (header.count("|") - 1)) + " |")
    print("\n".join(rows))
    print()
    print("| articles | old articles paired right | moved articles paired right | treatydiff CPU time | JSON size |")
    print("| --- | --- | --- | --- | --- |")
    print("\n".join(quality))
    print()
    print("Floors: 2,000 articles compare → JSON < 1.5 s and < 300 MB; 10,000 articles < 8 s.")


if __name__ == "__main__":
    main()
