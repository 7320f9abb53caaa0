"""Duty words: a modal or a best-efforts phrase that changed, came or went, and whole commitments.

A pair of ladder words compares ranks ("shall" → "should"); a word alone was added or removed;
a sentence that binds someone, new or gone (nearly) whole, is a commitment added or deleted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .explain import of, quote, where
from .frames import frame
from .hits import Hit
from .lexicon_types import Lexicon
from .moves import likeness, sentence_words
from .operative import describes, sentence_binds_no_one, states_consequence
from .pairstate import (
    CLOSERS,
    MOSTLY_CHANGED,
    PairState,
    after_word,
    attached,
    binds,
    edited_counterpart,
    fraction_changed,
    next_word,
    sentence_of,
)
from .parties import Subject
from .private_law import binding_rank

# A sentence whose words stand, in order, this fully on the other side is the same sentence.
SAME_WORDS = 0.9


def ladder_pair(state: PairState, o: Hit, n: Hit) -> None:
    ladder = state.lexicon.ladder(o.family)
    new_ladder = state.lexicon.ladder(n.family)
    if ladder is None or new_ladder is None:
        return
    if _defines(state, o, True) and _defines(state, n, False):
        return  # "may" → "will" inside a definition binds no one: the definition-changed rule speaks
    label = where(state.label)
    subject = state.subject(o, n)
    words = dict(old_words=o.text, new_words=n.text, old_span=(o.start, o.end), new_span=(n.start, n.end), subject=subject)
    if o.negated != n.negated:
        if ladder.group != "obligation" or not _one_sentence(state, o, n):
            return
        old_kind = "a prohibition" if o.negated else "an obligation"
        new_kind = "a prohibition" if n.negated else "an obligation"
        state.add("obligation-reversed", f"{state.lexicon.language}.{ladder.id}.negation",
                  f"{quote(_with_negation(state.old, o))} became {quote(_with_negation(state.new, n))}{label}: {old_kind}{of(subject.phrase)} "
                  f"became {new_kind}, which is neither stronger nor weaker; read the provision as a whole.", **words)  # type: ignore[arg-type]
        return
    if o.rank == n.rank or binding_rank(state.lexicon, ladder, o) == binding_rank(state.lexicon, new_ladder, n):
        return  # (in a licence "shall" → "will" binds as before)
    if ladder.qualifies_next_word:
        # "all Parties" → "some Parties" narrows; "any content" → "specific terms" compares nothing.
        old_next, new_next = next_word(state.old, o.end), next_word(state.new, n.end)
        if old_next is None or new_next is None or old_next[0] != new_next[0]:
            return
    weaker = n.rank < o.rank
    if _still_as_strong(state, o, n, weaker):
        return
    code = ladder.weaker if weaker else ladder.stronger
    names = ladder.name if ladder.id == new_ladder.id else f"{ladder.name}; {new_ladder.name}"
    kind = "prohibition" if o.negated else ""
    old_meaning = ladder.meaning(o.rank) + (f" ({kind})" if kind else "")
    state.add(code, f"{state.lexicon.language}.{ladder.id}.{o.rank}>{n.rank}",
              f"{quote(_with_negation(state.old, o))} became {quote(_with_negation(state.new, n))}{label}: "
              f"{old_meaning}{of(subject.phrase)} became {new_ladder.meaning(n.rank)} (ladder {names}).", **words)  # type: ignore[arg-type]


# Two sentences that share less than this of their words, in order, are two duties, not one
# turned round ("You may not offer or impose any terms …" and "You must include a copy …").
REVERSED_ALIKE = 0.4


def _one_sentence(state: PairState, o: Hit, n: Hit) -> bool:
    """True when ``o`` and ``n`` stand in sentences alike enough to be one sentence edited."""
    a, b = sentence_of(state.old_sentences, o.start)
    c, d = sentence_of(state.new_sentences, n.start)
    return likeness(sentence_words(state.old[a:b]), sentence_words(state.new[c:d])) >= REVERSED_ALIKE


def _defines(state: PairState, hit: Hit, old_side: bool) -> bool:
    """True when ``hit`` stands in a sentence that defines a term or opens like a recital."""
    text = state.old if old_side else state.new
    start, end = sentence_of(state.old_sentences if old_side else state.new_sentences, hit.start)
    return sentence_binds_no_one(text[start:end], state.lexicon, text, start)


def _still_as_strong(state: PairState, o: Hit, n: Hit, weaker: bool) -> bool:
    """True when the sentence that seems to ask less (or more) also holds a word of the same
    ladder as strong as the other side's: "shall decide on" → "shall consider and adopt a
    decision on" still decides, whichever of its words the diff paired with "decide on"."""
    text_hits, spans, hit, rank = (state.new_hits, state.new_sentences, n, o.rank) if weaker else (state.old_hits, state.old_sentences, o, n.rank)
    start, end = sentence_of(spans, hit.start)
    return any(h is not hit and h.family == hit.family and start <= h.start < end and h.rank >= rank and h.negated == hit.negated
               for h in text_hits)


