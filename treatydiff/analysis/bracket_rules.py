"""Brackets opened and closed in a pair, each closing read for what its resolution did
(see :mod:`.resolution`).
"""

from __future__ import annotations

import re

from . import brackets
from .carried import item_gap
from .duties import ladder_pair, still_there
from .explain import of, quote, where
from .hits import Hit
from .operative import describes, opens_non_operative
from .pairstate import PairState, edited_counterpart, in_duty, no_longer
from .parties import Subject
from .resolution import Resolution, alternative_spans, ladder_hits, marker_hits, resolve
from .scope import NOT_AN_ITEM


def bracket_changes(state: PairState) -> None:
    placeholders = state.lexicon.placeholders
    closed, opened = brackets.changed_groups(state.old, state.new, placeholders, state.links,
                                             state.old_spanned, state.new_spanned)
    label = where(state.label)
    lang = state.lexicon.language
    items: list[brackets.BracketGroup] = []
    for group in closed:
        res = resolve(group, state.old, state.new, state.dmap, placeholders, state.links)
        if res.outcome in ("dropped", "replaced") and brackets.holds_place(state.new[res.new_start : res.new_end], placeholders):
            continue  # "[NDMC*][INDC]" → "###": the choice is still open, kept by an editor's mark
        if item_gap().match(group.text.strip("[]")):
            continue  # "[and]" → "and": a connector between items, no position of its own
        kept = res.outcome in ("adopted", "chosen")
        state.add("brackets-closed", f"{lang}.brackets.closed.{res.outcome}", _closed_explanation(res, label),
                  old_words=group.text, old_span=(group.start, group.end),
                  new_words=res.kept if kept else "", new_span=(res.new_start, res.new_end) if kept and res.new_end > res.new_start else None)
        if _item_dropped(state, group, res):
            items.append(group)
        else:
            _resolution_effect(state, group, res)
    _items_dropped(state, items)
    for group in opened:
        state.add("brackets-opened", f"{lang}.brackets.opened",
                  f"{quote(group.text)} is new bracketed text{label}: an unagreed proposal or option was put on the table.",
                  new_words=group.text, new_span=(group.start, group.end))
    old_options = brackets.option_matches(state.old, state.lexicon.options)
    new_options = brackets.option_matches(state.new, state.lexicon.options)
    if len(new_options) > len(old_options):
        extra = new_options[len(old_options)]
        state.add("brackets-opened", f"{lang}.options.opened",
                  f"{len(new_options) - len(old_options)} more option block(s){label}: alternatives were reopened.",
                  new_words=extra.group(0), new_span=(extra.start(), extra.end()))
    elif len(new_options) < len(old_options):
        gone = old_options[len(new_options)]
        state.add("brackets-closed", f"{lang}.options.closed",
                  f"{len(old_options) - len(new_options)} fewer option block(s){label}: alternatives were settled.",
                  old_words=gone.group(0), old_span=(gone.start(), gone.end()))
        if not new_options and len(old_options) > 1:
            _options_settled(state, [m.start() for m in old_options])


def _strongest_duty(state: PairState, text: str, start: int, end: int) -> Hit | None:
    hits = [h for h in ladder_hits(state.lexicon, text, start, end, state.links)
            if (lad := state.lexicon.ladder(h.family)) is not None and lad.carries_obligation and not h.negated]
    return max(hits, key=lambda h: (h.rank, -h.start), default=None)


def _options_settled(state: PairState, starts: list[int]) -> None:
    """Options settled into one text: the settled text judged against the strongest option
    that was on the table ("should" where Option 1 said "shall" is weaker), like a choice
    between bracketed alternatives."""
    end = state.old.find("\n\n", starts[-1])
    ends = [*starts[1:], end if end >= 0 else len(state.old)]
    offered = [d for a, b in zip(starts, ends, strict=True) if (d := _strongest_duty(state, state.old, a, b)) is not None]
    new_start, new_end = state.dmap.to_new(starts[0]), state.dmap.to_new(ends[-1])
    settled = _strongest_duty(state, state.new, new_start, max(new_start, new_end))
    if not offered or settled is None:
        return
    strongest = max(offered, key=lambda h: h.rank)
    ladder, rival = state.lexicon.ladder(settled.family), state.lexicon.ladder(strongest.family)
    if ladder is None or rival is None or rival.group != ladder.group or strongest.rank <= settled.rank:
        return
    subject = state.subject_at(settled.start, False)
    state.add(ladder.weaker, f"{state.lexicon.language}.options.settled.{ladder.id}.{strongest.rank}>{settled.rank}",
              f"the options were settled on {quote(settled.text)}{where(state.label)}: {ladder.meaning(settled.rank)}{of(subject.phrase)} "
              f"where an option with {quote(strongest.text)} ({rival.meaning(strongest.rank)}) was on the table.",
              old_words=strongest.text, new_words=settled.text, old_span=(strongest.start, strongest.end),
              new_span=(settled.start, settled.end), subject=subject)


