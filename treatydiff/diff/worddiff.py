"""Word-level diff of two texts, exact in both directions.

Tokens are words, runs of whitespace and single punctuation marks, so an edit never splits a
word.  Each token is compared by a *key* that the options may normalise (case, whitespace,
punctuation, spelled-out numbers); the segments always carry the exact original text, so
equal + delete rebuilds the old text and equal + insert the new one, whatever the options.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..model import CompareOptions, Op, Segment
from .sentences import diff_units

_NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million"]
# "thirty (30)", "ninety-one (91)", "six (6)": the words and the figure say the same thing.
_SPELLED = re.compile(
    r"\b(?:(?:{0})(?:[- ](?:and[- ])?(?:{0}))*)\s*\((\d[\d,.]*)\)".format("|".join(_NUMBER_WORDS)),
    re.IGNORECASE,
)
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|\s+|[^\w\s]", re.UNICODE)


def tokenize(text: str, *, numbers_as_words: bool = False) -> list[tuple[str, str | None]]:
    """Split ``text`` into (token, number-key) pairs that concatenate back to ``text``.

    The number key is set for a spelled-out number with its figure, so "thirty (30)" can be
    compared as "30".
    """
    tokens, numbers = _split(text, numbers_as_words=numbers_as_words)
    return [(t, numbers.get(k)) for k, t in enumerate(tokens)]


def _split(text: str, *, numbers_as_words: bool) -> tuple[list[str], dict[int, str]]:
    """The tokens of ``text`` and, by token index, the figure of each spelled-out number.

    Flat lists rather than pairs: a provision's tokens are built, keyed and joined in C."""
    # A spelled-out number always carries its figure in brackets: no "(", no regex scan.
    if not numbers_as_words or "(" not in text:
        return _TOKEN.findall(text), {}
    tokens: list[str] = []
    numbers: dict[int, str] = {}
    position = 0
    for match in _SPELLED.finditer(text):
        tokens.extend(_TOKEN.findall(text, position, match.start()))
        numbers[len(tokens)] = match.group(1)
        tokens.append(match.group(0))
        position = match.end()
    tokens.extend(_TOKEN.findall(text, position))
    return tokens, numbers


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


def _keys(tokens: list[str], numbers: Mapping[int, str], options: CompareOptions) -> list[str]:
    if not (options.ignore_case or options.ignore_whitespace or options.ignore_punctuation):
        keys = tokens.copy()  # each token is its own key (a copy: renumbering rewrites keys)
        for k, number in numbers.items():
            keys[k] = number
        return keys
    if not (options.ignore_case or options.ignore_punctuation):
        # Spacing alone ignored (what the commands do unless told otherwise): one pass in a
        # comprehension instead of a call of _key per token; a number's figure still wins.
        keys = [" " if t.isspace() else t for t in tokens]
        for k, number in numbers.items():
            keys[k] = number
        return keys
    keys = [_key(t, numbers.get(k), options) for k, t in enumerate(tokens)]
    if options.ignore_punctuation:
        # An empty key cannot be a diff symbol; punctuation is compared as one shared mark.
        keys = [k if k else "\x00punct" for k in keys]
    return keys


_REFERRING = frozenset({"article", "articles"})
# "Article 5", any case: the first letter is spelled out as a class (only "a" and "A" match it
# case-insensitively) so the engine skips ahead to it in C, the word boundary checked behind it.
_REFERENCE = re.compile(r"[aA](?<!\w[aA])(?i:rticles?)\s+(\w+(?:['’]\w+)*)")


def _only_renumbered(old: str, new: str, renumbered: Mapping[str, str]) -> tuple[Segment, ...] | None:
    """The segments when ``new`` is ``old`` with its cross-references renumbered, else None.

    The common case after a renumbering: a quick path that gives the same redline as the
    full diff (equal text, each updated number shown and flagged ignorable).
    """
    references = [m for m in _REFERENCE.finditer(old) if m.group(1) in renumbered]
    if not references:
        return None
    parts: list[str] = []
    position = 0
    for match in references:
        parts.append(old[position : match.start(1)])
        parts.append(renumbered[match.group(1)])
        position = match.end(1)
    parts.append(old[position:])
    if "".join(parts) != new:
        return None
    # Equal text up to each updated number, then the number deleted and inserted, flagged; a
    # number that stays the same is part of the equal text.  Pieces never merge: a number
    # always has "Article " before it.
    segments: list[Segment] = []
    position = 0
    for match in references:
        number = match.group(1)
        target = renumbered[number]
        if target == number:
            continue
        start, end = match.span(1)
        if start > position:
            segments.append(Segment(Op.EQUAL, old[position:start]))
        segments.append(Segment(Op.DELETE, number, True))
        if target:
            segments.append(Segment(Op.INSERT, target, True))
        position = end
    if position < len(old):
        segments.append(Segment(Op.EQUAL, old[position:]))
    return tuple(segments)


