"""The HTML report's view model: everything the templates show, already decided.

Built from a :class:`Comparison` before any template runs, so ``templates/report.html.j2``
only loops, branches and escapes.  CSS classes, labels, anchors, reading order and the inline
marks of findings are all computed here, where they can be unit-tested without a browser.

Reading order: provisions follow the new draft; a deleted provision (and an article that moved
away) is shown where it stood in the old draft, after the provision that preceded it there.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..diff.concordance import Relation, concordance
from ..model import (
    BracketTally,
    ChangeKind,
    ClausePair,
    Comparison,
    Direction,
    Finding,
    Review,
    RoundInfo,
)
from .citations import citations
from .labels import FindingView
from .parties import comparison_standing, standing_rows
from .perspective import perspective_of, perspective_words
from .provision import (
    KIND_LABELS,
    KIND_ORDER,
    ProvisionView,
    ReportContext,
    provision_view,
)
from .redline import (
    DIRECTION_LABELS,
    DIRECTION_ORDER,
    anchor_for,
    code_label,
    reading_order,
)
from .summary import Summary, summarize

# --- view dataclasses -------------------------------------------------------------------


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
    value: int  # articles (top-level provisions), or findings
    css: str
    paragraphs: int | None = None  # the same kind among paragraphs; None for findings


@dataclass(frozen=True)
class TallyView:
    label: str
    old: int
    new: int
    change: str  # "5 closed", "2 opened", "no change"
    css: str


@dataclass(frozen=True)
class PartyTable:
    """The per-party figures as the table shows them (views.parties words them)."""

    header: tuple[str, ...]
    parties: tuple[tuple[str, ...], ...]
    shared: tuple[str, ...]
    total: str


def _party_table(comparison: Comparison) -> PartyTable | None:
    if comparison.negotiation is None or not comparison.negotiation.parties:
        return None
    header, *rows = standing_rows(comparison_standing(comparison))
    return PartyTable(header, tuple(rows[:-2]), rows[-2], rows[-1][0])


@dataclass(frozen=True)
class ConcordanceRowView:
    old: str
    new: str
    relation: str
    similarity: str


@dataclass(frozen=True)
class ConcordanceView:
    """The rows whose correspondence is not "same place, same number"; the others are counted."""

    rows: tuple[ConcordanceRowView, ...]
    unchanged: int


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
    by_party: PartyTable | None
    findings: tuple[FindingView, ...]
    dismissed: tuple[FindingView, ...]  # dismissed on review: shown apart, counted nowhere
    provisions: tuple[ProvisionView, ...]
    toc: tuple[TocEntry, ...]
    initial_view: str  # "inline" or "sbs"
    headline: str  # one sentence under the title
    concordance: ConcordanceView



# --- building the report ----------------------------------------------------------------


def _party_names(comparison: Comparison) -> dict[str, str]:
    names = {"ALL": "The treaty as a whole"}
    if comparison.negotiation is not None:
        names.update({p.code: p.name for p in comparison.negotiation.parties})
        names.update({a.code: f"{a.name} ({a.role}, not a party)" for a in comparison.negotiation.authors})
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


@dataclass(frozen=True)
class FindingNotes:
    """What a command adds to the findings: ids, the ``--as`` party, the review decisions."""

    ids: tuple[str, ...]  # of comparison.findings, in order
    perspective: str | None = None
    reviews: tuple[tuple[str, Review], ...] = ()


def _notes(notes: FindingNotes | None, finding_id: str, finding: Finding, comparison: Comparison) -> dict[str, str]:
    if notes is None:
        return {}
    extra = {"finding_id": finding_id}
    if notes.perspective is not None:
        parties = comparison.negotiation.parties if comparison.negotiation is not None else ()
        view = perspective_of(finding, notes.perspective, parties)
        extra.update(effect=view.effect, perspective=perspective_words(view))
    review = next((r for k, r in notes.reviews if k == finding_id), None)
    if review is not None:
        extra["review"] = f"{review.decision.capitalize()} on review: {review.note}"
    return extra


def _finding_view(number: int, finding: Finding, ctx: ReportContext, labels: dict[str, str], names: dict[str, str],
                  extra: dict[str, str] | None = None) -> FindingView:
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
        **(extra or {}),
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


def _change_stats(summary: Summary) -> tuple[Stat, ...]:
    stats = []
    for kind in KIND_ORDER:
        value, paragraphs = summary.articles.count(kind), summary.paragraphs.count(kind)
        zero = "" if value or paragraphs else " zero"
        stats.append(Stat(kind.value, KIND_LABELS[kind], value, f"stat kind-{kind.value}{zero}", paragraphs))
    return tuple(stats)


def _concordance(comparison: Comparison) -> ConcordanceView:
    rows = concordance(comparison).rows
    shown = tuple(
        ConcordanceRowView(r.old_cell, r.new_cell, r.relation.value, r.similarity_cell)
        for r in rows if r.relation != Relation.SAME)
    return ConcordanceView(shown, len(rows) - len(shown))


def build_report(comparison: Comparison, *, side_by_side: bool = False, generator: str = "treatydiff",
                 notes: FindingNotes | None = None, dismissed_findings: tuple[tuple[str, Finding], ...] = ()) -> ReportView:
    """The whole report as data; the template only lays it out."""
    old_ids = [p.id for p in comparison.old_round.provisions]
    ordered = reading_order(comparison.pairs, old_ids)
    order: dict[str, int] = {}
    for article, _stub in ordered:
        for pair in article.walk():
            order.setdefault(pair.key, len(order))
    labels = citations(comparison)  # each side cited from its own draft
    numbered = _ordered_findings(comparison, order)
    ctx = ReportContext(comparison, numbered)
    names = _party_names(comparison)
    views = [(provision_view(pair, stub, ctx, is_article=True), pair) for pair, stub in ordered]
    by_object = {id(f): k for f, k in zip(comparison.findings, notes.ids, strict=True)} if notes is not None else {}
    findings = tuple(_finding_view(n, f, ctx, labels, names, _notes(notes, by_object.get(id(f), ""), f, comparison)) for n, f in numbered)
    dismissed = tuple(_finding_view(0, f, ctx, labels, names, _notes(notes, k, f, comparison)) for k, f in (dismissed_findings or ()))
    summary = summarize(comparison)
    counts = {d: summary.findings_of(d) for d in DIRECTION_ORDER}
    negotiation = comparison.negotiation
    title = (negotiation.title if negotiation else "") or comparison.new.title or "Comparison of two drafts"
    renumbered = summary.articles.renumbered_only
    headline = (
        f"{summary.articles.changed} of {summary.articles.pairs} provisions changed"
        + (f" ({renumbered} more only renumbered)" if renumbered else "") + "; "
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
        change_stats=_change_stats(summary),
        finding_stats=tuple(
            Stat(d.value, DIRECTION_LABELS[d], counts[d], f"stat {d.value}" + ("" if counts[d] else " zero"))
            for d in DIRECTION_ORDER
        ),
        tallies=_tallies(comparison.old_brackets, comparison.new_brackets),
        by_party=_party_table(comparison),
        findings=findings,
        dismissed=dismissed,
        provisions=tuple(view for view, _ in views),
        toc=tuple(_toc_entry(view, pair) for view, pair in views),
        initial_view="sbs" if side_by_side else "inline",
        headline=headline,
        concordance=_concordance(comparison),
    )
