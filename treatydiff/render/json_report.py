"""JSON renderer: the comparison as data, per the published schema ``comparison.schema.json``.

Other tools read this, so the shape is stable (``format_version`` changes when it is not) and
the output is deterministic: fields in a fixed order, no timestamps, UTF-8 with a trailing
newline.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..collector import collector_paused
from ..model import ChangeKind, Direction, Op, ProvisionKind
from ..views.parties import comparison_standing, standing_document, verdict_document
from ..views.perspective import perspective_of
from ..views.summary import LevelSummary, summarize

if TYPE_CHECKING:
    from ..model import (
        BracketTally,
        ClausePair,
        Comparison,
        Finding,
        NegotiationInfo,
        Provision,
        RoundInfo,
        Segment,
        Span,
    )
    from . import RenderOptions

FORMAT_VERSION = 1
# Plain strings for the enums: an enum's `.value` is a slow descriptor, and a large treaty
# has hundreds of thousands of segments.
_OPS = {op: op.value for op in Op}
_KINDS = {kind: kind.value for kind in ChangeKind}
_PROVISION_KINDS = {kind: kind.value for kind in ProvisionKind}


def _round(info: RoundInfo, name: str) -> dict[str, Any]:
    return {
        "label": info.label,
        "name": name or None,
        "party": info.party,
        "date": info.date,
        "title": info.title,
        "number": info.number,
        "language": info.language,
        "source": info.source,
    }


def _side(provision: Provision | None) -> dict[str, Any] | None:
    if provision is None:
        return None
    return {
        "id": provision.id, "label": provision.label, "kind": _PROVISION_KINDS[provision.kind],
        "heading": provision.heading, "notes": provision.notes,
    }


def segments_document(segments: Sequence[Segment]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for segment in segments:
        item: dict[str, Any] = {"op": _OPS[segment.op], "text": segment.text}
        if segment.ignorable:
            item["ignorable"] = True
        out.append(item)
    return out


def pair_document(pair: ClausePair) -> dict[str, Any]:
    return {
        "key": pair.key,
        "old": _side(pair.old),
        "new": _side(pair.new),
        "kinds": [_KINDS[k] for k in pair.kinds],
        "similarity": pair.similarity,
        "segments": segments_document(pair.segments),
        "heading_segments": segments_document(pair.heading_segments),
        "notes_segments": segments_document(pair.notes_segments),
        "related": list(pair.related),
        "old_parent": pair.old_parent,
        "new_parent": pair.new_parent,
        "paragraphs": [pair_document(child) for child in pair.paragraphs],
    }


def _span(span: Span | None) -> dict[str, int] | None:
    return None if span is None else {"start": span.start, "end": span.end}


def finding_document(finding: Finding) -> dict[str, Any]:
    """One finding as plain data (the same in ``compare``'s and ``history``'s JSON)."""
    return {
        "code": finding.code,
        "direction": finding.direction.value,
        "pair_key": finding.pair_key,
        "old_label": finding.old_label,
        "new_label": finding.new_label,
        "old_words": finding.old_words,
        "new_words": finding.new_words,
        "rule": finding.rule,
        "explanation": finding.explanation,
        "language": finding.language,
        "obligated": list(finding.obligated),
        "favours": list(finding.favours),
        "old_span": _span(finding.old_span),
        "new_span": _span(finding.new_span),
    }


def tally_document(tally: BracketTally) -> dict[str, int]:
    return {"brackets": tally.brackets, "options": tally.options}


def _negotiation(info: NegotiationInfo | None) -> dict[str, Any] | None:
    if info is None:
        return None
    return {
        "title": info.title,
        "illustrative": info.illustrative,
        "parties": [{"code": p.code, "name": p.name} for p in info.parties],
    }


def _level_document(level: LevelSummary) -> dict[str, Any]:
    return {
        "pairs": level.pairs,
        "kinds": {kind.value: n for kind, n in level.kinds},
        "changed": level.changed,
        "renumbered_only": level.renumbered_only,
    }


def summary_counts(comparison: Comparison) -> dict[str, Any]:
    """The one summary (:func:`treatydiff.views.summary.summarize`) as data.

    ``pairs`` and ``kinds`` count article-level pairs as they always have; ``changed`` and
    ``renumbered_only`` are of articles too; ``paragraphs`` counts the paragraph level the same
    way, and ``findings`` all findings (format 1, fields added)."""
    summary = summarize(comparison)
    articles = _level_document(summary.articles)
    return {
        "pairs": articles["pairs"],
        "kinds": articles["kinds"],
        "regressions": summary.findings_of(Direction.REGRESSION),
        "progress": summary.findings_of(Direction.PROGRESS),
        "review": summary.findings_of(Direction.REVIEW),
        "changed": articles["changed"],
        "renumbered_only": articles["renumbered_only"],
        "paragraphs": _level_document(summary.paragraphs),
        "findings": summary.total_findings,
    }


def _annotated(finding: Finding, finding_id: str, comparison: Comparison, options: RenderOptions) -> dict[str, Any]:
    """A finding of the comparison: its stable id, and with ``--as`` and review decisions,
    what it means for that party and what the readers decided."""
    document = {"id": finding_id, **finding_document(finding)}
    if options.perspective is not None:
        parties = comparison.negotiation.parties if comparison.negotiation is not None else ()
        view = perspective_of(finding, options.perspective, parties)
        document["perspective"] = {"party": view.party, "effect": view.effect, "reason": view.reason}
    review = options.review_of(finding_id)
    if review is not None:
        document["review"] = {"decision": review.decision, "note": review.note}
    return document


def comparison_document(comparison: Comparison, options: RenderOptions | None = None,
                        pair: Callable[[ClausePair], Any] = pair_document) -> dict[str, Any]:
    """The comparison as plain data in the schema's field order (each article pair as ``pair``
    makes it)."""
    from . import RenderOptions

    options = options if options is not None else RenderOptions()
    standing = comparison_standing(comparison)
    ids = options.finding_ids(comparison)
    return {
        "format_version": FORMAT_VERSION,
        "old": _round(comparison.old, comparison.old_round.name),
        "new": _round(comparison.new, comparison.new_round.name),
        "negotiation": _negotiation(comparison.negotiation),
        "options": {
            "ignore_case": comparison.options.ignore_case,
            "ignore_whitespace": comparison.options.ignore_whitespace,
            "ignore_punctuation": comparison.options.ignore_punctuation,
            "numbers_as_words": comparison.options.numbers_as_words,
        },
        "summary": summary_counts(comparison),
        "verdict": verdict_document(standing),
        "by_party": standing_document(standing),
        "brackets": {"old": tally_document(comparison.old_brackets), "new": tally_document(comparison.new_brackets)},
        "pairs": [pair(p) for p in comparison.pairs],
        "findings": [_annotated(f, i, comparison, options) for f, i in zip(comparison.findings, ids, strict=True)],
        "dismissed": [_annotated(f, i, comparison, options) for i, f in options.dismissed],
    }


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# The encoder json.dumps(ensure_ascii=False) uses for strings (in C).
_STRING: Callable[[str], str] = json.encoder.encode_basestring


def _scalar(value: Any) -> str:
    """``_dumps(value)`` for a field of a pair, faster for the strings and numbers it holds."""
    kind = type(value)
    if kind is str:
        return _STRING(value)
    if value is None:
        return "null"
    if kind is float and value - value == 0:  # finite (json spells NaN and Infinity its own way)
        return float.__repr__(value)
    return _dumps(value)


def _segments_json(segments: Sequence[Segment]) -> str:
    return "[" + ",".join(
        f'{{"op":"{_OPS[s.op]}","text":{_STRING(s.text)},"ignorable":true}}' if s.ignorable
        else f'{{"op":"{_OPS[s.op]}","text":{_STRING(s.text)}}}'
        for s in segments
    ) + "]"


def _side_json(provision: Provision | None) -> str:
    if provision is None:
        return "null"
    return (f'{{"id":{_scalar(provision.id)},"label":{_scalar(provision.label)},"kind":"{_PROVISION_KINDS[provision.kind]}",'
            f'"heading":{_scalar(provision.heading)},"notes":{_scalar(provision.notes)}}}')


def pair_json(pair: ClausePair) -> str:
    """``_dumps(pair_document(pair))``, written directly: the pairs are nearly all of a report,
    and encoding their text without first building a dict per segment takes half the time."""
    kinds = ",".join(f'"{_KINDS[k]}"' for k in pair.kinds)
    related = ",".join(_scalar(r) for r in pair.related)
    paragraphs = ",".join(pair_json(child) for child in pair.paragraphs)
    return (f'{{"key":{_scalar(pair.key)},"old":{_side_json(pair.old)},"new":{_side_json(pair.new)},"kinds":[{kinds}],'
            f'"similarity":{_scalar(pair.similarity)},"segments":{_segments_json(pair.segments)},'
            f'"heading_segments":{_segments_json(pair.heading_segments)},"notes_segments":{_segments_json(pair.notes_segments)},'
            f'"related":[{related}],"old_parent":{_scalar(pair.old_parent)},"new_parent":{_scalar(pair.new_parent)},'
            f'"paragraphs":[{paragraphs}]}}')


def render(comparison: Comparison, options: RenderOptions) -> bytes:
    """One top-level field per line and one article pair per line.

    Line-per-pair keeps the file readable in a pager and diffable between runs, and lets the
    C encoder do the work (an indented dump is about ten times slower on a large treaty).
    """
    # Building the document makes small dicts and strings; the cyclic collector would rescan
    # the whole comparison each time (superlinear on a large treaty), and none of these
    # objects form cycles.
    with collector_paused():
        document = comparison_document(comparison, options, pair_json)
    # One flat list of pieces, joined once: the report is written out of as few copies of
    # itself as can be (a 10,000-article report is some 25 MB of text).
    pieces = ["{\n"]
    last = len(document) - 1
    for n, (name, value) in enumerate(document.items()):
        comma = ",\n" if n < last else "\n"
        if name in ("pairs", "findings", "dismissed") and value:
            pieces.append(f"{_dumps(name)}: [\n")
            for k, item in enumerate(value):
                pieces.append("  ")
                pieces.append(item if name == "pairs" else _dumps(item))
                pieces.append(",\n" if k < len(value) - 1 else "\n")
            pieces.append("]" + comma)
        else:
            pieces.append(f"{_dumps(name)}: {_dumps(value)}{comma}")
    pieces.append("}\n")
    document.clear()  # its pairs, as text, are in the pieces now
    return "".join(pieces).encode("utf-8")
