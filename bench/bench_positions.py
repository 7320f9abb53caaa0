"""Benchmark: ``treatydiff positions`` on 50 rounds of a 300-article text.

Run: ``python bench/bench_positions.py [--rounds 50] [--articles 300] [--repeat 3]``

The negotiation is bench_history's generated one (parties alternate, about 10% of the articles
edited per round, renumbered every round).  Side by side, in one run, medians of ``--repeat``:

* the positions table with the comparisons cached by an earlier run (the timeline read back
  from the cache, then the table), as a second ``treatydiff positions`` would run;
* the table alone, on a timeline already in memory;
* the table with every word distance measured anew (no memo of repeated text pairs);
* the timeline with nothing cached, for scale.

Floor (issue 13): positions with the comparisons cached ≤ 3 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_history import generate_negotiation, timed
from treatydiff.model import CompareOptions
from treatydiff.render.positions import render_positions
from treatydiff.settings import Settings
from treatydiff.timeline.build import build_timeline
from treatydiff.timeline.cache import DiskComparisonStore
from treatydiff.views import positions as positions_module
from treatydiff.views.positions import positions_view


class _NoMemo(positions_module._Distances):
    def changed(self, a: positions_module._Text, b: positions_module._Text) -> int:
        self._seen.clear()
        return super().changed(a, b)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    negotiation = generate_negotiation(args.rounds, args.articles)
    settings = Settings.of(negotiation, options=CompareOptions(ignore_whitespace=True))
    t_cold, timeline = timed(lambda: build_timeline(negotiation, settings=settings), 1)
    with tempfile.TemporaryDirectory() as cache:
        store = DiskComparisonStore(Path(cache))
        build_timeline(negotiation, settings=settings, store=store)  # an earlier run filled the cache

        def warm() -> bytes:
            return render_positions(positions_view(build_timeline(negotiation, settings=settings, store=store)), "json")

        t_warm, data = timed(warm, args.repeat)
    t_view, view = timed(lambda: positions_view(timeline), args.repeat)  # type: ignore[arg-type]
    real = positions_module._Distances
    positions_module._Distances = _NoMemo  # type: ignore[misc]
    try:
        t_nomemo, slow = timed(lambda: positions_view(timeline), 1)  # type: ignore[arg-type]
    finally:
        positions_module._Distances = real  # type: ignore[misc]
    assert slow == view
    cells = sum(len(p.cells) for p in view.provisions)  # type: ignore[attr-defined]
    issues = len(view.key_issues)  # type: ignore[attr-defined]
    print(f"{args.rounds} rounds × {len(negotiation.rounds[-1].provisions)} articles: {cells:,} cells, {issues:,} key issues, "
          f"JSON {len(data) / 1e6:.1f} MB")  # type: ignore[arg-type]
    print()
    print("| step | median s | ratio |")
    print("| --- | ---: | ---: |")
    print(f"| positions, comparisons cached (timeline from cache + table + JSON) | {t_warm:.3f} | 1.00× |")
    print(f"| the table alone, timeline in memory | {t_view:.3f} | {t_view / t_warm:.2f}× |")
    print(f"| the table alone, every distance measured anew | {t_nomemo:.3f} | {t_nomemo / t_warm:.2f}× |")
    print(f"| the timeline with nothing cached | {t_cold:.3f} | {t_cold / t_warm:.2f}× |")
    print()
    print(f"floor: positions with comparisons cached {'OK' if t_warm <= 3 else 'MISSED'} ({t_warm:.2f} s ≤ 3 s)")


if __name__ == "__main__":
    main()
