"""Alignment of real drafts against concordance truth tables written by reading both texts.

    python bench/alignment_real.py [--corpora DIR] [--verbose]

The truth tables (``bench/data/real/alignment/*.yaml``) were written by sessions that read the
texts of ``../shared/corpora`` without seeing the aligner, following
``docs/evaluation/labelling-alignment.md``.  A row says which old unit(s) the new unit(s)
carry; it is read as *links*: one (old, new) link per old and new unit of the row, and an
(old, –) or (–, new) link for deleted and added units.  Precision, recall and F1 compare the
links the aligner makes (``treatydiff.concordance``) with the truth's; a move, split or merge
of the truth is *recalled* when all of its links are made.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
TRUTH = HERE / "data" / "real" / "alignment"
HELD_OUT = HERE / "data" / "real" / "held_out.yaml"
CORPORA = HERE.parent.parent / "shared" / "corpora"
Link = tuple[str, str]  # (old citation or "", new citation or "")


@dataclass
class PairScore:
    name: str
    truth: set[Link] = field(default_factory=set)
    made: set[Link] = field(default_factory=set)
    structural: Counter[str] = field(default_factory=Counter)  # relation -> rows in the truth
    recalled: Counter[str] = field(default_factory=Counter)
    missed_rows: list[str] = field(default_factory=list)


def links(old: list[str], new: list[str]) -> set[Link]:
    if old and new:
        return {(o, n) for o in old for n in new}
    return {(o, "") for o in old} | {("", n) for n in new}


def evaluate(path: Path, corpora: Path) -> PairScore:
    from treatydiff import compare
    from treatydiff.diff.concordance import concordance
    from treatydiff.importers import import_draft

    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    old = import_draft(corpora / data["old"]).round
    new = import_draft(corpora / data["new"]).round
    table = concordance(compare(old, new))
    score = PairScore(data.get("pair", path.stem))
    truth_units_old: set[str] = set()
    truth_units_new: set[str] = set()
    for row in data["rows"]:
        row_links = links([str(x) for x in row.get("old") or []], [str(x) for x in row.get("new") or []])
        score.truth |= row_links
        truth_units_old.update(str(x) for x in row.get("old") or [])
        truth_units_new.update(str(x) for x in row.get("new") or [])
        relation = row["relation"]
        if relation in ("moved", "split", "merged"):
            score.structural[relation] += 1
    for row in table.rows:
        score.made |= links(list(row.old), list(row.new))
    if not data.get("complete", True):
        # A partial table judges only the units it covers.
        score.made = {(o, n) for o, n in score.made if (o and o in truth_units_old) or (n and n in truth_units_new)}
    for row in data["rows"]:
        if row["relation"] in ("moved", "split", "merged"):
            row_links = links([str(x) for x in row.get("old") or []], [str(x) for x in row.get("new") or []])
            if row_links <= score.made:
                score.recalled[row["relation"]] += 1
            else:
                score.missed_rows.append(f"{row['relation']}: {row.get('old')} -> {row.get('new')}")
    return score


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "  – "


def held_out() -> frozenset[str]:
    """Pairs whose links nobody read while fixing the aligner (``held_out.yaml``)."""
    if not HELD_OUT.is_file():
        return frozenset()
    data = yaml.safe_load(HELD_OUT.read_text(encoding="utf-8")) or {}
    return frozenset(str(p) for p in data.get("alignment") or ())


def _total(name: str, scores: list[PairScore]) -> PairScore:
    total = PairScore(name)
    for s in scores:
        total.truth |= {(s.name + o, s.name + n) for o, n in s.truth}
        total.made |= {(s.name + o, s.name + n) for o, n in s.made}
        total.structural.update(s.structural)
        total.recalled.update(s.recalled)
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Alignment of real drafts against concordance truth tables.")
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--truth", type=Path, default=TRUTH)
    parser.add_argument("--verbose", action="store_true", help="list wrong and missing links (not of held-out pairs)")
    parser.add_argument("--show-held-out", action="store_true", help="with --verbose, list held-out pairs too (they stop being held out)")
    args = parser.parse_args(argv)
    if not args.corpora.is_dir():
        print(f"SKIPPED: the corpora folder {args.corpora} is absent; nothing was measured", file=sys.stderr)
        return 0
    scores = [evaluate(path, args.corpora) for path in sorted(args.truth.glob("*.yaml"))]
    print("| pair | truth links | precision | recall | F1 | moves | splits | merges |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    hidden = held_out()
    totals = [_total("**all**", scores)]
    if hidden & {s.name for s in scores}:
        totals += [_total("**pairs the aligner was fixed on**", [s for s in scores if s.name not in hidden]),
                   _total("**held-out pairs**", [s for s in scores if s.name in hidden])]
    for score in [*scores, *totals]:
        right = len(score.truth & score.made)
        p, r = right / len(score.made) if score.made else 1.0, right / len(score.truth) if score.truth else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        cells = [f"{_ratio(score.recalled[k], score.structural[k])} ({score.recalled[k]}/{score.structural[k]})" for k in ("moved", "split", "merged")]
        print(f"| {score.name} | {len(score.truth)} | {p:.2f} | {r:.2f} | {f1:.2f} | " + " | ".join(cells) + " |")
    if args.verbose:
        for score in scores:
            if score.name in hidden and not args.show_held_out:
                print(f"\n## {score.name}: held out, not listed (see {HELD_OUT.name})")
                continue
            print(f"\n## {score.name}")
            for link in sorted(score.made - score.truth):
                print(f"  WRONG   {link[0] or '–'} -> {link[1] or '–'}")
            for link in sorted(score.truth - score.made):
                print(f"  MISSING {link[0] or '–'} -> {link[1] or '–'}")
            for row in score.missed_rows:
                print(f"  NOT RECALLED {row}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
