"""``compare(old, new) -> Comparison``: pure, no I/O.

Pipeline: align provisions (see :mod:`treatydiff.diff.align`) → diff each pair word by word →
analyse the pairs into findings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .diff.align import align_rounds
from .diff.restructure import restructure
from .model import CompareOptions, Comparison, NegotiationInfo, Round


def compare(
    old: Round,
    new: Round,
    *,
    options: CompareOptions | None = None,
    negotiation: NegotiationInfo | None = None,
    lexicon: Mapping[str, Any] | None = None,
) -> Comparison:
    """Compare two rounds of a text; ``old`` is the earlier draft."""
    options = options or CompareOptions()
    pairs = restructure(align_rounds(old, new, options), options)
    comparison = Comparison(old_round=old, new_round=new, pairs=pairs, options=options, negotiation=negotiation)
    if options.analyse:
        from .analysis import analyse  # the analysis stage reads the aligned pairs only

        comparison = analyse(comparison, lexicon=lexicon)
    return comparison
