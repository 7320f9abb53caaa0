"""The one adapter for diff-match-patch.

It diffs sequences of *tokens*: each distinct token key becomes one private-use character, the
library diffs those strings, and the result comes back as (op, token count) runs.  Its tuples
never leave this module.  ``Diff_Timeout = 0`` because a timeout makes the result depend on
machine load: under pressure it returns "delete everything, insert everything".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from diff_match_patch import diff_match_patch

OpName = Literal["equal", "insert", "delete"]
_OPS: dict[int, OpName] = {0: "equal", 1: "insert", -1: "delete"}

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


def _engine() -> diff_match_patch:
    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    return engine


_ENGINE = _engine()


def diff_tokens(old: Sequence[str], new: Sequence[str], *, semantic: bool = True) -> list[tuple[OpName, int]]:
    """Diff two token-key sequences; return runs of (op, number of tokens).

    ``semantic`` applies the library's semantic cleanup at token level, which folds the
    scattered one-word equalities of a rewritten sentence into one deletion and one insertion,
    so the redline reads like a lawyer's rather than an edit script.
    """
    alphabet: dict[str, str] = {}
    def encode(tokens: Sequence[str]) -> str:
        chars = []
        for token in tokens:
            char = alphabet.get(token)
            if char is None:
                char = alphabet[token] = _char(len(alphabet))
            chars.append(char)
        return "".join(chars)

    old_chars, new_chars = encode(old), encode(new)
    diffs = _ENGINE.diff_main(old_chars, new_chars, False)
    if semantic:
        _ENGINE.diff_cleanupSemantic(diffs)
    runs: list[tuple[OpName, int]] = []
    for op, chars in diffs:
        if chars:
            runs.append((_OPS[op], len(chars)))
    return runs
