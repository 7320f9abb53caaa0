"""A pytest plugin: one loud line at the end of a run that skipped tests for want of the
corpora (``../shared/corpora``), so a green run in a fresh clone is not mistaken for a run
that read the real drafts.  tests/conftest.py loads it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

CORPORA_WORD = "corpora"


def _reason(report: Any) -> str:
    longrepr = getattr(report, "longrepr", None)
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    return str(longrepr or "")


def corpus_skips(reports: Iterable[Any]) -> list[Any]:
    """The skipped reports of tests that need the corpora (by their marker or their reason)."""
    return [r for r in reports if CORPORA_WORD in getattr(r, "keywords", {}) or CORPORA_WORD in _reason(r)]


def corpus_skip_line(reports: Iterable[Any]) -> str | None:
    skipped = corpus_skips(reports)
    if not skipped:
        return None
    reasons = sorted({_reason(r).removeprefix("Skipped: ") for r in skipped})
    return (f"{len(skipped)} corpus test(s) SKIPPED, the real-text checks were NOT run: "
            f"{'; '.join(reasons)} (clone the project next to shared/ to run them)")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    line = corpus_skip_line(terminalreporter.stats.get("skipped", []))
    if line is not None:
        terminalreporter.write_sep("!", line, red=True, bold=True)
