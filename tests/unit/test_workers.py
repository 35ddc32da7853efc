"""Import workers: results in order, and work handed out only a bounded way ahead of the importing process."""

from __future__ import annotations

import functools
import os
import time
from pathlib import Path

from store.library.workers import AHEAD, CHUNK, map_in_workers


def _mark(folder: Path, item: int) -> int:
    """In a worker: leave a file for the item done, and return its square."""
    (folder / str(item)).touch()
    return item * item


def test_results_come_in_order_over_the_workers(tmp_path: Path) -> None:
    items = list(range(1000))
    assert list(map_in_workers(functools.partial(_mark, tmp_path), items)) == [i * i for i in items]


def test_the_workers_keep_going_while_the_importer_is_busy_but_stay_a_bounded_way_ahead(tmp_path: Path) -> None:
    items = list(range(5000))
    results = map_in_workers(functools.partial(_mark, tmp_path), items)
    assert next(results) == 0
    time.sleep(3)  # an importer busy with the first result: the workers could have done every item by now
    done = len(list(tmp_path.iterdir()))
    results.close()
    cores = os.cpu_count() or 1
    assert cores * AHEAD * CHUNK <= done  # the work handed out before the first result is all done meanwhile
    assert done <= (cores * AHEAD + cores) * CHUNK < len(items)  # pool.map did all 5,000, holding their results
