"""What restricts a duty: qualifiers and conditions, deadlines, quantities with a direction, figures
and cross-references.
"""

from __future__ import annotations

import re

from .disclaimers import in_disclaimer
from .explain import of, quote, where
from .hits import Hit
from .pairstate import PairState, attached, next_word, no_longer, of_whom, sentence_of
from .references import same_target


def marker_alone(state: PairState, hit: Hit, old_side: bool) -> None:
    marker = state.lexicon.marker(hit.family)
    if marker is None or not attached(state, hit, old_side) or _stands_on_both_sides(state, hit, old_side):
        return
    if marker.kept_around and not _between_kept_words(state, hit, old_side):
        return
    if _in_definition(state, hit, old_side):
        return  # "Module: means … that, once compiled, …": the definition-changed rule speaks
    if _bounds_by_law(state, marker.added, hit, old_side) and _limits_a_disclaimer(state, hit, old_side):
        return  # "To the extent possible, the Licensor waives …": the law's reach, no duty's
    if _limits_an_alternative(state, hit, old_side):
        return  # "… under this Licence or of a later version unless …": it limits the new alternative
    subject = state.subject_at(hit.start, old_side)
    span = (hit.start, hit.end)
    label = where(state.label)
    if old_side:
        state.add(marker.removed, f"{state.lexicon.language}.{marker.id}.removed",
                  f"{quote(hit.text)} was removed{label}: the commitment{of(subject.phrase)} no longer {no_longer(marker.meaning)}.",
                  old_words=hit.text, old_span=span, subject=subject)
    else:
        state.add(marker.added, f"{state.lexicon.language}.{marker.id}.added",
                  f"{quote(hit.text)} was added{label}: it {marker.meaning}, so {marker.consequence.format(of=of(subject.phrase))}.",
                  new_words=hit.text, new_span=span, subject=subject)


def _in_definition(state: PairState, hit: Hit, old_side: bool) -> bool:
    """True when ``hit`` stands in a sentence that defines a term: it conditions no duty."""
    text = state.old if old_side else state.new
    start, end = sentence_of(state.old_sentences if old_side else state.new_sentences, hit.start)
    opening = text[start : min(end, start + 200)]
    return any(p.search(opening) for p in state.lexicon.definitions)


def _bounds_by_law(state: PairState, code: str, hit: Hit, old_side: bool) -> bool:
    """True for a qualifier, or an exception that goes on to the law ("except to the extent
    required by applicable law")."""
    if code == "qualifier-added":
        return True
    text = state.old if old_side else state.new
    return state.lexicon.law_bounds is not None and state.lexicon.law_bounds.search(text, hit.start, hit.end + 60) is not None


def _limits_a_disclaimer(state: PairState, hit: Hit, old_side: bool) -> bool:
    """True when ``hit`` stands in a sentence that disclaims a warranty or a liability, or
    waives a right: a qualifier there bounds the disclaimer or the waiver by the law."""
    if in_disclaimer(state, hit.start, old_side):
        return True
    text = state.old if old_side else state.new
    start, end = sentence_of(state.old_sentences if old_side else state.new_sentences, hit.start)
    return state.lexicon.waivers is not None and state.lexicon.waivers.search(text, start, end) is not None


_ALTERNATIVE = re.compile(r"(?:^|(?<=[\s,;]))or\s", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.;:]\s")


def _limits_an_alternative(state: PairState, hit: Hit, old_side: bool) -> bool:
    """True when ``hit`` stands in words added (or deleted) whole that open an alternative
    (", or if the Program is combined …, then …"): its condition limits that alternative, which
    widens (or narrows) what is allowed; it sets no new condition on the duty that was there."""
    text = state.old if old_side else state.new
    regions = state.dmap.regions_old(hit.start, hit.end) if old_side else state.dmap.regions_new(hit.start, hit.end)
    blocks = [b for b in state.dmap.blocks if not b.equal and b.region in regions]
    if not blocks:
        return False
    mine = [(b.old_start, b.old_end) if old_side else (b.new_start, b.new_end) for b in blocks]
    theirs = "".join((state.new[b.new_start : b.new_end] if old_side else state.old[b.old_start : b.old_end]) for b in blocks)
    start, end = min(a for a, _ in mine), max(b for _, b in mine)
    # (What stood in their place is at most a joining word: "; and" → ", or if …".)
    if not set(re.findall(r"\w+", theirs.casefold())) <= {"and", "or"} or not start < hit.start < hit.end <= end:
        return False
    # The "or" that opens the alternative comes before the marker in the same clause (the diff
    # may start the added words a word early: "Licence or of a later version … unless …").
    return any(not _CLAUSE_END.search(text, m.end(), hit.start) for m in _ALTERNATIVE.finditer(text, start, hit.start))


_WORD_BEFORE = re.compile(r"(\w+)\W*$")


