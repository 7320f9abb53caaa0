"""View models for the negotiation report, clause histories and the synopsis table.

Everything a template needs is computed here: CSS classes, labels, links, redline fragments
and the geometry of the inline-SVG charts, so the templates only loop, branch and escape.
Pure: no I/O, and no HTML (:mod:`treatydiff.render.negotiation_html` writes the fragments).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import AgreementStatus, Direction, Finding, Op, Round, Segment
from ..timeline.history import ClauseHistory, HistoryEntry
from ..timeline.names import ProvisionRef
from ..timeline.timeline import NegotiationTimeline
from .labels import STATUS_TEXT, FindingView


@dataclass(frozen=True)
class Fragment:
    """A piece of redline: ``tag`` is ``span``, ``ins`` or ``del``."""

    tag: str
    text: str
    css: str = ""


def fragments(segments: Sequence[Segment]) -> tuple[Fragment, ...]:
    out: list[Fragment] = []
    for s in segments:
        css = "editorial" if s.ignorable else ""
        if s.op == Op.EQUAL:
            out.append(Fragment("span", s.text, css))
        elif s.op == Op.INSERT:
            out.append(Fragment("ins", s.text, css))
        else:
            out.append(Fragment("del", s.text, css))
    return tuple(out)


def plain(text: str) -> tuple[Fragment, ...]:
    return (Fragment("span", text),) if text else ()


_SLUG_LONG = 80  # characters; longer slugs end in a hash, so even ROUND--ID.html stays below 255 bytes


def slug(text: str) -> str:
    """A file-name and anchor-safe form of an id or round name, and an injective one: two
    texts never share a page (``a:b`` and ``a_b`` once did, one page silently replacing the other).

    Lower-case letters, digits, ``-`` and ``.`` stand for themselves; every other character,
    upper-case letters included (case-insensitive file systems would merge ``A`` and ``a``),
    becomes ``_`` and the hex of its UTF-8 bytes, so ``_`` is never literal and the text can be
    read back.  A ``-`` that would start, end or double one is escaped too, so a slug never
    holds ``--``: :func:`provision_slug` joins a round and an id with it.  A leading ``.`` is
    escaped (no hidden files).  Past :data:`_SLUG_LONG` characters a slug keeps its start and
    ends in ``~`` and a SHA-256 prefix of the text (``~`` appears nowhere else)."""
    out: list[str] = []
    last = len(text) - 1
    for n, char in enumerate(text):
        literal = char in _SLUG_CHARS and not (
            (char == "-" and (n == 0 or n == last or text[n - 1] == "-")) or (char == "." and n == 0)
        )
        out.append(char if literal else "".join(f"_{byte:02x}" for byte in char.encode("utf-8", "surrogatepass")))
    result = "".join(out) or "_"  # no text encodes to a lone "_"
    if len(result) > _SLUG_LONG:
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:24]
        result = result[:_SLUG_LONG] + "~" + digest
    return result


_SLUG_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-.")


def round_slug(round_: Round) -> str:
    return slug(round_.name or round_.info.label)


def provision_page_slug(round_slug_: str | None, provision_id: str) -> str:
    """A provision's page: its id's slug for the latest round, else ``ROUND--ID`` (slugs never
    contain ``--``, so the two forms never meet and the join splits one way only)."""
    return slug(provision_id) if round_slug_ is None else f"{round_slug_}--{slug(provision_id)}"


def provision_slug(timeline: NegotiationTimeline, ref: ProvisionRef) -> str:
    last = len(timeline.rounds) - 1
    return provision_page_slug(None if ref.round_index == last else round_slug(timeline.rounds[ref.round_index]), ref.provision_id)


def finding_view(f: Finding) -> FindingView:
    if f.old_words and f.new_words:
        words = f"“{f.old_words}” → “{f.new_words}”"
    else:
        words = f"“{f.old_words or f.new_words}”" if (f.old_words or f.new_words) else ""
    return FindingView(
        code=f.code,
        direction=f.direction.value,
        explanation=f.explanation,
        words=words,
        obligated=", ".join(f.obligated),
    )


@dataclass(frozen=True)
class EntryView:
    """One round of a provision's history."""

    anchor: str
    round_label: str
    round_name: str
    round_href: str  # link to the round's page ("" in a stand-alone history)
    party: str
    date: str
    label: str
    previous_label: str
    kinds: str
    kind_classes: str
    heading: tuple[Fragment, ...]  # shown where it is new or changed, else ()
    redline: tuple[Fragment, ...]  # () when the text is unchanged
    status: str
    status_class: str
    brackets: int
    options: int
    findings: tuple[FindingView, ...]
    deleted: bool
    changed: bool
    first: bool  # the round that first proposed it: the text is shown plain
    text_unchanged: bool  # same text as the previous round: the page says so instead of repeating it
    notes: tuple[Fragment, ...] = ()  # footnotes and endnotes, shown when first proposed or changed


