"""DOCX redline: the newer round's text with Word tracked changes and one comment per finding.

The first section is plain (not tracked): which rounds, whose draft, the illustrative banner
and a summary table.  The treaty text follows on a new page, laid out by
:mod:`treatydiff.render.docx_layout` and written by :mod:`treatydiff.render.ooxml`, the only module
that knows WordprocessingML.  Accepting every change yields the newer round's text, rejecting
every change the older round's.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..collector import collector_paused
from ..diff.concordance import Relation, concordance
from ..model import ChangeKind, Comparison, Direction, Finding
from ..views.citations import citations
from ..views.parties import comparison_standing, standing_rows
from ..views.perspective import perspective_of, perspective_words
from ..views.summary import summarize
from .docx_layout import BodyLayout
from .ooxml import (
    Comment,
    CoreProperties,
    DocumentSpec,
    Para,
    Revisions,
    Run,
    Table,
    build_docx,
    separate_insertions,
)

if TYPE_CHECKING:
    from . import RenderOptions

COMMENT_AUTHOR = "treatydiff"
ILLUSTRATIVE_BANNER = (
    "ILLUSTRATIVE: this negotiation is invented to demonstrate treatydiff. "
    "It is not a real draft and represents no party's position."
)


def revision_author(comparison: Comparison, options: RenderOptions) -> str:
    """Who the tracked changes are attributed to: --author, else the newer round's party."""
    if options.author:
        return options.author
    code = comparison.new.party
    if code is None:
        return COMMENT_AUTHOR
    parties = comparison.negotiation.parties if comparison.negotiation else ()
    party = next((p for p in parties if p.code == code), None)
    return party.name if party is not None else code


def revision_date(comparison: Comparison) -> str | None:
    """The newer round's date as OOXML wants it; no date rather than the wall clock."""
    return f"{comparison.new.date}T00:00:00Z" if comparison.new.date else None


def comment_text(finding: Finding) -> str:
    """``code (direction): explanation``, then the words and the rule that fired."""
    lines = [f"{finding.code} ({finding.direction.value}): {finding.explanation}"]
    words = " → ".join(w for w in (finding.old_words, finding.new_words) if w)
    if words:
        lines.append(f"Words: {words}")
    detail = f"Rule: {finding.rule}"
    if finding.obligated:
        detail += f"; obligation of: {', '.join(finding.obligated)}"
    if finding.favours:
        detail += f"; favours: {', '.join(finding.favours)}"
    lines.append(detail)
    return "\n".join(lines)


def _round_line(role: str, comparison: Comparison, new: bool) -> str:
    info = comparison.new if new else comparison.old
    parts = [f"{role}: {info.label}"]
    if info.title:
        parts.append(f"“{info.title}”")
    who = ", ".join(x for x in (info.party, info.date) if x)
    if who:
        parts.append(f"({who})")
    return " ".join(parts)


def front_lines(comparison: Comparison, options: RenderOptions) -> list[str]:
    """The texts of the first section's paragraphs (tables aside), in order."""
    title = comparison.negotiation.title if comparison.negotiation else "Redline"
    lines = [title, f"Redline: {comparison.old.label} → {comparison.new.label}"]
    lines.append(_round_line("Older round", comparison, new=False))
    lines.append(_round_line("Newer round", comparison, new=True))
    if comparison.negotiation is not None and comparison.negotiation.illustrative:
        lines.append(ILLUSTRATIVE_BANNER)
    if options.static:
        how = "Changes are shown as coloured text: inserted underlined, deleted struck through, moved in green."
    else:
        date = comparison.new.date or "undated"
        how = (f"Changes are tracked as Word revisions by {revision_author(comparison, options)} ({date}): "
               "accept them all for the newer round's text, reject them all for the older round's.")
    lines.append(how)
    if options.comments and comparison.findings:
        lines.append(f"Each of the {len(comparison.findings)} findings is a comment on the words that triggered it.")
    lines.append("Summary")
    lines.append(_brackets_line(comparison))
    if comparison.findings:
        lines.append(f"Findings ({len(comparison.findings)})")
    if _concordance_rows(comparison):
        lines.append("Concordance")
    return lines


_DIRECTION_RANK = {Direction.REGRESSION: 0, Direction.REVIEW: 1, Direction.PROGRESS: 2}


