"""Whose obligation a hit belongs to, and whom a move favours.

The subject is looked for between the start of the clause and the modal: a party's code,
name or alias not governed by a preposition ("with Azerbaijan" is not the subject), or a
phrase meaning all of them ("the Parties", "each Party").  A duty of all of them may say whom it
protects, after the modal: "… shall guarantee … to citizens of the Republic of Armenia" (the
lexicon's ``beneficiaries`` words); a move of that duty then favours a side after all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..model import Party
from .lexicon import LEAD, Lexicon, phrase_body, phrase_regex

_CLAUSE_START = re.compile(r"[.;:!?\n]")
# A clause piece starting with one of these is not a subject ("and", "which" …).
_NOT_A_SUBJECT = frozenset({"and", "or", "but", "which", "that", "who", "whose", "if", "when", "as", "и", "или", "который", "et", "ou", "qui",
                            "with", "of", "to", "from", "by", "for", "in", "on", "at", "upon", "under", "any", "such"})
# Words that open a noun phrase: after "that" they start the subject of a complement clause.
_DETERMINERS = frozenset({"the", "a", "an", "each", "every", "all", "any", "both", "no", "such", "its", "their", "his", "her", "our",
                          "your", "my", "this", "these", "those", "you", "we", "they", "it", "he", "she", "i", "there"})
_EARLIER_DUTY = re.compile(r"\s+(?:shall|must|should|may|will|can)\b.*$", re.IGNORECASE | re.DOTALL)
_ARTICLES = frozenset({"the", "a", "an", "la", "le", "les", "l'"})
_PRONOUNS = frozenset({"it", "this", "that", "they", "these", "those", "there", "here", "he", "she", "он", "она", "оно", "они", "это", "il", "elle", "ils", "elles", "cela"})
# "shall be provided", "should be taken": the subject is what is acted upon, not who acts.
_PASSIVE = re.compile(r"\w+(?:\s+not)?\s+be\s+(?:\w+ed|made|given|taken|done|paid|sent|held|kept|set|shown|seen|known|brought|built|met)\b", re.IGNORECASE)
_FOOTNOTE = re.compile(r"^\d+\s+(?=\D)")  # a footnote number the importer left before the words
# What a phrase carries that is no part of a noun phrase: a list label ("b)", "(iv)", "-"), a
# paragraph number ("3bis"), a leading "then".
# A subordinating word or a hedge opens the clause of the duty word, not its subject: "only if
# You agree to …" binds "You", "often times multiple Users may …" binds "multiple Users".
_LEAD = re.compile(r"^(?:\s*(?:[-•]|\(?[a-z0-9]{1,4}[.)]|\d+[a-z]*|then|alt\.?|and|or|but|(?:only\s+)?(?:if|when|unless|once)|because|since|although|though|"
                   r"whereas|often\s+times|oftentimes|often|sometimes|usually)\s+)+", re.IGNORECASE)
_THAT = re.compile(r"^.*\bthat\s+(?=\S)", re.IGNORECASE)  # "You agree that you shall": the subject follows


def _noun_phrase(phrase: str) -> str:
    """The subject as a reader names it: no brackets, emphasis, labels or leading clause."""
    phrase = phrase.rsplit("**", 1)[-1]  # "Ambition** Each Party": a bold heading before it
    phrase = phrase.replace("][", " or ").replace("] [", " or ")
    phrase = re.sub(r"[\[\]*_]", "", phrase)
    after = _THAT.sub("", phrase)
    # "You agree that you shall": the subject follows "that"; "Parties that provide support
    # should": "that" opens a relative clause, and the subject stands before it.
    first = after.split()[0] if after.split() else ""
    relative = after != phrase and first[:1].islower() and first.casefold() not in _DETERMINERS
    phrase = phrase[: phrase.casefold().rfind(" that ")] if relative and " that " in phrase.casefold() else after
    return _LEAD.sub("", " ".join(phrase.split()))


@dataclass(frozen=True)
class Subject:
    codes: tuple[str, ...]  # party codes bound ("the Parties" = all codes)
    phrase: str  # the words naming the subject, for the explanation ("" when unknown)
    everyone: bool = False
    protects: tuple[str, ...] = ()  # of a duty of all: the parties the text says it protects


def _clause_before(text: str, offset: int) -> tuple[int, str]:
    start = 0
    for match in _CLAUSE_START.finditer(text, 0, offset):
        start = match.end()
    return start, text[start:offset]


def subject_phrase(text: str, offset: int) -> str:
    """The words before the modal that name who is bound, trimmed to the last comma-phrase.

    Empty when they do not name a party: a pronoun ("It shall …"), the object of a passive
    ("Support shall be provided to …" binds whoever provides it, not "Support"), or a phrase
    opening with a preposition or a conjunction.
    """
    _, clause = _clause_before(text, offset)
    phrase = _noun_phrase(_FOOTNOTE.sub("", clause.rsplit(",", 1)[-1].strip(" *_\t")))
    # "Armenia shall report and shall publish": the second duty has the first one's subject.
    phrase = _EARLIER_DUTY.split(phrase, 1)[0].strip()
    words = phrase.split()
    if not words or len(words) > 12 or words[0].casefold() in _NOT_A_SUBJECT:
        return ""
    # "each Party's successive ### shall": an editor's mark stands where the noun will go, so the
    # words name no one yet (the explanation would quote the mark as if it were a party).
    if any(_EDITORIAL_MARK.search(word) for word in words):
        return ""
    if len(words) == 1 and words[0].casefold() in _PRONOUNS:
        return ""
    if _PASSIVE.match(text, offset):
        return ""
    if words[0] in ("The", "Each", "All", "Both", "Every") and len(words) > 1:
        words[0] = words[0].casefold()  # mid-sentence in the explanation
    return " ".join(words)


_EDITORIAL_MARK = re.compile(r"#|[{}]|…|\.\.\.|^_+$|^\(?XX+\)?$")


def _literal(name: str) -> str:
    """A party's name as a phrase pattern: each word escaped, spaces left for phrase_regex.

    ``re.escape`` on the whole name would escape its spaces too, and "Republic of Armenia"
    would then never match.
    """
    return " ".join(re.escape(word) for word in name.split())


def obligated(text: str, offset: int, parties: Sequence[Party], lexicon: Lexicon) -> Subject:
    """Who the modal at ``offset`` binds."""
    _start, clause = _clause_before(text, offset)
    phrase = subject_phrase(text, offset)
    mentions: list[tuple[int, str]] = []  # (position in clause, code or "*")
    for party in parties:
        names = [party.name, *party.aliases]
        for name in names:
            for match in re.finditer(phrase_regex(_literal(name)), clause, re.IGNORECASE):
                mentions.append((match.start(), party.code))
        for match in re.finditer(phrase_regex(re.escape(party.code)), clause):
            mentions.append((match.start(), party.code))
    for term in lexicon.all_parties:
        for match in re.finditer(phrase_regex(term), clause, re.IGNORECASE):
            mentions.append((match.start(), "*"))
    codes: set[str] = set()
    everyone = False
    for position, code in sorted(mentions):
        before = [w.casefold().strip(",") for w in clause[:position].split()]
        while before and before[-1] in _ARTICLES:  # "with the Republic of …": look past "the"
            before.pop()
        if before and before[-1] in lexicon.prepositions:
            continue
        if code == "*":
            everyone = True
        else:
            codes.add(code)
    # What binds a group ("the European Union", "G77") binds each of its members.
    codes |= {member for p in parties if p.code in codes for member in p.members}
    if everyone or (parties and codes == {p.code for p in parties}):
        return Subject(tuple(p.code for p in parties), phrase, everyone=True, protects=protected(text, offset, parties, lexicon))
    ordered = tuple(p.code for p in parties if p.code in codes)
    return Subject(ordered, phrase)


_SENTENCE_END = re.compile(r"[.;\n]")


@lru_cache(maxsize=64)
def _beneficiary_patterns(parties: tuple[Party, ...], lexicon: Lexicon) -> tuple[tuple[str, re.Pattern[str]], ...]:
    if not lexicon.beneficiary_by:
        return ()
    by = "|".join(phrase_body(w) for w in sorted(lexicon.beneficiary_by, key=len, reverse=True))
    of = "|".join(phrase_body(w) for w in sorted(lexicon.beneficiary_of, key=len, reverse=True))
    patterns: list[tuple[str, re.Pattern[str]]] = []
    for party in parties:
        names = "|".join(phrase_body(_literal(n)) for n in sorted({party.name, *party.aliases}, key=len, reverse=True))
        whom = rf"(?:(?:{of})\s+)?" if of else ""
        # The name in any case ("the Republic of Armenia"), the code as written ("AM", not "am").
        patterns.append((party.code, re.compile(rf"{LEAD}(?:{by})\s+(?:the\s+)?{whom}(?:the\s+)?(?:{names})", re.IGNORECASE)))
        patterns.append((party.code, re.compile(rf"{LEAD}(?i:{by})\s+(?i:{whom}){phrase_body(re.escape(party.code))}")))
    return tuple(patterns)


def protected(text: str, offset: int, parties: Sequence[Party], lexicon: Lexicon) -> tuple[str, ...]:
    """The parties a duty of all of them protects, as the words after its modal at ``offset``
    name them ("… to citizens of the Republic of Armenia"); none when they name every party or
    none ("to nationals of the other Party" protects each alike)."""
    end = _SENTENCE_END.search(text, offset)
    rest = text[offset : end.start() if end else len(text)]
    found = {code for code, pattern in _beneficiary_patterns(tuple(parties), lexicon) if pattern.search(rest)}
    found |= {member for p in parties if p.code in found for member in p.members}
    codes = tuple(p.code for p in parties if p.code in found and not p.members)
    return codes if codes and len(codes) < len([p for p in parties if not p.members]) else ()


def favours(subject: Subject, weakened: bool, parties: Sequence[Party]) -> tuple[str, ...]:
    """Weakening X's obligation relieves X; strengthening it serves the other parties.

    An obligation of all the parties moves the treaty as a whole and favours no one, unless
    the text says whom it protects: strengthening it serves them, weakening it the others.
    """
    if subject.everyone and subject.protects:
        if weakened:
            return tuple(p.code for p in parties if p.code not in subject.protects and not p.members)
        return subject.protects
    if subject.everyone or not subject.codes:
        return ()
    if weakened:
        return subject.codes
    return tuple(p.code for p in parties if p.code not in subject.codes)
