"""Clause files, format version 1: one YAML file per round.

Validation walks the located YAML nodes so every error names file, line and column (or the
provision id) and says how to fix it.  Unknown keys are rejected, never ignored: a typo such
as ``staus:`` must not silently drop an agreement status.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import ClauseFileError, Location
from ..model import AgreementStatus, Provision, ProvisionKind, Round, RoundInfo
from .textio import read_text
from .yamlio import NodeReader, YList, YMap, YNode, YScalar, dump_yaml, parse_yaml

FORMAT_VERSION = 1
ROUND_KEYS = ("label", "number", "party", "date", "title", "source", "language", "notes", "ids")
PROVISION_KEYS = ("id", "label", "kind", "heading", "status", "text", "paragraphs", "notes")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _round_info(reader: NodeReader, node: YNode) -> RoundInfo:
    info = reader.mapping(node, "round", ROUND_KEYS)
    number_text = reader.optional(info, "number", "number")
    number: int | None = None
    if number_text is not None:
        if not number_text.isdigit():
            raise reader.fail(info.items["number"][1], "round number must be a whole number", "write e.g. `number: 3`")
        number = int(number_text)
    date = reader.optional(info, "date", "date")
    if date is not None and not _DATE.match(date):
        raise reader.fail(info.items["date"][1], f"date {date!r} is not YYYY-MM-DD", "write e.g. `date: 2023-05-02`")
    ids = reader.optional(info, "ids", "ids")
    if ids not in (None, "stable", "derived"):
        raise reader.fail(info.items["ids"][1], f"`ids` must be stable or derived, not {ids!r}", "write `ids: derived` for ids made from labels, or remove the line")
    return RoundInfo(
        label=reader.required(info, "label", "round"),
        party=reader.optional(info, "party", "party"),
        date=date,
        title=reader.optional(info, "title", "title"),
        source=reader.optional(info, "source", "source"),
        notes=reader.optional(info, "notes", "notes"),
        number=number,
        language=reader.optional(info, "language", "language"),
        derived_ids=ids == "derived",
    )


def _provision(reader: NodeReader, node: YNode, depth: int) -> Provision:
    if not isinstance(node, YMap):
        raise reader.fail(node, "each provision must be a mapping with at least `id` and `label`", "write `- id: ...` then `label: ...`")
    pid_node = node.items.get("id", (None, None))[1]
    pid = pid_node.value if isinstance(pid_node, YScalar) else None
    reader.mapping(node, "a provision", PROVISION_KEYS, pid)
    pid = reader.required(node, "id", "a provision", pid)
    if not _ID.match(pid):
        raise reader.fail(node.items["id"][1], f"id {pid!r} has characters ids cannot use", "use letters, digits, '-', '_', '.', ':'", pid)
    label = reader.required(node, "label", "a provision", pid)
    kind_text = reader.optional(node, "kind", "kind", pid)
    if kind_text is None:
        kind = ProvisionKind.ARTICLE if depth == 0 else ProvisionKind.PARAGRAPH
    else:
        try:
            kind = ProvisionKind(kind_text)
        except ValueError:
            raise reader.fail(node.items["kind"][1], f"unknown kind {kind_text!r}", f"use one of: {', '.join(k.value for k in ProvisionKind)}", pid) from None
    status_text = reader.optional(node, "status", "status", pid)
    status: AgreementStatus | None = None
    if status_text is not None:
        try:
            status = AgreementStatus(status_text)
        except ValueError:
            raise reader.fail(node.items["status"][1], f"unknown agreement status {status_text!r}", f"use one of: {', '.join(s.value for s in AgreementStatus)}", pid) from None
    paragraphs: tuple[Provision, ...] = ()
    if "paragraphs" in node.items:
        para_node = node.items["paragraphs"][1]
        if not isinstance(para_node, YList):
            raise reader.fail(para_node, "`paragraphs` must be a list", "start each paragraph with `- id: ...`", pid)
        if depth >= 1:
            raise reader.fail(para_node, "paragraphs cannot have paragraphs of their own", "put sub-items (a), (b) in the paragraph's text", pid)
        paragraphs = tuple(_provision(reader, item, depth + 1) for item in para_node.items)
    text = reader.optional(node, "text", "text", pid) or ""
    if not text and not paragraphs and not (reader.optional(node, "heading", "heading", pid)):
        raise reader.fail(node, "provision has no text, heading or paragraphs", "add `text: ...` (write `text: \"[deleted]\"` for a deleted placeholder)", pid)
    return Provision(
        id=pid,
        label=label,
        text=text,
        kind=kind,
        heading=reader.optional(node, "heading", "heading", pid),
        status=status,
        paragraphs=paragraphs,
        notes=reader.optional(node, "notes", "notes", pid),
    )


def _check_unique(reader: NodeReader, provisions: tuple[Provision, ...], nodes: YList) -> None:
    seen_ids: dict[str, str] = {}
    seen_labels: dict[str, str] = {}
    for provision in (p for top in provisions for p in top.walk()):
        if provision.id in seen_ids:
            raise reader.fail(None, f"id {provision.id!r} is used twice", "give each provision its own id", provision.id)
        seen_ids[provision.id] = provision.label
    for top in provisions:
        # Labels are unique among siblings: "1." may recur in each article, "Article 3" may not.
        if top.label in seen_labels:
            raise reader.fail(None, f"label {top.label!r} is used twice (also by {seen_labels[top.label]!r})", "renumber one of them", top.id)
        seen_labels[top.label] = top.id
        inner: dict[str, str] = {}
        for paragraph in top.paragraphs:
            if paragraph.label in inner:
                raise reader.fail(None, f"label {paragraph.label!r} is used twice in {top.label}", "renumber one of them", paragraph.id)
            inner[paragraph.label] = paragraph.id


def round_from_text(text: str, path: Path | str | None = None, name: str = "") -> Round:
    """Parse and validate a clause file's text."""
    reader = NodeReader(path, ClauseFileError)
    root = parse_yaml(text, path)
    if root is None:
        raise ClauseFileError("the clause file is empty", location=Location(path), fix="run `treatydiff init` for an example")
    if isinstance(root, YMap) and {"parties", "rounds"} & root.items.keys() and not {"round", "provisions"} & root.items.keys():
        # A file of the other kind: say so rather than "unknown key 'title'".
        raise ClauseFileError(
            "this is a negotiation config, not a round's clause file",
            location=Location(path),
            fix="check its folder with `treatydiff check DIR`; compare its rounds with `treatydiff compare --negotiation DIR r1 r2`",
        )
    top = reader.mapping(root, "the clause file", ("treatydiff", "round", "provisions"))
    version = reader.required(top, "treatydiff", "the clause file")
    if version != str(FORMAT_VERSION):
        raise reader.fail(top.items["treatydiff"][1], f"unsupported clause file version {version!r}", f"this treatydiff reads version {FORMAT_VERSION}")
    if "round" not in top.items:
        raise reader.fail(top, "missing required key 'round'", "add a `round:` block with at least `label`")
    info = _round_info(reader, top.items["round"][1])
    if "provisions" not in top.items:
        raise reader.fail(top, "missing required key 'provisions'", "add a `provisions:` list")
    nodes = top.items["provisions"][1]
    if not isinstance(nodes, YList) or not nodes.items:
        raise reader.fail(nodes, "`provisions` must be a non-empty list", "start each provision with `- id: ...`")
    provisions = tuple(_provision(reader, item, 0) for item in nodes.items)
    _check_unique(reader, provisions, nodes)
    return Round(info=info, provisions=provisions, name=name, path=str(path) if path else None)


