"""Upgrading a store folder written by an older newsbrief, once, when it is opened for writing.

Version 1 kept the bodies in 16 shards (`articles/0.json` … `f.json`, by the first hex digit of the
id), every one of which each import batch rewrote; version 2 keeps them in volumes of bounded size
filled in import order (`store.persist.shelf`); version 3 keeps the catalog in columns, a segment
per volume, with the list's order in a small head (`store.persist.catalog`). A version-1 store
goes through both steps. Each step, under the store's lock:

1. keeps a backup in `upgrade-backup/`: the old catalog copied (version 1: and the `articles`
   folder moved there);
2. writes the new files from the backup, a shard or a volume's worth at a time, telling progress;
3. writes the new catalog (for version 1, after marking every other store file version 2): the
   moment the store has the new version;
4. removes the backup.

A crash anywhere leaves either the old catalog (the next open starts the step again from the
backup, which is complete from step 1 on) or the new one (the next open only removes the backup).
Nothing an old store held is lost: every brief the catalog listed, and the annotations file, which
the upgrade only re-marks (version 1) or leaves alone (version 2).
"""

from __future__ import annotations

import os
import shutil
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from store.model import Summary
from store.persist.catalog import (
    CATALOG_FILE,
    CATALOG_VERSION,
    SEGMENT_FOLDER,
    Columns,
    Listed,
    columns_of,
    first_page,
    head_data,
    mark,
    write_segment,
)
from store.persist.date_order import sorted_positions
from store.persist.db import STORE_FORMAT, STORE_VERSION
from store.persist.shelf import VOLUME_BRIEFS, VOLUME_FOLDER, volume_path
from store.persist.storage import atomic_write_bytes, encode_json, fsync_folder, previous_copy, refusal

BACKUP_FOLDER = "upgrade-backup"
OLD_SHARDS = "articles"

Upgrading = Callable[[int, int], None]  # (briefs moved, briefs in all): told as the upgrade goes


def upgrade(folder: Path, progress: Upgrading | None = None) -> bool:
    """Bring the store in `folder` to CATALOG_VERSION if it is older (the lock held); whether it was."""
    catalog = folder / CATALOG_FILE
    backup = folder / BACKUP_FOLDER
    data = None if _is_current(catalog) else _peek(catalog)
    if data is None or _version(data) == CATALOG_VERSION:
        if backup.exists():
            shutil.rmtree(backup)  # the upgrade finished; the crash came before its last step
        return False
    if _version(data) == 1:
        _volumes_from_shards(folder, catalog, backup, progress)
    elif _version(data) != STORE_VERSION:
        return False  # a version this newsbrief does not know: opening the catalog refuses it in one line
    _columns_from_catalog(folder, catalog, backup, progress)
    return True


def _volumes_from_shards(folder: Path, catalog: Path, backup: Path, progress: Upgrading | None) -> None:
    """Version 1 to 2: the bodies from 16 shards into volumes filled in catalog order."""
    _keep_backup(folder, catalog, backup)
    data = _read(backup / CATALOG_FILE)
    shutil.rmtree(folder / VOLUME_FOLDER, ignore_errors=True)  # what a crashed attempt wrote
    (folder / VOLUME_FOLDER).mkdir()
    listed = {doc["id"]: doc for doc in data.get("catalog", {}).values()}
    volume_of = _write_volumes(folder, backup / OLD_SHARDS, listed, progress)
    for path in sorted(folder.glob("*.json")):
        if path.name != CATALOG_FILE:
            _mark_current(path)
    data["catalog"] = {str(number): {**doc, "volume": volume_of[doc["id"]]} for number, doc in enumerate(listed.values(), 1) if doc["id"] in volume_of}
    data["meta"] = _current_meta(data)
    atomic_write_bytes(catalog, encode_json(data))
    for stale in folder.glob("*.json.bak"):  # previous copies of version-1 files: restoring one would mix versions
        stale.unlink()
    shutil.rmtree(backup)


