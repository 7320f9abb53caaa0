"""Plain-text outlines: "Section 1 – Definitions." headings over indented lettered and numbered
items ("a.", then "1.", then "A."), the layout of licences typed as an outline.

The structure builder reads a heading whose title closes with a full stop as a sentence, and
indented lines as text of the paragraph above them: an outline would come out as one flat run
of paragraphs.  This pass, run on the blocks before the builder, reads such a draft as one:

* a heading form ("Section N – Title.", "Article N - Title", "SECTION N. TITLE") is a heading
  only where the draft uses it for a run of at least two headings of one word numbered upwards,
  so a one-off sentence ("Section 3 of this Act …") never becomes one; its closing full stop
  is presentation, like the dash, and is left out of the heading;
* under such a heading, an item indented deeper than the heading becomes a numbered paragraph
  labelled by its path of markers, "(a)", "(a)(1)", "(a)(1)(A)", which cites as the draft's own
  cross-references do ("Section 2(a)(1)(A)"); its depth is its indentation, not its marker
  (the "i." of a list of definitions is a letter, the "i." under "A." a roman number);
* items deeper than :data:`MAX_DEPTH` stay lines of their paragraph, like "(i)" sub-items
  everywhere else in the tool.

Only the numbering that becomes a label and a heading's closing full stop leave the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from .blocks import Block
from .patterns import (
    ANNEX_RE,
    APPLY_RE,
    ARTICLE_RE,
    OUTLINE_HEADING_RE,
    OUTLINE_ITEM_RE,
    PARAGRAPH_RE,
    SECTION_RE,
    short_title,
    unwrap,
)

# "(a)(1)(A)" cites in full ("Section 2(a)(1)(A)"); one level more would not (model.cite gives
# up on labels longer than eight characters), and the tool keeps finer sub-items as lines.
MAX_DEPTH = 3
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _number(written: str) -> int:
    if written.isdigit():
        return int(written)
    values = [_ROMAN[c] for c in written]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _heading(block: Block) -> tuple[str, int] | None:
    """(the heading's word, its number) when the block opens with a heading of the family."""
    if block.verbatim or block.markup or block.heading_level is not None or block.number is not None:
        return None
    match = OUTLINE_HEADING_RE.match(unwrap(block.text.partition("\n")[0]))
    title = (match.group("title") or match.group("caps") or "") if match else ""
    if match is None or not short_title(title) or ". " in title:  # a title, not sentences
        return None
    return match.group("word").casefold(), _number(match.group("number"))


def _families(blocks: Sequence[Block]) -> set[int]:
    """Indexes of the blocks that are headings of a family the draft uses consistently."""
    found: dict[str, list[tuple[int, int]]] = {}
    for index, block in enumerate(blocks):
        heading = _heading(block)
        if heading is not None:
            found.setdefault(heading[0], []).append((index, heading[1]))
    members: set[int] = set()
    for run in found.values():
        numbers = [number for _, number in run]
        if len(run) >= 2 and all(a < b for a, b in pairwise(numbers)):
            members.update(index for index, _ in run)
    return members


def _heading_blocks(block: Block) -> list[Block]:
    """The heading on a line of its own without its closing full stop; text under it on the
    same block becomes a block of its own."""
    first, _, rest = block.text.partition("\n")
    line = unwrap(first)
    match = OUTLINE_HEADING_RE.match(line)
    if match is not None and match.group("stop"):
        first = line[: match.start("stop")]
    out = [replace(block, text=first, notes=() if rest else block.notes)]
    if rest:
        out.append(replace(block, text=rest))
    return out


def _ends_outline(block: Block) -> bool:
    """Another kind of heading (an annex, an article of another form): its items are not ours.
    A sentence that starts like one ("Section 3 of this Act applies.") ends nothing."""
    if block.verbatim or block.markup or block.nested:
        return False
    first = unwrap(block.text.partition("\n")[0])
    if APPLY_RE.match(first):
        return True
    for regex in (ARTICLE_RE, ANNEX_RE, SECTION_RE):
        match = regex.match(first)
        if match is not None:
            rest = match.group(3).strip()
            return not rest or (short_title(rest) and not rest.endswith((".", ";", ",", ":")) and not rest[0].islower())
    return False


def _numbered_by_builder(blocks: Sequence[Block], start: int, members: set[int]) -> bool:
    """The section opened at ``start`` has numbered paragraphs the builder reads ("3.1. …"
    unindented): indented items there are sub-items of those paragraphs and stay their lines."""
    for index in range(start + 1, len(blocks)):
        block = blocks[index]
        if index in members or _ends_outline(block):
            return False
        if not (block.verbatim or block.markup or block.nested or block.loose) and PARAGRAPH_RE.match(block.text):
            return True
    return False


def read_outline(blocks: Sequence[Block]) -> list[Block]:
    """The blocks with the outline's headings and items made plain to the structure builder;
    a draft with no consistent heading family comes back unchanged."""
    members = _families(blocks)
    if not members:
        return list(blocks)
    out: list[Block] = []
    heading_indent: int | None = None  # None: outside an outline section
    path: list[tuple[int, str]] = []  # (indent, marker) of the items enclosing the next one
    for index, block in enumerate(blocks):
        if index in members:
            heading_indent, path = block.indent, []
            if _numbered_by_builder(blocks, index, members):
                heading_indent = None
            out.extend(_heading_blocks(block))
            continue
        if heading_indent is not None and _ends_outline(block):
            heading_indent = None
        item = OUTLINE_ITEM_RE.match(block.text)
        plain = not (block.verbatim or block.markup) and block.heading_level is None and block.number is None
        if heading_indent is None or item is None or block.indent <= heading_indent or not plain:
            out.append(block)
            continue
        while path and path[-1][0] >= block.indent:
            path.pop()
        path.append((block.indent, item.group("marker")))
        if len(path) > MAX_DEPTH:
            out.append(replace(block, nested=True, loose=False))  # a line of its paragraph
            continue
        label = "".join(f"({marker})" for _, marker in path)
        out.append(replace(block, text=item.group("body"), number=label, number_level=len(path) - 1, nested=False, loose=False))
    return out
