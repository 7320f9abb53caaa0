"""Library-level use cases the CLI calls: resolve sources, compare, apply policies."""

from __future__ import annotations

from pathlib import Path

from .compare import compare
from .errors import PolicyTripped
from .model import ChangeKind, CompareOptions, Comparison, Direction, Negotiation, NegotiationInfo
from .negotiation import load_negotiation
from .sources import check_same_kind, load_source


def negotiation_info(negotiation: Negotiation) -> NegotiationInfo:
    return NegotiationInfo(
        title=negotiation.title,
        parties=negotiation.parties,
        illustrative=negotiation.illustrative,
        languages=negotiation.languages,
    )


def compare_sources(
    old: str,
    new: str,
    *,
    negotiation_dir: Path | None = None,
    options: CompareOptions | None = None,
    warnings: list[str] | None = None,
) -> Comparison:
    """Load OLD and NEW however they are given and compare them (import warnings into ``warnings``)."""
    check_same_kind(old, new)
    negotiation = load_negotiation(negotiation_dir) if negotiation_dir is not None else None
    old_round = load_source(old, negotiation, warnings=warnings)
    new_round = load_source(new, negotiation, warnings=warnings)
    info = negotiation_info(negotiation) if negotiation is not None else None
    return compare(old_round, new_round, options=options, negotiation=info, lexicon=negotiation.lexicon if negotiation else None)


def check_policy(comparison: Comparison, fail_on: str) -> None:
    """Raise :class:`PolicyTripped` when the comparison shows what ``fail_on`` names."""
    if fail_on == "regression":
        count = sum(1 for f in comparison.findings if f.direction == Direction.REGRESSION)
        if count:
            raise PolicyTripped(f"{count} regression(s) found between {comparison.old.describe()} and {comparison.new.describe()}")
    elif fail_on == "review":
        count = sum(1 for f in comparison.findings if f.direction in (Direction.REGRESSION, Direction.REVIEW))
        if count:
            raise PolicyTripped(f"{count} regression or review finding(s) found")
    elif fail_on == "any-change":
        changed = sum(1 for p in comparison.pairs if ChangeKind.UNCHANGED not in p.kinds)
        if changed:
            raise PolicyTripped(f"{changed} provision(s) changed")
