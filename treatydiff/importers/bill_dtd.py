"""Legacy GPO bill.dtd bill versions (no namespace, a DOCTYPE naming bill.dtd): which element
is what.

``<metadata>`` is Dublin Core; ``<form>`` the cover (congress, session, sponsors, committee
action; its ``<official-title>`` is the long title, ``<legis-type>`` "A BILL" the stage);
``<legis-body>`` (``<resolution-body>`` for resolutions) the text, where appropriations titles
list ``<appropriations-major>``, ``-intermediate`` and ``-small`` headers as siblings of the
paragraphs they head.  The enacting clause is printed by GPO's stylesheet, not in the XML.
"""

from __future__ import annotations

import re

from lxml import etree

from ..model import ProvisionKind
from . import billxml as bill
from .bill_units import BillDraft, Dialect, Unit

DIALECT = Dialect(
    num=frozenset({"enum"}),
    heading=frozenset({"header"}),
    levels=bill.LEVELS,
    blocks=frozenset({
        "text", "continuation-text", "quoted-block", "toc", "footnote", "official-title", "whereas",
        "appropriations-major", "appropriations-intermediate", "appropriations-small", "quoted-block-continuation-text",
    }),
    furniture=frozenset({"pagebreak"}),
)
_LEVELS = {"appropriations-major": 0, "appropriations-intermediate": 1, "appropriations-small": 2}
_DATE = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})$")


def _level(element: etree._Element) -> int | None:
    return _LEVELS.get(bill.local(element))


def _iso(value: str | None) -> str | None:
    match = _DATE.match((value or "").strip())
    return "-".join(match.groups()) if match else None


def read_dtd(root: etree._Element) -> BillDraft:
    draft = BillDraft()
    metadata = [e for e in bill.children(root) if bill.local(e) == "metadata"]
    for element in metadata:
        for found in element.iter():
            if bill.local(found) == "title" and draft.title is None:
                draft.title = " ".join(bill.text_of(found).split()) or None
    bill.count_skipped(draft, "metadata (<metadata>, Dublin Core)", metadata)
    dates = [_iso(e.get("date")) for e in root.iter("action-date", "attestation-date")]
    dc_dates = [_iso(e.text) for m in metadata for e in m.iter() if bill.local(e) == "date"]
    draft.date = next((d for d in reversed(dates) if d), None) or next((d for d in dc_dates if d), None)
    form = next((e for e in bill.children(root) if bill.local(e) == "form"), None)
    if form is not None:
        official = [c for c in bill.children(form) if bill.local(c) == "official-title"]
        for pagebreak in (p for o in official for p in o.iter("pagebreak")):
            draft.skipped["pagebreak elements (layout, no text)"] += 1
            pagebreak.getparent().remove(pagebreak)  # type: ignore[union-attr]  # lxml: a found descendant has a parent
        lines = bill.render(official, DIALECT, draft)
        if lines:
            draft.units.append(Unit(label="Long title", kind=ProvisionKind.PREAMBLE, lines=lines))
        bill.count_skipped(draft, "cover page (<form>: congress, session, sponsors, committee action, \"A BILL\")",
                      [c for c in bill.children(form) if bill.local(c) != "official-title"])
    recitals = 0
    for preamble in (e for e in bill.children(root) if bill.local(e) == "preamble"):
        for part in bill.children(preamble):
            lines = bill.render([part], DIALECT, draft)
            if lines:
                recitals += 1
                draft.units.append(Unit(label=f"Preamble, para {recitals}", kind=ProvisionKind.PREAMBLE, lines=lines))
    bodies = [e for e in bill.children(root) if bill.local(e) in ("legis-body", "resolution-body")]
    for body in bodies:
        bill.body_units(body, DIALECT, draft, _level)
    bill.count_skipped(draft, "attestation, signatures and endorsement",
                  [e for e in bill.children(root) if bill.local(e) not in ("metadata", "form", "preamble", "legis-body", "resolution-body")])
    return draft