def _with_negation(text: str, hit: Hit) -> str:
    if not hit.negated:
        return hit.text
    tail = re.match(r"\s+\w+", text[hit.end :])
    head = re.search(r"\w+\s+$", text[: hit.start])
    if tail and tail.group(0).strip().casefold() in ("not", "pas"):
        return hit.text + tail.group(0)
    return (head.group(0) if head else "") + hit.text


# What a ladder word found on one side only means, by ladder and by whether it came or went.
_ALONE = {
    ("effort", "added"): "the obligation{of} becomes {meaning}",
    ("effort", "removed"): "the obligation{of} is no longer only {meaning}",
    ("scope", "added"): "the provision now covers {meaning}",
    ("scope", "removed"): "the provision no longer covers {meaning}",
    ("consent", "added"): "the consent it asks for must now be given in writing",
    ("consent", "removed"): "the consent it asks for need no longer be given in writing",
    ("", "added"): "it creates {meaning}{of}",
    ("", "removed"): "{meaning}{of} no longer applies",
}


def ladder_alone(state: PairState, hit: Hit, old_side: bool) -> None:
    ladder = state.lexicon.ladder(hit.family)
    if ladder is None or ladder.min_rank_alone is None:
        return
    text = state.old if old_side else state.new
    changed = state.dmap.old_changed if old_side else state.dmap.new_changed
    spans = state.old_sentences if old_side else state.new_sentences
    sentence = sentence_of(spans, hit.start)
    rewritten = fraction_changed(changed, text, sentence)
    if hit.negated:
        # "You may not …", "shall not …" in a sentence that is new or gone as a whole: a
        # prohibition is a commitment like any duty ("will not have …" only describes).
        if ladder.carries_obligation and not states_consequence(text, hit, state.lexicon) and rewritten >= MOSTLY_CHANGED:
            commitment(state, hit, old_side, sentence, "a prohibition")
        return
    if describes(text, hit, state.lexicon):
        return  # "Subsequent efforts will be informed by …" predicts; it binds no one
    if _defines(state, hit, old_side):
        return  # "Nothing in this License shall be deemed to …" reworded: a saving clause binds no one
    # A sentence new or gone (nearly) whole that grants, binds or encourages someone is a
    # commitment of its own, whatever its rank: it weakens or strengthens no other duty.
    if rewritten >= MOSTLY_CHANGED and ladder.binds_whole(hit.rank) \
            and not (ladder.alone_not_after and after_word(text, hit.start, ladder.alone_not_after)) \
            and commitment(state, hit, old_side, sentence, ladder.meaning(hit.rank)):
        return
    code = ladder.removed if old_side else ladder.added
    if code is None or hit.rank < ladder.min_rank_alone:
        return
    if _twin_stays(state, hit, old_side, sentence):
        return
    if voice_changed(state, hit, old_side):
        return  # "Encourages X to" → "X are encouraged to": the same decision, in another voice
    if ladder.alone_max_changed is not None and rewritten > ladder.alone_max_changed:
        return  # the sentence was rewritten: one word of it coming or going shows nothing
    if ladder.alone_not_after and after_word(text, hit.start, ladder.alone_not_after):
        return
    if not ladder.carries_obligation and not attached(state, hit, old_side):
        return  # "are encouraged to" in a new sentence for a new subject weakens no existing duty
    if ladder.qualifies_next_word and not _qualifies_kept_noun(state, hit, old_side, ladder.same_reach):
        return
    if ladder.carries_obligation and rewritten >= MOSTLY_CHANGED and commitment(state, hit, old_side, sentence, ladder.meaning(hit.rank)):
        return
    subject = state.subject_at(hit.start, old_side)
    verb = "removed" if old_side else "added"
    span = (hit.start, hit.end)
    template = _ALONE.get((ladder.id, verb), _ALONE[("", verb)])
    state.add(code, f"{state.lexicon.language}.{ladder.id}.{verb}",
              f"{quote(hit.text)} was {verb}{where(state.label)}: "
              + template.format(meaning=ladder.meaning(hit.rank), of=of(subject.phrase)) + f" (ladder {ladder.name}).",
              old_words=hit.text if old_side else "", new_words="" if old_side else hit.text,
              old_span=span if old_side else None, new_span=None if old_side else span, subject=subject)