def finding_rows(comparison: Comparison, perspective: str | None = None) -> list[tuple[str, ...]]:
    """The findings as the front section lists them (comments do not print): regressions
    first, then for review, then progress; each cited from its own draft, and with ``--as``
    what it means for that party."""
    cited = citations(comparison)
    parties = comparison.negotiation.parties if comparison.negotiation is not None else ()
    ordered = sorted(comparison.findings, key=lambda f: _DIRECTION_RANK[f.direction])
    rows: list[tuple[str, ...]] = [("", "Provision", "Finding", "Words", "Explanation")]
    for number, finding in enumerate(ordered, 1):
        words = " → ".join(w for w in (finding.old_words, finding.new_words) if w)
        where = cited.get(finding.pair_key) or finding.new_label or finding.old_label or finding.pair_key
        why = finding.explanation
        if perspective is not None:
            words = perspective_words(perspective_of(finding, perspective, parties))
            why += f" {words[:1].upper()}{words[1:]}."  # not str.capitalize: it would lower-case the names
        rows.append((str(number), where, f"{finding.code} ({finding.direction.value})", words, why))
    return rows


def _brackets_line(comparison: Comparison) -> str:
    old, new = comparison.old_brackets, comparison.new_brackets
    return (f"Brackets: {old.brackets} → {new.brackets}; options: {old.options} → {new.options} "
            f"({comparison.old.label} → {comparison.new.label}).")


def _summary_tables(comparison: Comparison) -> list[Table]:
    summary = summarize(comparison)
    kinds: list[tuple[str, ...]] = [
        ("Change", "Articles", "Paragraphs"),
        *((kind.value, str(summary.articles.count(kind)), str(summary.paragraphs.count(kind))) for kind in ChangeKind),
    ]
    tables = [Table(tuple(kinds))]
    tables.append(Table(tuple(standing_rows(comparison_standing(comparison)))))
    return tables


def _front(comparison: Comparison, options: RenderOptions) -> list[Para | Table]:
    lines = front_lines(comparison, options)
    styles = ["Title", "Subtitle", "Normal", "Normal"]
    blocks: list[Para | Table] = [Para([Run(line)], style=style) for line, style in zip(lines, styles, strict=False)]
    rest = lines[len(styles):]
    if comparison.negotiation is not None and comparison.negotiation.illustrative:
        blocks.append(Para([Run(rest.pop(0), bold=True)], style="Intense Quote"))
    blocks.append(Para([Run(rest.pop(0))]))
    if options.comments and comparison.findings:
        blocks.append(Para([Run(rest.pop(0))]))
    blocks.append(Para([Run(rest.pop(0))], style="Heading 1"))
    kinds, verdict = _summary_tables(comparison)
    blocks.append(kinds)
    blocks.append(Para([Run(rest.pop(0))]))
    blocks.append(verdict)
    if comparison.findings:
        # Comments do not print: a printed or PDF copy carries the findings here.
        blocks.append(Para([Run(rest.pop(0))], style="Heading 2"))
        blocks.append(Table(tuple(finding_rows(comparison, options.perspective))))
    rows = _concordance_rows(comparison)
    if rows:
        # The rows that are not "same place, same number" (the full table: `treatydiff
        # concordance`), so a printed copy says which provision became which.
        blocks.append(Para([Run(rest.pop(0))], style="Heading 2"))
        blocks.append(Table((("Old", "New", "Relation"), *rows)))
    return blocks


def _concordance_rows(comparison: Comparison) -> list[tuple[str, ...]]:
    return [(r.old_cell, r.new_cell, r.relation.value)
            for r in concordance(comparison).rows if r.relation != Relation.SAME]


def build_spec(comparison: Comparison, options: RenderOptions) -> DocumentSpec:
    """Everything the DOCX holds, as plain data (the tests read it to know what to expect)."""
    findings = comparison.findings if options.comments else ()
    layout = BodyLayout(comparison, moves=True, findings=findings)
    body = layout.build()
    if not options.static:  # without revisions there is nothing for LibreOffice to join
        body = separate_insertions(body)
    author = revision_author(comparison, options)
    title = comparison.negotiation.title if comparison.negotiation else "Redline"
    return DocumentSpec(
        front=_front(comparison, options),
        body=body,
        comments=[Comment(comment_text(f), author=COMMENT_AUTHOR, initials="TD") for f in findings],
        revisions=Revisions(author=author, date=revision_date(comparison), static=options.static),
        properties=CoreProperties(
            title=f"{title}: {comparison.old.label} → {comparison.new.label}",
            author=author,
            date=comparison.new.date,
            subject="Redline",
            keywords="treatydiff redline",
        ),
    )


