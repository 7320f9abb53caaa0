"""Open a DOCX safely: the only code that unzips Word input and parses its XML.

A draft from outside is untrusted.  Before anything is decompressed we check what the file is
(an encrypted DOCX and an old ``.doc`` are OLE2 compound files; a PDF or ODT renamed ``.docx``
is named as such), how many entries the zip has and how large they claim to be; while reading we
stop at the claimed size; and every XML part is parsed with entity resolution, DTD loading and
network access off, and refused outright if it declares a DOCTYPE.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path

from lxml import etree

from ..errors import DraftImportError, FileFormatError, Location, UnsafeInputError

MAX_ENTRIES = 5_000
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # uncompressed, all entries
MAX_PART_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200  # uncompressed/compressed for a large entry: typical of a zip bomb
_RATIO_FLOOR = 8 * 1024 * 1024

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An entity declaration in any case (ASCII only, as bytes.upper() reads it): searched for,
# not upper-cased, in a document.xml of megabytes.
_ENTITY = re.compile(rb"<!(?i:entity)")
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        dtd_validation=False,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def identify(data: bytes, path: Path) -> None:
    """Refuse anything that is not a zip, naming what it is and how to convert it."""
    where = Location(path)
    if data.startswith(_OLE2):
        if "EncryptedPackage".encode("utf-16-le") in data or b"EncryptedPackage" in data:
            raise UnsafeInputError(
                "this DOCX is password-protected (encrypted)",
                location=where,
                fix="open it in Word, remove the password (File > Info > Protect Document) and save again",
            )
        raise FileFormatError(
            "this is an old Word .doc (OLE2) file, not a .docx",
            location=where,
            fix="save it as .docx in Word or run `soffice --headless --convert-to docx FILE`",
        )
    if data.startswith(b"%PDF"):
        raise FileFormatError(
            "this is a PDF, not a .docx", location=where,
            fix="ask for the Word version, or convert it (e.g. `pdftotext -layout`) and import the .txt",
        )
    if data.startswith(b"{\\rtf"):
        raise FileFormatError(
            "this is an RTF document, not a .docx", location=where,
            fix="save it as .docx or run `soffice --headless --convert-to docx FILE`",
        )
    if not data:
        raise FileFormatError("the file is empty", location=where, fix="give a Word .docx draft")
    if not data.startswith(b"PK"):
        raise FileFormatError(
            "this is not a .docx (not a zip archive)", location=where,
            fix="give a Word .docx draft; .md and .txt drafts need their own extension",
        )


class Package:
    """The parts of a DOCX, read on demand within the limits."""

    def __init__(self, data: bytes, path: Path) -> None:
        identify(data, path)
        self.path = path
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise FileFormatError(
                f"this .docx is not a readable zip archive ({exc})",
                location=Location(path),
                fix="re-save the file from Word; it may be truncated",
            ) from None
        if len(infos) > MAX_ENTRIES:
            raise UnsafeInputError(
                f"the zip has {len(infos)} entries (limit {MAX_ENTRIES}); refusing a possible zip bomb",
                location=Location(path), fix="re-save the draft from Word",
            )
        total = sum(info.file_size for info in infos)
        if total > MAX_TOTAL_BYTES:
            raise UnsafeInputError(
                f"the zip would expand to {total // (1024 * 1024)} MB (limit {MAX_TOTAL_BYTES // (1024 * 1024)} MB); refusing a possible zip bomb",
                location=Location(path), fix="re-save the draft from Word without embedded media",
            )
        for info in infos:
            if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise UnsafeInputError(
                    f"entry {info.filename!r} compresses {info.file_size // max(info.compress_size, 1)}:1; refusing a possible zip bomb",
                    location=Location(path), fix="re-save the draft from Word",
                )
            if info.flag_bits & 0x1:
                raise UnsafeInputError(
                    "the zip entries are encrypted", location=Location(path),
                    fix="remove the password in Word and save again",
                )
        self.infos = {info.filename: info for info in infos}
        if "mimetype" in self.infos:
            mimetype = self.read("mimetype").decode("ascii", "replace").strip()
            if "opendocument" in mimetype:
                raise FileFormatError(
                    "this is an OpenDocument (.odt) file, not a .docx", location=Location(path),
                    fix="save it as .docx or run `soffice --headless --convert-to docx FILE`",
                )
        self.main = self._main_part()

    def _main_part(self) -> str:
        rels = self.xml("_rels/.rels")
        if rels is not None:
            for rel in rels.iter(REL_NS + "Relationship"):
                if rel.get("Type") == OFFICE_DOCUMENT:
                    target = (rel.get("Target") or "").lstrip("/")
                    if target in self.infos:
                        return target
        if "word/document.xml" in self.infos:
            return "word/document.xml"
        raise DraftImportError(
            "this zip is not a Word document (no word/document.xml)",
            location=Location(self.path),
            fix="give a .docx saved by Word or LibreOffice",
        )

    def has(self, name: str) -> bool:
        return name in self.infos

    def read(self, name: str) -> bytes:
        info = self.infos[name]
        if info.file_size > MAX_PART_BYTES:
            raise UnsafeInputError(
                f"part {name!r} is {info.file_size // (1024 * 1024)} MB (limit {MAX_PART_BYTES // (1024 * 1024)} MB)",
                location=Location(self.path), fix="split the draft",
            )
        try:
            with self.zip.open(info) as stream:
                data = stream.read(info.file_size + 1)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
            raise FileFormatError(
                f"cannot read part {name!r} ({exc})", location=Location(self.path),
                fix="re-save the draft from Word",
            ) from None
        if len(data) > info.file_size:
            raise UnsafeInputError(
                f"part {name!r} expands beyond its declared size", location=Location(self.path),
                fix="re-save the draft from Word",
            )
        return data

    def xml(self, name: str) -> etree._Element | None:
        """Parse a part, refusing DTDs and entity declarations; ``None`` when absent."""
        if name not in self.infos:
            return None
        data = self.read(name)
        head = data[:4096].upper()
        if b"<!DOCTYPE" in head or _ENTITY.search(data):
            raise UnsafeInputError(
                f"part {name!r} declares a DTD or entities; refusing to expand them",
                location=Location(self.path), fix="re-save the draft from Word",
            )
        try:
            root = etree.fromstring(data, _parser())
        except etree.XMLSyntaxError as exc:
            raise FileFormatError(
                f"part {name!r} is not well-formed XML ({exc})", location=Location(self.path),
                fix="re-save the draft from Word",
            ) from None
        if root is None:
            raise FileFormatError(f"part {name!r} is empty", location=Location(self.path), fix="re-save the draft from Word")
        if getattr(root.getroottree().docinfo, "doctype", ""):
            raise UnsafeInputError(
                f"part {name!r} declares a DOCTYPE", location=Location(self.path),
                fix="re-save the draft from Word",
            )
        return root

    def related(self, source: str) -> dict[str, tuple[str, str]]:
        """Relationships of a part: id → (type suffix, part name)."""
        folder, base = posixpath.split(source)
        rels = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out: dict[str, tuple[str, str]] = {}
        if rels is None:
            return out
        for rel in rels.iter(REL_NS + "Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id") or ""] = ((rel.get("Type") or "").rsplit("/", 1)[-1], name)
        return out
