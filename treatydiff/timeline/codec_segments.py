"""Segments in a cache entry: two integers each, never text, their words cut from the rounds'
own texts when read back (so an entry cannot show words the files lack)."""

from __future__ import annotations

from typing import Any

from ..model import Op, Segment
from .codec import invalid

# A stored segment is two integers, never text: an operation code (+4 when ignorable) and a
# length.  Its words are sliced from the rounds' own texts (equal and deleted runs from the old
# text, equal and inserted runs from the new, the invariant of ClausePair), so an entry cannot
# show words the files lack, and entries are a fraction of the size (fast to parse).
_EQUAL, _INSERT, _DELETE, _IGNORABLE = 0, 1, 2, 4
_CODES = {Op.EQUAL: _EQUAL, Op.INSERT: _INSERT, Op.DELETE: _DELETE}


def implied(old: str | None, new: str | None) -> tuple[Segment, ...]:
    """The segments an unchanged, added or deleted text always has."""
    if old is not None and new is not None:
        return (Segment(Op.EQUAL, new),) if old == new and new else (() if old == new else (Segment(Op.DELETE, "\\0"),))
    if new:
        return (Segment(Op.INSERT, new),)
    if old:
        return (Segment(Op.DELETE, old),)
    return ()


def segments_out(segments: tuple[Segment, ...], old: str | None, new: str | None) -> list[int] | None:
    if segments == implied(old, new):
        return None
    flat: list[int] = []
    codes = _CODES
    for segment in segments:
        flat.append(codes[segment.op] | (_IGNORABLE if segment.ignorable else 0))
        flat.append(len(segment.text))
    return flat


def segments_in(data: list[int] | None, old: str | None, new: str | None) -> tuple[Segment, ...]:
    """Segments rebuilt from their codes and lengths by slicing the texts (checked on load)."""
    if data is None:
        return implied(old, new)
    old_text, new_text = old or "", new or ""
    at_old = at_new = 0
    out: list[Segment] = []
    for n in range(0, len(data), 2):
        code, length = data[n], data[n + 1]
        op = code & 3
        if op == _EQUAL:
            out.append(Segment(Op.EQUAL, new_text[at_new : at_new + length], bool(code & _IGNORABLE)))
            at_old += length
            at_new += length
        elif op == _INSERT:
            out.append(Segment(Op.INSERT, new_text[at_new : at_new + length], bool(code & _IGNORABLE)))
            at_new += length
        else:
            out.append(Segment(Op.DELETE, old_text[at_old : at_old + length], bool(code & _IGNORABLE)))
            at_old += length
    return tuple(out)


def check_segments(data: Any, old: str | None, new: str | None) -> None:
    """Stored segments must cover exactly the texts the rounds hold, and an equal run must be
    the same words on both sides."""
    if type(data) is not list or len(data) % 2:
        invalid("malformed segments")
    old_text, new_text = old or "", new or ""
    at_old = at_new = 0
    for n in range(0, len(data), 2):
        code, length = data[n], data[n + 1]
        if type(code) is not int or type(length) is not int or length < 0 or not 0 <= code <= 6 or code & 3 == 3:
            invalid("a malformed segment")
        op = code & 3
        if op == _EQUAL:
            if at_old + length > len(old_text) or not old_text.startswith(new_text[at_new : at_new + length], at_old):
                invalid("an equal run that differs between the texts")
            at_old += length
            at_new += length
        elif op == _INSERT:
            at_new += length
        else:
            at_old += length
    if at_old != len(old_text) or at_new != len(new_text):
        invalid("segments that do not cover the rounds' texts")
    if (old is None and at_old) or (new is None and at_new):
        invalid("segments on a missing side")
