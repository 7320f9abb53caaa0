"""Benchmark: clause history and the negotiation report on 50 rounds of a 300-article text.

Run: ``python bench/bench_history.py [--rounds 50] [--articles 300] [--out DIR]``

The negotiation is generated deterministically (``bench/generate.py``'s drafting vocabulary):
each round edits about 10% of the articles, deletes 1%, inserts 1%, moves 2% and renumbers
everything (ids follow the labels, as an importer derives them, so alignment has to earn each
link); parties alternate and articles get agreed over time.  Timings are medians of
``--repeat`` runs, side by side with the alternatives a simpler design would use:

* one process against ``--workers`` forked processes, for the comparisons and for the pages
  (the report counts whichever was faster here, as ``treatydiff report`` forks only on a
  multi-core Linux host);
* a history that re-diffs each round's full text instead of reusing the pairs' segments;
* a report whose provision pages each recompute the comparisons they need (projected from one);
* round pages from the small built-in template instead of the full compare HTML report.

Floors (issue 8): full report < 10 s, history of one provision < 1 s.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import _Article, _edit_paragraph, _new_article, _render
from treatydiff.diff.worddiff import diff_text
from treatydiff.model import AgreementStatus, CompareOptions, Negotiation, Party, Round, RoundInfo
from treatydiff.render.site import site_pages
from treatydiff.render.site_folder import write_site
from treatydiff.settings import Settings
from treatydiff.timeline import history as history_module
from treatydiff.timeline.build import build_timeline
from treatydiff.timeline.cache import DiskComparisonStore
from treatydiff.timeline.history import provision_history
from treatydiff.timeline.names import resolve_provision, threads
from treatydiff.timeline.timeline import NegotiationTimeline


def generate_negotiation(rounds: int, articles: int, seed: int = 8) -> Negotiation:
    """``rounds`` drafts of about ``articles`` articles, alternating AM and AZ."""
    rng = random.Random(seed * 7919 + rounds * 31 + articles)
    keys = list(range(articles))
    current = [_new_article(rng, key, keys) for key in keys]
    next_key = articles
    agreed_at = {key: rng.randint(2, rounds * 2) for key in keys}  # about half agreed by the end
    drafts: list[Round] = []
    for number in range(1, rounds + 1):
        if number > 1:
            count = len(current)
            edited = set(rng.sample(range(count), max(1, count // 10)))
            updated = []
            for i, article in enumerate(current):
                paragraphs = list(article.paragraphs)
                if i in edited:
                    at = rng.randrange(len(paragraphs))
                    paragraphs[at] = _edit_paragraph(rng, paragraphs[at])
                updated.append(_Article(article.key, article.heading, paragraphs))
            for _ in range(max(1, count // 100)):  # deletions
                updated.pop(rng.randrange(len(updated)))
            for _ in range(max(1, count // 50)):  # moves
                updated.insert(rng.randrange(len(updated)), updated.pop(rng.randrange(len(updated))))
            live = [a.key for a in updated]
            for _ in range(max(1, count // 100)):  # insertions
                agreed_at[next_key] = rng.randint(number + 1, rounds * 2)
                updated.insert(rng.randrange(len(updated) + 1), _new_article(rng, next_key, live))
                next_key += 1
            current = updated
        party = "AZ" if number % 2 else "AM"
        info = RoundInfo(label=f"Round {number}", party=party, date=f"{2020 + number // 12}-{number % 12 + 1:02d}-01", number=number, derived_ids=True)
        draft = _render(current, info, f"r{number:02d}-{party.lower()}")
        statuses = [
            replace(p, status=AgreementStatus.AGREED if agreed_at[a.key] <= number else AgreementStatus.PROPOSED)
            for p, a in zip(draft.provisions, current, strict=True)
        ]
        drafts.append(replace(draft, provisions=tuple(statuses)))
    return Negotiation(title=f"Generated negotiation ({rounds} rounds, {articles} articles)",
                       parties=(Party("AM", "Armenia"), Party("AZ", "Azerbaijan")), rounds=tuple(drafts), illustrative=True)


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    times: list[float] = []
    result: object = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, help="Keep the report in this folder.")
    parser.add_argument("--no-analysis", action="store_true", help="Align and diff only (skip the position analysis).")
    parser.add_argument("--workers", type=int, default=min(os.cpu_count() or 1, 4), help="Processes for the comparisons and the pages.")
    args = parser.parse_args()
    start = time.perf_counter()
    negotiation = generate_negotiation(args.rounds, args.articles)
    settings = Settings.of(negotiation, options=CompareOptions(analyse=not args.no_analysis))
    generated = time.perf_counter() - start
    words = sum(len(p.full_text.split()) for p in negotiation.rounds[-1].provisions)
    print(f"{args.rounds} rounds, {len(negotiation.rounds[-1].provisions)} articles ({words:,} words) in the last round; generated in {generated:.2f} s")

    t_sequential, timeline = timed(lambda: build_timeline(negotiation, settings=settings), args.repeat)
    t_parallel, parallel = timed(lambda: build_timeline(negotiation, settings=settings, workers=args.workers), args.repeat)
    assert isinstance(timeline, NegotiationTimeline) and isinstance(parallel, NegotiationTimeline)
    assert parallel.comparisons == timeline.comparisons
    t_timeline = min(t_sequential, t_parallel)  # the report uses whichever this machine favours
    target = resolve_provision(timeline, negotiation.rounds[-1].provisions[len(negotiation.rounds[-1].provisions) // 2].id)
    t_history, history = timed(lambda: provision_history(timeline, target), args.repeat)
    assert isinstance(history, history_module.ClauseHistory)
    t_cold = t_timeline + t_history
    with tempfile.TemporaryDirectory() as cache:
        store = DiskComparisonStore(Path(cache))
        build_timeline(negotiation, settings=settings, store=store)  # an earlier `report` filled the cache

        def warm_history() -> object:
            return provision_history(build_timeline(negotiation, settings=settings, store=store), target)

        t_warm, _ = timed(warm_history, args.repeat)

    refs = threads(timeline)
    t_all_histories, _ = timed(lambda: [provision_history(timeline, ref) for ref in refs], args.repeat)

    real_redline = history_module.redline

    def rediff(tl, previous, current, pair, **_):  # type: ignore[no-untyped-def]
        return diff_text(history_module.version_text(previous), history_module.version_text(current), tl.options)

    history_module.redline = rediff  # type: ignore[assignment]
    try:
        t_all_rediff, _ = timed(lambda: [provision_history(timeline, ref) for ref in refs], args.repeat)
    finally:
        history_module.redline = real_redline

    t_pages_one, pages = timed(lambda: site_pages(timeline), args.repeat)
    assert isinstance(pages, dict)
    t_pages_many, pages_many = timed(lambda: site_pages(timeline, workers=args.workers), args.repeat)
    assert pages_many == pages
    t_pages = min(t_pages_one, t_pages_many)  # as for the timeline: whichever this machine favours
    light_workers = args.workers if t_pages_many < t_pages_one else 1
    t_pages_light, _ = timed(lambda: site_pages(timeline, reuse_compare_report=False, workers=light_workers), args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp) / "report"
        t_write, _ = timed(lambda: write_site(pages, out), args.repeat)
    size = sum(len(v) for v in pages.values())
    t_report = t_timeline + t_pages + t_write
    t_report_light = t_timeline + t_pages_light + t_write
    naive_report = t_timeline * len(refs) + t_pages  # each provision page recomputing its chain

    steps = len(negotiation.rounds) - 1
    rows = [
        (f"compare the {steps} consecutive pairs once, 1 process", t_sequential, "1.00×"),
        (f"compare the {steps} consecutive pairs once, {args.workers} processes", t_parallel, f"{t_parallel / t_sequential:.2f}×"),
        ("history of one provision, timeline already built", t_history, f"{len(history.entries)} rounds"),
        ("history of one provision, comparisons cached by an earlier run", t_warm, "floor < 1 s"),
        ("history of one provision, nothing cached (timeline + history)", t_cold, f"{t_cold / t_warm:.0f}× the cached run"),
        (f"histories of all {len(refs)} provisions, reusing pair segments", t_all_histories, "1.00×"),
        (f"histories of all {len(refs)} provisions, re-diffing full texts", t_all_rediff, f"{t_all_rediff / t_all_histories:.2f}×"),
        ("all pages (round pages = full compare HTML report), 1 process", t_pages_one, f"{len(pages)} files, {size / 1e6:.1f} MB; 1.00×"),
        (f"all pages (round pages = full compare HTML report), {args.workers} processes", t_pages_many, f"{t_pages_many / t_pages_one:.2f}×"),
        ("all pages (round pages = built-in light template)", t_pages_light, f"{light_workers} process(es)"),
        ("write the site", t_write, ""),
        ("full report: timeline + pages + write", t_report, "floor < 10 s; 1.00×"),
        ("full report with light round pages", t_report_light, f"{t_report_light / t_report:.2f}×"),
        ("report if each provision page recomputed its chain (projected)", naive_report, f"{naive_report / t_report:.0f}×"),
    ]
    print()
    print("| step | median s | note |")
    print("| --- | ---: | --- |")
    for name, seconds, note in rows:
        print(f"| {name} | {seconds:.3f} | {note} |")
    print()
    print(f"floors: report {'OK' if t_report < 10 else 'MISSED'} ({t_report:.2f} s < 10 s); "
          f"history with cached comparisons {'OK' if t_warm < 1 else 'MISSED'} ({t_warm:.3f} s < 1 s); "
          f"history with nothing cached {t_cold:.2f} s; analysis {'off' if args.no_analysis else 'on'}")


if __name__ == "__main__":
    main()
