"""Consecutive comparisons in forked worker processes, for :func:`treatydiff.timeline.build.build_timeline`.

The workers inherit the rounds and the settings (:func:`treatydiff.parallel.map_chunks` forks
them with the work function), so the rounds reach them as memory, not pickles; each comparison
comes back pickled with its rounds and provisions replaced by references to the parent's own
objects.  Sending two rounds out and a whole comparison back by plain pickling cost more than
the parallel work saved (0.87x on two cores); this way 49 comparisons of a 300-article text
take about half the time.  Where the platform cannot fork, or a worker dies, the comparisons
are made here, with the same results.
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Iterator, Sequence
from functools import partial
from typing import Any

from ..collector import collector_paused
from ..model import Comparison, Round
from ..parallel import map_chunks
from ..pipeline import compare
from ..settings import Settings

# One chunk's results: (i, the comparison, pickled by a worker or as made here, its cache form or b"").
_Chunk = list[tuple[int, bytes | Comparison, bytes]]


def compare_in_workers(
    rounds: Sequence[Round], indexes: Sequence[int], settings: Settings, workers: int, *, encode: bool
) -> Iterator[tuple[int, Comparison, bytes]]:
    """``(i, rounds[i] -> rounds[i + 1], its cache form or b"")`` for each of ``indexes``, in the
    order they finish."""
    held = tuple(rounds)
    with collector_paused():  # unpickling thousands of pairs: the cyclic collector would rescan them all
        chunks = _chunks(indexes, workers)
        work = partial(_compare_chunk, held, settings, encode)
        here = partial(_compare_here, held, settings)
        for _, results in map_chunks(work, chunks, workers, here=here):
            for i, data, encoded in results:
                comparison = data if isinstance(data, Comparison) else _RoundsUnpickler(data, held, i).load()
                assert isinstance(comparison, Comparison)
                yield i, comparison, encoded


def _compare_here(rounds: tuple[Round, ...], settings: Settings, indexes: tuple[int, ...]) -> _Chunk:
    return [(i, compare(rounds[i], rounds[i + 1], settings), b"") for i in indexes]


def _compare_chunk(rounds: tuple[Round, ...], settings: Settings, encode: bool, indexes: tuple[int, ...]) -> _Chunk:
    """In a forked worker: compare consecutive rounds.  Each comparison goes back pickled with
    its rounds and provisions replaced by references (the parent holds them already), and, when
    the parent keeps a cache, also in the cache's compact form."""
    from .codec_pairs import encode_comparison

    out: _Chunk = []
    for i in indexes:
        comparison = compare(rounds[i], rounds[i + 1], settings)
        buffer = io.BytesIO()
        _RoundsPickler(buffer, rounds, i).dump(comparison)
        out.append((i, buffer.getvalue(), encode_comparison(comparison) if encode else b""))
    return out


class _RoundsPickler(pickle.Pickler):
    """Pickles a comparison of rounds ``i`` and ``i + 1`` without the rounds themselves: each
    round and provision becomes a reference that :class:`_RoundsUnpickler` resolves to the
    parent's own object.  (``reducer_override``, unlike ``persistent_id``, is not called for
    strings, numbers and tuples, the bulk of a comparison.)"""

    def __init__(self, file: io.BytesIO, rounds: Sequence[Round], i: int) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._refs: dict[int, tuple[int, int]] = {}
        for side in (i, i + 1):
            self._refs[id(rounds[side])] = (side, -1)
            for n, provision in enumerate(rounds[side].walk()):
                self._refs[id(provision)] = (side, n)

    def reducer_override(self, obj: Any) -> Any:
        ref = self._refs.get(id(obj))
        if ref is None:
            return NotImplemented
        return _shared, ref


# Rounds and provisions by reference while one comparison is unpickled (see _RoundsUnpickler).
_SHARED: dict[tuple[int, int], object] = {}


def _shared(side: int, n: int) -> object:
    return _SHARED[(side, n)]


class _RoundsUnpickler:
    """Loads what :class:`_RoundsPickler` wrote, with the parent's rounds and provisions."""

    def __init__(self, data: bytes, rounds: Sequence[Round], i: int) -> None:
        self._data = data
        self._rounds = rounds
        self._i = i

    def load(self) -> object:
        table: dict[tuple[int, int], object] = {}
        for side in (self._i, self._i + 1):
            table[(side, -1)] = self._rounds[side]
            for n, provision in enumerate(self._rounds[side].walk()):
                table[(side, n)] = provision
        _SHARED.clear()
        _SHARED.update(table)
        try:
            return pickle.loads(self._data)  # from our own forked worker
        finally:
            _SHARED.clear()


def _chunks(indexes: Sequence[int], workers: int) -> list[tuple[int, ...]]:
    """Runs of consecutive comparisons: a worker then reads each round's texts twice in a row
    (round k's new side is round k + 1's old side), which the analysis' text memos exploit;
    about eight short runs per worker keep the load even to the end."""
    count = max(1, min(len(indexes), workers * 8))
    size = -(-len(indexes) // count)
    return [tuple(indexes[n : n + size]) for n in range(0, len(indexes), size)]
