"""What a bill reader assembles before it becomes a round: the format's dialect, the units
in order, and the running account-header path that labels appropriations paragraphs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import ProvisionKind


@dataclass(frozen=True)
class Dialect:
    """The element names one bill format uses for numbering, headings, levels and text blocks."""

    num: frozenset[str]
    heading: frozenset[str]
    levels: frozenset[str]  # numbered units below a section: a new line with its enumerator
    blocks: frozenset[str]  # text blocks: a new line unless they open their level's line
    furniture: frozenset[str]  # empty layout elements (page breaks), counted as skipped


@dataclass
class Unit:
    """A provision being assembled from the XML."""

    label: str
    heading: str | None = None
    kind: ProvisionKind = ProvisionKind.SECTION
    lines: list[str] = field(default_factory=list)
    paragraphs: list[Unit] = field(default_factory=list)


@dataclass
class BillDraft:
    """What a format reader found: the units in order, the words read, what it skipped."""

    units: list[Unit] = field(default_factory=list)
    source: list[str] = field(default_factory=list)  # every text read into the round, for the word account
    skipped: Counter[str] = field(default_factory=Counter)
    skipped_words: int = 0
    title: str | None = None
    date: str | None = None


_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"}


def cite_case(header: str) -> str:
    """An account header in the case appropriators cite it ("OPERATIONS AND SUPPORT",
    "operations and support" → "Operations and Support"): versions print headers in capitals
    or small capitals, and a label must not change with the typeface."""
    def word(n: int, w: str) -> str:
        if "." in w.rstrip(".,"):
            return w.upper()  # "U.S."
        return w.lower() if n and w.lower() in _SMALL_WORDS else w[:1].upper() + w[1:].lower()

    return " ".join(word(n, w) for n, w in enumerate(header.split()))


class Accounts:
    """The running header path of an appropriations title: major, intermediate, small.

    ``path`` names the accounts in labels; ``shown`` is the path as printed, with the
    parenthetical sub-headers ("(INCLUDING TRANSFER OF FUNDS)") that come and go between
    versions and so stay out of the label the aligner pairs by."""

    def __init__(self, title: str, draft: BillDraft) -> None:
        self.title = title
        self.draft = draft
        self.path: list[str | None] = [None, None, None]
        self.shown: list[str | None] = [None, None, None]
        self.pending: int | None = None  # deepest header no provision carries yet

    def enter(self, level: int, header: str | None) -> None:
        if not header:
            return  # more text under the same headers
        deepest = max((n for n, x in enumerate(self.path) if x), default=None)
        if header.startswith("(") and deepest is not None:
            self.shown[deepest] = f"{self.shown[deepest]} {header}"
            self.pending = deepest
            return
        if self.pending is not None and level <= self.pending:
            self.flush()
        self.path[level:] = [header] + [None] * (2 - level)
        self.shown[level:] = [header] + [None] * (2 - level)
        self.pending = level

    def flush(self) -> None:
        """A header with no paragraph of its own ("Administrative Provisions" above sections)
        keeps its place as a heading-only provision, so its words are not lost."""
        if self.pending is not None:
            self.pending = None
            self.draft.units.append(Unit(label=self.label(), heading=self.heading()))

    def add(self, lines: list[str]) -> None:
        self.pending = None
        self.draft.units.append(Unit(label=self.label(), heading=self.heading(), lines=lines))

    def label(self) -> str:
        major, intermediate, small = self.path
        account = intermediate or major
        parts = [cite_case(x) for x in (account, small) if x]
        return f"{self.title}, {': '.join(parts) if parts else 'paragraph'}"

    def heading(self) -> str | None:
        return " — ".join(x for x in self.shown if x) or None
