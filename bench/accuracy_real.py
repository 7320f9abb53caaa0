"""Accuracy of the findings on real drafts, against labels made by someone else.

    python bench/accuracy_real.py [--corpora DIR] [--verbose] [--json]

The labels (``bench/data/real/findings/*.yaml``) were written by a labelling session that read
the texts of ``../shared/corpora`` without seeing the rules or their findings, following
``docs/evaluation/labelling-findings.md``.  Each labelled provision was read completely: every
change of position in it is listed.  So a finding on a labelled provision is judged:

- **right** when a labelled change of the same provision has the same direction and shares
  words with the finding (its old or new words);
- **wrong** otherwise (for a review finding: noise).

A finding on a provision nobody labelled is not judged (its count is printed).  **Strict
recall**: a labelled regression or progress counts as found only when a finding of the same
provision has its direction and shares its words.  Codes are compared too ("code right").
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
LABELS = HERE / "data" / "real" / "findings"
HELD_OUT = HERE / "data" / "real" / "held_out.yaml"
CORPORA = HERE.parent.parent / "shared" / "corpora"
_WORD = re.compile(r"\w+")
# Words too common to show that a finding and a label speak of the same change.
_COMMON = frozenset(["the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "by", "with", "as", "be", "is", "are", "that", "this", "its", "their", "it", "at", "from", "any", "all"])


@dataclass
class Label:
    code: str
    direction: str
    words: frozenset[str]
    text: str


@dataclass
class Entry:
    old: frozenset[str]
    new: frozenset[str]
    changes: list[Label]


@dataclass
class PairResult:
    name: str
    judged: list[tuple[Any, Label | None]] = field(default_factory=list)  # (finding, matched label)
    unjudged: int = 0
    found: list[tuple[Label, bool]] = field(default_factory=list)  # (labelled change, identified)


def words(*texts: str) -> frozenset[str]:
    out = {w.casefold() for t in texts for w in _WORD.findall(t or "")}
    kept = out - _COMMON
    return frozenset(kept or out)


def load(path: Path) -> tuple[dict[str, Any], list[Entry]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries = []
    for item in data.get("provisions") or []:
        if item.get("read", "complete") != "complete":
            continue
        changes = [Label(c["code"], c["direction"], words(c.get("old_words", ""), c.get("new_words", "")),
                         f"{c.get('old_words', '')!r} -> {c.get('new_words', '')!r}")
                   for c in item.get("changes") or []]
        entries.append(Entry(frozenset(_list(item.get("old"))), frozenset(_list(item.get("new"))), changes))
    return data, entries


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _entry_of(finding: Any, entries: Sequence[Entry]) -> Entry | None:
    for entry in entries:
        if (finding.old_label and finding.old_label in entry.old) or (finding.new_label and finding.new_label in entry.new):
            return entry
    return None


def same_change(finding_words: frozenset[str], label_words: frozenset[str]) -> bool:
    """A finding and a label speak of one change when their words overlap by at least half of
    the smaller set: a finding may quote a part of the change ("shall" of "shall ensure") or the
    whole sentence around it, but a word or two in common is not enough for long quotes."""
    shared = len(finding_words & label_words)
    return shared > 0 and shared * 2 >= min(len(finding_words), len(label_words))


def _speaks_of(finding: Any, mine: frozenset[str], label: Label) -> bool:
    """One word in common with a long labelled quote says little ("shall" is in most of them):
    a finding that quotes a single word identifies a labelled change of several words only when
    it also names the change's kind (the same code)."""
    if len(mine) == 1 and len(label.words) > 3 and label.code != finding.code:
        return False
    return same_change(mine, label.words)


def _match(finding: Any, entry: Entry, same_direction: bool = True) -> Label | None:
    mine = words(finding.old_words, finding.new_words)
    candidates = [c for c in entry.changes if (c.direction == finding.direction.value or not same_direction) and _speaks_of(finding, mine, c)]
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c.code == finding.code, len(c.words & mine)))


def evaluate(pair_file: Path, corpora: Path) -> PairResult:
    from treatydiff import compare
    from treatydiff.importers import import_draft

    data, entries = load(pair_file)
    old = import_draft(corpora / data["old"]).round
    new = import_draft(corpora / data["new"]).round
    comparison = compare(old, new)
    result = PairResult(data.get("pair", pair_file.stem))
    for finding in comparison.findings:
        entry = _entry_of(finding, entries)
        if entry is None:
            result.unjudged += 1
            continue
        label = _match(finding, entry) if finding.direction.value != "review" else _match(finding, entry, same_direction=False)
        result.judged.append((finding, label))
    for entry in entries:
        mine = [f for f, _ in result.judged if _entry_of(f, [entry]) is entry]
        for change in entry.changes:
            if change.direction not in ("regression", "progress"):
                continue
            hit = any(f.direction.value == change.direction and _speaks_of(f, words(f.old_words, f.new_words), change) for f in mine)
            result.found.append((change, hit))
    return result


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "  – "


