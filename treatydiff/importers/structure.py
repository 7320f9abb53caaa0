"""Turn a draft's blocks (lines or Word paragraphs) into provisions.

Both importers reduce their input to :class:`Block` values and let :func:`build_provisions`
decide what is an article, a section, an annex, a preamble paragraph or a numbered paragraph,
so a Markdown draft and a Word draft of the same text give the same clause model.

Word accounting: a *word* is a whitespace-separated token holding a letter or digit.  Numbering
that becomes a label ("Article 3", "1.", "Preamble") is structure, not text; every other word
of a block lands in a provision's text, heading or notes.  Importers prove nothing was lost
with :func:`~treatydiff.importers.patterns.account_words`, which finds every word read in the
round built here: this module keeps no count of its own (one it kept re-tokenised every
paragraph, cost a fifth of an import and was read by no one).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Provision, ProvisionKind
from .blocks import Block, BuildResult, Para, Top, assemble, attach_footnotes
from .classify import container_of, is_preamble, split_heading
from .options import add_option_paragraph, option_name, settle_options
from .patterns import (
    OPTION_RE,
    OPTION_START,
    PARAGRAPH_RE,
    count_words,
    round_words,
    short_title,
    slug,
    unwrap,
)

__all__ = ["Block", "BuildResult", "build_provisions", "count_words", "round_words"]

_KEPT_FROM = 32  # paragraphs of one provision from which the labels they took are kept, not re-read


class _Taken:
    """The labels read so far from one provision's list of paragraphs."""

    def __init__(self, paragraphs: list[Para]) -> None:
        self.paragraphs = paragraphs
        self.read = 0
        self.labels: set[str] = set()


