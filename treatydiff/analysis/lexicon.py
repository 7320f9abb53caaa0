"""Rule data for the position analysis: one YAML lexicon per language, loaded once.

The lexicons live in ``treatydiff/data/lexicons/<lang>.yaml``.  Users add their own terms in
``negotiation.yaml`` under ``lexicon:``, keyed by language, with the same keys::

    lexicon:
      en:
        markers:
          qualifier: ["in so far as it considers", "re: in so far as (?:it|they) consider"]
        ladders:
          modal: {5: ["is duty-bound to"]}                     # extra terms per rank
        equivalences: [["Nagorno-Karabakh", "Karabakh"]]
        all_parties: ["the Sides"]

A user's terms are plain phrases, case-insensitive, matched on word boundaries; a space matches
any run of whitespace.  A term written ``re: …`` is a regular expression instead, and may not
repeat a group (see :mod:`.lexicon_user`).  The built-in files are patterns.  Extra terms are merged
into the built-in lexicon; a bad key, a pattern that does not compile or one that repeats a
group is a :class:`~treatydiff.errors.ConfigError`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

from ..errors import ConfigError, Location
from ..formats.yamlio import parse_yaml, to_plain
from .lexicon_types import Ladder, Lexicon, Marker, Replacement, Step, TermInfo, Urgency
from .lexicon_user import USER_KEYS, merge_user
from .scan import Scanner, WordFinder, first_words

LANGUAGES = ("en", "ru", "fr")


LEAD = r"(?<!\w)"


@lru_cache(maxsize=8192)
def phrase_body(term: str) -> str:
    """:func:`phrase_regex` without its leading word-boundary lookbehind."""
    return "(?:" + re.sub(r" +", r"\\s+", term) + r")(?!\w)"


@lru_cache(maxsize=8192)
def phrase_regex(term: str) -> str:
    """A term as a regular expression on word boundaries, spaces matching any whitespace."""
    return LEAD + phrase_body(term)


def _phrase_scanner(terms: list[str] | tuple[str, ...], flags: int) -> Scanner:
    return Scanner([phrase_body(t) for t in terms], flags, lead=LEAD)


# Characters a casefolded text can hold that ``re.IGNORECASE`` equates with no other character
# such a text can hold: a literal made of them must appear verbatim wherever a pattern matches.
_SAFE = frozenset("abcdefghjlmnopqrtuvwxyz0123456789-'")


def _anchor(literal: str, safe: frozenset[str] | None) -> str:
    """The longest run of ``literal`` every match must contain verbatim ("" if none)."""
    runs = re.split(r"\s+", literal)
    if safe is not None:
        runs = [piece for run in runs for piece in re.split("[^" + re.escape("".join(sorted(safe))) + "]+", run)]
    return max(runs, key=len, default="")


def _anchors(literals: list[str] | tuple[str, ...], safe: frozenset[str] | None) -> tuple[str, ...]:
    found = tuple(_anchor(x, safe) for x in literals)
    return () if any(not a for a in found) else tuple(sorted(set(found)))


def _replacements(numbers: tuple[tuple[str, int], ...], equivalences: tuple[tuple[str, ...], ...]) -> tuple[Replacement, ...]:
    out: list[Replacement] = []
    if numbers:
        words = "|".join(re.escape(name).replace(r"\ ", r"\s+") for name, _ in numbers)
        # "thirty (30)" says the number twice: keep the figure.
        out.append(_replacement(phrase_regex(f"(?:{words})") + r"\s*\((\d+)\)", re.IGNORECASE, r"\1", ("(",)))
    for group in equivalences:
        members = sorted(group, key=len, reverse=True)
        alternatives = "|".join(re.escape(m.casefold()).replace(r"\ ", " ") for m in members)
        out.append(_replacement(phrase_regex(alternatives), re.IGNORECASE, "\x00" + group[0].casefold().replace(" ", "_") + "\x00",
                                _anchors([m.casefold() for m in members], _SAFE)))
    return tuple(out)


def _number_words(numbers: tuple[tuple[str, int], ...]) -> Replacement | None:
    if not numbers:
        return None
    ordered = sorted(numbers, key=lambda nv: -len(nv[0]))
    words = "|".join(re.escape(name).replace(r"\ ", r"\s+") for name, _ in ordered)
    # Case-sensitive on casefolded text, so any verbatim piece of a name is an anchor.
    return _replacement(phrase_regex(f"(?:{words})"), 0, "", _anchors([name for name, _ in ordered], None))


def _replacement(pattern: str, flags: int, replacement: str, anchors: tuple[str, ...]) -> Replacement:
    words = first_words(pattern[len(LEAD):], flags) if pattern.startswith(LEAD) else None
    return Replacement(re.compile(pattern, flags), replacement, anchors, words)


def _any_of(words: tuple[str, ...], template: str) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile(template.replace("WORDS", "|".join(f"(?:{phrase_regex(w)})" for w in words)), re.IGNORECASE)


def _any_pattern(patterns: tuple[str, ...] | list[str]) -> re.Pattern[str] | None:
    """Patterns (not phrases) as one case-insensitive alternation, or None when there are none."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None


