"""What the DOCX redline costs on a large draft, side by side with python-redlines.

    python bench/bench_docx.py [ARTICLES] [--repeat N] [--no-redlines]

Generates two rounds of ARTICLES articles (default 2,000) with bench/generate.py and compares
them.  Then, in the same run:

* treatydiff: time to write the DOCX redline from the comparison (layout + OOXML + zip; the
  median of N runs, default 3), and the peak memory of a fresh process that generates,
  compares and writes once (its peak before writing is shown too);
* python-redlines (Docxodus .NET engine, the optional ``bench`` extra): the same two rounds
  written as plain DOCX drafts, redlined by its engine; time and the engine's peak memory.

Then the Word pair (the same two rounds as DOCX drafts, which is what python-redlines is
given): import both and compare them, and write the redline onto the new draft's own document
(``compare OLD.docx NEW.docx -o redline.docx``) against writing the rebuilt redline of the same
comparison, each the median of N, side by side in the same run.

Peak memory is ``ru_maxrss`` of a child process (for python-redlines, of its engine process).
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import generate_pair
from treatydiff.model import Round
from treatydiff.pipeline import compare
from treatydiff.render import RenderOptions, render
from treatydiff.render.docx_layout import round_lines
from treatydiff.render.ooxml import CoreProperties, DocumentSpec, Para, Revisions, Run, build_docx


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def plain_docx(round_: Round) -> bytes:
    """A round as an ordinary Word draft (no revisions): what python-redlines is given."""
    body = [Para([Run(line)]) for line in round_lines(round_)]
    spec = DocumentSpec(front=[], body=body, comments=[], revisions=Revisions(author="bench"),
                        properties=CoreProperties(title=round_.info.label, author="bench", date=round_.info.date))
    return build_docx(spec)


def count_revisions(data: bytes) -> dict[str, int]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    return {tag: xml.count(f"<w:{tag} ") for tag in ("ins", "del", "moveFrom", "moveTo")}


def child_treatydiff(articles: int) -> None:
    old, new = generate_pair(articles)
    comparison = compare(old, new)
    before = _peak_mb()
    start = time.perf_counter()
    data = render(comparison, "docx", RenderOptions())
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mb": _peak_mb(), "peak_before_mb": before, "bytes": len(data)}))


def child_redlines(old_path: str, new_path: str) -> None:
    from python_redlines.engines import DocxodusEngine

    engine = DocxodusEngine()
    start = time.perf_counter()
    output, _, _ = engine.run_redline("AZ", Path(old_path), Path(new_path))
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mb": _peak_mb(resource.RUSAGE_CHILDREN), "revisions": count_revisions(output)}))


def _run_child(*args: str) -> dict[str, object]:
    run = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=False, timeout=1800)
    if run.returncode != 0:
        return {"error": (run.stderr.strip().splitlines() or ["failed"])[-1]}
    result: dict[str, object] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="?", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-redlines", action="store_true", help="skip python-redlines")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.child[0] == "treatydiff":
            child_treatydiff(int(args.child[1]))
        else:
            child_redlines(args.child[1], args.child[2])
        return

    old, new = generate_pair(args.articles)
    words = sum(len(p.full_text.split()) for p in old.provisions)
    start = time.perf_counter()
    comparison = compare(old, new)
    compare_seconds = time.perf_counter() - start
    times = []
    data = b""
    for _ in range(args.repeat):
        start = time.perf_counter()
        data = render(comparison, "docx", RenderOptions())
        times.append(time.perf_counter() - start)
    ours = statistics.median(times)
    ours_memory = _run_child("--child", "treatydiff", str(args.articles))
    ours_revisions = count_revisions(data)

    print(f"DOCX redline, {args.articles} articles ({words:,} words in the old round), median of {args.repeat}")
    print(f"compare (align + diff + analyse), for context: {compare_seconds:.2f} s; findings: {len(comparison.findings)}")
    print()
    print("| tool | write the redline | peak memory | revisions (ins/del/moveFrom/moveTo) | ratio |")
    print("| --- | --- | --- | --- | --- |")
    peak = ours_memory.get("peak_mb")
    peak_text = f"{peak:.0f} MB (process; {ours_memory['peak_before_mb']:.0f} MB before writing)" if isinstance(peak, float) else str(ours_memory)
    revisions = "/".join(str(ours_revisions[k]) for k in ("ins", "del", "moveFrom", "moveTo"))
    print(f"| treatydiff DOCX ({len(data) / 1e6:.1f} MB file) | {ours:.2f} s | {peak_text} | {revisions} | 1.0 |")

    folder = Path("/tmp") / f"treatydiff-bench-docx-{args.articles}"
    folder.mkdir(exist_ok=True)
    old_path, new_path = folder / "old.docx", folder / "new.docx"
    old_path.write_bytes(plain_docx(old))
    new_path.write_bytes(plain_docx(new))
    theirs: dict[str, object] = {"error": "not run (--no-redlines)"}
    if not args.no_redlines:
        theirs = _run_child("--child", "redlines", str(old_path), str(new_path))
    seconds = theirs.get("seconds")
    if isinstance(seconds, float):
        counts = theirs["revisions"]
        assert isinstance(counts, dict)
        revisions = "/".join(str(counts[k]) for k in ("ins", "del", "moveFrom", "moveTo"))
        print(f"| python-redlines 2.0 (Docxodus .NET) | {seconds:.2f} s | {theirs['peak_mb']:.0f} MB (engine) | {revisions} | {seconds / ours:.0f}× slower |")
    else:
        print(f"| python-redlines (Docxodus) | {theirs.get('error')} | | | |")
    word_pair(old_path, new_path, args.repeat, seconds if isinstance(seconds, float) else None)


def word_pair(old_path: Path, new_path: Path, repeat: int, redlines_seconds: float | None) -> None:
    """The Word pair: its own document with tracked changes, against the rebuilt redline."""
    from treatydiff.render.docx_redline import render_source
    from treatydiff.usecases import compare_sources

    start, cpu = time.perf_counter(), time.process_time()
    comparison = compare_sources(str(old_path), str(new_path))
    read_seconds, read_cpu = time.perf_counter() - start, time.process_time() - cpu
    onto, rebuilt, onto_cpu = [], [], []
    said: list[str] = []
    data = b""
    for _ in range(repeat):  # the two alternate, so that load on the machine falls on both
        start, cpu = time.perf_counter(), time.process_time()
        data, said = render_source(comparison, RenderOptions(), new_path)
        onto.append(time.perf_counter() - start)
        onto_cpu.append(time.process_time() - cpu)
        start = time.perf_counter()
        render(comparison, "docx", RenderOptions())
        rebuilt.append(time.perf_counter() - start)
    assert not said, said  # a fallback would time the rebuilt redline twice
    ours, theirs = statistics.median(onto), statistics.median(rebuilt)
    counts = count_revisions(data)
    print()
    print(f"Word pair ({old_path.name} → {new_path.name}): import both and compare {read_seconds:.2f} s; median of {repeat}")
    print(f"CPU time (the steadier figure on a shared machine): import both and compare {read_cpu:.2f} s, "
          f"write onto the draft {statistics.median(onto_cpu):.2f} s, end to end {read_cpu + statistics.median(onto_cpu):.2f} s")
    print()
    print("| redline | write it | end to end (import, compare, write) | revisions (ins/del) | ratio |")
    print("| --- | --- | --- | --- | --- |")
    print(f"| the new draft's own document | {ours:.2f} s | {read_seconds + ours:.2f} s | {counts['ins']}/{counts['del']} | 1.0 |")
    print(f"| the rebuilt redline (same comparison) | {theirs:.2f} s | {read_seconds + theirs:.2f} s | | {theirs / ours:.2f}× the time |")
    if redlines_seconds is not None:
        print(f"| python-redlines 2.0, same pair (above) | — | {redlines_seconds:.2f} s | | "
              f"{redlines_seconds / (read_seconds + ours):.1f}× the end-to-end time |")


if __name__ == "__main__":
    main()
