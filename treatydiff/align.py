"""Provision alignment between two rounds (placeholder: stable ids only).

To be replaced by the full aligner: id, then content similarity, then label; renumbered,
moved, split and merged provisions; paragraph-level alignment across articles.
"""

from __future__ import annotations

from .model import ChangeKind, ClausePair, CompareOptions, Provision, Round
from .worddiff import diff_text, has_substantive_change


def _pair(key: str, old: Provision | None, new: Provision | None, options: CompareOptions) -> ClausePair:
    segments = diff_text(old.text if old else "", new.text if new else "", options)
    heading = diff_text((old.heading or "") if old else "", (new.heading or "") if new else "", options)
    kinds: list[ChangeKind] = []
    if old is None:
        kinds.append(ChangeKind.ADDED)
    elif new is None:
        kinds.append(ChangeKind.DELETED)
    else:
        if old.label != new.label:
            kinds.append(ChangeKind.RENUMBERED)
        if has_substantive_change(segments) or has_substantive_change(heading):
            kinds.append(ChangeKind.MODIFIED)
    paragraphs: list[ClausePair] = []
    if old is not None or new is not None:
        olds = {p.id: p for p in old.paragraphs} if old else {}
        news = {p.id: p for p in new.paragraphs} if new else {}
        order = [p.id for p in (new.paragraphs if new else ())] + [
            p.id for p in (old.paragraphs if old else ()) if p.id not in news
        ]
        for n, pid in enumerate(order, 1):
            child = _pair(f"{key}.{n}", olds.get(pid), news.get(pid), options)
            paragraphs.append(child)
            if old is not None and new is not None and child.changed and ChangeKind.MODIFIED not in kinds:
                kinds.append(ChangeKind.MODIFIED)
    if not kinds:
        kinds.append(ChangeKind.UNCHANGED)
    return ClausePair(key=key, old=old, new=new, kinds=tuple(kinds), similarity=1.0 if kinds == [ChangeKind.UNCHANGED] else 0.0,
                      segments=segments, heading_segments=heading, paragraphs=tuple(paragraphs))


def align_rounds(old: Round, new: Round, options: CompareOptions) -> tuple[ClausePair, ...]:
    olds = {p.id: p for p in old.provisions}
    news = {p.id: p for p in new.provisions}
    order = [p.id for p in new.provisions] + [p.id for p in old.provisions if p.id not in news]
    return tuple(_pair(f"p{n}", olds.get(pid), news.get(pid), options) for n, pid in enumerate(order, 1))
