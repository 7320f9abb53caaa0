"""Time of the position analysis alone, at 200, 2,000 and 10,000 articles.

    python bench/bench_analysis.py [200 2000 10000] [--repeat 3]

Each size is a generated pair of rounds (``bench/generate.py``) compared once without the
analysis; ``analyse`` then runs ``--repeat`` times and the best wall-clock time is kept (the
machine's other work only ever adds time).  The table shows the time per size, the findings,
the CPU time (less disturbed by other work on a busy machine), the CPU time per 1,000 provisions and its ratio to the smallest size's, so linear growth reads as
ratios close to the ratio of sizes.  The analysis must stay well under 0.3 s at 2,000 articles
for ``compare`` to produce JSON in under 1.5 s.

The per-text memos (hits, normalised words) are emptied before each timed run, so every run
pays what one ``compare`` pays.  Kept, they made the analysis look superlinear: at 2,000
articles every text fits the memos (4,096 entries) and the repeats were nearly free lookups,
while at 10,000 the texts outnumber the entries and every repeat recomputed them (CPU 0.30 s →
2.05 s, ×6.7 for ×5 articles; emptied, 0.47–0.50 s → 2.2–2.5 s, ×4.3–5.0, on a busy machine).
"""

from __future__ import annotations

import importlib
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import generate_pair
from treatydiff.analysis import analyse
from treatydiff.analysis.editorial import _NORMALISED
from treatydiff.analysis.hits import _HITS
from treatydiff.model import CompareOptions
from treatydiff.pipeline import compare

# Per-text memos a tree may add (the brackets of each text, since 2 Dec 2026): emptied too when present,
# so that a tree with one and a tree without measure the same cold work.
_OTHER_MEMOS = [memo for module, name in (("treatydiff.analysis.brackets", "_SPANS"), ("treatydiff.analysis.brackets", "_UNAGREED"))
                if (memo := getattr(importlib.import_module(module), name, None)) is not None]


def main(argv: Sequence[str]) -> int:
    repeat = 3
    sizes: list[int] = []
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "--repeat":
            repeat = int(args.pop(0))
        else:
            sizes.append(int(arg))
    sizes = sizes or [200, 2000, 10000]
    print(f"| articles | provisions | pairs | findings | analysis (best of {repeat}) | CPU time | CPU per 1,000 provisions | CPU ratio to {sizes[0]} |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    base: float | None = None
    for size in sizes:
        old, new = generate_pair(size)
        comparison = compare(old, new, options=CompareOptions(analyse=False))
        provisions = sum(1 for _ in old.walk())
        pairs = sum(1 for _ in comparison.walk())
        best = cpu = float("inf")
        findings = 0
        analyse(comparison)  # load the lexicon once, as a long-running process would have
        for _ in range(repeat):
            _HITS.clear()
            _NORMALISED.clear()
            for memo in _OTHER_MEMOS:
                memo.clear()
            start, start_cpu = time.perf_counter(), time.process_time()
            result = analyse(comparison)
            best = min(best, time.perf_counter() - start)
            cpu = min(cpu, time.process_time() - start_cpu)
            findings = len(result.findings)
        base = base or cpu
        print(f"| {size:,} | {provisions:,} | {pairs:,} | {findings:,} | {best:.3f} s | {cpu:.3f} s | {cpu / provisions * 1000:.4f} s | {cpu / base:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
