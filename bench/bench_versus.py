"""This tree against an earlier revision, side by side in one run: compare → JSON on generated drafts.

    python bench/bench_versus.py REV [--sizes 2000 10000] [--repeat 3] [--files md txt [--file-sizes 2000]]

REV (a commit, tag or branch) is checked out in a temporary git worktree.  Each measurement
runs in a fresh child process, the two versions alternating, so a machine loaded by other work
slows both alike; the table gives medians (wall-clock, and CPU time, the steadier figure on a shared
machine), peak memory and the ratio now / REV, with and without the analysis.  The drafts come from this tree's ``bench/generate.py`` for both.

``--files`` adds the command a user types, from draft files of each given layout (``md``:
Markdown headings, ``txt``: plain-text "Article N" lines, ``docx``: plain Word drafts as
bench/bench_docx.py writes them, redlined onto the new draft's own document with ``-o
out.docx``): ``treatydiff compare old.md new.md -o out.json`` in a fresh process, so the time
includes starting up, importing both drafts and the analysis (wall and CPU time of the whole process after the interpreter starts).  Beside
it, in the same run and alternating with it, are the alternative and the floor for the same two
files: ``git diff --no-index --word-diff`` (the whole process, CPU time from the kernel's account
of the child) and reading both files and splitting them into words in a fresh Python process
(timed as the command is); the ratios are of CPU time, the steadier figure on a shared machine.
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
start, cpu = time.perf_counter(), time.process_time()
comparison = compare(case.old, case.new, options=CompareOptions(analyse=analyse))
render(comparison, "json")
print(json.dumps({"s": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                  "mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


# Runs in the child: the CLI on two draft files, timed from its first import to its exit.
_CLI_CHILD = """
import json, resource, runpy, sys, time
start, cpu = time.perf_counter(), time.process_time()
code, old, new, out = sys.argv[1:5]
sys.path.insert(0, code)
sys.argv = ["treatydiff", "compare", old, new, "-o", out]
try:
    runpy.run_module("treatydiff", run_name="__main__", alter_sys=True)
except SystemExit as stop:
    if stop.code not in (0, None):
        raise
