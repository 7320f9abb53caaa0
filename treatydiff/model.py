"""The typed model every stage of the pipeline speaks.

Drafts: :class:`Negotiation` → :class:`Round` → :class:`Provision` (articles, whose
``paragraphs`` are provisions too).  Comparison results: :class:`Comparison` →
:class:`ClausePair` → :class:`Segment`, plus :class:`Finding` from the analysis.

Everything is a frozen dataclass or a ``str`` enum so results can be hashed, compared and
serialised without surprises.  Third-party shapes (diff-match-patch tuples, YAML nodes, lxml
elements) never travel past the adapter that produced them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .frozen import fast_init


class ProvisionKind(StrEnum):
    PREAMBLE = "preamble"
    ARTICLE = "article"
    PARAGRAPH = "paragraph"
    SECTION = "section"
    ANNEX = "annex"
    OTHER = "other"


class AgreementStatus(StrEnum):
    """How far a provision has got, in the order negotiators use."""

    NOT_DISCUSSED = "not-discussed"
    PROPOSED = "proposed"
    AGREED_AD_REFERENDUM = "agreed-ad-referendum"
    AGREED = "agreed"

    @property
    def is_agreed(self) -> bool:
        return self in (AgreementStatus.AGREED, AgreementStatus.AGREED_AD_REFERENDUM)


@fast_init
@dataclass(frozen=True)
class Provision:
    """One provision of a round: a preamble paragraph, an article, a paragraph, an annex.

    ``id`` is the stable identity that survives renumbering (Akoma Ntoso's ``wId``);
    ``label`` is what the draft displays ("Article 7", "7.2", "Preamble, para 3").
    ``text`` is the provision's own text (an article's chapeau, or all of it when it has no
    numbered paragraphs); lines are separated by ``\\n`` and lettered sub-items stay on their
    own lines.  Square brackets mark unagreed text; ``\\[`` and ``\\]`` are literal brackets.
    ``notes`` holds its footnotes and endnotes, one ``[^1] text`` line each (the ``[^1]``
    marker stands in ``text`` where the reference is): compared and analysed like the text.
    """

    id: str
    label: str
    text: str = ""
    kind: ProvisionKind = ProvisionKind.ARTICLE
    heading: str | None = None
    status: AgreementStatus | None = None
    paragraphs: tuple[Provision, ...] = ()
    notes: str | None = None

    def walk(self) -> Iterator[Provision]:
        """This provision, then its paragraphs, in document order."""
        yield self
        for paragraph in self.paragraphs:
            if paragraph.paragraphs:
                yield from paragraph.walk()
            else:  # most provisions are leaves: no generator of their own
                yield paragraph

    @property
    def full_text(self) -> str:
        """Own text and paragraph texts, one per line: what a reader sees below the heading."""
        parts = [self.text] if self.text else []
        parts.extend(p.full_text for p in self.paragraphs)
        return "\n".join(parts)


@dataclass(frozen=True)
class RoundInfo:
    """A round's metadata: which draft, by whom, when."""

    label: str
    party: str | None = None
    date: str | None = None  # ISO 8601 date as written in the clause file
    title: str | None = None
    source: str | None = None
    notes: str | None = None
    number: int | None = None
    language: str | None = None
    # True when ids were derived from labels by an importer: they change with renumbering,
    # so alignment must not take them as identity (clause file: `ids: derived`).
    derived_ids: bool = False

    def describe(self) -> str:
        """`R3 (AZ, 2023-05-02)`: how a header names this round."""
        extra = ", ".join(x for x in (self.party, self.date) if x)
        return f"{self.label} ({extra})" if extra else self.label


@dataclass(frozen=True)
class Round:
    """One full draft of the text."""

    info: RoundInfo
    provisions: tuple[Provision, ...]
    name: str = ""  # the round's name in its negotiation (the clause file's stem)
    path: str | None = None  # where it was read from, for messages

    def walk(self) -> Iterator[Provision]:
        for provision in self.provisions:
            if provision.paragraphs:
                yield from provision.walk()
            else:
                yield provision

    def holders(self) -> dict[str, str | None]:
        """Provision id → the label of the top-level provision that holds it (None for a
        top-level one): what a paragraph is cited under in this draft ("Article 6(4)"),
        wherever the comparison paired it."""
        out: dict[str, str | None] = {}
        for provision in self.provisions:
            out[provision.id] = None
            for part in provision.walk():
                if part is not provision:
                    out[part.id] = provision.label
        return out


