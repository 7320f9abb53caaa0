"""The detectors: from one aligned pair of provisions to explainable findings.

Only words the diff changed can fire a rule.  Changed hits of the same group (modal verbs and
best-efforts phrases, qualifiers, deadlines …) are paired within a sentence, nearest first;
a pair compares ranks, a hit left alone on one side was added or removed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..diff.worddiff import has_substantive_change
from ..model import ClausePair, Finding, Party, Span
from . import brackets
from .diffmap import DiffMap, build
from .editorial import editorial_only
from .explain import CODES, of, quote, where
from .hits import Hit, find_hits
from .lexicon import Lexicon
from .operative import opens_non_operative, pair_binds_no_one
from .parties import Subject, favours, obligated, subject_phrase
from .references import Renumbering, harmless, same_target
from .resolution import Resolution, alternative_spans, ladder_hits, marker_hits, resolve
from .scan import prefilter

_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+|\n+")
_LIST_ITEM = re.compile(r"^\s*(?:\(?[a-z0-9ivx]{1,4}[.)]|[-•*])\s", re.IGNORECASE)
_MOSTLY_CHANGED = 0.6


def sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


def _sentence_of(spans: Sequence[tuple[int, int]], offset: int) -> tuple[int, int]:
    for start, end in spans:
        if start <= offset <= end:
            return start, end
    return spans[-1] if spans else (0, 0)


@dataclass
class _Pair:
    """Working state for one aligned pair."""

    pair: ClausePair
    lexicon: Lexicon
    parties: Sequence[Party]
    old: str
    new: str
    dmap: DiffMap
    old_sentences: list[tuple[int, int]]
    new_sentences: list[tuple[int, int]]
    findings: list[tuple[int, Finding]] = field(default_factory=list)  # (position, finding)
    consumed_old: list[tuple[int, int]] = field(default_factory=list)
    consumed_new: list[tuple[int, int]] = field(default_factory=list)

    @property
    def label(self) -> str | None:
        return self.pair.new_citation or self.pair.old_citation

    old_hits: Sequence[Hit] = ()
    new_hits: Sequence[Hit] = ()
    renumbered: Renumbering = field(default_factory=dict)  # (kind, old number) → new number
    links: frozenset[str] = frozenset()  # the drafts' Markdown reference labels (not brackets)

    def subject(self, old_hit: Hit | None, new_hit: Hit | None) -> Subject:
        if old_hit is not None:
            return self.subject_at(old_hit.start, True)
        assert new_hit is not None
        return self.subject_at(new_hit.start, False)

    def subject_at(self, offset: int, old_side: bool) -> Subject:
        """The subject of the obligation around ``offset``: found before the sentence's modal."""
        text, hits, spans = (self.old, self.old_hits, self.old_sentences) if old_side else (self.new, self.new_hits, self.new_sentences)
        start, end = _sentence_of(spans, offset)
        modals = [h for h in hits if h.group == "obligation" and start <= h.start < end]
        before = [h for h in modals if h.start <= offset]
        anchor = before[-1] if before else (modals[0] if modals else None)
        for hit in reversed(before[:-1]):  # "shall seek to": the subject stands before "shall"
            if anchor is not None and text[hit.end : anchor.start].strip() == "":
                anchor = hit
        return obligated(text, anchor.start if anchor else offset, self.parties, self.lexicon)

    def add(
        self,
        code: str,
        rule: str,
        explanation: str,
        *,
        old_words: str = "",
        new_words: str = "",
        old_span: tuple[int, int] | None = None,
        new_span: tuple[int, int] | None = None,
        subject: Subject | None = None,
    ) -> None:
        direction = CODES[code]
        weakened = direction.value == "regression"
        finding = Finding(
            code=code,
            direction=direction,
            pair_key=self.pair.key,
            old_label=self.pair.old_citation,
            new_label=self.pair.new_citation,
            old_words=old_words,
            new_words=new_words,
            rule=rule,
            explanation=explanation,
            language=self.lexicon.language,
            obligated=subject.codes if subject else (),
            favours=favours(subject, weakened, self.parties) if subject and direction.value != "review" else (),
            old_span=Span(*old_span) if old_span else None,
            new_span=Span(*new_span) if new_span else None,
        )
        position = new_span[0] if new_span else (self.dmap.to_new(old_span[0]) if old_span else 0)
        self.findings.append((position, finding))


