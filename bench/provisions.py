"""List a draft's provisions as treatydiff cites them, for people labelling real drafts.

    python bench/provisions.py DRAFT [--full]

One line per provision and per paragraph: the citation used in findings and concordance tables
("Article 4(4)", "Preamble, para 5", "D.(8)") and the opening of its text (``--full``: all of
it).  Labellers cite provisions with these strings; the benchmarks look them up the same way.
It shows the importer's structure only, nothing of the alignment or the analysis.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from treatydiff.importers import import_draft
from treatydiff.model import Provision, cite


def _lines(provision: Provision, parent: str | None, full: bool) -> list[str]:
    citation = cite(parent, provision.label) if parent else provision.label
    text = " ".join(provision.text.split())
    shown = text if full else text[:100] + ("…" if len(text) > 100 else "")
    heading = f" [{provision.heading}]" if provision.heading else ""
    out = [f"{'    ' if parent else ''}{citation}{heading} | {shown}"]
    for paragraph in provision.paragraphs:
        out.extend(_lines(paragraph, provision.label, full))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("draft", type=Path)
    parser.add_argument("--full", action="store_true", help="print whole texts, not openings")
    args = parser.parse_args(argv)
    result = import_draft(args.draft)
    for provision in result.round.provisions:
        for line in _lines(provision, None, args.full):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
