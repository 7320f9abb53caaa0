"""The concordance table of a comparison: which new provision carries which old one.

UN secretariats make this table by hand for every new iteration of a negotiating text.  Here it
is read off the alignment: one row per correspondence, at every level (articles and their
paragraphs), old citation(s) → new citation(s), with the relation and the similarity.  Every
provision and every paragraph of both drafts stands in exactly one row; added and deleted ones
have an empty other side.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from ..model import ChangeKind, ClausePair, Comparison, holder_label
from .restructure import PLACEHOLDER, groups

# Below this similarity a paired provision keeps its place but little of its wording.
REWRITTEN_BELOW = 0.35


class Relation(StrEnum):
    SAME = "same"
    RENUMBERED = "renumbered"
    MOVED = "moved"
    SPLIT = "split"
    MERGED = "merged"
    REWRITTEN = "rewritten"
    ADDED = "added"
    DELETED = "deleted"


@dataclass(frozen=True)
class ConcordanceRow:
    old: tuple[str, ...]  # citations in the old draft ("Article 3(15)")
    new: tuple[str, ...]
    relation: Relation
    similarity: float

    # How every report writes a row: citations joined, "—" for an empty side, no similarity
    # for an added or deleted provision.
    @property
    def old_cell(self) -> str:
        return " + ".join(self.old) or "—"

    @property
    def new_cell(self) -> str:
        return " + ".join(self.new) or "—"

    @property
    def similarity_cell(self) -> str:
        return f"{self.similarity:.2f}" if self.old and self.new else ""


@dataclass(frozen=True)
class Concordance:
    old_round: str
    new_round: str
    rows: tuple[ConcordanceRow, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "old": self.old_round,
            "new": self.new_round,
            "rows": [{"old": list(r.old), "new": list(r.new), "relation": r.relation.value, "similarity": round(r.similarity, 2)}
                     for r in self.rows],
        }


def _relation(pair: ClausePair) -> Relation:
    kinds = set(pair.kinds)
    if pair.old is None:
        return Relation.ADDED
    if pair.new is None or PLACEHOLDER.match(pair.new.text):
        return Relation.DELETED  # gone, or a "[deleted]" placeholder holding its number
    if ChangeKind.MOVED in kinds:
        return Relation.MOVED
    if pair.similarity < REWRITTEN_BELOW and ChangeKind.MODIFIED in kinds:
        return Relation.REWRITTEN
    if ChangeKind.RENUMBERED in kinds or pair.old_citation != pair.new_citation:
        return Relation.RENUMBERED  # its own number, or its article's ("Article 3(1)" → "Article 4(1)")
    return Relation.SAME


def _walk(comparison: Comparison) -> Iterator[ClausePair]:
    """Every pair at every level, each side knowing what holds it in its own draft (see
    :func:`treatydiff.model.holder_label`, as every report cites it)."""
    old_holders, new_holders = comparison.old_round.holders(), comparison.new_round.holders()
    for article in comparison.pairs:
        yield article
        for paragraph in itertools.islice(article.walk(), 1, None):
            yield dataclasses.replace(
                paragraph,
                old_parent=holder_label(paragraph.old, paragraph.old_parent, old_holders, article.old_label) if paragraph.old else None,
                new_parent=holder_label(paragraph.new, paragraph.new_parent, new_holders, article.new_label) if paragraph.new else None)


def concordance(comparison: Comparison) -> Concordance:
    """The rows, in the new draft's order (deleted provisions where they stood)."""
    # A split or merge is one row, wherever its first piece stands in the new draft's order.
    group_of: dict[str, ConcordanceRow] = {}
    cited = {p.key: p for p in _walk(comparison)}
    # Each side of a row in its own draft's order, whichever piece the grouping met first.
    old_at = {id(p): n for n, p in enumerate(comparison.old_round.walk())}
    new_at = {id(p): n for n, p in enumerate(comparison.new_round.walk())}
    for members in groups(comparison):
        group = [cited.get(p.key, p) for p in members]
        olds = tuple(p.old_citation or "" for p in sorted((p for p in group if p.old is not None), key=lambda p: old_at.get(id(p.old), 0)))
        news = tuple(p.new_citation or "" for p in sorted((p for p in group if p.new is not None), key=lambda p: new_at.get(id(p.new), 0)))
        relation = Relation.MERGED if len(olds) > 1 and len(news) == 1 else Relation.SPLIT
        lead = next((p for p in group if p.old is not None and p.new is not None), group[0])
        row = ConcordanceRow(olds, news, relation, lead.similarity)
        for member in group:
            group_of[member.key] = row
    rows: list[ConcordanceRow] = []
    emitted: set[int] = set()
    for pair in cited.values():
        grouped = group_of.get(pair.key)
        if grouped is not None:
            if id(grouped) not in emitted:
                emitted.add(id(grouped))
                rows.append(grouped)
            continue
        rows.append(ConcordanceRow(
            (pair.old_citation,) if pair.old_citation else (),
            (pair.new_citation,) if pair.new_citation else (),
            _relation(pair), pair.similarity if pair.old is not None and pair.new is not None else 0.0))
    return Concordance(comparison.old_round.name or comparison.old_round.info.label,
                       comparison.new_round.name or comparison.new_round.info.label, tuple(rows))


__all__ = ["Concordance", "ConcordanceRow", "Relation", "concordance"]
