"""``synopsis`` and ``report`` of a real 3-round negotiation, cold and warm, through the CLI.

    python bench/bench_negotiation.py [--repeat 3] [--against REV]

The rounds are the Paris Agreement drafts of 4, 9 and 12 December 2015
(``../shared/corpora/paris_agreement_2015/markdown`` v2, v3, v4), imported with
``treatydiff import`` into a negotiation folder made for the run.  Each command runs in a fresh
process: *cold* with an empty cache folder (parse, compare, analyse, diff, render), *warm* right
after with the cache a cold run left.  The table gives the median wall-clock and CPU time of
``--repeat`` runs of each (the machine is shared, so CPU time is the steadier figure).
``--against REV`` runs every measurement on REV too (checked out in a temporary git worktree),
the two alternating, on the same imported rounds, and adds the ratios now / REV.  Both trees'
modules are byte-compiled first (under ``PYTHONDONTWRITEBYTECODE`` a fresh worktree would
otherwise compile them in every run).
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


def _cli(args: list[str], cache: Path, code: Path = ROOT) -> tuple[float, float]:
    """(wall s, CPU s) of one treatydiff command of the tree ``code`` in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(code), "TREATYDIFF_CACHE_DIR": str(cache)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    # Run from the tree itself: ``python -m`` puts the working folder first on the path.
    subprocess.run([sys.executable, "-m", "treatydiff", *args], check=True, env=env, capture_output=True, cwd=code)
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
    parser.add_argument("--against", metavar="REV", help="an earlier revision to measure alternately")
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
        trees = {"now": ROOT}
        if args.against:
            trees = {args.against: work / "rev", "now": ROOT}
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(trees[args.against]), args.against], check=True)
        try:
            for code in trees.values():  # neither tree pays for compiling its modules in the runs
                subprocess.run([sys.executable, "-m", "compileall", "-q", str(code / "treatydiff")], check=True, capture_output=True)
            _table(commands, trees, work, args.repeat)
        finally:
            if args.against:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(trees[args.against])], check=False)
        print(f"\nMedians of {args.repeat} runs; each run a fresh process; cold: an empty cache folder.")
    return 0


def _table(commands: dict[str, list[str]], trees: dict[str, Path], work: Path, repeat: int) -> None:
    names = list(trees)
    heads = " | ".join(f"{what} ({tree})" for what in ("cold wall", "cold CPU", "warm wall", "warm CPU") for tree in names)
    ratios = " | cold CPU now / {0} | warm CPU now / {0}".format(names[0]) if len(names) > 1 else ""
    print(f"| command | {heads}{ratios} |")
    print("| --- |" + " ---: |" * (4 * len(names) + (2 if ratios else 0)))
    for name, command in commands.items():
        cold: dict[str, list[tuple[float, float]]] = {tree: [] for tree in names}
        warm: dict[str, list[tuple[float, float]]] = {tree: [] for tree in names}
        for n in range(repeat):
            for tree, code in trees.items():  # alternating, so load slows both alike
                cache = work / f"cache-{name}-{tree}-{n}"
                cold[tree].append(_cli(command, cache, code))
                warm[tree].append(_cli(command, cache, code))
                shutil.rmtree(cache, ignore_errors=True)

        def median(runs: list[tuple[float, float]], k: int) -> float:
            return statistics.median(r[k] for r in runs)

        cells = [f"{median(runs[t], k):.2f} s" for runs, k in ((cold, 0), (cold, 1), (warm, 0), (warm, 1)) for t in names]
        if len(names) > 1:
            cells += [f"{median(cold['now'], 1) / median(cold[names[0]], 1):.2f}×", f"{median(warm['now'], 1) / median(warm[names[0]], 1):.2f}×"]
        print(f"| `{name}` | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    sys.exit(main())
