"""Tag keystroke to annotation durable on disk, 10,000 briefs and 1,000 annotations: target ≤ 10 ms median.

Two measures, each on a private copy of the store, each span tagged and untagged in turn so the
store ends as it began (new annotation, added tag, removed tag and removed annotation all occur):

- the store call the reader makes when `1` is pressed, `Store.toggle_tag`, which returns after the
  annotations file is fsynced and renamed over the old one. Baseline: a plain write, fsync and rename
  (and folder fsync, as the store does) of a file as large as that annotations file: what the disk
  alone costs, without TinyDB or JSON.
- the key `1` in the running reader until the annotations file on disk has been replaced. Baseline:
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
    COUNT,
    SIZE,
    bench_store,
    copy_store,
    first_screen,
    report,
    seed_store,
    tag_key_times,
    temp_dir,
    timed,
)

ANNOTATIONS_FILE = "annotations.json"


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


def plain_write_times(folder: Path, runs: int) -> list[float]:
    """Write, fsync and rename a file the size of the annotations file, then fsync the folder."""
    data = (folder / ANNOTATIONS_FILE).read_bytes()
    target, scratch = folder / "plain-write.json", folder / ".plain-write.json.tmp"

    def write() -> None:
        fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(scratch, target)
        folder_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(folder_fd)
        finally:
            os.close(folder_fd)

    return [timed(write) for _ in range(runs)]


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
        size_kb = (copy / ANNOTATIONS_FILE).stat().st_size / 1024
        calls = store_call_times(copy, args.spans)
        plain = plain_write_times(copy, len(calls))
        keys = asyncio.run(key_times(copy, args.presses))
        seed_keys = asyncio.run(key_times(seeds, args.presses))
    scale = f"{COUNT:,} briefs, {ANNOTATIONS:,} annotations"
    report(f"tag → on disk: Store.toggle_tag, {scale}", calls,
           f"plain write+fsync+rename of {size_kb:.0f} KB", plain, unit="ms", max_median=10)
    report(f"tag → on disk: key 1 in the reader, {scale}", keys,
           "same, 5 seeds, 0 annotations", seed_keys, unit="ms", max_median=10)


if __name__ == "__main__":
    main()
