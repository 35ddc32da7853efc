"""Compare view open and the json export of one annotation, 10,000 and 100,000 briefs: targets ≤ 0.3 s / ≤ 1 s.

- `Store.compare()` plus the table rows the view draws on a first screen of 200×60 (`compare_rows`,
  its first 60 rows made), from the groups the store keeps (`store.story.compare_view`). Baseline:
  the same groups made the old way, from every brief read from its shards
  (`compare_figures(store.articles(), …)`), which is what the view did before the index.
- the same after a change (a brief's new date; a figure moved to another group, as the view's own keys
  do): the parts of the groups the change touched folded again (`store.story.refold`), with progress,
  which is what the first open after a change costs (for context). Baseline: the same change with
  every brief grouped again from the compare index (the saved groups removed), as it was before.
- `export --format json` of a store with one annotation, in process, and its size (at 100,000 also
  ≤ 200 KB). Baseline: the same export with the compare table embedded (`--with-compare`), which is
  what it wrote before.

At 100,000 briefs the old way (every brief's shard, ~50 s a run) and the change (~20 s a run) run
once each, and the store copied for writing takes 2 GB of the temporary folder.

    python bench/compare_open.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from _common import BIG, COUNT, bench_store, big_store, copy_store, report, temp_dir, timed

if TYPE_CHECKING:
    from store import Store

SCREEN_ROWS = 60  # a 200×60 terminal's table draws fewer


def first_screen(rows: object) -> None:
    """Make the rows a first screen draws, as the table does (rows made before were all made already)."""
    rows = getattr(rows, "rows", rows)
    for index in range(min(SCREEN_ROWS, len(rows))):  # type: ignore[arg-type]
        rows[index]  # type: ignore[index]


def after_change(store: Store, runs: int, change: Callable[[int], object]) -> tuple[list[float], list[float]]:
    """The first open after each of `runs` changes (`change(run)`), and after as many with every brief grouped again."""
    from store.story.compare_view import VIEW_FILE
    from tui.widgets.compare_table import compare_rows

    refolded, whole = [], []
    for run in range(2 * runs):
        store.compare()
        change(run)
        if run % 2:
            (store.folder / VIEW_FILE).unlink()
        (whole if run % 2 else refolded).append(timed(lambda: first_screen(compare_rows(store.compare(progress=lambda done, total: None)))))
    return refolded, whole


def measure(count: int, source: Path, runs: int, slow_runs: int) -> None:
    from store import Store
    from store.exchange.annotated import write_export
    from store.exchange.json_export import export_json
    from store.story.compare import compare_figures
    from tui.widgets.compare_table import compare_rows

    with temp_dir() as tmp:
        folder = copy_store(source, Path(tmp))
        with Store(folder) as store:
            store.compare()  # an index made by older code is mended once, as a store upgraded in place would be
            opened = [timed(lambda: first_screen(compare_rows(store.compare()))) for _ in range(runs)]
            old = [timed(lambda: first_screen(compare_rows(compare_figures(store.articles(), store.regrouping())))) for _ in range(slow_runs)]
            first = store.summaries()[0].id
            dated, dated_whole = after_change(store, slow_runs, lambda run: store.edit(first, date=f"2024-11-{run + 1:02d}"))
            groups = store.compare()
            largest = max(groups, key=lambda group: len(group.rows))
            row, elsewhere = largest.rows[len(largest.rows) // 2], next(group.id for group in groups if group.id != largest.id)
            moved, moved_whole = after_change(
                store, slow_runs, lambda run: store.move_figure(row.article_id, row.figure.start, elsewhere) if run % 2 == 0 else store.undo()
            )
            for annotation in store.annotations()[1:]:
                store.remove_annotation(annotation.id)
            lean_file, full_file = Path(tmp) / "lean.json", Path(tmp) / "full.json"
            lean = [timed(lambda: write_export(export_json(store), lean_file)) for _ in range(runs)]
            full = [timed(lambda: write_export(export_json(store, with_compare=True), full_file)) for _ in range(slow_runs)]
            sizes = lean_file.stat().st_size / 1024, full_file.stat().st_size / 1024 / 1024
    scale, limit = f"{count:,} briefs", 0.3 if count == COUNT else 1.0
    report(f"compare view open (Store.compare + rows), {scale}", opened, "groups from every brief's shard (before)", old, unit="s", max_median=limit)
    report(f"compare view open after a date edit, {scale}", dated, "every brief grouped again (before)", dated_whole, unit="s")
    report(f"compare view open after moving a figure, {scale}", moved, "every brief grouped again (before)", moved_whole, unit="s")
    report(f"export json of 1 annotation, {scale}", lean, "same with the compare table (--with-compare)", full, unit="s", max_median=limit)
    report(f"export json of 1 annotation, size, {scale} (KB)", [sizes[0]], "same with the compare table (KB)", [sizes[1] * 1024], unit="KB",
           max_median=None if count == COUNT else 200)
    print(f"export size: {sizes[0]:.1f} KB lean, {sizes[1]:.1f} MB with the compare table; median lean {statistics.median(lean) * 1000:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    measure(COUNT, bench_store(), args.runs, max(2, args.runs // 2))
    huge = big_store()
    if huge is not None:
        measure(BIG, huge, args.runs, 1)


if __name__ == "__main__":
    main()