def _changed(state: _Pair, hits: Sequence[Hit], other: Sequence[Hit], old_side: bool) -> list[Hit]:
    """Hits the diff touched, plus modals whose negation alone changed ("shall" → "shall not")."""
    out: list[Hit] = []
    for hit in hits:
        touched = state.dmap.old_touched(hit.start, hit.end) if old_side else state.dmap.new_touched(hit.start, hit.end)
        if not touched and hit.kind == "ladder":
            there = state.dmap.to_new(hit.start) if old_side else state.dmap.to_old(hit.start)
            twin = next((h for h in other if h.start == there and h.family == hit.family), None)
            touched = twin is not None and twin.negated != hit.negated
        if touched:
            out.append(hit)
    return out


def _same_sentence(state: _Pair, old_hit: Hit, new_hit: Hit) -> bool:
    start, end = _sentence_of(state.new_sentences, new_hit.start)
    if start <= state.dmap.to_new(old_hit.start) <= end:
        return True
    start, end = _sentence_of(state.old_sentences, old_hit.start)
    return start <= state.dmap.to_old(new_hit.start) <= end


def _pair_hits(state: _Pair, olds: Sequence[Hit], news: Sequence[Hit]) -> list[tuple[Hit | None, Hit | None]]:
    candidates: list[tuple[int, int, int, int]] = []
    for i, o in enumerate(olds):
        for j, n in enumerate(news):
            if o.group != n.group or not _same_sentence(state, o, n):
                continue
            shared = state.dmap.regions_old(o.start, o.end) & state.dmap.regions_new(n.start, n.end)
            candidates.append((0 if shared else 1, abs(state.dmap.to_new(o.start) - n.start), i, j))
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[tuple[Hit | None, Hit | None]] = []
    for _, _, i, j in sorted(candidates):
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((olds[i], news[j]))
    pairs.extend((o, None) for i, o in enumerate(olds) if i not in used_old)
    pairs.extend((None, n) for j, n in enumerate(news) if j not in used_new)
    return pairs


def _fraction_changed(changed: Sequence[bool], text: str, span: tuple[int, int]) -> float:
    total = hit = 0
    for k in range(span[0], span[1]):
        if not text[k].isspace():
            total += 1
            hit += changed[k]
    return hit / total if total else 0.0


def _inside(spans: Sequence[tuple[int, int]], hit: Hit) -> bool:
    return any(s <= hit.start and hit.end <= e for s, e in spans)


# --- the rules, one per kind of hit ------------------------------------------------------


def _ladder_pair(state: _Pair, o: Hit, n: Hit) -> None:
    ladder = state.lexicon.ladder(o.family)
    new_ladder = state.lexicon.ladder(n.family)
    if ladder is None or new_ladder is None:
        return
    label = where(state.label)
    subject = state.subject(o, n)
    words = dict(old_words=o.text, new_words=n.text, old_span=(o.start, o.end), new_span=(n.start, n.end), subject=subject)
    if o.negated != n.negated:
        if ladder.group != "obligation":
            return
        old_kind = "a prohibition" if o.negated else "an obligation"
        new_kind = "a prohibition" if n.negated else "an obligation"
        state.add("obligation-reversed", f"{state.lexicon.language}.{ladder.id}.negation",
                  f"{quote(_with_negation(state.old, o))} became {quote(_with_negation(state.new, n))}{label}: {old_kind}{of(subject.phrase)} "
                  f"became {new_kind}, which is neither stronger nor weaker; read the provision as a whole.", **words)  # type: ignore[arg-type]
        return
    if o.rank == n.rank:
        return
    if ladder.qualifies_next_word:
        # "all Parties" → "some Parties" narrows; "any content" → "specific terms" compares nothing.
        old_next, new_next = _next_word(state.old, o.end), _next_word(state.new, n.end)
        if old_next is None or new_next is None or old_next[0] != new_next[0]:
            return
    weaker = n.rank < o.rank
    code = ladder.weaker if weaker else ladder.stronger
    names = ladder.name if ladder.id == new_ladder.id else f"{ladder.name}; {new_ladder.name}"
    kind = "prohibition" if o.negated else ""
    old_meaning = ladder.meaning(o.rank) + (f" ({kind})" if kind else "")
    state.add(code, f"{state.lexicon.language}.{ladder.id}.{o.rank}>{n.rank}",
              f"{quote(_with_negation(state.old, o))} became {quote(_with_negation(state.new, n))}{label}: "
              f"{old_meaning}{of(subject.phrase)} became {new_ladder.meaning(n.rank)} (ladder {names}).", **words)  # type: ignore[arg-type]


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
    ("", "added"): "it creates {meaning}{of}",
    ("", "removed"): "{meaning}{of} no longer applies",
}


