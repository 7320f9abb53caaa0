"""``treatydiff init``: a new negotiation folder that passes ``treatydiff check`` as created."""

from __future__ import annotations

from pathlib import Path

from ..errors import Location, OutputError, UsageError
from .textio import atomic_write_text

_CONFIG = """\
# treatydiff negotiation config, format version 1 (see README: "File formats").
treatydiff: 1
title: {title}
description: What is being negotiated, between whom.
illustrative: false
languages: [en]
parties:
  - code: A
    name: Party A
    aliases: [the first Party]
  - code: B
    name: Party B
    aliases: [the second Party]
rounds:
  - rounds/r1.yaml
"""

_ROUND = """\
# One clause file per round. Ids are stable across rounds; labels are what the draft shows.
treatydiff: 1
round:
  label: Round 1
  number: 1
  party: A
  date: "2024-01-15"
  title: First proposal
provisions:
  - id: preamble-1
    label: Preamble, para 1
    kind: preamble
    text: Desiring to establish good-neighbourly relations,
  - id: art-1
    label: Article 1
    heading: Borders
    status: proposed
    paragraphs:
      - id: art-1-1
        label: "1."
        text: The Parties [shall][should] respect each other's borders.
"""


def create_negotiation(folder: Path, *, title: str, force: bool = False) -> list[Path]:
    """Write a config and a first round; refuse to overwrite unless ``force``."""
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
    first = folder / "rounds" / "r1.yaml"
    safe_title = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    atomic_write_text(config, _CONFIG.format(title=safe_title))
    atomic_write_text(first, _ROUND)
    return [config, first]