def _twin_stays(state: PairState, hit: Hit, old_side: bool, sentence: tuple[int, int]) -> bool:
    """True when the sentence holds, unchanged, another word of ``hit``'s ladder as strong and of
    the same polarity: "must be included in the file and must be included with every copy" →
    "must be placed in a file included with every copy" still binds both, by the first "must"."""
    text, hits, changed = (state.old, state.old_hits, state.dmap.old_changed) if old_side else (state.new, state.new_hits, state.dmap.new_changed)
    return any(h is not hit and h.family == hit.family and h.rank >= hit.rank and h.negated == hit.negated
               and sentence[0] <= h.start and h.end <= hit.start and _CONJOINED.fullmatch(text, h.end, hit.start)
               and not any(changed[h.start : h.end]) for h in hits)


# Between two duty words of one conjoined duty: no clause mark, an "and" or "or", not too far.
_CONJOINED = re.compile(r"(?:(?![.;:]\s)[^()\n]){0,160}?\b(?:and|or)\s+(?:\w+\s+){0,2}", re.IGNORECASE)


def voice_changed(state: PairState, hit: Hit, old_side: bool) -> bool:
    """True when ``hit`` is one voice of a decision whose other voice stands in the other
    side's sentence ("Encourages X to" / "X are encouraged to")."""
    text, other = (state.old, state.new) if old_side else (state.new, state.old)
    there = state.dmap.to_new(hit.start) if old_side else state.dmap.to_old(hit.start)
    a, b = sentence_of(state.new_sentences if old_side else state.old_sentences, there)
    counterpart = other[a:b]
    for active, passive in state.lexicon.voices:
        for mine, theirs in ((active, passive), (passive, active)):
            if mine.fullmatch(text, hit.start, hit.end) and theirs.search(counterpart):
                return True
    return False


def commitment(state: PairState, hit: Hit, old_side: bool, sentence: tuple[int, int], meaning: str) -> bool:
    """A sentence that binds someone, deleted or added (nearly) whole.  False when it is no
    new (or gone) sentence but one edited from a sentence that stands in its place on the other
    side: then its words are read one by one like any edit."""
    text = state.old if old_side else state.new
    words = text[sentence[0] : sentence[1]]
    if sentence_binds_no_one(words, state.lexicon, text, sentence[0]) or still_there(state, sentence, old_side):
        return True
    if edited_counterpart(state, sentence, old_side):
        return False
    subject = state.subject_at(hit.start, old_side)
    label = where(state.label)
    if eases_duty(state.lexicon, hit, words):
        (state.consumed_old if old_side else state.consumed_new).append(sentence)
        duty_eased(state, words, sentence, old_side, subject, f"the sentence {quote(words)} was {'deleted' if old_side else 'added'}{label}")
        return True
    if _offers_alternative(state, hit, words):
        code = "obligation-strengthened" if old_side else "obligation-weakened"
        (state.consumed_old if old_side else state.consumed_new).append(sentence)
        state.add(code, f"{state.lexicon.language}.commitment.alternative-{'removed' if old_side else 'added'}",
                  f"the sentence {quote(words)} was {'deleted' if old_side else 'added'}{label}: it "
                  f"{'offered' if old_side else 'offers'} another way to meet a duty{of(subject.phrase)}, which now binds "
                  f"{'more' if old_side else 'less'}.",
                  **({"old_words": words, "old_span": sentence} if old_side else {"new_words": words, "new_span": sentence}), subject=subject)  # type: ignore[arg-type]
        return True
    if old_side:
        state.consumed_old.append(sentence)
        state.add("commitment-deleted", f"{state.lexicon.language}.commitment.deleted",
                  f"the sentence {quote(words)} was deleted{label}: {meaning}{of(subject.phrase)} is gone.",
                  old_words=words, old_span=sentence, subject=subject)
    else:
        state.consumed_new.append(sentence)
        state.add("commitment-added", f"{state.lexicon.language}.commitment.added",
                  f"the sentence {quote(words)} was added{label}: it creates {meaning}{of(subject.phrase)}.",
                  new_words=words, new_span=sentence, subject=subject)
    return True


