"""Editorial changes: edits that move no position and must never be flagged.

Spelling variants (recognise/recognize), "thirty (30) days" → "30 days", synonyms without
legal weight (commence/begin), case, spacing, punctuation and reordered coordinated words
("Baku and Yerevan" → "Yerevan and Baku") all compare equal here.
"""

from __future__ import annotations

import re

from .hits import find_hits
from .lexicon import Lexicon, Replacement
from .memo import Memo
from .regexread import DIGITS, canonical

_PUNCTUATION = re.compile(r"[^\w\s\[\]]", re.UNICODE)


_WORD = re.compile(r"\w+")


def _may_apply(rewrite: Replacement, text: str, words: frozenset[str]) -> bool:
    """False when ``rewrite`` cannot match ``text`` (whose canonical words are ``words``)."""
    if rewrite.words is not None and DIGITS not in rewrite.words and rewrite.words.isdisjoint(words):
        return False
    return not rewrite.anchors or any(anchor in text for anchor in rewrite.anchors)


_NORMALISED: Memo[tuple[Lexicon, str], str] = Memo(4096)


def normalise(lexicon: Lexicon, text: str) -> str:
    """The words of ``text`` as the analysis reads them, editorial differences removed."""
    return _NORMALISED.get((lexicon, text), lambda: _normalise(lexicon, text))


def _normalise(lexicon: Lexicon, text: str) -> str:
    out = text.casefold()
    words = frozenset(_WORD.findall(canonical(out)))
    for rewrite in lexicon.replacements:
        # A rewrite that cannot match is skipped: its regex costs more than the test.
        if _may_apply(rewrite, out, words):
            rewritten = rewrite.pattern.sub(rewrite.replacement, out)
            if rewritten != out:
                out = rewritten
                if rewrite.replacement.startswith("\x00"):
                    # A delimited token joins no neighbour: the words grow by its own (a superset
                    # of the text's words is all the skip test needs).
                    words = words | frozenset(_WORD.findall(canonical(rewrite.replacement)))
                else:
                    words = frozenset(_WORD.findall(canonical(out)))
    numbers = lexicon.number_words
    if numbers is not None and _may_apply(numbers, out, words):
        values = dict(lexicon.numbers)
        out = numbers.pattern.sub(lambda m: str(values.get(" ".join(m.group(0).split()), m.group(0))), out)
    out = out.replace("\x00", " ")
    out = _PUNCTUATION.sub(" ", out.replace("_", " "))
    return " ".join(out.split())


def _signature(lexicon: Lexicon, text: str) -> list[tuple[str, int, bool]]:
    return [(h.family, h.rank, h.negated) for h in find_hits(lexicon, text) if h.kind in ("ladder", "marker", "urgency", "deadline")]


def editorial_only(lexicon: Lexicon, old: str, new: str) -> bool:
    """True when ``old`` and ``new`` differ only editorially."""
    if old == new:
        return True
    a, b = normalise(lexicon, old), normalise(lexicon, new)
    if a == b:
        return True
    # The same words in another order, with the same rule words in the same order.
    return sorted(a.split()) == sorted(b.split()) and _signature(lexicon, old) == _signature(lexicon, new)
