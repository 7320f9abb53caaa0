"""What a duty covers: items added to or removed from a list, and definitions changed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import cache

from .explain import quote, where
from .hits import Hit
from .lexicon import list_item_words
from .pairstate import LIST_ITEM, PairState, in_duty, sentence_of
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
    for region in sorted(regions):
        sides = regions[region]
        # "transparent, complete, consistent" → "transparent and consistent": an item went and
        # a joining word came in its place; the joining word alone adds nothing.
        for name in ("old", "new"):
            other = "new" if name == "old" else "old"
            this_text = state.old if name == "old" else state.new
            if sides[name] and sides[other] and all(_only_joins(state.old if other == "old" else state.new, a, b) for a, b in sides[other]) \
                    and not all(_only_joins(this_text, a, b) for a, b in sides[name]):
                sides[other] = []
        if sides["old"] and sides["new"]:
            _items_exchanged(state, sides["old"], sides["new"], changed_old, changed_new)
            continue
        if not sides["old"] and not sides["new"]:
            continue
        old_side = bool(sides["old"])
        start, end = sides["old" if old_side else "new"][0][0], sides["old" if old_side else "new"][-1][1]
        text = state.old if old_side else state.new
        piece = text[start:end]
        hits = changed_old if old_side else changed_new
        consumed = state.consumed_old if old_side else state.consumed_new
        # Defer to a hit that speaks for itself (a qualifier, a deadline, a duty word); a word of
        # a ladder that only compares ("establish" → "consider") says nothing about an item gone.
        speaking = [h for h in hits if _speaks(state, h, old_side)
                    and (h.kind != "ladder" or (lad := state.lexicon.ladder(h.family)) is None or lad.min_rank_alone is not None)]
        # (Whitespace around the piece does not take it out of a sentence already read whole.)
        core_start = start + len(piece) - len(piece.lstrip())
        core_end = end - (len(piece) - len(piece.rstrip()))
        if any(start < h.end and h.start < end for h in speaking) or any(s <= core_start and core_end <= e for s, e in consumed):
            continue
        if _scope_read(state, (start, end), old_side):
            continue  # the enumeration was compared item by item already
        if not _list_like(text, start, end) or negating(piece.strip(" ,;")) or _only_quantifiers(state, piece):
            continue
        # The same words in the other side's sentence: a reordering, not a removal.  (Only that
        # sentence: "upload" elsewhere in the text does not make "create or upload" a reordering.)
        piece_words = _words(piece)
        there = state.dmap.to_new(start) if old_side else state.dmap.to_old(start)
        other_text = state.new if old_side else state.old
        other_spans = state.new_sentences if old_side else state.old_sentences
        a, b = sentence_of(other_spans, there)
        if not piece_words or all(w in _words(other_text[a:b]) for w in piece_words):
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


# A quality that says what a thing is not ("non-exclusive", "non-sublicensable") limits it: added
# to a licence's grant it narrows the grant, added to a duty's object ("non-discriminatory
# access") it widens the duty.  Which one the list alone cannot say, so such an item added or
# removed is no verdict on scope.  (A noun such as "non-Parties" is an item like any other.)
_NEGATING = re.compile(r"^(?:non|not|un)-[^\W\d_]+(?:able|ible|ive|al|ary|ory|ic|ed|ing|ent|ant|ous|ful)$", re.IGNORECASE)


def negating(item: str) -> bool:
    return bool(_NEGATING.match(item.strip()))


@cache
def joins() -> frozenset[str]:
    """The words that join two list items, in every lexicon (``list_items.connectors``)."""
    return frozenset(list_item_words("connectors"))


@cache
def separator() -> re.Pattern[str]:
    """A separator of list items: a comma, a semicolon or a joining word of any lexicon."""
    return re.compile(r"[,;]|\b(?:" + "|".join(re.escape(w) for w in list_item_words("connectors")) + r")\b", re.IGNORECASE)


_ARTICLES = frozenset({"the", "a", "an", "le", "la", "les", "un", "une"})
_MAX_ITEM_WORDS = 2


@cache
def _item_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What cuts a list into items (a comma, a semicolon, a joining word), and a joining word
    that opens an item."""
    words = "|".join(re.escape(w) for w in list_item_words("connectors"))
    return (re.compile(rf"\s*[,;]\s*|\s+(?:{words})\s+|^\s*(?:{words})\s+", re.IGNORECASE),
            re.compile(rf"^(?:{words})\s+", re.IGNORECASE))


