"""The catalog: what the list shows of every brief, in columns, one segment per volume, read at open.

At 100,000 briefs a catalog of one JSON object per brief took 0.35 s to parse, 0.42 s to turn into
records and 0.38 s to sort before the first screen, and every import batch rewrote all 27 MB of it.
So (store version 3):

- `catalog/00012.json` (a segment) holds the summaries of the briefs whose bodies are in volume 12
  (`store.persist.shelf`), as columns: a list of ids, a list of titles, ... Columns parse several
  times faster than as many objects, and a `Summary` is built only for a row someone looks at.
  A write touches the segments of the volumes it touches: an import batch appends to the last
  segment and starts new ones; it never rewrites the catalog whole.
- each segment keeps, for every brief, its `date_key` (`store.model.date_key`): the list's default
  order as one string, computed once when the brief is written, never at start-up.
- `catalog.json` (the head) holds the store's mark and the briefs in that order, as positions in
  the segments read in number order, with the stamp of each segment it was computed from. Opening
  reads it instead of sorting; a head whose stamps disagree with the segments (a crash between
  their writes, or a read in the middle of another process's write) is not used: the order is
  sorted again from the date keys, a string comparison each.

Every file is written atomically (`store.persist.storage`), the segments first and the head last.
"""

from __future__ import annotations

import secrets
from collections.abc import ItemsView, Iterable, Iterator, Mapping, ValuesView
from dataclasses import replace
from itertools import chain
from pathlib import Path
from typing import Any

from store.model import Summary, date_key
from store.persist.db import STORE_FORMAT
from store.persist.storage import AtomicJSONStorage, refusal

CATALOG_FILE = "catalog.json"
SEGMENT_FOLDER = "catalog"
CATALOG_VERSION = 3  # of the store as a whole, carried by the head; its TinyDB files stay at db.STORE_VERSION
COLUMNS = ("id", "title", "published", "published_inferred", "source", "figure_count", "url", "not_before", "date_key")

Columns = dict[str, list[Any]]


def segment_path(folder: Path, number: int) -> Path:
    return folder / SEGMENT_FOLDER / f"{number:05}.json"


def mark(version: int = CATALOG_VERSION) -> dict[str, dict[str, Any]]:
    return {"1": {"format": STORE_FORMAT, "version": version}}


def columns_of(summaries: Iterable[Summary]) -> Columns:
    columns: Columns = {name: [] for name in COLUMNS}
    for s in summaries:
        for name, value in zip(COLUMNS, (s.id, s.title, s.published, s.published_inferred, s.source, s.figure_count, s.url, s.not_before)):
            columns[name].append(value)
        columns["date_key"].append(date_key(s.published, s.not_before, s.title))
    return columns


def segment_data(columns: Columns) -> dict[str, dict[str, Any]]:
    """A segment as it is written: the mark, a stamp that is new with every write, the columns."""
    return {"meta": mark(), "segment": {"1": {"stamp": secrets.token_hex(8), "columns": columns}}}


def head_data(order: list[int], stamps: dict[str, str]) -> dict[str, dict[str, Any]]:
    return {"meta": mark(), "order": {"1": {"by_date": order, "stamps": stamps}}}


def sorted_positions(keys: list[str]) -> list[int]:
    """Positions of the briefs in date order (stable: the same key keeps catalog order)."""
    return sorted(range(len(keys)), key=keys.__getitem__)


class Segment:
    """The columns of one segment file, as read (or last written) by this process."""

    def __init__(self, path: Path, *, readonly: bool) -> None:
        self.storage = AtomicJSONStorage(path, readonly=readonly)
        data = self.storage.read()
        self.stamp, self.columns = _segment_of(path, data)

    @property
    def ids(self) -> list[str]:
        ids: list[str] = self.columns["id"]
        return ids

    def summary(self, row: int) -> Summary:
        c = self.columns
        return Summary(
            c["id"][row], c["title"][row], c["published"][row], c["published_inferred"][row], c["source"][row], c["figure_count"][row],
            url=c["url"][row], not_before=c["not_before"][row],
        )

    def summaries(self) -> list[Summary]:
        return [self.summary(row) for row in range(len(self.ids))]

    def write(self, summaries: list[Summary]) -> None:
        data = segment_data(columns_of(summaries))
        self.storage.write(data)
        self.stamp, self.columns = _segment_of(self.storage.path, data)


