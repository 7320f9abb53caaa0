"""An article re-granulated: its paragraphs became its own text, or its text its paragraphs.

Paris 9 → 12 Dec: Article 2bis held its text in paragraphs (options), Article 3 holds it as
one unnumbered text.  The articles are paired; the paragraph that became the text is then one
"deleted" paragraph beside an article whose text is all "added", and no other unit exists for
either to be paired with.  So when one side of a paired article has no text of its own and the
other side no paragraphs at all, the text came from (went into) the paragraph that is its clear
best match by content words: that paragraph is merged into (split from) the article.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import ChangeKind, ClausePair
from .restructure import REPAIR_MARGIN, REPAIR_WORDS, _content, _dice, _grouped, _mark


def _one_sided(pair: ClausePair, old_side: bool) -> bool:
    return (pair.old is not None and pair.new is None) if old_side else (pair.new is not None and pair.old is None)


def _best(text: str, pieces: Sequence[ClausePair], old_side: bool) -> ClausePair | None:
    """The piece whose content words are clearly the closest to ``text``'s."""
    words = _content(text)
    scored = sorted(((_dice(words, _content((p.old if old_side else p.new).text)), n) for n, p in enumerate(pieces)  # type: ignore[union-attr]
                     ), key=lambda s: (-s[0], s[1]))
    if not scored or scored[0][0] < REPAIR_WORDS or (len(scored) > 1 and scored[0][0] < REPAIR_MARGIN * scored[1][0]):
        return None
    return pieces[scored[0][1]]


def recut(pairs: tuple[ClausePair, ...]) -> tuple[ClausePair, ...]:
    """``pairs`` with each re-granulated article's paragraph marked merged into it (or split from it)."""
    marks: dict[str, tuple[ChangeKind, list[str]]] = {}
    for article in pairs:
        old, new = article.old, article.new
        if old is None or new is None or _grouped(article) or not article.paragraphs:
            continue
        for old_side in (True, False):
            bare, full = (old, new) if old_side else (new, old)
            if bare.text.strip() or not full.text.strip() or full.paragraphs:
                continue
            # Every paragraph one-sided: the bare side's paragraphs went nowhere else.
            if not all(_one_sided(p, old_side) and not _grouped(p) for p in article.paragraphs):
                continue
            piece = _best(full.text, article.paragraphs, old_side)
            if piece is None:
                continue
            kind = ChangeKind.MERGED if old_side else ChangeKind.SPLIT
            piece_name = piece.old_citation if old_side else piece.new_citation
            host_name = article.old_citation if old_side else article.new_citation
            marks[article.key] = (kind, [piece_name or ""])
            marks[piece.key] = (kind, [host_name or ""])
    if not marks:
        return pairs
    return tuple(_mark(p, marks) for p in pairs)


__all__ = ["recut"]
