"""The one parallel helper: the same results forked or here, its fallback, no parent globals."""

from __future__ import annotations

import os

import pytest

from treatydiff import parallel
from treatydiff.parallel import can_fork, map_chunks

needs_fork = pytest.mark.skipif(not can_fork(), reason="the platform does not fork")


def _square_all(chunk: tuple[int, ...]) -> list[int]:
    return [n * n for n in chunk]


def _die(chunk: tuple[int, ...]) -> list[int]:
    os._exit(3)  # a worker killed mid-way


CHUNKS = [(1, 2), (3,), (4, 5, 6), (7,)]
EXPECTED = {0: [1, 4], 1: [9], 2: [16, 25, 36], 3: [49]}


@pytest.mark.parametrize("workers", [1, 2])
def test_the_same_results_in_workers_or_here(workers: int) -> None:
    met: list[int] = []
    results = dict(map_chunks(_square_all, CHUNKS, workers, meanwhile=lambda: met.append(1)))
    assert results == EXPECTED
    assert met == [1]


@needs_fork
def test_workers_inherit_closures_and_the_parent_sets_no_global() -> None:
    offset = 100  # a closure: never pickled, inherited through the fork
    results = dict(map_chunks(lambda chunk: [n + offset for n in chunk], CHUNKS, 2))
    assert results == {n: [v + offset for v in chunk] for n, chunk in enumerate(CHUNKS)}
    assert parallel._WORK is None


@needs_fork
def test_a_dead_worker_leaves_its_chunks_to_this_process() -> None:
    met: list[int] = []
    results = dict(map_chunks(_die, CHUNKS, 2, here=_square_all, meanwhile=lambda: met.append(1)))
    assert results == EXPECTED
    assert met == [1]
