"""Importers: turn a draft (Markdown, plain text, Word, US bill XML) into a :class:`Round`.

Every importer returns an :class:`ImportResult` whose report counts what was read and lists
everything skipped, so nothing is ever lost silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DraftImportError, Location, UsageError
from ..model import Round


@dataclass(frozen=True)
class ImportOptions:
    label: str | None = None
    party: str | None = None
    date: str | None = None
    revisions: str = "current"  # DOCX tracked changes: "current" (accepted) or "original"


@dataclass(frozen=True)
class ImportReport:
    """What an import read and what it left out, by reason."""

    paragraphs: int = 0
    words_in: int = 0  # every word read, numbering and notes included
    words_out: int = 0  # how many of them the round holds (text, headings, notes or labels)
    footnotes: int = 0
    tables: int = 0
    revisions: int = 0
    revision_authors: tuple[str, ...] = ()
    skipped: tuple[tuple[str, int], ...] = ()  # (reason, count)
    warnings: tuple[str, ...] = field(default=())

    def lines(self) -> list[str]:
        out = [f"read {self.paragraphs} paragraphs, {self.words_in} words; wrote {self.words_out} words"]
        if self.footnotes or self.tables:
            out.append(f"footnotes: {self.footnotes}, tables: {self.tables}")
        if self.revisions:
            out.append(f"tracked changes in the draft: {self.revisions} by {', '.join(self.revision_authors) or 'unknown'}")
        for reason, count in self.skipped:
            out.append(f"SKIPPED {count}: {reason}")
        out.extend(f"warning: {w}" for w in self.warnings)
        return out


def lost_words_warning(missing: tuple[str, ...]) -> tuple[str, ...]:
    """The warning for words read but found nowhere in the round (an importer bug)."""
    if not missing:
        return ()
    shown = ", ".join(missing[:8]) + (", …" if len(missing) > 8 else "")
    return (f"{len(missing)} words read are not in the clause file ({shown}): please report this with the draft",)


@dataclass(frozen=True)
class ImportResult:
    round: Round
    report: ImportReport


DRAFT_SUFFIXES = (".md", ".markdown", ".txt", ".text", ".docx", ".docm", ".xml")


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PARTY = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,15}$")


def _check_options(options: ImportOptions) -> None:
    """What the user typed must make a clause file that loads again (same rules as clause files)."""
    if options.date is not None and not _DATE.match(options.date):
        raise UsageError(f"--date {options.date!r} is not YYYY-MM-DD", fix="write e.g. --date 2023-05-02")
    if options.party is not None and not _PARTY.match(options.party):
        raise UsageError(f"--party {options.party!r} is not a party code", fix="give the party's short code, e.g. --party AM")
    if options.label is not None and not options.label.strip():
        raise UsageError("--label is empty", fix="give the round a label, e.g. --label 'Round 3'")


def _with_provisions(result: ImportResult, path: Path) -> ImportResult:
    """A draft that yields no provision (only a heading such as "Preamble") makes a clause file
    that cannot be checked or compared: say so instead of writing it."""
    if not result.round.provisions:
        raise DraftImportError("holds no provision text to import (headings alone are not provisions)",
                               location=Location(path), fix="check that this is the draft you meant, with its text")
    return result


def import_draft(path: Path, options: ImportOptions | None = None) -> ImportResult:
    """Import a draft by its extension."""
    options = options or ImportOptions()
    _check_options(options)
    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown", ".txt", ".text"):
        from .plaintext import import_plaintext

        return _with_provisions(import_plaintext(path, options), path)
    if suffix in (".docx", ".docm"):
        from .docx_import import import_docx

        return _with_provisions(import_docx(path, options), path)
    if suffix == ".xml" and path.is_file():
        from .billxml import import_bill_xml

        return _with_provisions(import_bill_xml(path, options), path)
    if path.is_dir():
        raise DraftImportError("is a folder, not a draft", location=Location(path), fix="name a .docx, .md or .txt file, or a US bill .xml")
    if not path.exists():
        raise DraftImportError("no such file", location=Location(path), fix="check the path and spelling")
    if suffix in (".yaml", ".yml"):
        raise DraftImportError(
            "is already a clause file, there is nothing to import",
            location=Location(path),
            fix=f"validate it with `treatydiff check {path}` or compare it directly",
        )
    kind = f"{suffix} files" if suffix else "files without an extension"
    raise DraftImportError(
        f"cannot import {kind}",
        location=Location(path),
        fix="give a .docx, .md or .txt draft or a US bill .xml (USLM or bill.dtd); save .doc, .odt, .rtf or .pdf drafts as .docx first",
    )