def _compile(term: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(phrase_regex(term), re.IGNORECASE)
    except re.error as exc:
        raise ConfigError(
            f"lexicon term {term!r} in {where} is not a valid pattern: {exc}",
            location=Location(provision=where),
            fix="escape special characters such as ( ) [ ] . ? with a backslash",
        ) from None


@cache
def _builtin(language: str) -> dict[str, Any]:
    text = (files("treatydiff") / "data" / "lexicons" / f"{language}.yaml").read_text(encoding="utf-8")
    node = parse_yaml(text, f"treatydiff/data/lexicons/{language}.yaml")
    data = to_plain(node) if node is not None else {}
    assert isinstance(data, dict)
    return data


def _opening(terms: Any) -> re.Pattern[str] | None:
    """One pattern for phrases that open a text, after any Markdown emphasis ("*Noting* that")."""
    if not terms:
        return None
    return re.compile(r"^[\s*_>]*(?:" + "|".join(f"(?:{t})" for t in terms) + r")(?![\w])", re.IGNORECASE)


def _placeholders(data: dict[str, Any]) -> tuple[str, ...]:
    return tuple(p.casefold() for p in data["placeholders"])


def _options(data: dict[str, Any]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in data["options"]), re.IGNORECASE | re.MULTILINE)


@cache
def list_item_words(key: str) -> tuple[str, ...]:
    """Every lexicon's ``list_items.<key>`` words ("connectors" that join two list items, words
    that "restrict" rather than add one): brackets and list pieces are read whatever the language."""
    return tuple(w for language in LANGUAGES for w in _builtin(language)["list_items"].get(key) or ())


@cache
def bracket_terms(language: str) -> tuple[tuple[str, ...], re.Pattern[str]]:
    """The built-in lexicon's ``placeholders`` and ``options`` (a user's terms never extend
    them), without building the rest: counting brackets needs only these, and building a whole
    lexicon costs a cold start a third of a second."""
    data = _builtin(language if language in LANGUAGES else "en")
    return _placeholders(data), _options(data)


