"""Importers: turn a draft (Markdown, plain text, Word) into a :class:`Round`.

Every importer returns an :class:`ImportResult` whose report counts what was read and lists
everything skipped, so nothing is ever lost silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DraftImportError, Location
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
    words_in: int = 0
    words_out: int = 0
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


@dataclass(frozen=True)
class ImportResult:
    round: Round
    report: ImportReport


DRAFT_SUFFIXES = (".md", ".markdown", ".txt", ".text", ".docx", ".docm")


def import_draft(path: Path, options: ImportOptions | None = None) -> ImportResult:
    """Import a draft by its extension."""
    options = options or ImportOptions()
    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown", ".txt", ".text"):
        from .plaintext import import_plaintext

        return import_plaintext(path, options)
    if suffix in (".docx", ".docm"):
        from .docx_reader import import_docx

        return import_docx(path, options)
    raise DraftImportError(
        f"cannot import {suffix or 'a file without extension'} drafts",
        location=Location(path),
        fix="give a .docx, .md or .txt draft (save .doc/.odt/.pdf as .docx first)",
    )
