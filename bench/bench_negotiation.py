"""``synopsis`` and ``report`` of a real 3-round negotiation, cold and warm, through the CLI.

    python bench/bench_negotiation.py [--repeat 3]

The rounds are the Paris Agreement drafts of 4, 9 and 12 December 2015
(``../shared/corpora/paris_agreement_2015/markdown`` v2, v3, v4), imported with
``treatydiff import`` into a negotiation folder made for the run.  Each command runs in a fresh
process: *cold* with an empty cache folder (parse, compare, analyse, diff, render), *warm* right
after with the cache a cold run left.  The table gives the median wall-clock and CPU time of
``--repeat`` runs of each (the machine is shared, so CPU time is the steadier figure).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARIS = ROOT.parent / "shared" / "corpora" / "paris_agreement_2015" / "markdown"
ROUNDS = ("v2", "v3", "v4")

_CONFIG = """treatydiff: 1
title: Paris Agreement drafts, 4 to 12 December 2015
languages: [en]
parties:
  - code: ADP
    name: Ad Hoc Working Group on the Durban Platform
rounds:
{rounds}
"""


def _cli(args: list[str], cache: Path) -> tuple[float, float]:
    """(wall s, CPU s) of one treatydiff command in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TREATYDIFF_CACHE_DIR": str(cache)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "treatydiff", *args], check=True, env=env, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def make_negotiation(folder: Path) -> Path:
    """The three rounds imported into ``folder`` (a negotiation folder)."""
    (folder / "rounds").mkdir(parents=True)
    for name in ROUNDS:
        (draft,) = PARIS.glob(f"{name}_*.md")
        subprocess.run([sys.executable, "-m", "treatydiff", "import", str(draft), "-o", str(folder / "rounds" / f"{name}.yaml"), "--label", name],
                       check=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True)
    (folder / "negotiation.yaml").write_text(_CONFIG.format(rounds="\n".join(f"  - rounds/{n}.yaml" for n in ROUNDS)), encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if not PARIS.is_dir():
        print(f"skipped: {PARIS} is absent")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = make_negotiation(work / "paris")
        commands = {
            "synopsis": ["synopsis", str(folder), "-o", str(work / "synopsis.html")],
            "report": ["report", str(folder), "-o", str(work / "report")],
        }
        print("| command | cold wall | cold CPU | warm wall | warm CPU |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for name, command in commands.items():
            cold: list[tuple[float, float]] = []
            warm: list[tuple[float, float]] = []
            for n in range(args.repeat):
                cache = work / f"cache-{name}-{n}"
                cold.append(_cli(command, cache))
                warm.append(_cli(command, cache))
                shutil.rmtree(cache, ignore_errors=True)

            def median(runs: list[tuple[float, float]], k: int) -> float:
                return statistics.median(r[k] for r in runs)

            print(f"| `{name}` | {median(cold, 0):.2f} s | {median(cold, 1):.2f} s | {median(warm, 0):.2f} s | {median(warm, 1):.2f} s |")
        print(f"\nMedians of {args.repeat} runs; each run a fresh process; cold: an empty cache folder.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
