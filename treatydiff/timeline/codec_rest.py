"""Everything of a cached comparison but its pairs: findings, options, the negotiation's
parties and the bracket tallies, each value checked for its type when read back."""

from __future__ import annotations

from typing import Any

from ..model import (
    Author,
    BracketTally,
    CompareOptions,
    Comparison,
    Direction,
    Finding,
    NegotiationInfo,
    Party,
    Round,
    RoundInfo,
    Span,
)
from .codec import list_of, maybe_of, number_of, of_type, strings_of

EMPTY_ROUND = Round(info=RoundInfo(label=""), provisions=())


def _span_out(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]


def _span_in(data: Any) -> Span | None:
    if data is None:
        return None
    start, end = list_of(data, 2)
    return Span(of_type(start, int), of_type(end, int))


def rest_out(comparison: Comparison) -> list[Any]:
    """Everything of a comparison but its rounds and pairs."""
    o, n = comparison.options, comparison.negotiation
    return [
        [
            [f.code, f.direction.value, f.pair_key, f.old_label, f.new_label, f.old_words, f.new_words, f.rule,
             f.explanation, f.language, list(f.obligated), list(f.favours), _span_out(f.old_span), _span_out(f.new_span)]
            for f in comparison.findings
        ],
        [o.ignore_case, o.ignore_whitespace, o.ignore_punctuation, o.numbers_as_words, o.detect_moves, o.similarity_threshold, o.analyse],
        None if n is None else [n.title, [[p.code, p.name, list(p.aliases), list(p.members)] for p in n.parties], n.illustrative,
                                list(n.languages), [[a.code, a.name, a.role] for a in n.authors]],
        [comparison.old_brackets.brackets, comparison.old_brackets.options],
        [comparison.new_brackets.brackets, comparison.new_brackets.options],
    ]


def _finding_in(data: Any) -> Finding:
    code, direction, pair_key, old_label, new_label, old_words, new_words, rule, explanation, language, obligated, favours, old_span, new_span = list_of(data, 14)
    return Finding(
        code=of_type(code, str),
        direction=Direction(of_type(direction, str)),
        pair_key=of_type(pair_key, str),
        old_label=maybe_of(old_label, str),
        new_label=maybe_of(new_label, str),
        old_words=of_type(old_words, str),
        new_words=of_type(new_words, str),
        rule=of_type(rule, str),
        explanation=of_type(explanation, str),
        language=of_type(language, str),
        obligated=strings_of(obligated),
        favours=strings_of(favours),
        old_span=_span_in(old_span),
        new_span=_span_in(new_span),
    )


def rest_in(data: Any) -> Comparison:
    findings, options, negotiation, old_brackets, new_brackets = list_of(data, 5)
    ignore_case, ignore_whitespace, ignore_punctuation, numbers_as_words, detect_moves, threshold, analyse = list_of(options, 7)
    info = None
    if negotiation is not None:
        title, parties, illustrative, languages, authors = list_of(negotiation, 5)
        info = NegotiationInfo(
            title=of_type(title, str),
            parties=tuple(Party(of_type(c, str), of_type(m, str), strings_of(a), strings_of(g))
                          for c, m, a, g in (list_of(p, 4) for p in list_of(parties))),
            illustrative=of_type(illustrative, bool),
            languages=strings_of(languages),
            authors=tuple(Author(of_type(c, str), of_type(m, str), of_type(r, str)) for c, m, r in (list_of(a, 3) for a in list_of(authors))),
        )

    def tally(value: Any) -> BracketTally:
        brackets, options_ = list_of(value, 2)
        return BracketTally(of_type(brackets, int), of_type(options_, int))

    return Comparison(
        old_round=EMPTY_ROUND,
        new_round=EMPTY_ROUND,
        pairs=(),
        findings=tuple(_finding_in(f) for f in list_of(findings)),
        options=CompareOptions(
            ignore_case=of_type(ignore_case, bool),
            ignore_whitespace=of_type(ignore_whitespace, bool),
            ignore_punctuation=of_type(ignore_punctuation, bool),
            numbers_as_words=of_type(numbers_as_words, bool),
            detect_moves=of_type(detect_moves, bool),
            similarity_threshold=number_of(threshold),
            analyse=of_type(analyse, bool),
        ),
        negotiation=info,
        old_brackets=tally(old_brackets),
        new_brackets=tally(new_brackets),
    )