def eases_duty(lexicon: Lexicon, hit: Hit, words: str) -> bool:
    """True when ``hit`` is a permission whose object is a duty's own conditions."""
    ladder = lexicon.ladder(hit.family)
    if ladder is None or not ladder.eases_duty or hit.negated or hit.rank != min(s.rank for s in ladder.steps):
        return False
    return any(re.search(rf"\b{re.escape(hit.text)}\s+{pattern}", words, re.IGNORECASE) for pattern in ladder.eases_duty)


def duty_eased(state: PairState, words: str, sentence: tuple[int, int], old_side: bool, subject: Subject, what: str) -> None:
    """The finding for a sentence that eased a duty, added (or deleted: the duty asks more)."""
    code = "qualifier-removed" if old_side else "qualifier-added"
    state.add(code, f"{state.lexicon.language}.commitment.eases-duty.{'removed' if old_side else 'added'}",
              f"{what}: it lets{of(subject.phrase)} meet the conditions of a duty in a manner of their choosing, so the duty asks "
              f"{'more' if old_side else 'less'} than before.",
              **({"old_words": words, "old_span": sentence} if old_side else {"new_words": words, "new_span": sentence}), subject=subject)  # type: ignore[arg-type]


def _offers_alternative(state: PairState, hit: Hit, words: str) -> bool:
    """True for a permission that opens like another way to meet a duty ("Alternately, …")."""
    ladder = state.lexicon.ladder(hit.family)
    return state.lexicon.alternatives is not None and ladder is not None and not hit.negated and hit.rank < ladder.top_rank() \
        and state.lexicon.alternatives.match(words) is not None


def chapeau_items(state: PairState, old_side: bool) -> None:
    """A whole item deleted from (or added to) a list whose chapeau binds someone ("Parties
    shall: … (b) Ensure environmental integrity;"): the item carries the chapeau's duty, so
    the duty now covers less (or more) although the item has no duty word of its own."""
    text = state.old if old_side else state.new
    spans = state.old_sentences if old_side else state.new_sentences
    changed = state.dmap.old_changed if old_side else state.dmap.new_changed
    consumed = state.consumed_old if old_side else state.consumed_new
    hits = state.old_hits if old_side else state.new_hits
    chapeau: Hit | None = None
    for span in spans:
        words = text[span[0] : span[1]]
        if words.rstrip(CLOSERS).endswith(":"):
            duty = max((h for h in hits if span[0] <= h.start < span[1] and binds(state.lexicon, h) and h.rank >= 3), key=lambda h: h.rank, default=None)
            chapeau = duty if duty is not None and fraction_changed(changed, text, span) < MOSTLY_CHANGED else None
            continue
        if chapeau is None or any(s <= span[0] and span[1] <= e for s, e in consumed) or len(words.split()) < 3:
            continue
        if any(span[0] <= h.start < span[1] and (h.kind == "marker" or binds(state.lexicon, h)) for h in hits):
            continue  # a duty word or a qualifier of its own: the other rules read it
        if fraction_changed(changed, text, span) < MOSTLY_CHANGED or sentence_binds_no_one(words, state.lexicon) or still_there(state, span, old_side):
            continue
        consumed.append(span)
        subject = state.subject_at(chapeau.start, old_side)
        if old_side:
            state.add("scope-narrowed", f"{state.lexicon.language}.scope.chapeau-item-removed",
                      f"the item {quote(words)} was removed{where(state.label)}: the duty{of(subject.phrase)} ({quote(chapeau.text)}) no longer covers it.",
                      old_words=words, old_span=span, subject=subject)
        else:
            state.add("scope-widened", f"{state.lexicon.language}.scope.chapeau-item-added",
                      f"the item {quote(words)} was added{where(state.label)}: the duty{of(subject.phrase)} ({quote(chapeau.text)}) now covers it too.",
                      new_words=words, new_span=span, subject=subject)


