"""Redlines that no comparison computed, kept between runs.

A synopsis column may skip rounds (first proposal | current), and a provision split or merged
has no single pair to reuse: those cells and history entries are diffed by the view.  The view
asks :func:`redline_between`, which looks in the timeline's :class:`RedlineStore` first, so a
second ``synopsis`` or ``report`` diffs nothing.

Entries live beside the comparisons (same folder rules, same code fingerprint) as JSON: the
operations and lengths of the segments only, their words cut from the two texts the key was
made of.  An entry is validated on load (types, and lengths that cover both texts exactly);
one that fails is recomputed, so a damaged or planted entry can only cost time, never change
what is shown.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Protocol

from ..formats.textio import atomic_write_bytes
from ..model import CompareOptions, Op, Segment

_FORMAT = "treatydiff-redline 1"
_OPS = {"=": Op.EQUAL, "-": Op.DELETE, "+": Op.INSERT}
_CODES = {op: code for code, op in _OPS.items()}


class RedlineStore(Protocol):
    def get(self, before: str, after: str, options: CompareOptions) -> tuple[Segment, ...] | None: ...

    def put(self, before: str, after: str, options: CompareOptions, segments: tuple[Segment, ...]) -> None: ...


def redline_key(before: str, after: str, options: CompareOptions) -> str:
    digest = hashlib.sha256(repr(options).encode("utf-8"))
    for text in (before, after):
        data = text.encode("utf-8")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def encode_redline(segments: tuple[Segment, ...]) -> bytes:
    rows = [[_CODES[s.op], len(s.text), int(s.ignorable)] for s in segments]
    return json.dumps({"format": _FORMAT, "segments": rows}, separators=(",", ":")).encode("utf-8")


def decode_redline(data: bytes, before: str, after: str) -> tuple[Segment, ...] | None:
    """The segments, or ``None`` unless they are well formed and cover both texts exactly."""
    try:
        document = json.loads(data)
    except ValueError:
        return None
    if not isinstance(document, dict) or document.get("format") != _FORMAT or not isinstance(document.get("segments"), list):
        return None
    segments: list[Segment] = []
    i = j = 0
    for row in document["segments"]:
        if not (isinstance(row, list) and len(row) == 3 and row[0] in _OPS and type(row[1]) is int and row[1] > 0 and row[2] in (0, 1)):
            return None
        op, length = _OPS[row[0]], row[1]
        if op == Op.INSERT:
            text = after[j : j + length]
            j += length
        else:
            text = before[i : i + length]
            if op == Op.EQUAL:
                if after[j : j + length] != text:
                    return None
                j += length
            i += length
        if len(text) != length:
            return None
        segments.append(Segment(op, text, bool(row[2])))
    if i != len(before) or j != len(after):
        return None
    return tuple(segments)


class DiskRedlineStore:
    """:class:`RedlineStore` in a folder (see :class:`treatydiff.timeline.cache.DiskComparisonStore`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, before: str, after: str, options: CompareOptions) -> tuple[Segment, ...] | None:
        try:
            data = self._path(redline_key(before, after, options)).read_bytes()
        except OSError:
            return None
        return decode_redline(data, before, after)

    def put(self, before: str, after: str, options: CompareOptions, segments: tuple[Segment, ...]) -> None:
        try:
            atomic_write_bytes(self._path(redline_key(before, after, options)), encode_redline(segments))
        except Exception:  # best effort: the redline is already computed
            return