def _ladder_alone(state: _Pair, hit: Hit, old_side: bool) -> None:
    ladder = state.lexicon.ladder(hit.family)
    if ladder is None or ladder.min_rank_alone is None:
        return
    text = state.old if old_side else state.new
    changed = state.dmap.old_changed if old_side else state.dmap.new_changed
    spans = state.old_sentences if old_side else state.new_sentences
    sentence = _sentence_of(spans, hit.start)
    rewritten = _fraction_changed(changed, text, sentence)
    if hit.negated:
        # "You may not …", "shall not …" in a sentence that is new or gone as a whole: a
        # prohibition is a commitment like any duty.
        if ladder.carries_obligation and rewritten >= _MOSTLY_CHANGED:
            _commitment(state, hit, old_side, sentence, "a prohibition")
        return
    code = ladder.removed if old_side else ladder.added
    if code is None or hit.rank < ladder.min_rank_alone:
        return
    if ladder.alone_max_changed is not None and rewritten > ladder.alone_max_changed:
        return  # the sentence was rewritten: one word of it coming or going shows nothing
    if ladder.alone_not_after and _after_word(text, hit.start, ladder.alone_not_after):
        return
    if not ladder.carries_obligation and not _attached(state, hit, old_side):
        return  # "are encouraged to" in a new sentence for a new subject weakens no existing duty
    if ladder.qualifies_next_word and not _qualifies_kept_noun(state, hit, old_side, ladder.same_reach):
        return
    if ladder.carries_obligation and rewritten >= _MOSTLY_CHANGED:
        _commitment(state, hit, old_side, sentence, ladder.meaning(hit.rank))
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


def _commitment(state: _Pair, hit: Hit, old_side: bool, sentence: tuple[int, int], meaning: str) -> None:
    """A sentence that binds someone, deleted or added (nearly) whole."""
    text = state.old if old_side else state.new
    words = text[sentence[0] : sentence[1]]
    if opens_non_operative(words, state.lexicon):
        return
    subject = state.subject_at(hit.start, old_side)
    label = where(state.label)
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


_NEXT_WORD = re.compile(r"\W*(\w+)")


def _next_word(text: str, end: int) -> tuple[str, int, int] | None:
    match = _NEXT_WORD.match(text, end)
    return (match.group(1).casefold(), match.start(1), match.end(1)) if match else None


def _qualifies_kept_noun(state: _Pair, hit: Hit, old_side: bool, same_reach: Sequence[str]) -> bool:
    """True when the word ``hit`` qualifies stands unchanged on both sides and what replaced
    ``hit`` (if anything) is not a determiner of the same reach ("all X" → "the X")."""
    text = state.old if old_side else state.new
    following = _next_word(text, hit.end)
    if following is None:
        return False
    word, start, end = following
    touched = state.dmap.old_touched(start, end) if old_side else state.dmap.new_touched(start, end)
    if touched:
        # "All armed forces" → "Armed forces": the noun kept, only its capital changed.
        there = state.dmap.to_new(start) if old_side else state.dmap.to_old(start)
        twin = _next_word(state.new if old_side else state.old, max(0, there - 1))
        if twin is None or twin[0] != word:
            return False
    regions = state.dmap.regions_old(hit.start, hit.end) if old_side else state.dmap.regions_new(hit.start, hit.end)
    other = state.new if old_side else state.old
    other_regions = state.dmap.new_region if old_side else state.dmap.old_region
    replaced = "".join(other[k] for k in range(len(other)) if other_regions[k] in regions) if regions else ""
    return not any(w.casefold() in same_reach for w in re.findall(r"\w+", replaced))


