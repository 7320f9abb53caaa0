"""Unnumbered "Option N" blocks in an article or section (UN, Council and Paris drafts).

A bare option line ("Option 2", "**Option 2:**") right above a numbered paragraph opens that
paragraph.  Any other option — one with text of its own ("Option 2: {no changes unless
agreed}") or followed by unnumbered text — is never glued onto the paragraph before it: between
numbered paragraphs it is a paragraph of its own, labelled with its article ("Article 3,
Option 2": options restart in every article) and holding the unnumbered text after it up to
the next option or numbered paragraph; before the first numbered paragraph it is part of the
article's own text; after the last one (UN drafts' "Option 3: {No text required}" closing a
section) it is an alternative to the article's text, a provision of its own right after it.
The option's marker stays in its text.
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
    """Append an option block to ``top`` as a paragraph (labelled by :func:`settle_options`)."""
    name = option_name(line)
    para = Para(label=f"{top.label}, {name}", written=name, option=True)
    para.lines.append(line)
    para.notes.extend(notes)
    top.paragraphs.append(para)


def _label(top: Top, options: Sequence[Para]) -> None:
    """"Article 3, Option 2"; a name used twice in an article gets "(2)"."""
    taken: set[str] = set()
    for para in options:
        base = label = f"{top.label}, {para.written}"
        n = 2
        while label in taken:
            label = f"{base} ({n})"
            n += 1
        taken.add(label)
        para.label, para.id_stem = label, slug(label[len(top.label) :])


def settle_options(top: Top) -> list[Top]:
    """Place ``top``'s option blocks once it is complete.  Those before its first numbered
    paragraph introduce it: they join its own text, in order.  Those after its last one are
    alternatives to its text: they are taken out and returned, the provisions of their own that
    follow it.  An article made only of options keeps them as its paragraphs."""
    numbered = [i for i, p in enumerate(top.paragraphs) if not p.option]
    if not numbered:
        _label(top, top.paragraphs)
        return []
    first, last = numbered[0], numbered[-1]
    for para in top.paragraphs[:first]:
        top.lines.extend(para.lines)
        top.notes.extend(para.notes)
    closing, top.paragraphs = top.paragraphs[last + 1 :], top.paragraphs[first : last + 1]
    _label(top, [p for p in top.paragraphs + closing if p.option])
    out = []
    for para in closing:
        alone = Top(ProvisionKind.OTHER, para.label, f"{top.id_stem}-{para.id_stem}", None, top.level)
        alone.lines.extend(para.lines)
        alone.notes.extend(para.notes)
        out.append(alone)
    return out
