"""What the rules share about one aligned pair: its texts, diff map, sentences and hits.

Only words the diff changed can fire a rule.  Changed hits of the same group (modal verbs and
best-efforts phrases, qualifiers, deadlines …) are paired within a sentence, nearest first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..diff.anchors import common_in_order, sentence_words
from ..model import ClausePair, Finding, Party, Span
from .diffmap import DiffMap
from .explain import CODES
from .hits import Hit
from .lexicon import Lexicon
from .operative import opens_non_operative
from .parties import Subject, favours, obligated
from .references import Renumbering
from .renamed import Renaming

# Where a sentence ends inside a line: after ";" (list items), and after ".", "!" or "?" unless a
# lowercase word follows ("U.S. Government", "Section 2. of").  Line breaks are judged apart.
# Every match opens with a whitespace character, taken first and the context checked behind it,
# so ``re`` skips to the next whitespace in C (3-4 times faster than trying the three branches at
# every character; the same matches as "(?<=;)[^\S\n]+|(?<![A-Z]\.[A-Z]\.)(?<=[.!?])[^\S\n]+(?![\sa-z])|[^\S\n]*\n\s*").
SENTENCE_END = re.compile(
    r"\s(?:(?<=;[^\S\n])[^\S\n]*|(?<=[.!?][^\S\n])(?<![A-Z]\.[A-Z]\.[^\S\n])[^\S\n]*(?![\sa-z])"
    r"|(?<=[^\S\n])[^\S\n]*\n\s*|(?<=\n)\s*)"
)
# Closing marks that may follow a sentence's last punctuation on its line ("*Be nice.*").
CLOSERS = "*_\"'”’)]» \t"
_LIST_NUMBER = re.compile(r"\s*\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]", re.IGNORECASE)
LIST_ITEM = re.compile(r"^\s*(?:\(?[a-z0-9ivx]{1,4}[.)]|[-•*])\s", re.IGNORECASE)
MOSTLY_CHANGED = 0.6
# "e.g." and "i.e." open an example or a gloss, inside a sentence that goes on ("a collecting
# society (e.g. ASCAP, BMI), royalties …"): their stop never ends one, at a line's end or not.
_GLOSS = re.compile(r"(?<![\w.])(?:e\.g|i\.e)\.$", re.IGNORECASE)


def sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        if "\n" in match.group(0) and not _line_break_ends(text, match.start(), match.end(), match.group(0)):
            continue  # a hard wrap of running text: the sentence goes on
        if "\n" not in match.group(0) and _LIST_NUMBER.fullmatch(text, text.rfind("\n", 0, match.start()) + 1, match.start()):
            continue  # "3. Enable …": the number of a list item, not the end of a sentence
        if _GLOSS.search(text, max(0, match.start() - 5), match.start()):
            continue
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


def _line_break_ends(text: str, start: int, end: int, gap: str) -> bool:
    """A line break ends a sentence at a blank line, before a list item or a line that opens with
    Markdown marks, or after a line that ends in punctuation; any other is a hard wrap (licences and plain-text drafts wrap at 72
    columns)."""
    if gap.count("\n") > 1 or LIST_ITEM.match(text, end) or end >= len(text) or text[end] in "*#>|":
        return True  # a new paragraph, list item, Markdown heading, emphasis, quote or table row
    before = text[:start].rstrip(CLOSERS)
    if not before or before[-1] in ".;:!?":
        return True
    # A short line in title case is a heading run into its text ("New Versions\nNetscape may …").
    line = before[before.rfind("\n") + 1 :].split()
    return 0 < len(line) <= 8 and all(w[:1].isupper() or not w[:1].isalpha() or len(w) < 4 for w in line)


def sentence_of(spans: Sequence[tuple[int, int]], offset: int) -> tuple[int, int]:
    for start, end in spans:
        if start <= offset <= end:
            return start, end
    return spans[-1] if spans else (0, 0)


@dataclass
class PairState:
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
    # The part of each text inside a bracket that spans paragraphs (brackets.spanning_brackets).
    old_spanned: tuple[int, int] | None = None
    new_spanned: tuple[int, int] | None = None
    renaming: Renaming | None = None  # the rounds' defined terms, read when a list asks (renamed.py)

    def subject(self, old_hit: Hit | None, new_hit: Hit | None) -> Subject:
        if old_hit is not None:
            return self.subject_at(old_hit.start, True)
        assert new_hit is not None
        return self.subject_at(new_hit.start, False)

    def subject_at(self, offset: int, old_side: bool) -> Subject:
        """The subject of the obligation around ``offset``: found before the sentence's modal."""
        text, hits, spans = (self.old, self.old_hits, self.old_sentences) if old_side else (self.new, self.new_hits, self.new_sentences)
        start, end = sentence_of(spans, offset)
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


def changed_hits(state: PairState, hits: Sequence[Hit], other: Sequence[Hit], old_side: bool) -> list[Hit]:
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


def binds(lexicon: Lexicon, hit: Hit) -> bool:
    """True for a duty word that binds someone: not negated, not in brackets."""
    ladder = lexicon.ladder(hit.family) if hit.kind == "ladder" else None
    return ladder is not None and ladder.carries_obligation and not hit.negated and not hit.bracketed


def in_duty(state: PairState, offset: int) -> bool:
    """True when the old sentence around ``offset`` binds someone outside its brackets."""
    start, end = sentence_of(state.old_sentences, offset)
    return any(start <= h.start < end and h.rank >= 3 and binds(state.lexicon, h) for h in state.old_hits)