def _attached(state: _Pair, hit: Hit, old_side: bool) -> bool:
    """True when ``hit``'s sentence stands on both sides: a qualifier, condition or deadline is
    "added" only to a commitment that existed before, and "removed" only from one that stays.
    A sentence that is new (or gone) as a whole opens (or closes) a commitment of its own."""
    text = state.old if old_side else state.new
    changed = state.dmap.old_changed if old_side else state.dmap.new_changed
    spans = state.old_sentences if old_side else state.new_sentences
    sentence = _sentence_of(spans, hit.start)
    if opens_non_operative(text[sentence[0] : sentence[1]], state.lexicon):
        return False
    return _fraction_changed(changed, text, sentence) < _MOSTLY_CHANGED


def _after_word(text: str, offset: int, words: Sequence[str]) -> bool:
    """True when one of ``words`` is among the two words just before ``offset``."""
    before = re.findall(r"\w+", text[max(0, offset - 40) : offset])[-2:]
    wanted = {w.casefold() for w in words}
    return any(w.casefold() in wanted for w in before)


def _marker_alone(state: _Pair, hit: Hit, old_side: bool) -> None:
    marker = state.lexicon.marker(hit.family)
    if marker is None or not _attached(state, hit, old_side):
        return
    subject = state.subject_at(hit.start, old_side)
    span = (hit.start, hit.end)
    label = where(state.label)
    if old_side:
        state.add(marker.removed, f"{state.lexicon.language}.{marker.id}.removed",
                  f"{quote(hit.text)} was removed{label}: the commitment{of(subject.phrase)} no longer {_no_longer(marker.meaning)}.",
                  old_words=hit.text, old_span=span, subject=subject)
    else:
        state.add(marker.added, f"{state.lexicon.language}.{marker.id}.added",
                  f"{quote(hit.text)} was added{label}: it {marker.meaning}, so the commitment{of(subject.phrase)} is no longer unconditional.",
                  new_words=hit.text, new_span=span, subject=subject)


def _no_longer(meaning: str) -> str:
    # "makes the obligation depend on …" → "depends on …"
    return re.sub(r"^makes the obligation (\w+)", lambda m: m.group(1) + "s", meaning)


def of_whom(phrase: str) -> str:
    """" for the Parties": a phrase that reads the same whatever the subject's number."""
    return f" for {phrase}" if phrase else ""


def _deadline_pair(state: _Pair, o: Hit, n: Hit) -> None:
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


def _deadline_alone(state: _Pair, hit: Hit, old_side: bool) -> None:
    if not hit.firm or not _attached(state, hit, old_side):
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


def _bound_pair(state: _Pair, o: Hit, n: Hit) -> None:
    """"at least 5 km" → "at least 3 km": a floor lowered (or a ceiling raised) asks less."""
    if o.value is None or n.value is None or o.value == n.value:
        return
    words = dict(old_words=o.text, new_words=n.text, old_span=(o.start, o.end), new_span=(n.start, n.end))
    lang = state.lexicon.language
    unit_old, unit_new = _next_word(state.old, o.end), _next_word(state.new, n.end)
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


def _value_pair(state: _Pair, o: Hit, n: Hit) -> None:
    label = where(state.label)
    span = dict(old_words=o.text, new_words=n.text, old_span=(o.start, o.end), new_span=(n.start, n.end))
    if o.kind == "reference":
        if not same_target(o.text, n.text, state.renumbered):
            state.add("reference-changed", f"{state.lexicon.language}.reference",
                      f"the cross-reference {quote(o.text)} became {quote(n.text)}{label}: check that it still points at the provision meant.", **span)  # type: ignore[arg-type]
        return
    if _enumerated_reference(state.old, o.start) or _enumerated_reference(state.new, n.start) or _label_number(state.old, o) or _label_number(state.new, n):
        return  # "paragraphs 7 and [8]" follows a renumbering; "Option 2", "(3)" number the text itself
    if o.value is not None and n.value is not None and o.value != n.value:
        state.add("number-changed", f"{state.lexicon.language}.number",
                  f"the figure {quote(o.text)} became {quote(n.text)}{label}: whether this tightens or loosens the text depends on what it measures.", **span)  # type: ignore[arg-type]


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