def _columns_from_catalog(folder: Path, catalog: Path, backup: Path, progress: Upgrading | None) -> None:
    """Version 2 to 3: the catalog's records into a segment of columns per volume, and the head."""
    kept = backup / CATALOG_FILE
    if not (kept.exists() and _version(_read(kept)) == STORE_VERSION):  # none yet, or a version-1 one a crash left
        shutil.rmtree(backup, ignore_errors=True)
        backup.mkdir()
        atomic_write_bytes(kept, catalog.read_bytes())
        fsync_folder(folder)
    by_volume: dict[int, list[Summary]] = defaultdict(list)
    for doc in _read(kept).get("catalog", {}).values():
        by_volume[int(doc["volume"])].append(Summary.from_record(doc))
    shutil.rmtree(folder / SEGMENT_FOLDER, ignore_errors=True)  # what a crashed attempt wrote
    (folder / SEGMENT_FOLDER).mkdir()
    total, done = sum(map(len, by_volume.values())), 0
    segments: list[Columns] = []
    listed: list[Listed] = []
    for number, summaries in sorted(by_volume.items()):
        segments.append(columns_of(summaries))
        listed.append(write_segment(folder, number, segments[-1]))
        done += len(summaries)
        if progress:
            progress(done, total)
    fsync_folder(folder / SEGMENT_FOLDER)
    by_date = sorted_positions([key for columns in segments for key in columns["date_key"]])
    atomic_write_bytes(catalog, encode_json(head_data(listed, by_date, first_page(segments, by_date))))
    previous_copy(catalog).unlink(missing_ok=True)  # the version-2 catalog: restoring it would mix versions
    shutil.rmtree(backup)


def _keep_backup(folder: Path, catalog: Path, backup: Path) -> None:
    if (backup / CATALOG_FILE).exists():
        return  # kept by an attempt a crash cut short
    backup.mkdir(exist_ok=True)
    atomic_write_bytes(backup / CATALOG_FILE, catalog.read_bytes())
    shards = folder / OLD_SHARDS
    if shards.exists():
        os.replace(shards, backup / OLD_SHARDS)
    elif _read(catalog).get("catalog"):
        shutil.rmtree(backup)
        raise refusal(catalog, f"a version-1 catalog listing briefs, without its {OLD_SHARDS} folder; nothing was changed")
    else:
        (backup / OLD_SHARDS).mkdir()
    fsync_folder(folder)


def _write_volumes(folder: Path, shards: Path, listed: dict[str, Any], progress: Upgrading | None) -> dict[str, int]:
    """Each listed brief into a volume, shard by shard; the volume of each."""
    volume_of: dict[str, int] = {}
    number = 0
    for shard in sorted(shards.glob("*.json")):
        records = [r for r in _read(shard).get("articles", {}).values() if r.get("id") in listed and r["id"] not in volume_of]
        for start in range(0, len(records), VOLUME_BRIEFS):
            chunk = records[start : start + VOLUME_BRIEFS]
            tables = {"meta": {"1": {"format": STORE_FORMAT, "version": STORE_VERSION}}, "articles": {str(i): r for i, r in enumerate(chunk, 1)}}
            atomic_write_bytes(volume_path(folder, number), encode_json(tables))
            volume_of.update((record["id"], number) for record in chunk)
            number += 1
            if progress:
                progress(len(volume_of), len(listed))
    return volume_of


def _mark_current(path: Path) -> None:
    data = _read(path)
    if _version(data) == 1:  # a store file of the old version; any other JSON here is not ours to touch
        data["meta"] = _current_meta(data)
        atomic_write_bytes(path, encode_json(data))


def _current_meta(data: dict[str, Any]) -> dict[str, Any]:
    return {key: {**doc, "version": STORE_VERSION} for key, doc in data.get("meta", {}).items()}


def _version(data: dict[str, Any]) -> object:
    meta = list(data.get("meta", {}).values())
    return meta[0].get("version") if meta and isinstance(meta[0], dict) and meta[0].get("format") == STORE_FORMAT else None


CURRENT_MARK = encode_json({"meta": mark()})[:-2]  # how a head of this version begins: it writes its mark first


def _is_current(catalog: Path) -> bool:
    """Whether the catalog is a head of this version, from its first bytes: every open asks, and
    parsing the head (2.4 MB at 100,000 briefs) only to read its version would double its cost."""
    try:
        with catalog.open("rb") as file:
            return file.read(len(CURRENT_MARK)) == CURRENT_MARK
    except OSError:
        return False


def _peek(path: Path) -> dict[str, Any] | None:
    """The file's tables, or None when there is no such file or it is not one (opening it says why)."""
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("meta", {}), dict) else None


def _read(path: Path) -> dict[str, Any]:
    try:
        data = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as error:
        raise refusal(path, f"not valid JSON ({error}); the upgrade to store version {CATALOG_VERSION} stopped, nothing was lost") from None
    if not isinstance(data, dict):
        raise refusal(path, "the top level is not an object of tables")
    return data
