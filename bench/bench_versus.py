"""This tree against an earlier revision, side by side in one run: compare → JSON on generated drafts.

    python bench/bench_versus.py REV [--sizes 2000 10000] [--repeat 3]

REV (a commit, tag or branch) is checked out in a temporary git worktree.  Each measurement
runs in a fresh child process, the two versions alternating, so a machine loaded by other work
slows both alike; the table gives medians, peak memory and the ratio now / REV, with and
without the analysis.  The drafts come from this tree's ``bench/generate.py`` for both.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs in the child: one comparison of one size, with either version's code on the path.
_CHILD = """
import importlib.util, json, resource, sys, time
code, root, n, analyse = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
sys.path.insert(0, code)
spec = importlib.util.spec_from_file_location("generate", root + "/bench/generate.py")  # this tree's drafts
generate = sys.modules["generate"] = importlib.util.module_from_spec(spec)  # dataclasses need it registered
spec.loader.exec_module(generate)
generate_case = generate.generate_case
from treatydiff.model import CompareOptions
try:
    from treatydiff.pipeline import compare
except ImportError:  # before the layout step
    from treatydiff.compare import compare
from treatydiff.render import render
case = generate_case(n)
start = time.perf_counter()
comparison = compare(case.old, case.new, options=CompareOptions(analyse=analyse))
render(comparison, "json")
print(json.dumps({"s": time.perf_counter() - start, "mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _run(code: Path, articles: int, analyse: bool) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(code)}
    out = subprocess.run([sys.executable, "-c", _CHILD, str(code), str(ROOT), str(articles), "1" if analyse else "0"],
                         capture_output=True, text=True, check=False, env=env, cwd=tempfile.gettempdir())
    if out.returncode != 0:
        raise SystemExit(f"the run of {code} failed:\n{out.stderr.strip()}")
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="the earlier revision to compare with")
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "rev"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(old), args.rev], check=True)
        try:
            print(f"machine: {os.cpu_count()} cores; command: python bench/bench_versus.py {' '.join(sys.argv[1:])}")
            print(f"| articles | analysis | {args.rev} | now | ratio now / {args.rev} | peak MB ({args.rev} → now) |")
            print("| ---: | --- | ---: | ---: | ---: | ---: |")
            for articles in args.sizes:
                for analyse in (False, True):
                    runs: dict[str, list[dict[str, float]]] = {"rev": [], "now": []}
                    for _ in range(args.repeat):
                        runs["rev"].append(_run(old, articles, analyse))
                        runs["now"].append(_run(ROOT, articles, analyse))
                    before = statistics.median(r["s"] for r in runs["rev"])
                    now = statistics.median(r["s"] for r in runs["now"])
                    mb = f"{max(r['mb'] for r in runs['rev']):.0f} → {max(r['mb'] for r in runs['now']):.0f}"
                    print(f"| {articles:,} | {'on' if analyse else 'off'} | {before:.2f} s | {now:.2f} s | {now / before:.2f}× | {mb} |")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], check=False)


if __name__ == "__main__":
    main()
