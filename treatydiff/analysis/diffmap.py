"""Where a pair's word diff changed each text, and how old offsets map onto the new text.

The word diff gives segments; the rules need, for any character offset, whether it was
changed (ignorable segments count as unchanged), which *region* of change it belongs to (a
maximal run of changes between equal text), and where an old offset lands in the new text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Op, Segment


@dataclass(frozen=True)
class Block:
    """A stretch of the alignment: equal text (in both) or a change (possibly one-sided)."""

    old_start: int
    old_end: int
    new_start: int
    new_end: int
    equal: bool
    region: int  # index of the change region; equal blocks carry the preceding region's index


@dataclass(frozen=True)
class DiffMap:
    blocks: tuple[Block, ...]
    old_changed: tuple[bool, ...]
    new_changed: tuple[bool, ...]
    old_region: tuple[int, ...]  # region index per old char (-1 where unchanged)
    new_region: tuple[int, ...]

    def old_touched(self, start: int, end: int) -> bool:
        return any(self.old_changed[start:end])

    def new_touched(self, start: int, end: int) -> bool:
        return any(self.new_changed[start:end])

    def regions_old(self, start: int, end: int) -> set[int]:
        return {r for r in self.old_region[start:end] if r >= 0}

    def regions_new(self, start: int, end: int) -> set[int]:
        return {r for r in self.new_region[start:end] if r >= 0}

    def to_new(self, offset: int) -> int:
        """Where an old offset lands in the new text (a change maps to its insertion point)."""
        starts = [b.old_start for b in self.blocks]
        i = max(0, bisect_right(starts, offset) - 1)
        for block in self.blocks[i:]:
            if block.old_start <= offset < block.old_end or (block.old_start == block.old_end == offset):
                if block.equal:
                    return min(block.new_end, block.new_start + offset - block.old_start)
                return block.new_start
            if block.old_start > offset:
                return block.new_start
        return self.blocks[-1].new_end if self.blocks else 0

    def to_old(self, offset: int) -> int:
        starts = [b.new_start for b in self.blocks]
        i = max(0, bisect_right(starts, offset) - 1)
        for block in self.blocks[i:]:
            if block.new_start <= offset < block.new_end or (block.new_start == block.new_end == offset):
                if block.equal:
                    return min(block.old_end, block.old_start + offset - block.new_start)
                return block.old_start
            if block.new_start > offset:
                return block.old_start
        return self.blocks[-1].old_end if self.blocks else 0


def build(segments: Sequence[Segment], old_length: int, new_length: int) -> DiffMap:
    blocks: list[Block] = []
    old_changed = [False] * old_length
    new_changed = [False] * new_length
    old_region = [-1] * old_length
    new_region = [-1] * new_length
    o = n = 0
    region = -1
    in_change = False
    skip = False
    for k, segment in enumerate(segments):
        size = len(segment.text)
        if skip:
            skip = False
            continue
        following = segments[k + 1] if k + 1 < len(segments) else None
        if segment.op == Op.DELETE and following is not None and following.op == Op.INSERT and not segment.ignorable \
                and len(following.text) == size and following.text.lower() == segment.text.lower():
            # "THIS LIMITATION OF LIABILITY" → "This limitation of liability": a change of
            # case moves no position; the analysis reads it as kept text (the redline shows it).
            blocks.append(Block(o, o + size, n, n + size, True, region))
            o, n = o + size, n + size
            in_change = False
            skip = True
            continue
        if segment.op == Op.EQUAL or segment.ignorable:
            in_change = False
            if segment.op == Op.EQUAL:
                blocks.append(Block(o, o + size, n, n + size, True, region))
                o, n = o + size, n + size
            elif segment.op == Op.DELETE:
                blocks.append(Block(o, o + size, n, n, True, region))
                o += size
            else:
                blocks.append(Block(o, o, n, n + size, True, region))
                n += size
            continue
        if not in_change:
            region += 1
            in_change = True
        if segment.op == Op.DELETE:
            blocks.append(Block(o, o + size, n, n, False, region))
            for k in range(o, min(o + size, old_length)):
                old_changed[k] = True
                old_region[k] = region
            o += size
        else:
            blocks.append(Block(o, o, n, n + size, False, region))
            for k in range(n, min(n + size, new_length)):
                new_changed[k] = True
                new_region[k] = region
            n += size
    return DiffMap(tuple(blocks), tuple(old_changed), tuple(new_changed), tuple(old_region), tuple(new_region))