def _items(text: str) -> list[str] | None:
    """The items of an enumeration ("complete, consistent and accurate"), or None when the
    text is not one (an item of more than two words, or no separator at all)."""
    if not separator().search(text):
        return None
    # A joining word after a comma ("complete, or accurate") joins items; it is no part of one.
    item_split, leading_join = _item_patterns()
    items = [leading_join.sub("", " ".join(p.split())) for p in item_split.split(text) if p and p.strip()]
    if not items or any(len(i.split()) > _MAX_ITEM_WORDS or not re.search(r"\w", i) for i in items):
        return None
    # An article or a preposition cut off by the comma ("this Public Licence, the Grantor") is
    # the start of the next phrase: the text around the comma is no enumeration.
    if any(i.casefold() in _ARTICLES or i.casefold() in NOT_AN_ITEM for i in items):
        return None
    return items


def _items_exchanged(state: PairState, old_spans: list[tuple[int, int]], new_spans: list[tuple[int, int]],
                     changed_old: Sequence[Hit], changed_new: Sequence[Hit]) -> None:
    """An enumeration rewritten in one go ("transparent, complete, consistent and accurate" →
    "transparent and consistent"): the items that went narrow the provision, those that came widen it."""
    (o_start, o_end), (n_start, n_end) = (old_spans[0][0], old_spans[-1][1]), (new_spans[0][0], new_spans[-1][1])
    if any(o_start < h.end and h.start < o_end for h in changed_old if _speaks(state, h, True)) \
            or any(n_start < h.end and h.start < n_end for h in changed_new if _speaks(state, h, False)):
        return  # a duty word, qualifier or deadline in the change speaks for itself
    if any(s <= o_start and o_end <= e for s, e in state.consumed_old) or any(s <= n_start and n_end <= e for s, e in state.consumed_new):
        return
    if _scope_read(state, (o_start, o_end), True) or _scope_read(state, (n_start, n_end), False):
        return  # compared item by item before the noun they qualify
    old_items, new_items = _items(state.old[o_start:o_end]), _items(state.new[n_start:n_end])
    if old_items is None or new_items is None or len(old_items) + len(new_items) < 3:
        return
    # "on-line" and "online" are one item: compare letters and digits only.
    old_keys, new_keys = {_key(o) for o in old_items}, {_key(n) for n in new_items}
    gone = [i for i in old_items if _key(i) not in new_keys and not negating(i)]
    came = [i for i in new_items if _key(i) not in old_keys and not negating(i)]
    if state.renaming is not None and state.renaming.renames(gone, came):
        return  # "Derivative Works or Collective Works" → "Adaptations or Collections": terms renamed
    label = where(state.label)
    if gone:
        state.add("scope-narrowed", f"{state.lexicon.language}.scope.list-items-removed",
                  f"{_named(gone)} removed from a list{label}: the provision now covers less.",
                  old_words=state.old[o_start:o_end], old_span=(o_start, o_end), subject=state.subject_at(o_start, True))
    if came:
        state.add("scope-widened", f"{state.lexicon.language}.scope.list-items-added",
                  f"{_named(came)} added to a list{label}: the provision now covers more.",
                  new_words=state.new[n_start:n_end], new_span=(n_start, n_end), subject=state.subject_at(n_start, False))


# One-word items joined by commas and a last "and"/"or", before the noun they qualify:
# "transparent, complete, consistent, comparable, and accurate information".
_ENUMERATION = re.compile(r"\b((?:[^\W\d_][\w-]*,\s+)*[^\W\d_][\w-]*,?\s+(?:and|or)\s+[^\W\d_][\w-]*)\s+([^\W\d_][\w-]{2,})\b")


def _enumerations(text: str) -> dict[tuple[str, ...], tuple[int, int, list[str]]]:
    """(head noun, the two words after it) → (start, end, items), for every head qualified by
    exactly one enumeration.  The words after the head tell "information on support" from
    "information on progress": a different object is a different duty, not a narrower one."""
    found: dict[tuple[str, ...], list[tuple[int, int, list[str]]]] = {}
    for match in _ENUMERATION.finditer(text):
        items = [w.casefold() for w in re.split(r",?\s+(?:and|or)\s+|,\s+", match.group(1)) if w]
        head = match.group(2).casefold()
        if len(items) >= 2 and head not in NOT_AN_ITEM and head not in _DETERMINERS and head not in items \
                and not any(i in joins() or i in NOT_AN_ITEM for i in items):
            after = tuple(w.casefold() for w in re.findall(r"\w+", text[match.end() : match.end() + 60])[:2])
            found.setdefault((head, *after), []).append((match.start(), match.end(), items))
    return {head: spots[0] for head, spots in found.items() if len(spots) == 1}


