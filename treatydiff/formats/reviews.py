"""``reviews.yaml``: the review decisions kept inside a negotiation folder.

A small file the team keeps under version control, one entry per finding checked, sorted by
finding id so that two people's decisions merge as lines::

    treatydiff: 1
    reviews:
      - finding: art-7-3.qualifier-removed.5d1c09a2
        decision: dismissed
        note: the qualifier moved to Article 7(4), same effect
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..errors import ConfigError, Location
from ..model import Review
from .textio import atomic_write_text, read_text
from .yamlio import NodeReader, YList, dump_yaml, parse_yaml

REVIEWS_NAME = "reviews.yaml"
DECISIONS = ("confirmed", "dismissed")
_KEYS = ("treatydiff", "reviews")
_ENTRY_KEYS = ("finding", "decision", "note")


def read_reviews(folder: Path) -> dict[str, Review]:
    """The decisions by finding id (none when the folder has no reviews.yaml yet)."""
    path = folder / REVIEWS_NAME
    if not path.is_file():
        return {}
    reader = NodeReader(path, ConfigError)
    root = parse_yaml(read_text(path), path)
    if root is None:
        return {}
    top = reader.mapping(root, "the review file", _KEYS)
    version = reader.required(top, "treatydiff", "the review file")
    if version != "1":
        raise reader.fail(top.items["treatydiff"][1], f"unsupported review file version {version!r}", "this treatydiff reads version 1")
    node = top.items["reviews"][1] if "reviews" in top.items else None
    if node is None:
        return {}
    if not isinstance(node, YList):
        raise reader.fail(node, "`reviews` must be a list", "write one `- finding: ID` entry per decision")
    found: dict[str, Review] = {}
    for item in node.items:
        entry = reader.mapping(item, "a review", _ENTRY_KEYS)
        finding = reader.required(entry, "finding", "a review")
        decision = reader.required(entry, "decision", "a review")
        if decision not in DECISIONS:
            raise reader.fail(entry.items["decision"][1], f"unknown decision {decision!r}", "write `decision: confirmed` or `decision: dismissed`")
        if finding in found:
            raise reader.fail(entry.items["finding"][1], f"finding {finding!r} is reviewed twice", "keep one decision per finding")
        found[finding] = Review(decision, reader.optional(entry, "note", "note") or "")
    return found


def reviews_text(reviews: Mapping[str, Review]) -> str:
    entries = [{"finding": k, "decision": r.decision, "note": r.note} for k, r in sorted(reviews.items())]
    return "# Review decisions on findings, kept by `treatydiff review`: see README, \"Review\".\n" + dump_yaml(
        {"treatydiff": 1, "reviews": entries})


def write_reviews(folder: Path, reviews: Mapping[str, Review]) -> Path:
    path = folder / REVIEWS_NAME
    text = reviews_text(reviews)
    parse_yaml(text, path)  # what is written reads back
    if not folder.is_dir():
        raise ConfigError("no such negotiation folder", location=Location(folder), fix="check the path")
    atomic_write_text(path, text)
    return path
