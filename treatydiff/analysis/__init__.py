"""Position analysis: where a position regressed or progressed between two rounds, and why.

``analyse(comparison)`` walks the aligned pairs and returns the comparison with its findings,
bracket tallies and verdict filled in.  Rules are data (``treatydiff/data/lexicons``); each
finding names the words that changed, the rule that fired, whose obligation moved and in whose
favour, so a negotiator can defend every flag.
"""

from __future__ import annotations

import dataclasses

from ..model import BracketTally, Comparison, Finding, Party, Round
from ..settings import Settings
from .brackets import round_tally
from .editorial import editorial_only
from .explain import CODES, DIRECTION_ORDER
from .lexicon import Lexicon, detect_language, load_lexicon
from .memo import Memo
from .references import renumbering
from .rules import analyse_pair
from .status import status_findings
from .verdict import verdict

__all__ = ["CODES", "analyse", "comparison_language", "load_lexicon"]


def comparison_language(comparison: Comparison) -> str:
    """The round's declared language, else the negotiation's, else a guess from the text."""
    for info in (comparison.new, comparison.old):
        if info.language:
            return info.language.split("-")[0].casefold()
    declared = comparison.negotiation.languages[0] if comparison.negotiation and comparison.negotiation.languages else None
    sample = _sample(comparison.new_round) or _sample(comparison.old_round)
    guessed = detect_language(sample)
    # "en" is also the config's default, so a Russian or French text overrides it.
    if declared and declared != "en":
        return declared
    return guessed


# A round's tally is read as the new side of one comparison and the old side of the next.
_TALLIES: Memo[tuple[int, Lexicon], tuple[Round, BracketTally]] = Memo(64)


def _round_tally(round_: Round, rules: Lexicon) -> BracketTally:
    # Keyed by identity (hashing a whole round costs more than counting); the entry keeps the
    # round alive, so its id cannot be reused while the entry stands.
    key = (id(round_), rules)
    held, tally = _TALLIES.get(key, lambda: (round_, round_tally(round_, rules.placeholders, rules.options)))
    if held is not round_:  # pragma: no cover - ids are unique among live objects
        return round_tally(round_, rules.placeholders, rules.options)
    return tally


def _sample(round_: Round, size: int = 20000) -> str:
    """The first ``size`` characters of the round's text (provisions joined by newlines)."""
    parts: list[str] = []
    length = 0
    for provision in round_.walk():
        parts.append(provision.text)
        length += len(provision.text) + 1
        if length > size:
            break
    return "\n".join(parts)[:size]


def _pair_findings(comparison: Comparison, lexicon: Lexicon, parties: tuple[Party, ...]) -> list[Finding]:
    findings: list[Finding] = []
    renumbered = renumbering(comparison.pairs)
    for pair in comparison.walk():
        old, new = pair.old, pair.new
        # Identical texts never fire a text rule (analyse_pair returns nothing for them), and
        # most pairs of a long negotiation are unchanged: skip the rule machinery for them.
        found: list[Finding] = [] if old is not None and new is not None and old.text == new.text else analyse_pair(pair, lexicon, parties, renumbered)
        # Only an edit of agreed text needs to know whether it was editorial (a slow test).
        agreed = pair.old is not None and pair.old.status is not None and pair.old.status.is_agreed
        editorial = agreed and pair.old is not None and pair.new is not None and editorial_only(lexicon, pair.old.text, pair.new.text)
        found.extend(status_findings(pair, editorial=editorial, language=lexicon.language))
        # Regressions, then progress, then review; by position within each.
        found.sort(key=lambda f: (DIRECTION_ORDER[f.direction], _position(f), f.code))
        findings.extend(found)
    return findings


def _position(finding: Finding) -> int:
    if finding.new_span is not None:
        return finding.new_span.start
    if finding.old_span is not None:
        return finding.old_span.start
    return -1


def analyse(comparison: Comparison, settings: Settings | None = None) -> Comparison:
    """Return ``comparison`` with its findings, bracket tallies and verdict filled in (with the
    user's extra terms of ``settings.lexicon``)."""
    language = comparison_language(comparison)
    rules = load_lexicon(language, settings.lexicon_terms() if settings is not None else None)
    parties = comparison.negotiation.parties if comparison.negotiation else ()
    findings = _pair_findings(comparison, rules, parties)
    return dataclasses.replace(
        comparison,
        findings=tuple(findings),
        old_brackets=_round_tally(comparison.old_round, rules),
        new_brackets=_round_tally(comparison.new_round, rules),
        verdict=verdict(findings, parties),
    )
