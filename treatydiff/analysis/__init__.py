"""Position analysis: where a position regressed or progressed between two rounds, and why.

``analyse(comparison)`` walks the aligned pairs and returns the comparison with its findings and
bracket tallies filled in.  Rules are data (``treatydiff/data/lexicons``); each
finding names the words that changed, the rule that fired, whose obligation moved and in whose
favour, so a negotiator can defend every flag.
"""

from __future__ import annotations

import dataclasses
from collections import ChainMap

from ..model import (
    BracketTally,
    ClausePair,
    Comparison,
    Finding,
    Negotiation,
    Party,
    Provision,
    Round,
)
from ..settings import Settings
from .brackets import round_links, round_tally, spanning_brackets
from .editorial import editorial_only
from .explain import CODES, DIRECTION_ORDER
from .groups import give_back, groups, joined_pair
from .lexicon import Lexicon, detect_language, load_lexicon
from .memo import Memo
from .moves import reconcile_moves
from .operative import as_recital, pair_binds_no_one, under_non_operative
from .private_law import private_law_variant, reads_as_private_law
from .references import Renumbering, paragraph_renumbering, renumbering
from .renamed import Renaming
from .rules import analyse_pair
from .status import status_findings

__all__ = ["CODES", "analyse", "comparison_language", "load_lexicon", "negotiation_language", "round_language"]


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


def round_language(round_: Round) -> str | None:
    """One round's declared language, else a guess from its text; None for a round with no text."""
    if round_.info.language:
        return round_.info.language.split("-")[0].casefold()
    sample = _sample(round_)
    return detect_language(sample) if sample.strip() else None


def negotiation_language(negotiation: Negotiation) -> str:
    """The language a negotiation's rounds are read in, as :func:`comparison_language` decides it
    for a comparison of its last two rounds."""
    rounds = negotiation.rounds
    for round_ in reversed(rounds[-2:]):
        if round_.info.language:
            return round_.info.language.split("-")[0].casefold()
    declared = negotiation.languages[0] if negotiation.languages else None
    if declared and declared != "en":
        return declared
    sample = next((s for r in reversed(rounds[-2:]) if (s := _sample(r))), "")
    return detect_language(sample)


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
    renumbered: dict[tuple[str, str], str] = renumbering(comparison.pairs)
    # Paragraph references follow paragraph renumbering too ("paragraph 8" of old Article 9 is
    # paragraph 13 of new Article 13): named ones everywhere, bare ones inside their article.
    named, inside = paragraph_renumbering(comparison.walk())
    renumbered.update(named)
    # "[text][label]" is a Markdown link only where the draft defines the label (see brackets).
    links = round_links(comparison.old_round) | round_links(comparison.new_round)
    # A bracket around several paragraphs leaves those between it unagreed (see brackets); only
    # a pair with a bracket on one side needs to know, so the rounds are read for it at most once.
    spans: list[dict[str, tuple[int, int]]] = []
    renaming = Renaming(comparison.old_round, comparison.new_round, lexicon)

    def spanned(old: Provision | None, new: Provision | None) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
        if not ((old is not None and "[" in old.text) or (new is not None and "[" in new.text)):
            return None, None
        if not spans:
            spans.extend((spanning_brackets(comparison.old_round), spanning_brackets(comparison.new_round)))
        return (spans[0].get(old.id) if old is not None else None, spans[1].get(new.id) if new is not None else None)
    # A split or merge is read as one text, on its first piece; its other pieces add nothing.
    lead: dict[str, list[ClausePair]] = {}
    pieces: set[str] = set()
    for group in groups(comparison):
        lead[group[0].key] = group
        pieces.update(p.key for p in group)
    quiet = under_non_operative(comparison.pairs, lexicon)
    for pair in comparison.walk():
        if pair.key in quiet:
            pair = as_recital(pair)
        old, new = pair.old, pair.new
        if pair.key in pieces:
            joined: list[Finding] = []
            if pair.key in lead:
                group = lead[pair.key]
                joined = [give_back(f, group) for f in analyse_pair(joined_pair(group, comparison), lexicon, parties, _local(renumbered, inside, pair), links)]
                # A piece that binds no one (a notice template split off a section, a recital)
                # carries no commitment of the group's: only its brackets are read.
                silent = {p.key for p in group if pair_binds_no_one(p, lexicon)}
                joined = [f for f in joined if f.pair_key not in silent or f.code.startswith("brackets-")]
            joined.extend(status_findings(pair, editorial=False, language=lexicon.language))
            joined.sort(key=lambda f: (DIRECTION_ORDER[f.direction], _position(f), f.code))
            findings.extend(joined)
            continue
        # Identical texts never fire a text rule (analyse_pair returns nothing for them), and
        # most pairs of a long negotiation are unchanged: skip the rule machinery for them.
        local = _local(renumbered, inside, pair)
        found: list[Finding] = [] if old is not None and new is not None and old.text == new.text else \
            analyse_pair(pair, lexicon, parties, local, links, spanned(old, new), renaming)
        found.extend(_note_findings(pair, lexicon, parties, local, links))
        # Only an edit of agreed text needs to know whether it was editorial (a slow test).
        agreed = pair.old is not None and pair.old.status is not None and pair.old.status.is_agreed
        editorial = agreed and pair.old is not None and pair.new is not None and editorial_only(lexicon, pair.old.text, pair.new.text) \
            and editorial_only(lexicon, pair.old.notes or "", pair.new.notes or "")
        found.extend(status_findings(pair, editorial=editorial, language=lexicon.language))
        # Regressions, then progress, then review; by position within each.
        found.sort(key=lambda f: (DIRECTION_ORDER[f.direction], _position(f), f.code))
        findings.extend(found)
    return findings


