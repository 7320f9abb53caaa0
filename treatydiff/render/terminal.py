"""Terminal summary: direction, counts, each changed provision with its inline redline,
findings (regressions first) and a verdict line per party.

Plain text marks changes ``⟦-deleted-⟧⟦+inserted+⟧`` (``git diff --word-diff``'s marks in white
square brackets, which no draft uses: UN drafts are full of ``[...]``) so the output reads the
same piped into a file; with ``color`` deletions are red and struck through and insertions green
and underlined.  A change of spacing alone is shown as the new text, unmarked, unless the
comparison counts whitespace (``compare --whitespace``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..model import ChangeKind, Direction, Op
from ..views.citations import citations
from ..views.parties import comparison_standing, standing_lines
from ..views.perspective import perspective_of, perspective_words
from ..views.summary import renumbered_only, summarize
from .textstyle import DEL_CLOSE, DEL_OPEN, INS_CLOSE, INS_OPEN, terminal_safe
from .textstyle import Style as _Style

if TYPE_CHECKING:
    from ..model import ClausePair, Comparison, Finding, Segment
    from . import RenderOptions

_KIND_ORDER = (
    ChangeKind.MODIFIED, ChangeKind.RENUMBERED, ChangeKind.MOVED, ChangeKind.ADDED,
    ChangeKind.DELETED, ChangeKind.SPLIT, ChangeKind.MERGED, ChangeKind.UNCHANGED,
)
_DIRECTION_ORDER = (Direction.REGRESSION, Direction.REVIEW, Direction.PROGRESS)
CONTEXT_WORDS = 8  # equal words kept on each side of a change; the rest is elided


def _elide(text: str, *, head: bool, tail: bool) -> str:
    """Shorten a long equal run to the words next to the changes."""
    words = text.split(" ")
    if len(words) <= 2 * CONTEXT_WORDS + 1:
        return text
    if head and tail:
        return " ".join(words[:CONTEXT_WORDS]) + " … " + " ".join(words[-CONTEXT_WORDS:])
    if tail:  # only the end touches a change
        return "… " + " ".join(words[-CONTEXT_WORDS:])
    return " ".join(words[:CONTEXT_WORDS]) + " …"


def _hang(text: str, indent: str) -> str:
    """Indent the continuation lines of a multi-line text under its first line."""
    return text.replace("\n", "\n" + indent)


def redline(segments: Sequence[Segment], style: _Style, indent: str = "      ") -> str:
    """Inline word diff of one text; equal runs far from a change are elided."""
    out: list[str] = []
    last = len(segments) - 1
    for n, segment in enumerate(segments):
        if segment.op == Op.EQUAL:
            out.append(terminal_safe(_elide(segment.text, head=n > 0, tail=n < last)))
        elif segment.ignorable and (segment.text.isspace() or not segment.text):
            # Spacing the options ignore: the new text, unmarked (never "in⟦- -⟧⟦+  +⟧determining").
            out.append("" if segment.op == Op.DELETE else terminal_safe(segment.text))
        elif segment.ignorable and not style.color:
            out.append(style.dim(f"{DEL_OPEN}{segment.text}{DEL_CLOSE}" if segment.op == Op.DELETE else f"{INS_OPEN}{segment.text}{INS_CLOSE}"))
        else:
            out.append(_per_line(segment.text, style.deleted if segment.op == Op.DELETE else style.inserted))
    return _hang("".join(out), indent)


def _per_line(text: str, mark: Callable[[str], str]) -> str:
    """Mark each line of a change on its own, so a colour or a ``{+`` never spans the line
    break and the indentation; a change of line breaks alone keeps its marks visible."""
    parts = text.split("\n")
    if len(parts) == 1 or not any(part.strip() for part in parts):
        return mark(text)
    return "\n".join(mark(part) if part.strip() else terminal_safe(part) for part in parts)


def _title(pair: ClausePair) -> str:
    old, new = pair.old_label, pair.new_label
    where = (old if old == new else f"{old} → {new}") if old and new else old or new or "?"
    kinds = ", ".join(k.value for k in pair.kinds)
    extra = ""
    if pair.related:
        extra += f" with {', '.join(pair.related)}"
    if pair.old_parent and pair.new_parent and pair.old_parent != pair.new_parent and ChangeKind.MOVED in pair.kinds:
        extra += f" (from {pair.old_parent})"
    return f"{where} [{kinds}]{extra}"


def _has_visible_change(segments: Sequence[Segment]) -> bool:
    return any(s.op != Op.EQUAL and not s.ignorable for s in segments)


def _pair_lines(pair: ClausePair, style: _Style, indent: str) -> list[str]:
    lines = [indent + style.bold(_title(pair))]
    body = indent + "  "
    if _has_visible_change(pair.heading_segments):
        lines.append(f"{body}heading: {redline(pair.heading_segments, style, body + '  ')}")
    if pair.old is None or pair.new is None:
        provision = pair.new or pair.old
        text = provision.text if provision else ""
        if text:
            short = _elide(text, head=False, tail=False)
            # Style each line on its own: an ANSI colour (or a [- -] mark) spanning a newline
            # would leave the indentation of the next line coloured or inside the marks.
            marked = "\n".join(
                (style.inserted(line) if pair.old is None else style.deleted(line)) if line.strip() else terminal_safe(line)
                for line in short.split("\n")
            )
            lines.append(body + _hang(marked, body))
    elif _has_visible_change(pair.segments):
        lines.append(body + redline(pair.segments, style, body))
    if _has_visible_change(pair.notes_segments):  # footnotes and endnotes are text too
        lines.append(f"{body}notes: {redline(pair.notes_segments, style, body + '  ')}")
    for child in pair.paragraphs:
        if child.changed and not renumbered_only(child):
            lines.extend(_pair_lines(child, style, indent + "  "))
    return lines


def _finding_lines(finding: Finding, style: _Style, cited: dict[str, str], notes: _Notes | None = None) -> list[str]:
    # Each side cited from its own draft: "Article 5(2)", "old Article 6(4)", "Article 3 → Article 4".
    where = cited.get(finding.pair_key) or finding.new_label or finding.old_label or finding.pair_key
    lines = [terminal_safe(f"  {finding.direction.value.upper()} {where}: {finding.code} — {finding.explanation}")]
    if finding.old_words or finding.new_words:
        # Only the sides there are: an arrow pointing at nothing reads as a rendering fault.
        sides = [style.deleted(finding.old_words) if finding.old_words else "", style.inserted(finding.new_words) if finding.new_words else ""]
        lines.append(_hang("    " + " → ".join(side for side in sides if side), "    "))
    who = []
    if finding.obligated:
        who.append(f"obligation of {', '.join(finding.obligated)}")
    if finding.favours:
        who.append(f"favours {', '.join(finding.favours)}")
    if notes is not None:
        who.append(f"id {notes.finding_id}")
    if who:
        lines.append(terminal_safe("    " + "; ".join(who)))
    if notes is not None:
        lines.extend(terminal_safe(f"    {line}") for line in notes.lines)
    return lines


class _Notes:
    """What a command adds under a finding: its id, what it means for ``--as``, its review."""

    def __init__(self, finding: Finding, finding_id: str, comparison: Comparison, options: RenderOptions) -> None:
        self.finding_id = finding_id
        self.lines: list[str] = []
        if options.perspective is not None:
            parties = comparison.negotiation.parties if comparison.negotiation is not None else ()
            self.lines.append(perspective_words(perspective_of(finding, options.perspective, parties)))
        review = options.review_of(finding_id)
        if review is not None:
            self.lines.append(f"{review.decision} on review: {review.note}")


def summary_line(comparison: Comparison) -> str:
    """``23 provisions: 7 modified, 16 unchanged; 41 paragraphs: 1 deleted, 40 unchanged``:
    both levels, from the one summary every report reads."""
    summary = summarize(comparison)
    line = f"{summary.articles.pairs} provisions: " + (summary.articles.phrase(_KIND_ORDER) or "none")
    if summary.paragraphs.pairs:
        line += f"; {summary.paragraphs.pairs} paragraphs: " + summary.paragraphs.phrase(_KIND_ORDER)
    return line


def render_text(comparison: Comparison, color: bool = False, options: RenderOptions | None = None) -> str:
    from . import RenderOptions

    options = options if options is not None else RenderOptions(color=color)
    style = _Style(color)
    lines = [style.bold(f"old: {comparison.old.describe()} → new: {comparison.new.describe()}")]
    if comparison.negotiation is not None:
        lines.insert(0, terminal_safe(comparison.negotiation.title))
        if comparison.negotiation.illustrative:
            lines.append("ILLUSTRATIVE: an invented negotiation for demonstration, not a real treaty text.")
    lines.append(summary_line(comparison))
    if comparison.old_round.provisions == comparison.new_round.provisions:
        lines.append("identical: the two drafts have the same text")
    old_b, new_b = comparison.old_brackets, comparison.new_brackets
    if old_b.brackets or new_b.brackets or old_b.options or new_b.options:
        lines.append(f"brackets: {old_b.brackets} → {new_b.brackets}; options: {old_b.options} → {new_b.options}")
    changed = [p for p in comparison.pairs if p.changed and not renumbered_only(p)]
    only_renumbered = summarize(comparison).articles.renumbered_only
    if only_renumbered:
        lines.append(f"{only_renumbered} provision(s) only renumbered, text unchanged (not listed)")
    lines.append("")
    for pair in changed:
        lines.extend(_pair_lines(pair, style, ""))
        lines.append("")
    if comparison.findings:
        lines.append(style.bold(f"Findings ({len(comparison.findings)})"))
        cited = citations(comparison)
        ids = options.finding_ids(comparison)
        for direction in _DIRECTION_ORDER:
            for finding, finding_id in zip(comparison.findings, ids, strict=True):
                if finding.direction == direction:
                    lines.extend(_finding_lines(finding, style, cited, _Notes(finding, finding_id, comparison, options)))
        lines.append("")
    if options.dismissed:
        lines.append(style.bold(f"Dismissed on review ({len(options.dismissed)}), counted nowhere"))
        cited = citations(comparison)
        for finding_id, finding in options.dismissed:
            lines.extend(_finding_lines(finding, style, cited, _Notes(finding, finding_id, comparison, options)))
        lines.append("")
    standing = comparison_standing(comparison)
    lines.append(style.bold("By party"))
    lines.extend(terminal_safe(f"  {line}") for line in standing_lines(standing))
    return "\n".join(lines).rstrip("\n") + "\n"


def render(comparison: Comparison, options: RenderOptions) -> bytes:
    return render_text(comparison, color=options.color, options=options).encode("utf-8")
