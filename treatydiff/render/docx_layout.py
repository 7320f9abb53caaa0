"""Lay a comparison out as redline paragraphs: which text goes where, tracked how.

Pure and OOXML-free: produces :mod:`treatydiff.render.ooxml` paragraph specs.  The layout is flat:
every provision (article or paragraph) is one *block* of lines, so a paragraph that moved to
another article is handled like any other move.  Blocks are merged in an order that is the
new round's order when changes are accepted and the old round's order when they are rejected,
which is what makes "accept all" rebuild the new text and "reject all" the old one exactly:

* pairs whose provisions keep their relative order (the longest increasing run of old
  positions, in the new order) are rendered in place, diffed word by word;
* the other pairs are moves: the old text leaves its old place (move-from) and the new text
  arrives at its new one (move-to);
* provisions only in the old round are deletions at their old place, ones only in the new
  round insertions at their new place.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from ..diff.matching import increasing_run
from ..diff.worddiff import diff_text, new_text, old_text
from ..model import ClausePair, Comparison, Finding, Op, Provision, ProvisionKind, Round, Segment
from .ooxml import Change, CommentEnd, CommentStart, Item, MoveRangeEnd, MoveRangeStart, Para, Run

HEADING_STYLE = "Heading 2"
TEXT_STYLE = "Normal"
_PARAGRAPH_INDENT = 567  # twips (1 cm): numbered paragraphs hang their label
_SUBITEM_INDENT = 1134


def block_parts(provision: Provision, top_level: bool) -> tuple[str, str]:
    """(prefix, text) of a provision as the redline shows it; prefix holds label and heading.

    An article reads "Article 3 — Title" on its own line, then its text; a numbered paragraph
    reads "1.<tab>text".  Preamble paragraphs show their text only (their labels are ours).
    """
    if top_level:
        if provision.kind is ProvisionKind.PREAMBLE and not provision.heading:
            prefix = ""
        else:
            prefix = provision.label + (f" — {provision.heading}" if provision.heading else "")
        separator = "\n" if prefix and provision.text else ""
    else:
        prefix = provision.label
        separator = "\t" if provision.text else ""
    return prefix + separator, provision.text


def notes_part(provision: Provision, top_level: bool) -> str:
    """The provision's footnotes and endnotes as the redline shows them: lines after its text."""
    if not provision.notes:
        return ""
    prefix, text = block_parts(provision, top_level)
    return ("\n" if prefix or text else "") + provision.notes


def block_text(provision: Provision, top_level: bool) -> str:
    prefix, text = block_parts(provision, top_level)
    return prefix + text + notes_part(provision, top_level)


def round_lines(round_: Round) -> list[str]:
    """The redline's body text for one round, one entry per paragraph.

    Accepting every change must give ``round_lines(new)``, rejecting every change
    ``round_lines(old)``: the tests compare LibreOffice's text with these.
    """
    lines: list[str] = []
    for top in round_.provisions:
        for provision in top.walk():
            text = block_text(provision, provision is top)
            if text:
                lines.extend(text.split("\n"))
    return lines


@dataclass(frozen=True)
class _Anchor:
    """A comment to anchor on the characters ``[start, end)`` of a block's old or new text."""

    comment: int
    start: int
    end: int
    new_side: bool


@dataclass
class LayoutBlock:
    pair: ClausePair | None
    old: Provision | None
    new: Provision | None
    old_top: bool
    new_top: bool
    anchors: list[_Anchor]