def _between_kept_words(state: PairState, hit: Hit, old_side: bool) -> bool:
    """True when the words either side of ``hit`` stand unchanged: the marker alone came or went."""
    text = state.old if old_side else state.new
    touched = state.dmap.old_touched if old_side else state.dmap.new_touched
    before = _WORD_BEFORE.search(text, max(0, hit.start - 40), hit.start)
    after = next_word(text, hit.end)
    return before is not None and after is not None and not touched(before.start(1), before.end(1)) and not touched(after[1], after[2])


# A marker with the words that follow it: "upon notice from any Licensor", "unless otherwise agreed".
_MARKER_WORDS = 3


def _stands_on_both_sides(state: PairState, hit: Hit, old_side: bool) -> bool:
    """True when the marker and the words it opens stand as often on the other side: the
    condition was kept and the word diff only paired it with its twin elsewhere ("If You create
    a Collective Work, upon notice …" and "If You create a Derivative Work, upon notice …")."""
    text, other = (state.old, state.new) if old_side else (state.new, state.old)
    following = re.match(rf"(?:\W+\w+){{1,{_MARKER_WORDS}}}", text[hit.end : hit.end + 120])
    if following is None:
        return False
    phrase = " ".join((hit.text + following.group(0)).casefold().split())
    pattern = re.compile(r"\s+".join(re.escape(w) for w in phrase.split()), re.IGNORECASE)
    return len(pattern.findall(other)) >= len(pattern.findall(text)) > 0


def deadline_pair(state: PairState, o: Hit, n: Hit) -> None:
    label = where(state.label)
    subject = state.subject(o, n)
    words = dict(old_words=o.text, new_words=n.text, old_span=(o.start, o.end), new_span=(n.start, n.end), subject=subject)
    lang = state.lexicon.language
    if o.kind == "deadline" and n.kind == "deadline":
        if o.unit != n.unit or o.value is None or n.value is None:
            state.add("number-changed", f"{lang}.deadline.changed",
                      f"the deadline {quote(o.text)} became {quote(n.text)}{label}: a period and a date cannot be compared; check which is later.", **words)  # type: ignore[arg-type]
            return
        if abs(o.value - n.value) < 0.01:
            return
        longer = n.value > o.value
        state.add("deadline-extended" if longer else "deadline-shortened", f"{lang}.deadline.{'extended' if longer else 'shortened'}",
                  f"the deadline {quote(o.text)} became {quote(n.text)}{label}: "
                  f"{'more' if longer else 'less'} time to act{of_whom(subject.phrase)}.", **words)  # type: ignore[arg-type]
        return
    # At least one side is an urgency word ("immediately", "as soon as possible").
    if o.firm and not n.firm:
        state.add("deadline-removed", f"{lang}.deadline.firm>loose",
                  f"the firm deadline {quote(o.text)} became {quote(n.text)}{label}: no date now binds {subject.phrase or 'the obligated party'}.", **words)  # type: ignore[arg-type]
    elif n.firm and not o.firm:
        state.add("deadline-added", f"{lang}.deadline.loose>firm",
                  f"the open-ended {quote(o.text)} became the firm {quote(n.text)}{label}: a deadline now binds {subject.phrase or 'the obligated party'}.", **words)  # type: ignore[arg-type]
    elif o.kind == "urgency" and n.kind == "urgency":
        if o.rank == n.rank:
            return
        later = n.rank < o.rank
        state.add("deadline-extended" if later else "deadline-shortened", f"{lang}.deadline.urgency.{o.rank}>{n.rank}",
                  f"{quote(o.text)} became {quote(n.text)}{label}: the time allowed is {'longer' if later else 'shorter'}.", **words)  # type: ignore[arg-type]
    elif o.kind == "urgency":  # immediately → within 30 days
        state.add("deadline-extended", f"{lang}.deadline.immediate>period",
                  f"{quote(o.text)} became {quote(n.text)}{label}: an immediate duty now has a period to run.", **words)  # type: ignore[arg-type]
    else:  # within 30 days → immediately
        state.add("deadline-shortened", f"{lang}.deadline.period>immediate",
                  f"{quote(o.text)} became {quote(n.text)}{label}: the duty is now immediate.", **words)  # type: ignore[arg-type]


def deadline_alone(state: PairState, hit: Hit, old_side: bool) -> None:
    if not hit.firm or not attached(state, hit, old_side):
        return
    subject = state.subject_at(hit.start, old_side)
    span = (hit.start, hit.end)
    label = where(state.label)
    if old_side:
        state.add("deadline-removed", f"{state.lexicon.language}.deadline.removed",
                  f"the deadline {quote(hit.text)} was deleted{label}: the obligation{of(subject.phrase)} now has no time limit.",
                  old_words=hit.text, old_span=span, subject=subject)
    else:
        state.add("deadline-added", f"{state.lexicon.language}.deadline.added",
                  f"the deadline {quote(hit.text)} was added{label}: the obligation{of(subject.phrase)} now has a time limit.",
                  new_words=hit.text, new_span=span, subject=subject)


