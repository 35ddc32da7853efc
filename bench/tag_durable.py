"""Tag keystroke to annotation durable on disk, 10,000 briefs and 1,000 annotations: target ≤ 10 ms median.

Two measures, each on a private copy of the store, each span tagged and untagged in turn so the
store ends as it began (new annotation, added tag, removed tag and removed annotation all occur):

- the store call the reader makes when `1` is pressed, `Store.toggle_tag`, which returns after the
  brief's annotation shard and the annotations head are fsynced and renamed into place. Baseline:
  plain writes, fsyncs and renames (and folder fsyncs, as the store does) of files as large as the
  largest shard and the head: what the disk alone costs, without the store or JSON.
- the key `1` in the running reader until the annotations head on disk has been replaced. Baseline:
  the same presses in a store of the 5 seed briefs and no annotations.

    python bench/tag_durable.py [--spans 20] [--presses 40]
"""

from __future__ import annotations

import argparse
import asyncio
import os
from pathlib import Path

from _common import (
    ANNOTATIONS,
    BIG,
    COUNT,
    SIZE,
    bench_store,
    big_store,
    copy_store,
    first_screen,
    report,
    seed_store,
    tag_key_times,
    temp_dir,
    timed,
)

from store.record.annotation_files import ANNOTATIONS_FILE, SHARD_FOLDER


def store_call_times(folder: Path, spans: int) -> list[float]:
    """`Store.toggle_tag` on the first sentence of `spans` briefs, half of them already annotated, on and off."""
    from store import Store

    with Store(folder) as store:
        label = store.tags()[0]
        ids = [summary.id for summary in store.summaries()]
        tagged = {a.article_id for a in store.annotations()}
        annotated = [i for i in ids if i in tagged]
        plain = [i for i in ids if i not in tagged]
        half = spans // 2
        chosen = annotated[:: max(1, len(annotated) // half)][:half] + plain[:: max(1, len(plain) // half)][:half]
        targets = []
        for article_id in chosen:
            start, end = store.article(article_id).sentences[0]  # the brief is open, as in the reader
            targets.append((article_id, start, end))
        times = []
        for _ in range(2):
            for article_id, start, end in targets:
                times.append(timed(lambda article_id=article_id, start=start, end=end: store.toggle_tag(article_id, start, end, label)))
    return times


def plain_write_times(folder: Path, runs: int) -> tuple[list[float], str]:
    """Write, fsync and rename files the size of what a tag writes (the largest annotation shard, then
    the head), each followed by its folder's fsync, as the store does; and what they are."""
    shards = sorted((folder / SHARD_FOLDER).glob("*.json"), key=lambda path: path.stat().st_size)
    files = [(folder / SHARD_FOLDER, shards[-1].read_bytes()), (folder, (folder / ANNOTATIONS_FILE).read_bytes())]

    def write() -> None:
        for place, data in files:
            target, scratch = place / "plain-write.json", place / ".plain-write.json.tmp"
            fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            try:
                os.write(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(scratch, target)
            folder_fd = os.open(place, os.O_RDONLY)
            try:
                os.fsync(folder_fd)
            finally:
                os.close(folder_fd)

    times = [timed(write) for _ in range(runs)]
    for place, _ in files:
        (place / "plain-write.json").unlink()
    return times, " and ".join(f"{len(data) / 1024:.1f} KB" for _, data in files)


async def key_times(folder: Path, presses: int) -> list[float]:
    """Key `1` in the reader until the annotations file has been replaced; twice per claim (on, off)."""
    from tui.app import create_app

    path = folder / ANNOTATIONS_FILE

    def replaced(_screen):
        before = _identity(path)
        return lambda: _identity(path) != before

    app = create_app(folder)
    async with app.run_test(size=SIZE):
        await first_screen(app)
        return await tag_key_times(app, presses, replaced)


def _identity(path: Path) -> tuple[int, int, int]:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return (0, 0, 0)
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spans", type=int, default=20, help="claims toggled by the store calls (each on and off)")
    parser.add_argument("--presses", type=int, default=40, help="key presses in the reader, per store")
    args = parser.parse_args()
    big = bench_store()
    with temp_dir() as tmp:
        parent = Path(tmp)
        seeds = seed_store(parent)
        copy = copy_store(big, parent)
        calls = store_call_times(copy, args.spans)
        plain, sizes = plain_write_times(copy, len(calls))
        keys = asyncio.run(key_times(copy, args.presses))
        seed_keys = asyncio.run(key_times(seeds, args.presses))
    scale = f"{COUNT:,} briefs, {ANNOTATIONS:,} annotations"
    report(f"tag → on disk: Store.toggle_tag, {scale}", calls,
           f"plain write+fsync+rename of {sizes} (a shard, the head)", plain, unit="ms", max_median=10)
    report(f"tag → on disk: key 1 in the reader, {scale}", keys,
           "same, 5 seeds, 0 annotations", seed_keys, unit="ms", max_median=10)
    huge = big_store()
    if huge is not None:
        with temp_dir() as tmp:
            copy = copy_store(huge, Path(tmp))
            calls = store_call_times(copy, args.spans)
            plain, sizes = plain_write_times(copy, len(calls))
        report(f"tag → on disk: Store.toggle_tag, {BIG:,} briefs, {ANNOTATIONS:,} annotations", calls,
               f"plain write+fsync+rename of {sizes} (a shard, the head)", plain, unit="ms", max_median=10)


if __name__ == "__main__":
    main()