def _lists(state: _Pair, changed_old: Sequence[Hit], changed_new: Sequence[Hit]) -> None:
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
    if _LIST_ITEM.match(piece.lstrip("\n")) and (start == 0 or text[start - 1] == "\n" or piece.startswith("\n")):
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


def _definitions(state: _Pair) -> None:
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
        state.consumed_old.append(_sentence_of(state.old_sentences, o0))
        state.consumed_new.append(_sentence_of(state.new_sentences, n0))
        state.add("definition-changed", f"{state.lexicon.language}.definition",
                  f"a definition changed{where(state.label)}: {quote(state.old[o0:o1] or '…')} became {quote(state.new[n0:n1] or '…')}, "
                  "which moves every provision that uses the term.",
                  old_words=state.old[o0:o1], new_words=state.new[n0:n1],
                  old_span=(o0, o1) if o1 > o0 else None, new_span=(n0, n1) if n1 > n0 else None)
        return


def _in_definition(state: _Pair, text: str, spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    if end <= start:
        return False
    s0, s1 = _sentence_of(spans, start)
    sentence = text[s0:s1]
    for pattern in state.lexicon.definitions:
        for match in pattern.finditer(sentence):
            # A quoted term defines ('"Party" means …'): the term and what follows it count.  A
            # chapeau alone ("For the purposes of this Agreement") defines nothing.
            if _QUOTES.search(match.group(0)) and s0 + match.start() <= start:
                return True
    return False


_QUOTES = re.compile("[\"“”'‘’«»]")


def _brackets(state: _Pair) -> None:
    placeholders = state.lexicon.placeholders
    closed, opened = brackets.changed_groups(state.old, state.new, placeholders, state.links)
    label = where(state.label)
    lang = state.lexicon.language
    for group in closed:
        res = resolve(group, state.old, state.new, state.dmap, placeholders, state.links)
        kept = res.outcome in ("adopted", "chosen")
        state.add("brackets-closed", f"{lang}.brackets.closed.{res.outcome}", _closed_explanation(res, label),
                  old_words=group.text, old_span=(group.start, group.end),
                  new_words=res.kept if kept else "", new_span=(res.new_start, res.new_end) if kept and res.new_end > res.new_start else None)
        _resolution_effect(state, group, res)
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


def _resolution_effect(state: _Pair, group: brackets.BracketGroup, res: Resolution) -> None:
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
        return
    if res.outcome not in ("adopted", "dropped"):
        return
    adopted = res.outcome == "adopted"
    for hit in marker_hits(state.lexicon, state.old, group.start, group.end, state.links):
        if hit.kind == "marker":
            marker = state.lexicon.marker(hit.family)
            if marker is None:
                continue
            code = marker.added if adopted else marker.removed
            effect = f"it {marker.meaning}" if adopted else f"the commitment{of(subject.phrase)} no longer {_no_longer(marker.meaning)}"
        else:
            code = "deadline-added" if adopted else "deadline-removed"
            effect = "the obligation now has a time limit" if adopted else "the proposed time limit is gone"
        state.add(code, f"{lang}.brackets.{res.outcome}.{hit.family}",
                  f"the bracketed {quote(hit.text)} was {res.outcome}{label}: {effect}.",
                  old_words=hit.text, old_span=(hit.start, hit.end), subject=subject)
    if adopted:
        return
    duty = next((h for h in ladder_hits(state.lexicon, state.old, group.start, group.end, state.links)
                 if (lad := state.lexicon.ladder(h.family)) is not None and lad.carries_obligation and not h.negated
                 and lad.min_rank_alone is not None and h.rank >= lad.min_rank_alone), None)
    # Only a whole proposed sentence is a commitment; a stack of modals ("[shall][should]")
    # dropped for other wording is a choice of wording, read by the ladder rules.
    sentence_like = len(res.alternatives) == 1 and len(res.alternatives[0].split()) >= 6
    if duty is not None and sentence_like and not opens_non_operative(res.alternatives[0], state.lexicon):
        state.add("commitment-deleted", f"{lang}.brackets.dropped.commitment",
                  f"the proposed commitment {quote(group.text)} was dropped{label}: "
                  f"{state.lexicon.ladder(duty.family).meaning(duty.rank)}{of(subject.phrase)} is no longer on the table.",  # type: ignore[union-attr]
                  old_words=group.text, old_span=(group.start, group.end), subject=subject)
    elif _list_item(state.old, group) and _in_duty(state, group.start):
        state.add("scope-narrowed", f"{lang}.brackets.dropped.item",
                  f"the bracketed item {quote(group.text)} was dropped{label}: the commitment{of(subject.phrase)} no longer covers it.",
                  old_words=group.text, old_span=(group.start, group.end), subject=subject)


def _list_item(text: str, group: brackets.BracketGroup) -> bool:
    """A short bracketed item of an enumeration: "[new,] [additional,]", "[, gender]"."""
    inner = group.text.strip("[] ")
    if not inner or len(inner.split()) > 6:
        return False
    if inner[0] in ",;" and inner[-1] in ",;":
        return False  # "[, within 30 days,]": a clause set off by commas, not an item
    before = text[max(0, group.start - 2) : group.start].strip()
    after = text[group.end : group.end + 2].strip()
    return inner[-1] in ",;" or inner[0] in ",;" or before.endswith(",") or after.startswith((",", "and", "["))


def _in_duty(state: _Pair, offset: int) -> bool:
    """True when the old sentence around ``offset`` binds someone outside its brackets."""
    start, end = _sentence_of(state.old_sentences, offset)
    return any(h.kind == "ladder" and not h.bracketed and not h.negated and start <= h.start < end
               and (lad := state.lexicon.ladder(h.family)) is not None and lad.carries_obligation and h.rank >= 3
               for h in state.old_hits)


def _one_sided(pair: ClausePair, lexicon: Lexicon, parties: Sequence[Party], links: frozenset[str] = frozenset()) -> list[Finding]:
    """A provision deleted or added as a whole."""
    old_side = pair.new is None
    provision = pair.old if old_side else pair.new
    assert provision is not None
    text = provision.text
    empty = build((), len(text) if old_side else 0, 0 if old_side else len(text))
    state = _Pair(pair, lexicon, parties, text if old_side else "", "" if old_side else text, empty, sentences(text), sentences(text), links=links)
    hits = () if pair_binds_no_one(pair, lexicon) else find_hits(lexicon, text, links)
    label = pair.old_citation if old_side else pair.new_citation
    for hit in hits:
        ladder = lexicon.ladder(hit.family) if hit.kind == "ladder" else None
        if ladder is None or not ladder.carries_obligation or hit.bracketed or ladder.min_rank_alone is None or hit.rank < ladder.min_rank_alone:
            continue
        sentence = _sentence_of(state.old_sentences, hit.start)
        words = text[sentence[0] : sentence[1]]
        if opens_non_operative(words, lexicon):
            continue
        subject = obligated(text, hit.start, parties, lexicon)
        if old_side:
            state.add("commitment-deleted", f"{lexicon.language}.commitment.deleted",
                      f"{label or 'a provision'} was deleted: {ladder.meaning(hit.rank)}{of(subject.phrase)} ({quote(words)}) is gone.",
                      old_words=words, old_span=sentence, subject=subject)
        else:
            state.add("commitment-added", f"{lexicon.language}.commitment.added",
                      f"{label or 'a provision'} was added: it creates {ladder.meaning(hit.rank)}{of(subject.phrase)} ({quote(words)}).",
                      new_words=words, new_span=sentence, subject=subject)
        break
    for group in brackets.groups(text, lexicon.placeholders, links):
        code = "brackets-closed" if old_side else "brackets-opened"
        state.add(code, f"{lexicon.language}.brackets.{'closed' if old_side else 'opened'}",
                  f"the bracketed text {quote(group.text)} {'went with the deleted provision' if old_side else 'came with the new provision'}"
                  f"{where(label)}: {'one disagreement fewer' if old_side else 'a new unagreed proposal'}.",
                  **({"old_words": group.text, "old_span": (group.start, group.end)} if old_side else {"new_words": group.text, "new_span": (group.start, group.end)}))  # type: ignore[arg-type]
    return [f for _, f in state.findings]


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
    state = _Pair(pair, lexicon, (), old, new, dmap, sentences(old), sentences(new))
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


def analyse_pair(pair: ClausePair, lexicon: Lexicon, parties: Sequence[Party], renumbered: Renumbering | None = None,
                 links: frozenset[str] = frozenset()) -> list[Finding]:
    """Findings of one pair's own text (its paragraphs are pairs of their own).

    ``renumbered`` maps (kind, old number) to the new number of every provision the comparison
    paired (see :func:`references.renumbering`): references that follow it are not changes.
    ``links`` are the drafts' Markdown reference labels, which are not brackets.
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
    state = _Pair(pair, lexicon, parties, old, new, dmap, sentences(old), sentences(new), renumbered=renumbered, links=links)
    old_hits, new_hits = find_hits(lexicon, old, links), find_hits(lexicon, new, links)
    state.old_hits, state.new_hits = old_hits, new_hits
    if pair_binds_no_one(pair, lexicon):
        _brackets(state)  # a recital or a note commits no one: only its brackets count
        return [f for _, f in sorted(state.findings, key=lambda pf: (pf[0], pf[1].code))]
    changed_old = _changed(state, old_hits, new_hits, True)
    changed_new = _changed(state, new_hits, old_hits, False)
    alone: list[tuple[Hit, bool]] = []
    for o, n in _pair_hits(state, changed_old, changed_new):
        if o is not None and o.bracketed:
            continue  # an unagreed alternative went away: the bracket rule speaks for it
        if o is not None and n is not None:
            if o.kind in ("ladder",) and n.kind == "ladder":
                _ladder_pair(state, o, n)
            elif o.group == "deadline":
                _deadline_pair(state, o, n)
            elif o.group == "bound":
                _bound_pair(state, o, n)
            elif o.kind in ("reference", "number"):
                _value_pair(state, o, n)
        elif o is not None and not o.in_option:
            alone.append((o, True))
        elif n is not None and not n.bracketed and not n.in_option:
            alone.append((n, False))
    # Modals first: a sentence deleted or added whole is one commitment, not many small moves.
    alone.sort(key=lambda item: (item[0].family != "modal" and item[0].kind == "ladder", item[0].kind != "ladder", item[0].start))
    for hit, old_side in alone:
        consumed = state.consumed_old if old_side else state.consumed_new
        if _inside(consumed, hit):
            continue
        if hit.kind == "ladder":
            _ladder_alone(state, hit, old_side)
        elif hit.kind == "marker":
            _marker_alone(state, hit, old_side)
        elif hit.group == "deadline":
            _deadline_alone(state, hit, old_side)
    # Findings that fell inside a sentence later found deleted or added whole are dropped.
    kept: list[tuple[int, Finding]] = []
    for position, finding in state.findings:
        inside_old = finding.code != "commitment-deleted" and finding.old_span is not None and any(
            s <= finding.old_span.start and finding.old_span.end <= e for s, e in state.consumed_old)
        inside_new = finding.code != "commitment-added" and finding.new_span is not None and any(
            s <= finding.new_span.start and finding.new_span.end <= e for s, e in state.consumed_new)
        if not (inside_old or inside_new):
            kept.append((position, finding))
    state.findings = kept
    _definitions(state)
    _lists(state, changed_old, changed_new)
    _brackets(state)
    return [f for _, f in sorted(state.findings, key=lambda pf: (pf[0], pf[1].code))]


__all__ = ["analyse_pair", "sentences", "subject_phrase"]