def holder_label(provision: Provision, parent: str | None, holders: dict[str, str | None], fallback: str | None) -> str | None:
    """What ``provision`` of a pair is cited under: the parent the pair names, else the one that
    holds it in its own draft (:meth:`Round.holders`: none for a whole provision moved into a
    paragraph's place), else, for a pair built by hand whose provision is in no round,
    ``fallback`` (its article's label)."""
    return parent or holders.get(provision.id, fallback)


@dataclass(frozen=True)
class Party:
    code: str
    name: str
    aliases: tuple[str, ...] = ()
    # A group of parties ("G77", "EU"): the codes of its members; what binds the group binds them.
    members: tuple[str, ...] = ()


AUTHOR_ROLES = ("chair", "co-chairs", "presidency", "facilitator", "secretariat", "other")


@dataclass(frozen=True)
class Author:
    """Who proposes a round without being a party (a chair, co-chairs, a presidency …): never
    obligated by the text it proposes."""

    code: str
    name: str
    role: str = "other"  # one of AUTHOR_ROLES


@dataclass(frozen=True)
class Negotiation:
    """A negotiation folder: its config and its rounds in order."""

    title: str
    parties: tuple[Party, ...]
    rounds: tuple[Round, ...]
    languages: tuple[str, ...] = ("en",)
    illustrative: bool = False
    description: str | None = None
    # Users' own analysis terms per language, as plain data; the analysis validates them.
    lexicon: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    path: str | None = None
    authors: tuple[Author, ...] = ()
    perspective: str | None = None  # the party whose side reports take by default (`--as`)

    def round_named(self, name: str) -> Round | None:
        for round_ in self.rounds:
            if name in (round_.name, round_.info.label):
                return round_
        return None

    def party(self, code: str) -> Party | None:
        for party in self.parties:
            if party.code == code:
                return party
        return None


@dataclass(frozen=True)
class NegotiationInfo:
    """What a report needs to know about the negotiation a comparison belongs to."""

    title: str
    parties: tuple[Party, ...] = ()
    illustrative: bool = False
    languages: tuple[str, ...] = ("en",)
    authors: tuple[Author, ...] = ()


# --- comparison results -----------------------------------------------------------------


def cite(article_label: str | None, label: str) -> str:
    """How a reader cites a paragraph: ``Article 3`` + ``1.`` → ``Article 3(1)``.

    A paragraph's own label ("1.") is ambiguous across a treaty, so findings, reports and
    histories cite it with its article; labels that are already complete stand as they are.
    """
    if not article_label or label.startswith(article_label):
        return label
    short = label.strip().rstrip(".").strip("()")
    if short and len(short) <= 8 and " " not in short:
        return f"{article_label}({short})"
    return f"{article_label}, {label}"


