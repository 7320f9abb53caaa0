"""What the structure builder reads and makes: source blocks in, provisions being assembled,
and their final form (unique ids and labels, footnotes attached to the provision citing them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..frozen import fast_init
from ..model import Provision, ProvisionKind
from .patterns import slug


@fast_init
@dataclass(frozen=True)
class Block:
    """One paragraph of the source, before classification."""

    text: str  # as written, numbering included when it is typed in the text
    heading_level: int | None = None  # Markdown '#' count or Word outline level (1 = top)
    nested: bool = False  # indented or a deep list level: stays inside its paragraph's text
    # Slightly indented (1-3 spaces in Markdown): a paragraph only if it continues the numbering.
    loose: bool = False
    number: str | None = None  # label computed from Word numbering or an outline (not in ``text``)
    number_level: int = 0  # Word list level of ``number`` (0 = top)
    notes: tuple[str, ...] = ()  # footnotes/endnotes anchored in this block
    verbatim: bool = False  # a table row or similar: never structure
    markup: bool = False  # link definitions, kramdown attributes, HTML comments
    indent: int = 0  # columns a plain-text block is indented by (tabs as 4): depth in an outline


@dataclass(frozen=True)
class BuildResult:
    provisions: tuple[Provision, ...]
    warnings: tuple[str, ...] = ()


class Top:
    """A top-level provision being assembled."""

    def __init__(self, kind: ProvisionKind, label: str, id_stem: str, heading: str | None, level: int | None) -> None:
        self.kind = kind
        self.label = label
        self.id_stem = id_stem
        self.heading = heading
        self.level = level  # heading level that opened it, for closing on a sibling heading
        self.lines: list[str] = []
        self.notes: list[str] = []
        self.paragraphs: list[Para] = []
        self.want_heading = kind in (ProvisionKind.ARTICLE, ProvisionKind.ANNEX, ProvisionKind.SECTION) and not heading
        self.option: str | None = None
        self.number: str | None = None  # for numbered top-levels ("1."): owner of "1.1"


@dataclass
class Para:
    label: str
    written: str
    lines: list[str] = field(default_factory=list)
    heading: str | None = None
    notes: list[str] = field(default_factory=list)
    id_stem: str | None = None  # id after the provision's ("option-2"); default "p" + the label
    option: bool = False  # an unnumbered "Option N" block, not a numbered paragraph


def attach_footnotes(tops: list[Top], markup: list[str]) -> list[str]:
    """Markdown ``[^1]: text`` definitions join the notes of the provision citing them; the
    markup lines left over are returned."""
    if not markup:
        return []
    holders = _holders(tops)
    left: list[str] = []
    for line in markup:
        match = _FOOTNOTE_DEF.match(line)
        marker = f"[^{match.group(1)}]" if match else None
        holder = next((notes for text, notes in holders if marker and marker in text), None)
        if match is None or holder is None:
            left.append(line)
        else:
            holder.append(f"{marker} {match.group(2)}")
    return left


def assemble(tops: list[Top]) -> tuple[Provision, ...]:
    """The provisions built, with unique ids and labels."""
    used: set[str] = set()
    labels: set[str] = set()
    out: list[Provision] = []
    for top in tops:
        pid = _unique(top.id_stem, used)
        label = top.label
        n = 2
        while label in labels:
            label = f"{top.label} ({n})"
            n += 1
        labels.add(label)
        paragraphs = []
        for para in top.paragraphs:
            para_id = _unique(f"{pid}-{para.id_stem or 'p' + slug(para.label)}", used)
            paragraphs.append(
                Provision(
                    id=para_id,
                    label=para.label,
                    text="\n".join(para.lines),
                    kind=ProvisionKind.PARAGRAPH,
                    heading=para.heading,
                    notes="\n".join(para.notes) or None,
                )
            )
        text = "\n".join(top.lines)
        heading = top.heading
        if not text and not paragraphs and not heading:
            # An empty article keeps its place ("Article 17" with no text); its label
            # becomes its heading, so those words count as text, not numbering.
            heading = label
        out.append(
            Provision(
                id=pid,
                label=label,
                text=text,
                kind=top.kind,
                heading=heading,
                paragraphs=tuple(paragraphs),
                notes="\n".join(top.notes) or None,
            )
        )
    return tuple(out)


_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]]+)\]:\s*(.*)$", re.S)


def _holders(tops: list[Top]) -> list[tuple[str, list[str]]]:
    """(text, notes list) of every provision being built, in document order."""
    out: list[tuple[str, list[str]]] = []
    for top in tops:
        out.append(("\n".join(top.lines) + "\n" + (top.heading or ""), top.notes))
        out.extend(("\n".join(p.lines) + "\n" + (p.heading or ""), p.notes) for p in top.paragraphs)
    return out


def _unique(stem: str, used: set[str]) -> str:
    candidate, n = stem, 2
    while candidate in used:
        candidate = f"{stem}-{n}"
        n += 1
    used.add(candidate)
    return candidate