def _status(entry: HistoryEntry) -> tuple[str, str]:
    if entry.status is None:
        return ("", "")
    return (STATUS_TEXT[entry.status], f"status-{entry.status.value}")


def entry_view(entry: HistoryEntry, *, round_href: str = "") -> EntryView:
    first = not entry.previous
    status, status_class = _status(entry)
    previous = entry.previous_label
    kinds = [k.value for k in entry.kinds] or ["first proposed"]
    text_unchanged = not first and bool(entry.versions) and not any(s.op != Op.EQUAL for s in entry.segments)
    heading_changed = any(s.op != Op.EQUAL for s in entry.heading_segments)
    notes_changed = any(s.op != Op.EQUAL for s in entry.notes_segments)
    return EntryView(
        anchor=slug(entry.round_name),
        round_label=entry.round.label,
        round_name=entry.round_name,
        round_href=round_href,
        party=entry.round.party or "",
        date=entry.round.date or "",
        label=entry.label,
        previous_label=previous if previous and previous != entry.label else "",
        kinds=", ".join(kinds),
        kind_classes=" ".join(f"kind-{k.replace(' ', '-')}" for k in kinds),
        # Most rounds leave a provision alone: its page says so instead of repeating the text,
        # so the text is only escaped where it is shown.
        heading=(plain(entry.heading or "") if first else fragments(entry.heading_segments)) if first or heading_changed or not text_unchanged else (),
        redline=() if text_unchanged else plain(entry.text) if first else fragments(entry.segments),
        status=status,
        status_class=status_class,
        brackets=entry.brackets.brackets,
        options=entry.brackets.options,
        findings=tuple(finding_view(f) for f in entry.findings),
        deleted=not entry.versions,
        changed=entry.changed and not first,
        first=first,
        text_unchanged=text_unchanged,
        notes=(plain(entry.notes) if first else fragments(entry.notes_segments)) if (first and entry.notes) or notes_changed else (),
    )


@dataclass(frozen=True)
class HistoryView:
    title: str
    negotiation_title: str
    illustrative: bool
    label: str
    provision_id: str
    heading: str
    entries: tuple[EntryView, ...]
    summary: str


def _round_href(history_entry: HistoryEntry, round_hrefs: dict[str, str] | None) -> str:
    if round_hrefs is None:
        return ""
    return round_hrefs.get(history_entry.round_name, "")


def history_view(history: ClauseHistory, *, round_hrefs: dict[str, str] | None = None) -> HistoryView:
    entries = tuple(entry_view(e, round_href=_round_href(e, round_hrefs)) for e in history.entries)
    changes = sum(1 for e in entries if e.changed)
    findings = sum(len(e.findings) for e in entries)
    first, last = history.entries[0], history.entries[-1]
    fate = "deleted" if not last.versions else f"now {last.label}"
    summary = (
        f"First proposed as {first.label} in {first.round.describe()}; changed in {changes} of "
        f"{len(entries) - 1} later round(s); {findings} finding(s); {fate}."
    )
    return HistoryView(
        title=f"{history.label}: history",
        negotiation_title=history.negotiation.title,
        illustrative=history.negotiation.illustrative,
        label=history.label,
        provision_id=history.provision.id,
        heading=history.provision.heading or "",
        entries=entries,
        summary=summary,
    )


# --- charts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str


@dataclass(frozen=True)
class Tick:
    x: float
    y: float
    text: str
    anchor: str = "middle"


