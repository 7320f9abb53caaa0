"""What a built lexicon holds: ladders, markers, urgency words, and the compiled scanners.

Plain frozen data; :mod:`.lexicon` reads the YAML files and builds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from .scan import Scanner


@dataclass(frozen=True)
class Step:
    rank: int
    meaning: str
    terms: tuple[str, ...]
    # What it does to the commitment when it comes, after "so": "{of}" stands for the subject.
    consequence: str = "the commitment{of} is no longer unconditional"


@dataclass(frozen=True)
class Ladder:
    """Phrases ranked by how strongly they bind; ladders of one group are compared together."""

    id: str
    group: str
    name: str
    weaker: str
    stronger: str
    added: str | None
    removed: str | None
    min_rank_alone: int | None
    steps: tuple[Step, ...]
    carries_obligation: bool = False  # a sentence with one of its upper steps binds someone
    # A sentence deleted or added whole is a commitment when it holds a step of at least this
    # rank: a permission ("You may scrape …") or a soft duty ("are encouraged to") is a
    # position too, although one such word alone in a kept sentence says little.
    min_rank_whole: int | None = None
    # Below the top step, a duty word followed by one of these words describes or predicts
    # ("efforts will represent a progression", "features may be subject to"): it binds no one.
    describes_before: tuple[str, ...] = ()
    # Adverbs that may stand between the duty word and that verb ("This License will therefore
    # apply …", "efforts will then represent …"); each a regular expression for one word.
    describes_skip: tuple[str, ...] = ()
    # After "not", only these still describe: "licensees will not have their licences
    # terminated" states a consequence, but "may not be called 'Apache'" forbids.
    describes_negated: tuple[str, ...] = ()
    # A clause that opens with one of these asks or hedges, it binds no one: "The extent to
    # which Parties will implement …", "often times several Users may direct …".
    describes_in_clause: tuple[str, ...] = ()
    # A duty word, of any rank, in a clause that opens like these states a condition ("if you
    # are required to disclose …", "when access is required to maintain …"): no duty of its own.
    in_condition: tuple[str, ...] = ()
    # A word found on one side only counts only when at most this share of its sentence
    # changed, and not right after one of ``alone_not_after`` (a negative).
    alone_max_changed: float | None = None
    alone_not_after: tuple[str, ...] = ()
    # A word that qualifies the noun after it ("all armed forces"): it counts only where that
    # noun stands on both sides, and not when a determiner of the same reach replaces it
    # ("all definitions" → "the definitions").
    qualifies_next_word: bool = False
    same_reach: tuple[str, ...] = ()
    # A permission whose object is a duty's own conditions ("You may satisfy the conditions in
    # Section 3(a) in any reasonable manner") loosens that duty: it is a qualifier of the duty,
    # not a commitment of its own.  Regular expressions for that object.
    eases_duty: tuple[str, ...] = ()
    # In a licence, terms of service or a contract these words bind as the top step does
    # ("The Licensor will indemnify …"): "shall" → "will" there moves nothing.
    binds_in_private_law: tuple[str, ...] = ()

    def meaning(self, rank: int) -> str:
        return next((s.meaning for s in self.steps if s.rank == rank), "")

    def top_rank(self) -> int:
        return max(s.rank for s in self.steps)

    def binds_whole(self, rank: int) -> bool:
        """True when a whole sentence holding this ladder's step ``rank`` commits someone."""
        return self.min_rank_whole is not None and rank >= self.min_rank_whole


@dataclass(frozen=True)
class Marker:
    """A phrase whose presence alone moves a commitment (a qualifier, a condition)."""

    id: str
    added: str
    removed: str
    meaning: str
    terms: tuple[str, ...]
    # What it does to the commitment when it comes, after "so": "{of}" stands for the subject.
    consequence: str = "the commitment{of} is no longer unconditional"
    # Counts only put into (or taken out of) words kept on both sides: "all Contributors" →
    # "all other Contributors", not "non-material changes" → "any other changes".
    kept_around: bool = False


@dataclass(frozen=True)
class Urgency:
    rank: int
    firm: bool
    terms: tuple[str, ...]


@dataclass(frozen=True)
class TermInfo:
    """What one alternative of the term matcher stands for."""

    family: str  # ladder or marker id, or "urgency"
    kind: str  # "ladder", "marker" or "urgency"
    group: str
    rank: int
    firm: bool = False


@dataclass(frozen=True)
class Replacement:
    """One editorial rewrite; skipped when none of its ``anchors`` occurs (a match needs one)."""

    pattern: re.Pattern[str]
    replacement: str
    anchors: tuple[str, ...]  # empty: always run
    words: frozenset[str] | None = None  # canonical words a match starts with (None: unknown)


