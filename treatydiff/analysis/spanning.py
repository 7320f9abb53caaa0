"""A bracket that spans paragraphs: one "[" before an option's first paragraph and one "]"
after its last, so that the paragraphs between stand unagreed although none holds a bracket of
its own.  Read by the analysis beside :mod:`.brackets`, which counts the brackets of one text.
"""

from __future__ import annotations

from ..model import Round
from .brackets import BRACKET_TOKEN, line_start


def _strays(text: str) -> tuple[list[int], list[int]]:
    """(offsets of the "]" that close nothing, offsets of the "[" that nothing closes)."""
    closers: list[int] = []
    stack: list[int] = []
    for token in BRACKET_TOKEN.finditer(text):
        if token.group(0) == "[":
            stack.append(token.start())
        elif token.group(0) == "]":
            if stack:
                stack.pop()
            else:
                closers.append(token.start())
    return closers, stack


def spanning_brackets(round_: Round) -> dict[str, tuple[int, int]]:
    """Provision id → the part of its text inside a bracket that spans paragraphs.

    Drafts bracket a whole option of several paragraphs with one "[" before its first paragraph
    and one "]" after its last ("1. [All Parties …" … "4. … concerned.]"): the paragraphs
    between stand unagreed although none holds a bracket of its own.  A bracket is taken to span
    only when it opens a line of a paragraph, the next paragraphs of the same article hold no stray
    bracket, and one of them ends on the "]" that closes it; any other unbalanced bracket is a
    slip of the drafter, not a bracket around what follows.
    """
    out: dict[str, tuple[int, int]] = {}
    for top in round_.provisions:
        if not top.paragraphs:
            continue
        parts = list(top.walk())
        if not any("[" in p.text for p in parts):
            continue
        depth = 0
        pending: dict[str, tuple[int, int]] = {}  # inside the open bracket, until a "]" confirms it
        for part in parts:
            closers, openers = _strays(part.text)
            if depth > 0 and closers and closers[-1] == len(part.text.rstrip()) - 1:
                out.update(pending)
                out[part.id] = (0, len(part.text))
                pending, depth = {}, 0
                continue
            if depth > 0 and not closers and not openers:
                pending[part.id] = (0, len(part.text))
                continue
            # Only a "[" that nothing in the paragraph closes, at the start of one of its lines
            # (after an "Option 2:" heading), opens the span.
            pending, depth = {}, 0
            if not closers and len(openers) == 1 and line_start(part.text, openers[0]):
                depth = 1
                pending[part.id] = (openers[0], len(part.text))
    return out
