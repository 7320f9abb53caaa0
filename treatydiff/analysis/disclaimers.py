"""Lists inside a warranty or liability disclaimer: what the one disclaiming does not answer for.

"In no event shall the Licensor be liable for any direct, indirect, incidental … damages": the
items of that list are what the Licensor is relieved of, not what a duty covers.  An item gone
from it ("lost profits" no longer excluded) leaves the Licensor answerable for more, which
widens the position of the one it licenses to; an item added excludes more and narrows it.
The list rules (:mod:`.scope`, :mod:`.sentence_items`) read every list as what a provision
covers; inside a disclaimer this pass turns their direction round.  Labellers read the CDDL,
OSL, MPL and CC disclaimers this way (docs/evaluation/labelling-findings.md: the direction of
a change is read for the one the text protects or binds).
"""

from __future__ import annotations

import dataclasses

from .explain import CODES, quote, where
from .operative import sentence_binds_no_one
from .pairstate import MOSTLY_CHANGED, PairState, edited_counterpart, fraction_changed, sentence_of
from .parties import favours
from .scan import prefilter

_SCOPE = frozenset({"scope-narrowed", "scope-widened"})
# The list rules whose findings say "the provision now covers less (more)".
_ITEM_RULES = frozenset({"list-item-removed", "list-item-added", "list-items-removed", "list-items-added",
                         "sentence-item-removed", "sentence-item-added"})


def in_disclaimer(state: PairState, offset: int, old_side: bool) -> bool:
    """True when the sentence around ``offset`` disclaims a warranty or a liability."""
    pattern = state.lexicon.disclaimers
    if pattern is None:
        return False
    text, spans = (state.old, state.old_sentences) if old_side else (state.new, state.new_sentences)
    start, end = sentence_of(spans, offset)
    return pattern.search(text, start, end) is not None


def disclaimer_items(state: PairState) -> None:
    """Turn round the list findings whose items stand in a disclaimer."""
    if state.lexicon.disclaimers is None or not any(f.code in _SCOPE for _, f in state.findings):
        return
    prefix = f"{state.lexicon.language}.scope."
    for k, (position, finding) in enumerate(state.findings):
        kind = finding.rule[len(prefix):] if finding.rule.startswith(prefix) else ""
        if kind not in _ITEM_RULES:
            continue
        removed = finding.code == "scope-narrowed"
        span = finding.old_span if removed else finding.new_span
        if span is None or not in_disclaimer(state, span.start, removed):
            continue
        code = "scope-widened" if removed else "scope-narrowed"
        words = finding.old_words if removed else finding.new_words
        limits = state.lexicon.disclaimer_limits
        if limits is not None and limits.search(words):
            continue  # "and to the extent permitted by law" limits the disclaimer, excludes nothing
        items = quote(words.strip(" ,;\n"))
        subject = state.subject_at(span.start, removed)
        effect = ("the disclaimer no longer excludes it, so the one disclaiming answers for it" if removed
                  else "the disclaimer now excludes it too, so the one disclaiming answers for less")
        state.findings[k] = (position, dataclasses.replace(
            finding,
            code=code,
            direction=CODES[code],
            rule=f"{prefix}disclaimer-{kind.split('-', 1)[1]}",
            explanation=f"{items} was {'removed from' if removed else 'added to'} what a disclaimer excludes{where(state.label)}: {effect}.",
            favours=favours(subject, code == "scope-narrowed", state.parties),
        ))


def reservations(state: PairState, whole: bool = False) -> None:
    """A new sentence that says what the grant does not give ("Patent and trademark rights are
    not licensed under this Public License", "No Contributor makes additional grants …",
    "GitHub makes no warranties of any kind …"): it holds no duty word, so the commitment rules
    pass it by, yet it closes the reading that the grant implied more, so the grant covers less.
    One deleted is not the reverse: what a licence does not grant stays reserved without it
    (and real drafts move such sentences into notices or merge them into rewritten disclaimers),
    so its going widens no grant.  ``whole``: the provision itself is new, every sentence of it."""
    pattern = state.lexicon.reservations
    if pattern is None or not state.new or not prefilter(pattern).may_match(state.new):
        return
    # A sentence new (nearly) whole holds its reservation in words the diff changed: only those are searched.
    if not whole and not any(pattern.search(state.new, b.new_start, b.new_end) for b in state.dmap.blocks if not b.equal):
        return
    changed = state.dmap.new_changed
    for span in state.new_sentences:
        words = state.new[span[0] : span[1]]
        found = pattern.search(words)
        if found is None or any(s < span[1] and span[0] < e for s, e in state.consumed_new) or sentence_binds_no_one(words, state.lexicon) \
                or (not whole and (fraction_changed(changed, state.new, span) < MOSTLY_CHANGED or edited_counterpart(state, span, False))):
            continue
        state.consumed_new.append(span)
        state.add("scope-narrowed", f"{state.lexicon.language}.scope.reservation-added",
                  f"the sentence {quote(words)} was added{where(state.label)}: it says what is not granted "
                  f"({quote(found.group(0))}), so the grant covers less.",
                  new_words=words, new_span=span, subject=state.subject_at(span[0], False))
