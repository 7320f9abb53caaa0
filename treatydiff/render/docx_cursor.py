"""Where the comparison's text stands in the new draft: a cursor over a
:class:`~treatydiff.render.ooxml_source.Stream` that finds each piece in order.

Pure and OOXML-free, used by :mod:`treatydiff.render.docx_source`.  A piece is found at or
after the cursor with no word of the draft skipped on the way (numbers Word computes and
paragraph marks may be); a piece the draft interrupts with a computed number ("Option 1",
then "1." and its text) is found character by character around it.  When a piece is not where
the comparison puts it, :class:`Unmapped` says which: the caller then writes the rebuilt
redline rather than one that would lose or misplace text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .ooxml_source import MARK, SEP, VIRTUAL, Stream

# A letter or digit: exactly what str.isalnum accepts (``\w`` is isalnum or "_").
_ALNUM = re.compile(r"[^\W_]")
_NOT_TEXT = (VIRTUAL, MARK, SEP)


class Unmapped(Exception):
    """A provision of the comparison, or text of the draft, has no place in the other."""


@dataclass(frozen=True)
class Match:
    """A piece found: its first and last stream positions, and each character's own when
    computed numbers stand between them."""

    start: int
    end: int
    where: tuple[int, ...] | None  # stream position of each character, when not contiguous

    def position(self, offset: int) -> int:
        if self.where is None:
            return self.start + offset
        if offset >= len(self.where):
            return self.end
        return self.where[offset]


@dataclass
class Cursor:
    """Finds pieces of text in ``stream`` (the draft's ``name``: its body, or its notes) in
    order, each after the last."""

    stream: Stream
    name: str
    at: int = 0

    def clean(self, start: int, end: int) -> bool:
        """No word of the draft between ``start`` and ``end`` (numbers and marks may be)."""
        text, kinds = self.stream.text, self.stream.kinds
        # Only letters and digits can be a word: the pattern finds them in C (usually none).
        found = _ALNUM.search(text, start, end)
        while found is not None:
            if kinds[found.start()] not in _NOT_TEXT:
                return False
            found = _ALNUM.search(text, found.end(), end)
        return True

    def find(self, piece: str) -> Match | None:
        text, kinds = self.stream.text, self.stream.kinds
        start = text.find(piece, self.at)
        if start >= 0 and self.clean(self.at, start):
            return self._take(Match(start, start + len(piece), None))
        # Numbers Word computes stand between the lines ("Option 1", then "1." and its text).
        head = piece.split("\n", 1)[0][:60]
        start = text.find(head, self.at) if head else -1
        if start < 0 or not self.clean(self.at, start):
            return None
        where: list[int] = []
        j = start
        for char in piece:
            while j < len(text) and text[j] != char and kinds[j] == VIRTUAL:
                j += 1
            if j >= len(text) or text[j] != char:
                return None
            where.append(j)
            j += 1
        return self._take(Match(start, j, tuple(where)))

    def _take(self, match: Match) -> Match:
        self.at = match.end
        return match

    def require(self, piece: str, what: str) -> Match:
        match = self.find(piece)
        if match is None:
            preview = piece[:70].replace("\n", " / ")
            raise Unmapped(f"{what} (“{preview}”) is not where the comparison puts it in the draft's {self.name}")
        return match

    def finish(self) -> None:
        if not self.clean(self.at, len(self.stream.text)):
            tail = self.stream.text[self.at:self.at + 70].replace("\n", " / ")
            raise Unmapped(f"text of the draft's {self.name} belongs to no provision: “{tail.strip()}”")