class BodyLayout:
    """Paragraph specs for the treaty text, plus the comments they anchor."""

    def __init__(self, comparison: Comparison, *, moves: bool = True, findings: Sequence[Finding] = ()) -> None:
        self.comparison = comparison
        self.moves = moves
        self.paragraphs: list[Para] = []
        self.move_count = 0
        self._findings = findings
        self._move_numbers: dict[int, int] = {}

    def build(self) -> list[Para]:
        blocks = self._blocks()
        old_index = {id(p): n for n, p in enumerate(self.comparison.old_round.walk())}
        stable = _stable_pairs([b for b in self._new_order(blocks) if b.old is not None], old_index)
        old_only = sorted(
            (b for b in blocks if b.old is not None and (b.new is None or id(b) not in stable)),
            key=lambda b: old_index[id(b.old)],
        )
        stable_old = sorted(old_index[id(b.old)] for b in blocks if id(b) in stable)
        self._attach_findings(blocks)
        pending = 0  # next old-only block to place

        def place_deletions(limit: int) -> None:
            # Deletions first in each gap between stable blocks, then insertions: how redlines read.
            nonlocal pending
            while pending < len(old_only) and old_index[id(old_only[pending].old)] < limit:
                self._one_side(old_only[pending], new_side=False)
                pending += 1

        place_deletions(stable_old[0] if stable_old else len(old_index))
        for block in self._new_order(blocks):
            if block.old is not None and id(block) in stable:
                self._in_place(block)
                following = bisect.bisect_right(stable_old, old_index[id(block.old)])
                place_deletions(stable_old[following] if following < len(stable_old) else len(old_index))
            else:
                self._one_side(block, new_side=True)
        place_deletions(len(old_index))
        return self.paragraphs

    # --- which provision goes with which ------------------------------------------------

    def _blocks(self) -> list[LayoutBlock]:
        return provision_blocks(self.comparison)

    def _new_order(self, blocks: list[LayoutBlock]) -> list[LayoutBlock]:
        return new_order(self.comparison, blocks)

    def _attach_findings(self, blocks: list[LayoutBlock]) -> None:
        by_key = {b.pair.key: b for b in blocks if b.pair is not None}
        fallback = next((b for b in self._new_order(blocks)), blocks[0] if blocks else None)
        for number, finding in enumerate(self._findings):
            block = by_key.get(finding.pair_key, fallback)
            if block is None:
                continue
            block.anchors.append(self._anchor(number, finding, block))

    def _anchor(self, number: int, finding: Finding, block: LayoutBlock) -> _Anchor:
        for span, provision, top, new_side in (
            (finding.new_span, block.new, block.new_top, True),
            (finding.old_span, block.old, block.old_top, False),
        ):
            if span is not None and provision is not None and 0 <= span.start < span.end <= len(provision.text):
                offset = len(block_parts(provision, top)[0])
                return _Anchor(number, offset + span.start, offset + span.end, new_side)
        # No usable span: the comment covers the whole provision.
        if block.new is not None:
            return _Anchor(number, 0, max(1, len(block_text(block.new, block.new_top))), True)
        assert block.old is not None
        return _Anchor(number, 0, max(1, len(block_text(block.old, block.old_top))), False)

    # --- rendering blocks -------------------------------------------------------------

    def _in_place(self, block: LayoutBlock) -> None:
        assert block.old is not None and block.new is not None
        old_prefix, old_body = block_parts(block.old, block.old_top)
        new_prefix, new_body = block_parts(block.new, block.new_top)
        text_segments: Sequence[Segment] = block.pair.segments if block.pair is not None else ()
        if old_text(text_segments) != old_body or new_text(text_segments) != new_body:
            # The pair's own diff does not rebuild these texts: diff them here rather than
            # print a redline that accepts or rejects to the wrong text.
            text_segments = diff_text(old_body, new_body, self.comparison.options)
        old_notes, new_notes = notes_part(block.old, block.old_top), notes_part(block.new, block.new_top)
        segments = [
            *diff_text(old_prefix, new_prefix, self.comparison.options),
            *text_segments,
            *self._notes_segments(block.pair, old_notes, new_notes),
        ]
        pieces = [(s.text, _CHANGE[s.op]) for s in segments]
        old_full, new_full = old_prefix + old_body + old_notes, new_prefix + new_body + new_notes
        final = Change.NONE if old_full and new_full else (Change.DELETE if old_full else Change.INSERT)
        self._emit(pieces, block, final, top=block.new_top, heading=bool(new_prefix.strip() or old_prefix.strip()))

    def _notes_segments(self, pair: ClausePair | None, old_notes: str, new_notes: str) -> list[Segment]:
        """The notes' redline: the pair's own diff when it rebuilds both, after the line break."""
        old_break, new_break = old_notes[:1] == "\n", new_notes[:1] == "\n"
        own = pair.notes_segments if pair is not None else ()
        if not own or old_text(own) != old_notes[old_break:] or new_text(own) != new_notes[new_break:]:
            return list(diff_text(old_notes, new_notes, self.comparison.options))
        if old_break and new_break:
            head = [Segment(Op.EQUAL, "\n")]
        else:
            head = [Segment(Op.DELETE, "\n")] if old_break else []
            head += [Segment(Op.INSERT, "\n")] if new_break else []
        return [*head, *own]

    def _one_side(self, block: LayoutBlock, *, new_side: bool) -> None:
        provision = block.new if new_side else block.old
        assert provision is not None
        top = block.new_top if new_side else block.old_top
        # A move needs text on both sides: one with none (a preamble emptied where it moved)
        # would leave the other's range without its pair, so the other is a deletion or insertion.
        moved = (block.old is not None and block.new is not None and self.moves
                 and bool(block_text(block.old, block.old_top)) and bool(block_text(block.new, block.new_top)))
        if moved:
            change = Change.MOVE_TO if new_side else Change.MOVE_FROM
        else:
            change = Change.INSERT if new_side else Change.DELETE
        text = block_text(provision, top)
        if not text:
            return
        anchors = [a for a in block.anchors if a.new_side == new_side]
        name = ""
        if moved:
            name = f"move{self._move_number(block)}"
        prefix = block_parts(provision, top)[0]
        self._emit([(text, change)], LayoutBlock(block.pair, block.old, block.new, block.old_top, block.new_top, anchors),
                   change, top=top, heading=bool(prefix.strip()), move_name=name, move_change=change if moved else None)

    def _move_number(self, block: LayoutBlock) -> int:
        if id(block) not in self._move_numbers:
            self.move_count += 1
            self._move_numbers[id(block)] = self.move_count
        return self._move_numbers[id(block)]

    def _emit(
        self,
        pieces: list[tuple[str, Change]],
        block: LayoutBlock,
        final: Change,
        *,
        top: bool,
        heading: bool,
        move_name: str = "",
        move_change: Change | None = None,
    ) -> None:
        items = _with_anchors(pieces, block.anchors)
        first = len(self.paragraphs)
        current: list[Item] = []
        if move_change is not None:
            current.append(MoveRangeStart(move_name, move_change))
        for item in items:
            if not isinstance(item, Run) or "\n" not in item.text:
                current.append(item)
                continue
            lines = item.text.split("\n")
            for line in lines[:-1]:
                if line:
                    current.append(Run(line, item.change))
                self.paragraphs.append(Para(current, mark=item.change))
                current = []
            if lines[-1]:
                current.append(Run(lines[-1], item.change))
        if move_change is not None:
            current.append(MoveRangeEnd(move_name, move_change))
        self.paragraphs.append(Para(current, mark=final))
        _style(self.paragraphs[first:], top, heading)


