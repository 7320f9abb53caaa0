"""Split and merged provisions read as one text.

When 3(15) was split into 3(16)–(19), the words of 3(17) are neither added nor a commitment
of their own: they stood in 3(15).  So the analysis compares the group's old texts joined with
its new texts joined, and gives each finding back to the piece its words stand in (its pair,
citation and offsets), so reports mark the right words.  Groups come from the ``split`` and
``merged`` marks that name each other in ``related`` (see :mod:`treatydiff.diff.restructure`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from ..diff.align import article_number
from ..diff.restructure import groups
from ..diff.worddiff import diff_text
from ..model import ChangeKind, ClausePair, Comparison, Finding, Provision, Span

_JOIN = "\n"


def joined_pair(group: Sequence[ClausePair], comparison: Comparison) -> ClausePair:
    """One pair holding the group's old texts joined and its new texts joined."""
    lead = next((p for p in group if p.old is not None and p.new is not None), group[0])
    olds = [p.old for p in group if p.old is not None]
    news = [p.new for p in group if p.new is not None]
    old_text = _JOIN.join(p.text for p in olds)
    new_text = _JOIN.join(p.text for p in news)
    renumbered = {a: b for pair in comparison.pairs if pair.old and pair.new
                  and (a := article_number(pair.old.label)) and (b := article_number(pair.new.label)) and a != b}
    segments = diff_text(old_text, new_text, comparison.options, renumbered=renumbered)
    old = dataclasses.replace(olds[0], text=old_text, paragraphs=()) if olds else None
    new = dataclasses.replace(news[0], text=new_text, paragraphs=()) if news else None
    return dataclasses.replace(lead, old=old, new=new, kinds=(ChangeKind.MODIFIED,), segments=segments, paragraphs=(),
                               old_parent=next((p.old_parent for p in group if p.old is not None), None),
                               new_parent=next((p.new_parent for p in group if p.new is not None), None))


def _locate(pieces: Sequence[ClausePair], side: Callable[[ClausePair], Provision | None], offset: int) -> tuple[ClausePair, int] | None:
    """The piece whose text holds ``offset`` of the joined text, and where it starts."""
    start = 0
    for piece in pieces:
        provision = side(piece)
        if provision is None:
            continue
        end = start + len(provision.text)
        if offset <= end:
            return piece, start
        start = end + len(_JOIN)
    return None


def give_back(finding: Finding, group: Sequence[ClausePair]) -> Finding:
    """``finding`` of the joined pair, on the piece (pair, citation, offsets) its words stand in."""
    changes: dict[str, object] = {}
    home: ClausePair | None = None
    if finding.new_span is not None:
        found = _locate(group, lambda p: p.new, finding.new_span.start)
        if found is not None:
            home, start = found
            length = len(home.new.text) if home.new else 0
            changes["new_span"] = Span(finding.new_span.start - start, min(finding.new_span.end - start, length))
            changes["new_label"] = home.new_citation
    if finding.old_span is not None:
        found = _locate(group, lambda p: p.old, finding.old_span.start)
        if found is not None:
            piece, start = found
            length = len(piece.old.text) if piece.old else 0
            changes["old_span"] = Span(finding.old_span.start - start, min(finding.old_span.end - start, length))
            changes["old_label"] = piece.old_citation
            home = home or piece
    if home is not None:
        changes["pair_key"] = home.key
        if "new_label" not in changes:
            changes["new_label"] = home.new_citation
        if "old_label" not in changes:
            changes["old_label"] = home.old_citation
    return dataclasses.replace(finding, **changes)  # type: ignore[arg-type]


__all__ = ["give_back", "groups", "joined_pair"]
