"""The cyclic garbage collector paused while a stage builds many acyclic objects.

Aligning, analysing, reading a cache, importing a Word draft and writing a report each make
hundreds of thousands of small objects (provisions, pairs, segments, strings, tuples) that form
no reference cycle.  While they pile up, the cyclic collector rescans every object already
alive, again and again: a quarter to a half of those stages' time on a large treaty, for nothing
it could free.  Reference counting still frees every object dropped.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off inside the block, as it was after it (nested blocks are fine)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


__all__ = ["collector_paused"]
