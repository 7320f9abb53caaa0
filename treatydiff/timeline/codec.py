"""The cache's data format: JSON validated on load, never pickles.

Every value read back is checked for its type (:func:`of_type` …); anything unexpected raises
:class:`Invalid`, so the cache discards the entry and recomputes it.  Rounds are stored whole;
comparisons in the compact form of :mod:`.codec_pairs`.
"""

from __future__ import annotations

import gc
import json
from typing import Any, NoReturn

from ..model import AgreementStatus, Provision, ProvisionKind, Round, RoundInfo


def invalid(problem: str) -> NoReturn:
    raise Invalid(problem)


class Invalid(ValueError):
    """A cache entry that is not what we write: discarded, never trusted."""


class DamagedEntry(Exception):
    """A cache entry whose damage showed only when a view first decoded a pair of it (segments
    are checked then, not on reading the entry): the store has removed it, and the caller
    computes the view again from a fresh timeline (:func:`treatydiff.usecases.on_timeline`)."""


VERSION = 5  # 3: pairs carry their notes diff; 4: parties' members and the round authors; 5: pairs in columns
_NONE = type(None)


def of_type(value: Any, kind: type) -> Any:
    if type(value) is not kind:
        invalid(f"expected {kind.__name__}, got {type(value).__name__}")
    return value


def maybe_of(value: Any, kind: type) -> Any:
    return None if value is None else of_type(value, kind)


def list_of(value: Any, length: int | None = None) -> list[Any]:
    if type(value) is not list or (length is not None and len(value) != length):
        invalid("a list of the wrong shape")
    return value


def strings_of(value: Any) -> tuple[str, ...]:
    items = list_of(value)
    if any(type(item) is not str for item in items):
        invalid("expected strings")
    return tuple(items)


def number_of(value: Any) -> float:
    if type(value) not in (int, float):
        invalid("expected a number")
    return float(value)


def dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def loads(data: bytes) -> Any:
    # Parsing makes hundreds of thousands of lists, none in a cycle: the cyclic collector
    # would rescan them all as they pile up (superlinear; four times the parse itself).
    collecting = gc.isenabled()
    gc.disable()
    try:
        # NaN and infinities are refused: we never write them, so they mark a foreign entry.
        return json.loads(data, parse_constant=invalid)
    finally:
        if collecting:
            gc.enable()


def _provision_out(p: Provision) -> list[Any]:
    return [
        p.id, p.label, p.text, p.kind.value, p.heading, p.status.value if p.status else None,
        [_provision_out(child) for child in p.paragraphs], p.notes,
    ]


_PROVISION_KINDS = {kind.value: kind for kind in ProvisionKind}
_STATUSES = {status.value: status for status in AgreementStatus}


def _provision_in(data: Any, depth: int = 0) -> Provision:
    # Plain type tests, positional fields: a warm ``history`` reads some 60,000 provisions.
    if type(data) is not list or len(data) != 8 or depth > 8:  # clause files nest two levels
        invalid("a malformed provision")
    id_, label, text, kind, heading, status, children, notes = data
    found_kind = _PROVISION_KINDS.get(kind) if type(kind) is str else None
    found_status = _STATUSES.get(status) if type(status) is str else None
    if (
        found_kind is None
        or (status is not None and found_status is None)
        or type(id_) is not str
        or type(label) is not str
        or type(text) is not str
        or (heading is not None and type(heading) is not str)
        or (notes is not None and type(notes) is not str)
        or type(children) is not list
    ):
        invalid("a malformed provision")
    paragraphs = tuple([_provision_in(child, depth + 1) for child in children]) if children else ()
    return Provision(id_, label, text, found_kind, heading, found_status, paragraphs, notes)


def encode_round(round_: Round) -> bytes:
    i = round_.info
    info = [i.label, i.party, i.date, i.title, i.source, i.notes, i.number, i.language, i.derived_ids]
    return dumps([info, [_provision_out(p) for p in round_.provisions], round_.name, round_.path])


def decode_round(data: bytes) -> Round:
    info, provisions, name, path = list_of(loads(data), 4)
    label, party, date, title, source, notes, number, language, derived_ids = list_of(info, 9)
    round_ = Round(
        info=RoundInfo(
            label=of_type(label, str),
            party=maybe_of(party, str),
            date=maybe_of(date, str),
            title=maybe_of(title, str),
            source=maybe_of(source, str),
            notes=maybe_of(notes, str),
            number=maybe_of(number, int),
            language=maybe_of(language, str),
            derived_ids=of_type(derived_ids, bool),
        ),
        provisions=tuple(_provision_in(p) for p in list_of(provisions)),
        name=of_type(name, str),
        path=maybe_of(path, str),
    )
    ids = [p.id for p in round_.walk()]
    if len(set(ids)) != len(ids):  # load_round refuses these; so does its cache
        invalid("a provision id used twice")
    return round_
