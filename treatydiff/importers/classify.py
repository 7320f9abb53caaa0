"""What a block opens, read from the block alone: a preamble, an article, a section, an annex.

The structure builder asks this once per block (it looks back over the whole draft to decide
whether numbered paragraphs belong to articles), so nothing here depends on what came before.
"""

from __future__ import annotations

from ..model import ProvisionKind
from .blocks import Block
from .patterns import (
    ANNEX_RE,
    APPLY_RE,
    ARTICLE_RE,
    LETTERED_RE,
    PREAMBLE_RE,
    SECTION_RE,
    UNDERLINE_RE,
    count_words,
    short_title,
    unwrap,
)

Opening = tuple[ProvisionKind, str, str, str]  # kind, label as written, number, rest


def is_preamble(block: Block) -> bool:
    return not block.verbatim and bool(PREAMBLE_RE.match(unwrap(block.text)))


def container_of(block: Block) -> Opening | None:
    """(kind, label as written, number, rest) when the block opens an article/section/annex."""
    if block.verbatim or block.markup:
        return None
    core = unwrap(block.text)
    if "\n" in core:  # an underline is a line of its own
        core = UNDERLINE_RE.sub("", core)
    if block.nested and "\n" in core:
        return None  # an indented single line may still be a centred "Article 3" heading
    structural = block.heading_level is not None
    if APPLY_RE.match(core) and count_words(core) <= 12:
        return (ProvisionKind.OTHER, "", "", core)
    if block.number is not None and block.heading_level is not None:
        # Word heading numbered automatically: "I.", "A." live in numbering.xml.
        return (ProvisionKind.SECTION, block.number.strip(), block.number.strip(), core)
    if block.number is not None and not ARTICLE_RE.match(block.number):
        # An automatically numbered paragraph ("1.1" in numbering.xml) whose text reads
        # "Article 2" is a numbered paragraph: its number is its label and must not be lost.
        return None
    for kind, regex in ((ProvisionKind.ARTICLE, ARTICLE_RE), (ProvisionKind.ANNEX, ANNEX_RE), (ProvisionKind.SECTION, SECTION_RE)):
        match = regex.match(core)
        if match:
            rest = match.group(3).strip()
            # An annex written in capitals ("APPENDIX: How to apply ....") is a heading.
            capitals = kind == ProvisionKind.ANNEX and match.group(1).strip("[] ").split()[0].isupper()
            if structural or not rest or (short_title(rest) and (capitals or not rest.endswith((".", ";", ",")))):
                # "Article<w:br/>71." is "Article 71": a line break is no part of a label.
                return (kind, " ".join(match.group(1).split()), match.group(2) or "", rest)
            return None
    if structural and not block.nested:
        match = LETTERED_RE.match(core)
        if match and count_words(match.group(3)) <= 40:
            return (ProvisionKind.SECTION, match.group(1).strip(), match.group(2), match.group(3).strip())
    return None


def split_heading(rest: str) -> tuple[str | None, list[str]]:
    """A heading paragraph broken by line breaks: title lines, then the provision's text.

    "Article 70.<w:br/>Confidentiality<w:br/>National authorities shall …": the title runs while
    lines read as one (short, no closing punctuation); the first line that reads as a
    sentence starts the text, so the article is not left empty with its text in the heading.
    """
    lines = [line.strip() for line in rest.split("\n") if line.strip()]
    title: list[str] = []
    for n, line in enumerate(lines):
        if not short_title(line) or line.endswith((".", ";", ":", ",")):
            return " ".join(title) or None, lines[n:]
        title.append(line)
    return " ".join(title) or None, []
