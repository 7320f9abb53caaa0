"""The compare report's provisions: each aligned pair as the redline shows it (label, badges,
notes, the runs of its heading and text with findings' marks), paragraphs inside articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ..model import (
    AgreementStatus,
    ChangeKind,
    ClausePair,
    Comparison,
    Direction,
    Finding,
    Op,
)
from .labels import STATUS_LABELS
from .redline import (
    DIRECTION_LABELS,
    DIRECTION_ORDER,
    MarkLedger,
    Run,
    Target,
    anchor_for,
    piece,
    reading_order,
    redline_runs,
)

# --- view dataclasses -------------------------------------------------------------------


@dataclass(frozen=True)
class Badge:
    css: str
    text: str
    title: str = ""


@dataclass(frozen=True)
class Link:
    href: str
    text: str


@dataclass(frozen=True)
class Note:
    """A sentence with links in it: ``text`` then each link, comma-separated."""

    css: str
    text: str
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class ProvisionView:
    anchor: str
    css: str
    is_article: bool
    changed: bool  # filter "changed only"
    regression: bool  # filter "regressions only"
    label: str  # what the reader sees: "Article 4", or "Article 3 → Article 4" when renumbered
    label_old: str  # for the renumbered arrow; "" when not renumbered
    label_new: str
    aria_label: str
    heading: tuple[Run, ...]
    badges: tuple[Badge, ...]
    notes: tuple[Note, ...]
    text: tuple[Run, ...]
    paragraphs: tuple[ProvisionView, ...]
    stub: bool = False  # a marker where a provision stood before it moved away
    footnotes: tuple[Run, ...] = ()  # the footnotes and endnotes, redlined like the text


# --- vocabulary -------------------------------------------------------------------------

KIND_ORDER = (
    ChangeKind.UNCHANGED, ChangeKind.MODIFIED, ChangeKind.ADDED, ChangeKind.DELETED,
    ChangeKind.MOVED, ChangeKind.RENUMBERED, ChangeKind.SPLIT, ChangeKind.MERGED,
)
KIND_LABELS = {
    ChangeKind.UNCHANGED: "Unchanged", ChangeKind.MODIFIED: "Modified", ChangeKind.ADDED: "Added",
    ChangeKind.DELETED: "Deleted", ChangeKind.MOVED: "Moved", ChangeKind.RENUMBERED: "Renumbered",
    ChangeKind.SPLIT: "Split", ChangeKind.MERGED: "Merged",
}
# --- building the report ----------------------------------------------------------------


class ReportContext:
    """What every provision view needs to know about the rest of the comparison."""

    def __init__(self, comparison: Comparison, numbered: Sequence[tuple[int, Finding]]) -> None:
        self.ledger = MarkLedger()
        self.targets: dict[str, list[Target]] = {}
        for number, finding in numbered:
            self.targets.setdefault(finding.pair_key, []).append(Target(number, finding))
        self.by_new_label: dict[str, str] = {}
        self.by_old_label: dict[str, str] = {}
        self.regression_keys = {f.pair_key for _, f in numbered if f.direction == Direction.REGRESSION}
        # Paragraphs that moved to another article leave a marker in the one they left.
        self.moved_away: dict[str, list[ClausePair]] = {}
        for article in comparison.pairs:
            for pair in (article, *article.paragraphs):
                if pair.new is not None:
                    self.by_new_label.setdefault(pair.new.label, anchor_for(pair.key))
                if pair.old is not None:
                    self.by_old_label.setdefault(pair.old.label, anchor_for(pair.key))
            for paragraph in article.paragraphs:
                if paragraph.old is not None and paragraph.old_parent and _crossed(paragraph, article.old_label):
                    self.moved_away.setdefault(paragraph.old_parent, []).append(paragraph)

    def link(self, label: str, *, prefer_old: bool = False) -> Link:
        first, second = (self.by_old_label, self.by_new_label) if prefer_old else (self.by_new_label, self.by_old_label)
        anchor = first.get(label) or second.get(label)
        return Link(f"#{anchor}" if anchor else "", label)

    def has_regression(self, pair: ClausePair) -> bool:
        keys = self.regression_keys
        if pair.key in keys:
            return True
        return bool(pair.paragraphs) and any(p.key in keys for p in pair.walk())


def pair_label(pair: ClausePair) -> str:
    provision = pair.new or pair.old
    return provision.label if provision else pair.key


def _heading_runs(pair: ClausePair, ledger: MarkLedger) -> tuple[Run, ...]:
    if pair.heading_segments:
        return redline_runs(pair.heading_segments, (), ledger)
    provision = pair.new or pair.old
    if provision is None or not provision.heading:
        return ()
    op = Op.EQUAL if pair.new is not None and pair.old is not None else (Op.INSERT if pair.old is None else Op.DELETE)
    return (Run((piece(op, False, provision.heading),)),)


@cache
def _status_badge(old: AgreementStatus | None, new: AgreementStatus | None) -> Badge | None:
    if old is None and new is None:
        return None
    if old == new or old is None or new is None:
        status = new or old
        assert status is not None
        return Badge(f"status status-{status.value}", STATUS_LABELS[status], "Agreement status")
    return Badge(f"status status-{new.value}", f"{STATUS_LABELS[old]} → {STATUS_LABELS[new]}", "Agreement status, old → new")


def _status_badges(pair: ClausePair) -> list[Badge]:
    old = pair.old.status if pair.old else None
    new = pair.new.status if pair.new else None
    badge = _status_badge(old, new)  # a handful of distinct badges: made once each
    if badge is None:
        return []
    badges = [badge]
    if old is not None and old.is_agreed and pair.old is not None and pair.new is not None and _text_changed(pair):
        badges.append(Badge("alarm reopened", "Agreed text reopened", "This provision was agreed and has changed"))
    return badges


def _text_changed(pair: ClausePair) -> bool:
    return any(s.op != Op.EQUAL and not s.ignorable for p in pair.walk() for s in (*p.segments, *p.heading_segments, *p.notes_segments))


def _crossed(paragraph: ClausePair, article_old_label: str | None) -> bool:
    """Did this paragraph come from another article?  (The aligner may set ``old_parent`` on
    every paragraph; only one that differs from its article's old label has moved across.)"""
    return bool(paragraph.old_parent) and paragraph.old_parent != article_old_label


def _notes(pair: ClausePair, stub: bool, ctx: ReportContext, is_article: bool, parent_old_label: str | None) -> list[Note]:
    anchor = anchor_for(pair.key)
    notes: list[Note] = []
    if stub:
        where = pair.new_parent if pair.new_parent and not is_article else None
        text = f"{pair.old_label} moved away; it is now" + (f" in {where} as" if where else "")
        notes.append(Note("moved", text, (Link(f"#{anchor}", pair.new_label or ""),)))
        return notes
    crossed = not is_article and _crossed(pair, parent_old_label)
    if (ChangeKind.MOVED in pair.kinds or crossed) and pair.old is not None:
        if crossed and pair.old_parent:
            notes.append(Note("moved", f"Moved here from {pair.old_parent}:", (ctx.link(pair.old_parent, prefer_old=True),)))
        else:
            notes.append(Note("moved", "Moved from its place in the old draft:", (Link(f"#from-{anchor}", f"where {pair.old.label} stood"),)))
    related = tuple(ctx.link(label, prefer_old=pair.new is None) for label in pair.related) if pair.related else ()
    if ChangeKind.SPLIT in pair.kinds and related:
        text = "Split: the rest of this text is now in" if pair.old is not None else "Split off from"
        notes.append(Note("split", text, related))
    if ChangeKind.MERGED in pair.kinds and related:
        text = "Merged with" if pair.new is not None else "Merged into"
        notes.append(Note("merged", text, related))
    return notes


@cache
def kind_badges_for(kinds: tuple[ChangeKind, ...]) -> tuple[Badge, ...]:
    return tuple(Badge(f"kind kind-{k.value}", KIND_LABELS[k]) for k in KIND_ORDER if k in kinds)


@cache
def _kinds_css(kinds: tuple[ChangeKind, ...]) -> str:
    return " ".join(f"kind-{k.value}" for k in KIND_ORDER if k in kinds)


def _kind_badges(pair: ClausePair, stub: bool) -> list[Badge]:
    if stub:
        return [Badge("kind kind-moved", "Moved away")]
    return list(kind_badges_for(pair.kinds))


def provision_view(pair: ClausePair, stub: bool, ctx: ReportContext, *, is_article: bool, parent_old_label: str | None = None) -> ProvisionView:
    anchor = ("from-" if stub else "") + anchor_for(pair.key)
    old_label = pair.old.label if pair.old else ""
    new_label = pair.new.label if pair.new else ""
    renumbered = bool(old_label and new_label and old_label != new_label and not stub)
    label = old_label if stub else (new_label or old_label)
    aria = f"{old_label}, renumbered {new_label}" if renumbered else label
    found = ctx.targets.get(pair.key)
    targets = sorted(found, key=lambda t: t.number) if found else ()
    badges = _kind_badges(pair, stub)
    if not is_article and not pair.changed:
        badges = []  # an unchanged paragraph needs no badge: the article says it
    if not stub:
        badges.extend(_status_badges(pair))
        if targets:  # most provisions have no finding: skip the counting
            counts = [(d, sum(1 for t in targets if t.finding.direction == d)) for d in DIRECTION_ORDER]
            badges.extend(Badge(f"count {d.value}", f"{n} {DIRECTION_LABELS[d].lower()}") for d, n in counts if n)
    paragraphs: tuple[ProvisionView, ...] = ()
    if not stub:
        old_ids = [p.id for p in pair.old.paragraphs] if pair.old else []
        foreign = ctx.moved_away.get(old_label, []) if is_article and old_label else []
        if pair.paragraphs or foreign:
            paragraphs = tuple(
                provision_view(child, child_stub, ctx, is_article=False, parent_old_label=pair.old_label)
                for child, child_stub in reading_order(pair.paragraphs, old_ids, foreign)
            )
    kinds_css = _kinds_css(pair.kinds)
    provision = pair.new or pair.old
    regression = not stub and bool(ctx.regression_keys) and ctx.has_regression(pair)
    parts = ["provision", "article" if is_article else "paragraph"]
    if is_article and provision is not None:
        parts.append(f"pk-{provision.kind.value}")
    if stub or kinds_css:
        parts.append("stub" if stub else kinds_css)
    if regression:
        parts.append("has-regression")
    css = " ".join(parts)
    heading = () if stub else _heading_runs(pair, ctx.ledger)
    text = () if stub else redline_runs(pair.segments, targets, ctx.ledger)
    footnotes = () if stub or not pair.notes_segments else redline_runs(pair.notes_segments, (), ctx.ledger)
    return ProvisionView(
        anchor=anchor,
        css=css,
        is_article=is_article,
        changed=stub or pair.changed,
        regression=regression,
        label=label,
        label_old=old_label if renumbered else "",
        label_new=new_label if renumbered else "",
        aria_label=aria,
        heading=heading,
        badges=tuple(badges),
        notes=tuple(_notes(pair, stub, ctx, is_article, parent_old_label)),
        text=text,
        paragraphs=paragraphs,
        stub=stub,
        footnotes=footnotes,
    )