def _segment_of(path: Path, data: dict[str, dict[str, Any]] | None) -> tuple[str, Columns]:
    if data is None:
        return "", {name: [] for name in COLUMNS}
    _check_mark(path, data)
    body = data.get("segment", {}).get("1")
    columns = body.get("columns") if isinstance(body, dict) else None
    if not isinstance(columns, dict) or any(not isinstance(columns.get(name), list) for name in COLUMNS):
        raise refusal(path, f"a catalog segment without its columns ({', '.join(COLUMNS)})")
    if len({len(columns[name]) for name in COLUMNS}) != 1:
        raise refusal(path, "a catalog segment whose columns differ in length")
    return str(body.get("stamp", "")), columns  # type: ignore[union-attr]  # body is a dict when columns is


def _check_mark(path: Path, data: dict[str, dict[str, Any]]) -> None:
    if "meta" not in data and data:
        raise refusal(path, f"a TinyDB file of another program (tables {sorted(data)})")
    meta = next(iter(data.get("meta", {}).values()), None)
    if not isinstance(meta, dict) or meta.get("format") != STORE_FORMAT:
        raise refusal(path, "not a newsbrief store file (no newsbrief format mark)")
    if meta.get("version") != CATALOG_VERSION:
        hint = "; open it once for writing (e.g. `newsbrief search --rebuild`) to upgrade it" if meta.get("version") in (1, 2) else ""
        raise refusal(path, f"store version {meta.get('version')!r}; this newsbrief reads version {CATALOG_VERSION}{hint}")