def _closed_explanation(res: Resolution, label: str) -> str:
    text = quote(res.group.text)
    if res.outcome == "chosen":
        others = [a for a in res.alternatives if a != res.kept]
        return (f"of the bracketed alternatives {text}, {quote(res.kept)} was chosen{label}"
                f"{' over ' + ', '.join(quote(a) for a in others) if others else ''}; the text is no longer in brackets.")
    if res.outcome == "adopted":
        return f"the bracketed text {text} was adopted{label}: its words stay, no longer in brackets."
    if res.outcome == "dropped":
        return f"the bracketed text {text} was dropped{label}: its words went with their brackets."
    return f"the bracketed text {text} was replaced by other words{label}; read the new wording."


def _resolution_effect(state: PairState, group: brackets.BracketGroup, res: Resolution) -> None:
    """What the words adopted, dropped or not chosen do to the position (see resolution.py)."""
    label = where(state.label)
    lang = state.lexicon.language
    subject = state.subject_at(group.start, True)
    if res.outcome == "chosen":
        spans = alternative_spans(group, state.old, state.lexicon.placeholders, state.links)
        chosen = next((sp for sp in spans if state.old[sp.start + 1 : sp.end - 1] == res.kept), None)
        if chosen is None:
            return
        mine = ladder_hits(state.lexicon, state.old, chosen.start, chosen.end, state.links)
        before = len(state.findings)
        for hit in mine:
            rivals = [h for sp in spans if sp is not chosen
                      for h in ladder_hits(state.lexicon, state.old, sp.start, sp.end, state.links)
                      if h.group == hit.group and h.negated == hit.negated and h.rank > hit.rank]
            ladder = state.lexicon.ladder(hit.family)
            if not rivals or ladder is None:
                continue
            strongest = max(rivals, key=lambda h: h.rank)
            rival_ladder = state.lexicon.ladder(strongest.family) or ladder
            state.add(ladder.weaker, f"{lang}.brackets.chosen.{ladder.id}.{strongest.rank}>{hit.rank}",
                      f"{quote(hit.text)} was chosen over {quote(strongest.text)}{label}: {ladder.meaning(hit.rank)}{of(subject.phrase)} "
                      f"where {rival_ladder.meaning(strongest.rank)} was on the table.",
                      old_words=strongest.text, new_words=hit.text, old_span=(strongest.start, strongest.end),
                      new_span=(res.new_start, res.new_end), subject=subject)
            return
        if len(state.findings) == before:
            # No stronger rival: the chosen words may still have been edited on the way in
            # ("[shall take into account]" chosen as "should take into account").
            _edited_on_adoption(state, chosen.start, chosen.end, res)
        return
    if res.outcome == "replaced":
        _proposed_commitment_gone(state, group, res, subject)
        return
    if res.outcome not in ("adopted", "dropped"):
        return
    adopted = res.outcome == "adopted"
    if adopted:
        _edited_on_adoption(state, group.start, group.end, res)
    # A qualifier or a condition attaches to a commitment that stands outside the brackets; in a
    # bracketed commitment adopted or dropped whole it came or went with that commitment.
    # So did those of paragraphs under a bracket that spans paragraphs (brackets.spanning_brackets).
    spanned = (group.start, group.end) == state.old_spanned
    markers = marker_hits(state.lexicon, state.old, group.start, group.end, state.links) \
        if in_duty(state, group.start) and not spanned else []
    for hit in markers:
        if hit.kind == "marker":
            marker = state.lexicon.marker(hit.family)
            if marker is None:
                continue
            code = marker.added if adopted else marker.removed
            effect = f"it {marker.meaning}" if adopted else f"the commitment{of(subject.phrase)} no longer {no_longer(marker.meaning)}"
        else:
            code = "deadline-added" if adopted else "deadline-removed"
            effect = "the obligation now has a time limit" if adopted else "the proposed time limit is gone"
        state.add(code, f"{lang}.brackets.{res.outcome}.{hit.family}",
                  f"the bracketed {quote(hit.text)} was {res.outcome}{label}: {effect}.",
                  old_words=hit.text, old_span=(hit.start, hit.end), subject=subject)
    if not adopted:
        _proposed_commitment_gone(state, group, res, subject)


