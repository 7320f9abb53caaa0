"""The verdict: how many regressions, progress and review findings, per party and overall.

A party's row counts the findings that move *its* obligations (the ``obligated`` codes);
findings about the treaty as a whole ("the Parties", brackets, agreed text) count in "ALL"
only, which holds every finding.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Direction, Finding, Party, PartyVerdict


def _row(party: str, findings: Sequence[Finding]) -> PartyVerdict:
    return PartyVerdict(
        party=party,
        regressions=sum(1 for f in findings if f.direction == Direction.REGRESSION),
        progress=sum(1 for f in findings if f.direction == Direction.PROGRESS),
        review=sum(1 for f in findings if f.direction == Direction.REVIEW),
    )


def verdict(findings: Sequence[Finding], parties: Sequence[Party]) -> tuple[PartyVerdict, ...]:
    everyone = {p.code for p in parties}
    own = [f for f in findings if f.obligated and not (len(everyone) > 1 and set(f.obligated) == everyone)]
    rows = [_row(p.code, [f for f in own if p.code in f.obligated]) for p in parties]
    rows.append(_row("ALL", findings))
    return tuple(rows)
