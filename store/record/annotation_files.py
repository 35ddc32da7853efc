"""The annotations on disk: a small head, `annotations.json`, and the annotations in shard files by brief.

One file of every annotation (head version 2) made each tag key rewrite all of them, and made a
process that met another's write parse all of them again: 7 ms at 1,000 annotations, and a tag key
with another process tagging every 20 ms took 18 ms. Now (head version 3):

- `annotations/07-<stamp>.json` (a shard) holds the annotations of the briefs whose ids hash to
  shard 7 of `SHARDS`, TinyDB-shaped (`{"annotations": {"1": record, ...}}`). A shard file is never
  changed: a write makes a new one, with a new stamp.
- `annotations.json` (the head) holds the tag set, the compare regrouping, the reviewed briefs, the
  file of each shard and, for each shard, how many tagged claims each of its briefs has: what the
  reader's list shows, so its first screen reads no shard (at 1,000 annotations reading all 61 took
  ~10 ms of start-up, and it grew with the annotations). The counts are derived: a head without
  them (an older newsbrief wrote it) or with counts of another shape is read as one without, the
  counts are made from the shards, and the next write puts them back.

A write writes the new files of the shards it touches, then the head, atomically: that rename is
the moment the annotations change, so a crash before it leaves them as they were and a shard
nobody lists. A write deletes the shard files that neither the new head nor the one before it
(kept as `annotations.json.bak`) lists, so the backup head can be restored whole; a process that
read an older head and finds a shard gone reads the head again.

A version-2 head is read as it is (read-only) and turned into shards at the first writable open,
under the store's lock; the version-2 file stays as `annotations.json.bak`. A newsbrief of before
version 3 refuses a version-3 head in one line rather than see no annotations in it.
"""

from __future__ import annotations

import errno
import secrets
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store.model import Annotation
from store.persist.db import STORE_FORMAT
from store.persist.record_shapes import record_problem
from store.persist.storage import AtomicJSONStorage, FileIdentity, atomic_write_bytes, encode_json, identity_of, refusal

ANNOTATIONS_FILE = "annotations.json"
SHARD_FOLDER = "annotations"
SHARDS = 64  # 1,000 annotations: ~8 KB a shard; 100,000: ~800 KB, what one file of 1,000 was
HEAD_VERSION = 3  # 2: every annotation in the head itself
READ_RETRIES = 5  # heads read again when another process's writes deleted a shard between a head and its shards

Record = Mapping[str, Any]
Tables = dict[str, dict[str, Any]]


def shard_of(article_id: str) -> int:
    """The shard of a brief's annotations: a stable hash, so every process puts them in the same one."""
    return zlib.crc32(article_id.encode("utf-8")) % SHARDS


@dataclass
class Head:
    """What the head file says: its tables (tags, compare, reviewed) and where the annotations are."""

    tables: Tables = field(default_factory=dict)
    files: dict[int, str] = field(default_factory=dict)  # shard -> its file in SHARD_FOLDER
    inline: list[Record] | None = None  # a version-2 head's own annotations
    tagged: dict[int, dict[str, int]] | None = None  # shard -> brief -> tagged claims; None: not in the head
    identity: FileIdentity | None = None  # of the file read; None when there was none

    def single(self, table: str) -> dict[str, Any] | None:
        """The one document of a table that holds one (tags, compare, reviewed), or None."""
        docs = list(self.tables.get(table, {}).values())
        return docs[0] if docs else None