def provision_blocks(comparison: Comparison) -> list[LayoutBlock]:
    """One block per pair, plus one for any provision no pair covers (never dropped)."""
    old_tops = {id(p) for p in comparison.old_round.provisions}
    new_tops = {id(p) for p in comparison.new_round.provisions}
    old_by_id = {p.id: p for p in comparison.old_round.walk()}
    new_by_id = {p.id: p for p in comparison.new_round.walk()}
    used_old: set[str] = set()
    used_new: set[str] = set()
    blocks: list[LayoutBlock] = []
    for pair in comparison.walk():
        old = old_by_id.get(pair.old.id) if pair.old is not None and pair.old.id not in used_old else None
        new = new_by_id.get(pair.new.id) if pair.new is not None and pair.new.id not in used_new else None
        if old is None and new is None:
            continue
        if old is not None:
            used_old.add(old.id)
        if new is not None:
            used_new.add(new.id)
        blocks.append(LayoutBlock(pair, old, new, id(old) in old_tops, id(new) in new_tops, []))
    for p in comparison.old_round.walk():
        if p.id not in used_old:
            blocks.append(LayoutBlock(None, p, None, id(p) in old_tops, False, []))
    for p in comparison.new_round.walk():
        if p.id not in used_new:
            blocks.append(LayoutBlock(None, None, p, False, id(p) in new_tops, []))
    return blocks