print(json.dumps({"s": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                  "mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


# Runs in the child: the floor any comparison of the two files pays, reading and splitting them.
_FLOOR_CHILD = """
import json, resource, sys, time
start, cpu = time.perf_counter(), time.process_time()
words = [len(open(path, encoding="utf-8").read().split()) for path in sys.argv[1:3]]
print(json.dumps({"s": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                  "mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "words": words}))
"""


def _run_floor(old: Path, new: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", _FLOOR_CHILD, str(old), str(new)],
                          capture_output=True, text=True, check=True, cwd=tempfile.gettempdir())
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _run_git(old: Path, new: Path) -> dict[str, float]:
    """``git diff --no-index --word-diff`` of the two files: wall and CPU time of the process."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(["git", "diff", "--no-index", "--word-diff", str(old), str(new)], stdout=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"s": wall, "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)}


def _run_cli(code: Path, old: Path, new: Path, out: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(code)}
    done = subprocess.run([sys.executable, "-c", _CLI_CHILD, str(code), str(old), str(new), str(out)],
                          capture_output=True, text=True, check=False, env=env, cwd=tempfile.gettempdir())
    if done.returncode != 0:
        raise SystemExit(f"the command of {code} failed:\n{done.stderr.strip()}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _files_table(old_tree: Path, rev: str, sizes: list[int], layouts: list[str], repeat: int, tmp: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from bench.generate import generate_case, write_case

    print(f"\n`treatydiff compare OLD NEW -o out.json` (out.docx for docx) from draft files (a fresh process each, analysis on; medians of {repeat})\n")
    print(f"| articles | layout | {rev} wall | now wall | ratio | {rev} CPU | now CPU | ratio | peak MB ({rev} → now) | same output "
          "| `git diff --word-diff` CPU (wall) | now / git | read + split CPU (wall) | now / read + split |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |")
    for articles in sizes:
        case = generate_case(articles)
        paths = write_case(case, tmp / f"drafts-{articles}")
        if "docx" in layouts:
            from bench.bench_docx import plain_docx

            for side, round_ in (("old", case.old), ("new", case.new)):
                paths[f"{side}.docx"] = tmp / f"drafts-{articles}" / f"{side}.docx"
                paths[f"{side}.docx"].write_bytes(plain_docx(round_))
        for layout in layouts:
            runs: dict[str, list[dict[str, float]]] = {"rev": [], "now": [], "git": [], "floor": []}
            suffix = "docx" if layout == "docx" else "json"  # a Word pair in, its own document out
            outs = {"rev": tmp / f"rev.{suffix}", "now": tmp / f"now.{suffix}"}
            old_file, new_file = paths[f"old.{layout}"], paths[f"new.{layout}"]
            text = layout != "docx"  # git's word diff and the floor read text files
            for _ in range(repeat):
                runs["rev"].append(_run_cli(old_tree, old_file, new_file, outs["rev"]))
                runs["now"].append(_run_cli(ROOT, old_file, new_file, outs["now"]))
                if text:
                    runs["git"].append(_run_git(old_file, new_file))
                    runs["floor"].append(_run_floor(old_file, new_file))
            same = "yes" if outs["rev"].read_bytes() == outs["now"].read_bytes() else "NO"
            wall = [statistics.median(r["s"] for r in runs[k]) for k in ("rev", "now")]
            cpu = [statistics.median(r["cpu"] for r in runs[k]) for k in ("rev", "now")]
            mb = f"{max(r['mb'] for r in runs['rev']):.0f} → {max(r['mb'] for r in runs['now']):.0f}"
            tail = "| — | — | — | — |"
            if text:
                other = {k: (statistics.median(r["cpu"] for r in runs[k]), statistics.median(r["s"] for r in runs[k])) for k in ("git", "floor")}
                tail = (f"| {other['git'][0]:.3f} s ({other['git'][1]:.3f} s) | {cpu[1] / max(other['git'][0], 1e-3):.0f}× "
                        f"| {other['floor'][0]:.3f} s ({other['floor'][1]:.3f} s) | {cpu[1] / max(other['floor'][0], 1e-3):.1f}× |")
            print(f"| {articles:,} | {layout} | {wall[0]:.2f} s | {wall[1]:.2f} s | {wall[1] / wall[0]:.2f}× "
                  f"| {cpu[0]:.2f} s | {cpu[1]:.2f} s | {cpu[1] / cpu[0]:.2f}× | {mb} | {same} {tail}")


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
    parser.add_argument("--files", nargs="*", choices=("md", "txt", "docx"), default=[], help="also time the CLI on draft files of these layouts")
    parser.add_argument("--file-sizes", type=int, nargs="+", default=[2000], help="articles of the drafts --files times")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "rev"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(old), args.rev], check=True)
        try:
            # Both trees compiled, so that a command timed from its first import pays no
            # compilation in either (with PYTHONDONTWRITEBYTECODE set, REV would pay it every run).
            for tree in (old, ROOT):
                subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "treatydiff")], check=True)
            print(f"machine: {os.cpu_count()} cores; command: python bench/bench_versus.py {' '.join(sys.argv[1:])}")
            print(f"| articles | analysis | {args.rev} | now | ratio now / {args.rev} | {args.rev} CPU | now CPU | ratio | peak MB ({args.rev} → now) |")
            print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
            for articles in args.sizes:
                for analyse in (False, True):
                    runs: dict[str, list[dict[str, float]]] = {"rev": [], "now": []}
                    for _ in range(args.repeat):
                        runs["rev"].append(_run(old, articles, analyse))
                        runs["now"].append(_run(ROOT, articles, analyse))
                    before = statistics.median(r["s"] for r in runs["rev"])
                    now = statistics.median(r["s"] for r in runs["now"])
                    cpu_before = statistics.median(r["cpu"] for r in runs["rev"])
                    cpu_now = statistics.median(r["cpu"] for r in runs["now"])
                    mb = f"{max(r['mb'] for r in runs['rev']):.0f} → {max(r['mb'] for r in runs['now']):.0f}"
                    print(f"| {articles:,} | {'on' if analyse else 'off'} | {before:.2f} s | {now:.2f} s | {now / before:.2f}× "
                          f"| {cpu_before:.2f} s | {cpu_now:.2f} s | {cpu_now / cpu_before:.2f}× | {mb} |")
            if args.files:
                _files_table(old, args.rev, args.file_sizes, args.files, args.repeat, Path(tmp))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], check=False)


if __name__ == "__main__":
    main()