class AnnotationFiles:
    """Reading and writing the head and the shards of one store folder."""

    def __init__(self, folder: Path, *, readonly: bool) -> None:
        self.head_path = Path(folder) / ANNOTATIONS_FILE
        self.shard_folder = Path(folder) / SHARD_FOLDER
        self.readonly = readonly

    def changed_since(self, head: Head) -> bool:
        return identity_of(self.head_path) != head.identity

    def read_head(self) -> Head:
        storage = AtomicJSONStorage(self.head_path, readonly=True)
        data = storage.read()
        identity = storage.identity
        if data is None:
            return Head(identity=None)
        meta = list(data.get("meta", {}).values())
        if not meta:
            raise refusal(self.head_path, f"a TinyDB file of another program (tables {sorted(data)})")
        if meta[0].get("format") != STORE_FORMAT:
            raise refusal(self.head_path, "not a newsbrief store file (no newsbrief format mark)")
        version = meta[0].get("version")
        tables = {name: docs for name, docs in data.items() if name not in ("meta", "annotations", "shards")}
        if version == 2:
            return Head(tables, inline=_checked(self.head_path, data.get("annotations", {})), identity=identity)
        if version != HEAD_VERSION:
            raise refusal(self.head_path, f"annotations version {version!r}; this newsbrief reads versions 2 and {HEAD_VERSION}")
        shards: dict[str, Any] = next(iter(data.get("shards", {}).values()), {})
        listing = shards.get("files", {})
        if not isinstance(listing, dict) or not all(number.isdigit() and type(name) is str for number, name in listing.items()):
            raise refusal(self.head_path, "its shard listing is not an object of shard numbers and file names")
        return Head(tables, {int(number): name for number, name in listing.items()}, tagged=_tagged_of(shards.get("tagged")), identity=identity)

    def read_shard(self, name: str) -> list[Record]:
        """The records of one shard file; FileNotFoundError when a later write has deleted it."""
        path = self.shard_folder / name
        storage = AtomicJSONStorage(path, readonly=True)
        data = storage.read()
        if data is None or storage.identity is None:
            raise FileNotFoundError(errno.ENOENT, "no such shard", str(path))
        return _checked(path, data.get("annotations", {}))

    def write_shard(self, number: int, records: Iterable[Record]) -> str:
        """A new file for shard `number`; it counts only once a head lists it."""
        self.shard_folder.mkdir(exist_ok=True)
        name = f"{number:02}-{secrets.token_hex(6)}.json"
        docs = {str(doc_id): record for doc_id, record in enumerate(records, 1)}
        atomic_write_bytes(self.shard_folder / name, encode_json({"meta": _mark(), "annotations": docs}))
        return name

    def write_head(self, tables: Tables, files: Mapping[int, str], tagged: Mapping[int, Mapping[str, int]]) -> FileIdentity | None:
        """The new head, atomically, the one before kept as `.bak`; the identity of the file written."""
        listing = {"files": {str(n): name for n, name in sorted(files.items())}, "tagged": {str(n): dict(counts) for n, counts in sorted(tagged.items()) if counts}}
        data = {"meta": _mark(), **tables, "shards": {"1": listing}}
        storage = AtomicJSONStorage(self.head_path, readonly=self.readonly)
        storage.write(data)
        return storage.identity

    def delete_unlisted(self, *listings: Mapping[int, str]) -> None:
        """Delete the shard files none of `listings` names (the new head's and the backup's)."""
        kept = {name for listing in listings for name in listing.values()}
        if self.shard_folder.is_dir():
            for path in self.shard_folder.glob("*.json"):
                if path.name not in kept:
                    path.unlink(missing_ok=True)


def tagged_counts(records: Iterable[Record]) -> dict[str, int]:
    """How many tagged claims each brief of one shard's records has (briefs with none left out)."""
    counts: dict[str, int] = {}
    for record in records:
        if record["tags"]:
            counts[record["article_id"]] = counts.get(record["article_id"], 0) + 1
    return counts


def _tagged_of(listing: Any) -> dict[int, dict[str, int]] | None:
    """The head's tagged counts if they have their shape: {shard: {brief id: count}}; else None."""
    if not isinstance(listing, dict):
        return None
    tagged = {}
    for number, counts in listing.items():
        if not (number.isdigit() and isinstance(counts, dict) and all(type(count) is int and count > 0 for count in counts.values())):
            return None
        tagged[int(number)] = counts
    return tagged


def _checked(path: Path, docs: Mapping[str, Any]) -> list[Record]:
    """The annotation records of a file, or its refusal naming the first record and field that is wrong."""
    for doc_id, record in docs.items():
        problem = record_problem(record, Annotation) or _span_or_tags_problem(record)
        if problem:
            raise refusal(path, f"annotation {doc_id}: {problem}")
    return list(docs.values())


def _span_or_tags_problem(record: Record) -> str | None:
    if not 0 <= record["start"] <= record["end"]:
        return f"span {record['start']}:{record['end']}; expected 0 <= start <= end"
    if not all(type(tag) is str for tag in record["tags"]):
        return "field 'tags' holds a value that is not a string; expected a list of tag names"
    return None


def _mark() -> dict[str, dict[str, Any]]:
    return {"1": {"format": STORE_FORMAT, "version": HEAD_VERSION}}
