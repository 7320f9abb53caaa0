"""Building a timeline: compare every pair of consecutive rounds once (in forked workers when
there are many), reusing what a :class:`ComparisonStore` kept from an earlier run.

Progress is reported through an optional callback; nothing here reads or writes files (the
store does, see :mod:`treatydiff.timeline.cache`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Protocol

from ..model import (
    Comparison,
    Negotiation,
    Round,
)
from ..parallel import can_fork
from ..pipeline import compare
from ..settings import Settings
from .forked import compare_in_workers
from .timeline import EagerPairs, NegotiationTimeline, PairSource, ProgressCallback, make_timeline


class ComparisonStore(Protocol):
    """Somewhere to keep comparisons between runs (see :mod:`treatydiff.timeline.cache`)."""

    def get(self, key: str, old: Round, new: Round) -> PairSource | None: ...

    def put(self, key: str, comparison: Comparison) -> None: ...

    # Optional: ``put_encoded(key, data)`` keeps a comparison already in
    # :func:`treatydiff.timeline.codec_pairs.encode_comparison` form (what forked workers send back).


def round_digest(round_: Round) -> str:
    """A hash of everything in a round that a comparison reads (not where it was read from)."""
    digest = hashlib.sha256(repr((round_.name, round_.info)).encode("utf-8"))
    # One string hashed at once (the same bytes as one update per provision, so the same keys).
    body = "".join(
        f"{p.id}\x1f{p.label}\x1f{p.text}\x1f{p.kind.value}\x1f{p.heading or ''}\x1f{p.status.value if p.status else ''}\x1f{len(p.paragraphs)}\x1e"
        for p in round_.walk()
    )
    digest.update(body.encode("utf-8"))
    return digest.hexdigest()


def comparison_key(old_digest: str, new_digest: str, settings: Settings) -> str:
    """What a comparison depends on, hashed: both drafts and the settings (options, parties, lexicon)."""
    material = repr((old_digest, new_digest, settings.cache_key()))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def build_timeline(
    negotiation: Negotiation,
    *,
    settings: Settings | None = None,
    on_progress: ProgressCallback | None = None,
    workers: int = 1,
    store: ComparisonStore | None = None,
    digests: Sequence[str] | None = None,
) -> NegotiationTimeline:
    """Compare every pair of consecutive rounds once and index the results.

    ``workers`` > 1 spreads the comparisons over processes (each is independent, so the result
    is the same); ``store`` returns comparisons computed by an earlier run and keeps new ones,
    keyed by each round's :func:`round_digest` unless ``digests`` gives other fingerprints of
    the rounds (of the files they were read from, say).  ``settings`` defaults to
    ``Settings.of(negotiation)``.
    """
    settings = settings or Settings.of(negotiation)
    rounds = negotiation.rounds
    total = max(0, len(rounds) - 1)
    if digests is not None and len(digests) != len(rounds):
        raise ValueError("one digest per round")
    digests = list(digests) if digests is not None else [round_digest(r) for r in rounds] if store else []
    keys = [comparison_key(digests[i], digests[i + 1], settings) for i in range(total)] if store else []
    sources: list[PairSource | None] = (
        [store.get(k, rounds[i], rounds[i + 1]) for i, k in enumerate(keys)] if store else [None] * total
    )
    done = total - sources.count(None)
    missing = [i for i, c in enumerate(sources) if c is None]

    def finished(i: int, comparison: Comparison) -> None:
        sources[i] = EagerPairs(comparison)
        if store is not None:
            store.put(keys[i], comparison)
        tick(i)

    def received(i: int, comparison: Comparison, encoded: bytes) -> None:
        sources[i] = EagerPairs(comparison)
        if store is not None:
            put_encoded = getattr(store, "put_encoded", None)
            if put_encoded is not None and encoded:
                put_encoded(keys[i], encoded)
            else:
                store.put(keys[i], comparison)
        tick(i)

    def tick(i: int) -> None:
        nonlocal done
        done += 1
        if on_progress is not None:
            on_progress(done, total, f"compared {rounds[i + 1].name or rounds[i + 1].info.label}")

    if workers > 1 and len(missing) > 2 and can_fork():
        # The first comparison here: it loads the lexicon and rules once, before the fork,
        # instead of once in every worker.
        first, rest = missing[0], missing[1:]
        finished(first, compare(rounds[first], rounds[first + 1], settings=settings))
        for i, comparison, encoded in compare_in_workers(rounds, rest, settings, workers, encode=store is not None):
            received(i, comparison, encoded)
    else:
        for i in missing:
            finished(i, compare(rounds[i], rounds[i + 1], settings=settings))
    ready = tuple(c for c in sources if c is not None)
    assert len(ready) == total
    # A store may also keep the views' own redlines (:mod:`treatydiff.timeline.redlines`).
    redlines = getattr(store, "redlines", None)
    return make_timeline(negotiation, ready, settings.options, redlines() if redlines is not None else None)


def healed(timeline: NegotiationTimeline, settings: Settings) -> NegotiationTimeline:
    """``timeline`` with every cache entry whose segments prove damaged compared again (and
    stored again), the sound entries and computed comparisons kept as they are: what a view
    that met a damaged entry is computed again on (:func:`treatydiff.usecases_timeline.on_timeline`),
    without reading the folder or the cache again."""
    from .codec_pairs import CachedPairs

    rounds = timeline.rounds
    sources: list[PairSource] = []
    for i, source in enumerate(timeline.sources):
        if isinstance(source, CachedPairs) and not source.sound():
            comparison = compare(rounds[i], rounds[i + 1], settings=settings)
            source.replaced(comparison)
            sources.append(EagerPairs(comparison))
        else:
            sources.append(source)
    return make_timeline(timeline.negotiation, tuple(sources), timeline.options, timeline.redlines)