def new_order(comparison: Comparison, blocks: list[LayoutBlock]) -> list[LayoutBlock]:
    """The blocks that have a new side, in the new round's order."""
    new_index = {id(p): n for n, p in enumerate(comparison.new_round.walk())}
    return sorted((b for b in blocks if b.new is not None), key=lambda b: new_index[id(b.new)])


def stable_blocks(comparison: Comparison, blocks: list[LayoutBlock]) -> set[int]:
    """Blocks (by id) rendered in place: the rest of those with both sides are moves."""
    old_index = {id(p): n for n, p in enumerate(comparison.old_round.walk())}
    return _stable_pairs([b for b in new_order(comparison, blocks) if b.old is not None], old_index)


_CHANGE = {Op.EQUAL: Change.NONE, Op.INSERT: Change.INSERT, Op.DELETE: Change.DELETE}


def _style(paragraphs: list[Para], top: bool, heading: bool) -> None:
    """Give a block's paragraphs the look of the draft: heading, then text or hanging label."""
    for n, para in enumerate(paragraphs):
        if top:
            if n == 0 and heading:
                para.style, para.keep_next = HEADING_STYLE, True
            else:
                para.style = TEXT_STYLE
        elif n == 0:
            para.indent_twips, para.hanging_twips = _PARAGRAPH_INDENT, _PARAGRAPH_INDENT
        else:
            para.indent_twips = _SUBITEM_INDENT


def _stable_pairs(both: list[LayoutBlock], old_index: dict[int, int]) -> set[int]:
    """Blocks (by id) in the longest run whose old positions increase in new order (the
    aligner's own :func:`treatydiff.diff.matching.increasing_run`)."""
    # Two blocks from one old provision cannot both stay: ranking (old position, -new position)
    # makes the later one smaller, so an increasing run holds at most one of them.
    keys = sorted(range(len(both)), key=lambda n: (old_index[id(both[n].old)], -n))
    rank = {n: r for r, n in enumerate(keys)}
    keep = increasing_run({rank[n]: n for n in range(len(both))})
    return {id(both[keys[r]]) for r in keep}


def _with_anchors(pieces: list[tuple[str, Change]], anchors: Sequence[_Anchor]) -> list[Item]:
    """Runs for ``pieces`` with comment marks cut in at the anchors' positions.

    Positions count the characters of one side (old or new).  A start goes before any text
    the other side removed at that point, so a replacement ("shall" → "should") is covered
    whole; an end goes right after the last character of the span.
    """
    if not anchors:
        return [Run(text, change) for text, change in pieces if text]
    cuts: dict[int, list[tuple[int, int]]] = {}  # stream index -> [(order, comment)]
    total = sum(len(t) for t, _ in pieces)
    for anchor in anchors:
        start = _stream_index(pieces, anchor.start, anchor.new_side)
        end = _stream_index(pieces, anchor.end, anchor.new_side)
        if end <= start:
            start, end = 0, max(total, 1)
        cuts.setdefault(start, []).append((1, anchor.comment))
        cuts.setdefault(end, []).append((0, anchor.comment))
    items: list[Item] = []
    position = 0
    last_change = Change.NONE

    def flush_marks(at: int) -> None:
        for order, comment in sorted(cuts.pop(at, [])):
            items.append(CommentStart(comment) if order else CommentEnd(comment, last_change))

    for text, change in pieces:
        end = position + len(text)
        points = sorted(p for p in cuts if position <= p < end)
        start = position
        for point in points:
            if point > start:
                items.append(Run(text[start - position : point - position], change))
                last_change = change
                start = point
            flush_marks(point)
        if end > start:
            items.append(Run(text[start - position :], change))
            last_change = change
        position = end
    for point in sorted(cuts):
        flush_marks(point)
    return items


def _stream_index(pieces: list[tuple[str, Change]], target: int, new_side: bool) -> int:
    """Where one side's character offset ``target`` falls in the stream of both sides' text."""
    stream = side = 0
    for text, change in pieces:
        counts = change.in_new if new_side else change.in_old
        if counts and side <= target < side + len(text):
            return stream + target - side
        if not counts and side == target:
            return stream
        stream += len(text)
        if counts:
            side += len(text)
    return stream
