"""Import a Word draft: open its package, read it with :class:`DocxReader`, build its provisions
and the report of what was read and what was left out."""

from __future__ import annotations

from pathlib import Path

from ..collector import collector_paused
from ..errors import DraftImportError, Location
from ..formats.textio import read_bytes
from ..model import Round, RoundInfo
from . import ImportOptions, ImportReport, ImportResult, lost_words_warning
from .docx_package import Package
from .docx_reader import DC, DocxReader
from .numbering import W
from .patterns import account_words
from .structure import Block, build_provisions


def _title(package: Package) -> str | None:
    if not package.has("docProps/core.xml"):
        return None
    core = package.xml("docProps/core.xml")
    title = core.find(DC + "title") if core is not None else None
    return (title.text or "").strip() or None if title is not None else None


def import_docx(path: Path, options: ImportOptions) -> ImportResult:
    """Import a ``.docx`` (or ``.docm``: text only, macros never run) draft."""
    # Reading makes tens of thousands of small acyclic objects (strings, blocks, provisions):
    # left on, the cyclic collector would rescan every object already alive as they pile up.
    with collector_paused():
        return _import_docx(path, options)


def _import_docx(path: Path, options: ImportOptions) -> ImportResult:
    if options.revisions not in ("current", "original"):
        raise DraftImportError(
            f"unknown --revisions {options.revisions!r}", location=Location(path),
            fix="use --revisions current (default) or --revisions original",
        )
    package = Package(read_bytes(path), path)
    root = package.xml(package.main)
    body = root.find(W + "body") if root is not None else None
    if body is None:
        raise DraftImportError(
            "the Word document has no body", location=Location(path), fix="re-save the draft from Word"
        )
    reader = DocxReader(package, options)
    reader.body(body)
    if reader.carry:
        reader.blocks.append(Block(text=reader.carry))
        reader.read.append(reader.carry)
    reader.furniture()
    if not reader.blocks:
        raise DraftImportError(
            "the Word document has no text", location=Location(path),
            fix="check that this is the right file; text in text boxes or images is not read",
        )
    warnings: list[str] = []
    if any(name.lower().endswith("vbaproject.bin") for name in package.infos):
        warnings.append("the document contains macros: ignored (text only, nothing is run)")
    built = build_provisions(reader.blocks)
    warnings.extend(built.warnings)
    words = account_words(reader.read, built.provisions)
    warnings.extend(lost_words_warning(words.missing))
    info = RoundInfo(
        label=options.label or path.stem,
        party=options.party,
        date=options.date,
        title=_title(package),
        source=path.name,
        derived_ids=True,
    )
    report = ImportReport(
        paragraphs=reader.paragraphs,
        words_in=words.read,
        words_out=words.written,
        footnotes=reader.note_count,
        tables=reader.tables,
        revisions=reader.revisions,
        revision_authors=tuple(sorted(reader.authors)),
        skipped=tuple(sorted(reader.skipped.items())),
        warnings=tuple(warnings),
    )
    round_ = Round(info=info, provisions=built.provisions, name=path.stem, path=str(path))
    return ImportResult(round=round_, report=report)
