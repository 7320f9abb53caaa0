"""Resolve what the user names on the command line into rounds.

A source is a clause file (``.yaml``), a round of a negotiation folder (by name or label), or
a raw draft (``.md``, ``.txt``, ``.docx``, a US bill ``.xml``) imported on the fly.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, Location, UsageError
from ..formats.clausefile import load_round
from ..model import Negotiation, Round
from . import DRAFT_SUFFIXES, ImportOptions, import_draft

CLAUSE_SUFFIXES = (".yaml", ".yml")


def load_source(
    spec: str,
    negotiation: Negotiation | None = None,
    options: ImportOptions | None = None,
    warnings: list[str] | None = None,
) -> Round:
    """The round that ``spec`` names; an on-the-fly import's warnings go into ``warnings``."""
    if negotiation is not None:
        round_ = negotiation.round_named(spec) or negotiation.round_named(Path(spec).stem)
        if round_ is not None:
            return round_
        if not Path(spec).exists():
            names = ", ".join(r.name for r in negotiation.rounds)
            raise UsageError(
                f"round {spec!r} is not in the negotiation {negotiation.title!r}",
                location=Location(negotiation.path),
                fix=f"use one of: {names}",
            )
    path = Path(spec)
    suffix = path.suffix.lower()
    if suffix in CLAUSE_SUFFIXES:
        return load_round(path)
    if suffix in DRAFT_SUFFIXES:
        if not path.exists():
            raise InputError("no such file", location=Location(path), fix="check the path and spelling")
        result = import_draft(path, options)
        if warnings is not None:
            warnings.extend(f"{path.name}: {w}" for w in result.report.warnings)
            report = result.report
            if report.revisions:
                which = "the text before them (--revisions original)" if options and options.revisions == "original" else \
                    "its current text, every change accepted (--revisions original for the text before them)"
                warnings.append(f"{path.name} holds {report.revisions} tracked changes by "
                                f"{', '.join(report.revision_authors) or 'unknown'}: compared as {which}")
        return result.round
    if path.is_dir():
        raise UsageError(
            "is a folder, not a round",
            location=Location(path),
            fix="name a round file, or pass the folder with --negotiation and name two rounds",
        )
    if not path.exists():
        raise InputError("no such file", location=Location(path), fix="check the path and spelling")
    raise UsageError(
        f"cannot tell what kind of draft {path.name!r} is",
        location=Location(path),
        fix="use a .yaml clause file, a .md, .txt or .docx draft or a US bill .xml",
    )


def check_same_kind(old: str, new: str) -> None:
    """Refuse to compare a clause file with a raw draft of another kind? No: allowed.

    Comparing a .docx with a .md is legitimate (a counter-draft typed up from Word); what is
    refused is comparing a file with a folder.
    """
    if Path(old).is_dir() != Path(new).is_dir():
        raise UsageError(
            "one argument is a folder and the other a file",
            fix="compare two rounds, e.g. `treatydiff compare --negotiation DIR r1 r2`",
        )
