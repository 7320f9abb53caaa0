"""Items added to or dropped from a list inside a sentence that was also reworded elsewhere.

The character diff of a reworded sentence often runs an item gone into the words changed after
it ("… notice and statement of liability; keep the notes that refer …" → "… notice; keep
notes stating …" is one block), so the list rule, which reads whole blocks, never sees the
item.  Here each changed sentence is paired with the sentence of the other draft it
maps to and the two are compared word by word: a run of words that is only deleted (or only
inserted) and reads as an item of a list ("and statement of liability", "import,", "inspect,
copy, and") narrows (or widens) what the sentence covers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from .disclaimers import in_disclaimer
from .explain import quote, where
from .pairstate import PairState, binds, sentence_of
from .scope import NOT_AN_ITEM, _list_like, _read, joins, negating, separator

# Words and the separators of a list: "and/or" is two joining words.
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[,;]")
# An item of a list is short; a longer run is a clause of its own, which other rules read.
_MAX_ITEM_WORDS = 4
# Below this share of words in common, two sentences are not one sentence reworded.
_MIN_LIKENESS = 0.6


def sentence_items(state: PairState) -> None:
    changed = [b for b in state.dmap.blocks if not b.equal]
    if not changed:
        return
    seen: set[tuple[tuple[int, int], tuple[int, int]]] = set()
    for block in changed:
        # An item comes or goes with its separator or joining word: a change without one is
        # no item of a list (and costs no comparison).
        cut = separator()
        if not cut.search(state.old, block.old_start, block.old_end) and not cut.search(state.new, block.new_start, block.new_end):
            continue
        old_sentence = sentence_of(state.old_sentences, block.old_start)
        new_sentence = sentence_of(state.new_sentences, block.new_start)
        if (old_sentence, new_sentence) in seen:
            continue
        seen.add((old_sentence, new_sentence))
        _compare(state, old_sentence, new_sentence)


def _compare(state: PairState, old_span: tuple[int, int], new_span: tuple[int, int]) -> None:
    old_tokens = [(m.start(), m.end(), m.group(0).casefold()) for m in _TOKEN.finditer(state.old, old_span[0], old_span[1])]
    new_tokens = [(m.start(), m.end(), m.group(0).casefold()) for m in _TOKEN.finditer(state.new, new_span[0], new_span[1])]
    # A denial's items may bind more or less, except in a disclaimer (disclaimers.py reads those).
    denies = any(w in state.lexicon.denials for *_, w in old_tokens + new_tokens) \
        and not (in_disclaimer(state, old_span[0], True) or in_disclaimer(state, new_span[0], False))
    if not old_tokens or not new_tokens or denies or not _operative(state, old_span, new_span):
        return
    matcher = SequenceMatcher(None, [w for *_, w in old_tokens], [w for *_, w in new_tokens], autojunk=False)
    if matcher.real_quick_ratio() < _MIN_LIKENESS or matcher.quick_ratio() < _MIN_LIKENESS or matcher.ratio() < _MIN_LIKENESS:
        return
    codes = matcher.get_opcodes()
    for k, (op, i0, i1, j0, j1) in enumerate(codes):
        # Only an item whose neighbours stand unchanged: next to rewritten words ("the Original
        # Work or Derivative Works" → "the Work") the run is part of a rewritten phrase.
        if op not in ("delete", "insert") or not _steady(codes, k):
            continue
        if op == "delete":
            _item(state, old_tokens[i0:i1], True, new_span)
        else:
            _item(state, new_tokens[j0:j1], False, old_span)


def _steady(codes: Sequence[tuple[str, int, int, int, int]], k: int) -> bool:
    before = codes[k - 1] if k > 0 else None
    after = codes[k + 1] if k + 1 < len(codes) else None
    return (before is None or (before[0] == "equal" and before[2] - before[1] >= 2)) and (after is None or after[0] == "equal")


def _operative(state: PairState, old_span: tuple[int, int], new_span: tuple[int, int]) -> bool:
    """Whether either sentence binds or entitles someone (a list in a recital covers nothing)."""
    return any(old_span[0] <= h.start < old_span[1] and binds(state.lexicon, h) for h in state.old_hits) \
        or any(new_span[0] <= h.start < new_span[1] and binds(state.lexicon, h) for h in state.new_hits)


def _item(state: PairState, run: list[tuple[int, int, str]], old_side: bool, other_span: tuple[int, int]) -> None:
    words = [w for *_, w in run if w not in (",", ";")]
    content = [w for w in words if w not in joins()]
    if not content or len(content) > _MAX_ITEM_WORDS or any(ch.isdigit() for w in content for ch in w) or negating(" ".join(content)):
        return  # (a quality that says what a thing is not has no direction of its own: see scope)
    if content[0] in NOT_AN_ITEM or content[0] in state.lexicon.clause_openers or content[-1] in NOT_AN_ITEM or not any(len(w) > 2 for w in content):
        return
    if all(w in state.lexicon.quantifiers for w in content):
        return  # "any or all" → "any": the reach is the same
    # A run that neither opens with a separator nor ends with one is a word inside an item
    # ("copies" → "verbatim copies"), not an item.
    if run[0][2] not in joins() | {",", ";"} and run[-1][2] not in joins() | {",", ";"}:
        return
    text = state.old if old_side else state.new
    start, end = run[0][0], run[-1][1]
    if not _list_like(text, start, end) or re.search(r"[\[\]]", text[start:end]):
        return  # (a bracket in the run is a proposal, which the bracket rules read)
    hits = state.old_hits if old_side else state.new_hits
    if any(start < h.end and h.start < end and h.group == "obligation" for h in hits):
        return  # a duty word in the run: a clause, which the duty rules read
    other = state.new if old_side else state.old
    others = {t.casefold() for t in re.findall(r"\w+", other[other_span[0]:other_span[1]])}
    if all(w in others for w in content):
        return  # the same words in the other sentence: a reordering
    if _read(state, (start, end), old_side):
        return  # a finding already speaks for these words
    consumed = state.consumed_old if old_side else state.consumed_new
    if any(s <= start and end <= e for s, e in consumed):
        return
    piece = text[start:end]
    label = where(state.label)
    subject = state.subject_at(start, old_side)
    if old_side:
        state.add("scope-narrowed", f"{state.lexicon.language}.scope.sentence-item-removed",
                  f"the item {quote(piece.strip(' ,;'))} was removed from a list{label}: the provision now covers less.",
                  old_words=piece, old_span=(start, end), subject=subject)
    else:
        state.add("scope-widened", f"{state.lexicon.language}.scope.sentence-item-added",
                  f"the item {quote(piece.strip(' ,;'))} was added to a list{label}: the provision now covers more.",
                  new_words=piece, new_span=(start, end), subject=subject)
