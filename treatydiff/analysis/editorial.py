"""Editorial changes: edits that move no position and must never be flagged.

Spelling variants (recognise/recognize), "thirty (30) days" → "30 days", synonyms without
legal weight (commence/begin), case, spacing, punctuation and reordered coordinated words
("Baku and Yerevan" → "Yerevan and Baku") all compare equal here.
"""

from __future__ import annotations

import re
from functools import cache

from .hits import find_hits
from .lexicon import Lexicon, phrase_regex

_PUNCTUATION = re.compile(r"[^\w\s\[\]]", re.UNICODE)


@cache
def _replacements(lexicon: Lexicon) -> tuple[tuple[re.Pattern[str], str], ...]:
    out: list[tuple[re.Pattern[str], str]] = []
    numbers = sorted(lexicon.numbers, key=lambda nv: -len(nv[0]))
    if numbers:
        words = "|".join(re.escape(name).replace(r"\ ", r"\s+") for name, _ in numbers)
        # "thirty (30)" says the number twice: keep the figure.
        out.append((re.compile(phrase_regex(f"(?:{words})") + r"\s*\((\d+)\)", re.IGNORECASE), r"\1"))
    for group in lexicon.equivalences:
        members = sorted(group, key=len, reverse=True)
        alternatives = "|".join(re.escape(m.casefold()).replace(r"\ ", " ") for m in members)
        out.append((re.compile(phrase_regex(alternatives), re.IGNORECASE), "\x00" + group[0].casefold().replace(" ", "_") + "\x00"))
    return tuple(out)


def normalise(lexicon: Lexicon, text: str) -> str:
    """The words of ``text`` as the analysis reads them, editorial differences removed."""
    out = text.casefold()
    for pattern, replacement in _replacements(lexicon):
        out = pattern.sub(replacement, out)
    values = dict(lexicon.numbers)
    if values:
        words = "|".join(re.escape(name).replace(r"\ ", r"\s+") for name, _ in sorted(values.items(), key=lambda nv: -len(nv[0])))
        out = re.sub(phrase_regex(f"(?:{words})"), lambda m: str(values.get(" ".join(m.group(0).split()), m.group(0))), out)
    out = out.replace("\x00", " ")
    out = _PUNCTUATION.sub(" ", out.replace("_", " "))
    return " ".join(out.split())


def _signature(lexicon: Lexicon, text: str) -> list[tuple[str, int, bool]]:
    return [(h.family, h.rank, h.negated) for h in find_hits(lexicon, text) if h.kind in ("ladder", "marker", "urgency", "deadline")]


def editorial_only(lexicon: Lexicon, old: str, new: str) -> bool:
    """True when ``old`` and ``new`` differ only editorially."""
    a, b = normalise(lexicon, old), normalise(lexicon, new)
    if a == b:
        return True
    # The same words in another order, with the same rule words in the same order.
    return sorted(a.split()) == sorted(b.split()) and _signature(lexicon, old) == _signature(lexicon, new)
