"""The one summary of a comparison: what every report counts, computed in one place.

The terminal's summary line, the JSON ``summary``, the HTML tiles and headline, the DOCX
summary table and the negotiation report's round cards all read :func:`summarize`, so the
numbers agree everywhere.  Counts are kept per level: *articles* are the top-level provisions
(articles, preamble paragraphs, annexes), *paragraphs* the numbered paragraphs inside them; a
deleted or renumbered paragraph is counted where it is, not hidden under its article.

A provision is *changed* when its text, heading, notes or place changed: one that was only
renumbered (the same words under a new number) is not, as the terminal has always said.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import ChangeKind, ClausePair, Comparison, Direction, Finding

_RENUMBERED_ONLY = (ChangeKind.RENUMBERED,)


def renumbered_only(pair: ClausePair) -> bool:
    """The same words under a new number: no change of content or place."""
    return pair.kinds == _RENUMBERED_ONLY


def changed_in_content(pair: ClausePair) -> bool:
    """Changed, and not only renumbered: what "N of M provisions changed" counts."""
    return pair.changed and not renumbered_only(pair)


@dataclass(frozen=True)
class LevelSummary:
    """The pairs of one level (articles or paragraphs) by change kind."""

    pairs: int
    kinds: tuple[tuple[ChangeKind, int], ...]  # every kind, in ChangeKind's order
    changed: int  # changed other than by renumbering alone
    renumbered_only: int

    def count(self, kind: ChangeKind) -> int:
        for k, n in self.kinds:
            if k == kind:
                return n
        return 0

    def phrase(self, order: Sequence[ChangeKind], *, unchanged: bool = True) -> str:
        """``7 modified, 16 unchanged``: the kinds that occur, in ``order``."""
        parts = [f"{self.count(k)} {k.value}" for k in order if self.count(k) and (unchanged or k != ChangeKind.UNCHANGED)]
        return ", ".join(parts)


@dataclass(frozen=True)
class Summary:
    articles: LevelSummary
    paragraphs: LevelSummary
    findings: tuple[tuple[Direction, int], ...]  # every direction, in Direction's order

    def findings_of(self, direction: Direction) -> int:
        for d, n in self.findings:
            if d == direction:
                return n
        return 0

    @property
    def total_findings(self) -> int:
        return sum(n for _, n in self.findings)


def _level(pairs: Iterable[ClausePair]) -> LevelSummary:
    counts = dict.fromkeys(ChangeKind, 0)
    total = changed = renumbered = 0
    for pair in pairs:
        total += 1
        for kind in pair.kinds:
            counts[kind] += 1
        if renumbered_only(pair):
            renumbered += 1
        elif pair.changed:
            changed += 1
    return LevelSummary(total, tuple(counts.items()), changed, renumbered)


def finding_counts(findings: Iterable[Finding]) -> tuple[tuple[Direction, int], ...]:
    counts = dict.fromkeys(Direction, 0)
    for finding in findings:
        counts[finding.direction] += 1
    return tuple(counts.items())


def summarize(comparison: Comparison) -> Summary:
    """Counts of articles and paragraphs by change kind, and of findings by direction."""
    return Summary(
        articles=_level(comparison.pairs),
        paragraphs=_level(p for article in comparison.pairs for p in article.walk() if p is not article),
        findings=finding_counts(comparison.findings),
    )
