"""Unnumbered "Option N" blocks in an article or section (UN and Council drafts).

An option line right above a numbered paragraph opens that paragraph (the structure builder
keeps it waiting until then).  Otherwise an option is never glued onto the paragraph before
it: followed by unnumbered text it is a paragraph of its own, labelled with its article
("Article 3, Option 2" — options restart in every article) and holding that text up to the
next option or numbered paragraph; closing an article after its numbered paragraphs (UN
drafts' "Option 3: {No text required}"), it is an alternative to the article's text and
becomes a provision of its own right after it.  The option's marker stays in its text.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import ProvisionKind
from .blocks import Para, Top
from .patterns import OPTION_START, slug, unwrap


def option_name(line: str) -> str:
    """"Option 2" of "**Option 2:**", "[Option 2: {no text required}]"."""
    match = OPTION_START.match(line.strip())
    return match.group(1) if match else unwrap(line.strip()).strip("[]*_: ")


def add_option_paragraph(top: Top, line: str, notes: Sequence[str] = ()) -> None:
    """Append an option block to ``top`` as a paragraph of its own."""
    name = option_name(line)
    taken = {p.label for p in top.paragraphs}
    base = label = f"{top.label}, {name}"
    n = 2
    while label in taken:
        label = f"{base} ({n})"
        n += 1
    para = Para(label=label, written=name, id_stem=slug(label[len(top.label) :]), option=True)
    para.lines.append(line)
    para.notes.extend(notes)
    top.paragraphs.append(para)


def detach_closing_options(top: Top) -> list[Top]:
    """Take the option blocks after ``top``'s last numbered paragraph out of it: the provisions
    of their own that follow it.  An article made only of options keeps them as paragraphs."""
    numbered = [i for i, p in enumerate(top.paragraphs) if not p.option]
    if not numbered:
        return []
    closing, top.paragraphs = top.paragraphs[numbered[-1] + 1 :], top.paragraphs[: numbered[-1] + 1]
    out = []
    for para in closing:
        alone = Top(ProvisionKind.OTHER, para.label, f"{top.id_stem}-{para.id_stem}", None, top.level)
        alone.lines.extend(para.lines)
        alone.notes.extend(para.notes)
        out.append(alone)
    return out
