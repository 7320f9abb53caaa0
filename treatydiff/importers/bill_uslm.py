"""USLM 2.x bill versions (namespace http://schemas.gpo.gov/xml/uslm): which element is what.

``<meta>`` is metadata; ``<preface>`` the cover (congress, session, sponsors, committee
actions); ``<main>`` the bill: ``<longTitle>`` (its ``<docTitle>`` "A BILL"/"AN ACT" is the
stage, its ``<officialTitle>`` the long title), ``<preamble>`` recitals, the enacting or
resolving clause, then sections and titles.  Attestations and signatures close it.
"""

from __future__ import annotations

import re

from lxml import etree

from ..model import ProvisionKind
from . import billxml as bill
from .bill_units import BillDraft, Dialect, Unit

DIALECT = Dialect(
    num=frozenset({"num"}),
    heading=frozenset({"heading"}),
    levels=bill.LEVELS | {"subsubitem", "level"},
    blocks=frozenset({
        "chapeau", "content", "continuation", "p", "quotedContent", "block", "toc", "note", "footnote",
        "appropriations", "recital", "longTitle", "officialTitle", "enactingFormula", "resolvingClause",
    }),
    furniture=frozenset({"page", "br"}),
)
_LEVELS = {"major": 0, "intermediate": 1, "small": 2}
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _level(element: etree._Element) -> int | None:
    return _LEVELS.get(element.get("level") or "", 2) if bill.local(element) == "appropriations" else None


def read_uslm(root: etree._Element) -> BillDraft:
    draft = BillDraft()
    meta = [e for e in bill.children(root) if bill.local(e) == "meta"]
    for element in meta:
        title = next((c for c in bill.children(element) if bill.local(c) == "title"), None)
        draft.title = " ".join(bill.text_of(title).split()) or None if title is not None else None
    bill.count_skipped(draft, "metadata (<meta>)", meta)
    preface = [e for e in bill.children(root) if bill.local(e) == "preface"]
    dates = [d.get("date") or "" for p in preface for d in p.iter(f"{{{root.nsmap.get(None, '')}}}date")]
    draft.date = next((d for d in reversed(dates) if _ISO.match(d)), None)
    bill.count_skipped(draft, "cover page (<preface>: congress, session, sponsors, committee actions)", preface)
    main = next((e for e in bill.children(root) if bill.local(e) == "main"), None)
    closing = [e for e in bill.children(root) if bill.local(e) not in ("meta", "preface", "main")]
    if main is None:
        bill.count_skipped(draft, "elements outside <main>", closing)
        return draft
    closing += [e for e in bill.children(main) if bill.local(e) in ("attestation", "signatures", "endorsement", "endMarker")]
    bill.count_skipped(draft, "attestation, signatures and endorsement", closing)
    recitals = 0
    for element in bill.children(main):
        name = bill.local(element)
        if name == "longTitle":
            stage = [c for c in bill.children(element) if bill.local(c) == "docTitle"]
            bill.count_skipped(draft, "document type line (\"A BILL\", \"AN ACT\": the stage, not text)", stage)
            official = [c for c in bill.children(element) if bill.local(c) != "docTitle"]
            lines = bill.render(official, DIALECT, draft)
            if lines:
                draft.units.append(Unit(label="Long title", kind=ProvisionKind.PREAMBLE, lines=lines))
        elif name == "preamble":
            for part in bill.children(element):
                lines = bill.render([part], DIALECT, draft)
                if not lines:
                    continue
                if bill.local(part) == "resolvingClause":
                    draft.units.append(Unit(label="Resolving clause", kind=ProvisionKind.PREAMBLE, lines=lines))
                else:
                    recitals += 1
                    draft.units.append(Unit(label=f"Preamble, para {recitals}", kind=ProvisionKind.PREAMBLE, lines=lines))
        elif name in ("enactingFormula", "resolvingClause"):
            label = "Enacting clause" if name == "enactingFormula" else "Resolving clause"
            lines = bill.render([element], DIALECT, draft)
            if lines:
                draft.units.append(Unit(label=label, kind=ProvisionKind.PREAMBLE, lines=lines))
    body = [e for e in bill.children(main) if bill.local(e) not in ("longTitle", "preamble", "enactingFormula", "resolvingClause",
                                                             "attestation", "signatures", "endorsement", "endMarker")]
    holder = etree.Element("main")
    holder.extend(body)  # the body's sections and titles, walked as one container
    bill.body_units(holder, DIALECT, draft, _level)
    return draft