def _follow_renumbering(tokens: list[str], keys: list[str], renumbered: Mapping[str, str]) -> list[str]:
    """Key "Article 5" of the old text as "Article 6" when Article 5 became Article 6.

    A cross-reference updated to follow the renumbering is then shown (both exact texts are
    kept) but flagged ignorable, so renumbering alone never counts as a change of content.
    """
    for k in [k for k, token in enumerate(tokens) if token in renumbered]:  # a few numbers among many words
        if k >= 2 and tokens[k - 1].isspace() and tokens[k - 2].casefold() in _REFERRING:
            keys[k] = renumbered[tokens[k]]
    return keys


def diff_text(
    old: str,
    new: str,
    options: CompareOptions | None = None,
    *,
    renumbered: Mapping[str, str] | None = None,
) -> tuple[Segment, ...]:
    """Segments that turn ``old`` into ``new`` at word granularity.

    ``renumbered`` maps old article numbers to new ones ("5" → "6"); cross-references in the
    old text that merely follow it are flagged ignorable.
    """
    if old == new:
        return (Segment(Op.EQUAL, old),) if old else ()
    options = options or CompareOptions()
    if renumbered:
        quick = _only_renumbered(old, new, renumbered)
        if quick is not None:
            return quick
    start, old_end, new_end = _common_ends(old, new)
    old_tokens, old_numbers = _split(old[start:old_end], numbers_as_words=options.numbers_as_words)
    new_tokens, new_numbers = _split(new[start:new_end], numbers_as_words=options.numbers_as_words)
    old_keys = _keys(old_tokens, old_numbers, options)
    if renumbered:
        old_keys = _follow_renumbering(old_tokens, old_keys, renumbered)
    runs = diff_units(old_keys, _keys(new_tokens, new_numbers, options), old_tokens, new_tokens)
    segments: list[Segment] = []
    _append(segments, Op.EQUAL, old[:start])
    i = j = 0
    for op, count in runs:
        if op == "equal":
            if old_tokens[i : i + count] == new_tokens[j : j + count]:  # the usual case: exactly equal
                _append(segments, Op.EQUAL, "".join(old_tokens[i : i + count]))
            else:
                _equal_under_options(segments, old_tokens[i : i + count], new_tokens[j : j + count])
            i += count
            j += count
        elif op == "delete":
            text = "".join(old_tokens[i : i + count])
            _append(segments, Op.DELETE, text, _ignorable(text, options))
            i += count
        else:
            text = "".join(new_tokens[j : j + count])
            _append(segments, Op.INSERT, text, _ignorable(text, options))
            j += count
    _append(segments, Op.EQUAL, old[old_end:])
    return tuple(_order_changes(slide_to_boundaries(segments)))


def _equal_under_options(segments: list[Segment], old_tokens: Sequence[str], new_tokens: Sequence[str]) -> None:
    """An equal run whose tokens are equal only under the options: each differing token keeps
    both exact texts, flagged ignorable."""
    run: list[str] = []
    for a, b in zip(old_tokens, new_tokens, strict=True):
        if a == b:
            run.append(a)
        else:
            _append(segments, Op.EQUAL, "".join(run))
            run = []
            _append(segments, Op.DELETE, a, ignorable=True)
            _append(segments, Op.INSERT, b, ignorable=True)
    _append(segments, Op.EQUAL, "".join(run))


def _boundary_score(left: str, right: str) -> int:
    """How natural a cut between ``left`` and ``right`` is (diff-match-patch's semantic
    lossless scores: an edge 6, a blank line 5, a line break 4, a sentence end 3, a space 2)."""
    if not left or not right:
        return 6
    a, b = left[-1], right[0]
    if (a == "\n" and (left.endswith("\n\n") or right.startswith("\n"))) or (b == "\n" and right.startswith("\n\n")):
        return 5
    if a == "\n" or b == "\n":
        return 4
    if not a.isalnum() and not a.isspace() and b.isspace():
        return 3
    if a.isspace() or b.isspace():
        return 2
    return 1 if not a.isalnum() or not b.isalnum() else 0


_SLIDE_CONTEXT = 2000  # characters of each neighbouring equal run an edit may slide through