def _local(renumbered: dict[tuple[str, str], str], inside: dict[tuple[str, str], dict[tuple[str, str], str]],
           pair: ClausePair) -> Renumbering:
    """The renumbering as seen from inside ``pair``'s article (bare "paragraph 8" references)."""
    article = _article_numbers(pair)
    local = inside.get(article) if article else None
    return ChainMap(local, renumbered) if local else renumbered


def _article_numbers(pair: ClausePair) -> tuple[str, str] | None:
    old = pair.old_parent or (pair.old.label if pair.old is not None else None)
    new = pair.new_parent or (pair.new.label if pair.new is not None else None)
    if not old or not new:
        return None
    a, b = old.split(), new.split()
    return (a[-1].casefold(), b[-1].casefold()) if len(a) == 2 and len(b) == 2 else None


def _note_findings(pair: ClausePair, lexicon: Lexicon, parties: tuple[Party, ...], renumbered: Renumbering,
                   links: frozenset[str]) -> list[Finding]:
    """The text rules run on a pair's footnotes and endnotes, which can move a position too.

    Only when both sides exist (an added or deleted provision is one finding, notes and all).
    The findings carry no spans (spans count characters of the text, not of the notes) and say
    where the words are.
    """
    old, new = pair.old, pair.new
    if old is None or new is None or (old.notes or "") == (new.notes or ""):
        return []
    notes_pair = dataclasses.replace(
        pair,
        old=dataclasses.replace(old, text=old.notes or "", paragraphs=()),
        new=dataclasses.replace(new, text=new.notes or "", paragraphs=()),
        segments=pair.notes_segments,
        heading_segments=(),
        paragraphs=(),
        notes_segments=(),
    )
    return [
        dataclasses.replace(f, old_span=None, new_span=None, explanation=f"{f.explanation} (In a footnote or endnote.)")
        for f in analyse_pair(notes_pair, lexicon, parties, renumbered, links)
    ]


def _position(finding: Finding) -> int:
    if finding.new_span is not None:
        return finding.new_span.start
    if finding.old_span is not None:
        return finding.old_span.start
    return -1


def _deleted_whole(pair: ClausePair) -> list[str]:
    """The keys of a provision deleted with all its paragraphs (itself first), else none."""
    keys = [pair.key]
    for paragraph in pair.paragraphs:
        inner = _deleted_whole(paragraph) if paragraph.new is None else []
        if not inner:
            return []
        keys.extend(inner)
    return keys if pair.new is None and pair.old is not None else []


def _one_per_deleted_provision(findings: list[Finding], comparison: Comparison, lexicon: Lexicon) -> list[Finding]:
    """In a section deleted with all its subsections, a commitment that only spells out an
    earlier one of the section (the lexicon's ``refers_back``: "Such contribution shall …")
    went with it: one commitment gone, as a reader counts it.  A moved sentence was reconciled
    before (``reconcile_moves``)."""
    refers_back = lexicon.refers_back
    deleted = [keys for pair in comparison.pairs if pair.paragraphs and pair.new is None and (keys := _deleted_whole(pair))]
    if not deleted or refers_back is None:
        return findings
    # Findings indexed by provision once: scanning them all for every deleted section was
    # quadratic in the draft (3.8 s of a 10,000-article analysis).
    by_key: dict[str, list[int]] = {}
    for i, finding in enumerate(findings):
        if finding.code == "commitment-deleted":
            by_key.setdefault(finding.pair_key, []).append(i)
    dropped: set[int] = set()
    for keys in deleted:
        gone = sorted({i for key in keys for i in by_key.get(key, ())})
        dropped.update(i for i in gone[1:] if refers_back.search(findings[i].old_words))
    return [f for i, f in enumerate(findings) if i not in dropped]


def analyse(comparison: Comparison, settings: Settings | None = None) -> Comparison:
    """Return ``comparison`` with its findings and bracket tallies filled in (with the
    user's extra terms of ``settings.lexicon``)."""
    language = comparison_language(comparison)
    rules = load_lexicon(language, settings.lexicon_terms() if settings is not None else None)
    if reads_as_private_law(rules, _sample(comparison.old_round), _sample(comparison.new_round)):
        rules = private_law_variant(rules)  # a licence or a contract: "will" binds
    parties = comparison.negotiation.parties if comparison.negotiation else ()
    links = round_links(comparison.old_round) | round_links(comparison.new_round)
    # A sentence moved whole or rewritten in other words is one commitment (moves, frames).
    findings = reconcile_moves(_pair_findings(comparison, rules, parties), comparison,
                               lambda pair: analyse_pair(pair, rules, parties, None, links), rules)
    findings = _one_per_deleted_provision(findings, comparison, rules)
    return dataclasses.replace(
        comparison,
        findings=tuple(findings),
        old_brackets=_round_tally(comparison.old_round, rules),
        new_brackets=_round_tally(comparison.new_round, rules),
    )
