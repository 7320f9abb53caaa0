"""Package-level WordprocessingML shared by the OOXML writers: clean text, comments, a
deterministic zip.  Part of the one OOXML adapter (see :mod:`treatydiff.render.ooxml`)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from typing import cast

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# A copy of an element and its subtree (what copy.copy and deepcopy give, without their
# dispatch and memo): copying one made once is the cheap way to make many alike, several times
# cheaper than building each from its tag and attributes.  (lxml-stubs do not declare it.)
clone: Callable[[etree._Element], etree._Element] = etree._Element.__copy__  # type: ignore[attr-defined]
# Characters XML 1.0 cannot carry (form feeds from pdftotext, stray control bytes).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean_text(text: str) -> str:
    """``text`` with characters XML cannot carry made visible as U+FFFD (never dropped)."""
    return _INVALID_XML.sub("\ufffd", text)


# OPC core properties (docProps/core.xml) are limited to 255 characters each: python-docx
# refuses longer ones, and Word's own limit is the same.  Callers keep the full text in the body.
CORE_PROPERTY_LIMIT = 255


def core_property(text: str) -> str:
    """``text`` fit for a core property: cut with an ellipsis when it is too long."""
    text = clean_text(text)
    if len(text) <= CORE_PROPERTY_LIMIT:
        return text
    return text[: CORE_PROPERTY_LIMIT - 1].rstrip() + "…"


def iso_datetime(date: str | None) -> datetime:
    if date:
        try:
            return datetime.fromisoformat(date[:10]).replace(tzinfo=UTC)
        except ValueError:
            pass
    return datetime(1980, 1, 1, tzinfo=UTC)


def deterministic_zip(data: bytes) -> bytes:
    """Re-pack python-docx's output with fixed timestamps and attributes, same member order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            member.create_system = 0
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def _comment_paragraph(reference: bool) -> etree._Element:
    """A comment's paragraph, its text empty: the first holds the mark that ties the comment to
    its reference in the text."""
    p = etree.Element(W + "p")
    etree.SubElement(etree.SubElement(p, W + "pPr"), W + "pStyle", {W + "val": "CommentText"})
    if reference:
        r = etree.SubElement(p, W + "r")
        etree.SubElement(etree.SubElement(r, W + "rPr"), W + "rStyle", {W + "val": "CommentReference"})
        etree.SubElement(r, W + "annotationRef")
    etree.SubElement(etree.SubElement(p, W + "r"), W + "t", {XML_SPACE: "preserve"})
    return p


_COMMENT_PARAGRAPHS = (_comment_paragraph(True), _comment_paragraph(False))  # copied for each (see clone)


def add_comment(root: etree._Element, number: int, text: str, author: str, initials: str, date: str) -> None:
    """Append one ``w:comment`` (paragraphs separated by "\n") to a comments part's root."""
    comment = etree.SubElement(root, W + "comment", {
        W + "id": str(number), W + "author": author, W + "initials": initials, W + "date": date,
    })
    for line_number, line in enumerate(clean_text(text).split("\n")):
        p = clone(_COMMENT_PARAGRAPHS[line_number > 0])
        p[-1][-1].text = line  # the w:t of its last run
        comment.append(p)


_IDS = etree.XPath("//@w:id", namespaces={"w": W[1:-1]}, smart_strings=False)


def max_id(roots: object) -> int:
    """The highest numeric ``w:id`` in the parts: the ids we add start above it."""
    highest = 0
    for root in roots:  # type: ignore[attr-defined]
        for value in cast(list[str], _IDS(root)):  # every w:id attribute, gathered in C
            if value.lstrip("-").isdigit():
                highest = max(highest, int(value))
    return highest


def mark_properties(p: etree._Element) -> etree._Element:
    """The paragraph mark's run properties (``w:pPr/w:rPr``), made where they are missing, in
    the place the schema gives them (before a section break or a change of properties)."""
    ppr = p.find(W + "pPr")
    if ppr is None:
        ppr = etree.Element(W + "pPr")
        p.insert(0, ppr)
    rpr = ppr.find(W + "rPr")
    if rpr is None:
        rpr = etree.Element(W + "rPr")
        later = next((c for c in ppr if c.tag in (W + "sectPr", W + "pPrChange")), None)
        if later is not None:
            later.addprevious(rpr)
        else:
            ppr.append(rpr)
    return rpr