def load_round(path: Path) -> Round:
    """Load one clause file."""
    return round_from_text(read_text(path), path, name=path.stem)


def _provision_document(provision: Provision, depth: int) -> dict[str, Any]:
    doc: dict[str, Any] = {"id": provision.id, "label": provision.label}
    default_kind = ProvisionKind.ARTICLE if depth == 0 else ProvisionKind.PARAGRAPH
    if provision.kind != default_kind:
        doc["kind"] = provision.kind.value
    if provision.heading is not None:
        doc["heading"] = provision.heading
    if provision.status is not None:
        doc["status"] = provision.status.value
    if provision.text:
        doc["text"] = provision.text
    if provision.paragraphs:
        doc["paragraphs"] = [_provision_document(p, depth + 1) for p in provision.paragraphs]
    if provision.notes is not None:
        doc["notes"] = provision.notes
    return doc


def round_document(round_: Round) -> dict[str, Any]:
    """The clause file of a round as plain data, keys in the documented order."""
    info = round_.info
    meta: dict[str, Any] = {"label": info.label}
    if info.number is not None:
        meta["number"] = info.number
    for key in ("party", "date", "title", "source", "language", "notes"):
        value = getattr(info, key)
        if value is not None:
            meta[key] = value
    if info.derived_ids:
        meta["ids"] = "derived"
    return {
        "treatydiff": FORMAT_VERSION,
        "round": meta,
        "provisions": [_provision_document(p, 0) for p in round_.provisions],
    }


def dump_round(round_: Round) -> str:
    """Serialise a round as a clause file; ``round_from_text(dump_round(r))`` equals ``r``."""
    return dump_yaml(round_document(round_))
