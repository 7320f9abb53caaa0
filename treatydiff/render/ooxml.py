"""The one module that knows WordprocessingML: tracked changes, comments, a deterministic package.

python-docx has no API for revisions, so ``w:ins``/``w:del``/``w:moveFrom``/``w:moveTo`` and
the comment anchors are written here as WordprocessingML, parsed once with lxml and placed in
the tree of python-docx's default document (its styles, parts and relationships).  Callers describe the
document with the plain dataclasses below (:class:`Para`, :class:`Run`, :class:`Table`, …) and
get bytes back; nothing else in treatydiff needs to understand OOXML.

Rules kept here so every caller gets them for free:

* one counter for every revision id (``w:ins``/``w:del``/moves, paragraph-mark revisions and
  move ranges), so ids are unique in the part; comments are numbered 0…n-1 in the comments part
  that python-docx creates with its relationship and content type;
* every ``w:t``/``w:delText`` carries ``xml:space="preserve"``; deleted text is ``w:delText``;
* a deleted or inserted paragraph mark is recorded in ``w:pPr/w:rPr`` so accepting or
  rejecting joins paragraphs instead of leaving empty ones; :func:`separate_insertions` keeps
  LibreOffice from joining paragraphs whose mark is in both rounds;
* the body is appended in linear time (python-docx's ``add_paragraph`` is quadratic);
* the zip is byte-identical for the same input: fixed member order and timestamps, pinned
  core properties, no wall clock anywhere.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from lxml import etree

from .ooxml_package import W as _W
from .ooxml_package import add_comment, clean_text, core_property, deterministic_zip, iso_datetime
from .ooxml_tables import add_table

if TYPE_CHECKING:
    import docx.document


class Change(StrEnum):
    """How a run or paragraph mark differs between the two rounds."""

    NONE = "none"
    INSERT = "insert"
    DELETE = "delete"
    MOVE_FROM = "move-from"  # text that left this place (old side of a moved provision)
    MOVE_TO = "move-to"  # text that arrived here (new side of a moved provision)

    @property
    def in_old(self) -> bool:
        return self in (Change.NONE, Change.DELETE, Change.MOVE_FROM)

    @property
    def in_new(self) -> bool:
        return self in (Change.NONE, Change.INSERT, Change.MOVE_TO)


@dataclass(frozen=True)
class Run:
    text: str  # may contain "\t"; never "\n" (a new line is a new Para)
    change: Change = Change.NONE
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class CommentStart:
    comment: int  # index into DocumentSpec.comments


@dataclass(frozen=True)
class CommentEnd:
    comment: int
    change: Change = Change.NONE  # the reference mark travels with the text it follows


@dataclass(frozen=True)
class MoveRangeStart:
    name: str  # pairs a move-from range with its move-to range
    change: Change  # MOVE_FROM or MOVE_TO


@dataclass(frozen=True)
class MoveRangeEnd:
    name: str
    change: Change


Item = Run | CommentStart | CommentEnd | MoveRangeStart | MoveRangeEnd


@dataclass
class Para:
    """One paragraph; ``mark`` is the revision of its paragraph mark."""

    items: list[Item] = field(default_factory=list)
    style: str = "Normal"  # a style *name* of python-docx's default template
    mark: Change = Change.NONE
    indent_twips: int = 0
    hanging_twips: int = 0
    keep_next: bool = False


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]  # first row is the header
    style: str = "Light Grid Accent 1"


@dataclass(frozen=True)
class Comment:
    text: str  # paragraphs separated by "\n"
    author: str = "treatydiff"
    initials: str = "TD"


@dataclass(frozen=True)
class Revisions:
    """Who made the tracked changes, and when (ISO 8601 ``YYYY-MM-DDT00:00:00Z`` or None)."""

    author: str
    date: str | None = None
    static: bool = False  # coloured runs instead of revisions, for readers without them


@dataclass(frozen=True)
class CoreProperties:
    """docProps/core.xml; each text is cut to :data:`CORE_PROPERTY_LIMIT` when written."""

    title: str
    author: str
    date: str | None  # ISO date YYYY-MM-DD, pinned as created/modified
    subject: str = ""
    keywords: str = ""


@dataclass
class DocumentSpec:
    """A whole redline: an untracked first section, then the tracked body."""

    front: list[Para | Table]
    body: list[Para]
    comments: list[Comment]
    revisions: Revisions
    properties: CoreProperties


# Static variant: what each change looks like without revisions (w:rPr children, schema order).
_STATIC_FORMAT = {
    Change.INSERT: '<w:color w:val="1F4E9A"/><w:u w:val="single"/>',
    Change.DELETE: '<w:strike/><w:color w:val="C00000"/>',
    Change.MOVE_FROM: '<w:dstrike/><w:color w:val="2E7D32"/>',
    Change.MOVE_TO: '<w:color w:val="2E7D32"/><w:u w:val="double"/>',
}
_WRAPPER = {Change.INSERT: "ins", Change.DELETE: "del", Change.MOVE_FROM: "moveFrom", Change.MOVE_TO: "moveTo"}
_NAMESPACE = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _edge_change(items: Sequence[Item], last: bool) -> Change | None:
    """The change of a paragraph's first (or last) character; None when it has no text."""
    runs = [item for item in items if isinstance(item, Run) and item.text]
    if not runs:
        return None
    return runs[-1 if last else 0].change


