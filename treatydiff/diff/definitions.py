"""Definitions re-granulated: an inline list of definitions in one version, one paragraph per
definition in the next (MPL 1.1 → 2.0, section 1).

Content words say little there: every definition of a list speaks of the same few things, so a
new definition's words stand in the old list whether or not the old list defined it.  What
carries over is the term: a definition cut out of the list defines a term the list defined, or
one that shares a word with it ("Covered Code" became "Covered Software"); a definition of a
term with no word among the list's terms is new.
"""

from __future__ import annotations

import re

# A quoted term followed by the verb that defines it: '"Licensee" means', '“Vessel” refers to'.
_DEFINED = re.compile(r"[\"“]([^\"”\n]{1,80})[\"”]\s*(?:means|refers to|shall mean|includes|has the meaning)\b", re.IGNORECASE)
_LEADING = re.compile(r"^\W*[\"“]([^\"”\n]{1,80})[\"”]\s*(?:means|refers to|shall mean|includes|has the meaning)\b", re.IGNORECASE)
_WORD = re.compile(r"\w{3,}")


def _words(term: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(term)} - {"the", "and", "with", "for"}


def defines_a_new_term(piece: str, source: str) -> bool:
    """``piece`` opens with the definition of a term, ``source`` defines terms, and none of them
    shares a word with the piece's: the definition is not one of the source's, cut out."""
    found = _LEADING.match(piece)
    if found is None:
        return False
    terms = _DEFINED.findall(source)
    if not terms:
        return False
    known = set().union(*(_words(t) for t in terms))
    return not _words(found.group(1)) & known


__all__ = ["defines_a_new_term"]
