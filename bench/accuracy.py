"""Precision and recall of the position analysis on the labelled pairs.

    python bench/accuracy.py [tests/data/analysis/labelled-pairs.yaml] [--verbose]

Each labelled pair (one provision, old and new text) is compared end to end with
``treatydiff.pipeline``; a pair is *predicted* a regression when any regression finding comes
out, progress when any progress finding does.  The table gives precision and recall of both
verdicts, the share of pairs whose labelled codes all came out, and the regression findings
on editorial-only pairs (which must be zero).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from treatydiff.model import (
    AgreementStatus,
    Direction,
    NegotiationInfo,
    Party,
    Provision,
    Round,
    RoundInfo,
)
from treatydiff.pipeline import compare
from treatydiff.settings import Settings

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "data" / "analysis" / "labelled-pairs.yaml"
PARTIES = (
    Party("AM", "Republic of Armenia", ("Armenia", "Yerevan", "Армения", "Ереван", "L'Arménie", "Arménie")),
    Party("AZ", "Republic of Azerbaijan", ("Azerbaijan", "Baku", "Азербайджан", "Баку", "L'Azerbaïdjan", "Azerbaïdjan")),
)


@dataclass
class Outcome:
    case: dict[str, Any]
    codes: list[str]
    regression: bool
    progress: bool
    findings: list[Any] = field(default_factory=list)

    @property
    def codes_ok(self) -> bool:
        return all(code in self.codes for code in self.case.get("codes") or [])


def _round(label: str, text: str | None, language: str, status: str | None) -> Round:
    provisions = () if text is None else (Provision(id="p", label="Article 1", text=text, status=AgreementStatus(status) if status else None),)
    return Round(info=RoundInfo(label=label, language=language), provisions=provisions)


def run_case(case: dict[str, Any]) -> Outcome:
    old = _round("old", case["old"], case["lang"], case.get("old_status"))
    new = _round("new", case["new"], case["lang"], None)
    comparison = compare(old, new, Settings(negotiation=NegotiationInfo(title="labelled", parties=PARTIES, languages=(case["lang"],))))
    findings = list(comparison.findings)
    return Outcome(
        case=case,
        codes=[f.code for f in findings],
        regression=any(f.direction == Direction.REGRESSION for f in findings),
        progress=any(f.direction == Direction.PROGRESS for f in findings),
        findings=findings,
    )


def load_cases(path: Path = DEFAULT) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases: list[dict[str, Any]] = data["pairs"]
    return cases


def _ratio(hit: int, total: int) -> float:
    return hit / total if total else 1.0


def score(outcomes: Sequence[Outcome], verdict: str) -> tuple[float, float, int, int, int]:
    """(precision, recall, true positives, false positives, false negatives) of one verdict."""
    tp = sum(1 for o in outcomes if o.case["verdict"] == verdict and getattr(o, verdict))
    fp = sum(1 for o in outcomes if o.case["verdict"] != verdict and getattr(o, verdict))
    fn = sum(1 for o in outcomes if o.case["verdict"] == verdict and not getattr(o, verdict))
    return _ratio(tp, tp + fp), _ratio(tp, tp + fn), tp, fp, fn


def editorial_alarms(outcomes: Sequence[Outcome]) -> int:
    """Regression findings on pairs labelled with no verdict and no codes (editorial only)."""
    return sum(1 for o in outcomes if o.case["verdict"] == "none" and not o.case.get("codes") and o.regression)


def main(argv: Sequence[str]) -> int:
    verbose = "--verbose" in argv
    paths = [Path(a) for a in argv if not a.startswith("--")]
    cases = load_cases(paths[0] if paths else DEFAULT)
    outcomes = [run_case(c) for c in cases]
    counts = ", ".join(f"{lang}: {sum(1 for c in cases if c['lang'] == lang)}" for lang in ("en", "ru", "fr"))
    print(f"{len(outcomes)} labelled pairs ({counts})")
    print()
    print(f"| {'verdict':<10} | {'language':<8} | precision | recall | TP | FP | FN |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for verdict in ("regression", "progress"):
        for lang in ("all", "en", "ru", "fr"):
            subset = [o for o in outcomes if lang == "all" or o.case["lang"] == lang]
            p, r, tp, fp, fn = score(subset, verdict)
            print(f"| {verdict:<10} | {lang:<8} | {p:9.3f} | {r:6.3f} | {tp:2d} | {fp:2d} | {fn:2d} |")
    codes_ok = sum(1 for o in outcomes if o.codes_ok)
    print()
    print(f"labelled codes all found: {codes_ok}/{len(outcomes)} pairs ({codes_ok / len(outcomes):.3f})")
    print(f"regression findings on editorial-only pairs: {editorial_alarms(outcomes)}")
    wrong = [o for o in outcomes if not o.codes_ok or (o.case["verdict"] != "regression" and o.regression)
             or (o.case["verdict"] == "regression" and not o.regression)
             or (o.case["verdict"] == "progress" and not o.progress) or (o.case["verdict"] != "progress" and o.progress)]
    if wrong:
        print(f"\n{len(wrong)} pair(s) not exactly as labelled" + ("" if verbose else " (--verbose lists them)"))
        if verbose:
            for o in wrong:
                print(f"  {o.case['id']}: labelled {o.case['verdict']} {o.case.get('codes')}, got {o.codes}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
