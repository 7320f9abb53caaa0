"""How a finding cites its provision, in every report: from the draft it stands in.

A paragraph is cited with its article ("Article 6(4)"), and the article and paragraph are of
the same draft: a deleted paragraph is cited by its old article, never by the new article
number that now holds another paragraph.  When the two drafts cite it differently the citation
says so: ``Article 6(4) → Article 9(4)`` for a renumbered or moved provision, ``old Article
6(4)`` for a deleted one whose citation names another provision in the new draft (and ``new
…`` for an added one whose citation named another in the old).
"""

from __future__ import annotations

from ..model import Comparison, Provision, cite, holder_label


def _cited(provision: Provision, parent: str | None, holders: dict[str, str | None], fallback: str | None) -> str:
    return cite(holder_label(provision, parent, holders, fallback), provision.label)


def citations(comparison: Comparison) -> dict[str, str]:
    """Pair key → how the reports cite it."""
    sides: list[tuple[str, str | None, str | None]] = []
    olds: set[str] = set()
    news: set[str] = set()
    old_holders, new_holders = comparison.old_round.holders(), comparison.new_round.holders()
    for article in comparison.pairs:
        for pair in article.walk():
            old = new = None
            if pair.old is not None:
                old = pair.old.label if pair is article else _cited(pair.old, pair.old_parent, old_holders, article.old_label)
            if pair.new is not None:
                new = pair.new.label if pair is article else _cited(pair.new, pair.new_parent, new_holders, article.new_label)
            sides.append((pair.key, old, new))
            if old:
                olds.add(old)
            if new:
                news.add(new)
    out: dict[str, str] = {}
    for key, old, new in sides:
        if old and new:
            out[key] = old if old == new else f"{old} → {new}"
        elif old:
            out[key] = f"old {old}" if old in news else old
        elif new:
            out[key] = f"new {new}" if new in olds else new
        else:  # pragma: no cover - a pair has a side
            out[key] = key
    return out
