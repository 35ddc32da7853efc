"""Import workers: results in order, and work handed out only a bounded way ahead of the importing process."""

from __future__ import annotations

import functools
import os
import pickle
import time
from dataclasses import replace
from pathlib import Path

from store.library.workers import AHEAD, CHUNK, map_in_workers

from checkout import SEEDS


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


def test_what_a_worker_hands_back_arrives_whole(tmp_path: Path) -> None:
    """Briefs, their figures and paragraphs pickled by their values, as the workers send them."""
    from store.library.importer import articles_from_source

    sources = sorted(SEEDS.glob("*.txt"))
    made = [articles_from_source(source, imported_at="2024-12-01T00:00:00Z") for source in sources]
    built = [one for briefs, _ in made for one in briefs]
    assert built and any(one.article.figures for one in built) and any(len(one.article.paragraphs) > 1 for one in built)
    assert pickle.loads(pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL)) == made
    marked = replace(built[0].article, paragraphs=tuple(replace(p, repeated_from="00000000000000aa") for p in built[0].article.paragraphs))
    assert pickle.loads(pickle.dumps(marked)) == marked
