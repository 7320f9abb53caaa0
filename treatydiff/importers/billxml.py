"""Read US congressional bill versions (GPO's USLM 2.x and legacy bill.dtd XML) into a round.

Both formats reduce to the same shape here: front matter (long title, recitals, enacting or
resolving clause) as preamble provisions, each top-level section as a provision whose
subsections are its paragraphs, and each appropriations paragraph as a provision of its own,
labelled by its title and account headers so a floor amendment to one account lands in that
account's provision.  :mod:`.bill_uslm` and :mod:`.bill_dtd` say which elements mean what.

The file is parsed by :mod:`.bill_parse`, with DTDs, entities and the network off.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from lxml import etree

from ..errors import DraftImportError, Location
from ..model import Provision, ProvisionKind, Round, RoundInfo
from . import ImportOptions, ImportReport, ImportResult, lost_words_warning
from .bill_parse import FIX, parse, source_line
from .bill_units import Accounts, BillDraft, Dialect, Unit
from .patterns import account_words, count_words, slug

USLM_NS = "http://schemas.gpo.gov/xml/uslm"


# Numbered units both formats share (a quoted section of the amended law is one too).
LEVELS = frozenset({
    "section", "subsection", "paragraph", "subparagraph", "clause", "subclause", "item", "subitem",
    "title", "subtitle", "part", "subpart", "chapter", "subchapter", "division",
})


def local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def children(element: etree._Element) -> Iterator[etree._Element]:
    return (child for child in element if isinstance(child.tag, str))


def text_of(element: etree._Element, sep: str = "") -> str:
    """The element's text, its descendants' included (lxml types it loosely as str | bytes)."""
    return sep.join(str(piece) for piece in element.itertext())


def squash(text: str) -> str:
    return " ".join(text.split())


def heading_text(text: str) -> str | None:
    """A heading as the bill prints it, without the run-in punctuation ("In General.—")."""
    return text.rstrip(" .—-:") or None


def render(nodes: Iterable[etree._Element], dialect: Dialect, draft: BillDraft) -> list[str]:
    """Lines of text: each numbered level opens a line with its enumerator and heading, each
    block after the first of its level opens another; inline markup stays in the line."""
    lines: list[str] = []
    current: list[str] = []
    opening = False  # a level's enumerator and heading are on the line, its text may follow

    def close() -> None:
        text = squash("".join(current))
        current.clear()
        if text:
            lines.append(text)

    def walk(element: etree._Element) -> None:
        nonlocal opening
        name = local(element)
        if name in dialect.furniture:
            draft.skipped[f"{name} elements (layout, no text)"] += 1
        if name in dialect.levels:
            close()
            opening = True
        elif name in dialect.blocks:
            if not opening:
                close()
            opening = False
        spaced = name in dialect.levels or name in dialect.blocks or name in dialect.num or name in dialect.heading
        current.append(" " if spaced else "")
        current.append(element.text or "")
        for child in children(element):
            walk(child)
        if name in dialect.levels or name in dialect.blocks:
            close()
            opening = False
        current.append(" " if spaced else "")
        current.append(element.tail or "")

    for node in nodes:
        walk(node)
        current.pop()  # the tail after a unit's last node is whitespace between siblings
        # What was read, taken from the XML itself and not from the lines made of it, so the
        # word account checks this renderer too.
        draft.source.append(text_of(node, " "))
    close()
    return lines


def enumerator(element: etree._Element, dialect: Dialect, draft: BillDraft) -> str | None:
    found = next((c for c in children(element) if local(c) in dialect.num), None)
    if found is None:
        return None
    draft.source.append(text_of(found, " "))
    return squash(text_of(found)) or None


def own_heading(element: etree._Element, dialect: Dialect, draft: BillDraft) -> str | None:
    found = next((c for c in children(element) if local(c) in dialect.heading), None)
    if found is None:
        return None
    draft.source.append(text_of(found, " "))
    return heading_text(squash(text_of(found)))


def section_unit(element: etree._Element, label: str, dialect: Dialect, draft: BillDraft) -> Unit:
    """A section: its text before the first subsection is its own, each subsection (or
    paragraph, when it has none) is one of its paragraphs with deeper levels as lines."""
    unit = Unit(label=label, heading=own_heading(element, dialect, draft))
    for child in _parts(element, dialect):
        name = local(child)
        if name in dialect.num or name in dialect.heading:
            continue
        if name in dialect.levels:
            number = enumerator(child, dialect, draft)
            para = Unit(label=number or f"para {len(unit.paragraphs) + 1}", kind=ProvisionKind.PARAGRAPH)
            para.heading = own_heading(child, dialect, draft)
            body = [c for c in children(child) if local(c) not in dialect.num | dialect.heading]
            para.lines = render(body, dialect, draft)
            unit.paragraphs.append(para)
        elif unit.paragraphs:
            unit.paragraphs[-1].lines.extend(render([child], dialect, draft))
        else:
            unit.lines.extend(render([child], dialect, draft))
    return unit


def _parts(element: etree._Element, dialect: Dialect) -> Iterator[etree._Element]:
    """A section's children, with a block that only wraps its levels opened: some versions
    put "Congress finds the following: (1) … (2) …" inside one <content> where others give
    a chapeau and paragraphs; both are the same section of paragraphs.  A block with text of
    its own outside its children stays whole, so no word is lost."""
    for child in children(element):
        inner = list(children(child))
        wraps = local(child) in dialect.blocks and any(local(c) in dialect.levels for c in inner) \
            and not (child.text or "").strip() and not any((c.tail or "").strip() for c in inner)
        if wraps:
            yield from inner
        else:
            yield child


def section_label(number: str | None, prefix: str | None, count: int) -> str:
    """"SEC. 2." → "Sec. 2", "SECTION 1." → "Section 1", as the bill cites itself; a bare
    bill.dtd number ("2.") is printed "SEC. 2." by GPO's stylesheet ("SECTION 1." for the
    first).  An unnumbered section is numbered by its place in its title."""
    if not number:
        return f"{prefix}, unnumbered section {count}" if prefix else f"Unnumbered section {count}"
    core = number.strip().rstrip(".").strip()
    match = re.match(r"^(SECTION|SEC\.?|Section|Sec\.?)\s*(.+)$", core)
    if match:
        word = "Section" if match.group(1).upper() == "SECTION" else "Sec."
        return f"{word} {match.group(2)}"
    return f"Section {core}" if core == "1" else f"Sec. {core}"


def appropriation(element: etree._Element, level: int, accounts: Accounts, dialect: Dialect, draft: BillDraft) -> None:
    """An appropriations header; with text, a provision of its own under the header path."""
    accounts.enter(level, own_heading(element, dialect, draft))
    body = [c for c in children(element) if local(c) not in dialect.num | dialect.heading]
    lines = render(body, dialect, draft)
    if lines:
        accounts.add(lines)


def body_units(
    container: etree._Element,
    dialect: Dialect,
    draft: BillDraft,
    level_of: Callable[[etree._Element], int | None],
    prefix: str | None = None,
    division: str | None = None,
) -> None:
    """Sections, titles (and their subdivisions) and appropriations paragraphs, in order.

    An omnibus bill numbers titles and sections afresh in each division, so there they are
    cited with it ("Division B, Sec. 101")."""
    accounts = Accounts(prefix or "General", draft)
    unnumbered = 0
    for child in children(container):
        name = local(child)
        level = level_of(child)
        if level is not None:
            appropriation(child, level, accounts, dialect, draft)
        elif name in dialect.num or name in dialect.heading:
            continue
        elif name == "section":
            accounts.flush()
            number = enumerator(child, dialect, draft)
            unnumbered += 1 if number is None else 0
            label = section_label(number, prefix, unnumbered)
            label = f"{division}, {label}" if division and number else label
            draft.units.append(section_unit(child, label, dialect, draft))
        elif name in ("title", "subtitle", "division", "part", "chapter", "subchapter"):
            accounts.flush()
            number = enumerator(child, dialect, draft) or ""
            label = squash(number).rstrip(".")
            if not label.lower().startswith(name):
                label = f"{name.capitalize()} {label}".strip()
            word, _, rest = label.partition(" ")
            label = f"{word.capitalize()} {rest}".strip()  # "TITLE I" → "Title I"
            if name == "title":
                label = f"{division}, {label}" if division else label
            elif prefix:
                label = f"{prefix}, {label}"
            heading = own_heading(child, dialect, draft)
            # A bill.dtd title is a bare "I" with account headers below: nothing to keep.  A
            # USLM "TITLE I" keeps its place, with its heading when it has one.
            if heading or not re.fullmatch(r"[\dIVXLCDM]+\.?", squash(number)):
                draft.units.append(Unit(label=label, heading=heading))
            body_units(child, dialect, draft, level_of, label, label if name == "division" else division)
        else:
            accounts.flush()
            lines = render([child], dialect, draft)
            if lines:
                draft.units.append(Unit(label=f"{prefix or 'Body'}, text", lines=lines))
    accounts.flush()


def count_skipped(draft: BillDraft, what: str, elements: Iterable[etree._Element]) -> None:
    words = sum(count_words(text_of(e, " ")) for e in elements)
    draft.skipped_words += words
    if words:
        draft.skipped[f"{what} ({words} words): not bill text"] += 1


# --- assembly ---------------------------------------------------------------------------------


def _assemble(units: list[Unit]) -> tuple[Provision, ...]:
    used_ids: set[str] = set()
    used_labels: set[str] = set()

    def unique(stem: str, used: set[str], sep: str) -> str:
        candidate, n = stem, 2
        while candidate in used:
            candidate = f"{stem}{sep}{n}" if sep == "-" else f"{stem} ({n})"
            n += 1
        used.add(candidate)
        return candidate

    out: list[Provision] = []
    for unit in units:
        pid = unique(slug(unit.label), used_ids, "-")
        label = unique(unit.label, used_labels, " ")
        paragraphs: list[Provision] = []
        para_labels: set[str] = set()
        for para in unit.paragraphs:
            para_label = unique(para.label, para_labels, " ")
            paragraphs.append(Provision(
                id=unique(f"{pid}-p{slug(para_label)}", used_ids, "-"), label=para_label, text="\n".join(para.lines),
                kind=ProvisionKind.PARAGRAPH, heading=para.heading,
            ))
        out.append(Provision(id=pid, label=label, text="\n".join(unit.lines), kind=unit.kind, heading=unit.heading,
                             paragraphs=tuple(paragraphs)))
    return tuple(out)


def import_bill_xml(path: Path, options: ImportOptions) -> ImportResult:
    """Import one bill version (``.xml``) in USLM or bill.dtd form."""
    root = parse(path)
    name = local(root)
    total = count_words(text_of(root, " "))  # before the readers move anything
    if root.tag in (f"{{{USLM_NS}}}bill", f"{{{USLM_NS}}}resolution"):
        from .bill_uslm import read_uslm

        draft = read_uslm(root)
    elif name in ("bill", "resolution") and not etree.QName(root).namespace:
        from .bill_dtd import read_dtd

        draft = read_dtd(root)
    else:
        raise DraftImportError(
            f"is XML but not a US bill version (root element <{name}>)", location=Location(path, line=source_line(root)),
            fix=f"{FIX}; convert other XML drafts to .docx or .md first",
        )
    if not any(u.kind is not ProvisionKind.PREAMBLE and (u.lines or u.paragraphs) for u in draft.units):
        raise DraftImportError(
            "holds no bill text (no section or appropriations paragraph in its body)", location=Location(path),
            fix="check that this is the bill version you meant, with its text",
        )
    provisions = _assemble(draft.units)
    words = account_words(draft.source, provisions)
    unread = total - words.read - draft.skipped_words
    warnings = lost_words_warning(words.missing)
    if unread:
        warnings += (f"{unread} words of the XML were neither imported nor reported skipped: please report this with the bill",)
    info = RoundInfo(
        label=options.label or path.stem, party=options.party, date=options.date or draft.date,
        title=draft.title, source=path.name, derived_ids=True,
    )
    report = ImportReport(
        paragraphs=len(draft.source), words_in=words.read, words_out=words.written,
        skipped=tuple(sorted(draft.skipped.items())), warnings=warnings,
    )
    return ImportResult(round=Round(info=info, provisions=provisions, name=path.stem, path=str(path)), report=report)
