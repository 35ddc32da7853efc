"""Date bounds for the briefs of a store imported before newsbrief bounded undated briefs: once.

An undated brief is placed in the story by the latest day its text reports ("not before
2024-12-16"), found at import (`store.library.text_dating.dated_from_text`). A store imported by an older newsbrief
holds its undated briefs without one, and computing it where it is read would mean reading every
undated brief's text whenever the list is sorted (the catalog holds no text). So the first open for
writing bounds them, under the store's lock:

1. keeps a backup: hard links to the catalog, the volumes and the compare index in `bounds-backup/`
   (every store write replaces a file by a new one, so a link keeps the old one; nothing is copied);
2. reads the undated briefs without a bound, a volume at a time, and writes back those the text
   bounds (or dates, "Today, December 23"), progress told as it goes;
3. writes `bounds.json`, which says it is done, then removes the backup.

A crash leaves the backup and no mark: the next open goes on (a brief bounded already is skipped).
A brief whose text names no day stays undated; the mark keeps it from being read again at each open.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from store.library.library import Library
from store.persist.shelf import CATALOG_FILE, VOLUME_FOLDER
from store.persist.storage import atomic_write_bytes, encode_json, fsync_folder
from store.story.compare_index import COMPARE_FILE

MARK_FILE = "bounds.json"
BACKUP_FOLDER = "bounds-backup"
BATCH = 500  # briefs read between two progress reports

Progress = Callable[[int, int], None]  # (briefs looked at, briefs to look at)


def add_bounds(library: Library, progress: Progress | None = None, say: Callable[[str], None] | None = None) -> int:
    """Bound the store's undated briefs that have no bound yet, once (the caller holds the lock);
    how many were bounded or dated."""
    folder = library.folder
    if (folder / MARK_FILE).exists():
        return 0
    summaries = library.summaries()
    waiting = [i for i, s in summaries.items() if s.published is None and s.not_before is None]
    changed = 0
    if waiting:
        if say is not None:
            say(f"{folder}: bounding the dates of {len(waiting):,} undated briefs imported by an older newsbrief (once)…")
        from store.extract.dating import usual_year  # here: a store bounded already (every one but once) needs no dating
        from store.library.text_dating import dated_from_text

        _keep_backup(folder)
        year = usual_year([s.published for s in summaries.values()])
        for done in range(0, len(waiting), BATCH):
            if progress:
                progress(done, len(waiting))
            articles = library.get_many(waiting[done : done + BATCH])
            bounded = [dated for article in articles.values() if (dated := dated_from_text(article, year)) != article]
            if bounded:
                library.rewrite(bounded)
                changed += len(bounded)
        if progress:
            progress(len(waiting), len(waiting))
    atomic_write_bytes(folder / MARK_FILE, encode_json({"format": "newsbrief-bounds", "version": 1, "bounded": changed}))
    shutil.rmtree(folder / BACKUP_FOLDER, ignore_errors=True)
    return changed


def _keep_backup(folder: Path) -> None:
    backup = folder / BACKUP_FOLDER
    if backup.exists():
        return  # kept by an attempt a crash cut short: the files from before it
    partial = folder / f".{BACKUP_FOLDER}.tmp"
    shutil.rmtree(partial, ignore_errors=True)
    (partial / VOLUME_FOLDER).mkdir(parents=True)
    for name in (CATALOG_FILE, COMPARE_FILE):
        if (folder / name).exists():
            os.link(folder / name, partial / name)
    for volume in (folder / VOLUME_FOLDER).glob("*.json"):
        os.link(volume, partial / VOLUME_FOLDER / volume.name)
    os.replace(partial, backup)
    fsync_folder(folder)
