"""The HTML report's view model: everything the templates show, already decided.

Built from a :class:`Comparison` before any template runs, so ``templates/report.html.j2``
only loops, branches and escapes.  CSS classes, labels, anchors, reading order and the inline
marks of findings are all computed here, where they can be unit-tested without a browser.

Reading order: provisions follow the new draft; a deleted provision (and an article that moved
away) is shown where it stood in the old draft, after the provision that preceded it there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ..model import (
    AgreementStatus,
    BracketTally,
    ChangeKind,
    ClausePair,
    Comparison,
    Direction,
    Finding,
    Op,
    PartyVerdict,
    RoundInfo,
    cite,
)
from .labels import STATUS_LABELS, FindingView
from .redline import (
    DIRECTION_LABELS,
    DIRECTION_ORDER,
    MarkLedger,
    Run,
    Target,
    anchor_for,
    code_label,
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


@dataclass(frozen=True)
class TocEntry:
    href: str
    label: str
    heading: str
    css: str
    changed: bool
    regression: bool
    badge: str


@dataclass(frozen=True)
class RoundView:
    role: str  # "Old draft" / "New draft"
    css: str
    label: str
    party: str
    date: str
    title: str
    name: str


@dataclass(frozen=True)
class Stat:
    key: str
    label: str
    value: int
    css: str


@dataclass(frozen=True)
class TallyView:
    label: str
    old: int
    new: int
    change: str  # "5 closed", "2 opened", "no change"
    css: str


@dataclass(frozen=True)
class VerdictView:
    party: str
    regressions: int
    progress: int
    review: int
    css: str
    balance: str  # in words, so the table reads the same in greyscale


@dataclass(frozen=True)
class ReportView:
    lang: str
    page_title: str
    title: str
    generator: str
    illustrative: bool
    old: RoundView
    new: RoundView
    change_stats: tuple[Stat, ...]
    finding_stats: tuple[Stat, ...]
    tallies: tuple[TallyView, ...]
    verdicts: tuple[VerdictView, ...]
    findings: tuple[FindingView, ...]
    provisions: tuple[ProvisionView, ...]
    toc: tuple[TocEntry, ...]
    initial_view: str  # "inline" or "sbs"
    headline: str  # one sentence under the title


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


class _Context:
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


def _label(pair: ClausePair) -> str:
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
    return any(s.op != Op.EQUAL and not s.ignorable for p in pair.walk() for s in (*p.segments, *p.heading_segments))


def _crossed(paragraph: ClausePair, article_old_label: str | None) -> bool:
    """Did this paragraph come from another article?  (The aligner may set ``old_parent`` on
    every paragraph; only one that differs from its article's old label has moved across.)"""
    return bool(paragraph.old_parent) and paragraph.old_parent != article_old_label


def _notes(pair: ClausePair, stub: bool, ctx: _Context, is_article: bool, parent_old_label: str | None) -> list[Note]:
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
def _kind_badges_for(kinds: tuple[ChangeKind, ...]) -> tuple[Badge, ...]:
    return tuple(Badge(f"kind kind-{k.value}", KIND_LABELS[k]) for k in KIND_ORDER if k in kinds)


@cache
def _kinds_css(kinds: tuple[ChangeKind, ...]) -> str:
    return " ".join(f"kind-{k.value}" for k in KIND_ORDER if k in kinds)


def _kind_badges(pair: ClausePair, stub: bool) -> list[Badge]:
    if stub:
        return [Badge("kind kind-moved", "Moved away")]
    return list(_kind_badges_for(pair.kinds))


def _provision(pair: ClausePair, stub: bool, ctx: _Context, *, is_article: bool, parent_old_label: str | None = None) -> ProvisionView:
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
                _provision(child, child_stub, ctx, is_article=False, parent_old_label=pair.old_label)
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
    )


def _party_names(comparison: Comparison) -> dict[str, str]:
    names = {"ALL": "The treaty as a whole"}
    if comparison.negotiation is not None:
        names.update({p.code: p.name for p in comparison.negotiation.parties})
    return names


def _round_view(info: RoundInfo, role: str, names: dict[str, str], name: str) -> RoundView:
    party = names.get(info.party, info.party) if info.party else ""
    return RoundView(role=role, css=role.split()[0].lower(), label=info.label, party=party or "",
                     date=info.date or "", title=info.title or "", name=name)


def _tally(label: str, old: int, new: int, closed_word: str, opened_word: str) -> TallyView:
    delta = new - old
    if delta < 0:
        return TallyView(label, old, new, f"{-delta} {closed_word}", "better")
    if delta > 0:
        return TallyView(label, old, new, f"{delta} {opened_word}", "worse")
    return TallyView(label, old, new, "no change", "even")


def _tallies(old: BracketTally, new: BracketTally) -> tuple[TallyView, ...]:
    return (
        _tally("Brackets", old.brackets, new.brackets, "closed", "opened"),
        _tally("Options", old.options, new.options, "resolved", "added"),
    )


def _span_start(finding: Finding) -> int:
    span = finding.new_span or finding.old_span
    return span.start if span is not None else -1


def _verdict(verdict: PartyVerdict, names: dict[str, str]) -> VerdictView:
    net = verdict.progress - verdict.regressions
    css, balance = ("better", f"+{net} gained") if net > 0 else (("worse", f"{net} lost") if net < 0 else ("even", "even"))
    return VerdictView(names.get(verdict.party, verdict.party), verdict.regressions, verdict.progress, verdict.review, css, balance)


