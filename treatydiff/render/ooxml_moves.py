"""Word's moves: the ``w:moveFrom``/``w:moveTo`` wrappers of one moved piece, and the named
ranges that pair them.

Part of the one OOXML adapter, used by :class:`~treatydiff.render.ooxml_revise.Reviser`, which
writes the old text of a move as ``w:moveFrom`` (instead of ``w:del``) and wraps the moved
runs in ``w:moveTo``.  When every paragraph is written, :meth:`Moves.close` puts a
``w:moveFromRangeStart``/``End`` around the first and last old wrappers and a
``w:moveToRangeStart``/``End`` around the new ones, with one name per move (Word pairs the two
sides by it).  A move with only one side left (its old text had no words, or its new text was
all Word's numbers) is no move: its wrappers become a plain deletion or insertion, so no range
stands without its pair.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from lxml import etree

from .ooxml_package import W


@dataclass
class Moves:
    froms: dict[int, list[etree._Element]] = field(default_factory=dict)
    tos: dict[int, list[etree._Element]] = field(default_factory=dict)
    from_marks: dict[int, list[etree._Element]] = field(default_factory=dict)
    to_marks: dict[int, list[etree._Element]] = field(default_factory=dict)

    def wrap(self, runs: Sequence[tuple[etree._Element, int]], new_id: Callable[[], str], who: Mapping[str, str]) -> None:
        """Wrap each stretch of runs of one move (an inserted run with its ``w:ins``) in ``w:moveTo``."""
        wrapper: etree._Element | None = None
        current = 0
        for run, move in runs:
            if not move:
                wrapper = None
                continue
            parent = run.getparent()
            node = parent if parent is not None and parent.tag == W + "ins" else run
            if wrapper is not None and node.getparent() is wrapper:
                continue  # the second run of an insertion already wrapped
            if wrapper is not None and move == current and wrapper.getnext() is node:
                wrapper.append(node)
                continue
            wrapper = etree.Element(W + "moveTo", {W + "id": new_id(), **who})
            node.addprevious(wrapper)
            wrapper.append(node)
            current = move
            self.tos.setdefault(move, []).append(wrapper)

    def close(self, new_id: Callable[[], str], who: Mapping[str, str]) -> None:
        for move in sorted(set(self.froms) | set(self.tos) | set(self.from_marks) | set(self.to_marks)):
            froms, tos = self.froms.get(move, []), self.tos.get(move, [])
            if not froms or not tos:
                for element in (*froms, *self.from_marks.get(move, [])):
                    element.tag = W + "del"
                for element in (*tos, *self.to_marks.get(move, [])):
                    element.tag = W + "ins"
                continue
            name = f"move{move}"
            for side, wrappers in (("moveFrom", froms), ("moveTo", tos)):
                number = new_id()
                start = etree.Element(W + side + "RangeStart", {W + "id": number, **who, W + "name": name})
                end = etree.Element(W + side + "RangeEnd", {W + "id": number})
                wrappers[0].addprevious(start)
                wrappers[-1].addnext(end)
