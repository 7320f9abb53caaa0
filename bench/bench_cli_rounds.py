"""``report``, ``history`` and ``positions`` of 50 rounds × 300 articles read from YAML clause
files, through the CLI, cold and warm.

    python bench/bench_cli_rounds.py [--rounds 50] [--articles 300] [--repeat 3] [--against REV]

The negotiation is bench_history's generated one, written as a negotiation folder (one clause
file per round, as ``treatydiff add`` writes them).  Each command runs in a fresh process:
*cold* with an empty cache folder, *warm* right after with the cache a ``report`` left (what a
negotiator's second command finds).  Medians of wall-clock and CPU time (children included,
so forked workers count); ``--against REV`` measures REV alternately on the same folder, as
bench_negotiation does.  Both trees' modules are byte-compiled first, so neither pays for
compiling them in the runs (``PYTHONDONTWRITEBYTECODE`` would otherwise make one of them pay).

Floors (issue 16): ``report`` ≤ 4 s cold, ``history`` ≤ 0.3 s warm; (issue 13) ``positions``
≤ 3 s with the comparisons cached.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_history import generate_negotiation
from bench.bench_negotiation import ROOT, _cli

_CONFIG_HEAD = "treatydiff: 1\ntitle: {title}\nillustrative: true\nlanguages: [en]\nparties:\n  - code: AM\n    name: Armenia\n  - code: AZ\n    name: Azerbaijan\nrounds:\n"


def write_negotiation(folder: Path, rounds: int, articles: int) -> Path:
    """The generated negotiation as a folder of clause files."""
    from treatydiff.formats.clausefile import dump_round

    negotiation = generate_negotiation(rounds, articles)
    (folder / "rounds").mkdir(parents=True)
    for round_ in negotiation.rounds:
        (folder / "rounds" / f"{round_.name}.yaml").write_text(dump_round(round_), encoding="utf-8")
    listed = "".join(f"  - rounds/{r.name}.yaml\n" for r in negotiation.rounds)
    (folder / "negotiation.yaml").write_text(_CONFIG_HEAD.format(title=negotiation.title) + listed, encoding="utf-8")
    return folder


def _compiled(tree: Path) -> None:
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "treatydiff")], check=True, capture_output=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", metavar="REV", help="an earlier revision to measure alternately")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = write_negotiation(work / "negotiation", args.rounds, args.articles)
        middle = f"art-{args.articles // 2}"
        trees = {"now": ROOT}
        if args.against:
            trees = {args.against: work / "rev", "now": ROOT}
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(trees[args.against]), args.against], check=True)
        try:
            for code in trees.values():
                _compiled(code)
            rows = _measure(folder, middle, work, trees, args.repeat)
        finally:
            if args.against:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(trees[args.against])], check=False)
    names = list(trees)
    print(f"{args.rounds} rounds × {args.articles} articles from clause files; medians of {args.repeat} runs, each a fresh process")
    print()
    print("| command | " + " | ".join(f"{what} ({t})" for t in names for what in ("wall", "CPU")) + (f" | CPU now / {names[0]} |" if len(names) > 1 else " |"))
    print("| --- |" + " ---: |" * (2 * len(names) + (1 if len(names) > 1 else 0)))
    for name, runs in rows.items():
        cells = [f"{statistics.median(r[k] for r in runs[t]):.2f} s" for t in names for k in (0, 1)]
        if len(names) > 1:
            cells.append(f"{statistics.median(r[1] for r in runs['now']) / statistics.median(r[1] for r in runs[names[0]]):.2f}×")
        print(f"| {name} | " + " | ".join(cells) + " |")
    return 0


def _measure(folder: Path, clause: str, work: Path, trees: dict[str, Path], repeat: int) -> dict[str, dict[str, list[tuple[float, float]]]]:
    commands = {
        "`report`, cold": ["report", str(folder), "-o", str(work / "report")],
        "`report`, warm": ["report", str(folder), "-o", str(work / "report")],
        f"`history {clause}`, warm": ["history", str(folder), clause, "-f", "json", "-o", str(work / "history.json")],
        "`positions -f json`, warm": ["positions", str(folder), "-f", "json", "-o", str(work / "positions.json")],
    }
    rows: dict[str, dict[str, list[tuple[float, float]]]] = {name: {t: [] for t in trees} for name in commands}
    for n in range(repeat):
        for tree, code in trees.items():  # alternating, so load slows both alike
            cache = work / f"cache-{tree}-{n}"
            for name, command in commands.items():  # the cold report first: it fills the cache
                rows[name][tree].append(_cli(command, cache, code))
            shutil.rmtree(cache, ignore_errors=True)
    return rows


if __name__ == "__main__":
    sys.exit(main())
