"""The concordance table written out: text for the terminal, CSV for a spreadsheet, JSON for
machines (``treatydiff schema concordance``) and a self-contained HTML page.

The rows come from :func:`treatydiff.diff.concordance.concordance`; this module only writes them.
"""

from __future__ import annotations

import csv
import io
import json

from ..diff.concordance import Concordance
from .templating import standalone_negotiation_page
from .textstyle import terminal_safe

FORMATS = ("text", "csv", "json", "html")

# What each relation means to a reader of the table (the HTML legend and the text footer).
RELATIONS = {
    "same": "same place and number (text perhaps edited)",
    "renumbered": "same text, another number",
    "moved": "now stands elsewhere",
    "split": "one old provision now stands in several",
    "merged": "several old provisions now stand in one",
    "rewritten": "same provision, little wording kept",
    "added": "no predecessor",
    "deleted": "no successor",
}


def to_text(table: Concordance) -> bytes:
    rows = [(r.old_cell, r.new_cell, r.relation.value, r.similarity_cell) for r in table.rows]
    head = (f"old: {table.old_round}", f"new: {table.new_round}", "relation", "similarity")
    # Citations come from the drafts: no control character of theirs reaches a terminal.
    widths = [max(len(terminal_safe(row[k])) for row in [head, *rows]) for k in range(3)]
    lines = ["  ".join(terminal_safe(cell).ljust(widths[k]) if k < 3 else terminal_safe(cell) for k, cell in enumerate(row)).rstrip() for row in [head, *rows]]
    counts: dict[str, int] = {}
    for r in table.rows:
        counts[r.relation.value] = counts.get(r.relation.value, 0) + 1
    lines.append("")
    lines.append(", ".join(f"{counts[name]} {name}" for name in RELATIONS if name in counts))
    return ("\n".join(lines) + "\n").encode("utf-8")


def to_csv(table: Concordance) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["old", "new", "relation", "similarity"])
    for r in table.rows:
        # A spreadsheet wants an empty cell, not "—", for an added or deleted provision's other side.
        writer.writerow([" + ".join(r.old), " + ".join(r.new), r.relation.value, r.similarity_cell])
    return out.getvalue().encode("utf-8")


def to_json(table: Concordance) -> bytes:
    return (json.dumps(table.as_json(), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def to_html(table: Concordance, *, title: str, illustrative: bool = False) -> bytes:
    return standalone_negotiation_page(
        "negotiation/concordance.html.j2", page_title=f"Concordance · {title}", negotiation_title=title,
        illustrative=illustrative, table=table, relations=RELATIONS)


def render_concordance(table: Concordance, fmt: str, *, title: str = "", illustrative: bool = False) -> bytes:
    if fmt == "csv":
        return to_csv(table)
    if fmt == "json":
        return to_json(table)
    if fmt == "html":
        return to_html(table, title=title or f"{table.old_round} → {table.new_round}", illustrative=illustrative)
    return to_text(table)


__all__ = ["FORMATS", "RELATIONS", "render_concordance"]