def same_sentence(state: PairState, old_hit: Hit, new_hit: Hit) -> bool:
    start, end = sentence_of(state.new_sentences, new_hit.start)
    if start <= state.dmap.to_new(old_hit.start) <= end:
        return True
    start, end = sentence_of(state.old_sentences, old_hit.start)
    return start <= state.dmap.to_old(new_hit.start) <= end


def pair_hits(state: PairState, olds: Sequence[Hit], news: Sequence[Hit]) -> list[tuple[Hit | None, Hit | None]]:
    candidates: list[tuple[int, int, int, int]] = []
    for i, o in enumerate(olds):
        for j, n in enumerate(news):
            if o.group != n.group or not same_sentence(state, o, n):
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


def fraction_changed(changed: Sequence[bool], text: str, span: tuple[int, int]) -> float:
    total = hit = 0
    for k in range(span[0], span[1]):
        if not text[k].isspace():
            total += 1
            hit += changed[k]
    return hit / total if total else 0.0


def inside(spans: Sequence[tuple[int, int]], hit: Hit) -> bool:
    return any(s <= hit.start and hit.end <= e for s, e in spans)


NEXT_WORD = re.compile(r"\W*(\w+)")


def next_word(text: str, end: int) -> tuple[str, int, int] | None:
    match = NEXT_WORD.match(text, end)
    return (match.group(1).casefold(), match.start(1), match.end(1)) if match else None


def attached(state: PairState, hit: Hit, old_side: bool) -> bool:
    """True when ``hit``'s sentence stands on both sides: a qualifier, condition or deadline is
    "added" only to a commitment that existed before, and "removed" only from one that stays.
    A sentence that is new (or gone) as a whole opens (or closes) a commitment of its own."""
    text = state.old if old_side else state.new
    changed = state.dmap.old_changed if old_side else state.dmap.new_changed
    spans = state.old_sentences if old_side else state.new_sentences
    sentence = sentence_of(spans, hit.start)
    if opens_non_operative(text[sentence[0] : sentence[1]], state.lexicon):
        return False
    return fraction_changed(changed, text, sentence) < MOSTLY_CHANGED or edited_counterpart(state, sentence, old_side)


# A sentence that shares this much of the shorter of the two, in order, with its counterpart
# is that sentence edited (grown or cut down); the counterpart must itself have changed by at
# least EDITED, or the sentence is a new one written beside a similar one ("… report on
# mitigation." + "… report on adaptation.").
KEPT_OF_SHORTER = 0.7
MIN_WORDS = 6
EDITED = 0.3


def edited_counterpart(state: PairState, sentence: tuple[int, int], old_side: bool) -> bool:
    """True when the other side holds, where this sentence maps, a changed sentence that
    keeps most of it: "All Parties should voluntarily formulate … strategies" grown into "All
    Parties should strive to formulate … strategies, … taking into account …"."""
    text, other = (state.old, state.new) if old_side else (state.new, state.old)
    spans = state.new_sentences if old_side else state.old_sentences
    changed = state.dmap.new_changed if old_side else state.dmap.old_changed
    to_other = state.dmap.to_new if old_side else state.dmap.to_old
    start, end = to_other(sentence[0]), to_other(sentence[1])
    mine = sentence_words(text[sentence[0] : sentence[1]])
    for a, b in spans:
        if b <= start or a > end:
            continue
        theirs = sentence_words(other[a:b])
        shorter = min(len(mine), len(theirs))
        if shorter < MIN_WORDS:
            continue
        kept = common_in_order(mine, theirs)
        if fraction_changed(changed, other, (a, b)) >= EDITED:
            if kept >= KEPT_OF_SHORTER * shorter:
                return True
        elif kept >= GROWN * len(theirs) and len(theirs) < len(mine) and not _stands_apart(theirs, text, own_spans(state, old_side), sentence):
            return True
    return False


# An unchanged sentence whose every word stands in order in a longer one where it maps, and
# nowhere else on that side, grew into it ("When access is required for security reasons." →
# "…, including when access is required to maintain …"): the longer one is no new sentence.
GROWN = 0.9


def own_spans(state: PairState, old_side: bool) -> Sequence[tuple[int, int]]:
    return state.old_sentences if old_side else state.new_sentences


def _stands_apart(words: Sequence[str], text: str, spans: Sequence[tuple[int, int]], besides: tuple[int, int]) -> bool:
    """True when a sentence of ``text`` other than ``besides`` holds all of ``words`` in order."""
    vocabulary = set(words)
    for span in spans:
        if span == besides:
            continue
        theirs = sentence_words(text[span[0] : span[1]])
        if vocabulary.issubset(theirs) and common_in_order(words, theirs) >= GROWN * len(words):
            return True
    return False



def after_word(text: str, offset: int, words: Sequence[str]) -> bool:
    """True when one of ``words`` is among the two words just before ``offset``."""
    before = re.findall(r"\w+", text[max(0, offset - 40) : offset])[-2:]
    wanted = {w.casefold() for w in words}
    return any(w.casefold() in wanted for w in before)


def no_longer(meaning: str) -> str:
    # "makes the obligation depend on …" → "depends on …"
    return re.sub(r"^makes the obligation (\w+)", lambda m: m.group(1) + "s", meaning)


def of_whom(phrase: str) -> str:
    """" for the Parties": a phrase that reads the same whatever the subject's number."""
    return f" for {phrase}" if phrase else ""