# A list is of qualities only when a noun follows it: "resides or has his registered office"
# lists verbs, whatever comes after.
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "your", "my", "this", "that", "these", "those",
                          "any", "all", "each", "every", "such", "no", "some", "other", "is", "are", "be", "was", "were"})


def enumerations(state: PairState) -> None:
    """The qualities a duty asks of its object, compared as sets whatever the rewording
    around them ("Transparent, complete, consistent, comparable, and accurate information
    … shall be provided" → "Parties shall provide transparent and consistent information"):
    qualities gone narrow it, qualities added widen it.  Only a head noun qualified by one
    enumeration on each side is compared, so that two lists are never confused."""
    old_lists, new_lists = _enumerations(state.old), _enumerations(state.new)
    label = where(state.label)
    for key in sorted(old_lists.keys() & new_lists.keys()):
        (o0, o1, old_items), (n0, n1, new_items) = old_lists[key], new_lists[key]
        head = key[0]
        # Two words joined by "and" are often a phrase ("organisations and their member
        # States"); a list of three or more on one side is an enumeration.
        if max(len(old_items), len(new_items)) < 3 or not in_duty(state, o0) or _already_read(state, (o0, o1), (n0, n1)):
            continue
        gone = [i for i in old_items if not any(_same_item(i, j) for j in new_items) and not negating(i)]
        came = [i for i in new_items if not any(_same_item(i, j) for j in old_items) and not negating(i)]
        if gone:
            state.add("scope-narrowed", f"{state.lexicon.language}.scope.qualities-removed",
                      f"{_listed(gone)} no longer qualif{'ies' if len(gone) == 1 else 'y'} {quote(head)}{label}: the provision now covers less.",
                      old_words=state.old[o0:o1], new_words=state.new[n0:n1], old_span=(o0, o1), new_span=(n0, n1),
                      subject=state.subject_at(n0, False))
        if came:
            state.add("scope-widened", f"{state.lexicon.language}.scope.qualities-added",
                      f"{_listed(came)} now also qualif{'ies' if len(came) == 1 else 'y'} {quote(head)}{label}: the provision now covers more.",
                      old_words=state.old[o0:o1], new_words=state.new[n0:n1], old_span=(o0, o1), new_span=(n0, n1),
                      subject=state.subject_at(n0, False))


def _same_item(a: str, b: str) -> bool:
    """One item spelt two ways ("organisations", "organizations") is the same item."""
    return a == b or SequenceMatcher(None, a, b).ratio() >= 0.85


def _listed(items: list[str]) -> str:
    return ", ".join(quote(i) for i in items[:-1]) + (" and " if len(items) > 1 else "") + quote(items[-1])


def _read(state: PairState, span: tuple[int, int], old_side: bool, codes: frozenset[str] | None = None) -> bool:
    """True when a finding (of ``codes``, when given) already speaks for words of ``span``."""
    for _, f in state.findings:
        mine = f.old_span if old_side else f.new_span
        if (codes is None or f.code in codes) and mine is not None and mine.start < span[1] and span[0] < mine.end:
            return True
    return False


_SCOPE = frozenset({"scope-narrowed", "scope-widened"})


def _scope_read(state: PairState, span: tuple[int, int], old_side: bool) -> bool:
    return _read(state, span, old_side, _SCOPE)


def _already_read(state: PairState, old: tuple[int, int], new: tuple[int, int]) -> bool:
    """True when a finding already speaks for words of either enumeration."""
    return _read(state, old, True) or _read(state, new, False)


def _speaks(state: PairState, hit: Hit, old_side: bool) -> bool:
    """Whether a changed hit speaks for the words around it.  A word that only qualifies the
    noun after it ("complete" in ", complete, consistent,") is itself an item of the list:
    unless a rule reported it, the item it stands in is still gone (or new)."""
    ladder = state.lexicon.ladder(hit.family) if hit.kind == "ladder" else None
    if ladder is None or not ladder.qualifies_next_word:
        return True
    spans = [span for _, f in state.findings if (span := f.old_span if old_side else f.new_span) is not None]
    return any(s.start < hit.end and hit.start < s.end for s in spans)