class Op(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


@fast_init
@dataclass(frozen=True)
class Segment:
    """A run of text that is equal in both drafts, only in the new one, or only in the old."""

    op: Op
    text: str
    # True for a deletion/insertion that only differs in what the options ignore (case,
    # whitespace, punctuation, "thirty (30)" vs "30"): shown, never counted as a change.
    ignorable: bool = False


class ChangeKind(StrEnum):
    UNCHANGED = "unchanged"
    MODIFIED = "modified"
    ADDED = "added"
    DELETED = "deleted"
    RENUMBERED = "renumbered"
    MOVED = "moved"
    SPLIT = "split"
    MERGED = "merged"


@fast_init
@dataclass(frozen=True)
class ClausePair:
    """One provision of the old round matched with one of the new (either may be absent).

    Invariant: over a whole comparison every old provision's text is the old side of exactly
    one pair, and every new provision's text the new side of exactly one; ``segments`` rebuild
    both (equal+delete = old text, equal+insert = new text).  A split keeps the old provision on
    its first part; the other parts are pairs with ``old=None`` that name the split in
    ``related``.  A merge mirrors it.
    """

    key: str  # unique within the comparison: "p12", or "p12.3" for a paragraph of p12
    old: Provision | None
    new: Provision | None
    kinds: tuple[ChangeKind, ...]
    similarity: float
    segments: tuple[Segment, ...]
    heading_segments: tuple[Segment, ...] = ()
    paragraphs: tuple[ClausePair, ...] = ()
    # Word diff of the footnotes and endnotes (``Provision.notes``): part of the text, so a
    # changed note makes the pair MODIFIED.  Rebuilds both sides' notes ("" for none).
    notes_segments: tuple[Segment, ...] = ()
    # Labels of the other provisions in a split/merge, or where a moved paragraph came from.
    related: tuple[str, ...] = ()
    old_parent: str | None = None  # label of the article a paragraph stood in before
    new_parent: str | None = None

    @property
    def old_label(self) -> str | None:
        return self.old.label if self.old else None

    @property
    def new_label(self) -> str | None:
        return self.new.label if self.new else None

    @property
    def old_citation(self) -> str | None:
        """``Article 3(1)`` for a paragraph, the plain label for an article."""
        return cite(self.old_parent, self.old.label) if self.old else None

    @property
    def new_citation(self) -> str | None:
        return cite(self.new_parent, self.new.label) if self.new else None

    @property
    def changed(self) -> bool:
        return self.kinds != (ChangeKind.UNCHANGED,)

    def walk(self) -> Iterator[ClausePair]:
        yield self
        for paragraph in self.paragraphs:
            if paragraph.paragraphs:
                yield from paragraph.walk()
            else:  # most provisions are leaves: no generator of their own
                yield paragraph


class Direction(StrEnum):
    REGRESSION = "regression"
    PROGRESS = "progress"
    REVIEW = "review"


@fast_init
@dataclass(frozen=True)
class Span:
    """Character offsets ``[start, end)`` into a provision's ``text``."""

    start: int
    end: int


@fast_init
@dataclass(frozen=True)
class Finding:
    """One explainable change of position, anchored on the words that triggered it."""

    code: str  # e.g. "obligation-weakened"
    direction: Direction
    pair_key: str  # ClausePair.key it belongs to
    old_label: str | None
    new_label: str | None
    old_words: str
    new_words: str
    rule: str  # id of the rule that fired, e.g. "en.modal.shall>should"
    explanation: str
    language: str = "en"
    obligated: tuple[str, ...] = ()  # party codes whose obligation moved ("the Parties" = all)
    favours: tuple[str, ...] = ()  # party codes the move favours
    old_span: Span | None = None
    new_span: Span | None = None


@dataclass(frozen=True)
class Review:
    """A reader's decision on a finding (``treatydiff review``), kept in the negotiation folder."""

    decision: str  # confirmed | dismissed
    note: str


@dataclass(frozen=True)
class BracketTally:
    """Unagreed text in a round or provision, as observers count it."""

    brackets: int = 0  # bracketed spans, nested ones included
    options: int = 0  # "Option N:" blocks and stacked alternatives such as [shall][should]


@dataclass(frozen=True)
class CompareOptions:
    """Everything that changes how two rounds are compared; passed keyword-only."""

    ignore_case: bool = False
    ignore_whitespace: bool = False
    ignore_punctuation: bool = False
    numbers_as_words: bool = True  # "thirty (30)" equals "30"; a changed value never hidden
    detect_moves: bool = True
    similarity_threshold: float = 0.5
    analyse: bool = True


@dataclass(frozen=True)
class Comparison:
    old_round: Round
    new_round: Round
    pairs: tuple[ClausePair, ...]  # article-level pairs in the new draft's order
    findings: tuple[Finding, ...] = ()
    options: CompareOptions = field(default_factory=CompareOptions)
    negotiation: NegotiationInfo | None = None
    # Filled by the analysis stage.
    old_brackets: BracketTally = field(default_factory=BracketTally)
    new_brackets: BracketTally = field(default_factory=BracketTally)

    @property
    def old(self) -> RoundInfo:
        return self.old_round.info

    @property
    def new(self) -> RoundInfo:
        return self.new_round.info

    def walk(self) -> Iterator[ClausePair]:
        for pair in self.pairs:
            yield from pair.walk()