def bound_pair(state: PairState, o: Hit, n: Hit) -> None:
    """"at least 5 km" → "at least 3 km": a floor lowered (or a ceiling raised) asks less."""
    if o.value is None or n.value is None or o.value == n.value:
        return
    words = dict(old_words=o.text, new_words=n.text, old_span=(o.start, o.end), new_span=(n.start, n.end))
    lang = state.lexicon.language
    unit_old, unit_new = next_word(state.old, o.end), next_word(state.new, n.end)
    if o.family != n.family or (unit_old and unit_new and unit_old[0] != unit_new[0]):
        state.add("number-changed", f"{lang}.bound.changed",
                  f"{quote(o.text)} became {quote(n.text)}{where(state.label)}: the limit changed in kind or unit; check which asks more.", **words)  # type: ignore[arg-type]
        return
    subject = state.subject(o, n)
    looser = n.value < o.value if o.family == "floor" else n.value > o.value
    limit = "minimum" if o.family == "floor" else "maximum"
    state.add("obligation-weakened" if looser else "obligation-strengthened", f"{lang}.bound.{o.family}.{'looser' if looser else 'stricter'}",
              f"the {limit} {quote(o.text)} became {quote(n.text)}{where(state.label)}: {'less' if looser else 'more'} is asked{of_whom(subject.phrase)}.",
              subject=subject, **words)  # type: ignore[arg-type]


def value_pair(state: PairState, o: Hit, n: Hit) -> None:
    label = where(state.label)
    span = dict(old_words=o.text, new_words=n.text, old_span=(o.start, o.end), new_span=(n.start, n.end))
    if o.kind == "reference":
        # References re-paired by position in a reworded sentence: one that follows the
        # renumbering to another reference of the new sentence still points where it did.
        if not same_target(o.text, n.text, state.renumbered) and not _followed_elsewhere(state, o, n):
            state.add("reference-changed", f"{state.lexicon.language}.reference",
                      f"the cross-reference {quote(o.text)} became {quote(n.text)}{label}: check that it still points at the provision meant.", **span)  # type: ignore[arg-type]
        return
    if _enumerated_reference(state.old, o.start) or _enumerated_reference(state.new, n.start) or _label_number(state.old, o) or _label_number(state.new, n):
        return  # "paragraphs 7 and [8]" follows a renumbering; "Option 2", "(3)" number the text itself
    if o.value is not None and n.value is not None and o.value != n.value:
        state.add("number-changed", f"{state.lexicon.language}.number",
                  f"the figure {quote(o.text)} became {quote(n.text)}{label}: whether this tightens or loosens the text depends on what it measures.", **span)  # type: ignore[arg-type]


def _followed_elsewhere(state: PairState, o: Hit, n: Hit) -> bool:
    """True when ``o`` points where another reference of ``n``'s sentence does, or ``n`` where
    another reference of ``o``'s sentence did: the two were only paired up crosswise."""
    old_sentence = sentence_of(state.old_sentences, o.start)
    new_sentence = sentence_of(state.new_sentences, n.start)
    news = [h for h in state.new_hits if h.kind == "reference" and new_sentence[0] <= h.start < new_sentence[1] and h is not n]
    olds = [h for h in state.old_hits if h.kind == "reference" and old_sentence[0] <= h.start < old_sentence[1] and h is not o]
    return any(same_target(o.text, h.text, state.renumbered) for h in news) or any(same_target(h.text, n.text, state.renumbered) for h in olds)


# "paragraphs 7, 8 and": a figure here continues a cross-reference, it measures nothing.
_REFERENCE_RUN = re.compile(
    r"(?:paragraphs?|paras?\.|articles?|arts?\.|sections?|annex(?:es)?|decisions?|chapters?|parts?|rules?)"
    r"\s+[\w.()/]+(?:\s*(?:,|and|or|to|-|–)\s*[\w.()/]+)*\s*(?:,|and|or|to|-|–)?\s*$", re.IGNORECASE)
_LABEL_WORD = re.compile(r"(?:option|alternative|variant|version)\s*$", re.IGNORECASE)


def _enumerated_reference(text: str, offset: int) -> bool:
    return _REFERENCE_RUN.search(text[max(0, offset - 60) : offset]) is not None


def _label_number(text: str, hit: Hit) -> bool:
    """A figure that numbers the text itself: "Option 2", "3." or "(3)" opening a line, "1/CP.21"."""
    before = text[max(0, hit.start - 16) : hit.start]
    after = text[hit.end : hit.end + 1]
    if _LABEL_WORD.search(before):
        return True
    line = text[text.rfind("\n", 0, hit.start) + 1 : hit.start]
    if line.strip(" *(#") == "" and after in (".", ")"):
        return True
    if before.endswith("(") and after == ")":
        return True
    return after == "/" or before.endswith("/")
