"""The one parallel helper: independent chunks of work in forked processes, or here.

Forked workers inherit what they need (rounds, comparisons, a timeline) instead of unpickling
it: the work function is handed to each worker as it starts (a fork copies it, nothing is
pickled but the chunks and the results) and no module global is set in this process.  Where
the platform cannot fork safely, or a worker dies (out of memory, killed), the chunks not yet
done run here, which gives the same results.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

# multiprocessing and concurrent.futures load when work is forked, not with this module: a
# command that finds everything cached (a warm ``history``) forks nothing.

C = TypeVar("C")
R = TypeVar("R")

# Forking workers costs a few hundredths of a second; below this many items one process is
# as fast (bench_history.py on 2 cores: 49 comparisons in 0.48x the time, all pages in 0.64x).
PARALLEL_FROM = 8


def can_fork() -> bool:
    """Whether worker processes can be forked (they then inherit the data, no pickling).

    Not on Windows (no fork) nor macOS (fork is unsafe with its system libraries): there the
    work stays in one process, which gives the same results."""
    import multiprocessing

    return sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()


def worker_count(items: int) -> int:
    """Processes for ``items`` independent pieces of work: the CPUs this process may use (at
    most 4), or 1 on a single CPU or for small work."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return min(cpus, 4) if items >= PARALLEL_FROM else 1


def map_chunks(
    work: Callable[[C], R],
    chunks: Sequence[C],
    workers: int,
    *,
    here: Callable[[C], R] | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> Iterator[tuple[int, R]]:
    """``(n, work(chunks[n]))`` for every chunk, in the order they finish.

    With ``workers`` > 1 (and a platform that forks) the chunks run in that many forked
    processes while this one calls ``meanwhile``; chunks a dead worker left undone run here,
    with ``here`` (default ``work``).  Otherwise everything runs here, after ``meanwhile``."""
    done: set[int] = set()
    called: list[bool] = []  # meanwhile runs once, whatever happens to the workers

    def call_meanwhile() -> None:
        if meanwhile is not None and not called:
            called.append(True)
            meanwhile()

    if workers > 1 and len(chunks) > 1 and can_fork():
        from concurrent.futures.process import BrokenProcessPool

        try:
            for n, result in _forked(work, chunks, workers, call_meanwhile):
                done.add(n)
                yield n, result
        except BrokenProcessPool:
            pass  # a worker died: what is left is done here
    call_meanwhile()
    local = here or work
    for n, chunk in enumerate(chunks):
        if n not in done:
            yield n, local(chunk)


def _forked(work: Callable[[C], R], chunks: Sequence[C], workers: int, meanwhile: Callable[[], None]) -> Iterator[tuple[int, R]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=min(workers, len(chunks)), mp_context=context, initializer=_adopt, initargs=(work,)
    ) as pool:
        futures = {pool.submit(_run, chunk): n for n, chunk in enumerate(chunks)}
        meanwhile()
        for future in as_completed(futures):
            yield futures[future], future.result()


# In a worker only: the work function, set by _adopt as the worker starts (after the fork).
_WORK: Callable[[Any], Any] | None = None


def _adopt(work: Callable[[Any], Any]) -> None:
    global _WORK
    _WORK = work
    gc.disable()  # a short-lived worker: the cyclic collector only slows it


def _run(chunk: Any) -> Any:
    assert _WORK is not None, "only called in a worker started by map_chunks"
    return _WORK(chunk)
