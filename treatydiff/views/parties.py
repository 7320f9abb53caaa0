"""The one per-party computation: what every report says about each party, in the same words.

The terminal, the HTML redline, the DOCX summary, the JSON ``by_party`` and the negotiation
report all read :func:`party_standing`, so a party's figures agree everywhere.  The figures are
counted from the findings' ``obligated`` and ``favours`` (the analysis decides those), and
worded so that they cannot be misread: a party's *own* obligations weakened or strengthened,
and whom that favours; never a "+1 gained" that a reader could take for either side's gain.

Obligations of all the parties ("the Parties", "each Party") are counted once, as *shared*
obligations, not in any party's row: such a change moves the treaty as a whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Comparison, Direction, Finding, Party


@dataclass(frozen=True)
class PartyFigures:
    """One party's figures: the findings on obligations it alone (or with some others) bears,
    and the findings that favour it or another party."""

    code: str
    name: str
    weakened: int  # regressions on its own obligations: these favour it
    strengthened: int  # progress on its own obligations: these favour the others
    review: int  # findings for review on its own obligations
    in_favour: int  # findings whose ``favours`` names it
    against: int  # findings that favour another party and not it
    strengthened_favours: tuple[str, ...] = ()  # whom the strengthening favours, in party order


@dataclass(frozen=True)
class SharedFigures:
    """Findings on obligations of every party at once, and all findings by direction."""

    weakened: int
    strengthened: int
    review: int
    regressions: int  # every finding, whoever it binds
    progress: int
    to_review: int
    protecting: int = 0  # of the shared ones, those the text says protect a party (they favour it)


@dataclass(frozen=True)
class PartyStanding:
    parties: tuple[PartyFigures, ...]
    shared: SharedFigures

    def of(self, code: str) -> PartyFigures | None:
        return next((p for p in self.parties if p.code == code), None)


def _count(findings: Sequence[Finding], direction: Direction) -> int:
    return sum(1 for f in findings if f.direction == direction)


def shared_obligation(finding: Finding, codes: Sequence[str]) -> bool:
    """The finding moves an obligation of every party (with two or more parties)."""
    return len(codes) > 1 and set(finding.obligated) >= set(codes)


def party_standing(findings: Iterable[Finding], parties: Sequence[Party]) -> PartyStanding:
    """Each party's figures, and the shared ones, from ``findings`` (dismissed ones left out by
    the caller)."""
    every = list(findings)
    codes = [p.code for p in parties]
    shared = [f for f in every if f.obligated and shared_obligation(f, codes)]
    own = [f for f in every if f.obligated and not shared_obligation(f, codes)]
    rows: list[PartyFigures] = []
    for party in parties:
        bound = [f for f in own if party.code in f.obligated]
        strengthened = [f for f in bound if f.direction == Direction.PROGRESS]
        favoured = {c for f in strengthened for c in f.favours}
        rows.append(PartyFigures(
            code=party.code,
            name=party.name,
            weakened=_count(bound, Direction.REGRESSION),
            strengthened=len(strengthened),
            review=_count(bound, Direction.REVIEW),
            in_favour=sum(1 for f in every if party.code in f.favours),
            against=sum(1 for f in every if f.favours and party.code not in f.favours),
            strengthened_favours=tuple(c for c in codes if c in favoured),
        ))
    return PartyStanding(tuple(rows), SharedFigures(
        weakened=_count(shared, Direction.REGRESSION),
        strengthened=_count(shared, Direction.PROGRESS),
        review=_count(shared, Direction.REVIEW),
        regressions=_count(every, Direction.REGRESSION),
        progress=_count(every, Direction.PROGRESS),
        to_review=_count(every, Direction.REVIEW),
        protecting=sum(1 for f in shared if f.favours),
    ))


# --- the words every output uses ---------------------------------------------------------


def weakened_words(row: PartyFigures) -> str:
    """``obligations weakened: 1 (favours AZ)``."""
    return f"obligations weakened: {row.weakened}" + (f" (favours {row.code})" if row.weakened else "")


def strengthened_words(row: PartyFigures) -> str:
    """``obligations strengthened: 1 (favours AM)``."""
    whom = ", ".join(row.strengthened_favours) or "the other parties"
    return f"obligations strengthened: {row.strengthened}" + (f" (favours {whom})" if row.strengthened else "")


def favour_words(row: PartyFigures) -> str:
    """``findings in its favour: 0, against it: 1``."""
    return f"findings in its favour: {row.in_favour}, against it: {row.against}"


def party_line(row: PartyFigures) -> str:
    """The party's figures in one line, as the terminal and the DOCX print them."""
    return (f"{row.code} ({row.name}): {weakened_words(row)}; {strengthened_words(row)}; "
            f"for review: {row.review}; {favour_words(row)}")


