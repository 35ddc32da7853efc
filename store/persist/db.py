"""Opening one of the store's TinyDB files: atomic storage, and a mark that says the file is ours.

A file without our mark is refused, never overwritten: a foreign or damaged file gets one line
naming it and what is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from store.persist.storage import AtomicJSONStorage, refusal

STORE_FORMAT = "newsbrief-store"
STORE_VERSION = 2  # 2: bodies in volumes filled in import order (1: 16 shards by id); store.persist.migrate upgrades
MARK = {"format": STORE_FORMAT, "version": STORE_VERSION}  # the meta table's one document


def open_db(path: Path, *, readonly: bool) -> TinyDB:
    """The TinyDB file at `path`, checked for our mark; a new file gets the mark when writable."""
    db = TinyDB(path, storage=AtomicJSONStorage, readonly=readonly)
    if not check_mark(path, storage_of(db).read() or {}, readonly=readonly) and not readonly:
        db.table("meta").insert(MARK)
    return db


def check_mark(path: Path, tables: Mapping[str, Mapping[str, Any]], *, readonly: bool) -> bool:
    """Refuse a store file without our mark, of another version, or of another program in one line;
    whether it has the mark (False: a new file, which gets it at its first write)."""
    meta = list(tables.get("meta", {}).values())
    if not meta:
        if tables:
            raise refusal(path, f"a TinyDB file of another program (tables {sorted(tables)})")
        return False
    if meta[0].get("format") != STORE_FORMAT:
        raise refusal(path, "not a newsbrief store file (no newsbrief format mark)")
    if meta[0].get("version") != STORE_VERSION:
        hint = "; open it once for writing (e.g. `newsbrief search --rebuild`) to upgrade it" if meta[0].get("version") == 1 and readonly else ""
        raise refusal(path, f"store version {meta[0].get('version')!r}; this newsbrief reads version {STORE_VERSION}{hint}")
    return True


def storage_of(db: TinyDB) -> AtomicJSONStorage:
    storage = db.storage
    assert isinstance(storage, AtomicJSONStorage)
    return storage