def _proposed_commitment_gone(state: PairState, group: brackets.BracketGroup, res: Resolution, subject: Subject) -> None:
    """A bracketed sentence that bound someone, dropped, or replaced by words that keep too
    little of it to be that sentence reworded: the proposed commitment is off the table."""
    duty = next((h for h in ladder_hits(state.lexicon, state.old, group.start, group.end, state.links)
                 if (lad := state.lexicon.ladder(h.family)) is not None and lad.carries_obligation
                 and lad.binds_whole(h.rank) and not describes(state.old, h, state.lexicon)), None)
    # Only a whole proposed sentence is a commitment; a stack of modals ("[shall][should]")
    # dropped for other wording is a choice of wording, read by the ladder rules.
    sentence_like = len(res.alternatives) == 1 and len(res.alternatives[0].split()) >= 6
    if duty is None or not sentence_like or opens_non_operative(res.alternatives[0], state.lexicon):
        return
    ladder = state.lexicon.ladder(duty.family)
    assert ladder is not None
    # Replaced, only a binding sentence ("shall", not a "will" that may predict) that no
    # sentence of the new text keeps or grew from.
    if res.outcome == "replaced" and (duty.rank < ladder.top_rank() or not _whole_sentence(state, group)
                                      or still_there(state, (group.start, group.end), True)
                                      or edited_counterpart(state, (group.start, group.end), True)):
        return
    meaning = "a prohibition" if duty.negated else ladder.meaning(duty.rank)
    state.add("commitment-deleted", f"{state.lexicon.language}.brackets.{res.outcome}.commitment",
              f"the proposed commitment {quote(group.text)} was {res.outcome}{where(state.label)}: "
              f"{meaning}{of(subject.phrase)} is no longer on the table.",
              old_words=group.text, old_span=(group.start, group.end), subject=subject)


def _whole_sentence(state: PairState, group: brackets.BracketGroup) -> bool:
    """True when the bracket holds one or more whole sentences ("[The secretariat shall … .]")."""
    inner = group.text[1:-1].rstrip()
    return inner.endswith((".", ";")) and inner[:1].isupper()


def _edited_on_adoption(state: PairState, start: int, end: int, res: Resolution) -> None:
    """Bracketed words adopted (or chosen) with their duty word changed ("[shall take into
    account]" → "should take into account"): the ladder compares the two, as in any edit."""
    news = [h for h in state.new_hits if h.kind == "ladder" and res.new_start <= h.start < res.new_end]
    for old_hit in ladder_hits(state.lexicon, state.old, start, end, state.links):
        # Only the word that took its place: where the diff maps it, give or take a space.
        there, end = state.dmap.to_new(old_hit.start), state.dmap.to_new(old_hit.end)
        new_hit = next((h for h in news if h.group == old_hit.group and there - 1 <= h.start <= max(there, end) + 1), None)
        if new_hit is not None and (new_hit.rank != old_hit.rank or new_hit.negated != old_hit.negated):
            ladder_pair(state, old_hit, new_hit)


def _item_dropped(state: PairState, group: brackets.BracketGroup, res: Resolution) -> bool:
    """A bracketed item of a duty's list ("[new,] [additional,]") whose words did not stay,
    whether the sentence around it stayed (dropped) or was reworded (replaced)."""
    return (res.outcome in ("dropped", "replaced") and len(res.alternatives) == 1 and _list_item(state.old, group)
            and in_duty(state, group.start))


def _items_dropped(state: PairState, groups: list[brackets.BracketGroup]) -> None:
    """Dropped bracketed items, one finding per run of adjacent items of one list."""
    runs: list[list[brackets.BracketGroup]] = []
    for group in groups:
        if runs and item_gap().match(state.old[runs[-1][-1].end : group.start]):
            runs[-1].append(group)
        else:
            runs.append([group])
    for run in runs:
        start, end = run[0].start, run[-1].end
        text = state.old[start:end]
        subject = state.subject_at(start, True)
        named = f"the bracketed item {quote(text)} was" if len(run) == 1 else f"the bracketed items {quote(text)} were"
        state.add("scope-narrowed", f"{state.lexicon.language}.brackets.dropped.item",
                  f"{named} dropped{where(state.label)}: the commitment{of(subject.phrase)} no longer covers "
                  f"{'it' if len(run) == 1 else 'them'}.",
                  old_words=text, old_span=(start, end), subject=subject)




def _list_item(text: str, group: brackets.BracketGroup) -> bool:
    """A short bracketed item of an enumeration: "[new,] [additional,]", "[, gender]"."""
    inner = group.text.strip("[] ")
    if not inner or len(inner.split()) > 6:
        return False
    if inner[0] in ",;" and inner[-1] in ",;":
        return False  # "[, within 30 days,]": a clause set off by commas, not an item
    first = inner.strip(",; ").split()[0].casefold() if inner.strip(",; ") else ""
    if first in NOT_AN_ITEM:
        return False  # "[to achieve their goals]", "[including LDCs]": a purpose or an illustration
    before = text[max(0, group.start - 8) : group.start].rstrip()
    after = text[group.end : group.end + 8].lstrip()
    # After an item ("[accessible,] [sustained]") or before the last one ("[sustained] and [scaled-up]").
    # ("[developed country] [All]", with no comma or "and" between, are stacked alternatives.)
    return (inner[-1] in ",;" or inner[0] in ",;" or before.endswith((",", ",]", ";]")) or bool(re.search(r"\]\s+(?:and|or)$", before))
            or after.startswith(",") or bool(re.match(r"(?:and|or)\s+\[", after)))
