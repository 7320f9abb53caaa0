"""Read Markdown and plain-text drafts: lines → blocks → provisions.

Only presentation is removed: the ``#`` of a Markdown heading, the indentation of a line, a YAML
front-matter block (reported as skipped).  Every other character of a line is kept, emphasis
and brackets included; numbering that becomes a label is the only text that leaves a line.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..formats.textio import read_text
from ..model import Round, RoundInfo
from . import ImportOptions, ImportReport, ImportResult, lost_words_warning
from .outline import read_outline
from .patterns import account_words, article_line, heading_line
from .structure import Block, build_provisions

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_MARKUP = re.compile(r"^\s{0,3}(?:\[[^\]]+\]:\s*\S+.*|\{:.*\}|<!--.*-->)\s*$")
_ITEM = re.compile(
    r"^\s*(?:[-*+]\s+|\[?-?\d+(?:\.\d+)*(?:bis|ter|quater|quinquies|sexies|[a-z])?[.)]\s+"
    r"|\(?[a-z]{1,2}\)\s+|\([ivxlc]+\)\s+|\[?\s*(?:Option|OPTION)\s+\w+)"
)
_TABLE = re.compile(r"^\s*\|")
# A box drawn round text: a frame line, lines between side characters, a frame line.
_FRAME = re.compile(r"^\s*[*#=\-─━═┌┐└┘╔╗╚╝+]{8,}\s*$")
_SIDES = "*#|│┃║"


def _framed(line: str, side: str | None) -> str | None:
    """The side character of a line inside a box ("*  text  *"), if it is one."""
    text = line.strip()
    if len(text) < 2 or text[0] != text[-1] or text[0] not in _SIDES or text[0] in text[1:-1]:
        return None  # a table row ("| a | b |") has its side character inside too
    return text[0] if side in (None, text[0]) else None


def unbox(lines: list[str]) -> list[str]:
    """Remove the frame of boxed text (licences box their disclaimers): frame lines become
    blank lines, framed lines their text, dedented.  Frames hold no words."""
    out = list(lines)
    i = 0
    while i < len(lines):
        side, j = None, i + 1
        if _FRAME.match(lines[i]):
            while j < len(lines) and (found := _framed(lines[j], side)) is not None:
                side, j = found, j + 1
        if side is None or j == len(lines) or not _FRAME.match(lines[j]):
            i += 1
            continue
        inner = [line.strip()[1:-1].rstrip() for line in lines[i + 1 : j]]
        indent = min((len(t) - len(t.lstrip()) for t in inner if t.strip()), default=0)
        out[i] = out[j] = ""
        out[i + 1 : j] = [t[indent:] for t in inner]
        i = j + 1
    return out


def _front_matter(lines: list[str]) -> tuple[int, str | None]:
    """Length in lines of a leading YAML ``---`` block, and its title."""
    if not lines or lines[0].strip() != "---":
        return 0, None
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            title = None
            for line in lines[1:end]:
                if line.startswith("title:"):
                    title = line.split(":", 1)[1].strip().strip("'\"") or None
            return end + 1, title
    return 0, None


def split_blocks(lines: list[str], *, markdown: bool) -> list[Block]:
    """Group lines into blocks: a blank line ends one, a heading or list item starts one."""
    nested_indent = 4
    blocks: list[Block] = []
    current: list[str] = []
    current_nested = 0

    after_article = False  # the current block is a bare "Article N" line: a heading may follow

    def close() -> None:
        nonlocal current, after_article
        after_article = False
        if current:
            blocks.append(
                Block(
                    text="\n".join(current),
                    nested=current_nested >= nested_indent,
                    loose=0 < current_nested < nested_indent,
                    indent=current_nested,
                )
            )
            current = []

    for index, raw in enumerate(lines):
        line = raw.rstrip()
        if not line:
            close()
            continue
        first = line[0]
        if first.isspace():
            expanded = line.expandtabs(4)
            indent = len(expanded) - len(expanded.lstrip())
            stripped = line.lstrip()
        else:  # most lines: no copies of a long line to learn that it is not indented
            indent, stripped = 0, line
        # The patterns below are tried only on a line whose first character they allow (an
        # unindented line must open with their mark): most lines are text and skip all three.
        if markdown and (indent or first in "[{<") and _MARKUP.match(line):
            close()
            blocks.append(Block(text=stripped, markup=True))
            continue
        heading = _HEADING.match(line) if markdown and first == "#" else None
        if heading:
            close()
            blocks.append(Block(text=heading.group(2), heading_level=len(heading.group(1))))
            continue
        if (indent or first == "|") and _TABLE.match(line):
            close()
            blocks.append(Block(text=stripped, verbatim=True))
            continue
        # Every "Article N" line opens a block, blank line before it or not; plain text may
        # centre it (Markdown would make an indented line a list item's text).
        rest = article_line(stripped) if indent < nested_indent or not markdown else None
        if rest is not None:
            close()
            current, current_nested = [stripped], indent
            if rest or indent >= nested_indent:
                close()  # its heading is on the line (or it is centred): the next line is text
            after_article = bool(current)
            continue
        if after_article:
            following = lines[index + 1] if index + 1 < len(lines) else None
            heading_after = not _ITEM.match(line) and heading_line(stripped, following)
            if heading_after:
                current.append(stripped)
            close()
            if heading_after:
                continue
        if _ITEM.match(line) or not current:
            close()
            current = [stripped]
            current_nested = indent
            continue
        current.append(stripped)
    close()
    return blocks


def import_plaintext(path: Path, options: ImportOptions) -> ImportResult:
    """Import a ``.md`` or ``.txt`` draft."""
    text = read_text(path)
    markdown = path.suffix.lower() in (".md", ".markdown")
    lines = text.split("\n")
    skip, title = _front_matter(lines) if markdown else (0, None)
    body = lines[skip:]
    blocks = split_blocks(body if markdown else unbox(body), markdown=markdown)
    built = build_provisions(read_outline(blocks), markdown=markdown)
    skipped: tuple[tuple[str, int], ...] = ()
    if skip:
        skipped = (("YAML front matter (site metadata, not draft text; title kept as the round title)", 1),)
    words = account_words(body, built.provisions)
    info = RoundInfo(
        label=options.label or path.stem,
        party=options.party,
        date=options.date,
        title=title,
        source=path.name,
        derived_ids=True,
    )
    round_ = Round(info=info, provisions=built.provisions, name=path.stem, path=str(path))
    report = ImportReport(
        paragraphs=sum(1 for b in blocks if not b.markup),
        words_in=words.read,
        words_out=words.written,
        skipped=skipped,
        warnings=(*built.warnings, *lost_words_warning(words.missing)),
    )
    return ImportResult(round=round_, report=report)