def separate_insertions(body: Sequence[Para]) -> list[Para]:
    """``body`` with no untracked paragraph mark between two insertions.

    LibreOffice joins insertions of one author that touch across a paragraph end (an insertion
    ending one paragraph, another starting the next) into one change, paragraph end included,
    although that mark is in both rounds: "Reject All" then joins the two paragraphs
    ("apply.Article 2").  Such a mark is written instead as an inserted mark followed by an
    empty paragraph whose mark is deleted: the same text for Word and LibreOffice either way
    (accepting keeps the first mark and drops the second; rejecting does the opposite), and
    the deleted mark keeps the reader apart from the next insertion.  The empty paragraph takes
    the first one's look, which the rejected text then keeps.  Deletions are not joined so.
    """
    out: list[Para] = []
    for n, para in enumerate(body):
        following = body[n + 1] if n + 1 < len(body) else None
        if (
            following is not None
            and para.mark is Change.NONE
            and _edge_change(para.items, last=True) is Change.INSERT
            and _edge_change(following.items, last=False) is Change.INSERT
        ):
            out.append(replace(para, mark=Change.INSERT))
            out.append(replace(para, items=[], mark=Change.DELETE))
        else:
            out.append(para)
    return out


def _escape(text: str) -> str:
    return clean_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class _Writer:
    """Writes paragraphs as WordprocessingML text; owns the revision-id counter.

    Markup is built as strings and parsed once: creating lxml elements one by one on
    python-docx's tree is several times slower, and the body is most of the document.
    """

    def __init__(self, revisions: Revisions, style_ids: dict[str, str], comment_ids: Sequence[int]) -> None:
        self.revisions = revisions
        self.style_ids = style_ids
        self.comment_ids = comment_ids
        # Word reads comment, revision and move-range ids as one set: a shared id is "unreadable content".
        self.next_id = max(comment_ids, default=0) + 1
        self._open_ranges: dict[tuple[str, Change], int] = {}
        self._who = f' w:author="{_escape(revisions.author)}"'
        if revisions.date:
            self._who += f' w:date="{_escape(revisions.date)}"'
        self.out: list[str] = []

    def elements(self) -> list[etree._Element]:
        """Everything written so far, parsed, in order; the writer is emptied."""
        root = etree.fromstring(f"<w:body {_NAMESPACE}>{''.join(self.out)}</w:body>")
        self.out = []
        return list(root)

    def _revision(self, tag: str, close: bool = False) -> str:
        number = self.next_id
        self.next_id += 1
        return f'<w:{tag} w:id="{number}"{self._who}{"/" if close else ""}>'

    def paragraph(self, para: Para) -> None:
        out = self.out
        out.append("<w:p><w:pPr>")
        style_id = self.style_ids.get(para.style)
        if style_id:
            out.append(f'<w:pStyle w:val="{style_id}"/>')
        if para.keep_next:
            out.append("<w:keepNext/>")
        if para.indent_twips or para.hanging_twips:
            hanging = f' w:hanging="{para.hanging_twips}"' if para.hanging_twips else ""
            out.append(f'<w:ind w:left="{para.indent_twips}"{hanging}/>')
        if para.mark is not Change.NONE and not self.revisions.static:
            out.append(f"<w:rPr>{self._revision(_WRAPPER[para.mark], close=True)}</w:rPr>")
        out.append("</w:pPr>")
        self._items(para.items)
        out.append("</w:p>")

    def _items(self, items: Iterable[Item]) -> None:
        out = self.out
        static = self.revisions.static
        open_change = Change.NONE  # the revision wrapper currently open, if any

        def close_wrapper() -> None:
            nonlocal open_change
            if open_change is not Change.NONE:
                out.append(f"</w:{_WRAPPER[open_change]}>")
                open_change = Change.NONE

        for item in items:
            if isinstance(item, Run | CommentEnd):
                if isinstance(item, CommentEnd):
                    close_wrapper()
                    out.append(f'<w:commentRangeEnd w:id="{self.comment_ids[item.comment]}"/>')
                change = Change.NONE if static else item.change
                if change is not open_change:
                    close_wrapper()
                    if change is not Change.NONE:
                        out.append(self._revision(_WRAPPER[change]))
                        open_change = change
                if isinstance(item, Run):
                    self._text_run(item)
                else:
                    self._reference_run(item)
            else:
                close_wrapper()
                self._range_mark(item)
        close_wrapper()

    def _range_mark(self, item: Item) -> None:
        if isinstance(item, CommentStart):
            self.out.append(f'<w:commentRangeStart w:id="{self.comment_ids[item.comment]}"/>')
        elif isinstance(item, MoveRangeStart) and not self.revisions.static:
            side = "moveFromRangeStart" if item.change is Change.MOVE_FROM else "moveToRangeStart"
            number = self.next_id
            self.next_id += 1
            self._open_ranges[(item.name, item.change)] = number
            self.out.append(f'<w:{side} w:id="{number}"{self._who} w:name="{_escape(item.name)}"/>')
        elif isinstance(item, MoveRangeEnd) and not self.revisions.static:
            side = "moveFromRangeEnd" if item.change is Change.MOVE_FROM else "moveToRangeEnd"
            self.out.append(f'<w:{side} w:id="{self._open_ranges.pop((item.name, item.change))}"/>')

    def _run_properties(self, change: Change, bold: bool = False, italic: bool = False, superscript: bool = False) -> str:
        props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
        if self.revisions.static and change is not Change.NONE:
            props += _STATIC_FORMAT[change]
        if superscript:
            props += '<w:vertAlign w:val="superscript"/>'
        return f"<w:rPr>{props}</w:rPr>" if props else ""

    def _text_run(self, run: Run) -> None:
        deleted = run.change in (Change.DELETE, Change.MOVE_FROM) and not self.revisions.static
        tag = "w:delText" if deleted else "w:t"
        pieces = [f'<{tag} xml:space="preserve">{_escape(piece)}</{tag}>' if piece else "" for piece in run.text.split("\t")]
        self.out.append(f"<w:r>{self._run_properties(run.change, run.bold, run.italic)}{'<w:tab/>'.join(pieces)}</w:r>")

    def _reference_run(self, end: CommentEnd) -> None:
        properties = self._run_properties(end.change, superscript=True)
        self.out.append(f'<w:r>{properties}<w:commentReference w:id="{self.comment_ids[end.comment]}"/></w:r>')