def _key(item: str) -> str:
    return "".join(ch for ch in item.casefold() if ch.isalnum())


def _named(items: list[str]) -> str:
    return f"the item {quote(items[0])} was" if len(items) == 1 else "the items " + ", ".join(quote(i) for i in items) + " were"


def _only_joins(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` holds joining words and punctuation only (", and")."""
    return all(w in joins() for w in _words(text[start:end]))


def conjunctions(state: PairState) -> None:
    """"and" → "or" between duties or conditions: the one bound may now meet one of them (or
    an exception is met more easily), so the duty asks less; "or" → "and" asks more."""
    regions: dict[int, list[tuple[int, int, int, int]]] = {}
    for block in state.dmap.blocks:
        if not block.equal:
            regions.setdefault(block.region, []).append((block.old_start, block.old_end, block.new_start, block.new_end))
    for spans in regions.values():
        o_start, o_end = min(s[0] for s in spans), max(s[1] for s in spans)
        n_start, n_end = min(s[2] for s in spans), max(s[3] for s in spans)
        old_text, new_text = state.old[o_start:o_end], state.new[n_start:n_end]
        swap = (tuple(_words(old_text)), tuple(_words(new_text)))
        if swap not in _SWAPS or not in_duty(state, o_start):
            continue
        looser = swap[0][0] in _AND
        effect = "meeting one of the terms it joins now suffices" if looser else "every term it joins must now be met"
        state.add("obligation-weakened" if looser else "obligation-strengthened", f"{state.lexicon.language}.conjunction.{swap[0][0]}>{swap[1][0]}",
                  f"{quote(old_text.strip())} became {quote(new_text.strip())}{where(state.label)}: {effect}.",
                  old_words=old_text, new_words=new_text, old_span=(o_start, o_end), new_span=(n_start, n_end),
                  subject=state.subject_at(o_start, True))


_AND = frozenset({"and", "и", "et"})
_SWAPS = frozenset(((a,), (b,)) for a, b in (("and", "or"), ("or", "and"), ("и", "или"), ("или", "и"), ("et", "ou"), ("ou", "et")))


def _only_quantifiers(state: PairState, piece: str) -> bool:
    """True for a piece that is only words of every case and joins ("or all" of "any or all")."""
    content = [w for w in _words(piece) if w not in joins()]
    return bool(content) and all(w in state.lexicon.quantifiers for w in content)


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
    if words and (words[0] in NOT_AN_ITEM or words[-1] in NOT_AN_ITEM):
        # ", including forests", ", through financial means", ", without creating any burden":
        # a qualifier, not an item; nor is a piece that ends opening one ("supported, including").
        return False
    if len(words) > 1 and words[0] in list_item_words("connectors") and words[1] in list_item_words("restrict"):
        return False  # "the albums, and only the albums, are private": a limit stressed, no item
    if stripped[0] in ",;" or stripped[-1] in ",;":
        return True
    items = _items(stripped)
    if items is not None and len(items) >= 2 and "," in stripped:
        return True  # "new, additional, adequate and predictable" gone whole before the noun they qualified
    first = stripped.split()[0].casefold()
    last = stripped.split()[-1].casefold()
    # "threat of force" → "threat or use of force" and "shall inform" → "shall guide and inform"
    # add an item; a piece ending in "and" right after a comma ("its priorities, support needs"
    # → "its priorities, implementation and support needs") qualifies the next item instead.
    return (first in joins() and bool(before) and before[-1].isalnum()) or (
        last in joins() and bool(before) and before[-1].isalnum() and bool(after) and after[0].isalnum())


# Words that open a qualifier or an illustration rather than another item of a list.
NOT_AN_ITEM = frozenset({
    "including", "include", "includes", "through", "by", "in", "with", "for", "of", "to", "from", "on", "at", "as", "such",
    "inter", "especially", "particularly", "notably", "namely", "where", "which", "that",
    "without", "unless", "except", "provided", "subject", "if", "when", "whether",
    # ", but not more than once", ", but only after …": a limit set on the duty, not an item.
    "but", "not",
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
            # A quoted term defines ('"Party" means …'), as does one set off by a colon
            # ("Licensee: means …"): the term and what follows it count.  A chapeau alone ("For
            # the purposes of this Agreement") defines nothing.
            if _TERM_MARKS.search(match.group(0)) and s0 + match.start() <= start:
                return True
    return False


_TERM_MARKS = re.compile("[\"“”'‘’«»]|:\\s+means?\\b")
