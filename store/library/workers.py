"""The heavy part of an import (reading, sentences, figures, paragraph signatures) over every core.

Processes, not threads: the work is pure Python, which threads would take turns at. They start with
"spawn", never "fork": the reader, which imports too, runs threads, and a forked copy of a threaded
process can deadlock. Small imports stay in this process, since a worker takes ~0.3 s to start.
A worker whose importing process dies (kill -9 mid-import) exits at once rather than linger,
holding the dead process's output pipe open.

A chunk's results come back pickled and stay so until the importing process takes them: the
executor's own thread would otherwise unpickle each as it lands, and the results waiting (while the
importing process writes a batch, the workers keep going) would be held as objects, ~24 KB a brief
against ~9 KB pickled.
"""

from __future__ import annotations

import os
import pickle
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from typing import TypeVar

PARALLEL_FROM = 200  # files; below this, one process is faster
CHUNK = 32  # files handed to a worker at a time
AHEAD = 32  # chunks a worker may have done or in hand before the importing process takes their results:
# `pool.map` hands out every chunk at once, and when the importing process is the slower side the
# results it has not taken pile up (a 100,000-brief import held them all: ~24 KB a brief, 2.8 GB).
# Enough to keep the workers busy while the importing process writes a batch (2 s at 10,000 briefs:
# with 4 they stood idle after 0.25 s), ~20 MB of pickled results on 2 cores
ORPHAN_CHECK = 0.2  # seconds between a worker's looks at whether its importing process still lives

Item = TypeVar("Item")
Result = TypeVar("Result")


def map_in_workers(function: Callable[[Item], Result], items: Sequence[Item]) -> Iterator[Result]:
    """`map(function, items)`, in order, spread over the cores when there is enough to do.

    `function` must be importable by name (a module-level function or a `functools.partial` of one).
    """
    cores = os.cpu_count() or 1
    if len(items) < PARALLEL_FROM or cores < 2:
        yield from map(function, items)
        return
    pool = ProcessPoolExecutor(
        max_workers=cores, mp_context=get_context("spawn"), initializer=_exit_with_parent, initargs=(os.getpid(),)
    )
    try:
        pending: deque[Future[bytes]] = deque()
        for start in range(0, len(items), CHUNK):
            pending.append(pool.submit(_run_chunk, function, items[start : start + CHUNK]))
            if len(pending) >= cores * AHEAD:
                yield from pickle.loads(pending.popleft().result())
        while pending:
            yield from pickle.loads(pending.popleft().result())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # an import stopped early leaves no work behind


def _run_chunk(function: Callable[[Item], Result], chunk: Sequence[Item]) -> bytes:
    """In a worker: one chunk's results, in order, pickled (see the module's docstring)."""
    return pickle.dumps([function(item) for item in chunk], protocol=pickle.HIGHEST_PROTOCOL)


def _exit_with_parent(parent: int) -> None:
    """In a worker: end this process as soon as the process that started it is gone."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(ORPHAN_CHECK)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="exit-with-parent").start()
