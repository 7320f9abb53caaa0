"""``compare(old, new) -> Comparison``: pure, no I/O.

Pipeline: align provisions (see :mod:`treatydiff.diff.align`) → recover restructuring the
one-to-one alignment leaves as deletions and additions (:mod:`treatydiff.diff.restructure`, then
articles whose paragraphs became their own text, :mod:`treatydiff.diff.recut`, then what is still
one-sided followed by its sentences, :mod:`treatydiff.diff.anchors`, then sections cut up into
reworded items, or clauses gathered into one, found by their words, :mod:`treatydiff.diff.spread`) →
diff each pair word by word → analyse the pairs into findings (:mod:`treatydiff.analysis`).
"""

from __future__ import annotations

from .model import CompareOptions, Comparison, Round
from .settings import Settings


def compare(
    old: Round,
    new: Round,
    settings: Settings | None = None,
    *,
    options: CompareOptions | None = None,
) -> Comparison:
    """Compare two rounds of a text; ``old`` is the earlier draft.

    ``settings`` says how (:class:`treatydiff.settings.Settings`); ``options`` alone is a
    shorthand for ``Settings(options=options)``."""
    if settings is None:
        settings = Settings(options=options or CompareOptions())
    elif options is not None:
        raise TypeError("pass the options inside settings, not beside them")
    options = settings.options
    # The stages load on the first comparison, not with this module: a command whose
    # comparisons are all cached (a warm ``history``) never needs them.
    from .diff.align import align_rounds
    from .diff.anchors import follow_sentences
    from .diff.lists import gather_lists
    from .diff.recut import recut
    from .diff.restructure import restructure
    from .diff.spread import spread

    pairs = gather_lists(spread(follow_sentences(recut(restructure(align_rounds(old, new, options), options)), options), options))
    comparison = Comparison(old_round=old, new_round=new, pairs=pairs, options=options, negotiation=settings.negotiation)
    if options.analyse:
        from .analysis import analyse  # the analysis stage reads the aligned pairs only

        comparison = analyse(comparison, settings)
    return comparison