class Catalog:
    """Every brief's summary, by segment; the order by date; and the volume of each brief."""

    def __init__(self, folder: Path, *, readonly: bool) -> None:
        self.folder = folder
        self.readonly = readonly
        self._head = AtomicJSONStorage(folder / CATALOG_FILE, readonly=readonly)
        self._segments: dict[int, Segment] = {}
        self._every: dict[str, Summary] | None = None
        self._read()

    def _read(self) -> None:
        self._every = None
        head = self._head.read()
        if head is None:
            if not self.readonly:
                self._head.write(head_data([], {}))
            head = {}
        else:
            _check_mark(self._head.path, head)
        kept = {number: segment for number, segment in self._segments.items() if not segment.storage.changed_on_disk()}
        self._segments = {}
        for path in sorted((self.folder / SEGMENT_FOLDER).glob("[0-9]*.json")):
            number = int(path.stem)
            self._segments[number] = kept.get(number) or Segment(path, readonly=self.readonly)
        self.volume_of: dict[str, int] = {}
        for number, segment in self._segments.items():
            self.volume_of.update(dict.fromkeys(segment.ids, number))
        order = head.get("order", {}).get("1", {})
        stamps = {str(number): segment.stamp for number, segment in self._segments.items()}
        self._by_date: list[int] | None = order.get("by_date") if order.get("stamps") == stamps else None

    def changed_on_disk(self) -> bool:
        return self._head.changed_on_disk() or any(segment.storage.changed_on_disk() for segment in self._segments.values())

    def refresh(self) -> bool:
        """Read again what another process wrote since (only the segments it replaced); whether it wrote."""
        if not self.changed_on_disk():
            return False
        self._head = AtomicJSONStorage(self.folder / CATALOG_FILE, readonly=self.readonly)
        self._read()
        return True

    # --- reading --------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.volume_of)

    def ids(self) -> Iterator[str]:
        """Every id in catalog order: segment by segment, each in the order its briefs were added."""
        return chain.from_iterable(segment.ids for segment in self._segments.values())

    def summary(self, article_id: str) -> Summary:
        """One brief's summary (KeyError when the catalog does not list it)."""
        if self._every is not None:
            return self._every[article_id]
        segment = self._segments[self.volume_of[article_id]]
        return segment.summary(segment.ids.index(article_id))

    def sizes(self) -> dict[int, int]:
        return {number: len(segment.ids) for number, segment in self._segments.items()}

    def by_date(self) -> list[str]:
        """Every id in the list's default order, read from the head (sorted again when it is stale)."""
        ids = list(self.ids())
        if self._by_date is None or len(self._by_date) != len(ids):
            self._by_date = sorted_positions(list(chain.from_iterable(s.columns["date_key"] for s in self._segments.values())))
        return [ids[position] for position in self._by_date]

    def date_key(self, article_id: str) -> str:
        segment = self._segments[self.volume_of[article_id]]
        key: str = segment.columns["date_key"][segment.ids.index(article_id)]
        return key

    # --- writing (the store's lock held) --------------------------------------------------------

    def write(self, changed: Mapping[int, list[Summary]]) -> None:
        """Replace the summaries of these volumes' segments (in their order), then the head."""
        (self.folder / SEGMENT_FOLDER).mkdir(exist_ok=True)
        try:
            for number, summaries in sorted(changed.items()):
                segment = self._segments.get(number)
                if segment is None:
                    segment = self._segments[number] = Segment(segment_path(self.folder, number), readonly=self.readonly)
                segment.write(summaries)
            self._segments = dict(sorted(self._segments.items()))
            self._every = None
            self.volume_of = {}
            for number, segment in self._segments.items():
                self.volume_of.update(dict.fromkeys(segment.ids, number))
            self._by_date = sorted_positions(list(chain.from_iterable(s.columns["date_key"] for s in self._segments.values())))
            stamps = {str(number): segment.stamp for number, segment in self._segments.items()}
            self._head.write(head_data(self._by_date, stamps))
        except BaseException:
            self._head = AtomicJSONStorage(self.folder / CATALOG_FILE, readonly=self.readonly)
            self._segments = {}
            self._read()  # back to what is on disk
            raise

    def segment_summaries(self, number: int) -> list[Summary]:
        segment = self._segments.get(number)
        return segment.summaries() if segment is not None else []

    def every_summary(self) -> dict[str, Summary]:
        """Every summary built, for a writer that passes over all of them (built once between writes)."""
        if self._every is None:
            self._every = {s.id: s for segment in self._segments.values() for s in segment.summaries()}
        return self._every


class Listing(Mapping[str, Summary]):
    """The catalog's summaries by id, each built when asked for, with its count of tagged claims.

    What the list and the commands read instead of a dict of 100,000 `Summary` records; `by_date`
    is the list's default order without a sort.
    """

    def __init__(self, catalog: Catalog, tag_counts: Mapping[str, int] | None = None) -> None:
        self._catalog = catalog
        self._tags = tag_counts or {}

    def with_tag_counts(self, tag_counts: Mapping[str, int]) -> Listing:
        return Listing(self._catalog, tag_counts)

    def __getitem__(self, article_id: str) -> Summary:
        summary = self._catalog.summary(article_id)
        tags = self._tags.get(article_id, 0)
        return replace(summary, tag_count=tags) if tags else summary

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._catalog.volume_of

    def __iter__(self) -> Iterator[str]:
        return self._catalog.ids()

    def __len__(self) -> int:
        return len(self._catalog)

    def values(self) -> ValuesView[Summary]:
        self._catalog.every_summary()  # a pass over all: each built once, not looked up in its segment
        return super().values()

    def items(self) -> ItemsView[str, Summary]:
        self._catalog.every_summary()
        return super().items()

    def by_date(self) -> list[str]:
        return self._catalog.by_date()

    def date_key(self, article_id: str) -> str:
        return self._catalog.date_key(article_id)
