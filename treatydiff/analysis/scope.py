"""What a duty covers: items added to or removed from a list, and definitions changed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .explain import quote, where
from .hits import Hit
from .pairstate import LIST_ITEM, PairState, sentence_of
from .scan import prefilter


def lists(state: PairState, changed_old: Sequence[Hit], changed_new: Sequence[Hit]) -> None:
    """A list item deleted (or added) on its own: the obligation covers less (or more)."""
    regions: dict[int, dict[str, list[tuple[int, int]]]] = {}
    for block in state.dmap.blocks:
        if block.equal:
            continue
        side = regions.setdefault(block.region, {"old": [], "new": []})
        if block.old_end > block.old_start:
            side["old"].append((block.old_start, block.old_end))
        if block.new_end > block.new_start:
            side["new"].append((block.new_start, block.new_end))
    old_words = _words(state.old)
    new_words = _words(state.new)
    for region in sorted(regions):
        sides = regions[region]
        if bool(sides["old"]) == bool(sides["new"]):
            continue
        old_side = bool(sides["old"])
        start, end = sides["old" if old_side else "new"][0][0], sides["old" if old_side else "new"][-1][1]
        text = state.old if old_side else state.new
        piece = text[start:end]
        hits = changed_old if old_side else changed_new
        consumed = state.consumed_old if old_side else state.consumed_new
        # Defer to a hit that speaks for itself (a qualifier, a deadline, a duty word); a word of
        # a ladder that only compares ("establish" → "consider") says nothing about an item gone.
        speaking = [h for h in hits if h.kind != "ladder" or (lad := state.lexicon.ladder(h.family)) is None or lad.min_rank_alone is not None]
        if any(start < h.end and h.start < end for h in speaking) or any(s <= start and end <= e for s, e in consumed):
            continue
        if not _list_like(text, start, end):
            continue
        # The same words elsewhere on the other side: a reordering, not a removal.
        piece_words = _words(piece)
        if not piece_words or all((w in new_words) if old_side else (w in old_words) for w in piece_words):
            continue
        span = (start, end)
        subject = state.subject_at(start, old_side)
        label = where(state.label)
        if old_side:
            state.add("scope-narrowed", f"{state.lexicon.language}.scope.list-item-removed",
                      f"the item {quote(piece.strip(' ,;'))} was removed from a list{label}: the provision now covers less.",
                      old_words=piece, old_span=span, subject=subject)
        else:
            state.add("scope-widened", f"{state.lexicon.language}.scope.list-item-added",
                      f"the item {quote(piece.strip(' ,;'))} was added to a list{label}: the provision now covers more.",
                      new_words=piece, new_span=span, subject=subject)


def _words(text: str) -> list[str]:
    return [w.casefold() for w in re.findall(r"\w+", text)]


def _list_like(text: str, start: int, end: int) -> bool:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped or len(stripped.split()) > 15 or not re.search(r"\w{3,}", stripped):
        return False
    if LIST_ITEM.match(piece.lstrip("\n")) and (start == 0 or text[start - 1] == "\n" or piece.startswith("\n")):
        return True
    before = text[:start].rstrip()
    after = text[end:].lstrip()
    words = [w.casefold() for w in re.findall(r"\w+", stripped)]
    if words and words[0] in _NOT_AN_ITEM:
        return False  # ", including forests", ", through financial means": a qualifier, not an item
    if stripped[0] in ",;" or stripped[-1] in ",;":
        return True
    joins = ("and", "or", "и", "или", "et", "ou")
    first = stripped.split()[0].casefold()
    last = stripped.split()[-1].casefold()
    # "threat of force" → "threat or use of force" and "shall inform" → "shall guide and inform"
    # add an item; a piece ending in "and" right after a comma ("its priorities, support needs"
    # → "its priorities, implementation and support needs") qualifies the next item instead.
    return (first in joins and bool(before) and before[-1].isalnum()) or (
        last in joins and bool(before) and before[-1].isalnum() and bool(after) and after[0].isalnum())


# Words that open a qualifier or an illustration rather than another item of a list.
_NOT_AN_ITEM = frozenset({
    "including", "include", "includes", "through", "by", "in", "with", "for", "of", "to", "from", "on", "at", "as", "such",
    "inter", "especially", "particularly", "notably", "namely", "where", "which", "that",
    "включая", "в", "с", "для", "через", "по", "y", "compris", "notamment", "par", "dans", "avec", "pour", "sans",
})


def definitions(state: PairState) -> None:
    if not any((prefilter(p).may_match(state.old) and p.search(state.old)) or (prefilter(p).may_match(state.new) and p.search(state.new))
               for p in state.lexicon.definitions):
        return
    for block in state.dmap.blocks:
        if block.equal:
            continue
        o0, o1, n0, n1 = block.old_start, block.old_end, block.new_start, block.new_end
        if not re.search(r"\w", state.old[o0:o1] + state.new[n0:n1]):
            continue  # punctuation or spacing only
        # Only a change in a sentence that defines counts, and not one in the defining words
        # themselves ("For the purposes of" → "For the purpose of").
        if not (_in_definition(state, state.old, state.old_sentences, o0, o1) or _in_definition(state, state.new, state.new_sentences, n0, n1)):
            continue
        # The definition speaks for the words of its sentence (an item added to what a term covers).
        state.consumed_old.append(sentence_of(state.old_sentences, o0))
        state.consumed_new.append(sentence_of(state.new_sentences, n0))
        state.add("definition-changed", f"{state.lexicon.language}.definition",
                  f"a definition changed{where(state.label)}: {quote(state.old[o0:o1] or '…')} became {quote(state.new[n0:n1] or '…')}, "
                  "which moves every provision that uses the term.",
                  old_words=state.old[o0:o1], new_words=state.new[n0:n1],
                  old_span=(o0, o1) if o1 > o0 else None, new_span=(n0, n1) if n1 > n0 else None)
        return


def _in_definition(state: PairState, text: str, spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    if end <= start:
        return False
    s0, s1 = sentence_of(spans, start)
    sentence = text[s0:s1]
    for pattern in state.lexicon.definitions:
        for match in pattern.finditer(sentence):
            # A quoted term defines ('"Party" means …'): the term and what follows it count.  A
            # chapeau alone ("For the purposes of this Agreement") defines nothing.
            if _QUOTES.search(match.group(0)) and s0 + match.start() <= start:
                return True
    return False


_QUOTES = re.compile("[\"“”'‘’«»]")