def other_duties(state: PairState, old_hit: Hit, new_hit: Hit) -> bool:
    """True when two duty words the diff put side by side stand in sentences that are no
    counterparts: each sentence rewritten (mostly changed) and their frames bound to someone
    else and to another action ("the Licensor will waive …" / "You must remove …").  A long
    re-cut text read as one lines up words of unrelated sentences; a sentence stands on the
    other side only when a sentence there carries it, so each is read alone, as a commitment
    deleted or added."""
    old_sentence = sentence_of(state.old_sentences, old_hit.start)
    new_sentence = sentence_of(state.new_sentences, new_hit.start)
    if fraction_changed(state.dmap.old_changed, state.old, old_sentence) < MOSTLY_CHANGED \
            or fraction_changed(state.dmap.new_changed, state.new, new_sentence) < MOSTLY_CHANGED:
        return False
    old_words, new_words = state.old[old_sentence[0] : old_sentence[1]], state.new[new_sentence[0] : new_sentence[1]]
    old_frame = frame(old_words, state.lexicon, old_hit.start - old_sentence[0])
    new_frame = frame(new_words, state.lexicon, new_hit.start - new_sentence[0])
    if old_frame is None or new_frame is None or _same_party(old_frame.subject, new_frame.subject):
        return False
    # Neither action stands in the other sentence ("may publish" / "has the right to modify or
    # publish" is one power rewritten, its holder renamed).
    return old_frame.action not in sentence_words(new_words) and new_frame.action not in sentence_words(old_words)


def _same_party(old: str, new: str) -> bool:
    """True when two subject phrases share a name ("developed country Parties" / "developed
    country Parties and other Parties included in Annex I"); "You" and "the Licensor" share none."""
    return bool(_names(old) & _names(new)) or not old or not new


def _names(subject: str) -> set[str]:
    """The words of a subject phrase that name someone, singular ("Contributors" is "Contributor")."""
    words = (w for w in re.findall(r"\w+", subject) if w not in _NO_NAMES)
    return {w[:-3] + "y" if w.endswith("ies") else w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in words}


# Words of a subject phrase that name no one.
_NO_NAMES = frozenset({"the", "a", "an", "of", "and", "or", "other", "each", "all", "any", "such", "this", "that", "its", "their"})


def still_there(state: PairState, sentence: tuple[int, int], old_side: bool) -> bool:
    """True when the other side of the pair holds the same sentence, recased, rewrapped or
    moved within the provision ("THIS LIMITATION … SHALL NOT APPLY" → "This limitation …
    shall not apply"): the word diff of a long rewritten provision can cut it into pieces."""
    text, other = (state.old, state.new) if old_side else (state.new, state.old)
    spans = state.new_sentences if old_side else state.old_sentences
    mine = sentence_words(text[sentence[0] : sentence[1]])
    vocabulary = set(mine)
    for a, b in spans:
        theirs = sentence_words(other[a:b])
        # Most sentences share too few words to be the same one: skip the ordered comparison.
        if len(vocabulary.intersection(theirs)) >= SAME_WORDS * min(len(vocabulary), len(set(theirs)) or 1) \
                and likeness(mine, theirs) >= SAME_WORDS:
            return True
    return False


def _qualifies_kept_noun(state: PairState, hit: Hit, old_side: bool, same_reach: Sequence[str]) -> bool:
    """True when the word ``hit`` qualifies stands unchanged on both sides and what replaced
    ``hit`` (if anything) is not a determiner of the same reach ("all X" → "the X")."""
    text = state.old if old_side else state.new
    following = next_word(text, hit.end)
    if following is None:
        return False
    word, start, end = following
    touched = state.dmap.old_touched(start, end) if old_side else state.dmap.new_touched(start, end)
    if touched:
        # "All armed forces" → "Armed forces": the noun kept, only its capital changed.
        there = state.dmap.to_new(start) if old_side else state.dmap.to_old(start)
        twin = next_word(state.new if old_side else state.old, max(0, there - 1))
        if twin is None or twin[0] != word:
            return False
    regions = state.dmap.regions_old(hit.start, hit.end) if old_side else state.dmap.regions_new(hit.start, hit.end)
    other = state.new if old_side else state.old
    other_regions = state.dmap.new_region if old_side else state.dmap.old_region
    replaced = "".join(other[k] for k in range(len(other)) if other_regions[k] in regions) if regions else ""
    return not any(w.casefold() in same_reach for w in re.findall(r"\w+", replaced))
