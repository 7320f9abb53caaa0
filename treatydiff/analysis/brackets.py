"""Square brackets and options: unagreed text as negotiators count it.

``[shall][should]`` is one stack of two alternatives; brackets nest (``[a [b] c]`` is two
brackets); ``\\[`` and ``\\]`` are literal brackets, not markers.  ``Option 1:`` blocks count
as options.  A bracket holding only a placeholder ("[deleted]") is not unagreed text.

Real drafts hold square brackets that are not negotiation brackets at all, and counting them
produced the worst false alarms: Markdown links ``[text](url)`` and ``[text][ref]`` with their
definitions ``[ref]: url``, footnote markers ``[^2]`` (which our own importers write),
template blanks ``[___]``, ``[X]``, ``[yyyy]``, and editorial placeholders such as
"paragraph [14]" (a number still to be fixed).  :func:`bracket_spans` leaves them out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import BracketTally, Round
from .carried import carried_items
from .memo import Memo
from .scan import prefilter

# A bracket, or an escaped bracket (skipped): only these characters matter to the matcher.
_BRACKET_TOKEN = re.compile(r"\\[\[\]]|[\[\]]")
# "[ref]: https://…" or "[^1]: note text" at the start of a line: a Markdown definition.
_DEFINITION = re.compile(r"^[ \t]*\[([^\]\n]{1,80})\]:[ \t]*\S", re.MULTILINE)
# Blanks left in a template: empty, underscores, dots or dashes, "X", "XX", "yyyy", "dd/mm".
_BLANK = re.compile(r"[\s_.…\-–—/]*|x{1,4}|n|y{2,4}|d{1,2}|m{1,2}|(?:dd|mm|yyyy)(?:[./-](?:dd|mm|yyyy)){1,2}", re.IGNORECASE)
# A bare figure right after a reference word is a number still to be fixed ("paragraph [14]").
_NUMBER_SLOT = re.compile(r"\d{1,4}(?:\.\d{1,3})?[a-z]?")
_REFERENCE_WORD = re.compile(
    r"(?:paragraphs?|paras?\.?|articles?|arts?\.?|sections?|annex|decision|chapter|part|rule)"
    r"(?:\s+\[?\w{1,4}\]?(?:\s*,|\s+and|\s+or)?)*\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class BracketSpan:
    start: int  # offset of "["
    end: int  # offset just after the matching "]"
    depth: int  # 0 for an outermost bracket

    def content(self, text: str) -> str:
        return text[self.start + 1 : self.end - 1]


def link_labels(texts: Iterable[str]) -> frozenset[str]:
    """The Markdown reference labels defined in ``texts`` ("[12dec]: https://…"), casefolded.

    A reference link ``[text][label]`` looks exactly like a stack of two alternatives
    (``[shall][should]``); only a definition of the label elsewhere in the draft tells them apart.
    """
    labels: set[str] = set()
    for text in texts:
        if "]:" in text:
            labels.update(" ".join(m.group(1).casefold().split()) for m in _DEFINITION.finditer(text))
    return frozenset(labels)


# Keyed by identity (hashing a whole round costs more than reading it); the entry holds the
# round, so its id cannot be reused while the entry stands.
_LINKS: Memo[int, tuple[Round, frozenset[str]]] = Memo(256)


def round_links(round_: Round) -> frozenset[str]:
    """The Markdown reference labels a round defines, read once per round for every comparison,
    history and page that counts its brackets."""
    held, labels = _LINKS.get(id(round_), lambda: (round_, link_labels(p.text for p in round_.walk())))
    if held is not round_:  # pragma: no cover - ids are unique among live objects
        return link_labels(p.text for p in round_.walk())
    return labels


# The hits, the tallies and the bracket rules each read a text's brackets: found once per text
# (and its unagreed ones, the placeholders left out, once per text and lexicon).
_SPANS: Memo[tuple[str, frozenset[str]], tuple[BracketSpan, ...]] = Memo(4096)
_UNAGREED: Memo[tuple[str, tuple[str, ...], frozenset[str]], tuple[BracketSpan, ...]] = Memo(4096)


def bracket_spans(text: str, links: frozenset[str] = frozenset()) -> list[BracketSpan]:
    """Every balanced negotiation bracket in ``text``, outermost first by position.

    Strays are ignored, and so is markup that only looks like a bracket (see the module's
    docstring); ``links`` are the reference labels the draft defines (:func:`link_labels`).
    """
    if "[" not in text:
        return []
    return list(_SPANS.get((text, links), lambda: tuple(_bracket_spans(text, links))))


def _bracket_spans(text: str, links: frozenset[str]) -> list[BracketSpan]:
    spans: list[BracketSpan] = []
    stack: list[int] = []
    for token in _BRACKET_TOKEN.finditer(text):
        char = token.group(0)
        if char == "[":
            stack.append(token.start())
        elif char == "]" and stack:
            start = stack.pop()
            spans.append(BracketSpan(start, token.end(), len(stack)))
    spans.sort(key=lambda s: (s.start, -s.end))
    markup = _markup(text, spans, links)
    return [s for s in spans if s.start not in markup] if markup else spans


def _markup(text: str, spans: Sequence[BracketSpan], links: frozenset[str]) -> set[int]:
    """Start offsets of the brackets in ``spans`` that are markup, not negotiation brackets."""
    by_start = {s.start: s for s in spans}
    markup: set[int] = set()
    for span in spans:
        content = span.content(text)
        after = text[span.end : span.end + 1]
        label = " ".join(content.casefold().split())
        if content.startswith("^") or (after == ":" and _line_start(text, span.start)):
            markup.add(span.start)  # footnote marker, or a link or footnote definition
        elif after == "(" and text.find(")", span.end) > span.end and span.depth == 0:
            markup.add(span.start)  # inline link or image: [text](url)
        elif after == "[" and span.end in by_start:
            ref = " ".join(by_start[span.end].content(text).casefold().split())
            if ref in links or (ref == "" and label in links):
                markup.update((span.start, span.end))  # reference link: [text][label]
        elif label in links and text[span.start - 1 : span.start] != "]":
            markup.add(span.start)  # shortcut reference link: [label]
        elif _BLANK.fullmatch(content) or (_NUMBER_SLOT.fullmatch(content.strip()) and _REFERENCE_WORD.search(text[max(0, span.start - 40) : span.start])):
            markup.add(span.start)  # a template blank, or "paragraph [14]"
    return markup


def _line_start(text: str, offset: int) -> bool:
    return text[max(0, text.rfind("\n", 0, offset) + 1) : offset].strip() == ""


def _is_placeholder(content: str, placeholders: Sequence[str]) -> bool:
    """A placeholder by the lexicon: the whole content, or, for an entry ending in " …", its
    opening words ("placeholder …" covers "[Placeholder for Annex X]")."""
    content = " ".join(content.casefold().split())
    return content in placeholders or any(p.endswith(" …") and content.startswith(p[:-1]) for p in placeholders)


# An editor's mark that holds the place of words still to be agreed: "###", "{insert …}".
_PLACE_MARK = re.compile(r"#{2,}|\{([^{}\n]{0,80})\}")


def holds_place(text: str, placeholders: Sequence[str] = ()) -> bool:
    """True when ``text`` is only an editor's mark standing for words not yet agreed ("###",
    "{insert …}", "[…]"): a bracket replaced by it was not resolved, its choice only put off."""
    text = text.strip(" ,;")
    if (mark := _PLACE_MARK.fullmatch(text)) is not None:
        return mark.group(1) is None or _is_placeholder(mark.group(1), placeholders)
    return text.startswith("[") and text.endswith("]") and _is_placeholder(text[1:-1], placeholders)


def unagreed_spans(text: str, placeholders: Sequence[str] = (), links: frozenset[str] = frozenset(),
                   spanned: tuple[int, int] | None = None) -> list[BracketSpan]:
    """The negotiation brackets of ``text``; ``spanned`` is the part of it inside a bracket that
    spans paragraphs (:func:`spanning_brackets`), taken as one more bracket around those within."""
    if "[" not in text:
        spans: list[BracketSpan] = []
    elif isinstance(placeholders, tuple):  # the lexicon's: hashable, so found once per text
        spans = list(_UNAGREED.get((text, placeholders, links), lambda: tuple(_unagreed(text, placeholders, links))))
    else:
        spans = _unagreed(text, placeholders, links)
    if spanned is None:
        return spans
    start, end = spanned
    inside = [BracketSpan(s.start, s.end, s.depth + 1) if start <= s.start and s.end <= end else s for s in spans]
    return sorted([BracketSpan(start, end, 0), *inside], key=lambda s: (s.start, -s.end))


def _unagreed(text: str, placeholders: Sequence[str], links: frozenset[str]) -> list[BracketSpan]:
    return [s for s in bracket_spans(text, links) if not _is_placeholder(s.content(text), placeholders)]


def _item(text: str, span: BracketSpan) -> bool:
    """"[new,] [additional,]": a bracketed item of an enumeration, not an alternative."""
    inner = span.content(text).strip()
    return inner.endswith((",", ";")) or inner.startswith((",", ";"))


def stacks(text: str, spans: Sequence[BracketSpan]) -> list[list[BracketSpan]]:
    """Groups of brackets at one depth that follow each other directly: alternatives."""
    groups: list[list[BracketSpan]] = []
    for span in sorted(spans, key=lambda s: s.start):
        previous = next((g for g in reversed(groups) if g[-1].depth == span.depth), None)
        if (previous is not None and text[previous[-1].end : span.start].strip() == "" and previous[-1].end <= span.start
                and not _item(text, previous[-1]) and not _item(text, span)):
            previous.append(span)
        else:
            groups.append([span])
    return [g for g in groups]


def option_matches(text: str, options: re.Pattern[str] | None) -> list[re.Match[str]]:
    """Each "Option N:" heading in ``text`` (none without an options pattern)."""
    if options is None or not prefilter(options).may_match(text):
        return []
    return list(options.finditer(text))


def option_starts(text: str, options: re.Pattern[str] | None) -> list[int]:
    """Where each "Option N:" block starts."""
    return [m.start() for m in option_matches(text, options)]


def tally(text: str, placeholders: Sequence[str] = (), options: re.Pattern[str] | None = None,
          links: frozenset[str] = frozenset()) -> BracketTally:
    if "[" not in text and not option_matches(text, options):
        return BracketTally()
    spans = unagreed_spans(text, placeholders, links)
    option_count = sum(len(g) for g in stacks(text, spans) if len(g) > 1)
    option_count += len(option_starts(text, options))
    return BracketTally(brackets=len(spans), options=option_count)


def add(a: BracketTally, b: BracketTally) -> BracketTally:
    return BracketTally(a.brackets + b.brackets, a.options + b.options)


def provision_tallies(round_: Round, placeholders: Sequence[str] = (), options: re.Pattern[str] | None = None) -> dict[str, BracketTally]:
    """Each provision's own brackets and options, by provision id (for renderers to show).

    A provision's text excludes its paragraphs', which are provisions of their own; sum the
    paragraphs for an article's total.  Use the lexicon's ``placeholders`` and ``options``.
    """
    links = round_links(round_)
    return {provision.id: tally(provision.text, placeholders, options, links) for provision in round_.walk()}


def round_tally(round_: Round, placeholders: Sequence[str] = (), options: re.Pattern[str] | None = None) -> BracketTally:
    texts = [provision.text for provision in round_.walk()]
    joined = "\n".join(texts)
    # Most rounds of a long text have no bracket or option in most provisions: one look at the
    # whole round (in C) settles the common case.
    if "[" not in joined and (options is None or not prefilter(options).may_match(joined)):
        return BracketTally()
    links = round_links(round_)
    total = BracketTally()
    for provision in round_.walk():
        total = add(total, tally(provision.text, placeholders, options, links))
    return total


@dataclass(frozen=True)
class BracketGroup:
    """An outermost bracket or stack of alternatives, as one unit of disagreement."""

    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        return " ".join(self.text.casefold().split())


def groups(text: str, placeholders: Sequence[str] = (), links: frozenset[str] = frozenset(),
           spanned: tuple[int, int] | None = None) -> list[BracketGroup]:
    outer = [s for s in unagreed_spans(text, placeholders, links, spanned) if s.depth == 0]
    return [BracketGroup(g[0].start, g[-1].end, text[g[0].start : g[-1].end]) for g in stacks(text, outer)]


def _strays(text: str) -> tuple[list[int], list[int]]:
    """(offsets of the "]" that close nothing, offsets of the "[" that nothing closes)."""
    closers: list[int] = []
    stack: list[int] = []
    for token in _BRACKET_TOKEN.finditer(text):
        if token.group(0) == "[":
            stack.append(token.start())
        elif token.group(0) == "]":
            if stack:
                stack.pop()
            else:
                closers.append(token.start())
    return closers, stack


def spanning_brackets(round_: Round) -> dict[str, tuple[int, int]]:
    """Provision id → the part of its text inside a bracket that spans paragraphs.

    Drafts bracket a whole option of several paragraphs with one "[" before its first paragraph
    and one "]" after its last ("1. [All Parties …" … "4. … concerned.]"): the paragraphs
    between stand unagreed although none holds a bracket of its own.  A bracket is taken to span
    only when it opens a line of a paragraph, the next paragraphs of the same article hold no stray
    bracket, and one of them ends on the "]" that closes it; any other unbalanced bracket is a
    slip of the drafter, not a bracket around what follows.
    """
    out: dict[str, tuple[int, int]] = {}
    for top in round_.provisions:
        if not top.paragraphs:
            continue
        parts = list(top.walk())
        if not any("[" in p.text for p in parts):
            continue
        depth = 0
        pending: dict[str, tuple[int, int]] = {}  # inside the open bracket, until a "]" confirms it
        for part in parts:
            closers, openers = _strays(part.text)
            if depth > 0 and closers and closers[-1] == len(part.text.rstrip()) - 1:
                out.update(pending)
                out[part.id] = (0, len(part.text))
                pending, depth = {}, 0
                continue
            if depth > 0 and not closers and not openers:
                pending[part.id] = (0, len(part.text))
                continue
            # Only a "[" that nothing in the paragraph closes, at the start of one of its lines
            # (after an "Option 2:" heading), opens the span.
            pending, depth = {}, 0
            if not closers and len(openers) == 1 and _line_start(part.text, openers[0]):
                depth = 1
                pending[part.id] = (openers[0], len(part.text))
    return out


def _nested_keys(text: str, within: Sequence[BracketGroup], placeholders: Sequence[str], links: frozenset[str],
                 spanned: tuple[int, int] | None) -> Counter[str]:
    """The keys of the brackets (and stacks of alternatives) inside the groups ``within``."""
    inner = [s for s in unagreed_spans(text, placeholders, links, spanned)
             if s.depth > 0 and any(g.start < s.start and s.end < g.end for g in within)]
    return Counter(" ".join(text[g[0].start : g[-1].end].casefold().split()) for g in stacks(text, inner))


def _spare(text: str, within: Sequence[BracketGroup], found: set[str], placeholders: Sequence[str], links: frozenset[str],
           spanned: tuple[int, int] | None) -> int:
    """How many inner brackets of the groups ``within`` were not found on the other side."""
    return sum(n for k, n in _nested_keys(text, within, placeholders, links, spanned).items() if k not in found) if within else 0


def _outside(candidates: list[BracketGroup], nested: Counter[str]) -> tuple[list[BracketGroup], set[str]]:
    """``candidates`` less those that stood (or now stand) inside the other side's groups, and
    the keys of those."""
    kept, found = [], set()
    for g in candidates:
        if nested[g.key] > 0:
            nested[g.key] -= 1
            found.add(g.key)
        else:
            kept.append(g)
    return kept, found


def changed_groups(old: str, new: str, placeholders: Sequence[str] = (),
                   links: frozenset[str] = frozenset(), old_spanned: tuple[int, int] | None = None,
                   new_spanned: tuple[int, int] | None = None) -> tuple[list[BracketGroup], list[BracketGroup]]:
    """(closed, opened): groups only in the old text, groups only in the new.

    Groups are matched by their words; what is left over is paired by order as *edited*
    brackets (neither closed nor opened), so rewording inside a bracket is not counted twice.
    ``old_spanned`` and ``new_spanned`` are the parts inside a bracket that spans paragraphs.
    """
    if old_spanned is not None and new_spanned is not None:
        old_spanned = new_spanned = None  # the same bracket spans the paragraph on both sides
    old_groups, new_groups = groups(old, placeholders, links, old_spanned), groups(new, placeholders, links, new_spanned)
    remaining = Counter(g.key for g in new_groups)
    closed: list[BracketGroup] = []
    for g in old_groups:
        if remaining[g.key] > 0:
            remaining[g.key] -= 1
        else:
            closed.append(g)
    remaining_old = Counter(g.key for g in old_groups)
    opened: list[BracketGroup] = []
    for g in new_groups:
        if remaining_old[g.key] > 0:
            remaining_old[g.key] -= 1
        else:
            opened.append(g)
    # Words that stood inside a bracket now gone and come back as a list of bracketed items
    # ("[… shall provide new, predictable … resources …]" → "shall provide [new,] [predictable,]
    # … resources"): the same disagreement carried into the text, not new ones put on the table.
    carried = carried_items(new, opened, closed)
    opened = [g for g in opened if g not in carried]
    # A bracket that stood inside a bracket now closed ("[The CMA shall … in [2023][2024] …]"
    # → "The CMA shall … in [2023][2024] …") is the same disagreement, not a new one; nor is
    # one that now stands inside a new bracket.  Left among the leftovers, it would cancel the
    # closing as an "edited" bracket.
    unwrapped: list[BracketGroup] = []
    wrapped: list[BracketGroup] = []
    if closed and opened:
        opened, found_in_old = _outside(opened, _nested_keys(old, closed, placeholders, links, old_spanned))
        closed, found_in_new = _outside(closed, _nested_keys(new, opened, placeholders, links, new_spanned))
        # The outer bracket itself went (or came), its inner brackets standing: it is no edit
        # of another bracket, so it does not pair with a leftover of the other side.
        unwrapped = [g for g in closed if _nested_keys(old, [g], placeholders, links, old_spanned).keys() & found_in_old]
        wrapped = [g for g in opened if _nested_keys(new, [g], placeholders, links, new_spanned).keys() & found_in_new]
        closed = [g for g in closed if g not in unwrapped]
        opened = [g for g in opened if g not in wrapped]
        # An inner bracket of those that did not stand was edited: it pairs with a leftover.
        opened = opened[min(len(opened), _spare(old, unwrapped, found_in_old, placeholders, links, old_spanned)) :]
        closed = closed[min(len(closed), _spare(new, wrapped, found_in_new, placeholders, links, new_spanned)) :]
    edited = min(len(closed), len(opened))
    closed, opened = [*unwrapped, *closed[edited:]], [*wrapped, *opened[edited:]]
    # A bracket that spans paragraphs stands in for the bracket a paragraph of it held (or now
    # holds) alone ("[Each Party's …]" → "Each Party's …" inside "1. [All Parties …" … "4. … .]").
    # Whether the span itself came or went is not read from one of its paragraphs: then each
    # paragraph's own brackets are read as they stand.
    if any((g.start, g.end) == old_spanned for g in closed) or any((g.start, g.end) == new_spanned for g in opened):
        return changed_groups(old, new, placeholders, links)
    return sorted(closed, key=lambda g: g.start), sorted(opened, key=lambda g: g.start)
