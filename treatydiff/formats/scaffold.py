"""``treatydiff init``: a new negotiation folder that passes ``treatydiff check`` as created."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import Location, OutputError, UsageError
from .textio import atomic_write_text

_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,15}$")  # as negotiation.yaml's party codes

_CONFIG = """\
# treatydiff negotiation config, format version 1: see README, "A negotiation folder" and
# "negotiation.yaml" (or `treatydiff schema negotiation`).
treatydiff: 1
title: {title}
illustrative: false
languages: [en]
parties:{parties}
# Rounds in order. Add each draft with `treatydiff add FOLDER DRAFT --party P --date D`:
# it writes rounds/NAME.yaml and lists it here, by date.
rounds: []
"""


# While this comment stands on the `parties:` line, `treatydiff add --party CODE` registers a
# party it does not know; delete it (or name the parties with `init --parties`) to have unknown
# codes refused as typos.
OPEN_PARTIES = "`treatydiff add --party CODE` registers new parties"


def _parties(codes: tuple[str, ...]) -> str:
    if not codes:
        return f" []  # {OPEN_PARTIES}; give them names here, then delete this comment"
    lines = ["  # the names are the codes until you write them; aliases are how the text names a party"]
    for code in codes:
        lines.append(f"  - code: {code}")
        lines.append(f"    name: {code}")
    return "\n" + "\n".join(lines)


def party_codes(text: str | None) -> tuple[str, ...]:
    """``AM,AZ`` → ``("AM", "AZ")``, each checked as a party code."""
    if not text:
        return ()
    codes = tuple(code.strip() for code in text.split(",") if code.strip())
    for code in codes:
        if not _CODE.match(code):
            raise UsageError(f"--parties: {code!r} is not a party code", fix="give short codes, e.g. --parties AM,AZ")
    if len(set(codes)) != len(codes):
        raise UsageError("--parties names a party twice", fix="give each code once, e.g. --parties AM,AZ")
    return codes


def create_negotiation(folder: Path, *, title: str, force: bool = False, parties: tuple[str, ...] = ()) -> list[Path]:
    """Write a config with no rounds yet and an empty ``rounds/`` folder (nothing to delete by
    hand: ``treatydiff add`` brings the first round); refuse to overwrite unless ``force``."""
    if folder.exists() and not folder.is_dir():
        raise UsageError("exists and is not a folder", location=Location(folder), fix="choose a new folder name")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise UsageError("the folder is not empty", location=Location(folder), fix="choose a new folder or pass --force")
    try:
        (folder / "rounds").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot create the folder: {exc.strerror}",
            location=Location(folder),
            fix="choose a path whose parent folders exist and can be written",
        ) from None
    config = folder / "negotiation.yaml"
    safe_title = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    atomic_write_text(config, _CONFIG.format(title=safe_title, parties=_parties(parties)))
    return [config, folder / "rounds"]