# Identity equality: a lexicon is built once and cached, and hashing its many tuples as a cache
# key on every call cost more than the work it cached.
@dataclass(frozen=True, eq=False)
class Lexicon:
    language: str
    ladders: tuple[Ladder, ...]
    markers: tuple[Marker, ...]
    urgency: tuple[Urgency, ...]
    deadline_sources: tuple[str, ...]  # the source of each of ``deadline_patterns``
    units: tuple[tuple[str, re.Pattern[str]], ...]  # unit name, pattern for its words
    numbers: tuple[tuple[str, int], ...]
    references: tuple[re.Pattern[str], ...]
    definitions: tuple[re.Pattern[str], ...]
    all_parties: tuple[str, ...]
    prepositions: tuple[str, ...]
    equivalences: tuple[tuple[str, ...], ...]
    placeholders: tuple[str, ...]
    options: re.Pattern[str]
    # Text that binds no one: a recital or an editor's note, recognised by how it opens.
    non_operative: re.Pattern[str] | None
    non_operative_headings: tuple[str, ...]  # "Summary", "Table of contents": they bind no one
    negation_after: tuple[str, ...]
    negation_before: tuple[str, ...]
    term_alternatives: str  # the source of ``terms``
    term_info: tuple[TermInfo, ...]  # indexed by the group number in ``terms``
    # The same patterns, compiled once for fast scanning (see scan.py).
    term_scanner: Scanner  # alternatives in the order of ``term_info``
    deadline_scanners: tuple[Scanner, ...]
    # ("floor" | "ceiling", scanner): "at least 5 km" lowered, or "no more than 3" raised, asks less.
    bound_scanners: tuple[tuple[str, Scanner], ...]
    reference_scanners: tuple[Scanner, ...]
    number_scanner: Scanner  # number words ("thirty"); no alternative when there are none
    negated_after: re.Pattern[str] | None  # matches the text just after a negated modal
    negated_before: re.Pattern[str] | None  # searched in the text just before it
    replacements: tuple[Replacement, ...]  # editorial rewrites, in order (editorial.py)
    number_words: Replacement | None  # number words → figures, on casefolded text
    # Whom a duty of all the parties protects (parties.py): the words before the party's name.
    beneficiary_by: tuple[str, ...] = ()
    beneficiary_of: tuple[str, ...] = ()
    # One decision in two voices ("Encourages X to" / "X are encouraged to"): each pair's first
    # pattern is the active form, the second the passive one.  A change of voice moves nothing.
    voices: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = ()
    # Lists inside a reworded sentence (sentence_items.py): words that make a sentence deny
    # ("not", "no"), and words that open a clause rather than an item ("and have …").
    denials: frozenset[str] = frozenset()
    clause_openers: frozenset[str] = frozenset()
    # Words of every case ("any or all", "each and every"): one of them gone beside another
    # leaves the reach as it was, so neither is an item of a list.
    quantifiers: frozenset[str] = frozenset()
    # A sentence that disclaims a warranty or a liability (disclaimers.py): the items of its
    # lists are what the one disclaiming does not answer for.
    disclaimers: re.Pattern[str] | None = None
    disclaimer_limits: re.Pattern[str] | None = None  # words that limit the disclaimer itself
    reservations: re.Pattern[str] | None = None  # "… are not licensed": what a grant does not give
    # Words that show a round is a licence, terms of service or a contract ("Licensee", "this
    # License"), and whether the comparison's rounds are read so (``private_law_variant``).
    # A sentence that waives a right ("the Licensor waives any right to collect royalties"): a
    # qualifier such as "to the extent possible" there limits the waiver to what the law allows.
    waivers: re.Pattern[str] | None = None
    law_bounds: re.Pattern[str] | None = None  # "to the extent required by law": the law's reach
    # A sentence that opens with one of these ("Alternately, the notice may appear …") offers
    # another way to meet a duty: new, the duty binds less; gone, more.
    alternatives: re.Pattern[str] | None = None
    private_law_signals: re.Pattern[str] | None = None
    private_law: bool = False
    # A defined term's key drops these endings from a last word this long (renamed.py).
    plural_endings: tuple[str, ...] = ()
    plural_min_length: int = 0
    # A sentence that spells out an earlier duty ("Such contribution shall …"): analysis/__init__.py.
    refers_back: re.Pattern[str] | None = None

    @cached_property
    def deadline_patterns(self) -> tuple[re.Pattern[str], ...]:
        """Compiled when first asked for: the analysis reads deadlines through ``deadline_scanners``."""
        return tuple(re.compile(source, re.IGNORECASE) for source in self.deadline_sources)

    @cached_property
    def terms(self) -> re.Pattern[str]:
        """Every ladder, marker and urgency term, one named group each.  The analysis reads
        texts through ``term_scanner``; compiling this alternation costs a cold start a
        fifth of a second, so it is compiled when first asked for."""
        return re.compile(self.term_alternatives, re.IGNORECASE)

    def ladder(self, family: str) -> Ladder | None:
        for ladder in self.ladders:
            if ladder.id == family:
                return ladder
        return None

    def marker(self, family: str) -> Marker | None:
        for marker in self.markers:
            if marker.id == family:
                return marker
        return None

    def number_value(self, word: str) -> int | None:
        key = " ".join(word.casefold().split())
        for name, value in self.numbers:
            if name == key:
                return value
        return None