def _shared_favour(shared: SharedFigures) -> str:
    """``favour no party``, unless the text says whom some of them protect."""
    if not shared.protecting:
        return "favour no party"
    return f"{shared.protecting} protect a party the text names and favour it, the others no party"


def shared_line(shared: SharedFigures) -> str:
    return (f"obligations of all the Parties ({_shared_favour(shared)}): weakened: {shared.weakened}; "
            f"strengthened: {shared.strengthened}; for review: {shared.review}")


def total_line(shared: SharedFigures) -> str:
    return (f"all findings, whoever they bind: {shared.regressions} regression(s), "
            f"{shared.progress} progress, {shared.to_review} for review")


def standing_lines(standing: PartyStanding) -> list[str]:
    """The per-party block of the terminal and the DOCX: a line per party, then the shared
    obligations and the totals."""
    return [*(party_line(row) for row in standing.parties), shared_line(standing.shared), total_line(standing.shared)]


TABLE_HEADER = ("Party", "Its obligations weakened", "Its obligations strengthened", "Its obligations for review",
                "Findings in its favour", "Findings against it")


def standing_rows(standing: PartyStanding) -> list[tuple[str, ...]]:
    """The per-party table of the HTML and the DOCX, header first, cells in words: a count
    with whom it favours, so a cell read alone still says whose loss it is."""
    rows: list[tuple[str, ...]] = [TABLE_HEADER]
    for row in standing.parties:
        weakened = weakened_words(row).removeprefix("obligations weakened: ")
        strengthened = strengthened_words(row).removeprefix("obligations strengthened: ")
        rows.append((f"{row.name} ({row.code})", weakened, strengthened, str(row.review), str(row.in_favour), str(row.against)))
    shared = standing.shared
    rows.append((f"All the Parties (shared obligations, {_shared_favour(shared)})", str(shared.weakened), str(shared.strengthened),
                 str(shared.review), "–", "–"))
    rows.append((f"All findings, whoever they bind: {shared.regressions} regression(s), {shared.progress} progress, "
                 f"{shared.to_review} for review", "", "", "", "", ""))
    return rows


def standing_document(standing: PartyStanding) -> dict[str, object]:
    """The JSON ``by_party``: the same numbers, named."""
    return {
        "parties": [
            {
                "party": row.code,
                "name": row.name,
                "obligations_weakened": row.weakened,
                "obligations_strengthened": row.strengthened,
                "obligations_for_review": row.review,
                "strengthening_favours": list(row.strengthened_favours),
                "findings_in_favour": row.in_favour,
                "findings_against": row.against,
            }
            for row in standing.parties
        ],
        "shared_obligations": {
            "weakened": standing.shared.weakened,
            "strengthened": standing.shared.strengthened,
            "for_review": standing.shared.review,
        },
        "all_findings": {
            "regressions": standing.shared.regressions,
            "progress": standing.shared.progress,
            "review": standing.shared.to_review,
        },
    }


def comparison_standing(comparison: Comparison) -> PartyStanding:
    """The standing of one comparison, over its negotiation's parties."""
    parties = comparison.negotiation.parties if comparison.negotiation is not None else ()
    return party_standing(comparison.findings, parties)


def verdict_document(standing: PartyStanding) -> list[dict[str, object]]:
    """The JSON ``verdict`` as it always read (a party's own obligations, then "ALL" for
    every finding), now from the same computation."""
    rows: list[dict[str, object]] = [
        {"party": r.code, "regressions": r.weakened, "progress": r.strengthened, "review": r.review} for r in standing.parties]
    shared = standing.shared
    rows.append({"party": "ALL", "regressions": shared.regressions, "progress": shared.progress, "review": shared.to_review})
    return rows