def summarise(results: Iterable[PairResult]) -> dict[str, Any]:
    results = list(results)
    out: dict[str, Any] = {"pairs": {}, "codes": {}, "total": {}}
    codes: dict[str, Counter[str]] = defaultdict(Counter)
    total: Counter[str] = Counter()
    for result in results:
        counts: Counter[str] = Counter()
        for finding, label in result.judged:
            d = finding.direction.value
            counts[f"{d}_findings"] += 1
            codes[finding.code]["findings"] += 1
            if label is not None:
                counts[f"{d}_right"] += 1
                codes[finding.code]["right"] += 1
                codes[finding.code]["code_right"] += label.code == finding.code
        for change, hit in result.found:
            counts[f"{change.direction}_labelled"] += 1
            counts[f"{change.direction}_found"] += hit
        counts["unjudged"] = result.unjudged
        total.update(counts)
        out["pairs"][result.name] = dict(counts)
    out["codes"] = {code: dict(c) for code, c in sorted(codes.items())}
    out["total"] = dict(total)
    return out


def held_out() -> frozenset[str]:
    """Pairs whose per-finding output nobody read while fixing rules (see the file)."""
    if not HELD_OUT.is_file():
        return frozenset()
    data = yaml.safe_load(HELD_OUT.read_text(encoding="utf-8")) or {}
    return frozenset(str(p) for p in data.get("findings") or ())


def _subtotal(summary: dict[str, Any], names: frozenset[str]) -> dict[str, int]:
    total: Counter[str] = Counter()
    for name, counts in summary["pairs"].items():
        if name in names:
            total.update(counts)
    return dict(total)


def report(summary: dict[str, Any]) -> str:
    lines = ["| pair | regression precision | progress precision | regression recall | progress recall | review noise | findings judged | not judged |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    hidden = held_out() & frozenset(summary["pairs"])
    rows = [*summary["pairs"].items(), ("**all**", summary["total"])]
    if hidden:
        rows += [("**pairs the rules were fixed on**", _subtotal(summary, frozenset(summary["pairs"]) - hidden)),
                 ("**held-out pairs**", _subtotal(summary, hidden))]
    for name, c in rows:
        judged = c.get("regression_findings", 0) + c.get("progress_findings", 0) + c.get("review_findings", 0)
        noise = c.get("review_findings", 0) - c.get("review_right", 0)
        lines.append(
            f"| {name} | {_ratio(c.get('regression_right', 0), c.get('regression_findings', 0))} ({c.get('regression_right', 0)}/{c.get('regression_findings', 0)}) "
            f"| {_ratio(c.get('progress_right', 0), c.get('progress_findings', 0))} ({c.get('progress_right', 0)}/{c.get('progress_findings', 0)}) "
            f"| {_ratio(c.get('regression_found', 0), c.get('regression_labelled', 0))} ({c.get('regression_found', 0)}/{c.get('regression_labelled', 0)}) "
            f"| {_ratio(c.get('progress_found', 0), c.get('progress_labelled', 0))} ({c.get('progress_found', 0)}/{c.get('progress_labelled', 0)}) "
            f"| {_ratio(noise, c.get('review_findings', 0))} ({noise}/{c.get('review_findings', 0)}) | {judged} | {c.get('unjudged', 0)} |")
    lines += ["", "| code | findings judged | right (direction and words) | precision | code also right |", "| --- | ---: | ---: | ---: | ---: |"]
    for code, c in summary["codes"].items():
        lines.append(f"| {code} | {c.get('findings', 0)} | {c.get('right', 0)} | {_ratio(c.get('right', 0), c.get('findings', 0))} | {c.get('code_right', 0)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Accuracy of the findings on labelled real drafts.")
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--verbose", action="store_true", help="list wrong findings and missed changes (not of held-out pairs)")
    parser.add_argument("--show-held-out", action="store_true", help="with --verbose, list held-out pairs too (they stop being held out)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not args.corpora.is_dir():
        print(f"SKIPPED: the corpora folder {args.corpora} is absent; nothing was measured", file=sys.stderr)
        return 0
    results = [evaluate(path, args.corpora) for path in sorted(args.labels.glob("*.yaml"))]
    summary = summarise(results)
    if args.json:
        print(json.dumps(summary, indent=2, sort_keys=True))
    else:
        print(report(summary))
    if args.verbose:
        hidden = held_out()
        for result in results:
            if result.name in hidden and not args.show_held_out:
                print(f"\n## {result.name}: held out, not listed (see {HELD_OUT.name})")
                continue
            print(f"\n## {result.name}")
            for finding, label in result.judged:
                if label is None:
                    print(f"  WRONG {finding.direction.value} {finding.code} {finding.old_label} -> {finding.new_label}: "
                          f"{finding.old_words[:70]!r} -> {finding.new_words[:70]!r}")
            for change, hit in result.found:
                if not hit:
                    print(f"  MISSED {change.direction} {change.code}: {change.text[:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