def _ordered_findings(comparison: Comparison, order: dict[str, int]) -> list[tuple[int, Finding]]:
    """Regressions first, then review, then progress; each group in reading order."""
    rank = {d: n for n, d in enumerate(DIRECTION_ORDER)}
    keyed = sorted(
        enumerate(comparison.findings),
        key=lambda item: (
            rank[item[1].direction],
            order.get(item[1].pair_key, len(order)),
            _span_start(item[1]),
            item[0],
        ),
    )
    return [(n, finding) for n, (_, finding) in enumerate(keyed, 1)]


def _finding_view(number: int, finding: Finding, ctx: _Context, labels: dict[str, str], names: dict[str, str]) -> FindingView:
    anchor = f"finding-{number}" if number in ctx.ledger.marked else anchor_for(finding.pair_key)
    return FindingView(
        code=finding.code,
        number=number,
        href=f"#{anchor}",
        css=f"finding-item {finding.direction.value}",
        direction=finding.direction.value,
        direction_label=DIRECTION_LABELS[finding.direction],
        code_label=code_label(finding.code),
        provision=labels.get(finding.pair_key) or finding.new_label or finding.old_label or finding.pair_key,
        old_words=finding.old_words,
        new_words=finding.new_words,
        explanation=finding.explanation,
        obligated=", ".join(names.get(c, c) for c in finding.obligated),
        favours=", ".join(names.get(c, c) for c in finding.favours),
        rule=finding.rule,
    )


def _toc_entry(view: ProvisionView, pair: ClausePair) -> TocEntry:
    provision = pair.new or pair.old
    changed_kinds = [k for k in KIND_ORDER if k in pair.kinds and k != ChangeKind.UNCHANGED]
    badge = "Moved away" if view.stub else (KIND_LABELS[changed_kinds[0]] if changed_kinds else "")
    return TocEntry(
        href=f"#{view.anchor}",
        label=view.label if not view.label_old else f"{view.label_old} → {view.label_new}",
        heading=(provision.heading or "") if provision and not view.stub else "",
        css=view.css.replace("provision article", "toc-entry"),
        changed=view.changed,
        regression=view.regression,
        badge=badge,
    )


def _change_stats(pairs: Sequence[ClausePair]) -> tuple[Stat, ...]:
    stats = []
    for kind in KIND_ORDER:
        value = sum(1 for p in pairs if kind in p.kinds)
        stats.append(Stat(kind.value, KIND_LABELS[kind], value, f"stat kind-{kind.value}" + ("" if value else " zero")))
    return tuple(stats)


def build_report(comparison: Comparison, *, side_by_side: bool = False, generator: str = "treatydiff") -> ReportView:
    """The whole report as data; the template only lays it out."""
    old_ids = [p.id for p in comparison.old_round.provisions]
    ordered = reading_order(comparison.pairs, old_ids)
    order: dict[str, int] = {}
    labels: dict[str, str] = {}
    for article, _stub in ordered:
        for pair in article.walk():
            order.setdefault(pair.key, len(order))
            labels.setdefault(pair.key, _label(pair) if pair is article else cite(_label(article), _label(pair)))
    numbered = _ordered_findings(comparison, order)
    ctx = _Context(comparison, numbered)
    names = _party_names(comparison)
    views = [(_provision(pair, stub, ctx, is_article=True), pair) for pair, stub in ordered]
    findings = tuple(_finding_view(n, f, ctx, labels, names) for n, f in numbered)
    counts = {d: sum(1 for _, f in numbered if f.direction == d) for d in DIRECTION_ORDER}
    negotiation = comparison.negotiation
    title = (negotiation.title if negotiation else "") or comparison.new.title or "Comparison of two drafts"
    changed = sum(1 for p in comparison.pairs if p.changed)
    headline = (
        f"{changed} of {len(comparison.pairs)} provisions changed; "
        f"{counts[Direction.REGRESSION]} regression(s), {counts[Direction.PROGRESS]} progress, "
        f"{counts[Direction.REVIEW]} for review."
    )
    lang = comparison.new.language or (negotiation.languages[0] if negotiation and negotiation.languages else "en")
    return ReportView(
        lang=lang,
        page_title=f"{title}: {comparison.old.label} → {comparison.new.label}",
        title=title,
        generator=generator,
        illustrative=bool(negotiation and negotiation.illustrative),
        old=_round_view(comparison.old, "Old draft", names, comparison.old_round.name),
        new=_round_view(comparison.new, "New draft", names, comparison.new_round.name),
        change_stats=_change_stats(comparison.pairs),
        finding_stats=tuple(
            Stat(d.value, DIRECTION_LABELS[d], counts[d], f"stat {d.value}" + ("" if counts[d] else " zero"))
            for d in DIRECTION_ORDER
        ),
        tallies=_tallies(comparison.old_brackets, comparison.new_brackets),
        verdicts=tuple(_verdict(v, names) for v in comparison.verdict),
        findings=findings,
        provisions=tuple(view for view, _ in views),
        toc=tuple(_toc_entry(view, pair) for view, pair in views),
        initial_view="sbs" if side_by_side else "inline",
        headline=headline,
    )
