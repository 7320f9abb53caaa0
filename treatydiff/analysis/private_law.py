"""Licences, terms of service and contracts: texts where "will" binds.

Treaty and MoU drafting reads "shall" → "will" as a duty softened into an intention.  Plain
English private-law drafting uses "will" as its binding modal ("The Licensor will indemnify
You …", "You will not reverse engineer …"), and labellers reading licences found every such
"weakening" editorial.  A comparison whose rounds name a licensor, a licensee or "this License"
(the lexicon's ``private_law`` signals) is read with ``Lexicon.private_law`` set; the duty rules
then take the ladder's ``binds_in_private_law`` words as its top step.
"""

from __future__ import annotations

import dataclasses

from .hits import Hit
from .lexicon_types import Ladder, Lexicon

_VARIANTS: dict[int, tuple[Lexicon, Lexicon]] = {}


def private_law_variant(lexicon: Lexicon) -> Lexicon:
    """``lexicon`` reading a licence, terms of service or a contract (one object per lexicon,
    so that the caches keyed by lexicon keep working)."""
    kept = _VARIANTS.get(id(lexicon))
    if kept is None or kept[0] is not lexicon:
        kept = (lexicon, dataclasses.replace(lexicon, private_law=True))
        _VARIANTS[id(lexicon)] = kept
    return kept[1]


def reads_as_private_law(lexicon: Lexicon, *samples: str) -> bool:
    """True when one of the rounds' ``samples`` shows a licence, terms or a contract."""
    signals = lexicon.private_law_signals
    return signals is not None and any(signals.search(sample) for sample in samples)


def binding_rank(lexicon: Lexicon, ladder: Ladder, hit: Hit) -> int:
    """``hit``'s rank, with the words that bind in private law at the top step there."""
    if lexicon.private_law and hit.text.casefold() in ladder.binds_in_private_law:
        return ladder.top_rank()
    return hit.rank
