"""Codes, their directions, and the one-sentence explanations a diplomat can defend."""

from __future__ import annotations

from ..model import Direction

REGRESSION = Direction.REGRESSION
PROGRESS = Direction.PROGRESS
REVIEW = Direction.REVIEW

# Every code the analysis emits, with its direction; regressions and their mirrors side by side.
CODES: dict[str, Direction] = {
    "obligation-weakened": REGRESSION,
    "obligation-strengthened": PROGRESS,
    "qualifier-added": REGRESSION,
    "qualifier-removed": PROGRESS,
    "condition-added": REGRESSION,
    "condition-removed": PROGRESS,
    "deadline-extended": REGRESSION,
    "deadline-shortened": PROGRESS,
    "deadline-removed": REGRESSION,
    "deadline-added": PROGRESS,
    "scope-narrowed": REGRESSION,
    "scope-widened": PROGRESS,
    "commitment-deleted": REGRESSION,
    "commitment-added": PROGRESS,
    "brackets-opened": REGRESSION,
    "brackets-closed": PROGRESS,
    "agreed-text-reopened": REGRESSION,
    "agreement-withdrawn": REGRESSION,
    "legal-form-weakened": REGRESSION,
    "legal-form-strengthened": PROGRESS,
    "obligation-reversed": REVIEW,
    "agreed-text-edited": REVIEW,
    "number-changed": REVIEW,
    "reference-changed": REVIEW,
    "definition-changed": REVIEW,
}

DIRECTION_ORDER = {REGRESSION: 0, PROGRESS: 1, REVIEW: 2}


def quote(words: str, limit: int = 90) -> str:
    """Words as a report quotes them: one line, shortened in the middle when long."""
    text = " ".join(words.split())
    if len(text) > limit:
        text = text[: limit // 2 - 1] + " … " + text[-(limit // 2 - 2) :]
    return f"'{text}'"


def of(subject: str) -> str:
    return f" of {subject}" if subject else ""


def where(label: str | None) -> str:
    return f" in {label}" if label else ""
