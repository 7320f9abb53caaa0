"""The detectors: from one aligned pair of provisions to explainable findings.

The rules live by what they read: duty words (:mod:`.duties`), what restricts a duty
(:mod:`.limits`), what it covers (:mod:`.scope`) and brackets (:mod:`.bracket_rules`), over the
shared state of :mod:`.pairstate`.  This module runs them in order for one pair.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..diff.worddiff import has_substantive_change
from ..model import ClausePair, Finding, Party
from . import brackets
from .bracket_rules import bracket_changes, proposals_made
from .diffmap import build
from .disclaimers import disclaimer_items, reservations
from .duties import chapeau_items, duty_eased, eases_duty, ladder_alone, ladder_pair, other_duties
from .editorial import editorial_only
from .explain import of, quote, where
from .hits import Hit, find_hits
from .lexicon import Lexicon
from .limits import bound_pair, deadline_alone, deadline_pair, marker_alone, value_pair
from .operative import describes, pair_binds_no_one, sentence_binds_no_one
from .pairstate import PairState, changed_hits, inside, pair_hits, sentence_of, sentences
from .parties import obligated, subject_phrase
from .reference_lists import reference_lists
from .references import Renumbering, harmless, same_target
from .renamed import Renaming
from .scope import conjunctions, definitions, enumerations, lists
from .sentence_items import sentence_items


def _one_sided(pair: ClausePair, lexicon: Lexicon, parties: Sequence[Party], links: frozenset[str] = frozenset()) -> list[Finding]:
    """A provision deleted or added as a whole."""
    old_side = pair.new is None
    provision = pair.old if old_side else pair.new
    assert provision is not None
    text = provision.text
    recital = pair_binds_no_one(pair, lexicon)
    if recital and old_side:
        return []  # deleting a recital or a note moves no position, bracketed or not
    empty = build((), len(text) if old_side else 0, 0 if old_side else len(text))
    spans = sentences(text)  # one text: both sides' sentences are the same spans (never mutated)
    state = PairState(pair, lexicon, parties, text if old_side else "", "" if old_side else text, empty, spans, spans, links=links)
    hits = () if recital else find_hits(lexicon, text, links)
    label = pair.old_citation if old_side else pair.new_citation
    # Every sentence that binds, grants or encourages someone is one commitment gone or new
    # (a deleted provision with three duties loses three), named by its own words and by its
    # strongest duty word ("You may … but shall" is an obligation).
    strongest: dict[tuple[int, int], tuple[tuple[bool, bool, int], Hit, str]] = {}
    for hit in hits:
        ladder = lexicon.ladder(hit.family) if hit.kind == "ladder" else None
        # A bracketed proposal deleted with its provision is off the table too; one added is
        # only new bracketed text (the bracket rule below).
        if ladder is None or (hit.bracketed and not old_side) or not (ladder.binds_whole(hit.rank) or (hit.negated and ladder.carries_obligation)):
            continue
        # One alternative of an "Option N:" block was never agreed: its going is a choice
        # between options (the bracket rules speak for it), not a commitment deleted.
        if hit.in_option or describes(text, hit, lexicon):
            continue
        sentence = sentence_of(state.old_sentences, hit.start)
        meaning = "a prohibition" if hit.negated and ladder.carries_obligation else ladder.meaning(hit.rank)
        rank = (ladder.carries_obligation, hit.negated, hit.rank)
        if sentence not in strongest or rank > strongest[sentence][0]:
            strongest[sentence] = (rank, hit, meaning)
    for sentence in sorted(strongest):
        _, hit, meaning = strongest[sentence]
        words = text[sentence[0] : sentence[1]]
        if sentence_binds_no_one(words, lexicon, text, sentence[0]):
            continue
        subject = obligated(text, hit.start, parties, lexicon)
        if eases_duty(lexicon, hit, words):
            duty_eased(state, words, sentence, old_side, subject, f"{label or 'a provision'} was {'deleted' if old_side else 'added'}")
        elif old_side:
            state.add("commitment-deleted", f"{lexicon.language}.commitment.deleted",
                      f"{label or 'a provision'} was deleted: {meaning}{of(subject.phrase)} ({quote(words)}) is gone.",
                      old_words=words, old_span=sentence, subject=subject)
        else:
            state.add("commitment-added", f"{lexicon.language}.commitment.added",
                      f"{label or 'a provision'} was added: it creates {meaning}{of(subject.phrase)} ({quote(words)}).",
                      new_words=words, new_span=sentence, subject=subject)
    if not old_side and not pair_binds_no_one(pair, lexicon):
        reservations(state, whole=True)
    groups = brackets.groups(text, lexicon.placeholders, links)
    if not old_side and not recital:
        proposals_made(state, groups, hits)  # a new proposed duty is a commitment added too
    for group in groups:
        if recital and not _whole(group.text, text):
            continue
        code = "brackets-closed" if old_side else "brackets-opened"
        state.add(code, f"{lexicon.language}.brackets.{'closed' if old_side else 'opened'}",
                  f"the bracketed text {quote(group.text)} {'went with the deleted provision' if old_side else 'came with the new provision'}"
                  f"{where(label)}: {'one disagreement fewer' if old_side else 'a new unagreed proposal'}.",
                  **({"old_words": group.text, "old_span": (group.start, group.end)} if old_side else {"new_words": group.text, "new_span": (group.start, group.end)}))  # type: ignore[arg-type]
    return [f for _, f in state.findings]


def _whole(bracketed: str, text: str) -> bool:
    """True when the bracket encloses the whole text ("[Recognizing … ,]")."""
    return bracketed.strip() == text.strip()


def _recital_bracket(finding: Finding, old: str, new: str) -> bool:
    """A recital or a note binds no one, so the words bracketed inside it settle nothing
    (labellers read no position in them); only the recital as a whole being put in brackets or
    agreed is a step of the negotiation ("[Reaffirming …,]" proposed by one side, later agreed)."""
    if finding.code == "brackets-opened":
        return _whole(finding.new_words, new)
    return finding.code == "brackets-closed" and finding.rule.endswith(".adopted") and _whole(finding.old_words, old)


def _renumbered_references(pair: ClausePair, lexicon: Lexicon, renumbered: Renumbering) -> list[Finding]:
    """Cross-references changed in a pair whose other changes the diff found ignorable.

    A reference that follows the renumbering of the comparison ("Article 3" → "Article 4" where
    old Article 3 became Article 4) or differs only in punctuation points where it did: no
    finding.  Only one that now points elsewhere is shown, for review.
    """
    assert pair.old is not None and pair.new is not None
    old, new = pair.old.text, pair.new.text
    if old == new or harmless(pair.segments, renumbered):
        return []
    dmap = build(pair.segments, len(old), len(new))
    state = PairState(pair, lexicon, (), old, new, dmap, sentences(old), sentences(new))
    olds = [h for h in find_hits(lexicon, old) if h.kind == "reference"]
    news = [h for h in find_hits(lexicon, new) if h.kind == "reference"]
    for o in olds:
        there = dmap.to_new(o.start)
        n = next((h for h in news if h.start == there), None)
        if n is not None and not same_target(o.text, n.text, renumbered):
            state.add("reference-changed", f"{lexicon.language}.reference.renumbered",
                      f"the cross-reference {quote(o.text)} became {quote(n.text)}{where(state.label)}, "
                      "although the provision it pointed at was not renumbered so: check that it still points at the provision meant.",
                      old_words=o.text, new_words=n.text, old_span=(o.start, o.end), new_span=(n.start, n.end))
    return [f for _, f in state.findings]


_PAIR_RULES = {"ladder": ladder_pair, "deadline": deadline_pair, "bound": bound_pair, "reference": value_pair, "number": value_pair}
_ALONE_RULES = {"ladder": ladder_alone, "marker": marker_alone, "deadline": deadline_alone, "urgency": deadline_alone}


def _pairs(state: PairState, changed_old: Sequence[Hit], changed_new: Sequence[Hit]) -> list[tuple[Hit, bool]]:
    """Run the rules for hits changed on both sides; return the hits left alone on one side."""
    alone: list[tuple[Hit, bool]] = []
    for o, n in pair_hits(state, changed_old, changed_new):
        if o is not None and o.bracketed:
            continue  # an unagreed alternative went away: the bracket rule speaks for it
        if o is not None and n is not None:
            key = "ladder" if o.kind == "ladder" and n.kind == "ladder" else o.group if o.group in ("deadline", "bound") else o.kind
            if key == "ladder" and o.kind == n.kind and other_duties(state, o, n):
                # Two unrelated sentences lined up by the diff: each is read on its own.
                if not o.in_option:
                    alone.append((o, True))
                if not n.bracketed and not n.in_option:
                    alone.append((n, False))
                continue
            rule = _PAIR_RULES.get(key)
            if rule is not None and (key != "ladder" or o.kind == n.kind):
                rule(state, o, n)
        elif o is not None and not o.in_option:
            alone.append((o, True))
        elif n is not None and not n.bracketed and not n.in_option:
            alone.append((n, False))
    return alone


def _alone(state: PairState, alone: list[tuple[Hit, bool]]) -> None:
    # Modals first: a sentence deleted or added whole is one commitment, not many small moves.
    alone.sort(key=lambda item: (item[0].family != "modal" and item[0].kind == "ladder", item[0].kind != "ladder", item[0].start))
    for hit, old_side in alone:
        if inside(state.consumed_old if old_side else state.consumed_new, hit):
            continue
        key = hit.group if hit.group == "deadline" else hit.kind
        rule = _ALONE_RULES.get(key)
        if rule is not None:
            rule(state, hit, old_side)


def _within_commitment(state: PairState, finding: Finding) -> bool:
    """A finding inside a sentence later found deleted or added whole: the commitment speaks
    (as a commitment, or as another way to meet a duty: "en.commitment.alternative-added")."""
    # (The reading of the whole sentence, a commitment, a duty eased or an alternative, is the one that stays.)
    whole = ".commitment." in finding.rule
    inside_old = not whole and finding.old_span is not None and any(
        s <= finding.old_span.start and finding.old_span.end <= e for s, e in state.consumed_old)
    inside_new = not whole and finding.new_span is not None and any(
        s <= finding.new_span.start and finding.new_span.end <= e for s, e in state.consumed_new)
    return inside_old or inside_new


def analyse_pair(pair: ClausePair, lexicon: Lexicon, parties: Sequence[Party], renumbered: Renumbering | None = None,
                 links: frozenset[str] = frozenset(),
                 spanned: tuple[tuple[int, int] | None, tuple[int, int] | None] = (None, None),
                 renaming: Renaming | None = None) -> list[Finding]:
    """Findings of one pair's own text (its paragraphs are pairs of their own).

    ``renumbered`` maps (kind, old number) to the new number of every provision the comparison
    paired (see :func:`references.renumbering`): references that follow it are not changes.
    ``links`` are the drafts' Markdown reference labels, which are not brackets; ``spanned`` the
    parts of the old and new texts inside a bracket that spans paragraphs; ``renaming`` the
    rounds' defined terms (a list whose terms were renamed is no list changed).
    """
    renumbered = renumbered or {}
    if pair.old is None and pair.new is None:
        return []
    if pair.old is None or pair.new is None:
        return _one_sided(pair, lexicon, parties, links)
    if not has_substantive_change(pair.segments):
        return _renumbered_references(pair, lexicon, renumbered)
    old, new = pair.old.text, pair.new.text
    if editorial_only(lexicon, old, new):
        return []
    dmap = build(pair.segments, len(old), len(new))
    state = PairState(pair, lexicon, parties, old, new, dmap, sentences(old), sentences(new), renumbered=renumbered, links=links,
                      old_spanned=spanned[0], new_spanned=spanned[1], renaming=renaming)
    old_hits, new_hits = find_hits(lexicon, old, links), find_hits(lexicon, new, links)
    state.old_hits, state.new_hits = old_hits, new_hits
    if pair_binds_no_one(pair, lexicon):
        bracket_changes(state)
        return [f for _, f in sorted(state.findings, key=lambda pf: (pf[0], pf[1].code)) if _recital_bracket(f, old, new)]
    changed_old = changed_hits(state, old_hits, new_hits, True)
    changed_new = changed_hits(state, new_hits, old_hits, False)
    _alone(state, _pairs(state, changed_old, changed_new))
    state.findings = [(position, f) for position, f in state.findings if not _within_commitment(state, f)]
    chapeau_items(state, True)
    chapeau_items(state, False)
    definitions(state)
    conjunctions(state)
    enumerations(state)
    lists(state, changed_old, changed_new)
    sentence_items(state)
    disclaimer_items(state)
    reservations(state)
    reference_lists(state)
    bracket_changes(state)
    return [f for _, f in sorted(state.findings, key=lambda pf: (pf[0], pf[1].code))]


__all__ = ["analyse_pair", "sentences", "subject_phrase"]
