"""Read a DOCX written by treatydiff the way a strict reader would, with lxml alone.

``faults(data)`` lists what makes Word report "unreadable content": a ``w:id`` used twice
among revisions, comments and bookmarks of one part; ``w:delText`` outside a ``w:del`` (or
``w:moveFrom``); a revision with nothing in it; a ``w:moveFrom`` range without its
``w:moveTo``; a comment mark with no comment; a comment, bookmark or move range whose end
comes before its start (or has only one of them), in document order; characters XML 1.0
forbids.
``texts(data, accept=True)`` gives each paragraph's text (body and table cells, in order) with
every change accepted, or rejected, as Word's "Accept All"/"Reject All" would: a paragraph
whose mark is deleted or moved away (accepting), or inserted or moved there (rejecting), joins
the next one.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_REVISIONS = ("ins", "del", "moveFrom", "moveTo")
_PARTS = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml", "word/comments.xml")


def _parts(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: etree.fromstring(package.read(name)) for name in _PARTS if name in package.namelist()}


def faults(data: bytes) -> list[str]:
    out: list[str] = []
    parts = _parts(data)
    comment_ids = {c.get(W + "id") for c in parts["word/comments.xml"].iter(W + "comment")} if "word/comments.xml" in parts else set()
    for name, root in parts.items():
        text = etree.tostring(root, encoding="unicode")
        if _INVALID.search(text):
            out.append(f"{name}: a character XML 1.0 forbids")
        seen: dict[str, str] = {}
        for element in root.iter():
            tag = etree.QName(element).localname
            number = element.get(W + "id")
            if number is None or tag in ("footnote", "endnote", "comment") or tag.endswith("End") or tag in ("commentReference", "footnoteReference", "endnoteReference"):
                continue
            kind = "comment" if tag == "commentRangeStart" else tag
            if number in seen and not (kind == "comment" and seen[number] == "comment"):
                out.append(f"{name}: w:id {number} used by {seen[number]} and {kind}")
            seen.setdefault(number, kind)
        for deleted in root.iter(W + "delText"):
            if not any(etree.QName(a).localname in ("del", "moveFrom") for a in deleted.iterancestors()):
                out.append(f"{name}: w:delText outside w:del: {deleted.text!r}")
        for tag in _REVISIONS:
            for revision in root.iter(W + tag):
                parent = revision.getparent()
                in_mark = parent is not None and etree.QName(parent).localname in ("rPr", "trPr")
                if not in_mark and len(revision) == 0:
                    out.append(f"{name}: an empty w:{tag}")
        froms = {e.get(W + "name") for e in root.iter(W + "moveFromRangeStart")}
        tos = {e.get(W + "name") for e in root.iter(W + "moveToRangeStart")}
        if froms != tos:
            out.append(f"{name}: move ranges without their pair: {sorted(froms ^ tos)}")
        for mark in (*root.iter(W + "commentRangeStart"), *root.iter(W + "commentReference")):
            if mark.get(W + "id") not in comment_ids:
                out.append(f"{name}: comment mark {mark.get(W + 'id')} has no comment")
        out.extend(f"{name}: {fault}" for fault in range_order(root))
    return out


_RANGES = ("comment", "bookmark", "moveFrom", "moveTo")


def range_order(root: etree._Element) -> list[str]:
    """Each comment, bookmark and move range: its start, then its end, in document order."""
    out: list[str] = []
    started: dict[tuple[str, str], int] = {}
    ended: set[tuple[str, str]] = set()
    for element in root.iter(*(W + kind + edge for kind in _RANGES for edge in ("Start", "RangeStart", "RangeEnd", "End"))):
        tag = etree.QName(element).localname
        kind = next(k for k in _RANGES if tag.startswith(k))
        key = (kind, element.get(W + "id") or "")
        if tag.endswith("Start"):
            if key in started:
                out.append(f"{kind} range {key[1]} starts twice")
            started[key] = 1
        elif key not in started:
            out.append(f"{kind} range {key[1]} ends before it starts")
        elif key in ended:
            out.append(f"{kind} range {key[1]} ends twice")
        else:
            ended.add(key)
    out.extend(f"{kind} range {number} never ends" for kind, number in started if (kind, number) not in ended)
    return out


def _mark(p: etree._Element, tags: tuple[str, ...]) -> bool:
    return any(p.find(f"{W}pPr/{W}rPr/{W}{tag}") is not None for tag in tags)


def _text(p: etree._Element, accept: bool) -> str:
    dropped = {W + "del", W + "moveFrom"} if accept else {W + "ins", W + "moveTo"}
    pieces: list[str] = []

    def walk(element: etree._Element) -> None:
        for child in element:
            if child.tag in dropped or child.tag == W + "pPr":
                continue
            if child.tag in (W + "t", W + "delText"):
                pieces.append(child.text or "")
            elif child.tag == W + "tab":
                pieces.append("\t")
            else:
                walk(child)

    walk(p)
    return "".join(pieces)


def texts(data: bytes, *, accept: bool, part: str = "word/document.xml") -> list[str]:
    """Paragraph texts with every change accepted (or rejected); empty paragraphs dropped."""
    root = _parts(data)[part]
    joining = ("del", "moveFrom") if accept else ("ins", "moveTo")
    out: list[str] = []
    carry = ""
    for p in root.iter(W + "p"):
        text = carry + _text(p, accept)
        if _mark(p, joining):
            carry = text
            continue
        carry = ""
        if text.strip():
            out.append(re.sub(r"\s+", " ", text).strip())
    if carry.strip():
        out.append(carry.strip())
    return out


def written_docx_faults(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Check every DOCX package treatydiff writes while a test runs (the list fills as it does).

    The packers are wrapped where each writer calls them, so that a rebuilt redline, a
    synopsis and a redline written onto the draft's own package are all read here.
    """
    found: list[str] = []

    def checked(pack: Callable[..., bytes]) -> Callable[..., bytes]:
        def wrapper(*args: Any, **kwargs: Any) -> bytes:
            data = pack(*args, **kwargs)
            found.extend(faults(data))
            return data
        return wrapper

    from treatydiff.render import ooxml, ooxml_pack, synopsis_docx

    for module, name in ((ooxml, "deterministic_zip"), (synopsis_docx, "deterministic_zip"), (ooxml_pack, "_zip")):
        monkeypatch.setattr(module, name, checked(getattr(module, name)))
    return found
