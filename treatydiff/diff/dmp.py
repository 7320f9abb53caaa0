"""The one adapter for diff-match-patch.

It diffs sequences of *tokens*: each distinct token key becomes one private-use character, the
library diffs those strings, and the result comes back as (op, token count) runs.  Its tuples
never leave this module.  ``Diff_Timeout = 0`` because a timeout makes the result depend on
machine load: under pressure it returns "delete everything, insert everything".  Its cost is about (length × edit distance): :mod:`treatydiff.diff.sentences` decides
when a provision is too heavily edited to give it whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Literal

from diff_match_patch import diff_match_patch

OpName = Literal["equal", "insert", "delete"]
Runs = list[tuple[OpName, int]]
_OPS: dict[int, OpName] = {0: "equal", 1: "insert", -1: "delete"}
_CODES: dict[OpName, int] = {"equal": 0, "insert": 1, "delete": -1}

# Supplementary private-use planes 15 and 16, then the BMP private-use area: characters that
# never occur in keys, so no token can collide with another by accident.
_ALPHABET_STARTS = ((0xF0000, 0xFFFFD), (0x100000, 0x10FFFD), (0xE000, 0xF8FF))


def _char(index: int) -> str:
    for start, end in _ALPHABET_STARTS:
        size = end - start + 1
        if index < size:
            return chr(start + index)
        index -= size
    raise ValueError("too many distinct tokens for one diff")  # > 137,000 distinct words


@cache
def _first_characters() -> str:
    """The first plane of the alphabet as one string (built once): a diff's characters are
    then taken from it in C, not made one by one."""
    start, end = _ALPHABET_STARTS[0]
    return "".join(map(chr, range(start, end + 1)))


def _engine() -> diff_match_patch:
    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    return engine


_ENGINE = _engine()


def encode(old: Sequence[str], new: Sequence[str]) -> tuple[str, str]:
    """Both key sequences as strings of one character per token (equal keys, equal characters)."""
    # Characters in order of first appearance, old then new: dict keys keep that order, and
    # the lookups and joins run in C.
    distinct = dict.fromkeys(old)
    distinct.update(dict.fromkeys(new))
    first = _first_characters()
    chars = first if len(distinct) <= len(first) else map(_char, range(len(distinct)))
    alphabet = dict(zip(distinct, chars, strict=False))
    return "".join(map(alphabet.__getitem__, old)), "".join(map(alphabet.__getitem__, new))


def _runs(diffs: Sequence[tuple[int, str]]) -> Runs:
    return [(_OPS[op], len(chars)) for op, chars in diffs if chars]


def char_runs(old: str, new: str) -> Runs:
    """The library's diff of two encoded strings (:func:`encode`), without cleanup."""
    return _runs(_ENGINE.diff_main(old, new, False))


def semantic_cleanup(old: str, new: str, runs: Runs) -> Runs:
    """The library's semantic cleanup of ``runs`` over the encoded strings: folds the scattered
    one-word equalities of a rewritten sentence into one deletion and one insertion, so the
    redline reads like a lawyer's rather than an edit script."""
    diffs: list[tuple[int, str]] = []
    i = j = 0
    for op, count in runs:
        if op == "insert":
            diffs.append((1, new[j : j + count]))
            j += count
        else:
            diffs.append((_CODES[op], old[i : i + count]))
            i += count
            j += count if op == "equal" else 0
    _ENGINE.diff_cleanupSemantic(diffs)
    return _runs(diffs)


def diff_tokens(old: Sequence[str], new: Sequence[str], *, semantic: bool = True) -> Runs:
    """Diff two token-key sequences; return runs of (op, number of tokens)."""
    old_chars, new_chars = encode(old, new)
    runs = char_runs(old_chars, new_chars)
    return semantic_cleanup(old_chars, new_chars, runs) if semantic else runs