def _build(data: dict[str, Any], language: str, checked: bool = True) -> Lexicon:
    """``checked``: compile every term alone first, so a bad one is named (the built-in terms
    are known to compile: checking them would cost every cold start a tenth of a second)."""
    ladders = tuple(
        Ladder(
            id=item["id"],
            group=item["group"],
            name=item.get("name", item["id"]),
            weaker=item["weaker"],
            stronger=item["stronger"],
            added=item.get("added"),
            removed=item.get("removed"),
            min_rank_alone=int(item["min_rank_alone"]) if item.get("min_rank_alone") else None,
            steps=tuple(Step(int(s["rank"]), s["meaning"], tuple(s["terms"])) for s in item["steps"]),
            carries_obligation=item.get("carries_obligation") == "true",
            min_rank_whole=int(item["min_rank_whole"]) if item.get("min_rank_whole") else None,
            describes_before=tuple(w.casefold() for w in item.get("describes_before") or ()),
            describes_skip=tuple(item.get("describes_skip") or ()),
            describes_negated=tuple(w.casefold() for w in item.get("describes_negated") or ()),
            describes_in_clause=tuple(w.casefold() for w in item.get("describes_in_clause") or ()),
            in_condition=tuple(w.casefold() for w in item.get("in_condition") or ()),
            alone_max_changed=float(item["alone_max_changed"]) if item.get("alone_max_changed") else None,
            alone_not_after=tuple(item.get("alone_not_after") or ()),
            qualifies_next_word=item.get("qualifies_next_word") == "true",
            same_reach=tuple(w.casefold() for w in item.get("same_reach") or ()),
            eases_duty=tuple(item.get("eases_duty") or ()),
            binds_in_private_law=tuple(w.casefold() for w in item.get("binds_in_private_law") or ()),
        )
        for item in data["ladders"]
    )
    markers = tuple(Marker(m["id"], m["added"], m["removed"], m["meaning"], tuple(m["terms"]),
                           **({"consequence": m["consequence"]} if m.get("consequence") else {}),
                           kept_around=m.get("kept_around") == "true") for m in data["markers"])
    deadlines = data["deadlines"]
    urgency = tuple(Urgency(int(u["rank"]), u["firm"] == "true", tuple(u["terms"])) for u in deadlines["urgency"])
    numbers = tuple(sorted(((" ".join(k.casefold().split()), int(v)) for k, v in data["numbers"].items()), key=lambda kv: (-len(kv[0]), kv[0])))
    number_words = "|".join(re.escape(name).replace(r"\ ", r"\s+") for name, _ in numbers)
    num = rf"(?P<n>\d+(?:[.,]\d+)?|(?:{number_words})(?:\s*\(\d+\))?)"
    units = tuple((name, re.compile("|".join(words), re.IGNORECASE)) for name, words in deadlines["units"].items())
    unit_re = "(?P<unit>" + "|".join("|".join(words) for words in deadlines["units"].values()) + ")"
    deadline_sources = tuple(phrase_regex(p.replace("NUM", num).replace("UNIT", unit_re)) for p in deadlines["patterns"])
    # One matcher for every term; longer patterns first so "shall ensure" style phrases win.
    entries: list[tuple[str, TermInfo]] = []
    for ladder in ladders:
        for step in ladder.steps:
            entries.extend((t, TermInfo(ladder.id, "ladder", ladder.group, step.rank)) for t in step.terms)
    for marker in markers:
        entries.extend((t, TermInfo(marker.id, "marker", marker.id, 1)) for t in marker.terms)
    for level in urgency:
        entries.extend((t, TermInfo("urgency", "urgency", "deadline", level.rank, level.firm)) for t in level.terms)
    entries.sort(key=lambda e: (-len(e[0]), e[0]))
    if checked:
        for term, info in entries:
            _compile(term, f"lexicon.{language}.{info.family}")
    alternatives = "|".join(f"(?P<t{i}>{phrase_regex(term)})" for i, (term, _) in enumerate(entries))
    references = tuple(data["references"])
    negation_after = tuple(data["negation"].get("after") or ())
    negation_before = tuple(data["negation"].get("before") or ())
    equivalences = tuple(tuple(g) for g in data["equivalences"])
    lexicon = Lexicon(
        language=language,
        ladders=ladders,
        markers=markers,
        urgency=urgency,
        deadline_sources=deadline_sources,
        units=units,
        numbers=numbers,
        references=tuple(re.compile(phrase_regex(p), re.IGNORECASE) for p in references),
        # "^" opens a line: a glossary puts one definition on each ("Licensee: means …").
        definitions=tuple(re.compile(p, re.IGNORECASE | re.MULTILINE) for p in data["definitions"]),
        all_parties=tuple(data["all_parties"]),
        prepositions=tuple(p.casefold() for p in data["prepositions"]),
        equivalences=equivalences,
        placeholders=_placeholders(data),
        options=_options(data),
        non_operative=_opening(data.get("non_operative") or ()),
        non_operative_headings=tuple(" ".join(h.casefold().split()) for h in data.get("non_operative_headings") or ()),
        negation_after=negation_after,
        negation_before=negation_before,
        term_alternatives=alternatives,
        term_info=tuple(info for _, info in entries),
        term_scanner=_phrase_scanner([term for term, _ in entries], re.IGNORECASE),
        deadline_scanners=tuple(Scanner([pattern[len(LEAD):]], re.IGNORECASE, lead=LEAD) for pattern in deadline_sources),
        bound_scanners=tuple((kind, Scanner([phrase_body(p.replace("NUM", num))], re.IGNORECASE, lead=LEAD))
                             for kind in ("floor", "ceiling") for p in (data.get("bounds") or {}).get(kind, ())),
        reference_scanners=tuple(_phrase_scanner([p], re.IGNORECASE) for p in references),
        number_scanner=_phrase_scanner([number_words] if number_words else [], re.IGNORECASE),
        negated_after=_any_of(negation_after, r"\s+(?:WORDS)"),
        negated_before=_any_of(negation_before, r"(?:WORDS)\s+$"),
        replacements=_replacements(numbers, equivalences),
        number_words=_number_words(numbers),
        beneficiary_by=tuple((data.get("beneficiaries") or {}).get("by") or ()),
        beneficiary_of=tuple((data.get("beneficiaries") or {}).get("of") or ()),
        voices=tuple((re.compile(phrase_regex(a), re.IGNORECASE), re.compile(phrase_regex(b), re.IGNORECASE))
                     for a, b in data.get("voices") or ()),
        denials=frozenset(w.casefold() for w in (data.get("list_items") or {}).get("denials") or ()),
        clause_openers=frozenset(w.casefold() for w in (data.get("list_items") or {}).get("clause_openers") or ()),
        quantifiers=frozenset(w.casefold() for w in (data.get("list_items") or {}).get("quantifiers") or ()),
        disclaimers=_any_pattern((data.get("disclaimers") or {}).get("sentences") or ()),
        disclaimer_limits=_any_of(tuple((data.get("disclaimers") or {}).get("limits") or ()), r"(?:WORDS)"),
        reservations=_any_pattern((data.get("disclaimers") or {}).get("reservations") or ()),
        alternatives=_opening(data.get("alternatives") or ()),
        waivers=_any_pattern((data.get("disclaimers") or {}).get("waivers") or ()),
        law_bounds=_any_pattern((data.get("disclaimers") or {}).get("law_bounds") or ()),
        private_law_signals=_any_pattern(data.get("private_law") or ()),
        plural_endings=tuple((data.get("defined_terms") or {}).get("plural_endings") or ()),
        plural_min_length=int((data.get("defined_terms") or {}).get("plural_min_length") or 0),
        refers_back=_any_pattern(data.get("refers_back") or ()),
    )
    # One pass over a text finds the candidate words of every scanner.
    scanners = (lexicon.term_scanner, *lexicon.deadline_scanners, *(s for _, s in lexicon.bound_scanners),
                *lexicon.reference_scanners, lexicon.number_scanner)
    finder = WordFinder(frozenset().union(*(s.vocabulary for s in scanners)))
    for scanner in scanners:
        scanner.share(finder)
    return lexicon



