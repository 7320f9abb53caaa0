"""Word diffs of long, heavily edited provisions: the slowest provision of each real pair, and a
generated worst case imitating a heavily rewritten 2,000-word definitions article; and each real
pair compared whole (import, alignment, word diffs, analysis, JSON).

    python bench/bench_worddiff.py [--repeat 3]

The generated article (:func:`definitions_article`) has about 80 definitions of about 25 words;
its next version rewrites most of them (words replaced, clauses reordered, definitions added,
dropped and re-sorted), the shape that sent diff-match-patch's bisection towards its quadratic
worst case.  Real pairs come from ``../shared/corpora``: the Paris drafts as Markdown and the
largest US bill pairs (bill XML).  Each provision is diffed with
:func:`treatydiff.diff.worddiff.diff_text`; the table gives the slowest provision (CPU time, the
median of ``--repeat`` runs) and the sum over all provisions, and checks that every redline
rebuilds both texts.  The last column is the whole pair as ``treatydiff compare OLD NEW -f json``
does it, in this process (:func:`treatydiff.usecases.compare_sources` then the JSON renderer,
analysis on; CPU time, median of ``--repeat``; the lexicon is built before the first run, so a
cold start's imports and lexicon are not in it: ``bench/bench_versus.py --files`` times those).
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import time
from pathlib import Path

from treatydiff.diff.worddiff import diff_text, new_text, old_text
from treatydiff.model import CompareOptions

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
PARIS = CORPORA / "paris_agreement_2015" / "markdown"
US_BILLS = CORPORA / "us_bills"
# The largest US bill pairs (by size): committee report → engrossed, introduced → enrolled.
BILL_PAIRS = (
    ("US H.R. 8752 (118th) RH → EH", "bills_dtd/118-hr-8752/1_reported-in-house.xml", "bills_dtd/118-hr-8752/2_engrossed-in-house.xml"),
    ("US H.R. 2157 IH → ENR", "uslm/H2157_IH.XML", "uslm/h2157_enr.XML"),
)

_TERMS = (
    "authority", "competent body", "contracting party", "data subject", "designated operator",
    "emission unit", "financial mechanism", "host country", "implementing entity", "inspection",
    "installation", "licence", "mitigation outcome", "national registry", "operator", "permit",
    "processing", "reporting period", "sectoral scope", "transfer", "verification body", "waste",
)
_WORDS = (
    "any", "person", "natural", "legal", "entity", "body", "public", "private", "which", "that",
    "is", "established", "under", "the", "law", "of", "a", "Member", "State", "or", "third",
    "country", "responsible", "for", "carrying", "out", "tasks", "referred", "to", "in", "this",
    "Regulation", "including", "its", "agents", "and", "subcontractors", "where", "applicable",
    "activity", "on", "behalf", "within", "meaning", "Article", "paragraph", "Annex", "every",
    "measure", "adopted", "pursuant", "purposes", "such", "as", "other", "than", "those", "by",
    "means", "provided", "accordance", "with", "relevant", "procedures", "set", "out", "below",
)


def _sentence(rng: random.Random, words: int) -> list[str]:
    return [rng.choice(_WORDS) for _ in range(words)]


def definitions_article(seed: int = 1, definitions: int = 80) -> tuple[str, str]:
    """An old and a new definitions article, about 2,000 words each, heavily rewritten."""
    rng = random.Random(seed)
    old_defs: list[tuple[str, list[str]]] = []
    for n in range(definitions):
        term = f"{rng.choice(_TERMS)} {n + 1}" if n >= len(_TERMS) else _TERMS[n]
        old_defs.append((term, _sentence(rng, rng.randrange(15, 36))))
    new_defs: list[tuple[str, list[str]]] = []
    for term, words in old_defs:
        roll = rng.random()
        if roll < 0.08:
            continue  # definition dropped
        if roll < 0.75:  # rewritten: about half the words replaced, a clause moved
            words = [rng.choice(_WORDS) if rng.random() < 0.5 else w for w in words]
            cut = rng.randrange(1, len(words))
            if rng.random() < 0.4:
                words = [*words[cut:], ",", *words[:cut]]
        new_defs.append((term, words))
        if rng.random() < 0.1:
            new_defs.append((f"new {rng.choice(_TERMS)}", _sentence(rng, rng.randrange(15, 36))))
    new_defs.sort(key=lambda d: d[0])  # re-sorted alphabetically, as drafters do

    def text(defs: list[tuple[str, list[str]]]) -> str:
        lines = ["For the purposes of this Regulation, the following definitions apply:"]
        for k, (term, words) in enumerate(defs, start=1):
            end = "." if k == len(defs) else ";"
            lines.append(f"({k}) '{term}' means " + " ".join(words).replace(" ,", ",") + end)
        return "\n".join(lines)

    return text(old_defs), text(new_defs)


def _provision_pairs(old_path: Path, new_path: Path) -> list[tuple[str, str, str]]:
    from treatydiff.usecases import compare_sources

    comparison = compare_sources(str(old_path), str(new_path), options=CompareOptions(analyse=False))
    out = []
    for pair in comparison.walk():
        old = pair.old.text if pair.old else ""
        new = pair.new.text if pair.new else ""
        out.append((pair.new.label if pair.new else pair.old.label if pair.old else "", old, new))
    return out


def _time(pairs: list[tuple[str, str, str]], repeat: int) -> tuple[float, float, str, int, int]:
    """(slowest provision s, whole pair s, its label, its words old, new): medians of ``repeat``."""
    options = CompareOptions()
    per: dict[int, list[float]] = {k: [] for k in range(len(pairs))}
    for _ in range(repeat):
        for k, (_label, old, new) in enumerate(pairs):
            start = time.process_time()
            segments = diff_text(old, new, options)
            per[k].append(time.process_time() - start)
            assert old_text(segments) == old and new_text(segments) == new
    medians = {k: statistics.median(v) for k, v in per.items()}
    worst = max(medians, key=medians.__getitem__)
    label, old, new = pairs[worst]
    return medians[worst], sum(medians.values()), label, len(old.split()), len(new.split())


def _whole_pair(old_path: Path, new_path: Path, repeat: int) -> float:
    """CPU seconds of ``compare OLD NEW -f json`` in this process: median of ``repeat``."""
    from treatydiff.render import render
    from treatydiff.usecases import compare_sources

    times = []
    for _ in range(repeat):
        start = time.process_time()
        render(compare_sources(str(old_path), str(new_path)), "json")
        times.append(time.process_time() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    cases: list[tuple[str, list[tuple[str, str, str]], tuple[Path, Path] | None]] = []
    old, new = definitions_article()
    cases.append(("generated definitions article", [("definitions", old, new)], None))
    if PARIS.is_dir():
        files = sorted(PARIS.glob("v*.md"))
        for a, b in itertools.pairwise(files):
            cases.append((f"Paris {a.name[:2]} → {b.name[:2]}", _provision_pairs(a, b), (a, b)))
    for name, old_name, new_name in BILL_PAIRS:
        a, b = US_BILLS / old_name, US_BILLS / new_name
        if a.is_file() and b.is_file():
            cases.append((name, _provision_pairs(a, b), (a, b)))
    if len(cases) == 1:
        print(f"(no corpus at {CORPORA}: only the generated article is timed)", file=sys.stderr)
    from treatydiff.analysis.lexicon import load_lexicon

    load_lexicon("en")  # the cold start is not this table's (see the module's docstring)
    print("| pair | provisions | slowest provision | its words (old → new) | all provisions | whole pair → JSON |")
    print("| --- | ---: | ---: | --- | ---: | ---: |")
    for name, pairs, paths in cases:
        slowest, total, label, old_words, new_words = _time(pairs, args.repeat)
        whole = f"{_whole_pair(*paths, args.repeat):.3f} s" if paths else "–"
        print(f"| {name} | {len(pairs)} | {slowest * 1000:.1f} ms ({label}) | {old_words:,} → {new_words:,} | {total:.3f} s | {whole} |")
    print(f"\nCPU time, median of {args.repeat} runs; every redline rebuilt both texts.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
