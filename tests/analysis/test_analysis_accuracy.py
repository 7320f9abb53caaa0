"""Accuracy floors of the position analysis on the labelled pairs (see bench/accuracy.py)."""

from __future__ import annotations

import importlib.util
import sys

import pytest
from conftest import REPO

BENCH = REPO / "bench" / "accuracy.py"
_spec = importlib.util.spec_from_file_location("treatydiff_bench_accuracy", BENCH)
assert _spec is not None and _spec.loader is not None
accuracy = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = accuracy
_spec.loader.exec_module(accuracy)

CASES = accuracy.load_cases()
OUTCOMES = [accuracy.run_case(case) for case in CASES]


def test_the_labelled_set_is_large_and_covers_every_code_and_language() -> None:
    assert len(CASES) >= 150
    codes = {code for case in CASES for code in case.get("codes") or []}
    for code in ("obligation-weakened", "qualifier-added", "condition-added", "deadline-extended", "deadline-removed",
                 "scope-narrowed", "commitment-deleted", "brackets-opened", "agreed-text-reopened", "legal-form-weakened",
                 "obligation-strengthened", "qualifier-removed", "condition-removed", "deadline-shortened", "deadline-added",
                 "scope-widened", "commitment-added", "brackets-closed", "number-changed", "reference-changed", "definition-changed"):
        assert code in codes, code
    assert {case["lang"] for case in CASES} == {"en", "ru", "fr"}
    assert {case["verdict"] for case in CASES} == {"regression", "progress", "none"}


def test_regression_floors_hold() -> None:
    precision, recall, *_ = accuracy.score(OUTCOMES, "regression")
    assert precision >= 0.95
    assert recall >= 0.90


def test_progress_is_measured_too() -> None:
    precision, recall, *_ = accuracy.score(OUTCOMES, "progress")
    assert precision >= 0.9
    assert recall >= 0.85


def test_no_regression_on_any_editorial_only_pair() -> None:
    assert accuracy.editorial_alarms(OUTCOMES) == 0


@pytest.mark.parametrize("lang", ["en", "ru", "fr"])
def test_each_language_meets_the_regression_floor(lang: str) -> None:
    subset = [o for o in OUTCOMES if o.case["lang"] == lang]
    precision, recall, *_ = accuracy.score(subset, "regression")
    assert precision >= 0.95 and recall >= 0.90


def test_every_finding_is_anchored_and_explained() -> None:
    for outcome in OUTCOMES:
        for finding in outcome.findings:
            assert finding.explanation and "\n" not in finding.explanation
            assert finding.rule
            for span, text in ((finding.old_span, outcome.case["old"]), (finding.new_span, outcome.case["new"])):
                if span is not None:
                    assert text is not None and 0 <= span.start <= span.end <= len(text)