class _Builder:
    def __init__(self, blocks: Sequence[Block], *, markdown: bool) -> None:
        self.blocks = blocks
        self.markdown = markdown
        self.tops: list[Top] = []
        # Option lines (and their notes) waiting for the next paragraph.
        self.pending: list[tuple[str, tuple[str, ...]]] = []
        self.annex_prefix: str | None = None
        self.chapter: str | None = None  # roman chapter label, prefix of lettered sections
        self.last_letter: str | None = None
        # Each block classified once: the decisions below look back at the whole draft.
        self.preambles = [is_preamble(b) for b in blocks]
        self.opens = [container_of(b) for b in blocks]
        self.preamble_seen = any(self.preambles)
        # Articles or sections (an appendix alone does not count): numbered paragraphs then
        # belong to them; otherwise "1." opens a provision of its own.
        self.containers = any(c is not None and c[0] not in (ProvisionKind.ANNEX, ProvisionKind.OTHER) for c in self.opens)
        self.other_count = 0
        self._last_written: str | None = None
        # The labels each provision's paragraphs took, kept as paragraphs are added: rebuilding
        # the set for every paragraph was quadratic in a provision's paragraphs.
        self._taken: dict[int, _Taken] = {}  # by id of the provision (each kept alive by the builder)

    # --- assembly -------------------------------------------------------------------------

    def _open(self, kind: ProvisionKind, label: str, stem: str, heading: str | None, level: int | None) -> Top:
        self._close_top()
        top = Top(kind, label, stem, heading or None, level)
        self.tops.append(top)
        return top

    def _close_top(self) -> None:
        """Finish the provision being built: waiting option lines become option blocks, and
        those closing it become provisions of their own (see :mod:`.options`)."""
        self.pending_flush()
        if self.tops:
            self.tops.extend(settle_options(self.tops[-1]))

    def _add_line(self, text: str, notes: tuple[str, ...] = ()) -> None:
        if not self.tops:
            self._other(None, None)
        top = self.tops[-1]
        self.pending_flush()
        if top.paragraphs:
            top.paragraphs[-1].lines.append(text)
            top.paragraphs[-1].notes.extend(notes)
        else:
            top.lines.append(text)
            top.notes.extend(notes)

    def _preamble(self) -> Top:
        count = sum(1 for t in self.tops if t.kind == ProvisionKind.PREAMBLE) + 1
        return self._open(ProvisionKind.PREAMBLE, f"Preamble, para {count}", f"preamble-{count}", None, None)

    def _other(self, heading: str | None, level: int | None) -> Top:
        self.other_count += 1
        label = "Front matter" if heading is None else heading
        words = label.split()
        if len(words) > 8:
            label = " ".join(words[:8]) + " …"
        return self._open(ProvisionKind.OTHER, label, f"other-{self.other_count}", heading, level)

    def run(self) -> None:
        # Phases: "front" (before an explicit Preamble heading), "preamble", "body".
        phase = "front" if self.preamble_seen else "preamble"
        fresh_preamble = False  # just after a Preamble heading: text opens preamble paragraphs
        for block, preamble, container in zip(self.blocks, self.preambles, self.opens, strict=True):
            text = block.text
            if block.markup:
                continue  # collected into one provision at the end
            if preamble:
                self.pending_flush()
                phase, fresh_preamble = "preamble", True
                self.annex_prefix = None
                continue
            if container is not None:
                phase = "body"
                self._open_container(block, *container)
                continue
            top = self.tops[-1] if self.tops else None
            if top is not None and top.want_heading and not top.lines and not top.paragraphs:
                top.want_heading = False
                if self._heading_candidate(block):
                    top.heading = unwrap(text)
                    continue
            if block.heading_level is not None and phase == "body" and self._paragraph(block):
                continue
            if block.heading_level is not None and not block.nested and block.number is None and not OPTION_START.match(text):
                # A heading we cannot read as structure: at the level of the current
                # top-level heading (or above) it starts a provision of its own; deeper, text.
                if top is None or phase != "body" or top.level is None or block.heading_level <= top.level:
                    other = self._other(unwrap(text), block.heading_level)
                    other.notes.extend(block.notes)
                    # A title heading at the very top: the text under it is the preamble.
                    fresh_preamble = phase == "preamble" and len(self.tops) == 1
                    continue
                self._add_line(unwrap(text), block.notes)
                continue
            # From here on the block is text unless it opens a numbered paragraph; a Word
            # number that labels nothing stays in front of its text.
            text = f"{block.number} {text}" if block.number else text
            if phase == "front":
                if top is None:
                    top = self._other(None, None)
                top.lines.append(text)
                top.notes.extend(block.notes)
                continue
            if self._paragraph(block):
                phase = "body" if phase == "preamble" and not self.containers else phase
                continue
            if phase == "preamble" and (top is None or fresh_preamble or top.kind == ProvisionKind.PREAMBLE):
                para = self._preamble()
                para.lines.append(text)
                para.notes.extend(block.notes)
                fresh_preamble = False
                continue
            if self._option(block, text, top):
                continue
            self._add_line(text, block.notes)

    def _option(self, block: Block, text: str, top: Top | None) -> bool:
        """An unnumbered "Option N" line in an article or section.  A bare one waits: the
        numbered paragraph right after it opens with it.  One with text of its own is an option
        block at once, placed when its article is complete (see :mod:`.options`)."""
        if block.nested or block.verbatim or not self._has_paragraphs(top) or not OPTION_START.match(text.strip()):
            return False
        if OPTION_RE.match(text.strip()):
            self.pending.append((text, block.notes))
        else:
            self.pending_flush()
            add_option_paragraph(self.tops[-1], text, block.notes)
        return True

    def _has_paragraphs(self, top: Top | None) -> bool:
        return top is not None and top.kind not in (ProvisionKind.PREAMBLE, ProvisionKind.OTHER)

    def _heading_candidate(self, block: Block) -> bool:
        core = unwrap(block.text)
        if block.nested or block.verbatim or block.number is not None or "\n" in core:
            return False
        if PARAGRAPH_RE.match(core) or OPTION_START.match(core) or core.startswith("["):
            return False
        if block.heading_level is not None:
            return count_words(core) <= 40  # a styled heading right after "Annex I" is its title
        if count_words(core) > 10 or core.endswith((".", ";", ":", ",")):
            return False
        letters = [c for c in core if c.isalpha()]
        return bool(letters) and (core.isupper() or core.startswith("(") or block.heading_level is not None)

    def _open_container(self, block: Block, kind: ProvisionKind, written: str, number: str, rest: str) -> None:
        self.pending_flush()
        if kind == ProvisionKind.OTHER:  # instructions after the terms: a provision of its own
            self.annex_prefix = None
            self._other(rest, block.heading_level).notes.extend(block.notes)
            return
        label = written
        if kind == ProvisionKind.ANNEX:
            self.annex_prefix = label.strip("[] ")
            self.chapter = None
            stem = f"annex-{slug(number)}" if number else "annex"
        elif kind == ProvisionKind.ARTICLE:
            stem = f"art-{slug(number.replace(' ', ''))}"
        elif _WORDED.match(label):
            # "TITLE V", "Section A.": the words are part of the label, so it stands as written
            # (a chapter prefix would turn it into "III.V" and lose "TITLE").  A titled roman
            # number still opens a chapter for the bare "A." sections that may follow it.
            bare = number.rstrip(".")
            if re.fullmatch(r"[IVXLC]+", bare) and (len(bare) > 1 or _CHAPTER_WORD.match(label)):
                self.chapter = bare
            if self.annex_prefix:
                label = f"{self.annex_prefix}, {label}"
            stem = "sec-" + slug(label)
        else:
            bare = number.rstrip(".")
            if self._is_roman(bare):
                self.chapter = bare
            elif re.fullmatch(r"[A-Z]", bare):
                self.last_letter = bare
                if self.chapter is not None:
                    label = f"{self.chapter}.{bare}"
            else:
                self.chapter = None
            if self.annex_prefix:
                label = f"{self.annex_prefix}, {label}"
            stem = "sec-" + slug(label)
        heading = unwrap(rest) if rest else None
        lines: list[str] = []
        if heading is not None and "\n" in heading:
            heading, lines = split_heading(heading)
        top = self._open(kind, label, stem, heading, block.heading_level)
        top.lines.extend(lines)
        top.want_heading = top.want_heading and not lines
        top.notes.extend(block.notes)

    def _is_roman(self, number: str) -> bool:
        """"I." may be chapter one or the ninth lettered section: decide from what came before."""
        if not re.fullmatch(r"[IVXLC]+", number):
            return False
        if len(number) > 1:
            return True
        if number == "I":
            return self.last_letter != "H"
        expected = {"V": "IV", "X": "IX"}.get(number)
        return expected is not None and expected == self.chapter

    def pending_flush(self) -> None:
        """Option lines no numbered paragraph took: each is a paragraph of its own."""
        waiting, self.pending = self.pending, []
        for line, notes in waiting:
            add_option_paragraph(self.tops[-1], line, notes)

    def _paragraph(self, block: Block) -> bool:
        """Start a numbered paragraph if ``block`` is one; False when it is plain text."""
        if block.nested or block.verbatim:
            return False
        top = self.tops[-1] if self.tops else None
        if block.number is not None:
            written, body, number = block.number, block.text, block.number
        else:
            match = PARAGRAPH_RE.match(block.text.strip())
            if not match:
                return False
            written, number, body = match.group(1), match.group(2) + (match.group(3) or ""), match.group(4)
            if block.loose and not self._continues(top, number):
                return False
        if top is None or top.kind in (ProvisionKind.PREAMBLE, ProvisionKind.OTHER):
            if self.containers:
                return False  # numbered text before the first article stays as it is
            return self._numbered_top(block, written, number, body)
        if top.number is not None and number.split(".")[0] != top.number:
            # No articles in the draft: "1." opens a provision, "1.1" is one of its paragraphs.
            return self._numbered_top(block, written, number, body)
        label = self._paragraph_label(top, written)
        para = Para(label=label, written=written)
        if block.heading_level is not None and short_title(body):
            para.heading = unwrap(body)
        else:
            for line, notes in self._take_pending():
                para.lines.append(line)
                para.notes.extend(notes)
            para.lines.append(body)
        para.notes.extend(block.notes)
        top.paragraphs.append(para)
        return True

    def _continues(self, top: Top | None, number: str) -> bool:
        if top is None or not number.isdigit():
            return False
        last = top.paragraphs[-1].label.rstrip(".") if top.paragraphs else "0"
        return last.isdigit() and int(number) == int(last) + 1

    def _take_pending(self) -> list[tuple[str, tuple[str, ...]]]:
        lines, self.pending = self.pending, []
        return lines

    def _numbered_top(self, block: Block, written: str, number: str, body: str) -> bool:
        self.pending_flush()
        top = self.tops[-1] if self.tops else None
        label = self._lazy(top.label if top is not None and top.number is not None else None, written)
        heading = None
        lines: list[str] = []
        if block.heading_level is not None and short_title(body):
            heading = unwrap(body)
        else:
            lines.append(body)
        new = self._open(ProvisionKind.SECTION, label, "sec-" + slug(label), heading, block.heading_level)
        new.number = label.strip("[]().").split(".")[0]
        new.lines.extend(lines)
        new.notes.extend(block.notes)
        new.want_heading = False
        return True

    def _lazy(self, previous: str | None, written: str) -> str:
        """Markdown shows a list written "1.", "1.", "1." as 1, 2, 3: keep what a reader sees."""
        lazy = self.markdown and written == "1." and self._last_written == "1." and not self.pending
        self._last_written = written
        if lazy and previous is not None and previous.endswith(".") and previous[:-1].isdigit():
            return f"{int(previous[:-1]) + 1}."
        return written

    def _paragraph_label(self, top: Top, written: str) -> str:
        if not top.paragraphs:
            self._last_written = None  # a new article starts a new list
        previous = top.paragraphs[-1].label if top.paragraphs else None
        label = self._lazy(previous, written)
        # A short list is read whole (cheaper than keeping its set); a long one is kept up to date.
        taken = {p.label for p in top.paragraphs} if len(top.paragraphs) < _KEPT_FROM else self._taken_labels(top)
        if label in taken:
            option = next((line for line in reversed(top.lines + [ln for p in top.paragraphs for ln in p.lines] + [ln for ln, _ in self.pending]) if OPTION_RE.match(line.strip())), None)
            base = label
            if option is not None:
                base = f"{label} ({option_name(option)})"
            candidate, n = base, 2
            while candidate in taken:
                candidate = f"{base} ({n})"
                n += 1
            label = candidate
        return label

    def _taken_labels(self, top: Top) -> set[str]:
        """The labels of ``top``'s paragraphs, brought up to date with those added since the
        last call (a list replaced, as option blocks are regrouped, is read again whole)."""
        paragraphs = top.paragraphs
        kept = self._taken.get(id(top))
        if kept is None or kept.paragraphs is not paragraphs or kept.read > len(paragraphs):
            kept = self._taken[id(top)] = _Taken(paragraphs)
        kept.labels.update(p.label for p in paragraphs[kept.read :])
        kept.read = len(paragraphs)
        return kept.labels

    # --- output ---------------------------------------------------------------------------

    def provisions(self) -> tuple[Provision, ...]:
        self._close_top()
        markup = attach_footnotes(self.tops, [b.text for b in self.blocks if b.markup])
        if markup:
            top = self._other("Markup and link definitions", None)
            top.heading = None
            top.lines.extend(markup)
        return assemble(self.tops)