def render(comparison: Comparison, options: RenderOptions) -> bytes:
    # The layout allocates hundreds of thousands of small acyclic objects; left on, the cyclic
    # collector rescans the whole comparison again and again (about half the time at 10,000
    # articles).
    with collector_paused():
        return build_docx(build_spec(comparison, options))


def source_author(comparison: Comparison, options: RenderOptions) -> str:
    """The new draft's revisions: --author, else its round's party, else the draft's name."""
    if options.author or comparison.new.party:
        return revision_author(comparison, options)
    return comparison.new_round.name or comparison.new.label


def appendix_rows(comparison: Comparison) -> list[tuple[str, ...]]:
    """The findings as the appendix prints them: what, where, which words, why, whose position."""
    cited = citations(comparison)
    ordered = sorted(comparison.findings, key=lambda f: _DIRECTION_RANK[f.direction])
    rows: list[tuple[str, ...]] = [("", "Finding", "Provision", "Old → new", "Explanation", "Whose position")]
    for number, finding in enumerate(ordered, 1):
        words = " → ".join((finding.old_words or "∅", finding.new_words or "∅"))
        where = cited.get(finding.pair_key) or finding.new_label or finding.old_label or finding.pair_key
        whose = "; ".join(part for part in (
            f"obligation of {', '.join(finding.obligated)}" if finding.obligated else "",
            f"favours {', '.join(finding.favours)}" if finding.favours else "",
        ) if part) or "—"
        rows.append((str(number), f"{finding.code} ({finding.direction.value})", where, words, finding.explanation, whose))
    return rows


def render_source(comparison: Comparison, options: RenderOptions, draft: Path) -> tuple[bytes, list[str]]:
    """The new draft's own document with tracked changes against the old round, and what to say.

    Falls back to the rebuilt redline (:func:`render`), saying why, when the draft holds tracked
    changes of its own or when any of its text cannot be laid on the comparison.
    """
    # As for the rebuilt redline: reading the draft and planning its edits make hundreds of
    # thousands of small acyclic objects, and the collector would rescan the whole comparison
    # each time they pile up (about a quarter of the time at 2,000 articles).
    with collector_paused():
        return _render_source(comparison, options, draft)


def _render_source(comparison: Comparison, options: RenderOptions, draft: Path) -> tuple[bytes, list[str]]:
    from ..formats.textio import read_bytes
    from .docx_cursor import Unmapped
    from .docx_source import plan_source
    from .ooxml_notes import old_note_paragraphs
    from .ooxml_pack import NoteText, appendix_elements
    from .ooxml_revise import Reviser
    from .ooxml_source import SourceDocument

    source = SourceDocument(read_bytes(draft), draft, revisions=options.revisions)
    rebuilt = "wrote the rebuilt redline instead (its text, not the draft's own document)"
    said: list[str] = []
    if source.settled:
        which = "rejected (--revisions original)" if options.revisions == "original" else "accepted"
        said.append(f"{draft.name} holds {source.settled} tracked changes of its own: they are {which} in the redline, "
                    "which tracks only the changes from the older round")
    if any(name.lower().endswith("vbaproject.bin") for name in source.package.infos):
        return render(comparison, options), [f"{draft.name} contains macros, which a redline never carries; {rebuilt}"]
    if source.tracked:
        return render(comparison, options), [*said, f"{draft.name}: {source.tracked} of its tracked changes could not be settled; {rebuilt}"]
    findings = comparison.findings if options.comments else ()
    try:
        plan = plan_source(comparison, source.body, source.notes, findings)
    except Unmapped as exc:
        return render(comparison, options), [*said, f"{draft.name}: {exc}; {rebuilt}"]
    reviser = Reviser(source, source_author(comparison, options), revision_date(comparison))
    if plan.body.deleted_notes:  # written back paragraph by paragraph, as the old draft has them
        reviser.notes.paragraphs = old_note_paragraphs(comparison.old_round.path, options.revisions)
    reviser.add(plan.body, notes=False)
    reviser.add(plan.notes, notes=True)
    reviser.apply()
    appendix = appendix_elements("Findings", appendix_rows(comparison)) if options.findings_appendix and comparison.findings else []
    notes = [NoteText(comment_text(f), COMMENT_AUTHOR, "TD") for f in findings]
    return reviser.write(notes, appendix), said
