"""What a sentence commits to, as a frame: who is bound, by which duty word, to do what.

Licences and terms of service are redrafted whole between versions ("You may not offer or impose
any terms on the Work that restrict …" → "You may not offer or impose any additional or
different terms or conditions on … the Licensed Material if …"), often with the sentence moved
into another section.  Too few of their words stand for :mod:`.moves` to see one sentence at the
likeness of a moved one, so the same commitment came out deleted in one place and added in
another: two false findings for a duty that is still there.  A deleted and an added commitment
whose frames agree (who is bound, whether the duty word is negated, the action it binds to and
the first word of its object) are one rewritten sentence at a lower likeness; :mod:`.moves`
pairs them, under the same rule that no rival comes close.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .hits import duty_words
from .lexicon import Lexicon
from .pairstate import CLOSERS
from .parties import subject_phrase

# Two commitments whose frames agree are one rewritten sentence when this share of their words
# stands in order on both sides (a moved sentence needs 0.6, see :mod:`..diff.anchors`).
REWRITTEN = 0.3
# What a duty word binds to: the first word after it, past a negation, a passive "be",
# adverbs and determiners ("shall not be bound", "may also offer", "waives any right"), then
# the first word of its object, past prepositions too ("include a copy of" is not "include the
# text of", "use the Personal Information" not "use such Confidential Information").
_SKIP = r"not|also|only|further|hereby|expressly|be|the|a|an|any|all|such|its|their|this|these|that|those|your|our|\w+ly"
_ACTION = re.compile(rf"(?:\s+(?:{_SKIP}))*\s+(\w+)(?:[\s,]+(?:{_SKIP}|by|to|of|in|on|for|with|from|under|and|or))*[\s,]+(\w+)", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Frame:
    """Who is bound, by which family of duty word, negated or not, to do what."""

    subject: str
    family: str
    negated: bool
    action: str
    object: str


def frame(sentence: str, lexicon: Lexicon, at: int | None = None) -> Frame | None:
    """The frame of a sentence's first duty word (or of the one that starts at offset ``at``),
    or None when it holds none or when the sentence is a chapeau ("you agree that you will not
    under any circumstances:"), whose action stands in the items under it."""
    if sentence.rstrip(CLOSERS).endswith(":"):
        return None
    duty = next((d for d in duty_words(lexicon, sentence) if at is None or d.start == at), None)
    action = _ACTION.match(sentence, duty.end) if duty is not None else None
    if duty is None or action is None:
        return None
    subject = _ARTICLE.sub("", " ".join(subject_phrase(sentence, duty.start).casefold().split()))
    return Frame(subject, duty.family, duty.negated, action.group(1).casefold(), action.group(2).casefold())


__all__ = ["REWRITTEN", "Frame", "frame"]
