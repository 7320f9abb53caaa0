"""The word-level segments the redline of a Word draft is written from.

Pure, as :mod:`treatydiff.render.docx_source`, which uses it: the pair's own segments when they
rebuild both texts (else a diff made here), with paragraph breaks both sides share kept as they
stand, and table rows kept whole: a row the old text had and the new one lacks is deleted as a
row, a new row inserted as one, so that the adapter can write them as Word's deleted and
inserted rows rather than cells' words running across row ends.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from ..diff.worddiff import diff_text, new_text, old_text
from ..model import Comparison, Op, Segment

CELL = " | "  # how the importer joins a row's cells


def rebuilt(segments: Sequence[Segment], old: str, new: str, comparison: Comparison) -> Sequence[Segment]:
    """The pair's own segments when they rebuild both texts, else a diff made here."""
    if segments and old_text(segments) == old and new_text(segments) == new:
        return _by_rows(_keep_breaks(segments), old, new, comparison)
    if not segments and old == new:
        return (Segment(Op.EQUAL, new),) if new else ()
    return _by_rows(_keep_breaks(diff_text(old, new, comparison.options)), old, new, comparison)


def _keep_breaks(segments: Sequence[Segment]) -> list[Segment]:
    """Paragraph breaks that both sides of a change have are no change.

    A diff that ignores spacing may read "following:\n" → "following: Parties … annually.\n"
    as the break deleted and a break inserted after the new words; in Word that is a paragraph
    cut and joined again.  The break both sides end (or start) with is kept as it stands.
    """
    if not any("\n" in s.text for s in segments if s.op is not Op.EQUAL):
        return list(segments)  # no break changed: nothing to keep (most pairs)
    out: list[Segment] = []
    n = 0
    while n < len(segments):
        if segments[n].op is Op.EQUAL:
            out.append(segments[n])
            n += 1
            continue
        group = []
        while n < len(segments) and segments[n].op is not Op.EQUAL:
            group.append(segments[n])
            n += 1
        old = "".join(s.text for s in group if s.op is Op.DELETE)
        new = "".join(s.text for s in group if s.op is Op.INSERT)
        head = tail = 0
        while head < min(len(old), len(new)) and old[head] == new[head] == "\n":
            head += 1
        while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail] == "\n":
            tail += 1
        if not head and not tail:
            out.extend(group)
            continue
        middle = [Segment(Op.DELETE, old[head:len(old) - tail]), Segment(Op.INSERT, new[head:len(new) - tail])]
        out.extend(s for s in (Segment(Op.EQUAL, "\n" * head), *middle, Segment(Op.EQUAL, "\n" * tail)) if s.text)
    return out


def _by_rows(segments: Sequence[Segment], old: str, new: str, comparison: Comparison) -> Sequence[Segment]:
    """Rows kept whole, when every change of the text is in table rows (else ``segments``).

    Lines are matched as lines; among the rows that differ, see :func:`_changed_rows`.  Only rows
    followed by a newline on both sides qualify (a row ending the text has no row end to
    stand before).
    """
    if CELL not in old and CELL not in new:
        return segments
    old_lines, new_lines = old.split("\n"), new.split("\n")
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        olds, news = old_lines[i1:i2], new_lines[j1:j2]
        if tag == "equal":
            out.append(Segment(Op.EQUAL, "\n".join(olds) + ("\n" if i2 < len(old_lines) else "")))
            continue
        if i2 >= len(old_lines) or j2 >= len(new_lines) or not all(CELL in line for line in (*olds, *news)):
            return segments
        out.extend(_changed_rows(olds, news, comparison))
    merged = [s for s in out if s.text]
    if old_text(merged) != old or new_text(merged) != new:
        return segments
    return merged


def _changed_rows(olds: list[str], news: list[str], comparison: Comparison) -> list[Segment]:
    """Rows that differ: one that keeps its first cell (the row's name, as "Georgia") is the same
    row edited, diffed word by word within it, as are rows standing one for one between such
    pairs; the others are deleted or inserted whole, each with its newline."""
    out: list[Segment] = []
    keys = SequenceMatcher(None, [r.split(CELL, 1)[0] for r in olds], [r.split(CELL, 1)[0] for r in news], autojunk=False)
    for tag, i1, i2, j1, j2 in keys.get_opcodes():
        pairs = list(zip(olds[i1:i2], news[j1:j2], strict=False))
        if tag in ("equal", "replace") and i2 - i1 == j2 - j1 and all(a.count(CELL) == b.count(CELL) for a, b in pairs):
            for a, b in pairs:
                out.extend(diff_text(a, b, comparison.options))
                out.append(Segment(Op.EQUAL, "\n"))
            continue
        out.extend(Segment(Op.DELETE, line + "\n") for line in olds[i1:i2])
        out.extend(Segment(Op.INSERT, line + "\n") for line in news[j1:j2])
    return out
