"""Word-level diff of two texts, exact in both directions.

Tokens are words, runs of whitespace and single punctuation marks, so an edit never splits a
word.  Each token is compared by a *key* that the options may normalise (case, whitespace,
punctuation, spelled-out numbers); the segments always carry the exact original text, so
equal + delete rebuilds the old text and equal + insert the new one, whatever the options.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .dmp import diff_tokens
from .model import CompareOptions, Op, Segment

_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand million"
).split()
# "thirty (30)", "ninety-one (91)", "six (6)": the words and the figure say the same thing.
_SPELLED = re.compile(
    r"\b(?:(?:%s)(?:[- ](?:and[- ])?(?:%s))*)\s*\((\d[\d,.]*)\)" % ("|".join(_NUMBER_WORDS), "|".join(_NUMBER_WORDS)),
    re.IGNORECASE,
)
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|\s+|[^\w\s]", re.UNICODE)


def tokenize(text: str, *, numbers_as_words: bool = False) -> list[tuple[str, str | None]]:
    """Split ``text`` into (token, number-key) pairs that concatenate back to ``text``.

    The number key is set for a spelled-out number with its figure, so "thirty (30)" can be
    compared as "30".
    """
    tokens: list[tuple[str, str | None]] = []
    position = 0
    spans = list(_SPELLED.finditer(text)) if numbers_as_words else []
    for match in spans:
        tokens.extend((t, None) for t in _TOKEN.findall(text, position, match.start()))
        tokens.append((match.group(0), match.group(1)))
        position = match.end()
    tokens.extend((t, None) for t in _TOKEN.findall(text, position))
    return tokens


def _key(token: str, number: str | None, options: CompareOptions) -> str:
    if number is not None:
        return number
    if token.isspace():
        return " " if options.ignore_whitespace else token
    if options.ignore_punctuation and len(token) == 1 and not token.isalnum():
        return ""
    return token.casefold() if options.ignore_case else token


def _append(segments: list[Segment], op: Op, text: str, ignorable: bool = False) -> None:
    if not text:
        return
    if segments and segments[-1].op == op and segments[-1].ignorable == ignorable:
        segments[-1] = Segment(op, segments[-1].text + text, ignorable)
    else:
        segments.append(Segment(op, text, ignorable))


def _keys(tokens: Sequence[tuple[str, str | None]], options: CompareOptions) -> list[str]:
    keys = [_key(t, n, options) for t, n in tokens]
    if options.ignore_punctuation:
        # An empty key cannot be a diff symbol; punctuation is compared as one shared mark.
        keys = [k if k else "\x00punct" for k in keys]
    return keys


def diff_text(old: str, new: str, options: CompareOptions | None = None) -> tuple[Segment, ...]:
    """Segments that turn ``old`` into ``new`` at word granularity."""
    options = options or CompareOptions()
    if old == new:
        return (Segment(Op.EQUAL, old),) if old else ()
    old_tokens = tokenize(old, numbers_as_words=options.numbers_as_words)
    new_tokens = tokenize(new, numbers_as_words=options.numbers_as_words)
    runs = diff_tokens(_keys(old_tokens, options), _keys(new_tokens, options))
    segments: list[Segment] = []
    i = j = 0
    for op, count in runs:
        if op == "equal":
            for k in range(count):
                a, b = old_tokens[i + k][0], new_tokens[j + k][0]
                if a == b:
                    _append(segments, Op.EQUAL, a)
                else:  # equal only under the options: keep both exact texts, flagged
                    _append(segments, Op.DELETE, a, ignorable=True)
                    _append(segments, Op.INSERT, b, ignorable=True)
            i += count
            j += count
        elif op == "delete":
            _append(segments, Op.DELETE, "".join(t for t, _ in old_tokens[i : i + count]))
            i += count
        else:
            _append(segments, Op.INSERT, "".join(t for t, _ in new_tokens[j : j + count]))
            j += count
    return tuple(_order_changes(segments))


def _order_changes(segments: list[Segment]) -> list[Segment]:
    """Within each run of changes, put deletions before insertions (how redlines read)."""
    ordered: list[Segment] = []
    pending: list[Segment] = []
    for segment in segments + [Segment(Op.EQUAL, "")]:
        if segment.op == Op.EQUAL:
            deletes = [s for s in pending if s.op == Op.DELETE]
            inserts = [s for s in pending if s.op == Op.INSERT]
            # Interleaved ignorable pairs keep their order; only plain runs are regrouped.
            if any(s.ignorable for s in pending):
                ordered.extend(pending)
            else:
                for s in deletes + inserts:
                    _append(ordered, s.op, s.text)
            pending = []
            if segment.text:
                _append(ordered, Op.EQUAL, segment.text)
        else:
            pending.append(segment)
    return ordered


def old_text(segments: Sequence[Segment]) -> str:
    return "".join(s.text for s in segments if s.op != Op.INSERT)


def new_text(segments: Sequence[Segment]) -> str:
    return "".join(s.text for s in segments if s.op != Op.DELETE)


def has_substantive_change(segments: Sequence[Segment]) -> bool:
    return any(s.op != Op.EQUAL and not s.ignorable for s in segments)
