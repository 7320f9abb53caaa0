"""A user's own terms for the analysis (``negotiation.yaml`` under ``lexicon:``), checked and
merged into a built-in lexicon's data before it is built (see :mod:`.lexicon`).

A user's term is data, never code: plain phrases are escaped, and a ``re:`` pattern that could
backtrack for hours is refused with a :class:`~treatydiff.errors.ConfigError` naming its place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..errors import ConfigError, Location

USER_KEYS = ("ladders", "markers", "equivalences", "all_parties", "urgency")


# A user's term is a plain phrase; one written "re: …" is a regular expression.  A pattern may
# not repeat a group: "(a|aa)+b" kept `compare` busy past 90 s on forty letters (catastrophic
# backtracking), and every such blow-up needs a repeated group or alternation inside a repeat.
PATTERN_PREFIX = "re:"
_REPEATED_GROUP = re.compile(r"(?<!\\)\)(?:[*+]|\{\d*,\d*\})")


def _user_terms(value: Any, where: str) -> tuple[str, ...]:
    """A user's terms as patterns: plain phrases escaped, ``re:`` patterns checked."""
    out: list[str] = []
    for term in _strings(value, where):
        if not term.startswith(PATTERN_PREFIX):
            out.append(" ".join(re.escape(word) for word in term.split()))
            continue
        pattern = term[len(PATTERN_PREFIX):].strip()
        if _REPEATED_GROUP.search(pattern):
            raise ConfigError(
                f"lexicon pattern {term!r} in {where} repeats a group, which can make matching run for hours",
                location=Location(provision=where),
                fix="write the alternatives out as separate terms, or drop the '+', '*' or '{n,}' after ')'",
            )
        out.append(pattern)
    return tuple(out)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"lexicon {where} must be a list of terms", fix=f"write `{where}: [term, term]`")
    return tuple(value)


def merge_user(data: dict[str, Any], extra: Mapping[str, Any], language: str) -> dict[str, Any]:
    """Built-in data with a user's extra terms for one language merged in."""
    merged = dict(data)
    for key, value in extra.items():
        where = f"lexicon.{language}.{key}"
        if key not in USER_KEYS:
            raise ConfigError(f"unknown key {key!r} in lexicon.{language}", fix=f"allowed keys: {', '.join(USER_KEYS)}")
        if key == "ladders":
            if not isinstance(value, dict):
                raise ConfigError(f"{where} must map a ladder id to `rank: [terms]`", fix="write `modal: {5: [is duty-bound to]}`")
            ladders = [dict(item) for item in merged["ladders"]]
            for ladder_id, ranks in value.items():
                target = next((lad for lad in ladders if lad["id"] == ladder_id), None)
                if target is None or not isinstance(ranks, dict):
                    known = ", ".join(lad["id"] for lad in ladders)
                    raise ConfigError(f"{where}.{ladder_id} is not a ladder of {language}", fix=f"use one of: {known}, each with `rank: [terms]`")
                steps = [dict(step) for step in target["steps"]]
                for rank, terms in ranks.items():
                    step = next((s for s in steps if str(s["rank"]) == str(rank)), None)
                    if step is None:
                        ranks_known = ", ".join(str(s["rank"]) for s in steps)
                        raise ConfigError(f"{where}.{ladder_id} has no rank {rank}", fix=f"use one of: {ranks_known}")
                    step["terms"] = [*_user_terms(terms, f"{where}.{ladder_id}.{rank}"), *step["terms"]]
                target["steps"] = steps
            merged["ladders"] = ladders
        elif key == "markers":
            if not isinstance(value, dict):
                raise ConfigError(f"{where} must map a marker id to a list of terms", fix="write `qualifier: [term]`")
            markers = [dict(item) for item in merged["markers"]]
            for marker_id, terms in value.items():
                target = next((m for m in markers if m["id"] == marker_id), None)
                if target is None:
                    raise ConfigError(f"{where}.{marker_id} is not a marker of {language}", fix=f"use one of: {', '.join(m['id'] for m in markers)}")
                target["terms"] = [*_user_terms(terms, f"{where}.{marker_id}"), *target["terms"]]
            merged["markers"] = markers
        elif key == "equivalences":
            if not isinstance(value, list) or not all(isinstance(g, list) for g in value):
                raise ConfigError(f"{where} must be a list of groups", fix="write `equivalences: [[begin, commence]]`")
            merged["equivalences"] = [*merged["equivalences"], *[list(_strings(g, where)) for g in value]]
        elif key == "urgency":
            raise ConfigError(f"{where} cannot be extended yet", fix="add deadline words as a `markers` entry or ask for the feature")
        else:
            merged[key] = [*_user_terms(value, where), *merged[key]]
    return merged
