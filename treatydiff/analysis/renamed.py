"""Defined terms a new round renamed ("Derivative Works" → "Adaptations").

A licence that renames its defined terms rewrites every list that names them: "Derivative
Works or Collective Works" → "Adaptations or Collections".  Read as a list, one round's items
went and others came, a scope narrowed and a scope widened; read as what it is, the same
classes under new names, it moves no position (the definitions' own changes speak for what the
new names cover).  The rounds are read for their definitions only when a list exchanged all of
its items for capitalised ones, so most comparisons never pay for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..model import Round
from .lexicon import Lexicon

_QUOTED = re.compile(r"[\"“'‘]([^\"”'’]{1,80})[\"”'’]")
_CAPITALISED = re.compile(r"(?-i:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})")


def term_key(term: str, lexicon: Lexicon) -> str:
    """A term whatever its case, spacing and number: "Derivative Works" and "derivative work"
    (the plural endings are the lexicon's ``defined_terms``)."""
    words = term.casefold().split()
    if words and len(words[-1]) >= lexicon.plural_min_length:
        ending = next((e for e in lexicon.plural_endings if words[-1].endswith(e)), None)
        if ending:
            words[-1] = words[-1][: -len(ending)]
    return " ".join(words)


def defined_terms(round_: Round, lexicon: Lexicon) -> frozenset[str]:
    """The keys of the terms ``round_`` defines ('"Work" means …', "Adapted Material means …")."""
    keys: set[str] = set()
    for provision in round_.walk():
        for pattern in lexicon.definitions:
            for match in pattern.finditer(provision.text):
                found = _QUOTED.search(match.group(0)) or _CAPITALISED.search(match.group(0))
                if found is not None:
                    keys.add(term_key(found.group(1) if found.re is _QUOTED else found.group(0), lexicon))
    return frozenset(keys)


@dataclass(frozen=True)
class Renaming:
    """The two rounds of a comparison, read for their definitions when first asked."""

    old_round: Round
    new_round: Round
    lexicon: Lexicon

    @cached_property
    def _defined(self) -> tuple[frozenset[str], frozenset[str]]:
        return defined_terms(self.old_round, self.lexicon), defined_terms(self.new_round, self.lexicon)

    def renames(self, gone: list[str], came: list[str]) -> bool:
        """True when the items ``gone`` are terms only the old round defines and those that
        ``came`` terms only the new round defines, as many of each: the same list, renamed."""
        if not gone or len(gone) != len(came) or not all(_CAPITALISED.fullmatch(i) for i in (*gone, *came)):
            return False
        old, new = self._defined
        return all(term_key(g, self.lexicon) in old - new for g in gone) and all(term_key(c, self.lexicon) in new - old for c in came)
