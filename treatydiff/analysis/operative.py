"""Which text can carry a position at all.

Preambular paragraphs and recitals ("*Noting* that emissions will grow"), front matter and
editor's notes bind no one: a "will" or a "shall" in them commits nobody, so deleting or
rewording them moves no position.  Read by an independent labeller, findings on such text were
the second largest class of false alarms on real drafts.  Their brackets are counted in the
round's tally (an unagreed recital is still unagreed) but opening or settling them is no finding:
the labellers read no position in a recital, bracketed or not.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from functools import lru_cache

from ..model import ClausePair, Provision, ProvisionKind
from .hits import Hit
from .lexicon import Lexicon

_NEXT_WORD = re.compile(r"\s+(?:not\s+)?(\w+)")

# The label the importers give to text before the first provision (titles, sources, links).
_FRONT_MATTER = "front matter"


def sentence_binds_no_one(words: str, lexicon: Lexicon, text: str = "", start: int = 0) -> bool:
    """True for a sentence that opens like a recital or a note, or defines a term ("'Work'
    shall mean …"): its "shall" creates no duty; a changed definition is read as one.  Given the
    ``text`` the sentence ``start``s in, also for a later clause of a definition's sentence
    ("i. 'Publicly Perform' means … ; to make available … so that the public may access …")."""
    if opens_non_operative(words, lexicon) or any(p.search(words, 0, 200) for p in lexicon.definitions):
        return True
    item = _item_start(text, start) if text else start
    if item >= start:
        return False
    marker = _ITEM_MARKER.match(text, item)
    return not _FULL_STOP.search(text, marker.end() if marker else item, start) and any(p.search(text[item : item + 200]) for p in lexicon.definitions)


# Where an item or a paragraph opens: after a blank line, or at a line that opens a list item.
_ITEM_OPENS = re.compile(r"\n[^\S\n]*\n\s*|\n(?=[^\S\n]*(?:\(?[a-z0-9ivx]{1,4}[.)]|[-•*])\s)", re.IGNORECASE)
_ITEM_MARKER = re.compile(r"\s*(?:\(?[a-z0-9ivx]{1,4}[.)]|[-•*])\s", re.IGNORECASE)
_ITEM_REACH = 2000
# Only a clause of the definition's own sentence, cut at ";", goes on defining: a sentence after
# its full stop may bind ("'Licensor' means … . The Licensor shall …").
_FULL_STOP = re.compile(r"[.!?][\"”'’)\]]*\s")


def _item_start(text: str, start: int) -> int:
    """Where the paragraph or list item that holds ``start`` opens (looked for in a reach)."""
    low = max(0, start - _ITEM_REACH)
    opening = low if low == 0 else start
    for match in _ITEM_OPENS.finditer(text, low, start):
        opening = match.end()
    return min(opening, start)


def describes(text: str, hit: Hit, lexicon: Lexicon) -> bool:
    """True when a duty word below its ladder's top step only describes or predicts
    ("Subsequent efforts will be informed by …", "Access may be denied when …")."""
    ladder = lexicon.ladder(hit.family)
    if ladder is not None and ladder.in_condition and hit.rank >= ladder.top_rank() \
            and _opens_clause(text, hit.start, ladder.in_condition, CONDITION_SUBJECT_WORDS):
        return True  # "if you are required to disclose …": the condition, not the duty
    if ladder is None or not ladder.describes_before or hit.rank >= ladder.top_rank():
        return False
    if ladder.describes_in_clause and _opens_clause(text, hit.start, ladder.describes_in_clause):
        return True
    following = _next_word(ladder.describes_skip).match(text, hit.end)
    return following is not None and following.group(1).casefold() in ladder.describes_before


# Where the clause around a duty word opens: after a stop or a clause mark, and past a joining word.
_CLAUSE_MARK = re.compile(r"[.;:,()\n]")
_JOINING = re.compile(r"(?:and|but|or|while|whereas)\s+", re.IGNORECASE)
_CLAUSE_REACH = 200


# The duty word of a condition follows the condition's own subject ("if you are required to",
# "when access is required to"); further on, the words before it hold the condition's verb and
# the main clause's subject, the comma left out ("If You distribute … You must …").
CONDITION_SUBJECT_WORDS = 5


def _opens_clause(text: str, offset: int, openers: tuple[str, ...], within: int | None = None) -> bool:
    """True when the clause that holds ``offset`` opens with one of ``openers`` (and, given
    ``within``, at most that many words stand between the opener and ``offset``)."""
    before = text[max(0, offset - _CLAUSE_REACH) : offset]
    marks = list(_CLAUSE_MARK.finditer(before))
    clause = before[marks[-1].end() :] if marks else before
    clause = clause.lstrip(" *_\"'“‘[")  # past emphasis, quotes and an opening bracket
    joined = _JOINING.match(clause)
    clause = " ".join(clause[joined.end() if joined else 0 :].casefold().split())
    return any(clause.startswith(o + " ") and (within is None or len(clause[len(o) :].split()) <= within) for o in openers)


def states_consequence(text: str, hit: Hit, lexicon: Lexicon) -> bool:
    """True when a negated duty word below its ladder's top step states a consequence
    ("licensees will not have their licences terminated"), not a prohibition."""
    ladder = lexicon.ladder(hit.family)
    if ladder is None or not hit.negated or hit.rank >= ladder.top_rank():
        return False
    following = _next_word(ladder.describes_skip).match(text, hit.end)
    return following is not None and following.group(1).casefold() in ladder.describes_negated


@lru_cache(maxsize=16)
def _next_word(skip: tuple[str, ...]) -> re.Pattern[str]:
    """The word after a duty word, past "not" and past one of the adverbs ``skip``."""
    if not skip:
        return _NEXT_WORD
    adverbs = "|".join(f"(?:{s})" for s in skip)
    return re.compile(rf"\s+(?:not\s+)?(?:(?:{adverbs})\s+)?(\w+)", re.IGNORECASE)


def binds_no_one(provision: Provision | None, lexicon: Lexicon) -> bool:
    """True for a preambular paragraph, front matter, a recital or a note."""
    if provision is None:
        return False
    if provision.kind == ProvisionKind.PREAMBLE or provision.label.casefold() == _FRONT_MATTER or named_non_operative(provision, lexicon):
        return True
    # Every line must open like a recital or a note: a section that opens with its "Short
    # version:" summary may carry operative text after it.
    lines = [line for line in provision.text.splitlines() if line.strip()]
    return bool(lines) and all(opens_non_operative(line, lexicon) for line in lines)


def named_non_operative(provision: Provision, lexicon: Lexicon) -> bool:
    """True for a provision named or headed like text that binds no one ("Summary", a bill's
    "FINDINGS")."""
    initials, headings = _headings(lexicon.non_operative_headings)
    # Most names ("Article 12") fail on their first letter, before any pattern runs.
    return any(name and name[0] in initials and headings.fullmatch(name)
               for name in (provision.label, provision.heading))


class _AnyInitial(frozenset[str]):
    """Every first letter: a name that ends a heading ("… licence notice") may follow any."""

    def __contains__(self, item: object) -> bool:
        return True


_ANY_INITIAL = _AnyInitial()


@lru_cache(maxsize=8)
def _headings(names: tuple[str, ...]) -> tuple[frozenset[str], re.Pattern[str]]:
    """The names' first letters, and one pattern for them whatever the case, spacing and the
    marks around them ("FINDINGS.", "## Summary").  A name ending in " …" covers every heading
    that opens with its words ("how to apply …"), one opening with "… " every heading that ends
    with them ("… licence notice")."""
    def alternative(name: str) -> str:
        words = [w for w in name.split() if w != "…"]
        body = r"\s+".join(re.escape(word) for word in words)
        return (r".*?\b" if name.startswith("… ") else "") + body + (r"\b.*" if name.endswith(" …") else "")

    alternatives = "|".join(alternative(name) for name in names) or "(?!)"
    opened = [name for name in names if name and not name.startswith("… ")]
    anywhere = any(name.startswith("… ") for name in names)
    initials = frozenset([*(c for name in opened for c in (name[0].lower(), name[0].upper())), *" .:#*\t"]) if not anywhere else _ANY_INITIAL
    return initials, re.compile(rf"[\s.:#*]*(?:{alternatives})[\s.:#*]*", re.IGNORECASE)


def under_non_operative(pairs: Iterable[ClausePair], lexicon: Lexicon) -> frozenset[str]:
    """Keys of the paragraphs of provisions headed like text that binds no one: the findings
    of a bill ("Congress finds the following: (1) …") bind no one, paragraph by paragraph."""
    keys: set[str] = set()
    initials = _headings(lexicon.non_operative_headings)[0]
    for pair in pairs:
        side = pair.old or pair.new
        # Most provisions ("Article 12", no heading) fail on the first letters alone.
        if not pair.paragraphs or side is None or (side.label[:1] not in initials and (side.heading or "a")[:1] not in initials):
            continue
        sides = [p for p in (pair.old, pair.new) if p is not None]
        if all(named_non_operative(p, lexicon) for p in sides):
            keys.update(p.key for p in pair.walk() if p is not pair)
    return frozenset(keys)


def as_recital(pair: ClausePair) -> ClausePair:
    """``pair`` read as recitals (both sides bind no one, see :func:`binds_no_one`)."""
    return dataclasses.replace(pair, old=pair.old and dataclasses.replace(pair.old, kind=ProvisionKind.PREAMBLE),
                               new=pair.new and dataclasses.replace(pair.new, kind=ProvisionKind.PREAMBLE))


def opens_non_operative(text: str, lexicon: Lexicon) -> bool:
    """True when ``text`` opens like a recital or a note ("*Recognizing* …", "Note: …")."""
    return lexicon.non_operative is not None and lexicon.non_operative.match(text) is not None


def pair_binds_no_one(pair: ClausePair, lexicon: Lexicon) -> bool:
    """A pair is read for brackets only when every side it has binds no one."""
    sides = [p for p in (pair.old, pair.new) if p is not None]
    return bool(sides) and all(binds_no_one(p, lexicon) for p in sides)