_CACHE: dict[tuple[str, str], Lexicon] = {}


def load_lexicon(language: str, extra: Mapping[str, Any] | None = None) -> Lexicon:
    """The lexicon for ``language`` (English when there is none), with ``extra`` user terms."""
    if language not in LANGUAGES:
        language = "en"
    user = (extra or {}).get(language) or {}
    if not isinstance(user, Mapping):
        raise ConfigError(f"lexicon.{language} must be a mapping", fix="write `en:` then `markers:`, `ladders:` …")
    key = (language, repr(sorted(user.items(), key=lambda kv: kv[0])))
    if key not in _CACHE:
        data = merge_user(_builtin(language), user, language) if user else _builtin(language)
        _CACHE[key] = _build(data, language, checked=bool(user))
    return _CACHE[key]


_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_WORD = re.compile(r"\w+", re.UNICODE)


def detect_language(text: str) -> str:
    """A best guess for an untagged draft: Cyrillic script is Russian, French stopwords French."""
    cyrillic = len(_CYRILLIC.findall(text))
    # Counting letters is the slow part (a Python loop): only a text with Cyrillic needs it.
    if cyrillic:
        letters = sum(1 for c in text if c.isalpha())
        if letters and cyrillic * 2 > letters:
            return "ru"
    words = [w.casefold() for w in _WORD.findall(text[:20000])]
    if not words:
        return "en"
    fr = set(_builtin("fr")["stopwords"])
    en = set(_builtin("en")["stopwords"])
    fr_count = sum(1 for w in words if w in fr)
    en_count = sum(1 for w in words if w in en)
    return "fr" if fr_count > en_count else "en"


def user_terms_error(language: str, terms: Any) -> ConfigError | None:
    """The error the analysis would raise for a negotiation's ``lexicon.<language>`` terms, or
    ``None`` when it accepts them (so ``treatydiff check`` can report it where it is written).

    A language the analysis has no lexicon for is never read (English rules apply), so its terms
    are not checked.  The lexicon built here is the one the analysis then reuses."""
    if language not in LANGUAGES:
        return None
    try:
        load_lexicon(language, {language: terms})
    except ConfigError as error:
        return error
    return None


# The built lexicon's types live in .lexicon_types; the analysis imports them from here.
__all__ = [
    "LANGUAGES", "LEAD", "USER_KEYS", "Ladder", "Lexicon", "Marker", "Replacement", "Step", "TermInfo", "Urgency",
    "bracket_terms", "detect_language", "list_item_words", "load_lexicon", "phrase_body", "phrase_regex", "user_terms_error",
]
