"""Use cases of whose side a finding is on and what the readers decided about it:
``--as PARTY`` (the perspective) and ``treatydiff review`` (decisions in ``reviews.yaml``).

Like :mod:`treatydiff.usecases`, these read the negotiation folder and return data for the CLI
to print; the pure parts (ids, perspective) live in :mod:`treatydiff.views.perspective`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Location, UsageError
from .formats.negotiation import CONFIG_NAME, read_config
from .formats.reviews import DECISIONS, read_reviews, write_reviews
from .model import Comparison, Party, Review
from .views.perspective import apply_reviews, finding_ids

if TYPE_CHECKING:
    from .render import RenderOptions


def resolve_perspective(folder: Path | None, as_party: str | None) -> str | None:
    """``--as PARTY``, else the negotiation's ``perspective:``; refused unless a party."""
    if folder is None:
        if as_party is not None:
            raise UsageError(f"--as {as_party} needs a negotiation: its parties say who {as_party} is",
                             fix="add --negotiation FOLDER, or leave out --as")
        return None
    config = read_config(folder)
    party = as_party if as_party is not None else config.perspective
    if party is not None:
        check_party(party, config.parties, folder)
    return party


def check_party(party: str, parties: Sequence[Party], folder: Path) -> None:
    codes = [p.code for p in parties]
    if party not in codes:
        raise UsageError(f"--as {party!r} is not one of the parties ({', '.join(codes) or 'none listed'})",
                         location=Location(folder / CONFIG_NAME), fix="give the code of a party listed under `parties:`")


def review_finding(folder: Path, finding: str, decision: str, note: str) -> str:
    """Record ``decision`` on the finding whose id is (or starts with) ``finding``; the line to print."""
    from .usecases_timeline import on_timeline

    if decision not in DECISIONS:  # pragma: no cover - the CLI offers only these
        raise UsageError(f"unknown decision {decision!r}", fix="use --confirm or --dismiss")
    if not note.strip():
        raise UsageError("a review decision needs a reason", fix='give it in words, e.g. --dismiss "the qualifier moved to Article 7(4)"')
    reviews = read_reviews(folder)  # a bad reviews.yaml is reported before any work
    where: dict[str, str] = {}
    for comparison in on_timeline(folder, lambda timeline: timeline.comparisons):
        for finding_id in finding_ids(comparison):
            where.setdefault(finding_id, f"{comparison.old_round.name} → {comparison.new_round.name}")
    matches = [k for k in where if k == finding] or [k for k in where if k.startswith(finding)]
    if not matches:
        raise UsageError(f"no finding {finding!r} in this negotiation", location=Location(folder),
                         fix="copy an `id` from `treatydiff compare --negotiation … -f json` or from the report")
    if len(matches) > 1:
        raise UsageError(f"{finding!r} names {len(matches)} findings ({', '.join(sorted(matches)[:3])} …)", fix="give the whole id")
    (found,) = matches
    reviews[found] = Review(decision, " ".join(note.split()))
    path = write_reviews(folder, reviews)
    return f"{decision} {found} ({where[found]}) in {path}: {reviews[found].note}"


def reviewed_comparison(comparison: Comparison, folder: Path | None, perspective: str | None,
                        options: RenderOptions | None) -> tuple[Comparison, RenderOptions]:
    """The comparison as a command renders it: its dismissed findings set apart (when it belongs
    to a negotiation folder), and the render options that show decisions and perspective."""
    from .render import RenderOptions

    if folder is None:
        return comparison, replace(options if options is not None else RenderOptions(), perspective=perspective)
    reviewed = apply_reviews(comparison, read_reviews(folder))
    base = options if options is not None else RenderOptions()
    return reviewed.kept, replace(base, ids=reviewed.ids, reviews=reviewed.reviews, dismissed=reviewed.dismissed, perspective=perspective)