def build_docx(spec: DocumentSpec) -> bytes:
    """The DOCX package for ``spec``, byte-identical for the same spec."""
    # python-docx is imported here, not with the module: the redline written onto a Word draft's
    # own document uses this module's dataclasses but never python-docx, whose import is a
    # sizeable part of that command's start-up.
    import docx
    from docx.enum.section import WD_SECTION

    document = docx.Document()
    style_ids = {style.name: style.style_id for style in document.styles}
    comment_ids = _comments(document, spec)
    writer = _Writer(spec.revisions, style_ids, comment_ids)
    body = document.element.body
    # The template's one empty paragraph would precede our title.
    for paragraph in body.findall(_W + "p"):
        body.remove(paragraph)
    front_writer = _Writer(Revisions(author=spec.revisions.author), style_ids, comment_ids)
    for block in spec.front:
        if isinstance(block, Table):
            add_table(document, block)  # python-docx puts it before sectPr
        else:
            front_writer.paragraph(block)
            body.sectPr.addprevious(front_writer.elements()[0])
    # The front matter is its own section; the treaty text starts on a new page.
    document.add_section(WD_SECTION.NEW_PAGE)
    sect_pr = body.sectPr
    body.remove(sect_pr)
    for para in spec.body:
        writer.paragraph(para)
    body.extend(writer.elements())
    body.append(sect_pr)
    _core_properties(document, spec.properties)
    buffer = io.BytesIO()
    document.save(buffer)
    return deterministic_zip(buffer.getvalue())


def _comments(document: docx.document.Document, spec: DocumentSpec) -> list[int]:
    """Write the comments part (python-docx makes the part, relationship and content type).

    The ``w:comment`` elements are built directly: python-docx's ``add_comment`` takes
    milliseconds each and stamps the wall clock.
    """
    if not spec.comments:
        return []
    part = document.part._comments_part  # creates word/comments.xml and its relationship
    date = iso_datetime(spec.properties.date).strftime("%Y-%m-%dT%H:%M:%SZ")
    for number, note in enumerate(spec.comments):
        add_comment(part.element, number, note.text, note.author, note.initials, date)
    return list(range(len(spec.comments)))


def _core_properties(document: docx.document.Document, properties: CoreProperties) -> None:
    core = document.core_properties
    when = iso_datetime(properties.date)
    core.title = core_property(properties.title)
    core.subject = core_property(properties.subject)
    core.keywords = core_property(properties.keywords)
    core.author = core_property(properties.author)
    core.last_modified_by = core_property(properties.author)
    core.created = when
    core.modified = when
    core.last_printed = when
    core.revision = 1
    core.comments = "Generated by treatydiff"