@dataclass(frozen=True)
class Chart:
    """Geometry of one inline-SVG bar chart, computed here so the template only draws."""

    id: str
    title: str
    description: str  # for screen readers (aria-describedby) and print
    width: int
    height: int
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]  # axis labels
    grid: tuple[Tick, ...]  # horizontal grid lines (y) with their value
    legend: tuple[tuple[str, str], ...]  # (css class, text)
    baseline: float


_LEFT, _RIGHT, _TOP, _BOTTOM = 34.0, 8.0, 12.0, 30.0


def _nice_max(value: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 4:
            return step * 4
    return value


def bar_chart(
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[int]]],  # (css class, legend text, values)
    *,
    stacked: bool = False,
    diverging: tuple[str, ...] = (),  # css classes drawn below the axis
    width: int = 420,
    height: int = 230,
) -> Chart:
    """Grouped, stacked or diverging bars, one group per label (round)."""
    count = max(1, len(labels))
    plot_w = width - _LEFT - _RIGHT
    plot_h = height - _TOP - _BOTTOM
    slot = plot_w / count
    up = [s for s in series if s[0] not in diverging]
    down = [s for s in series if s[0] in diverging]

    def peak(group: Sequence[tuple[str, str, Sequence[int]]]) -> int:
        if not group:
            return 0
        if stacked or diverging:
            return max((sum(s[2][i] for s in group) for i in range(len(labels))), default=0)
        return max((max(s[2]) if s[2] else 0 for s in group), default=0)

    top_max = _nice_max(max(1, peak(up), peak(down)))
    bottom_max = top_max if down else 0  # one scale on both sides, so heights compare
    scale = plot_h / (top_max + bottom_max)
    baseline = _TOP + top_max * scale
    bars: list[Bar] = []
    groups = 1 if (stacked or diverging) else max(1, len(series))
    bar_w = max(1.0, min(28.0, slot * 0.7 / groups))
    for i, label in enumerate(labels):
        x0 = _LEFT + slot * i + (slot - bar_w * groups) / 2
        above = below = 0.0
        for n, (css, legend, values) in enumerate(series):
            value = values[i]
            if not value:
                continue
            h = value * scale
            x = x0 if (stacked or diverging) else x0 + n * bar_w
            if css in diverging:
                bars.append(Bar(round(x, 1), round(baseline + below, 1), round(bar_w, 1), round(h, 1), css, f"{label}: {value} {legend}"))
                below += h
            else:
                y = baseline - above - h if (stacked or diverging) else baseline - h
                bars.append(Bar(round(x, 1), round(y, 1), round(bar_w, 1), round(h, 1), css, f"{label}: {value} {legend}"))
                if stacked or diverging:
                    above += h
    every = max(1, (count + 7) // 8)  # at most about 8 round labels under the axis
    ticks = tuple(
        Tick(round(_LEFT + slot * i + slot / 2, 1), height - _BOTTOM + 18, label)
        for i, label in enumerate(labels)
        if i % every == 0 or i == count - 1
    )
    grid: list[Tick] = []
    for fraction in (0.5, 1.0):
        grid.append(Tick(_LEFT - 4, round(baseline - top_max * fraction * scale, 1), str(round(top_max * fraction)), "end"))
        if down:
            grid.append(Tick(_LEFT - 4, round(baseline + bottom_max * fraction * scale, 1), str(round(bottom_max * fraction)), "end"))
    return Chart(
        id=chart_id,
        title=title,
        description=description,
        width=width,
        height=height,
        bars=tuple(bars),
        ticks=ticks,
        grid=tuple(grid),
        legend=tuple((css, legend) for css, legend, _ in series),
        baseline=round(baseline, 1),
    )


def status_counts(round_: Round) -> dict[str, int]:
    counts = {"agreed": 0, "ad-ref": 0, "open": 0}
    for provision in round_.provisions:
        status = provision.status
        if status == AgreementStatus.AGREED:
            counts["agreed"] += 1
        elif status == AgreementStatus.AGREED_AD_REFERENDUM:
            counts["ad-ref"] += 1
        else:
            counts["open"] += 1
    return counts


def direction_counts(findings: Sequence[Finding]) -> dict[Direction, int]:
    counts = {d: 0 for d in Direction}
    for finding in findings:
        counts[finding.direction] += 1
    return counts