def slide_to_boundaries(segments: list[Segment]) -> list[Segment]:
    """Slide each lone insertion or deletion to where it reads best.

    "forces of a third country." + "\nOption 2: … monitors of a third country." can be shown
    as an insertion of "of a third country.\nOption 2: … monitors " or of "\nOption 2: …
    country."; both are minimal, only the second is what a drafter wrote.  The library's own
    lossless cleanup cannot see this once words are mapped to single characters, so it is
    done here on tokens, with the same scores.  Equal segments are exact on both sides, so
    moving tokens between them and the edit keeps both texts rebuildable.
    """
    out = list(segments)
    for k in range(1, len(out) - 1):
        edit, left, right = out[k], out[k - 1], out[k + 1]
        if edit.op == Op.EQUAL or edit.ignorable or left.op != Op.EQUAL or right.op != Op.EQUAL:
            continue
        # Tokens of the neighbours near the edit; a token cut by the window is not movable.
        head = _TOKEN.findall(left.text[-_SLIDE_CONTEXT:])
        tail = _TOKEN.findall(right.text[:_SLIDE_CONTEXT])
        fixed_head = head[:1] if len(left.text) > _SLIDE_CONTEXT or k - 1 > 0 else []
        fixed_tail = tail[-1:] if len(right.text) > _SLIDE_CONTEXT or k + 1 < len(out) - 1 else []
        middle = _TOKEN.findall(edit.text)
        seq = head + middle + tail
        shift = _best_shift(seq, len(head), len(middle), len(head) - len(fixed_head), len(tail) - len(fixed_tail))
        if shift:
            cut = len(head) + shift
            keep_left = left.text[: len(left.text) - len("".join(head))] + "".join(seq[:cut])
            out[k - 1] = Segment(Op.EQUAL, keep_left)
            out[k] = Segment(edit.op, "".join(seq[cut : cut + len(middle)]))
            out[k + 1] = Segment(Op.EQUAL, "".join(seq[cut + len(middle) :]) + right.text[len("".join(tail)) :])
    return [s for s in out if s.text]


def _best_shift(seq: Sequence[str], start: int, count: int, left_room: int, right_room: int) -> int:
    """How many tokens to move the edit ``seq[start:start+count]`` (negative: left)."""

    def score(shift: int) -> int:
        first, last = start + shift, start + shift + count
        left = seq[first - 1] if first > 0 else ""
        right = seq[last] if last < len(seq) else ""
        return _boundary_score(left, seq[first]) + _boundary_score(seq[last - 1], right)

    best, best_score = 0, score(0)
    shift = 0
    while shift > -left_room and seq[start + shift - 1] == seq[start + shift + count - 1]:
        shift -= 1
        if (value := score(shift)) > best_score:
            best, best_score = shift, value
    shift = 0
    while shift < right_room and seq[start + shift] == seq[start + shift + count]:
        shift += 1
        if (value := score(shift)) > best_score:
            best, best_score = shift, value
    return best


_PUNCTUATION_ONLY = re.compile(r"[^\w]+")


def _ignorable(text: str, options: CompareOptions) -> bool:
    """A whole inserted or deleted run the options say not to count: spacing, punctuation."""
    if options.ignore_whitespace and text.isspace():
        return True
    return options.ignore_punctuation and _PUNCTUATION_ONLY.fullmatch(text) is not None


def _common_ends(old: str, new: str) -> tuple[int, int, int]:
    """Where the differing middle starts and ends in each text, on whitespace boundaries.

    Only the middle is tokenised and diffed: a long provision with one edited word costs as
    little as a short one.  Cutting at whitespace keeps every word whole, so the redline is
    the same as diffing everything.
    """
    limit = min(len(old), len(new))
    prefix = 0
    step = 64
    while prefix < limit:  # galloping compare: slices are compared in C
        size = min(step, limit - prefix)
        if old[prefix : prefix + size] == new[prefix : prefix + size]:
            prefix += size
        elif size == 1:
            break
        else:
            step = max(1, size // 2)
    start = prefix
    # Back off two words: the middle keeps whole words and the word before the first change,
    # so "Article" stays with a renumbered "5" and "thirty" with its "(30)".
    for _ in range(2):
        while start > 0 and not old[start - 1].isspace():
            start -= 1
        while start > 0 and old[start - 1].isspace():
            start -= 1
    suffix = 0
    room = limit - start
    step = 64
    while suffix < room:
        size = min(step, room - suffix)
        if old[len(old) - suffix - size : len(old) - suffix] == new[len(new) - suffix - size : len(new) - suffix]:
            suffix += size
        elif size == 1:
            break
        else:
            step = max(1, size // 2)
    while suffix > 0 and not old[len(old) - suffix].isspace():
        suffix -= 1
    while suffix > 0 and old[len(old) - suffix].isspace():
        suffix -= 1
    return start, len(old) - suffix, len(new) - suffix


def _order_changes(segments: list[Segment]) -> list[Segment]:
    """Within each run of changes, put deletions before insertions (how redlines read)."""
    ordered: list[Segment] = []
    pending: list[Segment] = []
    for segment in [*segments, Segment(Op.EQUAL, "")]:
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
    # A plain loop: asked of every pair's text, heading and notes, most of them one segment
    # long, where a generator under any() costs more than the test.
    equal = Op.EQUAL
    for segment in segments:  # noqa: SIM110 (the loop is the point)
        if segment.op != equal and not segment.ignorable:
            return True
    return False
