"""Lay the comparison on the new draft's own text: which characters are inserted, which old
words were deleted where, which words carry which finding.

Pure and OOXML-free: it reads the new draft as a :class:`~treatydiff.render.ooxml_source.Stream`
(the text the importer read, with each character's kind) and answers in positions of that
stream.  Every provision of the new round is found in it, in order: its label when the draft
types it, its heading, its text (the numbers Word computes are skipped), its notes in the notes'
stream.  The word-level segments are the comparison's own.  Pairs kept in place are redlined
word by word; a provision that is new is inserted whole; an old provision with no place in the
new draft is written as deleted paragraphs right after the provision it followed.  A provision
moved out of order is a move: its old paragraphs, where they stood, are its move-from side; its
new text is its move-to side, with the words it gained marked inside it (the words it lost are
read in the move-from side, whole).  Where each piece stands is found by
:mod:`treatydiff.render.docx_cursor`, which says when a provision cannot be found or text of
the draft belongs to no provision.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..diff.worddiff import diff_text, tokenize
from ..model import CompareOptions, Comparison, Finding, Op, Provision, Segment
from .docx_cursor import Cursor, Match
from .docx_layout import LayoutBlock, new_order, provision_blocks, stable_blocks
from .docx_segments import rebuilt as _rebuilt
from .ooxml_revise import Edits
from .ooxml_source import MARK, NOTE, REAL, SEP, VIRTUAL, Stream

_COMPUTED = (VIRTUAL, NOTE)
_NOTE_MARKER = re.compile(r"^\[\^[^\]]*\]\s?")
_REFERENCE = re.compile(r"\[\^[^\]\s]+\]")
_NUMBERISH = re.compile(r"^[\[(]?[0-9A-Za-z]{1,6}(?:\.[0-9A-Za-z]{1,6})*[.)\]]?$")
# A number as Word writes one: "1. ", "1.2 ", "(a) ", "b) ", "IV. " (never a word such as "Each ").
_WORD = re.compile(r"\w")
_LABEL_TOKEN = re.compile(r"^(?:\(?[0-9]+(?:\.[0-9]+)*[.)]?|\([A-Za-z]{1,5}\)|[A-Za-z]{1,5}[.)])(?:\s|$)")


@dataclass
class _Placed:
    text: Match | None = None
    first: int = -1
    end: int = 0
    notes_end: int = 0


@dataclass
class SourcePlan:
    body: Edits = field(default_factory=Edits)
    notes: Edits = field(default_factory=Edits)


class _Planner:
    def __init__(self, comparison: Comparison, body: Stream, notes: Stream, findings: Sequence[Finding],
                 dropped: frozenset[str] = frozenset()) -> None:
        self.comparison = comparison
        self.dropped = dropped  # old notes whose reference is deleted: each is written as a note of its own
        self.body = Cursor(body, "body")
        self.notes = Cursor(notes, "footnotes and endnotes")
        self.findings = findings
        self.plan = SourcePlan()
        self.placed: dict[int, _Placed] = {}
        self.moves: dict[int, int] = {}  # a moved block's id -> its move number, from 1
        self.heading_apart = False  # the draft writes "Article 3" and its heading as two paragraphs
        self.moving = 0  # the move being placed, while its words are laid on the draft

    def run(self) -> SourcePlan:
        blocks = provision_blocks(self.comparison)
        stable = stable_blocks(self.comparison, blocks)
        for block in new_order(self.comparison, blocks):
            moved = block.old is not None and id(block) not in stable
            if moved:
                self.moves[id(block)] = len(self.moves) + 1
            self._place(block, in_place=block.old is not None and id(block) in stable, move=self.moves.get(id(block), 0))
        self.body.finish()
        self.notes.finish()
        _drop_renumbering(self.plan.body, self.body.stream)
        _drop_renumbering(self.plan.notes, self.notes.stream)
        self._deletions(blocks, stable)
        self._comments(blocks, stable)
        return self.plan

    # --- the new side -----------------------------------------------------------------

    def _place(self, block: LayoutBlock, *, in_place: bool, move: int = 0) -> None:
        new = block.new
        assert new is not None
        old = block.old if in_place or move else None
        placed = _Placed(notes_end=self.notes.at)
        self.placed[id(block)] = placed
        body = self.plan.body
        self.moving = move
        typed = self.body.find(new.label) if new.label and not new.label.isspace() else None
        if typed is not None and self.body.stream.kinds.count(VIRTUAL, typed.start, typed.end) == typed.end - typed.start:
            typed = None  # the number Word computes, not typed text
        if typed is not None:
            if old is None:
                label: Sequence[Segment] = (Segment(Op.INSERT, new.label),)
            elif old.label == new.label:
                label = (Segment(Op.EQUAL, new.label),)
            else:
                label = _label_segments(old.label, new.label, self.comparison.options)
            self._segments(body, typed, label)
            placed.first, placed.end = typed.start, typed.end
        for part, old_part, segments, what in (
            (new.heading or "", (old.heading or "") if old else "", block.pair.heading_segments if block.pair else (), "heading"),
            (new.text, old.text if old else "", block.pair.segments if block.pair else (), "text"),
        ):
            if not part:
                if old_part and not move:  # the old heading or text has no new one: deleted where it stood
                    body.deletions.append((placed.end if placed.first >= 0 else self.body.at, "\n" + old_part))
                continue
            match = self.body.require(part, f"{new.label} ({what})")
            chosen = _rebuilt(segments, old_part, part, self.comparison) if old else (Segment(Op.INSERT, part),)
            self._segments(body, match, chosen)
            if what == "heading" and typed is not None:
                # The draft's own way: a typed label and its heading, one paragraph or two.
                self.heading_apart = MARK in self.body.stream.kinds[typed.end:match.start]
            if placed.first < 0:
                placed.first = match.start
            placed.end = match.end
            if what == "text":
                placed.text = match
        self.moving = 0
        if move:  # a move's notes are inserted and deleted as notes: never a move of their own
            old = None
        if new.notes:
            match = self.notes.require(new.notes, f"{new.label} (notes)")
            old_notes = _without(old.notes or "", self.dropped) if old else ""
            chosen = (_rebuilt(block.pair.notes_segments if block.pair else (), old_notes, new.notes, self.comparison)
                      if old else (Segment(Op.INSERT, new.notes),))
            self._segments(self.plan.notes, match, chosen)
        elif old is not None and old.notes:
            self._deleted_notes(old, self.notes.at)
        placed.notes_end = self.notes.at
        if move and placed.first >= 0:
            body.moved.append((placed.first, placed.end, move))
        if (old is None or move) and placed.first >= 0:
            self._inserted_marks(placed, move)

    def _segments(self, edits: Edits, match: Match, segments: Sequence[Segment]) -> None:
        offset = 0
        for segment in segments:
            if segment.op is Op.DELETE:
                if not self.moving:  # a move's lost words are in its move-from side
                    edits.deletions.append((match.position(offset), segment.text))
                continue
            if segment.op is Op.INSERT:
                edits.inserted.append((match.position(offset), match.position(offset + len(segment.text))))
            offset += len(segment.text)

    def _inserted_marks(self, placed: _Placed, move: int = 0) -> None:
        """A provision inserted (or moved) whole owns its paragraphs' marks, the last one included."""
        stream = self.body.stream
        n = placed.first - 1
        while n >= 0 and stream.kinds[n] not in (MARK, SEP):
            if stream.kinds[n] == REAL and not stream.text[n].isspace():
                return  # it shares its paragraph with the provision before it
            n -= 1
        end = placed.end
        if end < len(stream.kinds) and stream.kinds[end] == MARK:
            if move:
                self.plan.body.moved.append((end, end + 1, move))
            else:
                self.plan.body.inserted.append((end, end + 1))

    # --- the old side -----------------------------------------------------------------

    def _deletions(self, blocks: list[LayoutBlock], stable: set[int]) -> None:
        """Old provisions with no place in the new draft, each after the one it followed."""
        by_old = {id(b.old): b for b in blocks if b.old is not None}
        anchor: _Placed | None = None
        # Whole old paragraphs go before any change inside the paragraph they stand before.
        inline, self.plan.body.deletions = self.plan.body.deletions, []
        for provision in self.comparison.old_round.walk():
            block = by_old.get(id(provision))
            if block is None:
                continue
            if id(block) in stable and block.new is not None:
                anchor = self.placed.get(id(block), anchor)
                continue
            where = self._after(anchor)
            lines = _old_lines(provision, block.old_top, apart=self.heading_apart)
            if lines:
                text = "\n".join(lines)
                deletion = (where, text + "\n") if where < len(self.body.stream.text) else (where, "\n" + text)
                move = self.moves.get(id(block), 0)
                if move:
                    self.plan.body.moved_from[len(self.plan.body.deletions)] = move
                self.plan.body.deletions.append(deletion)
                self.placed.setdefault(-id(block), _Placed(first=where, end=where))
            if provision.notes:
                self._deleted_notes(provision, anchor.notes_end if anchor is not None else 0)
        self.plan.body.deletions.extend(inline)

    def _after(self, anchor: _Placed | None) -> int:
        """The start of the paragraph after ``anchor``'s last one (the end when there is none)."""
        stream = self.body.stream
        if anchor is None:
            return 0
        n = anchor.end
        while n < len(stream.kinds) and stream.kinds[n] not in (MARK, SEP):
            n += 1
        return min(n + 1, len(stream.text))

    def _deleted_notes(self, old: Provision, where: int) -> None:
        lines = [_NOTE_MARKER.sub("", line) for line in _without(old.notes or "", self.dropped).split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            self.plan.notes.deletions.append((where, ("\n" + text) if where else (text + "\n")))

    # --- findings ---------------------------------------------------------------------

    def _comments(self, blocks: list[LayoutBlock], stable: set[int]) -> None:
        by_key = {b.pair.key: b for b in blocks if b.pair is not None}
        for number, finding in enumerate(self.findings):
            block = by_key.get(finding.pair_key)
            start, end = self._anchor(finding, block, stable)
            self.plan.body.comments.append((start, end, number))

    def _anchor(self, finding: Finding, block: LayoutBlock | None, stable: set[int]) -> tuple[int, int]:
        placed = self.placed.get(id(block)) if block is not None else None
        if block is not None and placed is not None and placed.text is not None and block.new is not None:
            span = finding.new_span
            if span is not None and 0 <= span.start < span.end <= len(block.new.text):
                return placed.text.position(span.start), placed.text.position(span.end)
            old_span = finding.old_span
            if old_span is not None and block.pair is not None and id(block) in stable and block.old is not None:
                segments = _rebuilt(block.pair.segments, block.old.text, block.new.text, self.comparison)
                return (_old_position(segments, placed.text, old_span.start),
                        _old_position(segments, placed.text, old_span.end))
        if block is not None and -id(block) in self.placed:
            where = self.placed[-id(block)].first
            return where, where
        if placed is not None and placed.first >= 0:
            return placed.first, max(placed.end, placed.first + 1)
        return 0, 1


def _label_segments(old: str, new: str, options: CompareOptions) -> Sequence[Segment]:
    """The word diff of a typed label, as :func:`diff_text` makes it, without its engine in
    the usual case: a renumbered label ("Article 5" → "Article 6", "4." → "5.") differs in one
    word, which is deleted and inserted between the words the two share."""
    old_tokens = [token for token, _ in tokenize(old, numbers_as_words=False)]
    new_tokens = [token for token, _ in tokenize(new, numbers_as_words=False)]
    changed = [n for n, (a, b) in enumerate(zip(old_tokens, new_tokens, strict=False)) if a != b]
    if len(old_tokens) != len(new_tokens) or len(changed) != 1 or "(" in old or "(" in new:
        return diff_text(old, new, options)  # a number spelled out ("(30)") may be read as a figure
    n = changed[0]
    deleted, inserted = old_tokens[n], new_tokens[n]
    if not (_WORD.match(deleted) and _WORD.match(inserted)) or (options.ignore_case and deleted.casefold() == inserted.casefold()):
        return diff_text(old, new, options)  # spacing, punctuation or case: what the options may ignore
    head, tail = "".join(old_tokens[:n]), "".join(old_tokens[n + 1:])
    return tuple(segment for segment in (Segment(Op.EQUAL, head), Segment(Op.DELETE, deleted), Segment(Op.INSERT, inserted),
                                         Segment(Op.EQUAL, tail)) if segment.text)


def _old_position(segments: Sequence[Segment], match: Match, target: int) -> int:
    """Where the old side's character ``target`` stands in the stream (a deletion's place)."""
    old = new = 0
    for segment in segments:
        size = len(segment.text)
        if segment.op is Op.INSERT:
            new += size
            continue
        if old + size > target:
            return match.position(new + (target - old if segment.op is Op.EQUAL else 0))
        old += size
        if segment.op is Op.EQUAL:
            new += size
    return match.position(new)


def _old_lines(provision: Provision, top: bool, *, apart: bool = False) -> list[str]:
    """An old provision as the paragraphs a reader saw: its label when typed, heading, text
    (the label and heading on one line, or on two when the draft writes them so)."""
    lines: list[str] = []
    label = provision.label
    typed = top and not _NUMBERISH.match(label) and ", " not in label and provision.kind.value != "preamble"
    heads = [x for x in ((label if typed else ""), provision.heading or "") if x]
    lines.extend(heads if apart else [" ".join(heads)] if heads else [])
    lines.extend(line for line in provision.text.split("\n") if line)
    return lines


def plan_source(comparison: Comparison, body: Stream, notes: Stream, findings: Sequence[Finding]) -> SourcePlan:
    """The edits that turn the new draft into its redline against the old round.

    A note whose reference the body deletes is no change to a neighbouring note: the plan is
    made again without it among the old notes, and the deleted reference carries its old text
    (the adapter writes it back as a note of its own, deleted, where it stood).
    """
    plan = _Planner(comparison, body, notes, findings).run()
    gone = _deleted_references(plan.body.deletions, comparison)
    if not gone:
        return plan
    plan = _Planner(comparison, body, notes, findings, frozenset(gone)).run()
    plan.body.deleted_notes.update(gone)
    return plan


def _deleted_references(deletions: Sequence[tuple[int, str]], comparison: Comparison) -> dict[str, str]:
    """Note markers in deleted body text ("[^2]"), each with its old note's text."""
    if not any("[^" in text for _, text in deletions):
        return {}  # no note reference deleted (most redlines): no need to read the old notes
    old: dict[str, str] = {}
    twice: set[str] = set()
    for provision in comparison.old_round.walk():
        for line in (provision.notes or "").split("\n"):
            marker = _NOTE_MARKER.match(line)
            if marker is None:
                continue
            key = marker.group().strip()
            if key in old:
                twice.add(key)  # a footnote and an endnote numbered alike: left as text
            old[key] = line[marker.end():]
    return {key: old[key] for _, text in deletions for key in _REFERENCE.findall(text)
            if key in old and key not in twice}


def _without(notes: str, dropped: frozenset[str]) -> str:
    if not dropped:
        return notes
    def kept(line: str) -> bool:
        marker = _NOTE_MARKER.match(line)
        return marker is None or marker.group().strip() not in dropped

    return "\n".join(line for line in notes.split("\n") if kept(line))


def _drop_renumbering(edits: Edits, stream: Stream) -> None:
    """Numbers are Word's: an old number the diff deletes next to a computed one is no text.

    A deletion standing right before a computed number ("(b) " where the old draft had
    "(a) ") loses its leading number; one inside a number, or replaced by one, is dropped.
    """
    kinds = stream.kinds
    inserted_at = {start: end for start, end in edits.inserted}
    kept: list[tuple[int, str]] = []
    for position, text in edits.deletions:
        inside = 0 < position < len(kinds) and kinds[position] in _COMPUTED and kinds[position - 1] in _COMPUTED
        replaced = position in inserted_at and all(kinds[n] in _COMPUTED for n in range(position, inserted_at[position]))
        if (inside or replaced) and _NUMBERISH.match(text.strip() or "x") and "\n" not in text:
            continue
        if position < len(kinds) and kinds[position] == VIRTUAL:
            # At a numbered paragraph: the old numbers at its line starts were Word's too.
            lines = text.split("\n")
            first = lines[0] if inside else _LABEL_TOKEN.sub("", lines[0], count=1)
            text = "\n".join([first, *(_LABEL_TOKEN.sub("", line, count=1) for line in lines[1:])])
        if text:
            kept.append((position, text))
    edits.deletions[:] = kept
