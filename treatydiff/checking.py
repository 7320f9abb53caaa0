"""``treatydiff check``: validate a negotiation folder or one clause file."""

from __future__ import annotations

from pathlib import Path

from .clausefile import load_round
from .errors import InputError, Location
from .importers import DRAFT_SUFFIXES, import_draft
from .negotiation import CONFIG_NAME, load_negotiation


def check_path(path: Path) -> list[str]:
    """Lines describing what was checked; raises the first problem found."""
    if not path.exists():
        raise InputError("no such file or folder", location=Location(path), fix="check the path and spelling")
    if path.is_dir() or path.name == CONFIG_NAME:
        folder = path if path.is_dir() else path.parent
        negotiation = load_negotiation(folder)
        provisions = sum(len(r.provisions) for r in negotiation.rounds)
        lines = [f"ok: {folder}: {negotiation.title!r}, {len(negotiation.parties)} parties, {len(negotiation.rounds)} rounds, {provisions} provisions"]
        lines.extend(f"ok: {r.path}: {r.info.describe()}, {len(r.provisions)} provisions" for r in negotiation.rounds)
        return lines
    if path.suffix.lower() in DRAFT_SUFFIXES:
        # A raw draft is valid input too (compare imports it on the fly): say what it holds.
        result = import_draft(path)
        round_ = result.round
        count = sum(1 for _ in round_.walk())
        lines = [f"ok: {path}: a draft, {len(round_.provisions)} top-level provisions, {count} in all (make it a clause file with `treatydiff import {path} -o FILE.yaml`)"]
        return lines + [f"warning: {w}" for w in result.report.warnings]
    round_ = load_round(path)
    count = sum(1 for _ in round_.walk())
    return [f"ok: {path}: {round_.info.describe()}, {len(round_.provisions)} top-level provisions, {count} in all"]