_WORDED = re.compile(r"^\[?\s*[^\W\d_]{2,}\s")  # a label that starts with a word: "Section A."
_CHAPTER_WORD = re.compile(r"^\[?\s*(?:title|chapter|part)\s", re.I)  # numbered in roman


def build_provisions(blocks: Sequence[Block], *, markdown: bool = False) -> BuildResult:
    """Classify ``blocks`` into provisions; falls back to one provision per paragraph."""
    builder = _Builder(blocks, markdown=markdown)
    builder.run()
    provisions = builder.provisions()
    warnings: list[str] = []
    structured = [p for p in provisions if p.kind not in (ProvisionKind.PREAMBLE, ProvisionKind.OTHER)]
    if not structured and blocks:
        warnings.append(
            "no articles, sections or numbered paragraphs recognised: imported one provision per paragraph"
        )
        # Paragraphs under a "Preamble" heading keep their labels: the heading's word lives there.
        provisions = tuple(
            p if builder.preamble_seen and p.kind is ProvisionKind.PREAMBLE else
            Provision(id=f"para-{i}", label=f"Paragraph {i}", text=p.text, kind=ProvisionKind.OTHER, heading=p.heading, notes=p.notes)
            for i, p in enumerate(provisions, start=1)
        )
    return BuildResult(provisions, tuple(warnings))
