"""Parse a bill version's XML safely: the only code that turns bill bytes into elements.

A bill comes from outside.  It is read up to a size limit and parsed with DTD loading, entity
resolution and network access off; an internal DOCTYPE subset or any entity declaration is
refused before parsing, and an entity reference left in the tree (its text would live in the
never-loaded DTD) is refused after.  bill.dtd files name their DTD in a DOCTYPE: that
reference is allowed and never followed.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from ..errors import FileFormatError, Location, UnsafeInputError

MAX_BYTES = 64 * 1024 * 1024
FIX = "give a bill version in GPO's USLM or bill.dtd XML, as published on govinfo.gov (BILLS collection)"


def source_line(node: etree._Element) -> int | None:
    line: object = node.sourceline  # the stubs type it loosely
    return line if isinstance(line, int) else None


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, dtd_validation=False, load_dtd=False,
        huge_tree=False, remove_comments=True, remove_pis=True,
    )


_DOCTYPE = re.compile(rb"<!DOCTYPE[^>\[]*(\[)?", re.I)


def parse(path: Path) -> etree._Element:
    """The root element, refusing what could expand or reach out when parsed."""
    where = Location(path)
    with path.open("rb") as stream:
        data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise UnsafeInputError(f"the XML is over {MAX_BYTES // (1024 * 1024)} MB", location=where, fix="split the bill or give one version")
    if not data.strip():
        raise FileFormatError("the file is empty", location=where, fix=FIX)
    doctype = _DOCTYPE.search(data[:8192])
    if (doctype and doctype.group(1)) or re.search(rb"<!ENTITY", data, re.I):
        line = data[: doctype.start() if doctype else data.upper().find(b"<!ENTITY")].count(b"\n") + 1
        raise UnsafeInputError(
            "declares DTD entities (an internal DOCTYPE subset); refusing to expand them",
            location=Location(path, line=line), fix="remove the [...] subset from the DOCTYPE; GPO bills never need one",
        )
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        at: int | None = exc.lineno if isinstance(exc.lineno, int) and exc.lineno > 0 else None
        raise FileFormatError(
            f"is not well-formed XML ({exc.msg})", location=Location(path, line=at),
            fix="download the bill version again; a truncated or hand-edited file does not parse",
        ) from None
    if root is None:
        raise FileFormatError("holds no XML element", location=where, fix=FIX)
    entity = next(root.iter(etree.Entity), None)
    if entity is not None:
        # Its text lives in the DTD, which is never loaded: importing would drop it silently.
        raise FileFormatError(
            f"uses the entity {entity.text} that only a DTD defines", location=Location(path, line=source_line(entity)),
            fix="write the character itself or a numeric reference (&#x2014; for &mdash;), as GPO's published files do",
        )
    return root
